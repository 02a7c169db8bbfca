"""No personal data anywhere in the API: every endpoint, list and detail, first and next page.

The endpoints come from the OpenAPI description, so an endpoint added later is walked too.
The data has people with e-mail addresses and phone numbers, project roles, registrations
(also a guest's), an invitation, a ballot, an event's video link and dial-in number, and an
indicator value's review comment with a phone number and an address.
"""

import re

import pytest

from samverka.api.api import api as open_api

from .conftest import EMAIL, PHONE

pytestmark = pytest.mark.django_db

DETAIL_EXAMPLES = {"case_number": "20200181"}


def test_the_patterns_find_what_they_look_for():
    assert re.search(EMAIL, '{"x": "alva@example.org"}')
    for phone in ["070-123 45 67", "+46 8 123 456 78", "08-465 004 50", "0701234567"]:
        assert re.search(PHONE, f'"{phone}"'), phone
    for harmless in ['"20200181"', '"556036-0793"', '"2026-12-05T04:47:44.320Z"', '"10000000.00"']:
        assert not re.search(PHONE, harmless), harmless


def answers(client):
    """Every endpoint's answer, and for lists the next page's too (one item a page)."""
    for path, operations in open_api.get_openapi_schema(path_prefix="/api/v1")["paths"].items():
        url = re.sub(r"\{(\w+)\}", lambda match: DETAIL_EXAMPLES[match.group(1)], path)
        paged = any(parameter["name"] == "limit" for parameter in operations["get"].get("parameters", []))
        response = client.get(url, {"limit": 1} if paged else {})
        assert response.status_code == 200, (url, response.content)
        yield url, response.content.decode()
        following = paged and response.json()["next"]
        if following:
            yield following, client.get(following).content.decode()


def test_no_email_address_or_phone_number_in_any_answer(client, network):
    walked = 0
    for url, body in answers(client):
        walked += 1
        assert not re.search(EMAIL, body), (url, re.search(EMAIL, body))
        assert not re.search(PHONE, body), (url, re.search(PHONE, body))
        for secret in ["video.example.org", "Alva Ledare", "Gustav", "4455", "640123-4561"]:
            assert secret not in body, (url, secret)
    assert walked >= 22  # 15 endpoints, and the second page of the 7 lists with more than one item
