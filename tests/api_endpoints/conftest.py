"""A small network with everything the API must show and everything it must never show.

Public: projects in two portfolios and areas (one owned by a sole trader), co-financing, a
published and a cancelled event, a published knowledge item, a news item that is due, two
indicators with approved values.
Never shown: people with e-mail addresses and phone numbers, their project roles, a
registration, an invitation, a ballot, an event's video link and dial-in number, a draft event,
a draft knowledge item, draft and scheduled news, indicator values not (yet) approved, who
reported and reviewed a value and the review's comment.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

# What personal data looks like in an answer: an e-mail address or a phone number.
EMAIL = r"[\w.+-]+@[\w-]+\.[\w.-]+"
PHONE = r"(?:\+46|\b0)[\d -]{6,14}\d"


def api(path: str) -> str:
    return f"/api/v1{path}"


@pytest.fixture
def sole_trader(db):
    from samverka.registry.models import Organisation

    # A sole trader's organisation number is the owner's personal identity number (month 01 in the third digit).
    return Organisation.objects.create(name="Elin Enskild Firma", org_number="640123-4561")


@pytest.fixture
def network(make_project, project_a, project_b, leader_a, leader_b, coordinator, official, participant,
            other_portfolio, other_area, county, sole_trader):
    from samverka.accounts.models import User
    from samverka.knowledge.models import KnowledgeItem, NewsItem, Tag
    from samverka.meetings.models import Event, Invitation, Registration
    from samverka.polls.models import Ballot, Poll, PollOption, Vote
    from samverka.registry.models import CoFinancing, ProjectRole

    now = timezone.now()
    User.objects.filter(pk=leader_a.pk).update(phone="070-123 45 67", organisation_name="Norrbottens energikontor")
    User.objects.filter(pk=official.pk).update(phone="+46 8 123 456 78")
    third = make_project(
        title="Laddinfrastruktur i Skåne", case_number="20200183", portfolio=other_portfolio, area=other_area,
        owner=sole_trader, start_date=datetime.date(2021, 3, 1), end_date=datetime.date(2023, 6, 30), counties=[],
    )
    ProjectRole.objects.create(project=third, person=participant, role=ProjectRole.Role.MEMBER)
    CoFinancing.objects.create(project=project_a, financier="Region Norrbotten", kind="public", amount=Decimal("3000000.00"))
    CoFinancing.objects.create(project=project_a, financier="Exempelbolaget AB", kind="private", amount=Decimal("1000000.00"))

    meeting = Event.objects.create(
        kind=Event.Kind.LEADER_MEETING, title="Projektledarträff i november", description="Vi ses digitalt.",
        starts_at=now + datetime.timedelta(days=7), ends_at=now + datetime.timedelta(days=7, hours=3),
        status=Event.Status.PUBLISHED, video_url="https://video.example.org/j/secret-room-123",
        dial_in="Ring 08-123 456 78, kod 4455", capacity=40,
    )
    meeting.invited_portfolios.add(project_a.portfolio)
    Event.objects.create(
        kind=Event.Kind.WEBINAR, title="Inställt webbinarium", starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=30, hours=-1), status=Event.Status.CANCELLED,
        video_url="https://video.example.org/j/old-room",
    )
    Event.objects.create(
        kind=Event.Kind.WORKSHOP, title="Utkast till workshop", starts_at=now, ends_at=now + datetime.timedelta(hours=1),
        status=Event.Status.DRAFT,
    )
    Registration.objects.create(event=meeting, person=leader_a, name="Alva Ledare", email="alva@example.org",
                                project=project_a)
    Registration.objects.create(event=meeting, name="Gustav Gäst", email="gustav.gast@example.org",
                                organisation_name="Gästbolaget")
    Invitation.objects.create(event=meeting, email="bengt@example.org", person=leader_b, project=project_b)

    poll = Poll.objects.create(title="Nästa webbinarium", status=Poll.Status.PUBLISHED, opens_at=now,
                               closes_at=now + datetime.timedelta(days=7))
    option = PollOption.objects.create(poll=poll, title="Vätgas", order=0)
    Vote.objects.create(ballot=Ballot.objects.create(poll=poll, key="alva", voter=leader_a), option=option)

    tag = Tag.objects.create(name="spridning", slug="spridning")
    item = KnowledgeItem.objects.create(
        kind=KnowledgeItem.Kind.TIP, title="Tips om spridningskonferenser", lead="Bjud in tidigt.",
        body="Boka lokalen ett halvår i förväg.", status=KnowledgeItem.Status.PUBLISHED, published_at=now,
        created_by=leader_a,
    )
    item.projects.add(project_a)
    item.portfolios.add(project_a.portfolio)
    item.tags.add(tag)
    KnowledgeItem.objects.create(title="Utkast", lead="Inte klart.", created_by=leader_a)
    news = NewsItem.objects.create(
        title="Nätverket samlades i Luleå", lead="Fyrtio projekt deltog.", status=NewsItem.Status.PUBLISHED,
        publish_at=now - datetime.timedelta(days=1), created_by=coordinator,
    )
    news.portfolios.add(project_a.portfolio)
    NewsItem.objects.create(title="Kommer i morgon", lead="Schemalagd.", status=NewsItem.Status.PUBLISHED,
                            publish_at=now + datetime.timedelta(days=1))
    NewsItem.objects.create(title="Nyhetsutkast", lead="Utkast.")

    from samverka.results.models import Indicator, IndicatorValue

    co34 = Indicator.objects.create(code="CO34", name_sv="Minskade växthusgasutsläpp", name_en="GHG emissions reduced",
                                    unit_sv="ton CO2-ekvivalenter", unit_en="tonnes of CO2eq", kind="output",
                                    period="2014-2020")
    co01 = Indicator.objects.create(code="CO01", name_sv="Företag som får stöd", name_en="Enterprises supported",
                                    unit_sv="företag", unit_en="enterprises", kind="output", period="2014-2020")
    reviewed = {"status": "approved", "reviewed_at": now, "reviewed_by": coordinator, "reported_by": leader_a}
    IndicatorValue.objects.create(project=project_a, indicator=co34, kind="target", value=500,
                                  reference_date=datetime.date(2019, 1, 1), **reviewed)
    IndicatorValue.objects.create(project=project_a, indicator=co34, kind="achieved", value=320,
                                  reference_date=datetime.date(2021, 12, 31), **reviewed)
    IndicatorValue.objects.create(project=project_b, indicator=co01, kind="achieved", value=12,
                                  reference_date=datetime.date(2022, 6, 30), breakdown={"size": {"small": 12}},
                                  **reviewed)
    IndicatorValue.objects.create(project=project_b, indicator=co34, kind="achieved", value=99,
                                  reference_date=datetime.date(2022, 6, 30), reported_by=leader_b)
    IndicatorValue.objects.create(project=project_b, indicator=co34, kind="target", value=77,
                                  reference_date=datetime.date(2019, 1, 1), reported_by=leader_b, status="returned",
                                  reviewed_at=now, reviewed_by=coordinator,
                                  review_comment="Fel enhet, ring mig på 070-765 43 21 eller cora@example.org.")
    return {"projects": [project_a, project_b, third], "event": meeting, "item": item, "news": news}
