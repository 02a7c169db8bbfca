"""The polls' back office: the poll form's checks, options inline, approving proposals."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samverka.polls.admin import PollAdminForm
from samverka.polls.models import Poll, PollOption


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def form_data(**changes):
    now = timezone.localtime()
    data = {
        "title": "Nästa kunskapswebbinarium",
        "description": "",
        "status": Poll.Status.DRAFT,
        "method": Poll.Method.APPROVAL,
        "max_choices": 3,
        "points_total": 10,
        "points_per_option": 5,
        "opens_at_0": now.strftime("%Y-%m-%d"),
        "opens_at_1": "09:00:00",
        "closes_at_0": (now + datetime.timedelta(days=7)).strftime("%Y-%m-%d"),
        "closes_at_1": "17:00:00",
        "eligibility": Poll.Eligibility.SIGNED_IN,
        "results_visibility": Poll.Visibility.AFTER_CLOSING,
        "anonymous": "on",
    }
    data.update(changes)
    return data


def errors(**changes):
    """The bare form's errors (its date-times as one field each, as outside the admin)."""
    data = form_data(**changes)
    for name in ("opens_at", "closes_at"):
        data[name] = f"{data.pop(name + '_0')} {data.pop(name + '_1')}"
    form = PollAdminForm(data=data)
    form.is_valid()
    return form.errors


def test_a_good_poll_is_valid(db):
    assert errors() == {}


def test_closing_before_opening_is_marked_on_closes(db):
    today = timezone.localdate().strftime("%Y-%m-%d")
    assert errors(opens_at_0=today, closes_at_0=today, closes_at_1="08:00:00") == {
        "closes_at": ["The poll must close after it opens."]
    }


def test_approval_needs_at_least_one_choice(db):
    assert errors(max_choices=0) == {"max_choices": ["An approval poll lets each voter pick at least one option."]}


def test_dot_voting_per_option_at_most_the_total(db):
    assert errors(method=Poll.Method.SCORE, points_total=5, points_per_option=6) == {
        "points_per_option": ["At most as many points on one option as there are points to distribute."]
    }


def test_dot_voting_needs_points(db):
    assert errors(method=Poll.Method.SCORE, points_total=0, points_per_option=0) == {
        "points_total": ["Each voter needs at least one point to distribute."]
    }


def test_single_choice_ignores_the_other_methods_limits(db):
    assert errors(method=Poll.Method.SINGLE, max_choices=0, points_total=1, points_per_option=5) == {}


def test_cora_adds_a_poll_with_options(coordinator_client):
    data = form_data(**{
        "options-TOTAL_FORMS": "2", "options-INITIAL_FORMS": "0", "options-MIN_NUM_FORMS": "0", "options-MAX_NUM_FORMS": "1000",
        "options-0-title": "Sprida resultat", "options-0-description": "Hur når vi ut?", "options-0-status": "approved",
        "options-0-order": "1",
        "options-1-title": "Digitala mötesmetoder", "options-1-description": "", "options-1-status": "proposed",
        "options-1-order": "2",
    })
    response = coordinator_client.post(reverse("admin:polls_poll_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    poll = Poll.objects.get()
    assert list(poll.options.values_list("title", "status")) == [
        ("Sprida resultat", "approved"), ("Digitala mötesmetoder", "proposed"),
    ]


def test_cora_sees_the_list_with_outcome_links(make_poll, coordinator_client):
    poll = make_poll()
    page = coordinator_client.get(reverse("admin:polls_poll_changelist")).content.decode()
    assert reverse("polls:outcome", kwargs={"pk": poll.pk}) in page


def test_cora_approves_a_proposal(make_poll, coordinator_client, participant):
    poll = make_poll(allow_proposals=True)
    proposal = PollOption.objects.create(
        poll=poll, title="Företagens berättelser", status=PollOption.Status.PROPOSED, proposed_by=participant
    )
    response = coordinator_client.post(
        reverse("admin:polls_polloption_changelist"),
        {"action": "approve_options", "_selected_action": [proposal.pk]},
        follow=True,
    )
    proposal.refresh_from_db()
    assert proposal.status == PollOption.Status.APPROVED
    assert "1 option is now “approved”." in [str(m) for m in response.context["messages"]]


def test_cora_rejects_a_proposal(make_poll, coordinator_client):
    poll = make_poll()
    proposal = PollOption.objects.create(poll=poll, title="Off topic", status=PollOption.Status.PROPOSED)
    coordinator_client.post(
        reverse("admin:polls_polloption_changelist"), {"action": "reject_options", "_selected_action": [proposal.pk]}
    )
    proposal.refresh_from_db()
    assert proposal.status == PollOption.Status.REJECTED


def test_a_participant_cannot_open_the_back_office(make_poll, participant_client):
    poll = make_poll()
    response = participant_client.get(reverse("admin:polls_poll_change", args=[poll.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_list_links_to_the_proposals_awaiting_approval(make_poll, coordinator_client, participant):
    poll = make_poll(allow_proposals=True)
    for title in ["Företagens berättelser", "Cirkulär ekonomi"]:
        PollOption.objects.create(poll=poll, title=title, status=PollOption.Status.PROPOSED, proposed_by=participant)
    page = coordinator_client.get(reverse("admin:polls_poll_changelist")).content.decode()
    link = reverse("admin:polls_polloption_changelist") + f"?poll__id__exact={poll.pk}&amp;status__exact=proposed"
    assert f'<a href="{link}">2</a>' in page
    listed = coordinator_client.get(link.replace("&amp;", "&"))
    titles = sorted(option.title for option in listed.context["cl"].result_list)
    assert titles == ["Cirkulär ekonomi", "Företagens berättelser"]


def test_the_change_page_links_to_the_outcome_page(make_poll, coordinator_client):
    poll = make_poll()
    page = coordinator_client.get(reverse("admin:polls_poll_change", args=[poll.pk])).content.decode()
    assert f'<a href="{reverse("polls:outcome", kwargs={"pk": poll.pk})}">Record the outcome and create the webinar</a>' in page


def test_the_add_page_opens(coordinator_client):
    assert coordinator_client.get(reverse("admin:polls_poll_add")).status_code == 200
