"""Knowledge items and news for the scale data (``python manage.py generate_scale_data``).

Published items of every kind, each about one or two of the new projects (linked to them and
to their portfolios; tips shared at a project-leader meeting also to the meeting), and
published news about the network, some announcing a generated event. Titles, leads and
Markdown bodies are Swedish, put together from the small lists below with the project's own
title, in the style of the registry's project generator. Tags are the demo's. Nothing is
indexed here: ``generate_scale_data --index`` rebuilds the search index afterwards.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from samverka.registry.models import Portfolio, Project
from samverka.registry.scale_data import next_id, reset_sequences, write_rows

from .demo_items import TAGS
from .models import KnowledgeItem, NewsItem, Tag

KINDS = [
    (KnowledgeItem.Kind.TIP, 4, "Tips"),
    (KnowledgeItem.Kind.RESULT, 3, "Resultat"),
    (KnowledgeItem.Kind.MODEL, 2, "Projektmodell"),
    (KnowledgeItem.Kind.STORY, 2, "Berättelse"),
    (KnowledgeItem.Kind.EVALUATION, 1, "Utvärdering"),
]
ANGLES = {
    KnowledgeItem.Kind.TIP: [
        "så fick vi med målgruppen från början", "korta träffar nådde fler", "låt deltagarna berätta för varandra",
        "studiebesök som gav resultat", "så förankrade vi arbetet i kommunen",
    ],
    KnowledgeItem.Kind.RESULT: [
        "det här blev kvar efter projekttiden", "minskade utsläpp, mätt och uppföljt", "fler aktörer än vi räknade med",
        "nya arbetssätt i ordinarie verksamhet",
    ],
    KnowledgeItem.Kind.MODEL: [
        "en arbetsmodell i fyra steg", "så organiserade vi samverkan", "mallen vi använde för uppföljning",
    ],
    KnowledgeItem.Kind.STORY: [
        "företaget som ställde om", "kommunen som gick före", "när lantbrukarna tog saken i egna händer",
    ],
    KnowledgeItem.Kind.EVALUATION: [
        "slutrapport från följeforskningen", "lärdomar från utvärderingen", "vad utvärderarna såg",
    ],
}
LEADS = [
    "Projektet {project} delar med sig av vad som fungerade, och vad de skulle göra annorlunda i dag.",
    "Erfarenheterna från {project} kan användas av fler projekt som vill nå samma målgrupper.",
    "Här beskriver projektledaren för {project} hur arbetet lades upp och vad det ledde till.",
]
SECTIONS = [
    ("Bakgrund", [
        "Projektet startade för att flera aktörer i regionen hade samma behov men ingen samordnade arbetet.",
        "Målgruppen hade ont om tid, så aktiviteterna behövde vara korta och konkreta.",
        "Tidigare satsningar hade gett goda resultat, men de spreds inte vidare efter projekttiden.",
    ]),
    ("Vad vi gjorde", [
        "Vi ordnade träffar på plats hos deltagarna i stället för seminarier i stan.",
        "Varje deltagare fick en egen handlingsplan som följdes upp efter ett halvår.",
        "Kommunernas förvaltningar satt med i styrgruppen från första året.",
        "Vi samlade exempel med siffror på en plats, så att de var lätta att hitta och dela.",
    ]),
    ("Det här tar vi med oss", [
        "Den som ska äga resultatet efter projektet behöver vara med från början.",
        "Personlig uppföljning, ett telefonsamtal räcker ofta, gör stor skillnad.",
        "Digitala träffar gav fler deltagare från glesbygden.",
        "Låt deltagarna själva berätta; det väcker mer intresse än när projektet berättar.",
    ]),
]
NEWS_TITLES = [
    "Nätverket växer: {count} nya projekt i {portfolio}",
    "Nya exempel i kunskapsbanken om {portfolio_lower}",
    "Samordnarna sammanfattar året i {portfolio}",
]
NEWS_LEADS = [
    "Nätverket samlar allt fler projekt, och samordnarna ser ett stort intresse för att dela erfarenheter.",
    "Här är det viktigaste i korthet, med länkar till mer att läsa.",
    "Projekten berättar om vad de har lärt sig och vad som händer härnäst.",
]
NEWS_PARAGRAPHS = [
    "Under året har projekten i portföljen arbetat med allt från förstudier till fullskaliga genomföranden.",
    "Många projekt lyfter fram samverkan med kommunerna som avgörande för att resultaten ska leva vidare.",
    "Nästa projektledarträff planeras till hösten; inbjudan skickas till alla projektledare i nätverket.",
    "Har du ett exempel som fler borde känna till? Skriv en artikel i kunskapsbanken eller hör av dig till samordnarna.",
    "Presentationerna från träffen finns att ladda ner på träffens sida.",
]
LINK_CHUNK = 900  # ids per query: within SQLite's limit of variables


def _tags() -> list[int]:
    existing = {tag.slug: tag.pk for tag in Tag.objects.filter(slug__in=TAGS)}
    missing = [Tag(slug=slug, name=name) for slug, name in TAGS.items() if slug not in existing]
    Tag.objects.bulk_create(missing)
    return list(Tag.objects.filter(slug__in=TAGS).values_list("pk", flat=True))


def _projects(ids: list[int]) -> dict[int, tuple[str, int | None]]:
    """{project id: (title, portfolio id)} for these projects."""
    found = {}
    ids = sorted(set(ids))
    for start in range(0, len(ids), LINK_CHUNK):
        rows = Project.objects.filter(pk__in=ids[start:start + LINK_CHUNK]).values_list("pk", "title", "portfolio_id")
        found.update({pk: (title, portfolio) for pk, title, portfolio in rows})
    return found


def _body(rng, project_titles: list[str]) -> str:
    parts = []
    for heading, sentences in SECTIONS:
        parts.append(f"## {heading}\n\n{' '.join(rng.sample(sentences, 2))}")
    if len(project_titles) > 1:
        parts.append("## Projekten\n\n" + "\n".join(f"- {title}" for title in project_titles))
    return "\n\n".join(parts) + "\n"


def generate_knowledge(items: int, news: int, *, seed: int = 1, project_ids: range | None = None, events=(),
                       now=None) -> dict[str, int]:
    """Add ``items`` published knowledge items and ``news`` published news items; return the counts
    of what was written (items, news and their links).

    Items are about one or two of ``project_ids`` (the run's new projects) and linked to their
    portfolios; a quarter of the tips are linked to a past project-leader meeting among
    ``events``; a third of the news announce one of ``events``. Side effects: inserts the rows and
    the demo's tags where missing, in one transaction, then moves the id sequences on.
    """
    written = {"knowledge items": 0, "news items": 0, "links": 0}
    if items <= 0 and news <= 0:
        return written
    now = now or timezone.now()
    rng = random.Random(f"{seed}-knowledge")
    projects_range = project_ids or range(0)
    events = list(events)
    meetings = [event for event in events if event.kind == "leader_meeting" and event.is_past(now)]
    portfolios = {p.pk: p.name for p in Portfolio.objects.all()}
    kinds, weights, labels = zip(*KINDS, strict=True)
    label = dict(zip(kinds, labels, strict=True))
    with transaction.atomic():
        tags = _tags()
        # Knowledge items.
        first = next_id(KnowledgeItem)
        about = [rng.sample(projects_range, min(len(projects_range), rng.choice([1, 1, 1, 2]))) for _ in range(items)]
        known = _projects([pk for chosen in about for pk in chosen])
        rows, project_links, portfolio_links, event_links, tag_links = [], [], [], [], []
        for n, chosen in enumerate(about):
            item_id = first + n
            kind = rng.choices(kinds, weights)[0]
            titles = [known[pk][0] for pk in chosen if pk in known]
            subject = titles[0] if titles else "nätverkets projekt"
            title = f"{label[kind]}: {rng.choice(ANGLES[kind])}"
            lead = rng.choice(LEADS).format(project=subject)
            published = now - datetime.timedelta(days=rng.randint(1, 5 * 365), minutes=rng.randint(0, 1439))
            rows.append((item_id, kind, title[:200], lead[:600], _body(rng, titles), "sv",
                         KnowledgeItem.Status.PUBLISHED, published, published, published))
            project_links += [(item_id, pk) for pk in chosen if pk in known]
            portfolio_links += [(item_id, pk) for pk in sorted({known[pk][1] for pk in chosen if pk in known} - {None})]
            if kind == KnowledgeItem.Kind.TIP and meetings and rng.random() < 0.25:
                event_links.append((item_id, rng.choice(meetings).id))
            tag_links += [(item_id, pk) for pk in rng.sample(tags, rng.randint(1, 3))]
        written["knowledge items"] = write_rows(KnowledgeItem, [
            "id", "kind", "title", "lead", "body", "language", "status", "published_at", "created_at", "updated_at",
        ], rows)
        written["links"] += write_rows(KnowledgeItem.projects.through, ["knowledgeitem_id", "project_id"], sorted(project_links, key=lambda link: link[1]))
        written["links"] += write_rows(KnowledgeItem.portfolios.through, ["knowledgeitem_id", "portfolio_id"], portfolio_links)
        written["links"] += write_rows(KnowledgeItem.events.through, ["knowledgeitem_id", "event_id"], event_links)
        written["links"] += write_rows(KnowledgeItem.tags.through, ["knowledgeitem_id", "tag_id"], tag_links)
        # News.
        first = next_id(NewsItem)
        rows, portfolio_links, event_links, tag_links = [], [], [], []
        for n in range(news):
            news_id = first + n
            portfolio = rng.choice(list(portfolios.items())) if portfolios else (None, "nätverket")
            event = rng.choice(events) if events and rng.random() < 0.35 else None
            if event is None:
                template = rng.choice([t for t in NEWS_TITLES if "{event}" not in t])
                published = now - datetime.timedelta(days=rng.randint(1, 3 * 365), minutes=rng.randint(0, 1439))
            elif event.is_past(now):
                template = "Så gick det på {event}"
                published = min(now, event.ends_at + datetime.timedelta(days=rng.randint(1, 14)))
            else:
                template = "Anmälan är öppen till {event}"
                published = now - datetime.timedelta(days=rng.randint(0, 30), minutes=rng.randint(1, 1439))
            title = template.format(
                count=rng.randint(3, 40), portfolio=portfolio[1], portfolio_lower=portfolio[1].lower(),
                event=event and event_title(event),
            )
            body = "\n\n".join(rng.sample(NEWS_PARAGRAPHS, 3)) + "\n"
            rows.append((news_id, title[:200], rng.choice(NEWS_LEADS), body, "sv", NewsItem.Status.PUBLISHED,
                         published, published, published))
            if portfolio[0] is not None:
                portfolio_links.append((news_id, portfolio[0]))
            if event is not None:
                event_links.append((news_id, event.id))
            tag_links += [(news_id, pk) for pk in rng.sample(tags, rng.randint(1, 2))]
        written["news items"] = write_rows(NewsItem, [
            "id", "title", "lead", "body", "language", "status", "publish_at", "created_at", "updated_at",
        ], rows)
        written["links"] += write_rows(NewsItem.portfolios.through, ["newsitem_id", "portfolio_id"], portfolio_links)
        written["links"] += write_rows(NewsItem.events.through, ["newsitem_id", "event_id"], event_links)
        written["links"] += write_rows(NewsItem.tags.through, ["newsitem_id", "tag_id"], tag_links)
    reset_sequences(
        KnowledgeItem, KnowledgeItem.projects.through, KnowledgeItem.portfolios.through, KnowledgeItem.events.through,
        KnowledgeItem.tags.through, NewsItem, NewsItem.portfolios.through, NewsItem.events.through,
        NewsItem.tags.through,
    )
    return written


def event_title(event) -> str:
    kinds = {"leader_meeting": "projektledarträffen", "webinar": "webbinariet", "knowledge_webinar": "kunskapswebbinariet"}
    day = timezone.localtime(event.starts_at)
    return f"{kinds.get(event.kind, 'träffen')} den {day.day}/{day.month} {day.year}"
