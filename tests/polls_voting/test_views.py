"""The poll pages: list, poll with its ballot form, results and CSV, proposals; the "no" cases."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from samverka.polls.models import Ballot, Poll, PollOption, Vote
from samverka.polls.services import Mark, cast_ballot, own_ballot

from .conftest import option_ids

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with override("en"):
        return reverse(name, kwargs=kwargs)


def close(poll):
    Poll.objects.filter(pk=poll.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=9), closes_at=timezone.now() - datetime.timedelta(days=1)
    )
    poll.refresh_from_db()


def many_ballots(poll, count):
    """``count`` ballots straight into the tables (bulk_create), every one for the first option."""
    first = option_ids(poll)[0]
    ballots = Ballot.objects.bulk_create(Ballot(poll=poll, key=f"bulk-{n}") for n in range(count))
    Vote.objects.bulk_create(Vote(ballot=ballot, option_id=first) for ballot in ballots)


def test_list_shows_open_and_closed_polls_not_drafts(client, make_poll):
    make_poll(title="Öppen omröstning")
    close(make_poll(title="Stängd omröstning"))
    make_poll(title="Utkast", status=Poll.Status.DRAFT)
    page = client.get(en("polls:poll_list")).content.decode()
    assert "Öppen omröstning" in page and "Stängd omröstning" in page and "Utkast" not in page


def test_draft_poll_is_404(client, participant_client, make_poll):
    poll = make_poll(status=Poll.Status.DRAFT)
    assert client.get(en("polls:poll", pk=poll.pk)).status_code == 404
    assert participant_client.get(en("polls:poll", pk=poll.pk)).status_code == 404


def test_list_wrong_method(client):
    assert client.post(en("polls:poll_list")).status_code == 405


def test_anonymous_visitor_sees_options_and_a_sign_in_link(client, poll):
    page = client.get(en("polls:poll", pk=poll.pk)).content.decode()
    assert "Vätgas i tunga transporter" in page and "Sign in to vote" in page
    assert 'name="option"' not in page


def test_single_choice_form_is_radio_buttons(participant_client, poll):
    page = participant_client.get(en("polls:poll", pk=poll.pk)).content.decode()
    assert page.count('type="radio" name="option"') == 3


def test_approval_form_states_the_limit(participant_client, make_poll):
    poll = make_poll(method=Poll.Method.APPROVAL, max_choices=2)
    page = participant_client.get(en("polls:poll", pk=poll.pk)).content.decode()
    assert page.count('type="checkbox" name="options"') == 3 and "Choose at most 2 options." in page


def test_ranked_form_has_a_select_per_place(participant_client, make_poll):
    poll = make_poll(method=Poll.Method.RANKED)
    page = participant_client.get(en("polls:poll", pk=poll.pk)).content.decode()
    assert page.count("<select") == 3
    assert "1st choice" in page and "2nd choice" in page and "3rd choice" in page
    assert '<label for="id_rank_1">' in page


def test_score_form_has_number_inputs_and_totals(participant_client, make_poll):
    poll = make_poll(method=Poll.Method.SCORE, points_total=10, points_per_option=5)
    page = participant_client.get(en("polls:poll", pk=poll.pk)).content.decode()
    assert page.count('type="number"') == 3 and 'max="5"' in page and 'min="0"' in page
    assert "You have 10 points in all, at most 5 on one option." in page


def test_vote_then_see_your_ballot_and_change(participant_client, participant, poll):
    a, b, _c = option_ids(poll)
    response = participant_client.post(en("polls:vote", pk=poll.pk), {"option": a})
    assert response.status_code == 302
    page = participant_client.get(en("polls:poll", pk=poll.pk)).content.decode()
    assert "Your ballot" in page and "Change your ballot" in page and 'name="option"' not in page
    page = participant_client.get(en("polls:poll", pk=poll.pk) + "?change=1").content.decode()
    assert f'value="{a}" checked' in page or re.search(rf'value="{a}"[^>]*checked', page)
    participant_client.post(en("polls:vote", pk=poll.pk), {"option": b})
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert own_ballot(poll=poll, person=participant) == [Mark(option=b)]


def test_no_change_button_after_closing(participant_client, participant, poll):
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=option_ids(poll)[0])])
    close(poll)
    page = participant_client.get(en("polls:poll", pk=poll.pk)).content.decode()
    assert "Your ballot" in page and "Change your ballot" not in page and 'name="option"' not in page


def test_vote_anonymous_redirects_to_sign_in(client, poll):
    response = client.post(en("polls:vote", pk=poll.pk), {"option": option_ids(poll)[0]})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Ballot.objects.exists()


def test_vote_wrong_method(participant_client, poll):
    assert participant_client.get(en("polls:vote", pk=poll.pk)).status_code == 405


def test_forged_form_value_is_refused(participant_client, make_poll):
    poll, other = make_poll(), make_poll()
    response = participant_client.post(en("polls:vote", pk=poll.pk), {"option": option_ids(other)[0]})
    assert response.status_code == 200
    assert f"Select a valid choice. {option_ids(other)[0]} is not one of the available choices." in response.content.decode()
    assert not Ballot.objects.exists()


def test_ranking_an_option_twice_in_the_form(participant_client, make_poll):
    poll = make_poll(method=Poll.Method.RANKED)
    a, _b, _c = option_ids(poll)
    response = participant_client.post(en("polls:vote", pk=poll.pk), {"rank_1": a, "rank_2": a, "rank_3": ""})
    assert response.status_code == 200
    assert "Each option can be ranked only once." in response.content.decode()
    assert not Ballot.objects.exists()


def test_too_many_points_in_the_form(participant_client, make_poll):
    poll = make_poll(method=Poll.Method.SCORE, points_total=10, points_per_option=5)
    a, b, c = option_ids(poll)
    response = participant_client.post(en("polls:vote", pk=poll.pk), {f"points_{a}": 5, f"points_{b}": 5, f"points_{c}": 1})
    assert response.status_code == 200 and "At most 10 points in all." in response.content.decode()
    assert not Ballot.objects.exists()


def test_ineligible_person_gets_no_form(official_client, make_poll, webinar):
    poll = make_poll(eligibility=Poll.Eligibility.ATTENDEES, event=webinar)
    page = official_client.get(en("polls:poll", pk=poll.pk)).content.decode()
    assert "You may not vote in this poll." in page and 'name="option"' not in page
    response = official_client.post(en("polls:vote", pk=poll.pk), {"option": option_ids(poll)[0]})
    assert response.status_code == 200 and "You may not vote in this poll." in response.content.decode()
    assert not Ballot.objects.exists()


# --- Results --------------------------------------------------------------------------------


def test_results_before_closing_403_for_signed_in(participant_client, poll):
    assert participant_client.get(en("polls:results", pk=poll.pk)).status_code == 403
    assert participant_client.get(en("polls:results_csv", pk=poll.pk)).status_code == 403


def test_results_before_closing_login_redirect_for_anonymous(client, poll):
    response = client.get(en("polls:results", pk=poll.pk))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(en("polls:results_csv", pk=poll.pk)).status_code == 302


def test_results_after_closing(client, participant, poll):
    a, _b, _c = option_ids(poll)
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=a)])
    close(poll)
    page = client.get(en("polls:results", pk=poll.pk)).content.decode()
    assert "bar-w-100" in page and "style=" not in page and "100 %" in page
    assert "Ties are broken in favour of the option listed first" in page
    assert '<th scope="col">Place</th>' in page


def test_results_csv(client, participant, poll):
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=option_ids(poll)[0])])
    close(poll)
    response = client.get(en("polls:results_csv", pk=poll.pk))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "Place,Option,Score,Per cent,Winner"
    assert lines[1] == "1,Vätgas i tunga transporter,1,100,yes"


def test_ranked_results_show_rounds(make_poll, coordinator_client, participant, official, leader_a):
    poll = make_poll(method=Poll.Method.RANKED)
    a, b, c = option_ids(poll)
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=a, rank=1), Mark(option=b, rank=2)])
    cast_ballot(poll=poll, person=official, marks=[Mark(option=b, rank=1)])
    cast_ballot(poll=poll, person=leader_a, marks=[Mark(option=c, rank=1), Mark(option=a, rank=2)])
    page = coordinator_client.get(en("polls:results", pk=poll.pk)).content.decode()
    assert "Instant-runoff rounds" in page and '<th scope="row">2</th>' in page
    assert "Borda count, for comparison" in page


def test_poll_page_leaks_no_scores_before_the_moment(participant_client, leader_a, poll):
    cast_ballot(poll=poll, person=leader_a, marks=[Mark(option=option_ids(poll)[0])])
    page = participant_client.get(en("polls:poll", pk=poll.pk)).content.decode()
    assert "%" not in page and "bar-w-" not in page and "See the results" not in page


def _without_csrf(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


@pytest.mark.parametrize("visibility", ["after_voting", "after_closing", "coordinators"])
@pytest.mark.parametrize("who", ["anonymous", "non_voter"])
def test_poll_page_is_the_same_with_0_and_50_ballots(client, participant_client, make_poll, visibility, who):
    poll = make_poll(results_visibility=visibility)
    url = en("polls:poll", pk=poll.pk)
    participant_client = client if who == "anonymous" else participant_client
    before = _without_csrf(participant_client.get(url).content)
    many_ballots(poll, 50)
    after = _without_csrf(participant_client.get(url).content)
    assert before == after


# --- Proposals ------------------------------------------------------------------------------


def test_propose_and_approve(participant_client, coordinator_client, make_poll):
    poll = make_poll(allow_proposals=True)
    response = participant_client.post(en("polls:propose", pk=poll.pk), {"proposal-title": "Solceller på skolor"})
    assert response.status_code == 302
    option = PollOption.objects.get(title="Solceller på skolor")
    assert option.status == PollOption.Status.PROPOSED
    assert "Solceller på skolor" in coordinator_client.get(en("polls:proposals", pk=poll.pk)).content.decode()
    coordinator_client.post(en("polls:decide_proposal", pk=poll.pk, option_pk=option.pk), {"decision": "approve"})
    option.refresh_from_db()
    assert option.status == PollOption.Status.APPROVED


def test_proposals_page_403_for_participant(participant_client, make_poll):
    poll = make_poll(allow_proposals=True)
    assert participant_client.get(en("polls:proposals", pk=poll.pk)).status_code == 403


def test_event_page_lists_its_polls(client, make_poll, webinar):
    make_poll(title="Vad vill ni höra mer om?", event=webinar)
    with override("en"):
        page = client.get(reverse("meetings:event", kwargs={"pk": webinar.pk})).content.decode()
    assert "Vad vill ni höra mer om?" in page


# --- Query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("ballots", [3, 300])
def test_poll_page_queries(participant_client, participant, poll, ballots, django_assert_num_queries):
    many_ballots(poll, ballots)
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=option_ids(poll)[0])])
    with django_assert_num_queries(QUERIES_POLL_PAGE):
        participant_client.get(en("polls:poll", pk=poll.pk))


@pytest.mark.parametrize("ballots", [3, 300])
def test_results_page_queries(coordinator_client, poll, ballots, django_assert_num_queries):
    many_ballots(poll, ballots)
    with django_assert_num_queries(QUERIES_RESULTS_PAGE):
        coordinator_client.get(en("polls:results", pk=poll.pk))


QUERIES_POLL_PAGE = 5  # session, person, poll, options, own ballot
QUERIES_RESULTS_PAGE = 7  # session, person, poll, options, votes, ballots, eligible people


def test_tie_rule_in_words_matches_the_tally():
    from samverka.polls import tally, views

    with override("en"):
        assert str(views.TIE_RULE) == tally.TIE_RULE_TEXT


def test_results_of_unknown_poll_is_404(coordinator_client):
    assert coordinator_client.get(en("polls:results", pk=999999)).status_code == 404


def test_results_wrong_method(coordinator_client, poll):
    assert coordinator_client.post(en("polls:results", pk=poll.pk)).status_code == 405
    assert coordinator_client.post(en("polls:results_csv", pk=poll.pk)).status_code == 405


def test_decide_proposal_wrong_method_and_outsider(participant_client, coordinator_client, make_poll):
    poll = make_poll(allow_proposals=True)
    option = PollOption.objects.create(poll=poll, title="Förslag", status=PollOption.Status.PROPOSED)
    url = en("polls:decide_proposal", pk=poll.pk, option_pk=option.pk)
    assert coordinator_client.get(url).status_code == 405
    assert participant_client.post(url, {"decision": "approve"}).status_code == 403
    option.refresh_from_db()
    assert option.status == PollOption.Status.PROPOSED


def test_reject_proposal(coordinator_client, make_poll):
    poll = make_poll(allow_proposals=True)
    option = PollOption.objects.create(poll=poll, title="Förslag", status=PollOption.Status.PROPOSED)
    coordinator_client.post(en("polls:decide_proposal", pk=poll.pk, option_pk=option.pk), {"decision": "reject"})
    option.refresh_from_db()
    assert option.status == PollOption.Status.REJECTED


def test_live_results_link_for_an_eligible_person(participant_client, make_poll):
    poll = make_poll(results_visibility=Poll.Visibility.LIVE)
    assert "See the results" in participant_client.get(en("polls:poll", pk=poll.pk)).content.decode()
    assert participant_client.get(en("polls:results", pk=poll.pk)).status_code == 200


def test_results_csv_defuses_formulas(client, participant, make_poll):
    poll = make_poll(options=("=HYPERLINK(\"http://example.org\")", "Vanligt ämne"))
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=option_ids(poll)[0])])
    close(poll)
    lines = client.get(en("polls:results_csv", pk=poll.pk)).content.decode().splitlines()
    assert lines[1].startswith("1,\"'=HYPERLINK(")
