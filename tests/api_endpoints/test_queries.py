"""A fixed number of queries per endpoint, the same for one row as for many (pinned as literals)."""

import datetime

import pytest
from django.utils import timezone

from .conftest import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(network, make_project, county, other_portfolio):
    """Twenty more projects, events, knowledge items, news and approved values, each with their lists filled."""
    from samverka.knowledge.models import KnowledgeItem, NewsItem, Tag
    from samverka.meetings.models import Event
    from samverka.registry.models import CoFinancing
    from samverka.results.models import Indicator, IndicatorValue

    now = timezone.now()
    tag = Tag.objects.create(name="mycket", slug="mycket")
    for n in range(20):
        project = make_project(title=f"Projekt {n}")
        CoFinancing.objects.create(project=project, financier=f"Kommun {n}", amount=1000)
        event = Event.objects.create(title=f"Träff {n}", starts_at=now, ends_at=now + datetime.timedelta(hours=1),
                                     status=Event.Status.PUBLISHED)
        event.invited_portfolios.add(other_portfolio)
        item = KnowledgeItem.objects.create(title=f"Tips {n}", lead="…", status="published", published_at=now)
        item.projects.add(project)
        item.tags.add(tag)
        news = NewsItem.objects.create(title=f"Nyhet {n}", lead="…", status="published", publish_at=now)
        news.portfolios.add(other_portfolio)
        IndicatorValue.objects.create(project=project, indicator=Indicator.objects.get(code="CO34"), kind="achieved",
                                      value=n, reference_date=datetime.date(2021, 1, 1), status="approved",
                                      reviewed_at=now)


ENDPOINTS = [
    ("/periods", {}, 1),
    ("/programmes", {}, 1),
    ("/regions", {}, 1),
    ("/themes", {}, 1),
    ("/portfolios", {}, 1),
    ("/organisations", {}, 1),
    ("/projects", {}, 2),  # the page with its joins, the counties
    ("/projects", {"portfolio": "fornybar-energi", "county": "25", "period": "2014-2020"}, 5),  # + a look-up each
    ("/events", {}, 2),
    ("/events", {"portfolio": "fornybar-energi"}, 3),
    ("/knowledge", {}, 5),  # items, projects, portfolios, tags, attachments
    ("/news", {}, 4),  # items, portfolios, tags, attachments
    ("/indicators", {}, 1),
    ("/indicator-values", {}, 1),
    ("/indicator-values", {"portfolio": "fornybar-energi", "county": "25"}, 3),
    # The statistics page's own figures, computed whole when none are kept (every part, a fixed
    # number of queries) and then kept (test_statistics_come_from_the_kept_figures).
    ("/statistics/funding", {}, 14),
    ("/statistics/indicators", {}, 14),
]


@pytest.mark.parametrize(("path", "params", "queries"), ENDPOINTS)
def test_one_row(client, network, django_assert_num_queries, path, params, queries):
    with django_assert_num_queries(queries):
        assert client.get(api(path), params).status_code == 200


@pytest.mark.parametrize(("path", "params", "queries"), ENDPOINTS)
def test_many_rows(client, network, many, django_assert_num_queries, path, params, queries):
    with django_assert_num_queries(queries):
        assert client.get(api(path), params).status_code == 200


def test_next_page_costs_the_same(client, network, many, django_assert_num_queries):
    following = client.get(api("/projects"), {"limit": 5}).json()["next"]
    with django_assert_num_queries(2):
        assert len(client.get(following).json()["items"]) == 5


@pytest.mark.parametrize("rows", ["one", "many"])
def test_project_detail(client, network, request, django_assert_num_queries, rows):
    if rows == "many":
        request.getfixturevalue("many")
    # the project (with its joins), counties, municipalities, co-financing
    with django_assert_num_queries(4):
        assert client.get(api("/projects/20200181")).status_code == 200


@pytest.mark.parametrize("path", ["/statistics/funding", "/statistics/indicators"])
def test_statistics_come_from_the_kept_figures(client, network, many, django_assert_num_queries, path):
    first = client.get(api(path))
    with django_assert_num_queries(0):
        again = client.get(api(path))
    assert again.json() == first.json()
