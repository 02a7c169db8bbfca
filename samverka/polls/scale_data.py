"""Topic polls for the scale data (``python manage.py generate_scale_data``).

Each poll asks the people of one generated event which topic the network should take up next:
published, open already (so its page answers), closed a week after a past event or still open
before a coming one, with three to six approved options and ballots that follow the method's
rules. The attendees of a past event vote (eligibility "attendees"); for a coming event any
signed-in person may (some of the scale data's people do). One ballot a person a poll: each
voter is drawn once, and the ballot's key is ``Poll.ballot_key`` (an HMAC in anonymous polls).
Reminders count as sent, so the reminder job mails nobody.
"""

import datetime
import hashlib
import hmac
import random

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samverka.registry.scale_data import next_id, reset_sequences, write_rows

from .models import Ballot, Poll, PollOption, Vote

QUESTIONS = [
    "Vilket ämne vill ni ta upp på nästa träff?",
    "Vad ska nästa kunskapswebbinarium handla om?",
    "Vilken fråga är viktigast för nätverket i höst?",
    "Vad vill ni fördjupa er i under våren?",
]
DESCRIPTIONS = [
    "Välj det eller de ämnen du helst vill se. Samordnarna planerar nästa träff efter resultatet.",
    "Under träffen kom många förslag. Rösta på dem du tycker är viktigast för ditt projekt.",
    "Omröstningen är öppen en vecka. Resultatet visas när den har stängt.",
]
OPTIONS = [
    ("Sprida resultat", "Kanaler, målgrupper och berättelser: hur resultaten blir kända och används av fler."),
    ("Den nya programperioden", "Vad som ändras i regionalfonden och hur projekten kan förbereda sig."),
    ("Långsiktiga effekter", "Hur man visar det som finns kvar när projektet är slut, och hur det mäts."),
    ("Digitala mötesmetoder", "Workshoppar, grupprum och delaktighet när alla sitter vid var sin skärm."),
    ("Företagens egna berättelser", "Hur deltagande företag själva kan beskriva vad projektet gav dem."),
    ("Upphandling", "Hur offentliga inköp kan ställa krav som driver omställningen."),
    ("Indikatorer och uppföljning", "Att rapportera det som efterfrågas utan att fastna i siffrorna."),
    ("Samverkan med kommunerna", "Hur kommunernas förvaltningar blir delaktiga från början."),
    ("Laddinfrastruktur", "Var laddplatserna behövs och vem som bygger dem."),
    ("Energikartläggningar i småföretag", "Från kartläggning till genomförda åtgärder."),
]
METHODS = [(Poll.Method.SINGLE, 3), (Poll.Method.APPROVAL, 4), (Poll.Method.RANKED, 2), (Poll.Method.SCORE, 1)]
VISIBILITY = [Poll.Visibility.LIVE, Poll.Visibility.AFTER_VOTING, Poll.Visibility.AFTER_CLOSING]
POLL_COLUMNS = [
    "id", "title", "description", "event_id", "status", "method", "max_choices", "points_total", "points_per_option",
    "opens_at", "closes_at", "eligibility", "allow_proposals", "results_visibility", "anonymous", "outcome_note",
    "reminder_sent_at", "created_at",
]


def ballot_key(poll_id: int, anonymous: bool, person_id: int) -> str:
    """``Poll.ballot_key`` without loading the poll."""
    if not anonymous:
        return f"person:{person_id}"
    message = f"samverka-poll:{poll_id}:{person_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _marks(rng, method, options, max_choices, points_total, points_per_option):
    """(option id, rank, points) for one ballot, within the method's rules."""
    if method == Poll.Method.SINGLE:
        return [(rng.choice(options), None, None)]
    if method == Poll.Method.APPROVAL:
        return [(option, None, None) for option in rng.sample(options, rng.randint(1, min(max_choices, len(options))))]
    if method == Poll.Method.RANKED:
        ranked = rng.sample(options, rng.randint(1, len(options)))
        return [(option, rank, None) for rank, option in enumerate(ranked, start=1)]
    points: dict[int, int] = {}
    for _ in range(rng.randint(1, points_total)):
        open_options = [option for option in options if points.get(option, 0) < points_per_option]
        if not open_options:
            break
        option = rng.choice(open_options)
        points[option] = points.get(option, 0) + 1
    return [(option, None, given) for option, given in points.items()]


def generate_polls(count: int, *, seed: int = 1, events=(), people=None, now=None) -> dict[str, int]:
    """Add ``count`` polls on the generated ``events`` (``meetings.scale_data.EventRow``) with
    options, ballots and votes; return how many of each were written.

    Side effects: inserts the rows in one transaction, then moves the id sequences on.
    """
    written = {"polls": 0, "options": 0, "ballots": 0, "votes": 0}
    if count <= 0:
        return written
    now = now or timezone.now()
    rng = random.Random(f"{seed}-polls")
    events = list(events)
    past = [event for event in events if event.is_past(now) and event.attendees]
    coming = [event for event in events if not event.is_past(now)]
    person_ids = people.ids if people is not None else range(0)
    methods, method_weights = zip(*METHODS, strict=True)
    polls, options, ballots, votes = [], [], [], []
    poll_id, option_id, ballot_id = next_id(Poll), next_id(PollOption), next_id(Ballot)
    for _ in range(count):
        pool = past if past and (not coming or rng.random() < 0.7) else coming
        event = rng.choice(pool) if pool else None
        if event is not None and event.is_past(now):
            opens_at = event.ends_at - datetime.timedelta(minutes=30)
            closes_at = opens_at + datetime.timedelta(days=7)
            eligibility, voters = Poll.Eligibility.ATTENDEES, event.attendees
            share = 0.75
        else:
            opens_at = now - datetime.timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 23))
            closes_at = max(event.starts_at if event else now, opens_at) + datetime.timedelta(days=rng.randint(1, 7))
            eligibility, voters = Poll.Eligibility.SIGNED_IN, person_ids
            share = min(1.0, 40 / len(person_ids)) if person_ids else 0
        method = rng.choices(methods, method_weights)[0]
        anonymous = rng.random() < 0.8
        chosen = rng.sample(OPTIONS, rng.randint(3, 6))
        option_ids = list(range(option_id, option_id + len(chosen)))
        options += [
            (pk, poll_id, title, description, PollOption.Status.APPROVED, order)
            for order, (pk, (title, description)) in enumerate(zip(option_ids, chosen, strict=True), start=1)
        ]
        option_id += len(chosen)
        polls.append((
            poll_id, rng.choice(QUESTIONS), rng.choice(DESCRIPTIONS), event.id if event else None, Poll.Status.PUBLISHED,
            method, 3, 10, 5, opens_at, closes_at, eligibility, False, rng.choice(VISIBILITY), anonymous, "",
            opens_at + datetime.timedelta(hours=1), opens_at - datetime.timedelta(days=1),
        ))
        voting = rng.sample(voters, round(len(voters) * share)) if voters else []
        for person_id in voting:
            ballots.append((ballot_id, poll_id, ballot_key(poll_id, anonymous, person_id), None if anonymous else person_id))
            votes += [(ballot_id, option, rank, points) for option, rank, points in _marks(rng, method, option_ids, 3, 10, 5)]
            ballot_id += 1
        poll_id += 1
    with transaction.atomic():
        written["polls"] = write_rows(Poll, POLL_COLUMNS, polls)
        written["options"] = write_rows(PollOption, ["id", "poll_id", "title", "description", "status", "order"], options)
        written["ballots"] = write_rows(Ballot, ["id", "poll_id", "key", "voter_id"], ballots)
        written["votes"] = write_rows(Vote, ["ballot_id", "option_id", "rank", "points"], votes)
    reset_sequences(Poll, PollOption, Ballot, Vote)
    return written
