"""Which confirmed subscriptions want an item: news by portfolio, knowledge items by kind,
portfolio and their projects' regions, events by kind and invited portfolio; empty means all."""

import datetime

import pytest
from django.utils import timezone

from samverka.knowledge.subscriptions import Followers, facts_for_event, facts_for_knowledge, facts_for_news

pytestmark = pytest.mark.django_db


def wanting(facts):
    return sorted(s.email for s in Followers.load().wanting(facts))


def test_news_by_portfolio(make_subscription, make_news, portfolio, other_portfolio):
    make_subscription("all@example.net")
    make_subscription("energy@example.net", portfolios=[portfolio])
    make_subscription("transport@example.net", portfolios=[other_portfolio])
    make_subscription("tips@example.net", kinds=("tip",))
    assert wanting(facts_for_news(make_news(portfolios=[portfolio]))) == ["all@example.net", "energy@example.net"]


def test_news_for_the_whole_network_reaches_every_news_follower(make_subscription, make_news, portfolio):
    make_subscription("all@example.net")
    make_subscription("energy@example.net", portfolios=[portfolio])
    make_subscription("tips@example.net", kinds=("tip",))
    assert wanting(facts_for_news(make_news())) == ["all@example.net", "energy@example.net"]


def test_a_region_choice_does_not_hide_news(make_subscription, make_news, area):
    make_subscription("north@example.net", regions=[area])
    assert wanting(facts_for_news(make_news())) == ["north@example.net"]


def test_unconfirmed_subscriptions_want_nothing(make_subscription, make_news):
    make_subscription("unconfirmed@example.net", confirmed_at=None)
    assert wanting(facts_for_news(make_news())) == []


def test_nothing_published_before_the_confirmation(make_subscription, make_news):
    make_subscription("new@example.net", confirmed_at=timezone.now())
    old = make_news(publish_at=timezone.now() - datetime.timedelta(hours=1))
    assert wanting(facts_for_news(old)) == []


def test_knowledge_by_kind(make_subscription, make_item):
    make_subscription("tips@example.net", kinds=("tip",))
    make_subscription("results@example.net", kinds=("result", "news"))
    assert wanting(facts_for_knowledge(make_item(kind="result"))) == ["results@example.net"]


def test_knowledge_by_its_own_portfolio_or_its_projects(make_subscription, make_item, make_project, portfolio, other_portfolio):
    make_subscription("energy@example.net", kinds=("tip",), portfolios=[portfolio])
    make_subscription("transport@example.net", kinds=("tip",), portfolios=[other_portfolio])
    tagged = make_item(portfolios=[other_portfolio])
    by_project = make_item(projects=[make_project(portfolio=portfolio)])
    assert wanting(facts_for_knowledge(tagged)) == ["transport@example.net"]
    assert wanting(facts_for_knowledge(by_project)) == ["energy@example.net"]


def test_knowledge_by_programme_area_and_county(make_subscription, make_item, make_project, area, other_area, county):
    from samverka.registry.models import Region

    skane = Region.objects.create(kind=Region.Kind.COUNTY, code="12", name="Skåne län", slug="skane-lan", parent=other_area)
    make_subscription("area@example.net", kinds=("tip",), regions=[area])
    make_subscription("county@example.net", kinds=("tip",), regions=[county])
    make_subscription("south@example.net", kinds=("tip",), regions=[other_area])
    make_subscription("everywhere@example.net", kinds=("tip",))
    northern = make_item(projects=[make_project(area=area, counties=[county])])
    assert wanting(facts_for_knowledge(northern)) == [
        "area@example.net", "county@example.net", "everywhere@example.net"
    ]
    # A project whose area is left out still lies in the area of its county.
    in_skane = make_item(projects=[make_project(area=None, counties=[skane])])
    assert wanting(facts_for_knowledge(in_skane)) == ["everywhere@example.net", "south@example.net"]


def test_knowledge_without_projects_reaches_every_region(make_subscription, make_item, area):
    make_subscription("area@example.net", kinds=("model",), regions=[area])
    assert wanting(facts_for_knowledge(make_item(kind="model"))) == ["area@example.net"]


def test_events_by_kind_and_invited_portfolio(make_subscription, make_event, portfolio, other_portfolio):
    make_subscription("webinars@example.net", kinds=("event:webinar",))
    make_subscription("energy-webinars@example.net", kinds=("event:webinar",), portfolios=[portfolio])
    make_subscription("transport-webinars@example.net", kinds=("event:webinar",), portfolios=[other_portfolio])
    make_subscription("meetings@example.net", kinds=("event:leader_meeting",))
    make_subscription("news@example.net", kinds=("news",))
    event = make_event(portfolios=[portfolio])
    assert wanting(facts_for_event(event)) == ["energy-webinars@example.net", "webinars@example.net"]


def test_an_event_for_everyone_reaches_every_portfolio(make_subscription, make_event, portfolio):
    make_subscription("energy-webinars@example.net", kinds=("event:webinar",), portfolios=[portfolio])
    assert wanting(facts_for_event(make_event())) == ["energy-webinars@example.net"]


def test_followers_read_in_three_queries_however_many(make_subscription, portfolio, area, django_assert_num_queries):
    for n in range(30):
        make_subscription(f"person{n}@example.net", portfolios=[portfolio], regions=[area])
    with django_assert_num_queries(3):
        followers = Followers.load()
    assert len(followers.subscriptions) == 30
