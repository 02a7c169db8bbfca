"""Events and registrations for the scale data (``python manage.py generate_scale_data``).

Published project-leader meetings, webinars and knowledge webinars spread over the last two
years and the coming one, with Swedish titles and descriptions from the small lists below,
invited portfolios, seat limits on most meetings, and registrations of the scale data's people
(plus a few guests on events open to anyone): registered, some cancelled, a waiting list where
the seats ran out, and attendance for the events that are over. The seats are never exceeded:
registrations beyond them wait. Past events have had their reminder and follow-up (so the
mail jobs leave them alone); guests of events past their retention time consented to be kept.
"""

import datetime
import random
import secrets
import uuid
import zoneinfo
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from samverka.registry.models import Portfolio
from samverka.registry.scale_data import next_id, reset_sequences, write_rows

from .models import Event, Registration

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]
# kind, share of events, start (hour, minute), length in minutes
KINDS = [
    (Event.Kind.LEADER_MEETING, 0.4, (9, 0), 180),
    (Event.Kind.WEBINAR, 0.35, (13, 0), 90),
    (Event.Kind.KNOWLEDGE_WEBINAR, 0.25, (10, 0), 60),
]
TOPICS = [
    "Sprida resultat – hur når vi ut på bästa sätt?",
    "Den nya programperioden och vad den betyder för projekten",
    "Långsiktiga effekter och strukturförändring",
    "Digitala mötesmetoder som engagerar",
    "Företagens egna berättelser om nyttan",
    "Upphandling som driver omställningen",
    "Att mäta minskade utsläpp i praktiken",
    "Samverkan mellan kommuner, regioner och näringsliv",
    "Lägesrapportering och uppföljning utan krångel",
    "Så når vi små och medelstora företag",
    "Laddinfrastruktur och elnätets kapacitet",
    "Energieffektivisering i lokaler och processer",
    "Jämställdhet och mångfald i projektens aktiviteter",
    "Att lämna över resultaten när projektet slutar",
]
OPENINGS = [
    "En träff för projektledarna i portföljerna {portfolios}.",
    "Vi samlar projekten i {portfolios} för att dela erfarenheter och lära av varandra.",
    "Välkommen till en träff där projekten i {portfolios} berättar vad de har åstadkommit hittills.",
]
WEBINAR_OPENINGS = [
    "Ett webbinarium om {topic_lower} för alla i nätverket.",
    "Under en dryg timme går vi igenom {topic_lower}, med exempel från projekten.",
    "Två projekt berättar om sina erfarenheter av {topic_lower}, och sedan är ordet fritt.",
]
MIDDLES = [
    "Vi pratar om vad som ska finnas kvar när projekten är slut och hur resultaten når fler.",
    "Deltagarna delas in i grupper med var sitt tema, och grupperna återrapporterar i slutet.",
    "Nätverkets samordnare berättar om det senaste från förvaltande myndighet.",
    "Det finns gott om tid för frågor, och presentationerna skickas ut efteråt.",
    "Ta gärna med en fråga som ditt projekt brottas med just nu.",
]
CLOSINGS = {
    Event.Format.DIGITAL: "Träffen är digital. Länken till mötet skickas till dig som är anmäld.",
    Event.Format.ON_SITE: "Vi ses på plats; fika ingår. Anmäl dig senast dagen innan.",
    Event.Format.HYBRID: "Du kan delta på plats eller digitalt; länken skickas till dig som är anmäld.",
}
VENUES = ["Folkets hus", "Stadshuset", "Regionens hus", "Science Park", "Kulturhuset", "Länsstyrelsens konferenscenter"]
PLACES = ["Umeå", "Luleå", "Sundsvall", "Östersund", "Falun", "Gävle", "Karlstad", "Örebro", "Västerås", "Uppsala",
          "Jönköping", "Växjö", "Kalmar", "Malmö", "Göteborg", "Linköping", "Norrköping", "Halmstad"]


@dataclass
class EventRow:
    """What the polls and knowledge writers need to know of a generated event."""

    id: int
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    portfolio_ids: list[int]
    attendees: list[int] = field(default_factory=list)  # person ids who attended

    def is_past(self, now) -> bool:
        return self.ends_at < now


def _shares(total: int, weights: list[float], rng: random.Random) -> list[int]:
    """``total`` split after ``weights`` into whole numbers that add up exactly."""
    whole = sum(weights) or 1.0
    counts = [int(total * weight / whole) for weight in weights]
    order = list(range(len(weights)))
    rng.shuffle(order)
    for n in range(total - sum(counts)):
        counts[order[n % len(order)]] += 1
    return counts


def _title(rng, kind, day, portfolios):
    if kind == Event.Kind.LEADER_MEETING:
        names = " och ".join(", ".join(p.name for p in portfolios).rsplit(", ", 1)) if portfolios else "alla portföljer"
        return f"Projektledarträff {day.day} {MONTHS[day.month - 1]} {day.year}: {names}"[:200], names, ""
    topic = rng.choice(TOPICS)
    prefix = "Kunskapswebbinarium" if kind == Event.Kind.KNOWLEDGE_WEBINAR else "Webbinarium"
    return f"{prefix}: {topic}"[:200], "", topic


def generate_events(count: int, registrations: int, *, seed: int = 1, people=None, now=None) -> list[EventRow]:
    """Add ``count`` published events and ``registrations`` registrations spread over them.

    ``people`` (``accounts.scale_data.People``) are who register; without enough of them the
    rest are guests. Side effects: inserts events, their invited portfolios and registrations
    in one transaction, then moves the id sequences on. Returns the events, with the people who
    attended each.
    """
    if count <= 0:
        return []
    now = now or timezone.now()
    rng = random.Random(f"{seed}-events")
    portfolios = list(Portfolio.objects.order_by("order", "pk"))
    kinds, shares, starts, lengths = zip(*[(k, s, t, m) for k, s, t, m in KINDS], strict=True)
    person_ids = people.ids if people is not None else range(0)
    events: list[EventRow] = []
    event_rows, links = [], []
    first = next_id(Event)
    plans = []
    for n in range(count):
        index = rng.choices(range(len(kinds)), shares)[0]
        kind = kinds[index]
        days = -rng.randint(1, 730) if rng.random() < 0.67 else rng.randint(1, 365)
        day = timezone.localdate(now) + datetime.timedelta(days=days)
        hour, minute = starts[index]
        starts_at = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=STOCKHOLM)
        ends_at = starts_at + datetime.timedelta(minutes=lengths[index])
        invited = rng.sample(portfolios, min(len(portfolios), rng.randint(2, 3))) if kind == Event.Kind.LEADER_MEETING \
            else rng.sample(portfolios, min(len(portfolios), rng.randint(0, 1)))
        plans.append((first + n, kind, day, starts_at, ends_at, invited))
    weights = [(1.5 if plan[1] == Event.Kind.LEADER_MEETING else 1.0) * rng.uniform(0.5, 1.5) for plan in plans]
    per_event = _shares(registrations, weights, rng)
    with transaction.atomic():
        for (event_id, kind, day, starts_at, ends_at, invited), wanted in zip(plans, per_event, strict=True):
            guests = 0 if not person_ids else round(wanted * rng.uniform(0, 0.15))
            guests = max(guests, wanted - len(person_ids))
            openness = Event.Openness.ANYONE if guests or rng.random() < 0.4 else Event.Openness.SIGNED_IN
            if kind == Event.Kind.LEADER_MEETING:
                form = rng.choices([Event.Format.DIGITAL, Event.Format.ON_SITE, Event.Format.HYBRID], [5, 3, 2])[0]
                capacity = max(10, int(round(wanted * rng.uniform(0.85, 1.4), -1)))
            else:
                form = Event.Format.DIGITAL
                capacity = None if rng.random() < 0.7 else max(50, int(round(wanted * rng.uniform(0.9, 1.5), -1)))
            title, names, topic = _title(rng, kind, day, invited)
            if kind == Event.Kind.LEADER_MEETING:
                opening = rng.choice(OPENINGS).format(portfolios=names)
            else:
                opening = rng.choice(WEBINAR_OPENINGS).format(topic_lower=topic[0].lower() + topic[1:])
            description = "\n\n".join([f"{opening} {' '.join(rng.sample(MIDDLES, 2))}", CLOSINGS[form]])
            event_uid = uuid.uuid4()
            place = "" if form == Event.Format.DIGITAL else f"{rng.choice(VENUES)}, {rng.choice(PLACES)}"
            video = "" if form == Event.Format.ON_SITE else f"https://mote.example.org/{event_uid.hex[:12]}"
            opens = min(starts_at - datetime.timedelta(days=60), now - datetime.timedelta(days=7))
            deadline = starts_at - datetime.timedelta(days=1)
            past = ends_at < now
            retention = 30
            erased = ends_at + datetime.timedelta(days=retention) if ends_at + datetime.timedelta(days=retention) < now else None
            event_rows.append((
                event_id, kind, form, title, description, starts_at, ends_at, place, video, "", capacity, opens,
                deadline, Event.Status.PUBLISHED, openness, False, 2, retention, event_uid, 0,
                starts_at - datetime.timedelta(days=2) if past else None,
                ends_at + datetime.timedelta(hours=2) if past else None,
                erased, opens, opens,
            ))
            links += [(event_id, portfolio.pk) for portfolio in invited]
            row = EventRow(id=event_id, kind=kind, starts_at=starts_at, ends_at=ends_at,
                           portfolio_ids=[p.pk for p in invited])
            row._plan = (wanted, guests, capacity, opens, min(deadline, now), past, erased is not None, starts_at, ends_at)
            events.append(row)
        write_rows(Event, [
            "id", "kind", "format", "title", "description", "starts_at", "ends_at", "place", "video_url", "dial_in",
            "capacity", "registration_opens_at", "registration_deadline", "status", "openness", "requires_approval",
            "reminder_days", "guest_retention_days", "uid", "sequence", "reminder_sent_at", "follow_up_sent_at",
            "guests_erased_at", "created_at", "updated_at",
        ], event_rows)
        write_rows(Event.invited_portfolios.through, ["event_id", "portfolio_id"], links)
        # Sorted by project: the foreign-key checks then read the big project table in order.
        registrations_rows = sorted(_registrations(events, people, rng, now), key=lambda row: row[5] or 0)
        write_rows(Registration, REGISTRATION_COLUMNS, registrations_rows)
    reset_sequences(Event, Event.invited_portfolios.through, Registration)
    for event in events:
        del event._plan
    return events


REGISTRATION_COLUMNS = [
    "event_id", "person_id", "name", "email", "organisation_name", "project_id", "status", "waiting_since",
    "consents_to_invitations", "language", "token", "attended", "attended_minutes", "created_at", "updated_at",
    "cancelled_at", "erased_at",
]


def _registrations(events, people, rng, now):
    """One row per registration (see REGISTRATION_COLUMNS); fills each event's ``attendees``."""
    Status = Registration.Status
    for event in events:
        wanted, guests, capacity, opens, last, past, kept_guests, starts_at, ends_at = event._plan
        span = max(1, int((last - opens).total_seconds()))
        persons = rng.sample(people.ids, wanted - guests) if wanted > guests else []
        entrants = [(pid, *people.row(pid)) for pid in persons]
        entrants += [
            (None, f"{rng.choice(GUEST_FIRST)} Gästsson", f"gast{event.id}-{n}@example.org", "Exempelbygdens förening", None)
            for n in range(1, guests + 1)
        ]
        moments = sorted(opens + datetime.timedelta(seconds=rng.randrange(span)) for _ in entrants)
        rng.shuffle(entrants)
        minutes = int((ends_at - starts_at).total_seconds() // 60)
        seats = 0
        for (person_id, name, email, organisation, project), created in zip(entrants, moments, strict=True):
            cancelled_at = waiting_since = attended_minutes = None
            attended = False
            if rng.random() < 0.06:
                status = Status.CANCELLED
                cancelled_at = min(created + datetime.timedelta(days=rng.randint(0, 20)), last)
            elif capacity is None or seats < capacity:
                status = Status.REGISTERED
                seats += 1
                if past and rng.random() < 0.85:
                    attended = True
                    attended_minutes = rng.randint(minutes // 2, minutes)
                    if person_id is not None:
                        event.attendees.append(person_id)
            else:
                status = Status.WAITING
                waiting_since = created
            consents = (kept_guests or rng.random() < 0.3) if person_id is None else False
            yield (
                event.id, person_id, name, email, organisation, project, status, waiting_since, consents, "sv",
                secrets.token_urlsafe(24), attended, attended_minutes, created, cancelled_at or created, cancelled_at,
                None,
            )


GUEST_FIRST = ["Gunnar", "Greta", "Gustav", "Gun", "Göran", "Gerd"]
