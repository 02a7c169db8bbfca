"""The outcome page omrostningar/<pk>/utfall/: coordinators only, the tally's leader preselected."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.meetings.models import Event, Invitation


def url(poll):
    with translation.override("en"):
        return reverse("polls:outcome", kwargs={"pk": poll.pk})


def titled(poll, title):
    return poll.options.get(title=title)


def test_cora_sees_the_leading_option_preselected(make_poll, vote, coordinator_client, leader_a, leader_b):
    poll = make_poll()
    period = titled(poll, "Nya programperioden")
    vote(poll, leader_a, {period: None})
    vote(poll, leader_b, {period: None, titled(poll, "Sprida resultat"): None})
    response = coordinator_client.get(url(poll))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Outcome: Nästa kunskapswebbinarium</h1>" in page
    checked = re.findall(r'<input type="radio" name="option" value="(\d+)"[^>]* checked', page)
    assert checked == [str(period.pk)]
    assert "Create webinar from the winning option" in page
    assert "The count: 2 ballots" in page
    assert re.search(r'<th scope="row">Nya programperioden <strong>\(leading\)</strong></th>\s*<td class="num">2</td>', page)
    assert re.search(r'<th scope="row">Sprida resultat</th>\s*<td class="num">1</td>', page)


def test_cora_records_the_outcome(make_poll, coordinator_client):
    poll = make_poll()
    spread = titled(poll, "Sprida resultat")
    response = coordinator_client.post(url(poll), {"option": spread.pk, "note": "Tydlig vinnare.", "action": "record"})
    assert response.status_code == 302
    assert response["Location"] == url(poll)
    poll.refresh_from_db()
    assert (poll.outcome_option, poll.outcome_note, poll.outcome_event) == (spread, "Tydlig vinnare.", None)


def test_create_webinar_goes_to_its_admin_page(make_poll, coordinator_client):
    poll = make_poll()
    spread = titled(poll, "Sprida resultat")
    response = coordinator_client.post(url(poll), {"option": spread.pk, "note": "", "action": "webinar"})
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:meetings_event_change", args=[event.pk])
    assert (event.title, event.status) == ("Sprida resultat", Event.Status.DRAFT)
    poll.refresh_from_db()
    assert poll.outcome_event == event


def test_the_anonymous_checkbox_is_refused_next_to_the_field(make_poll, coordinator_client):
    poll = make_poll(anonymous=True)
    spread = titled(poll, "Sprida resultat")
    response = coordinator_client.post(
        url(poll), {"option": spread.pk, "note": "", "invite_voters": "on", "action": "webinar"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "invite_voters": ["This poll is anonymous: nobody knows who voted for what, so its voters cannot be invited."]
    }
    assert Event.objects.count() == 0
    assert Invitation.objects.count() == 0
    poll.refresh_from_db()
    assert poll.outcome_option is None


def test_no_option_chosen(make_poll, coordinator_client):
    poll = make_poll()
    response = coordinator_client.post(url(poll), {"note": "", "action": "record"})
    assert response.context["form"].errors == {"option": ["This field is required."]}


def test_an_option_of_another_poll_is_refused(make_poll, coordinator_client):
    poll, other = make_poll(), make_poll(title="En annan omröstning")
    response = coordinator_client.post(url(poll), {"option": titled(other, "Sprida resultat").pk, "action": "record"})
    assert response.context["form"].errors == {
        "option": ["Select a valid choice. That choice is not one of the available choices."]
    }
    poll.refresh_from_db()
    assert poll.outcome_option is None


def test_an_open_poll_has_no_form(make_poll, coordinator_client):
    poll = make_poll(closed=False)
    response = coordinator_client.get(url(poll))
    page = response.content.decode()
    assert "The poll has not closed yet. The outcome can be recorded once it has." in page
    assert "<form method=\"post\" action=\"" + url(poll) not in page


def test_posting_to_an_open_poll_changes_nothing(make_poll, coordinator_client):
    poll = make_poll(closed=False)
    response = coordinator_client.post(url(poll), {"option": titled(poll, "Sprida resultat").pk, "action": "record"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"option": ["The outcome can be recorded only after the poll has closed."]}
    poll.refresh_from_db()
    assert poll.outcome_option is None


def test_anonymous_visitor_is_sent_to_sign_in(make_poll, client):
    poll = make_poll()
    response = client.get(url(poll))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("who", ["leader_a_client", "participant_client", "official_client"])
def test_others_are_forbidden(make_poll, request, who):
    poll = make_poll()
    assert request.getfixturevalue(who).get(url(poll)).status_code == 403
    assert request.getfixturevalue(who).post(url(poll), {"option": titled(poll, "Sprida resultat").pk}).status_code == 403
    poll.refresh_from_db()
    assert poll.outcome_option is None


def test_unknown_poll_is_404(coordinator_client):
    assert coordinator_client.get(reverse("polls:outcome", kwargs={"pk": 999999})).status_code == 404


def test_wrong_method_is_405(make_poll, coordinator_client):
    assert coordinator_client.put(url(poll := make_poll())).status_code == 405
    assert coordinator_client.delete(url(poll)).status_code == 405


@pytest.mark.parametrize("ballots", [1, 30])
def test_the_page_makes_a_fixed_number_of_queries(
    make_poll, vote, coordinator_client, django_assert_num_queries, django_user_model, ballots
):
    poll = make_poll()
    spread = titled(poll, "Sprida resultat")
    for number in range(ballots):
        person = django_user_model.objects.create_user(email=f"rostare{number}@example.org", password="x")
        vote(poll, person, {spread: None})
    coordinator_client.get(url(poll))  # warm the session
    with django_assert_num_queries(5):
        assert coordinator_client.get(url(poll)).status_code == 200



def test_once_the_webinar_exists_the_page_links_to_it_instead_of_the_button(make_poll, coordinator_client):
    poll = make_poll()
    coordinator_client.post(url(poll), {"option": titled(poll, "Sprida resultat").pk, "action": "webinar"})
    event = Event.objects.get()
    page = coordinator_client.get(url(poll)).content.decode()
    assert f'<a href="{reverse("admin:meetings_event_change", args=[event.pk])}">Sprida resultat</a>' in page
    assert 'value="webinar"' not in page
