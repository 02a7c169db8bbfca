"""Demo data for the knowledge bank and news: tips, results, project models, case stories and
evaluation reports from the demo projects, the network's news (the reference case's news item
about the two meetings of 2020 with each meeting's notes as a PDF, a chart, a scheduled item),
cooperation wishes and a weekly subscription.

``load_knowledge_demo()`` runs after the registry's, the meetings' and the polls' demos
(``python manage.py load_demo`` calls them in turn). Like them it only adds what is missing:
items and news are found by title, tags by slug, wishes by project and text, the subscription
by address. A file is attached only to an item or a news item created in the same run, so a
coordinator who removes an attachment from the demo does not see it come back. At the end it
rebuilds the search index and the "projects like yours" lists from everything the demos added.
The texts are in ``demo_items.py`` and ``demo_news.py``, the file writers in ``demo_files.py``.
"""

import datetime
import re
import zoneinfo
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from samverka.accounts.models import User
from samverka.meetings.models import Event
from samverka.registry.demo_data.people import COORDINATOR
from samverka.registry.models import Portfolio, Project, ProjectRole

from . import demo_files
from .demo_items import ITEMS, TAGS
from .demo_news import (
    CHART_CAPTION,
    EMISSIONS_AVOIDED,
    NEWS,
    SUBSCRIBED_AT,
    SUBSCRIBED_KINDS,
    SUBSCRIBER,
    WISHES,
    chart_alt_text,
)
from .models import Attachment, CooperationWish, KnowledgeItem, NewsImage, NewsItem, Subscription, Tag
from .related import refresh_all
from .search import rebuild_index
from .services import add_attachment, add_news_image

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
MEETING_DAYS = (datetime.date(2020, 11, 25), datetime.date(2020, 12, 2))
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, created: int) -> None:
        self.created[name] = self.created.get(name, 0) + created

    def line(self) -> str:
        parts = ", ".join(f"{count} {name}" for name, count in self.counts.items())
        return f"Knowledge demo: {parts} ({sum(self.created.values())} created now)."


@dataclass
class Context:
    """What the demo texts refer to, looked up once: projects by case number, portfolios by slug,
    the meetings by day (and the upcoming webinar), and who writes."""

    projects: dict[str, Project]
    portfolios: dict[str, Portfolio]
    events: dict[datetime.date | str, Event]
    coordinator: User | None
    leaders: dict[int, User]  # project id → its first leader

    def writer(self, case_numbers) -> User | None:
        """A project's own leader writes about it; the coordinator writes the rest."""
        for case_number in case_numbers:
            project = self.projects.get(case_number)
            if project and project.pk in self.leaders:
                return self.leaders[project.pk]
        return self.coordinator


def load_knowledge_demo(*, now: datetime.datetime | None = None) -> Summary:
    """Create the knowledge bank's and the news' demo content that does not exist yet.

    Side effects: inserts tags; about thirty knowledge items (two of them drafts) linked to
    projects, portfolios, tags and, for tips from the 2020 meetings, those meetings, with a PDF
    report on each evaluation; news items linked to portfolios, tags and events, one with each
    2020 meeting's notes as a PDF (written from the meetings demo's agenda and group notes),
    one with a bar chart image, one scheduled seven days after ``now`` and one draft;
    cooperation wishes of three projects; a confirmed weekly subscription of a demo project
    leader. Files go to the default storage through ``services.add_attachment`` and
    ``add_news_image``. Never updates or deletes an existing row. Then, outside that
    transaction, rebuilds the whole search index and every "projects like yours" list.
    """
    now = now or timezone.now()
    summary = Summary()
    with transaction.atomic():
        context = _context()
        tags = _tags(summary)
        _items(summary, context, tags)
        _news(summary, context, tags, now)
        _wishes(summary, context)
        _subscription(summary, context)
    # The registry's and meetings' demos insert in bulk, without the signals that keep the search
    # index and the related lists current, so both are rebuilt here from all the demo data.
    rebuild_index()
    refresh_all()
    _totals(summary)
    return summary


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=STOCKHOLM)


def _context() -> Context:
    case_numbers = {number for spec in ITEMS for number in spec.projects} | {number for number, _text in WISHES}
    projects = {
        project.case_number: project
        for project in Project.objects.filter(case_number__in=case_numbers).select_related("portfolio")
    }
    leaders = {}
    roles = ProjectRole.objects.filter(project__in=projects.values(), role=ProjectRole.Role.LEADER)
    for role in roles.select_related("person").order_by("pk"):
        leaders.setdefault(role.project_id, role.person)
    events = {}
    meetings = Event.objects.filter(kind=Event.Kind.LEADER_MEETING, starts_at__date__in=MEETING_DAYS).order_by("starts_at", "pk")
    for meeting in meetings:
        events.setdefault(timezone.localtime(meeting.starts_at).date(), meeting)
    webinars = Event.objects.filter(kind=Event.Kind.KNOWLEDGE_WEBINAR).order_by("starts_at", "pk")
    webinar = webinars.filter(title__istartswith="Sprida resultat").first() or webinars.first()
    if webinar:
        events["webinar"] = webinar
    return Context(
        projects=projects,
        portfolios={portfolio.slug: portfolio for portfolio in Portfolio.objects.all()},
        events=events,
        coordinator=User.objects.filter(email=COORDINATOR[0]).first(),
        leaders=leaders,
    )


def _tags(summary) -> dict[str, Tag]:
    existing = set(Tag.objects.filter(slug__in=TAGS).values_list("slug", flat=True))
    missing = [Tag(slug=slug, name=name) for slug, name in TAGS.items() if slug not in existing]
    Tag.objects.bulk_create(missing)
    summary.add("tags", len(missing))
    return {tag.slug: tag for tag in Tag.objects.filter(slug__in=TAGS)}


def _links(through, owner_field: str, target_field: str, pairs) -> None:
    """Many-to-many links in one insert, each pair once."""
    rows = {(owner.pk, target.pk) for owner, target in pairs if target is not None}
    through.objects.bulk_create(
        [through(**{f"{owner_field}_id": owner_id, f"{target_field}_id": target_id}) for owner_id, target_id in rows]
    )


def _items(summary, context, tags) -> None:
    """The knowledge items that are missing, their links and each new evaluation's report."""
    existing = set(KnowledgeItem.objects.filter(title__in=[spec.title for spec in ITEMS]).values_list("title", flat=True))
    specs = [spec for spec in ITEMS if spec.title not in existing]
    # In bulk and without signals: the index and the related lists are rebuilt at the end, and
    # subscribers are not mailed about items that were "published" years ago.
    items = KnowledgeItem.objects.bulk_create(
        [
            KnowledgeItem(
                kind=spec.kind,
                title=spec.title,
                lead=spec.lead,
                body=spec.body,
                language=spec.language,
                status=KnowledgeItem.Status.PUBLISHED if spec.published else KnowledgeItem.Status.DRAFT,
                published_at=_at(spec.published, 10) if spec.published else None,
                created_by=context.writer(spec.projects),
            )
            for spec in specs
        ]
    )
    pairs = list(zip(items, specs, strict=True))
    projects = [(item, context.projects.get(number)) for item, spec in pairs for number in spec.projects]
    _links(KnowledgeItem.projects.through, "knowledgeitem", "project", projects)
    _links(
        KnowledgeItem.portfolios.through,
        "knowledgeitem",
        "portfolio",
        [(item, context.portfolios.get(slug)) for item, spec in pairs for slug in spec.portfolios]
        + [(item, project.portfolio) for item, project in projects if project],
    )
    _links(KnowledgeItem.tags.through, "knowledgeitem", "tag", [(item, tags[slug]) for item, spec in pairs for slug in spec.tags])
    _links(
        KnowledgeItem.events.through,
        "knowledgeitem",
        "event",
        [(item, context.events.get(day)) for item, spec in pairs for day in spec.events],
    )
    # Written when they were published, not when the demo was loaded.
    KnowledgeItem.objects.filter(pk__in=[item.pk for item in items if item.published_at]).update(
        created_at=F("published_at"), updated_at=F("published_at")
    )
    summary.add("knowledge items", len(items))
    for item, spec in pairs:
        if spec.report:
            project = context.projects.get(spec.projects[0]) if spec.projects else None
            pdf = demo_files.text_pdf(title=spec.report, blocks=report_blocks(spec, project))
            add_attachment(owner=item, title=spec.report, file=ContentFile(pdf, name=f"{spec.report}.pdf"))
            summary.add("attachments", 1)


def _news(summary, context, tags, now) -> None:
    """The news items that are missing, their links, the meeting notes and the chart."""
    existing = set(NewsItem.objects.filter(title__in=[spec.title for spec in NEWS]).values_list("title", flat=True))
    specs = [spec for spec in NEWS if spec.title not in existing]
    news = NewsItem.objects.bulk_create(
        [
            NewsItem(
                title=spec.title,
                lead=spec.lead,
                body=spec.body,
                language=spec.language,
                status=NewsItem.Status.DRAFT if spec.draft else NewsItem.Status.PUBLISHED,
                publish_at=_at(spec.published, 8, 30) if spec.published else now + datetime.timedelta(days=spec.days_from_now),
                created_by=context.coordinator,
            )
            for spec in specs
        ]
    )
    pairs = list(zip(news, specs, strict=True))
    _links(
        NewsItem.portfolios.through, "newsitem", "portfolio",
        [(item, context.portfolios.get(slug)) for item, spec in pairs for slug in spec.portfolios],
    )
    _links(NewsItem.tags.through, "newsitem", "tag", [(item, tags[slug]) for item, spec in pairs for slug in spec.tags])
    _links(
        NewsItem.events.through, "newsitem", "event", [(item, context.events.get(day)) for item, spec in pairs for day in spec.events]
    )
    NewsItem.objects.filter(pk__in=[item.pk for item in news], publish_at__lte=now).update(
        created_at=F("publish_at"), updated_at=F("publish_at")
    )
    summary.add("news items", len(news))
    for item, spec in pairs:
        if spec.meeting_notes:
            for day in spec.events:
                event = context.events.get(day)
                if event is None:
                    continue
                title = f"Anteckningar från projektledarträffen den {day.day} {MONTHS[day.month - 1]}"
                pdf = demo_files.text_pdf(title=title, blocks=meeting_notes_blocks(event))
                add_attachment(owner=item, title=title, file=ContentFile(pdf, name=f"{title} {day.year}.pdf"))
                summary.add("attachments", 1)
        if spec.chart:
            png = demo_files.bar_chart_png([value for _name, value in EMISSIONS_AVOIDED])
            add_news_image(
                news_item=item,
                file=ContentFile(png, name="minskade-utslapp-per-portfolj.png"),
                alt_text=chart_alt_text(),
                caption=CHART_CAPTION,
            )
            summary.add("images", 1)


def _wishes(summary, context) -> None:
    rows = []
    for case_number, text in WISHES:
        project = context.projects.get(case_number)
        if project is None or CooperationWish.objects.filter(project=project, text=text).exists():
            continue
        rows.append(CooperationWish(project=project, text=text, created_by=context.leaders.get(project.pk)))
    CooperationWish.objects.bulk_create(rows)
    summary.add("cooperation wishes", len(rows))


def _subscription(summary, context) -> None:
    """A project leader follows her projects' portfolios by a weekly digest, confirmed long ago."""
    person = User.objects.filter(email=SUBSCRIBER).first()
    if person is None or Subscription.objects.filter(email=SUBSCRIBER).exists():
        return
    subscription = Subscription.objects.create(
        email=person.email,
        person=person,
        language="sv",
        frequency=Subscription.Frequency.WEEKLY,
        content_kinds=SUBSCRIBED_KINDS,
        confirmed_at=_at(SUBSCRIBED_AT, 9, 12),
    )
    subscription.portfolios.set(Portfolio.objects.filter(projects__roles__person=person).distinct())
    summary.add("subscriptions", 1)


def _totals(summary) -> None:
    items = KnowledgeItem.objects.filter(title__in=[spec.title for spec in ITEMS])
    news = NewsItem.objects.filter(title__in=[spec.title for spec in NEWS])
    summary.counts = {
        "knowledge items": items.count(),
        "news items": news.count(),
        "attachments": Attachment.objects.filter(item__in=items).count()
        + Attachment.objects.filter(news_item__in=news).count(),
        "images": NewsImage.objects.filter(news_item__in=news).count(),
        "tags": Tag.objects.filter(slug__in=TAGS).count(),
        "cooperation wishes": CooperationWish.objects.filter(text__in=[text for _number, text in WISHES]).count(),
        "subscriptions": Subscription.objects.filter(email=SUBSCRIBER).count(),
    }


# The texts of the PDFs.


def _long_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _names(names: list[str]) -> str:
    """``a, b och c``."""
    return f"{', '.join(names[:-1])} och {names[-1]}" if len(names) > 1 else "".join(names)


def meeting_notes_blocks(event: Event) -> list[tuple[str, str]]:
    """The notes of a project-leader meeting as PDF blocks: the day, who took part, the agenda,
    each discussion group's notes and, if one was held, the poll's outcome. Names no person."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    projects = event.registrations.filter(attended=True).exclude(project=None).values("project").distinct().count()
    portfolios = [portfolio.name for portfolio in event.invited_portfolios.order_by("order")]
    blocks = [
        ("title", f"Anteckningar från projektledarträffen den {_long_date(starts.date())}"),
        ("small", f"{event.title}. Digitalt möte kl. {starts:%H.%M}–{ends:%H.%M}."),
        ("p", f"Deltog: {projects} projekt från portföljerna {_names(portfolios)}."),
        ("h2", "Program"),
    ]
    for row in event.agenda.all():
        time = f"{row.starts_at:%H.%M}–{row.ends_at:%H.%M}" if row.ends_at else f"{row.starts_at:%H.%M}"
        title = row.title if row.title[-1] in ".?!" or not row.description else f"{row.title}."
        blocks.append(("li", f"{time} {title} {row.description}".strip()))
    for group in event.groups.all():
        blocks.append(("h2", f"Grupp {group.number}: {group.topic}" if group.topic else f"Grupp {group.number}"))
        blocks += markdown_blocks(group.notes)
    poll = event.polls.exclude(outcome_option=None).select_related("outcome_option").first()
    if poll:
        blocks += [
            ("h2", "Omröstning om nästa kunskapswebbinarium"),
            ("p", f"Flest röster fick: {poll.outcome_option.title}"),
        ]
        if poll.outcome_note:
            blocks.append(("p", poll.outcome_note))
    blocks.append(("small", "Anteckningarna har förts av gruppernas sekreterare och sammanställts av nätverkets samordnare."))
    return blocks


def report_blocks(spec, project: Project | None) -> list[tuple[str, str]]:
    """An evaluation report as PDF blocks: its title, the project, the summary and the text."""
    english = spec.language == "en"
    kind = "Evaluation report" if english else "Utvärderingsrapport"
    about = f"{project.title} ({project.case_number})" if project else ""
    blocks = [
        ("title", spec.report),
        ("small", " · ".join(part for part in (kind, about, spec.published.isoformat()) if part)),
        ("h2", "Summary" if english else "Sammanfattning"),
        ("p", spec.lead),
    ]
    return blocks + markdown_blocks(spec.body)


BULLET = re.compile(r"^[-*]\s+")
NUMBER = re.compile(r"^\d+\.\s+")
EMPHASIS = re.compile(r"\*\*|__|^> ?")


def markdown_blocks(text: str) -> list[tuple[str, str]]:
    """The demo's simple Markdown (## headings, lists, paragraphs) as PDF blocks, marks removed."""
    blocks, paragraph = [], []

    def end_paragraph():
        if paragraph:
            blocks.append(("p", " ".join(paragraph)))
            paragraph.clear()

    for raw in text.splitlines():
        line = EMPHASIS.sub("", raw.strip())
        if not line:
            end_paragraph()
        elif line.startswith("#"):
            end_paragraph()
            blocks.append(("h2", line.lstrip("#").strip()))
        elif BULLET.match(line):
            end_paragraph()
            blocks.append(("li", BULLET.sub("", line)))
        elif NUMBER.match(line):
            end_paragraph()
            blocks.append(("ol", line))
        elif blocks and blocks[-1][0] in ("li", "ol") and raw.startswith("  ") and not paragraph:
            blocks[-1] = (blocks[-1][0], f"{blocks[-1][1]} {line}")  # a list item's next line
        else:
            paragraph.append(line)
    end_paragraph()
    return blocks
