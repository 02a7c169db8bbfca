"""Demo data for the meetings: the reference case's two digital project-leader meetings of
2020, with registrations, attendance, discussion groups, notes and a feedback survey, and an
upcoming knowledge webinar open to everyone in the network.

``load_meetings_demo()`` runs after the registry's demo (``python manage.py load_demo`` calls
both). Like the registry's demo it only adds what is missing: events are found by a fixed UID,
registrations by event and e-mail address, groups by number, the survey by event, the extra
project leaders by e-mail address. The people and texts are invented; no sentence describes a
real meeting.
"""

import datetime
import random
import uuid
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
NAMESPACE = uuid.UUID("5b0f3c1e-8d0a-4f7e-9a55-3c2b7f1d2e60")
SEED = 2020
PERIOD = "2014–2020"


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, created: int) -> None:
        self.created[name] = self.created.get(name, 0) + created

    def line(self) -> str:
        parts = ", ".join(f"{count} {name}" for name, count in self.counts.items())
        return f"Meetings demo: {parts} ({sum(self.created.values())} created now)."


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=STOCKHOLM)


# The two project-leader meetings of the reference case.

MEETINGS = [
    {
        "key": "projektledartraff-2020-11-25",
        "title": "Digital projektledarträff 25 november: transporter, förnybar energi och byggande",
        "day": datetime.date(2020, 11, 25),
        "portfolios": ["hallbara-transporter", "fornybar-energi", "hallbart-byggande"],
        "projects_attending": 42,
        "no_shows": 2,
        "cancelled": 3,
        "waiting": 2,
        "officials": 1,
        "description": (
            "En förmiddag för projektledarna i portföljerna Hållbara transporter, Förnybar energi och "
            "Hållbart byggande. Vi pratar om vad som ska finnas kvar när projekten är slut, hur "
            "resultaten når fler och vad den nya programperioden betyder för den som vill fortsätta.\n\n"
            "Träffen är digital. Länken till mötet skickas till dig som är anmäld."
        ),
        "groups": [
            ("Förankra resultaten tidigt",
             "- Den som ska ta över resultaten behöver vara med från början, inte bjudas in vid avslutet.\n"
             "- Flera projekt har en styrgrupp där kommunens förvaltningar sitter med; det gör det lättare "
             "att föra in arbetssätten i ordinarie budget.\n"
             "- Skriv ner vem som äger varje resultat efter projekttiden, och stäm av det varje halvår."),
            ("Få målgrupperna att engagera sig",
             "- Åkerier och lantbrukare har ont om tid: korta, konkreta träffar fungerar bättre än långa seminarier.\n"
             "- Låt deltagarna själva berätta för varandra; det väcker mer intresse än när projektet berättar.\n"
             "- Följ upp personligt efter varje aktivitet, ett telefonsamtal räcker ofta."),
            ("Nätverk som lever vidare",
             "- Nätverk som har en tydlig värd efter projekttiden överlever; de andra somnar in.\n"
             "- En branschorganisation eller ett energikontor kan vara en naturlig värd.\n"
             "- Gruppen föreslår att portföljerna håller en gemensam kontaktlista som deltagarna själva sköter."),
            ("Nya sätt att mötas under pandemin",
             "- Digitala träffar har gett fler deltagare från glesbygden, som tidigare inte hade tid att resa.\n"
             "- Det är svårare att skapa förtroende digitalt; mindre grupper och kameran på hjälper.\n"
             "- Flera vill behålla ett digitalt inslag även när det går att ses på plats igen."),
            ("Företagen berättar om nyttan",
             "- När ett företag själv berättar vid en digital träff vad insatsen gav, lyssnar andra företag.\n"
             "- Korta inslag på tio minuter med siffror på sparad energi eller minskade kostnader fungerar bäst.\n"
             "- Spela in berättelserna, med företagets tillstånd, så att de kan användas i spridningen."),
        ],
    },
    {
        "key": "projektledartraff-2020-12-02",
        "title": "Digital projektledarträff 2 december: energieffektivisering, företagsstöd och forskning",
        "day": datetime.date(2020, 12, 2),
        "portfolios": ["energieffektivisering-smf", "foretagsstod", "forskning-och-innovation"],
        "projects_attending": 31,
        "no_shows": 2,
        "cancelled": 2,
        "waiting": 1,
        "officials": 2,
        "description": (
            "Projektledarträff för portföljerna Energieffektivisering i SMF, Företagsstöd och Forskning "
            "och innovation. Fokus ligger på långsiktiga resultat i företagen, hur projekten bidrar till "
            "strukturförändring och hur erfarenheterna tas med in i programperioden 2021–2027.\n\n"
            "Träffen är digital. Länken till mötet skickas till dig som är anmäld."
        ),
        "groups": [
            ("Långsiktiga resultat i småföretagen",
             "- Energikartläggningen är bara början; det som ger resultat är att åtgärderna faktiskt genomförs.\n"
             "- Företag som får en uppföljning efter ett år genomför fler åtgärder än de som inte får det.\n"
             "- Gruppen vill hitta sätt att följa upp även efter att projektet har avslutats."),
            ("Från projekt till strukturförändring",
             "- Strukturförändring tar längre tid än en projektperiod; vi behöver visa stegen på vägen.\n"
             "- Samarbetet mellan lärosäten och företag är det som oftast finns kvar efteråt.\n"
             "- Lyft fram det som har blivit en del av ordinarie verksamhet hos kommuner och regioner."),
            ("Sprida resultaten till fler företag",
             "- Företagare lyssnar på andra företagare: använd dem som ambassadörer.\n"
             "- Digitala frukostmöten har fungerat bra för att nå företag som inte var med i projektet.\n"
             "- Samla exempel med siffror på en plats, så att de är lätta att hitta och dela."),
            ("Inför den nya programperioden",
             "- Många vill fortsätta, men det är oklart hur de nya specifika målen ska tolkas.\n"
             "- Gruppen önskar ett kunskapswebbinarium om vad som skiljer programperioderna åt.\n"
             "- Ta tillvara de nätverk som byggts upp nu när nya ansökningar skrivs."),
        ],
    },
]

AGENDA = [
    (9, 0, 9, 15, "Välkomna, teknikkoll och presentation av dagen", ""),
    (9, 15, 9, 45, "Vad finns kvar när projektet är slut?",
     "Om långsiktiga resultat och hur projekten bidrar till strukturförändring i regionerna."),
    (9, 45, 10, 15, "Spridning som når fram",
     "Exempel från projekt som har lyckats nå sina målgrupper, och frågor till dem."),
    (10, 15, 10, 30, "Paus", ""),
    (10, 30, 11, 30, "Diskussion i grupper", "Varje grupp har ett tema och en sekreterare som för anteckningar."),
    (11, 30, 12, 0, "Återsamling och den nya programperioden",
     "Grupperna berättar kort; sedan om vad som är känt om programperioden 2021–2027."),
]

WEBINAR = {
    "key": "kunskapswebbinarium-sprida-resultat",
    "title": "Sprida resultat – hur når vi ut på bästa sätt?",
    "description": (
        "Ett kunskapswebbinarium om spridning för projektledare, regionalt utvecklingsansvariga och "
        "andra aktörer som vill ta del av det projekten har kommit fram till. Vi går igenom hur man "
        "väljer kanaler efter målgrupp, hur resultat kan berättas så att de blir begripliga för andra, "
        "och hur man mäter om spridningen gav något.\n\n"
        "Webbinariet är öppet för alla. Länken skickas till dig som har anmält dig."
    ),
    "days_ahead": 21,
    "capacity": 150,
    "agenda": [
        (10, 0, 10, 10, "Inledning", ""),
        (10, 10, 10, 50, "Spridning som ger effekt", "Exempel från tre projekt, med tid för frågor."),
        (10, 50, 11, 30, "Samtal: vad behöver regionerna veta?", "Regionalt utvecklingsansvariga och projektledare i samtal."),
    ],
}

SURVEY_INTRO = "Tack för att du var med på projektledarträffen! Enkäten tar två minuter och svaren är anonyma."
SURVEY_QUESTIONS = [
    ("scale", "Hur användbar var träffen för ditt projekt?", [], True),
    ("scale", "Hur fungerade den digitala formen?", [], False),
    ("choice", "Vilken del gav dig mest?",
     ["Gruppdiskussionerna", "Inledningen om långsiktiga resultat", "Exemplen på spridning", "Den nya programperioden"], False),
    ("text", "Vad vill du att nästa träff tar upp?", [], False),
]
SURVEY_TEXTS = [
    "Mer om hur vi rapporterar resultat i slutrapporten.",
    "Gärna fler exempel från företag.",
    "Hur man hittar en värd för nätverket efter projektet.",
    "Tid att prata med projekt i andra portföljer.",
    "Vad som gäller för ansökningar i nästa period.",
    "Bra upplägg, kortare pass i grupperna nästa gång.",
]
SURVEY_ANSWERS = 24

# Fictional names for the extra project leaders; addresses at example.org.
EXTRA_FIRST = ["Alma", "Bertil", "Cecilia", "David", "Ebba", "Filip", "Greta", "Hugo", "Irma", "Jakob", "Klara", "Ludvig"]
EXTRA_LAST = ["Mötesson", "Träffberg", "Samtalsgren", "Dialogsdotter", "Agendalund", "Gruppström", "Närvaroqvist"]


def load_meetings_demo(*, today: datetime.date | None = None, password: str | None = None) -> Summary:
    """Create the meetings demo that does not exist yet (runs after the registry's demo).

    Side effects: inserts the two meetings of 2020 with agenda, invited portfolios,
    registrations (attended, no-shows, cancellations, waiting list), discussion groups with
    note-takers and notes, and a feedback survey with tickets and answers for the first; the
    upcoming knowledge webinar with a few registrations; extra demo project leaders (with a
    leader role) for projects that have none. Never updates or deletes an existing row.
    """

    today = today or timezone.localdate()
    password = password if password is not None else settings.DEMO_PASSWORD
    summary = Summary()
    with transaction.atomic():
        hashed = make_password(password)
        first = None
        for spec in MEETINGS:
            event = _meeting(summary, spec, hashed)
            first = first or event
        _survey(summary, first)
        _webinar(summary, today)
    _totals(summary)
    return summary


def _totals(summary):
    from samverka.meetings.models import DiscussionGroup, Event, Registration, SurveyResponse

    uids = [_uid(spec["key"]) for spec in [*MEETINGS, WEBINAR]]
    summary.counts = {
        "events": Event.objects.filter(uid__in=uids).count(),
        "registrations": Registration.objects.filter(event__uid__in=uids).count(),
        "discussion groups": DiscussionGroup.objects.filter(event__uid__in=uids).count(),
        "survey responses": SurveyResponse.objects.filter(survey__event__uid__in=uids).count(),
    }


def _uid(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


def _event(summary, *, key, **fields):
    from samverka.meetings.models import Event

    event, new = Event.objects.get_or_create(uid=_uid(key), defaults=fields)
    summary.add("events", new)
    return event, new


def _agenda(event, rows):
    from samverka.meetings.models import AgendaItem

    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                event=event,
                starts_at=datetime.time(h1, m1),
                ends_at=datetime.time(h2, m2),
                title=title,
                description=description,
            )
            for h1, m1, h2, m2, title, description in rows
        ]
    )


def _meeting(summary, spec, hashed):
    """One project-leader meeting with its registrations and groups."""
    from samverka.meetings.models import Event
    from samverka.registry.models import Portfolio

    day = spec["day"]
    event, new = _event(
        summary,
        key=spec["key"],
        kind=Event.Kind.LEADER_MEETING,
        format=Event.Format.DIGITAL,
        title=spec["title"],
        description=spec["description"],
        starts_at=_at(day, 9),
        ends_at=_at(day, 12),
        video_url=f"https://meet.example.org/{spec['key']}",
        dial_in="Ring in: 010-000 00 00, mötes-id 123 456 789",
        registration_opens_at=_at(day - datetime.timedelta(days=28), 8),
        registration_deadline=_at(day - datetime.timedelta(days=3), 23, 59),
        status=Event.Status.PUBLISHED,
        openness=Event.Openness.INVITED,
        reminder_days=2,
    )
    if new:
        event.invited_portfolios.set(Portfolio.objects.filter(slug__in=spec["portfolios"]))
        _agenda(event, AGENDA)
    attended = _registrations(summary, event, spec, hashed)
    _groups(summary, event, spec["groups"], attended)
    return event


def _project_pool(spec):
    """The projects of the meeting's portfolios, the ones running at the time first, taken in
    turn from each portfolio so that all three are represented."""
    from samverka.registry.models import Project

    day = spec["day"]
    by_portfolio = {slug: [] for slug in spec["portfolios"]}
    projects = (
        Project.objects.filter(portfolio__slug__in=spec["portfolios"])
        .select_related("portfolio", "programme__period")
        .order_by("case_number", "pk")
    )
    for project in projects:
        by_portfolio[project.portfolio.slug].append(project)
    for rows in by_portfolio.values():
        rows.sort(
            key=lambda p: (
                p.programme.period.name != PERIOD,
                not (p.start_date <= day <= p.end_date),
                p.case_number,
            )
        )
    pool = []
    for position in range(max(len(rows) for rows in by_portfolio.values())):
        for rows in by_portfolio.values():
            if position < len(rows):
                pool.append(rows[position])
    return pool


def _extra_leader(summary, project, hashed):
    """A fictional project leader for a project that has none (or whose leader is taken)."""
    from samverka.accounts.models import Audience, User
    from samverka.registry.models import ProjectRole

    number = int(project.case_number)
    first = EXTRA_FIRST[number % len(EXTRA_FIRST)]
    last = EXTRA_LAST[(number // len(EXTRA_FIRST)) % len(EXTRA_LAST)]
    slug = f"{first}.{last}".lower().translate(str.maketrans("åäö", "aao"))
    email = f"{slug}.{project.case_number}@example.org"
    person, new = User.objects.get_or_create(
        email=email,
        defaults={"name": f"{first} {last}", "title": "Projektledare", "password": hashed},
    )
    if new:
        person.audiences.add(Audience.objects.get_or_create(code=Audience.Code.PROJECT_LEADER)[0])
    _role, new_role = ProjectRole.objects.get_or_create(
        project=project, person=person, defaults={"role": ProjectRole.Role.LEADER}
    )
    summary.add("extra project leaders", new)
    summary.add("project roles", new_role)
    return person


def _registrations(summary, event, spec, hashed):
    """Leaders of the portfolio projects: attended, no-shows, cancelled and waiting; a
    regional official or two without a project. Returns the attended registrations."""
    from samverka.accounts.models import User
    from samverka.meetings.models import Registration
    from samverka.registry.demo_data import people
    from samverka.registry.models import ProjectRole

    rng = random.Random(f"{SEED}-{spec['key']}")
    pool = _project_pool(spec)
    leaders = {}
    for role in ProjectRole.objects.filter(project__in=pool, role=ProjectRole.Role.LEADER).select_related("person").order_by("pk"):
        leaders.setdefault(role.project_id, []).append(role.person)

    plan = (
        ["attended"] * spec["projects_attending"]
        + ["no_show"] * spec["no_shows"]
        + ["cancelled"] * spec["cancelled"]
        + ["waiting"] * spec["waiting"]
    )
    used, wanted = set(), []
    for what, project in zip(plan, pool, strict=False):
        person = next((p for p in leaders.get(project.pk, []) if p.pk not in used), None)
        if person is None:
            person = _extra_leader(summary, project, hashed)
        used.add(person.pk)
        wanted.append((what, person, project))
    officials = User.objects.filter(email__in=[email for email, *_r in people.OFFICIALS]).order_by("email")
    for person in officials[: spec["officials"]]:
        wanted.append(("attended", person, None))

    existing = set(Registration.objects.filter(event=event).values_list("email", flat=True))
    starts = event.starts_at
    rows = []
    for number, (what, person, project) in enumerate(wanted):
        if person.email in existing:
            continue
        registration = Registration(
            event=event,
            person=person,
            name=person.name,
            email=person.email,
            organisation_name=person.organisation_name or (project.owner.name if project else ""),
            project=project,
            language="sv",
            consents_to_invitations=rng.random() < 0.8,
            status=Registration.Status.REGISTERED,
        )
        if what == "attended":
            registration.attended = True
            registration.attended_minutes = rng.randint(140, 180)
        elif what == "cancelled":
            registration.status = Registration.Status.CANCELLED
            registration.cancelled_at = starts - datetime.timedelta(days=rng.randint(1, 6))
        elif what == "waiting":
            registration.status = Registration.Status.WAITING
            registration.waiting_since = starts - datetime.timedelta(days=5, minutes=number)
        rows.append(registration)
    Registration.objects.bulk_create(rows)
    summary.add("registrations", len(rows))
    if rows:
        # Registered two to three weeks before, not at the moment the demo was loaded.
        Registration.objects.filter(event=event, email__in=[r.email for r in rows]).update(
            created_at=starts - datetime.timedelta(days=18)
        )
    if event.capacity is None:
        # Full: every seat taken, which is why some are on the waiting list.
        event.capacity = Registration.objects.filter(event=event).holding_seats().count()
        event.save(update_fields=["capacity"])
    return list(
        Registration.objects.filter(event=event, attended=True)
        .select_related("project")
        .order_by("project__portfolio__order", "project__case_number", "pk")
    )


def _groups(summary, event, groups, attended):
    """Discussion groups: the attendees dealt round the groups, the first member takes notes."""
    from samverka.meetings.models import DiscussionGroup

    existing = set(DiscussionGroup.objects.filter(event=event).values_list("number", flat=True))
    for number, (topic, notes) in enumerate(groups, start=1):
        if number in existing:
            continue
        members = attended[number - 1 :: len(groups)]
        group = DiscussionGroup.objects.create(
            event=event,
            number=number,
            topic=topic,
            note_taker=members[0] if members else None,
            notes=notes,
            notes_updated_at=event.ends_at,
        )
        group.members.set(members)
        summary.add("discussion groups", 1)


def _survey(summary, event):
    """The feedback survey of the first meeting, answered by about half of those who came."""
    from samverka.meetings import surveys
    from samverka.meetings.models import Question, Survey, SurveyTicket

    survey, new = Survey.objects.get_or_create(
        event=event, defaults={"intro": SURVEY_INTRO, "closes_at": event.ends_at + datetime.timedelta(days=14)}
    )
    if not new:
        return
    Question.objects.bulk_create(
        [
            Question(survey=survey, order=order, kind=kind, text=text, choices=choices, required=required)
            for order, (kind, text, choices, required) in enumerate(SURVEY_QUESTIONS, start=1)
        ]
    )
    questions = list(survey.questions.all())
    surveys.issue_tickets(survey=survey)
    rng = random.Random(SEED)
    tickets = list(SurveyTicket.objects.filter(survey=survey).order_by("pk"))
    for ticket in rng.sample(tickets, min(SURVEY_ANSWERS, len(tickets))):
        answers = {}
        for question in questions:
            if question.kind == Question.Kind.SCALE:
                answers[question.pk] = str(rng.choices([2, 3, 4, 5], weights=[1, 3, 6, 4])[0])
            elif question.kind == Question.Kind.CHOICE:
                answers[question.pk] = rng.choice(question.choices)
            elif rng.random() < 0.5:
                answers[question.pk] = rng.choice(SURVEY_TEXTS)
        surveys.submit_answers(ticket=ticket, answers=answers)
        summary.add("survey responses", 1)
    summary.add("surveys", 1)


def _webinar(summary, today):
    """The upcoming knowledge webinar, open broadly, with a few registrations."""
    from samverka.accounts.models import Audience, User
    from samverka.meetings.models import Event, Registration
    from samverka.registry.models import ProjectRole

    day = today + datetime.timedelta(days=WEBINAR["days_ahead"])
    event, new = _event(
        summary,
        key=WEBINAR["key"],
        kind=Event.Kind.KNOWLEDGE_WEBINAR,
        format=Event.Format.DIGITAL,
        title=WEBINAR["title"],
        description=WEBINAR["description"],
        starts_at=_at(day, 10),
        ends_at=_at(day, 11, 30),
        video_url="https://meet.example.org/sprida-resultat",
        capacity=WEBINAR["capacity"],
        registration_deadline=_at(day - datetime.timedelta(days=1), 12),
        status=Event.Status.PUBLISHED,
        openness=Event.Openness.ANYONE,
        reminder_days=1,
    )
    if new:
        event.invited_audiences.set(
            Audience.objects.filter(
                code__in=[Audience.Code.PROJECT_LEADER, Audience.Code.REGIONAL_OFFICIAL, Audience.Code.OTHER_ACTOR]
            )
        )
        _agenda(event, WEBINAR["agenda"])
    emails = ["aktor@example.org", "projektledare@example.org", "rolf.regionsson@example.org", "utvecklingsansvarig@example.org"]
    people = User.objects.filter(email__in=emails).order_by("email")
    projects = {}
    for role in ProjectRole.objects.filter(person__in=people, role=ProjectRole.Role.LEADER).select_related("project").order_by("-pk"):
        projects[role.person_id] = role.project  # the first role wins
    existing = set(Registration.objects.filter(event=event).values_list("email", flat=True))
    rows = [
        Registration(
            event=event, person=person, name=person.name, email=person.email,
            organisation_name=person.organisation_name, project=projects.get(person.pk),
            language="sv", consents_to_invitations=True,
        )
        for person in people
        if person.email not in existing
    ]
    if "gast.gastsson@example.org" not in existing:
        # A guest without an account, who did not ask to be invited again.
        rows.append(
            Registration(
                event=event, name="Gästa Gästsson", email="gast.gastsson@example.org",
                organisation_name="Påhittade kommunens näringslivsenhet", language="sv",
            )
        )
    Registration.objects.bulk_create(rows)
    summary.add("registrations", len(rows))
