"""The statistics pages and the indicator pages in Chromium, axe-core on each in both languages;
the SEK/EUR switch by keyboard."""

import datetime
from decimal import Decimal

import pytest

from tests.browser.conftest import browser, visitor  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db, make_project, other_portfolio, area, county):
    from django.utils import timezone

    from samverka.accounts.models import User
    from samverka.registry.models import CoFinancing, ProjectRole
    from samverka.results.management.commands.load_indicators import load_indicators
    from samverka.results.models import Indicator, IndicatorValue

    load_indicators()
    co34 = Indicator.objects.get(code="CO34")
    project = make_project(title="Vätgas i Norrbotten", total_budget=Decimal("11000000"), eu_funding=Decimal("4400000"))
    other = make_project(title="Laddinfra i Luleå", portfolio=other_portfolio, eu_funding=Decimal("1100000"))
    CoFinancing.objects.create(project=project, financier="Region Norrbotten", amount=Decimal("3000000"))
    IndicatorValue.objects.create(
        project=project, indicator=co34, kind="target", value=Decimal("1000"), reference_date=datetime.date(2019, 1, 1),
        status="approved", reviewed_at=timezone.now(),
    )
    IndicatorValue.objects.create(
        project=other, indicator=co34, kind="achieved", value=Decimal("120"), reference_date=datetime.date(2021, 1, 1),
    )
    leader = User.objects.create_user(email="alva@example.org", name="Alva Ledare")
    ProjectRole.objects.create(project=project, person=leader, role="leader")
    cora = User.objects.create_user(email="cora@example.org", name="Cora Koordinator", is_staff=True)
    return {"project": project, "leader": leader, "cora": cora}


def become(visitor, person):
    from django.conf import settings
    from django.test import Client

    context = visitor.page.context
    context.clear_cookies()
    client = Client()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": visitor.base_url}])


def test_switch_to_euros_and_back(visitor, setting, settings):
    settings.EUR_RATE = Decimal("11")
    page = visitor.page
    visitor.goto("/en/statistik/")
    assert "SEK 5,500,000" in page.locator(".key-figures").inner_text()
    page.get_by_role("link", name="Amounts in EUR").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visitor.check()
    assert "EUR 500,000" in page.locator(".key-figures").inner_text()
    assert page.get_by_role("link", name="Amounts in EUR").get_attribute("aria-current") == "true"
    with page.expect_navigation():
        page.get_by_role("link", name="Amounts in SEK").click()
    assert "SEK 5,500,000" in page.locator(".key-figures").inner_text()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_statistics_pages_pass_axe(visitor, setting, prefix):
    visitor.goto(f"{prefix}/statistik/")
    visitor.goto(f"{prefix}/statistik/?currency=EUR")
    visitor.goto(f"{prefix}/statistik/karta/")
    visitor.goto(f"{prefix}/statistik/karta/?level=county&measure=projects")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_indicator_pages_pass_axe(visitor, setting, prefix):
    project = setting["project"]
    become(visitor, setting["leader"])
    visitor.goto(f"{prefix}/projekt/{project.pk}/indikatorer/")
    page = visitor.page
    page.select_option("#id_indicator", label=page.locator("#id_indicator option", has_text="CO34").inner_text())
    page.fill("#id_value", "12 MWh")
    page.fill("#id_reference_date", "2021-12-31")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    visitor.check()  # the error state
    assert page.locator(".error-message").count() == 1
    become(visitor, setting["cora"])
    visitor.goto(f"{prefix}/indikatorer/granska/")
    page.locator("input[type=radio][value=return]").first.check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    visitor.check()  # the error state: a return needs a comment
