"""Cooperation: who may do what (a table), the workflows with each refusal's exact message,
the pages with their "no" cases and pinned query counts, and the mail to the project asked."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from samverka.knowledge import cooperation
from samverka.knowledge.models import CooperationRequest, CooperationWish, Related
from samverka.knowledge.rules import can_ask_to_cooperate, can_manage_wishes
from samverka.registry.models import Project, ProjectRole

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with override("en"):
        return reverse(f"knowledge:{name}", kwargs=kwargs)


@pytest.fixture
def wish(project_b, leader_b):
    return CooperationWish.objects.create(
        project=project_b, text="Vi söker partner för en gemensam spridningskonferens i höst.", created_by=leader_b
    )


def relate(source, targets):
    """Store ``targets`` as ``source``'s projects like it, as the similarity task would."""
    Related.objects.bulk_create(
        Related(source="project", source_id=source.pk, target="project", target_id=target.pk, rank=rank,
                score=0.5, terms=["spridning", "vätgas"], same_portfolio=True, same_area=True)
        for rank, target in enumerate(targets, start=1)
    )


# --- Rules ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "person, manage, ask",
    [
        ("coordinator", True, False),  # a coordinator speaks for no project of their own
        ("leader_a", True, False),  # her own project: she manages its wishes, and cannot ask it
        ("leader_b", False, True),  # a member of another project
        ("participant", False, False),
        (None, False, False),
    ],
)
def test_rules(request, project_a, project_b, person, manage, ask):
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(person) if person else AnonymousUser()
    request.getfixturevalue("leader_b")

    assert can_manage_wishes(user, project_a) is manage
    assert can_ask_to_cooperate(user, project_a) is ask


# --- Workflows ------------------------------------------------------------------------------------


def test_add_edit_and_close_a_wish(project_a, leader_a):
    wish = cooperation.add_wish(project=project_a, person=leader_a, text="  Gemensam konferens i höst.  ")
    assert (wish.text, wish.active, wish.created_by) == ("Gemensam konferens i höst.", True, leader_a)

    cooperation.edit_wish(wish=wish, person=leader_a, text="Gemensam webbinarieserie.", active=True)
    cooperation.close_wish(wish=wish, person=leader_a)

    wish.refresh_from_db()
    assert (wish.text, wish.active) == ("Gemensam webbinarieserie.", False)


def test_an_outsider_cannot_add_a_wish(project_a, leader_b):
    with pytest.raises(PermissionDenied):
        cooperation.add_wish(project=project_a, person=leader_b, text="Vi vill samverka.")


def test_ask_saves_the_request_for_the_newest_wish(project_a, project_b, leader_a, wish):
    request = cooperation.ask_to_cooperate(from_project=project_a, to_project=project_b, person=leader_a, message="Hej!")

    assert (request.from_project, request.to_project, request.sent_by, request.wish) == (project_a, project_b, leader_a, wish)


def refusal(**kwargs):
    with override("en"), pytest.raises(ValidationError) as error:
        cooperation.ask_to_cooperate(message="Ska vi samverka?", **kwargs)
    return error.value.messages[0]


def test_a_project_cannot_ask_itself(project_a, leader_a):
    assert refusal(from_project=project_a, to_project=project_a, person=leader_a) == (
        "A project cannot ask itself to cooperate."
    )


def test_only_a_member_asks_for_a_project(project_a, project_b, leader_b, participant):
    with pytest.raises(PermissionDenied):
        cooperation.ask_to_cooperate(from_project=project_a, to_project=project_b, person=participant, message="Hej")


def test_the_daily_limit(make_project, project_a, leader_a):
    others = [make_project(title=f"Projekt {n}") for n in range(cooperation.REQUESTS_PER_DAY + 1)]
    for other in others:
        ProjectRole.objects.create(project=other, person=leader_a, role="leader")  # every one has a leader
    CooperationRequest.objects.bulk_create(
        CooperationRequest(from_project=project_a, to_project=other, message="Hej", sent_by=leader_a)
        for other in others[: cooperation.REQUESTS_PER_DAY]
    )

    assert refusal(from_project=project_a, to_project=others[-1], person=leader_a) == (
        "You have sent 5 requests to cooperate in the last 24 hours, which is the limit. Please try again tomorrow."
    )


def test_the_limit_counts_the_last_24_hours_only(make_project, project_a, project_b, leader_a, leader_b):
    CooperationRequest.objects.bulk_create(
        CooperationRequest(from_project=project_a, to_project=project_b, message="Hej", sent_by=leader_a)
        for _ in range(cooperation.REQUESTS_PER_DAY)
    )
    CooperationRequest.objects.update(created_at=timezone.now() - cooperation.DAY)

    assert cooperation.ask_to_cooperate(from_project=project_a, to_project=project_b, person=leader_a, message="Hej")


def test_the_same_project_asks_once_a_day(project_a, project_b, leader_a, leader_b):
    cooperation.ask_to_cooperate(from_project=project_a, to_project=project_b, person=leader_a, message="Hej")

    assert refusal(from_project=project_a, to_project=project_b, person=leader_a) == (
        "Vätgas i Norrbotten has already asked this project to cooperate today."
    )


def test_a_project_without_a_leader_cannot_be_asked(project_a, project_b, leader_a):
    assert refusal(from_project=project_a, to_project=project_b, person=leader_a) == (
        "This project does not yet have a project leader on Samverka who can receive your request."
    )


# --- The mail ---------------------------------------------------------------------------------


def test_the_request_is_mailed_to_the_leaders_with_reply_to_the_sender(
    project_a, project_b, leader_a, leader_b, wish, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    leader_b.language = "en"
    leader_b.save()

    with django_capture_on_commit_callbacks(execute=True):
        cooperation.ask_to_cooperate(
            from_project=project_a, to_project=project_b, person=leader_a, message="Ska vi ordna konferensen ihop?"
        )

    [mail] = smtp_server.wait_for(1)
    assert mail["to"] == ["bengt@example.org"]
    assert mail["message"]["Reply-To"] == "alva@example.org"
    assert mail["subject"] == "Vätgas i Norrbotten asks to cooperate with your project"
    for body in (mail["text"], mail["html"]):
        assert "Alva Ledare of the project Vätgas i Norrbotten would like to cooperate with Energismarta småföretag" in body
        assert "Ska vi ordna konferensen ihop?" in body
        assert "Vi söker partner för en gemensam spridningskonferens i höst." in body
        assert f"/en/projekt/{project_a.pk}/" in body


def test_the_sending_task_run_twice_mails_each_leader_once(project_a, project_b, leader_a, leader_b, participant, smtp_server):
    """As when the worker was killed after sending and ``requeue_stuck_tasks`` queued the task
    again: a second run mails only the leaders not yet mailed (a leader added meanwhile)."""
    from samverka.knowledge.tasks import send_cooperation_request

    request = cooperation.ask_to_cooperate(from_project=project_a, to_project=project_b, person=leader_a, message="Ses vi?")
    assert send_cooperation_request.call(request.pk) == 1
    assert send_cooperation_request.call(request.pk) == 0
    ProjectRole.objects.create(project=project_b, person=participant, role=ProjectRole.Role.LEADER)
    assert send_cooperation_request.call(request.pk) == 1
    assert [mail["to"] for mail in smtp_server.messages] == [["bengt@example.org"], ["petra@example.org"]]
    assert [mail["message"]["Message-ID"] for mail in smtp_server.messages] == [
        f"<cooperation-request.{request.pk}.{leader_b.pk}@127.0.0.1>",
        f"<cooperation-request.{request.pk}.{participant.pk}@127.0.0.1>",
    ]


# --- Pages ----------------------------------------------------------------------------------------


def test_wish_list_shows_active_wishes(client, wish, project_a):
    CooperationWish.objects.create(project=project_a, text="Ett stängt önskemål.", active=False)

    page = client.get(en("cooperation")).content.decode()

    assert "<h1>Who wants to cooperate</h1>" in page
    assert wish.text in page and "Energismarta småföretag" in page
    assert "Ett stängt önskemål." not in page
    assert en("cooperation_matching", pk=wish.project_id) in page


def test_wish_list_when_nobody_is_looking(client, db):
    assert "No project is looking for partners right now." in client.get(en("cooperation")).content.decode()


@pytest.mark.parametrize("number", [1, 60])
def test_wish_list_queries_are_fixed(client, make_project, django_assert_num_queries, number):
    project = make_project()
    CooperationWish.objects.bulk_create(CooperationWish(project=project, text=f"Önskemål {n}") for n in range(number))

    # the count, one page of wishes with their projects, portfolios and areas
    with django_assert_num_queries(2):
        assert client.get(en("cooperation")).status_code == 200


def test_matching_page_lists_candidates_with_reasons_and_their_wishes(client, project_a, project_b, wish):
    relate(project_a, [project_b])

    page = client.get(en("cooperation_matching", pk=project_a.pk)).content.decode()

    assert "<h1>Partners for Vätgas i Norrbotten</h1>" in page
    assert "Energismarta småföretag" in page and "spridning, vätgas" in page
    assert "Same portfolio" in page and "Same programme area" in page and "Same thematic objective" not in page
    assert wish.text in page  # the candidate is looking too
    assert "Ask to cooperate" not in page  # a visitor cannot ask
    assert "Sign in to ask a project to cooperate" in page


def test_matching_page_offers_asking_only_other_projects(leader_a_client, project_a, project_b, make_project):
    third = make_project(title="Tredje projektet")
    relate(project_b, [project_a, third])

    page = leader_a_client.get(en("cooperation_matching", pk=project_b.pk)).content.decode()

    assert en("cooperation_ask", pk=third.pk) in page
    assert en("cooperation_ask", pk=project_a.pk) not in page  # her own project


def test_matching_page_without_stored_candidates(client, project_a):
    assert "No matching projects yet" in client.get(en("cooperation_matching", pk=project_a.pk)).content.decode()


def test_matching_page_of_a_missing_project_is_404(client, db):
    assert client.get(en("cooperation_matching", pk=99999)).status_code == 404


def test_matching_page_refuses_post(client, project_a):
    assert client.post(en("cooperation_matching", pk=project_a.pk)).status_code == 405


@pytest.mark.parametrize("number", [1, 8])
def test_matching_page_queries_are_fixed(leader_a_client, project_a, make_project, django_assert_num_queries, number):
    others = [make_project(title=f"Projekt {n}") for n in range(number)]
    relate(project_a, others)
    CooperationWish.objects.bulk_create(CooperationWish(project=other, text="Vi söker partner.") for other in others)
    CooperationWish.objects.bulk_create(CooperationWish(project=project_a, text=f"Önskemål {n}") for n in range(number))

    # session, person; the project; the related rows, their projects, their wishes; her roles;
    # the project's wishes; the role that lets her manage them
    with django_assert_num_queries(9):
        assert leader_a_client.get(en("cooperation_matching", pk=project_a.pk)).status_code == 200


# Adding, editing and closing a wish


def test_add_a_wish(leader_a_client, project_a):
    response = leader_a_client.post(en("cooperation_wish_add", pk=project_a.pk), {"text": "Gemensam konferens i höst."})

    assert response.status_code == 302 and response["Location"] == en("cooperation_matching", pk=project_a.pk)
    assert CooperationWish.objects.get(project=project_a).text == "Gemensam konferens i höst."


def test_add_a_wish_form(leader_a_client, project_a):
    page = leader_a_client.get(en("cooperation_wish_add", pk=project_a.pk)).content.decode()

    assert "<h1>Add what you want to cooperate on</h1>" in page and 'name="text"' in page


def test_an_empty_wish(leader_a_client, project_a):
    response = leader_a_client.post(en("cooperation_wish_add", pk=project_a.pk), {"text": "   "})

    assert response.status_code == 200
    assert "Write what your project wants to cooperate on." in response.content.decode()
    assert not CooperationWish.objects.exists()


def test_a_too_long_wish(leader_a_client, project_a):
    response = leader_a_client.post(en("cooperation_wish_add", pk=project_a.pk), {"text": "x" * 1001})

    page = response.content.decode()
    assert response.status_code == 200 and "x" * 1001 in page  # kept as typed
    assert "Ensure this value has at most 1000 characters (it has 1001)." in page


@pytest.mark.parametrize("who, status", [("client", 302), ("leader_b_client", 403), ("participant_client", 403)])
def test_adding_a_wish_is_for_members(request, project_a, who, status):
    response = request.getfixturevalue(who).post(en("cooperation_wish_add", pk=project_a.pk), {"text": "Hej"})

    assert response.status_code == status
    assert not CooperationWish.objects.exists()


def test_a_coordinator_adds_a_wish_for_any_project(coordinator_client, project_a):
    assert coordinator_client.post(en("cooperation_wish_add", pk=project_a.pk), {"text": "Hej"}).status_code == 302


def test_adding_a_wish_to_a_missing_project_is_404(coordinator_client, db):
    assert coordinator_client.get(en("cooperation_wish_add", pk=99999)).status_code == 404


def test_edit_and_close_a_wish(leader_b_client, wish):
    response = leader_b_client.post(en("cooperation_wish_edit", pk=wish.pk), {"text": "Ny text."})

    assert response.status_code == 302
    wish.refresh_from_db()
    assert (wish.text, wish.active) == ("Ny text.", False)  # the box left unticked closes it


def test_edit_page_shows_the_wish(leader_b_client, wish):
    page = leader_b_client.get(en("cooperation_wish_edit", pk=wish.pk)).content.decode()

    assert "<h1>Edit what you want to cooperate on</h1>" in page and wish.text in page
    assert "Close: we have found partners" in page


def test_close_a_wish(leader_b_client, wish):
    assert leader_b_client.post(en("cooperation_wish_close", pk=wish.pk)).status_code == 302

    wish.refresh_from_db()
    assert not wish.active


def test_closing_needs_post(leader_b_client, wish):
    assert leader_b_client.get(en("cooperation_wish_close", pk=wish.pk)).status_code == 405


@pytest.mark.parametrize("who, status", [("client", 302), ("leader_a_client", 403), ("participant_client", 403)])
def test_editing_a_wish_is_for_its_projects_members(request, wish, who, status):
    client = request.getfixturevalue(who)

    assert client.post(en("cooperation_wish_edit", pk=wish.pk), {"text": "Ändrat"}).status_code == status
    assert client.post(en("cooperation_wish_close", pk=wish.pk)).status_code == status
    wish.refresh_from_db()
    assert wish.active and wish.text != "Ändrat"


def test_editing_a_missing_wish_is_404(coordinator_client, db):
    assert coordinator_client.get(en("cooperation_wish_edit", pk=99999)).status_code == 404


# Asking to cooperate


def test_ask_form_offers_only_own_projects_and_shows_no_address(leader_a_client, project_a, project_b, leader_b):
    page = leader_a_client.get(en("cooperation_ask", pk=project_b.pk)).content.decode()

    assert "<h1>Ask Energismarta småföretag to cooperate</h1>" in page
    assert f'<option value="{project_a.pk}">Vätgas i Norrbotten</option>' in page
    assert f'value="{project_b.pk}"' not in page
    assert "bengt@example.org" not in page and "alva@example.org" not in page


def test_ask(leader_a_client, project_a, project_b, leader_b):
    response = leader_a_client.post(en("cooperation_ask", pk=project_b.pk), {"from_project": project_a.pk, "message": "Hej!"})

    assert response.status_code == 302 and response["Location"] == f"/en/projekt/{project_b.pk}/"
    assert CooperationRequest.objects.get().message == "Hej!"


def test_ask_without_a_message(leader_a_client, project_a, project_b, leader_b):
    response = leader_a_client.post(en("cooperation_ask", pk=project_b.pk), {"from_project": project_a.pk, "message": ""})

    assert response.status_code == 200 and "Write a message to the project." in response.content.decode()
    assert not CooperationRequest.objects.exists()


def test_ask_with_a_too_long_message(leader_a_client, project_a, project_b, leader_b):
    response = leader_a_client.post(en("cooperation_ask", pk=project_b.pk), {"from_project": project_a.pk, "message": "y" * 2001})

    assert "Ensure this value has at most 2000 characters (it has 2001)." in response.content.decode()
    assert not CooperationRequest.objects.exists()


def test_ask_on_behalf_of_a_project_not_ones_own(leader_a_client, project_a, project_b, make_project, leader_b):
    third = make_project(title="Tredje projektet")

    response = leader_a_client.post(en("cooperation_ask", pk=project_b.pk), {"from_project": third.pk, "message": "Hej"})

    assert f"Select a valid choice. {third.pk} is not one of the available choices." in response.content.decode()
    assert not CooperationRequest.objects.exists()


def test_ask_over_the_daily_limit_keeps_the_message(leader_a_client, project_a, project_b, leader_b):
    person = ProjectRole.objects.get(project=project_a).person
    CooperationRequest.objects.bulk_create(
        CooperationRequest(from_project=project_a, to_project=project_b, message="Tidigare", sent_by=person)
        for _ in range(cooperation.REQUESTS_PER_DAY)
    )

    response = leader_a_client.post(en("cooperation_ask", pk=project_b.pk), {"from_project": project_a.pk, "message": "Mitt meddelande"})

    page = response.content.decode()
    assert response.status_code == 200 and "Mitt meddelande" in page
    assert "You have sent 5 requests to cooperate in the last 24 hours, which is the limit. Please try again tomorrow." in page
    assert CooperationRequest.objects.count() == cooperation.REQUESTS_PER_DAY


@pytest.mark.parametrize("who, status", [("leader_a_client", 403), ("participant_client", 403), ("coordinator_client", 403)])
def test_asking_is_for_members_of_another_project(request, project_a, who, status):
    assert request.getfixturevalue(who).get(en("cooperation_ask", pk=project_a.pk)).status_code == status


def test_asking_needs_sign_in(client, project_a):
    response = client.get(en("cooperation_ask", pk=project_a.pk))

    assert response.status_code == 302 and "login" in response["Location"]


def test_asking_a_missing_project_is_404(leader_a_client, db):
    assert leader_a_client.get(en("cooperation_ask", pk=99999)).status_code == 404


def test_ask_refuses_put(leader_a_client, project_b):
    assert leader_a_client.put(en("cooperation_ask", pk=project_b.pk)).status_code == 405


def test_ask_page_queries(leader_a_client, project_b, django_assert_num_queries):
    # session, person; the project; the role that lets her ask; her projects for the choice
    with django_assert_num_queries(5):
        assert leader_a_client.get(en("cooperation_ask", pk=project_b.pk)).status_code == 200


# --- Personal data ----------------------------------------------------------------------------


def test_download_and_erasure(project_a, project_b, leader_a, leader_b):
    from samverka.accounts import privacy
    from samverka.accounts.services import erase_person

    wish = cooperation.add_wish(project=project_a, person=leader_a, text="Gemensam konferens.")
    cooperation.ask_to_cooperate(from_project=project_a, to_project=project_b, person=leader_a, message="Hej Bengt!")

    data = privacy.export_person(leader_a)["cooperation"]
    assert data["wishes"][0]["text"] == "Gemensam konferens." and data["wishes"][0]["project"] == "Vätgas i Norrbotten"
    assert data["requests_sent"][0]["message"] == "Hej Bengt!"
    assert data["requests_sent"][0]["to_project"] == "Energismarta småföretag"

    erase_person(person=leader_a)

    wish.refresh_from_db()
    assert wish.created_by is None and wish.text == "Gemensam konferens."  # the project's wish stays
    assert not CooperationRequest.objects.exists()


def test_wish_form_pages_queries(leader_a_client, project_a, django_assert_num_queries):
    wish = CooperationWish.objects.create(project=project_a, text="Gemensam konferens.")

    # session, person; the project; the role that lets her manage its wishes
    with django_assert_num_queries(4):
        assert leader_a_client.get(en("cooperation_wish_add", pk=project_a.pk)).status_code == 200
    # session, person; the wish with its project; the role
    with django_assert_num_queries(4):
        assert leader_a_client.get(en("cooperation_wish_edit", pk=wish.pk)).status_code == 200
