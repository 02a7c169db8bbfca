"""The feedback survey: the answer page behind a personal link, and the coordinator's results."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from . import surveys
from .models import Survey
from .rules import can_see_survey_results


def get_survey_for_results(request, pk: int) -> Survey:
    """The survey of event ``pk`` for a coordinator: 404 if the event has none, 403 for others."""
    if not can_see_survey_results(request.user):
        raise PermissionDenied
    return get_object_or_404(Survey.objects.select_related("event"), event_id=pk)


@require_http_methods(["GET", "POST"])
def survey_answer(request, token):
    ticket = surveys.ticket_for_token(token)
    if ticket is None:
        return render(request, "meetings/survey/unavailable.html", {"reason": "unknown"}, status=404)
    survey = ticket.survey
    if ticket.used:
        return render(request, "meetings/survey/unavailable.html", {"reason": "used", "survey": survey}, status=410)
    if surveys.survey_is_closed(survey):
        return render(request, "meetings/survey/unavailable.html", {"reason": "closed", "survey": survey}, status=410)

    form = surveys.SurveyForm(request.POST or None, questions=survey.questions.all())
    if request.method == "POST" and form.is_valid():
        try:
            surveys.submit_answers(ticket=ticket, answers=form.answers())
        except surveys.TicketUsed:
            # Sent twice at once (a double click): the first one counted.
            return render(request, "meetings/survey/unavailable.html", {"reason": "used", "survey": survey}, status=410)
        # No redirect to a page that could carry the token in its history: thank them here.
        return render(request, "meetings/survey/thanks.html", {"survey": survey})
    return render(request, "meetings/survey/answer.html", {"survey": survey, "event": survey.event, "form": form})


@login_required
@require_GET
def survey_results(request, pk):
    survey = get_survey_for_results(request, pk)
    responses, results = surveys.survey_results(survey)
    tickets = surveys.ticket_counts(survey)
    return render(
        request,
        "meetings/survey/results.html",
        {"survey": survey, "event": survey.event, "responses": responses, "results": results, "tickets": tickets},
    )
