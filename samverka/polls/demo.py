"""The reference case's poll: after the project-leader meeting of 25 November 2020 the
attendees chose the next knowledge webinar's topic, and "spreading results" won.

    load_polls_demo()   runs after the meetings demo (load_demo calls it); adds only what is missing
"""

import datetime
import random
import zoneinfo
from dataclasses import dataclass, field

from django.db import transaction

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
SEED = 2020
MEETING_DAY = datetime.date(2020, 11, 25)

TITLE = "Vilket kunskapswebbinarium vill ni ha härnäst?"
DESCRIPTION = (
    "Under träffen kom många förslag på vad nätverket borde fördjupa sig i. Välj upp till tre ämnen "
    "som du helst vill se som nästa kunskapswebbinarium. Omröstningen är anonym: ingen, inte heller "
    "samordnarna, kan se vem som röstade på vad."
)
# (title, description, how likely an attendee is to pick it)
OPTIONS = [
    (
        "Sprida resultat – hur når vi ut på bästa sätt?",
        "Kanaler, målgrupper och berättelser: hur projektens resultat blir kända och används av fler.",
        0.78,
    ),
    (
        "Den nya programperioden",
        "Vad som ändras i regionalfonden 2021–2027 och hur projekten kan förbereda sig.",
        0.52,
    ),
    (
        "Långsiktiga effekter och strukturförändring",
        "Hur man visar det som finns kvar när projektet är slut, och hur det mäts.",
        0.44,
    ),
    (
        "Digitala mötesmetoder",
        "Workshoppar, grupprum och delaktighet när alla sitter vid var sin skärm.",
        0.36,
    ),
    (
        "Företagens egna berättelser",
        "Hur deltagande företag själva kan beskriva vad projektet gav dem – och hur vi använder det.",
        0.30,
    ),
]
NOTE = (
    "Spridning av resultat fick flest röster. Ämnet blir nästa kunskapswebbinarium; den nya "
    "programperioden, som kom tvåa, tas upp på vårens projektledarträff."
)


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    created: int = 0

    def line(self) -> str:
        parts = ", ".join(f"{count} {name}" for name, count in self.counts.items())
        return f"Polls demo: {parts} ({self.created} created now)."


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=STOCKHOLM)


def find_meeting():
    """The project-leader meeting of 25 November 2020 (from the meetings demo), or None."""
    from samverka.meetings.models import Event

    start, end = _at(MEETING_DAY, 0), _at(MEETING_DAY + datetime.timedelta(days=1), 0)
    return (
        Event.objects.filter(kind=Event.Kind.LEADER_MEETING, starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at", "pk")
        .first()
    )


def find_webinar():
    """The knowledge webinar on spreading results that the meetings demo created, or None."""
    from samverka.meetings.models import Event

    webinars = Event.objects.filter(kind=Event.Kind.KNOWLEDGE_WEBINAR).order_by("starts_at", "pk")
    return webinars.filter(title__istartswith="Sprida resultat").first() or webinars.first()


def load_polls_demo() -> Summary:
    """Create the reference case's poll if it is missing (needs the meetings demo first).

    Side effects: inserts one closed, anonymous approval poll (pick up to 3) on the 25 November
    2020 meeting, its five options, one ballot per attendee (keys only, no voter) with realistic
    picks in which spreading results wins, and the outcome (chosen option, note, the upcoming
    knowledge webinar as the resulting event). Never updates or deletes an existing row, so a
    second run creates nothing.
    """
    from samverka.accounts.models import User
    from samverka.polls.models import Ballot, Poll, PollOption, Vote

    summary = Summary()
    meeting = find_meeting()
    if meeting is None:
        return summary
    with transaction.atomic():
        poll = Poll.objects.filter(event=meeting, title=TITLE).first()
        if poll is None:
            poll = Poll.objects.create(
                title=TITLE,
                description=DESCRIPTION,
                event=meeting,
                status=Poll.Status.PUBLISHED,
                method=Poll.Method.APPROVAL,
                max_choices=3,
                opens_at=_at(MEETING_DAY, 11, 30),
                closes_at=_at(MEETING_DAY + datetime.timedelta(days=7), 17),
                eligibility=Poll.Eligibility.ATTENDEES,
                results_visibility=Poll.Visibility.AFTER_CLOSING,
                anonymous=True,
            )
            summary.created += 1
            options = PollOption.objects.bulk_create(
                PollOption(poll=poll, title=title, description=description, order=number)
                for number, (title, description, _weight) in enumerate(OPTIONS, start=1)
            )
            summary.created += len(options)
            summary.created += _ballots(poll, options)
            poll.outcome_option = options[0]
            poll.outcome_note = NOTE
            poll.outcome_event = find_webinar()
            poll.save(update_fields=["outcome_option", "outcome_note", "outcome_event"])
        attendees = User.objects.filter(registrations__event=meeting, registrations__attended=True).distinct()
        summary.counts = {
            "polls": Poll.objects.filter(pk=poll.pk).count(),
            "options": PollOption.objects.filter(poll=poll).count(),
            "ballots": Ballot.objects.filter(poll=poll).count(),
            "votes": Vote.objects.filter(ballot__poll=poll).count(),
            "attendees": attendees.count(),
        }
    return summary


def _ballots(poll, options) -> int:
    """One ballot per attendee with a person: up to three picks drawn with each option's weight."""
    from samverka.accounts.models import User
    from samverka.polls.models import Ballot, Vote

    rng = random.Random(f"{SEED}-poll")
    people = list(
        User.objects.filter(registrations__event=poll.event, registrations__attended=True).distinct().order_by("email")
    )
    ballots, picks = [], []
    for person in people:
        if rng.random() < 0.15:  # some attendees never voted
            continue
        chosen = [option for option, (_t, _d, weight) in zip(options, OPTIONS, strict=True) if rng.random() < weight][:3]
        if not chosen:
            chosen = [rng.choice(options)]
        ballots.append(Ballot(poll=poll, key=poll.ballot_key(person)))
        picks.append(chosen)
    ballots = Ballot.objects.bulk_create(ballots)
    votes = Vote.objects.bulk_create(
        Vote(ballot=ballot, option=option) for ballot, chosen in zip(ballots, picks, strict=True) for option in chosen
    )
    return len(ballots) + len(votes)
