"""The feedback survey: Alva and Bengt came to the meeting and answer; Cora reads the results.

Petra (a participant with no role) may not read them; the anonymous visitor is asked to sign in.
"""

import json

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation

from samverka.meetings import surveys
from samverka.meetings.models import Answer, Question, Registration, Survey, SurveyResponse, SurveyTicket

from .conftest import register

pytestmark = pytest.mark.django_db


def answer_url(ticket):
    with translation.override("sv"):  # a request before may have left English active
        return reverse("meetings:survey_answer", kwargs={"token": ticket.token})


def results_url(event):
    with translation.override("sv"):
        return reverse("meetings:survey_results", kwargs={"pk": event.pk})


@pytest.fixture
def tickets(survey, alva_registration, bengt_registration):
    surveys.issue_tickets(survey=survey)
    return {ticket.registration.person.name: ticket for ticket in SurveyTicket.objects.select_related("registration__person")}


@pytest.fixture
def alva_ticket(tickets):
    return tickets["Alva Ledare"]


def good_answers(questions, scale="4", choice="The group discussions", text="More about the new period."):
    return {
        f"q{questions['scale'].pk}": scale,
        f"q{questions['choice'].pk}": choice,
        f"q{questions['text'].pk}": text,
    }


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


# Tickets


def test_attendees_get_tickets_and_the_absent_do_not(survey, event, alva_registration, bengt_registration, participant):
    register(event, participant, attended=False)
    created = surveys.issue_tickets(survey=survey)
    assert len(created) == 2
    assert set(SurveyTicket.objects.values_list("registration__email", flat=True)) == {"alva@example.org", "bengt@example.org"}


def test_without_attendance_every_registered_gets_a_ticket(survey, event, leader_a, participant, official):
    register(event, leader_a)
    register(event, participant)
    register(event, official, status=Registration.Status.CANCELLED)
    surveys.issue_tickets(survey=survey)
    assert set(SurveyTicket.objects.values_list("registration__email", flat=True)) == {"alva@example.org", "petra@example.org"}


def test_issuing_twice_adds_nothing(survey, alva_registration):
    assert len(surveys.issue_tickets(survey=survey)) == 1
    assert surveys.issue_tickets(survey=survey) == []
    assert SurveyTicket.objects.count() == 1


# Answering


def test_the_form_shows_the_questions_as_an_accessible_form(client, alva_ticket, questions):
    response = client.get(answer_url(alva_ticket))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == 2
    assert "<legend>How useful was the meeting?" in html
    assert "<legend>Which part gave you most?</legend>" in html
    assert f'<label for="id_q{questions["text"].pk}">What should the next meeting take up?</label>' in html
    assert "Tack för att du var med!" in html


def test_alva_answers_and_the_ticket_is_used(client, alva_ticket, questions):
    response = client.post(answer_url(alva_ticket), good_answers(questions))
    assert response.status_code == 200
    assert "Dina svar om Projektledarträff i november är sparade." in response.content.decode()
    alva_ticket.refresh_from_db()
    assert alva_ticket.used
    stored = dict(Answer.objects.values_list("question__kind", "value"))
    assert stored == {"scale": "4", "choice": "The group discussions", "text": "More about the new period."}


def test_optional_questions_may_be_left_out(client, alva_ticket, questions):
    client.post(answer_url(alva_ticket), {f"q{questions['scale'].pk}": "5"})
    assert list(Answer.objects.values_list("value", flat=True)) == ["5"]


def test_no_row_connects_alva_to_her_answers(client, alva_ticket, questions, leader_a):
    before = row_counts()
    client.post(answer_url(alva_ticket), good_answers(questions))
    after = row_counts()
    changed = {label for label in after if after[label] != before[label]}
    # The only new rows are the anonymous response and its answers.
    assert changed == {"meetings.SurveyResponse", "meetings.Answer"}

    # Their columns point at the survey and the questions only, and keep no time of day.
    for model in (SurveyResponse, Answer):
        for field in model._meta.concrete_fields:
            if field.is_relation:
                assert field.related_model in (Survey, SurveyResponse, Question), field
            assert not isinstance(field, models.DateTimeField), field
    # The ticket knows whether it was used, not when, and points at no answer.
    for field in SurveyTicket._meta.concrete_fields:
        assert not isinstance(field, (models.DateField, models.DateTimeField)), field
        assert field.related_model not in (SurveyResponse, Answer), field

    # And no value written names her, her registration or her link.
    written = json.dumps(
        [list(SurveyResponse.objects.values()), list(Answer.objects.values())], default=str, ensure_ascii=False
    )
    for needle in (leader_a.email, leader_a.name, alva_ticket.token, alva_ticket.registration.token):
        assert needle not in written


def test_answering_twice_is_refused(client, alva_ticket, questions):
    client.post(answer_url(alva_ticket), good_answers(questions))
    response = client.post(answer_url(alva_ticket), good_answers(questions, scale="1"))
    assert response.status_code == 410
    assert "Den här enkätlänken har redan använts för att svara." in response.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert list(Answer.objects.filter(question=questions["scale"]).values_list("value", flat=True)) == ["4"]


def test_a_used_link_says_so_on_get(client, alva_ticket, questions):
    client.post(answer_url(alva_ticket), good_answers(questions))
    response = client.get(answer_url(alva_ticket))
    assert response.status_code == 410
    assert "redan använts" in response.content.decode()


def test_submit_answers_refuses_a_used_ticket(alva_ticket, questions):
    surveys.submit_answers(ticket=alva_ticket, answers={questions["scale"].pk: "3"})
    stale = SurveyTicket.objects.get(pk=alva_ticket.pk)
    stale.used = False  # as a second, racing request would still see it
    with pytest.raises(surveys.TicketUsed):
        surveys.submit_answers(ticket=stale, answers={questions["scale"].pk: "1"})
    assert SurveyResponse.objects.count() == 1


def test_unknown_link_is_404(client, survey):
    response = client.get("/traffar/enkat/nonsense/")
    assert response.status_code == 404
    assert "Vi känner inte igen den här enkätlänken." in response.content.decode()


def test_closed_survey_is_410(client, survey, alva_ticket):
    from django.utils import timezone

    survey.closes_at = timezone.now() - timezone.timedelta(minutes=1)
    survey.save()
    response = client.get(answer_url(alva_ticket))
    assert response.status_code == 410
    assert "Enkäten om Projektledarträff i november är stängd och tar inte emot fler svar." in response.content.decode()


def test_answer_wrong_method_is_405(client, alva_ticket):
    assert client.put(answer_url(alva_ticket)).status_code == 405


# Bad input: each its own message, next to the question, nothing saved, values kept


def post_bad(client, ticket, data):
    response = client.post("/en" + answer_url(ticket), data)
    assert response.status_code == 200
    assert SurveyResponse.objects.count() == 0 and Answer.objects.count() == 0
    ticket.refresh_from_db()
    assert not ticket.used
    return response.content.decode()


def test_required_scale_left_out(client, alva_ticket, questions):
    data = good_answers(questions)
    del data[f"q{questions['scale'].pk}"]
    html = post_bad(client, alva_ticket, data)
    field = f"id_q{questions['scale'].pk}"
    assert f'<p class="error-message" id="{field}_error">Please answer this question.</p>' in html
    assert f'aria-describedby="{field}_helptext {field}_error"' in html
    # What she did answer is still there.
    assert "More about the new period.</textarea>" in html
    assert 'value="The group discussions" checked' in html or 'checked value="The group discussions"' in html or (
        'value="The group discussions"' in html and "checked" in html
    )


def test_scale_out_of_range(client, alva_ticket, questions):
    html = post_bad(client, alva_ticket, good_answers(questions, scale="7"))
    assert "Choose a number from 1 to 5." in html


def test_choice_not_offered(client, alva_ticket, questions):
    html = post_bad(client, alva_ticket, good_answers(questions, choice="Lunch"))
    assert "Choose one of the answers given." in html


def test_free_text_too_long(client, alva_ticket, questions):
    html = post_bad(client, alva_ticket, good_answers(questions, text="x" * 2001))
    assert "Ensure this value has at most 2000 characters (it has 2001)." in html


# Results


@pytest.fixture
def answered(client, tickets, questions):
    client.post(answer_url(tickets["Alva Ledare"]), good_answers(questions, scale="4", text="Zebra crossings, please"))
    client.post(answer_url(tickets["Bengt Ledare"]), good_answers(questions, scale="5", text="Agenda earlier"))


def test_results_count_per_question(survey, answered, questions):
    responses, results = surveys.survey_results(survey)
    assert responses == 2
    scale, choice, text = results
    assert [(bar.label, bar.count, bar.percent) for bar in scale.bars] == [
        ("1", 0, 0), ("2", 0, 0), ("3", 0, 0), ("4", 1, 50), ("5", 1, 50),
    ]
    assert scale.mean == 4.5
    assert [(bar.label, bar.count) for bar in choice.bars] == [
        ("The group discussions", 2), ("The introduction", 0), ("The questions", 0),
    ]
    # Sorted, not in the order they came in.
    assert text.texts == ["Agenda earlier", "Zebra crossings, please"]


def test_cora_sees_the_chart_and_the_table(coordinator_client, event, answered):
    response = coordinator_client.get("/en" + results_url(event))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Answered: 2 of 2 people asked." in html
    assert "mean 4.5 on a scale of 1 to 5" in html
    assert '<span class="bar bar-w-50"></span>' in html
    assert '<span class="bar bar-w-100"></span>' in html
    assert '<th scope="row">The group discussions</th><td>2</td><td>100 %</td>' in html
    assert html.index("Agenda earlier") < html.index("Zebra crossings, please")
    assert "style=" not in html and "<script>" not in html


def test_results_before_any_answer(coordinator_client, event, survey):
    html = coordinator_client.get("/en" + results_url(event)).content.decode()
    assert "Answered: 0 of 0 people asked." in html
    assert "No answers yet." in html


def test_participant_may_not_see_results(participant_client, event, survey):
    assert participant_client.get(results_url(event)).status_code == 403


def test_alva_may_not_see_results_either(leader_a_client, event, survey):
    assert leader_a_client.get(results_url(event)).status_code == 403


def test_anonymous_is_asked_to_sign_in(client, event, survey):
    response = client.get(results_url(event))
    assert response.status_code == 302 and "login" in response["Location"]


def test_event_without_survey_is_404(coordinator_client, event):
    assert coordinator_client.get(results_url(event)).status_code == 404


def test_results_wrong_method_is_405(coordinator_client, event, survey):
    assert coordinator_client.post(results_url(event)).status_code == 405


# Query counts: the same for few and many answers


def test_answer_page_queries(client, alva_ticket, django_assert_num_queries):
    with django_assert_num_queries(2):  # the ticket with survey and event; the questions
        assert client.get(answer_url(alva_ticket)).status_code == 200


def test_answer_post_queries(client, alva_ticket, questions, django_assert_num_queries):
    # ticket; questions; savepoint, mark the ticket used, insert the response, the answers, release
    with django_assert_num_queries(7):
        assert client.post(answer_url(alva_ticket), good_answers(questions)).status_code == 200


@pytest.mark.parametrize("extra", [0, 30])
def test_results_page_queries(coordinator_client, coordinator, event, survey, questions, extra, django_assert_num_queries):
    for number in range(extra):
        response = SurveyResponse.objects.create(survey=survey)
        Answer.objects.bulk_create([
            Answer(response=response, question=questions["scale"], value=str(1 + number % 5)),
            Answer(response=response, question=questions["choice"], value="The introduction"),
            Answer(response=response, question=questions["text"], value=f"Thought number {number}"),
        ])
    # session, user, survey with event, responses, questions, answers grouped, tickets
    with django_assert_num_queries(7):
        assert coordinator_client.get(results_url(event)).status_code == 200


def test_english_page_under_en(client, alva_ticket):
    response = client.get("/en" + answer_url(alva_ticket))
    assert response.status_code == 200
    assert "What did you think of Projektledarträff i november?" in response.content.decode()
