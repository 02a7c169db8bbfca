"""The coordinator's invitations page and the invited person's links."""

import pytest
from django.test import Client

from samverka.meetings import invitations
from samverka.meetings.models import Invitation

pytestmark = pytest.mark.django_db


def page_url(event):
    return f"/traffar/{event.pk}/inbjudningar/"


# --- the coordinator's page ------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(webinar):
    response = Client().get(page_url(webinar))
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_participant_is_refused(webinar, participant_client):
    assert participant_client.get(page_url(webinar)).status_code == 403


def test_project_leader_is_refused(webinar, leader_a_client):
    assert leader_a_client.post(page_url(webinar), {"addresses": "x@example.org"}).status_code == 403
    assert not Invitation.objects.exists()


def test_unknown_event_is_404(coordinator_client):
    assert coordinator_client.get("/traffar/999/inbjudningar/").status_code == 404


def test_wrong_method_is_405(webinar, coordinator_client):
    assert coordinator_client.put(page_url(webinar)).status_code == 405
    assert coordinator_client.get(f"/traffar/{webinar.pk}/inbjudningar/skicka-igen/").status_code == 405


def test_page_shows_form_with_the_events_invited_portfolios_ticked(webinar, portfolio, other_portfolio, coordinator_client):
    webinar.invited_portfolios.add(portfolio)
    response = coordinator_client.get("/en" + page_url(webinar))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Invitations: Kunskapswebbinarium: Vätgas, el och värme</h1>" in html
    assert f'value="{portfolio.pk}" id="id_portfolios_0" checked' in html or (
        f'value="{portfolio.pk}"' in html and "checked" in html
    )
    assert "No one has been invited yet." in html


def test_inviting_by_portfolio_and_addresses(
    webinar, portfolio, leader_a, coordinator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = coordinator_client.post(
            "/en" + page_url(webinar),
            {"portfolios": [portfolio.pk], "addresses": "stina@example.org\nSTINA@example.org"},
            follow=True,
        )
    assert response.redirect_chain[-1][0].endswith(page_url(webinar))
    assert sorted(webinar.invitations.values_list("email", flat=True)) == ["alva@example.org", "stina@example.org"]
    html = response.content.decode()
    assert "2 invitations are on their way." in html
    assert "alva@example.org" in html and "Vätgas i Norrbotten" in html


def test_inviting_no_one_new_says_so(webinar, coordinator, coordinator_client):
    invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    response = coordinator_client.post("/en" + page_url(webinar), {"addresses": "Stina@example.org"}, follow=True)
    assert "Everyone chosen has already been invited; no new invitations." in response.content.decode()


def test_a_bad_address_is_shown_next_to_the_field_and_the_text_kept(webinar, coordinator_client):
    response = coordinator_client.post("/en" + page_url(webinar), {"addresses": "stina@example.org\nbengt@"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="error-message" id="id_addresses_error">“bengt@” is not a valid e-mail address.</p>' in html
    assert 'aria-describedby="id_addresses_helptext id_addresses_error"' in html
    assert "stina@example.org\nbengt@</textarea>" in html
    assert not Invitation.objects.exists()


def test_choosing_no_one_is_an_error(webinar, coordinator_client):
    response = coordinator_client.post("/en" + page_url(webinar), {"addresses": "  "})
    assert response.status_code == 200
    assert "Choose portfolios, audiences or addresses to invite." in response.content.decode()


def test_failed_invitation_shows_its_error_and_a_retry_button(
    webinar, coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    [invitation] = invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    Invitation.objects.filter(pk=invitation.pk).update(
        status=Invitation.Status.FAILED, attempts=3, last_error="ConnectionRefusedError: [Errno 111] Connection refused"
    )
    html = coordinator_client.get("/en" + page_url(webinar)).content.decode()
    assert "sending failed" in html
    assert "3 attempts: ConnectionRefusedError: [Errno 111] Connection refused" in html
    assert f'name="invitation" value="{invitation.pk}"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            "/en" + f"/traffar/{webinar.pk}/inbjudningar/skicka-igen/", {"invitation": invitation.pk},
            follow=True,
        )
    assert "1 invitation will be sent again." in response.content.decode()
    invitation.refresh_from_db()
    assert (invitation.status, invitation.attempts) == ("queued", 0)


def test_retry_is_for_coordinators_only(webinar, participant_client):
    response = participant_client.post(f"/traffar/{webinar.pk}/inbjudningar/skicka-igen/")
    assert response.status_code == 403


@pytest.mark.parametrize("rows", [1, 12])
def test_page_query_count_is_fixed(webinar, coordinator, coordinator_client, rows, django_assert_num_queries, portfolio):
    invitations.invite(
        event=webinar, addresses=" ".join(f"p{n}@example.org" for n in range(rows)), invited_by=coordinator
    )
    Invitation.objects.filter(email="p0@example.org").update(status="failed", last_error="x", attempts=1)
    webinar.invited_portfolios.add(portfolio)
    # session, user, event, invited portfolios, invited audiences, invitations, counts, portfolio and audience choices
    with django_assert_num_queries(9):
        assert coordinator_client.get(page_url(webinar)).status_code == 200


# --- the invited person's links --------------------------------------------------------------


def test_invitation_link_marks_opened_and_leads_to_the_event(webinar, coordinator):
    [invitation] = invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.SENT)
    response = Client().get(f"/traffar/inbjudan/{invitation.token}/")
    assert response.status_code == 302
    assert response["Location"] == f"/traffar/{webinar.pk}/#registration"
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.OPENED and invitation.opened_at


def test_unknown_invitation_token_is_404(db):
    assert Client().get("/traffar/inbjudan/nope/").status_code == 404
    assert Client().post("/traffar/inbjudan/nope/avboj/").status_code == 404


def test_invitation_link_refuses_post(webinar, coordinator):
    [invitation] = invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    assert Client().post(f"/traffar/inbjudan/{invitation.token}/").status_code == 405


def test_decline_link_asks_first_and_changes_nothing(webinar, coordinator):
    [invitation] = invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    response = Client().get(f"/en/traffar/inbjudan/{invitation.token}/avboj/")
    assert response.status_code == 200
    assert "I cannot come" in response.content.decode()
    assert Invitation.objects.get().status == Invitation.Status.QUEUED


def test_decline_by_post(webinar, coordinator):
    [invitation] = invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    response = Client().post(f"/en/traffar/inbjudan/{invitation.token}/avboj/")
    assert response.status_code == 200
    assert "You have declined the invitation to Kunskapswebbinarium: Vätgas, el och värme." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED and invitation.answered_at


def test_decline_wrong_method_is_405(webinar, coordinator):
    [invitation] = invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    assert Client().put(f"/traffar/inbjudan/{invitation.token}/avboj/").status_code == 405
