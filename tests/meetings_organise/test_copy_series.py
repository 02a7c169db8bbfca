"""Copy an event and repeat it as a series: drafts, wall-clock times across summer time."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.meetings.models import AgendaItem, Attachment, Event, Invitation, Registration

from .conftest import STOCKHOLM

pytestmark = pytest.mark.django_db


def copy_url(event):
    return reverse("meetings:organise_copy", kwargs={"pk": event.pk})


def series_url(event):
    return reverse("meetings:organise_series", kwargs={"pk": event.pk})


@pytest.fixture
def full_event(event, portfolio, other_portfolio, official, register, media):
    from django.core.files.base import ContentFile

    event.invited_portfolios.set([portfolio, other_portfolio])
    event.invited_audiences.set(official.audiences.all())
    AgendaItem.objects.create(event=event, starts_at=datetime.time(9, 0), title="Välkommen")
    AgendaItem.objects.create(event=event, starts_at=datetime.time(9, 15), title="Gruppdiskussion")
    register("Anna Andersson")
    Invitation.objects.create(event=event, email="bo@example.org")
    Attachment.objects.create(event=event, title="Anteckningar", file=ContentFile(b"%PDF-1.4", name="a.pdf"),
                              content_type="application/pdf", size=8)
    event.sequence = 4
    event.save()
    return event


# Copy

def test_coordinator_sees_the_copy_form_with_next_week_suggested(coordinator_client, event):
    response = coordinator_client.get(copy_url(event))
    assert response.status_code == 200
    assert response.context["form"].initial == {"date": datetime.date(2025, 12, 2), "time": datetime.time(9, 0)}


def test_copy_is_a_draft_with_agenda_and_invited_but_no_people_or_files(coordinator_client, coordinator, full_event):
    response = coordinator_client.post(copy_url(full_event), {"date": "2026-01-20", "time": "13:30"})
    copy = Event.objects.exclude(pk=full_event.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:meetings_event_change", args=[copy.pk])
    assert copy.status == Event.Status.DRAFT
    assert copy.uid != full_event.uid and copy.sequence == 0 and copy.series is None
    assert copy.created_by == coordinator
    assert timezone.localtime(copy.starts_at) == datetime.datetime(2026, 1, 20, 13, 30, tzinfo=STOCKHOLM)
    assert copy.ends_at - copy.starts_at == datetime.timedelta(hours=3)
    # The deadline keeps its distance from the start: four days and 17 hours before.
    assert copy.starts_at - copy.registration_deadline == full_event.starts_at - full_event.registration_deadline
    assert [item.title for item in copy.agenda.all()] == ["Välkommen", "Gruppdiskussion"]
    assert set(copy.invited_portfolios.all()) == set(full_event.invited_portfolios.all())
    assert set(copy.invited_audiences.all()) == set(full_event.invited_audiences.all())
    assert not Registration.objects.filter(event=copy).exists()
    assert not Invitation.objects.filter(event=copy).exists()
    assert not Attachment.objects.filter(event=copy).exists()
    # The original is untouched.
    assert full_event.agenda.count() == 2 and full_event.registrations.count() == 1


def test_copy_without_a_date_is_refused(coordinator_client, event):
    response = coordinator_client.post(copy_url(event), {"date": "", "time": "09:00"})
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == ["This field is required."]
    assert Event.objects.count() == 1


def test_anonymous_is_sent_to_sign_in_for_the_copy(client, event):
    response = client.get(copy_url(event))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_participant_may_not_copy(participant_client, event):
    assert participant_client.post(copy_url(event), {"date": "2026-01-20", "time": "09:00"}).status_code == 403
    assert Event.objects.count() == 1


def test_copy_of_an_unknown_event_is_404(coordinator_client):
    assert coordinator_client.get(reverse("meetings:organise_copy", kwargs={"pk": 999})).status_code == 404


def test_copy_refuses_other_methods(coordinator_client, event):
    assert coordinator_client.put(copy_url(event)).status_code == 405


# Series

@pytest.fixture
def march_event(db):
    # Tuesday 25 March 2025, 10.00 winter time; summer time begins on Sunday 30 March.
    return Event.objects.create(
        title="Kunskapswebbinarium",
        starts_at=datetime.datetime(2025, 3, 25, 10, 0, tzinfo=STOCKHOLM),
        ends_at=datetime.datetime(2025, 3, 25, 11, 30, tzinfo=STOCKHOLM),
        status=Event.Status.PUBLISHED,
    )


def test_preview_lists_the_dates_without_creating_anything(coordinator_client, march_event):
    response = coordinator_client.post(series_url(march_event), {"every_weeks": "2", "occurrences": "3", "action": "preview"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tuesday 25 March 2025, 10:00–11:30" in page
    assert "Tuesday 8 April 2025, 10:00–11:30" in page
    assert "Tuesday 22 April 2025, 10:00–11:30" in page
    assert 'value="create"' in page
    assert Event.objects.count() == 1


def test_series_keeps_weekday_and_swedish_time_across_summer_time(coordinator_client, march_event):
    response = coordinator_client.post(series_url(march_event), {"every_weeks": "1", "occurrences": "3", "action": "create"})
    assert response.status_code == 302
    march_event.refresh_from_db()
    assert response["Location"] == reverse("admin:meetings_event_changelist") + f"?series={march_event.series}"
    series = list(Event.objects.filter(series=march_event.series).order_by("starts_at"))
    assert len(series) == 3
    local = [timezone.localtime(event.starts_at) for event in series]
    assert [moment.date() for moment in local] == [datetime.date(2025, 3, 25), datetime.date(2025, 4, 1), datetime.date(2025, 4, 8)]
    assert {moment.time() for moment in local} == {datetime.time(10, 0)}
    # In UTC the summer dates are an hour earlier.
    assert [event.starts_at.astimezone(datetime.UTC).hour for event in series] == [9, 8, 8]
    assert all(event.ends_at - event.starts_at == datetime.timedelta(minutes=90) for event in series)
    assert [event.status for event in series[1:]] == [Event.Status.DRAFT, Event.Status.DRAFT]
    assert len({event.uid for event in series}) == 3


def test_series_until_a_last_date(coordinator_client, march_event):
    coordinator_client.post(series_url(march_event), {"every_weeks": "2", "until": "2025-05-06", "action": "create"})
    march_event.refresh_from_db()
    starts = [timezone.localtime(e.starts_at).date() for e in Event.objects.filter(series=march_event.series).order_by("starts_at")]
    assert starts == [datetime.date(2025, 3, 25), datetime.date(2025, 4, 8), datetime.date(2025, 4, 22), datetime.date(2025, 5, 6)]


def test_series_keeps_an_existing_series_id(coordinator_client, march_event):
    existing = uuid.uuid4()
    Event.objects.filter(pk=march_event.pk).update(series=existing)
    coordinator_client.post(series_url(march_event), {"every_weeks": "4", "occurrences": "2", "action": "create"})
    assert Event.objects.filter(series=existing).count() == 2


def post_series(client, event, **data):
    response = client.post(series_url(event), {"action": "preview", **data})
    assert response.status_code == 200
    assert Event.objects.count() == 1
    return response.context["form"].errors


def test_series_needs_a_count_or_a_date(coordinator_client, march_event):
    errors = post_series(coordinator_client, march_event, every_weeks="2")
    assert errors["occurrences"] == ["Give the number of occurrences or a last date."]


def test_series_refuses_both_a_count_and_a_date(coordinator_client, march_event):
    errors = post_series(coordinator_client, march_event, every_weeks="2", occurrences="3", until="2025-06-01")
    assert errors["until"] == ["Give either the number of occurrences or a last date, not both."]


def test_series_last_date_too_early(coordinator_client, march_event):
    errors = post_series(coordinator_client, march_event, every_weeks="2", until="2025-04-01")
    assert errors["until"] == ["The last date must leave room for at least one more occurrence."]


def test_series_of_one_occurrence_is_refused(coordinator_client, march_event):
    errors = post_series(coordinator_client, march_event, every_weeks="2", occurrences="1")
    assert errors["occurrences"] == ["Ensure this value is greater than or equal to 2."]


def test_series_of_27_occurrences_is_refused(coordinator_client, march_event):
    errors = post_series(coordinator_client, march_event, every_weeks="2", occurrences="27")
    assert errors["occurrences"] == ["Ensure this value is less than or equal to 26."]


def test_series_every_nine_weeks_is_refused(coordinator_client, march_event):
    errors = post_series(coordinator_client, march_event, every_weeks="9", occurrences="3")
    assert errors["every_weeks"] == ["Ensure this value is less than or equal to 8."]


def test_series_until_a_far_date_stops_at_26(march_event):
    from samverka.meetings import organise

    assert len(organise.series_starts(event=march_event, every_weeks=1, until=datetime.date(2030, 1, 1))) == 26


def test_participant_may_not_make_a_series(participant_client, march_event):
    response = participant_client.post(series_url(march_event), {"every_weeks": "1", "occurrences": "3", "action": "create"})
    assert response.status_code == 403
    assert Event.objects.count() == 1


def test_anonymous_is_sent_to_sign_in_for_the_series(client, march_event):
    assert reverse("account_login") in client.get(series_url(march_event))["Location"]


def test_series_of_an_unknown_event_is_404(coordinator_client):
    assert coordinator_client.get(reverse("meetings:organise_series", kwargs={"pk": 999})).status_code == 404


def test_series_refuses_other_methods(coordinator_client, march_event):
    assert coordinator_client.delete(series_url(march_event)).status_code == 405
