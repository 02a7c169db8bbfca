"""The feedback survey after an event: who may answer, the answer form, the anonymous results.

Anonymity is kept by the models' shape and by what this module writes:

- a ``SurveyTicket`` says who may answer and whether they have (``used``), nothing more;
- a ``SurveyResponse`` and its ``Answer`` rows say what was answered, and point at neither the
  ticket nor the registration; the response keeps the day, not the time;
- free-text answers are shown sorted, never in the order they came in.

So after an answer, no row joins a person to what they said.
"""

from collections import Counter
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Answer, Question, Registration, SurveyResponse, SurveyTicket

SCALE = range(1, 6)
TEXT_MAX_LENGTH = 2000


class TicketUsed(Exception):
    """The ticket has already been used to answer."""


# Reads


def ticket_for_token(token: str):
    """The ticket with this token, with its survey and event, or None."""
    return SurveyTicket.objects.select_related("survey__event").filter(token=token).first()


def survey_is_closed(survey, now=None) -> bool:
    return bool(survey.closes_at and (now or timezone.now()) > survey.closes_at)


# Workflows


def issue_tickets(*, survey) -> list[SurveyTicket]:
    """Give every registration that attended the event a ticket to answer the survey; if no
    attendance was taken, every registered one. Safe to call again: a registration gets at
    most one ticket.

    Side effects: inserts the missing SurveyTicket rows. Returns the tickets created now.
    """
    registrations = Registration.objects.filter(event_id=survey.event_id)
    if registrations.filter(attended=True).exists():
        registrations = registrations.filter(attended=True)
    else:
        registrations = registrations.filter(status=Registration.Status.REGISTERED)
    missing = registrations.exclude(survey_tickets__survey=survey).order_by("pk").values_list("pk", flat=True)
    tickets = [SurveyTicket(survey=survey, registration_id=pk) for pk in missing]
    SurveyTicket.objects.bulk_create(tickets, ignore_conflicts=True)
    return tickets


def submit_answers(*, ticket, answers: dict[int, str]) -> SurveyResponse:
    """Store one anonymous response and mark the ticket used, in one transaction.

    ``answers`` maps question ids to values; empty values are left out.
    Side effects: marks the ticket used; inserts a SurveyResponse and its Answer rows, none of
    which points at the ticket or the person. Raises TicketUsed if the ticket was used already
    (also when two submissions race: the ticket row is locked first).
    """
    with transaction.atomic():
        # Locking and flipping in one UPDATE: of two racing submissions only one changes a row.
        if not SurveyTicket.objects.filter(pk=ticket.pk, used=False).update(used=True):
            raise TicketUsed
        response = SurveyResponse.objects.create(survey_id=ticket.survey_id)
        Answer.objects.bulk_create(
            [
                Answer(response=response, question_id=question_id, value=str(value).strip())
                for question_id, value in answers.items()
                if value not in (None, "") and str(value).strip()
            ]
        )
    ticket.used = True
    return response


# The answer form


class SurveyForm(forms.Form):
    """One field per question: ``q<id>``. Scale and choice questions are radio groups."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.field_name(question)] = self._field_for(question)

    @staticmethod
    def field_name(question) -> str:
        return f"q{question.pk}"

    def _field_for(self, question):
        required = {"required": _("Please answer this question.")}
        if question.kind == Question.Kind.SCALE:
            return forms.TypedChoiceField(
                label=question.text,
                required=question.required,
                coerce=int,
                empty_value=None,
                choices=[(number, str(number)) for number in SCALE],
                widget=forms.RadioSelect,
                help_text=_("1 is the lowest, 5 the highest."),
                error_messages={**required, "invalid_choice": _("Choose a number from 1 to 5.")},
            )
        if question.kind == Question.Kind.CHOICE:
            return forms.ChoiceField(
                label=question.text,
                required=question.required,
                choices=[(choice, choice) for choice in question.choices],
                widget=forms.RadioSelect,
                error_messages={**required, "invalid_choice": _("Choose one of the answers given.")},
            )
        return forms.CharField(
            label=question.text,
            required=question.required,
            max_length=TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages=required,
        )

    def rows(self):
        """(question, bound field, is a radio group) in the questions' order, for the template."""
        return [
            (question, self[self.field_name(question)], question.kind != Question.Kind.TEXT)
            for question in self.questions
        ]

    def answers(self) -> dict[int, str]:
        return {question.pk: self.cleaned_data.get(self.field_name(question)) for question in self.questions}


# Results


@dataclass
class Bar:
    label: str
    count: int
    percent: int  # of this question's answers, rounded

    @property
    def step(self) -> int:
        """The percent rounded to a step of 5, for the chart's CSS width classes."""
        return 5 * round(self.percent / 5)


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind


def _bars(counts: Counter, labels: list[str]) -> list[Bar]:
    total = sum(counts.values())
    return [Bar(label, counts[label], round(100 * counts[label] / total) if total else 0) for label in labels]


def survey_results(survey) -> tuple[int, list[QuestionResult]]:
    """The number of responses and, per question, its counts: a scale's distribution and mean,
    a choice's counts, the free texts sorted alphabetically (never in submission order).
    Three queries whatever the number of answers."""
    responses = SurveyResponse.objects.filter(survey=survey).count()
    questions = list(survey.questions.all())
    grouped = (
        Answer.objects.filter(question__survey=survey)
        .values_list("question_id", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_question: dict[int, Counter] = {question.pk: Counter() for question in questions}
    for question_id, value, n in grouped:
        by_question.setdefault(question_id, Counter())[value] += n

    results = []
    for question in questions:
        counts = by_question[question.pk]
        result = QuestionResult(question=question, answered=sum(counts.values()))
        if question.kind == Question.Kind.SCALE:
            result.bars = _bars(counts, [str(number) for number in SCALE])
            if result.answered:
                total = sum(int(value) * n for value, n in counts.items() if value.isdigit())
                result.mean = round(total / result.answered, 1)
        elif question.kind == Question.Kind.CHOICE:
            # Answers to a choice since renamed are still counted, after the current ones.
            labels = list(question.choices) + sorted(set(counts) - set(question.choices))
            result.bars = _bars(counts, labels)
        else:
            result.texts = sorted(counts.elements(), key=lambda text: (text.casefold(), text))
        results.append(result)
    return responses, results


def ticket_counts(survey) -> dict[str, int]:
    """How many were asked and how many have answered (one query)."""
    return SurveyTicket.objects.filter(survey=survey).aggregate(
        issued=Count("pk"), used=Count("pk", filter=Q(used=True))
    )
