"""Keyset pages with signed cursors: every row once, in order; forged, stale and foreign cursors refused."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing

from samverka.api import cursors

from .conftest import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(make_project):
    # Several projects share a start date, so the id decides between them.
    return [
        make_project(title=f"Projekt {n}", start_date=datetime.date(2019, 1 + n % 3, 1))
        for n in range(7)
    ]


def walk(client, path, **params):
    pages, url = [], api(path) + "?" + "&".join(f"{k}={v}" for k, v in params.items())
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([item["case_number"] for item in body["items"]])
        url = body["next"]
    return pages


def test_pages_cover_every_project_once_in_list_order(client, projects):
    pages = walk(client, "/projects", limit=3)
    assert [len(page) for page in pages] == [3, 3, 1]
    ordered = sorted(projects, key=lambda p: (p.start_date, p.pk), reverse=True)
    assert [n for page in pages for n in page] == [p.case_number for p in ordered]


def test_a_full_last_page_has_no_next(client, projects):
    assert [len(page) for page in walk(client, "/projects", limit=7)] == [7]


def test_next_link_keeps_the_filters_and_limit(client, projects):
    body = client.get(api("/projects"), {"limit": 2, "portfolio": "fornybar-energi"}).json()
    parts = urlsplit(body["next"])
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "testserver", "/api/v1/projects")
    query = parse_qs(parts.query)
    assert (query["limit"], query["portfolio"]) == (["2"], ["fornybar-energi"])
    assert len(walk(client, "/projects", limit=2, portfolio="fornybar-energi")) == 4


def test_a_project_added_while_paging_does_not_shift_the_pages(client, projects, make_project):
    first = client.get(api("/projects"), {"limit": 3}).json()
    make_project(title="Nytt", start_date=datetime.date(2030, 1, 1), end_date=datetime.date(2031, 1, 1))
    second = client.get(first["next"]).json()
    seen = [p["case_number"] for p in first["items"] + second["items"]]
    assert len(set(seen)) == 6


def test_every_list_pages(client, network):
    for path in ["/regions", "/portfolios", "/organisations", "/events"]:
        body = client.get(api(path), {"limit": 1}).json()
        assert len(body["items"]) == 1 and body["next"], path
        assert len(client.get(body["next"]).json()["items"]) == 1, path


def cursor_of(next_link: str) -> str:
    return parse_qs(urlsplit(next_link).query)["cursor"][0]


def refused(client, cursor, **params):
    response = client.get(api("/projects"), {"cursor": cursor, **params})
    assert response.status_code == 400
    return response.json()["detail"]


def test_forged_cursor(client, projects):
    assert refused(client, "eyJrIjpbMV19:1tAbCd:forged") == "The cursor is not valid: use the 'next' link exactly as given."


def test_cursor_with_a_changed_key(client, projects):
    token = cursor_of(client.get(api("/projects"), {"limit": 2}).json()["next"])
    payload = signing.loads(token, salt=cursors.SALT)
    tampered = signing.dumps({**payload, "k": ["2019-01-01", 1]}, salt="another salt")
    assert refused(client, tampered).startswith("The cursor is not valid")


def test_stale_cursor(client, projects, monkeypatch):
    token = cursor_of(client.get(api("/projects"), {"limit": 2}).json()["next"])
    monkeypatch.setattr(cursors, "MAX_AGE", datetime.timedelta(seconds=-1))
    assert refused(client, token, limit=2) == "The cursor has expired: start again from the first page."


def test_cursor_of_other_filters(client, projects):
    token = cursor_of(client.get(api("/projects"), {"limit": 2}).json()["next"])
    assert refused(client, token, portfolio="fornybar-energi") == (
        "The cursor belongs to another query: use it with the same endpoint and filters."
    )


def test_cursor_of_another_endpoint(client, network):
    token = cursor_of(client.get(api("/regions"), {"limit": 1}).json()["next"])
    assert refused(client, token).startswith("The cursor belongs to another query")


def test_signed_cursor_with_a_key_of_the_wrong_type(client, projects):
    fingerprint = cursors._fingerprint("projects", {})
    token = signing.dumps({"q": fingerprint, "k": ["not a date", "x"]}, salt=cursors.SALT)
    assert refused(client, token) == "The cursor is not valid: use the 'next' link exactly as given."


def test_cursor_too_long(client, projects):
    response = client.get(api("/projects"), {"cursor": "x" * 1001})
    assert response.status_code == 422
    assert response.json() == {"detail": "cursor: String should have at most 1000 characters"}
