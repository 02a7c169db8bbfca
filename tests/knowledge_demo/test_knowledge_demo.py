"""load_demo brings the knowledge bank and news: items over every portfolio and both periods,
the news item about the 2020 meetings with both notes as PDFs, a chart, a scheduled item,
cooperation wishes and a subscription; running it again adds nothing."""

import datetime
import hashlib
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from samverka.accounts.models import User
from samverka.knowledge.demo import MEETING_DAYS
from samverka.knowledge.demo_items import ITEMS, TAGS
from samverka.knowledge.demo_news import EMISSIONS_AVOIDED, NEWS, SUBSCRIBER, WISHES
from samverka.knowledge.models import (
    Attachment,
    CooperationWish,
    KnowledgeItem,
    NewsImage,
    NewsItem,
    Related,
    SearchEntry,
    Subscription,
    Tag,
)
from samverka.meetings.models import Event
from samverka.registry.models import Portfolio, Project, ProjectRole
from samverka.uploads import PDF, PNG, validate_upload

pytestmark = pytest.mark.django_db

MODELS = [
    KnowledgeItem, NewsItem, Attachment, NewsImage, Tag, CooperationWish, Subscription,
    KnowledgeItem.projects.through, KnowledgeItem.portfolios.through, KnowledgeItem.events.through,
    KnowledgeItem.tags.through, NewsItem.portfolios.through, NewsItem.events.through, NewsItem.tags.through,
    Subscription.portfolios.through,
]
SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "000_cff1463f3c6912d3.txt"
SHINGLES = Path(__file__).parent / "seed_shingles.txt"
WORD = re.compile(r"[^\W_]+")


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, verbosity=2)
    return out.getvalue()


def knowledge_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("Knowledge demo:"))


def counts():
    return {f"{model.__name__}{number}": model.objects.count() for number, model in enumerate(MODELS)}


def meetings():
    return [Event.objects.get(kind=Event.Kind.LEADER_MEETING, starts_at__date=day) for day in MEETING_DAYS]


def test_the_first_run_creates_everything_and_a_second_run_nothing(demo):
    attachments = sum(1 for spec in ITEMS if spec.report) + len(MEETING_DAYS)
    created = len(ITEMS) + len(NEWS) + attachments + 1 + len(TAGS) + len(WISHES) + 1
    assert knowledge_line(demo) == (
        f"Knowledge demo: {len(ITEMS)} knowledge items, {len(NEWS)} news items, {attachments} attachments, "
        f"1 images, {len(TAGS)} tags, {len(WISHES)} cooperation wishes, 1 subscriptions ({created} created now)."
    )
    before = counts()
    updated = dict(KnowledgeItem.objects.values_list("pk", "updated_at"))
    assert knowledge_line(load_demo()).endswith("(0 created now).")
    assert counts() == before
    assert dict(KnowledgeItem.objects.values_list("pk", "updated_at")) == updated


def test_every_attachment_is_a_well_formed_pdf_that_uploads_accept(demo, read_pdf):
    attachments = list(Attachment.objects.all())
    assert len(attachments) == sum(1 for spec in ITEMS if spec.report) + len(MEETING_DAYS)
    for attachment in attachments:
        with attachment.file.open("rb") as file:
            data = file.read()
            assert validate_upload(file) == PDF
        assert read_pdf(data)
        assert attachment.content_type == "application/pdf"
        assert attachment.size == len(data)
        assert attachment.file.name.endswith(".pdf")


def test_each_evaluation_report_carries_its_report(demo, read_pdf):
    for item in KnowledgeItem.objects.filter(kind=KnowledgeItem.Kind.EVALUATION).prefetch_related("attachments"):
        [report] = item.attachments.all()
        with report.file.open("rb") as file:
            text = " ".join(read_pdf(file.read()).split())
        assert item.lead in text
        assert item.projects.get().case_number in text


def test_the_chart_is_a_png_with_its_figures_in_the_alt_text(demo):
    [image] = NewsImage.objects.all()
    with image.image.open("rb") as file:
        assert validate_upload(file, images_only=True) == PNG
    assert image.content_type == "image/png"
    for name, value in EMISSIONS_AVOIDED:
        assert f"{name} {value:,}".replace(",", "\u00a0") in image.alt_text
    total = sum(value for _name, value in EMISSIONS_AVOIDED)
    assert f"{total:,} ton".replace(",", " ") in image.news_item.title


def test_the_meetings_news_item_has_both_notes_and_both_meetings(demo, read_pdf):
    news = NewsItem.objects.get(title=next(spec.title for spec in NEWS if spec.meeting_notes))
    assert set(news.events.all()) == set(meetings())
    assert news in NewsItem.objects.published()
    assert Portfolio.objects.exclude(news_items=news).count() == 0
    attachments = list(news.attachments.order_by("pk"))
    assert [attachment.title for attachment in attachments] == [
        "Anteckningar från projektledarträffen den 25 november",
        "Anteckningar från projektledarträffen den 2 december",
    ]
    for attachment, event in zip(attachments, meetings(), strict=True):
        with attachment.file.open("rb") as file:
            text = " ".join(read_pdf(file.read()).split())
        assert text.startswith(attachment.title)
        projects = event.registrations.filter(attended=True).exclude(project=None).values("project").distinct().count()
        assert f"Deltog: {projects} projekt" in text
        for group in event.groups.all():
            assert group.topic in text
            assert " ".join(group.notes.splitlines()[0].lstrip("- ").split()) in text
        for registration in event.registrations.all():
            assert registration.email not in text and registration.name not in text


def test_the_scheduled_news_item_waits_for_its_time(demo):
    spec = next(spec for spec in NEWS if (spec.days_from_now or 0) > 0)
    scheduled = NewsItem.objects.get(title=spec.title)
    assert scheduled.status == NewsItem.Status.PUBLISHED
    assert scheduled.publish_at > timezone.now() + datetime.timedelta(days=spec.days_from_now - 1)
    assert scheduled not in NewsItem.objects.published()
    assert scheduled in NewsItem.objects.published(now=scheduled.publish_at)
    drafts = NewsItem.objects.filter(status=NewsItem.Status.DRAFT)
    assert drafts.exists()
    assert not NewsItem.objects.published().filter(pk__in=drafts).exists()


def test_items_cover_every_portfolio_both_periods_and_every_kind(demo):
    published = KnowledgeItem.objects.published()
    assert set(Portfolio.objects.filter(knowledge_items__in=published).values_list("slug", flat=True)) == set(
        Portfolio.objects.values_list("slug", flat=True)
    )
    periods = Project.objects.filter(knowledge_items__in=published).values_list("programme__period__name", flat=True)
    assert set(periods) == {"2014–2020", "2021–2027"}
    assert set(published.values_list("kind", flat=True)) == set(KnowledgeItem.Kind.values)
    assert 3 <= published.filter(language="en").count() <= 4
    drafts = KnowledgeItem.objects.filter(status=KnowledgeItem.Status.DRAFT)
    assert drafts.count() == 2 and not drafts.exclude(published_at=None).exists()


def test_each_item_is_linked_to_its_projects_and_written_by_their_leader(demo):
    for spec in ITEMS:
        item = KnowledgeItem.objects.get(title=spec.title)
        projects = list(item.projects.order_by("case_number"))
        assert [project.case_number for project in projects] == sorted(spec.projects)
        assert {project.portfolio_id for project in projects} <= set(item.portfolios.values_list("pk", flat=True))
        leaders = ProjectRole.objects.filter(project__in=projects, role=ProjectRole.Role.LEADER)
        if leaders.exists():
            assert item.created_by in {role.person for role in leaders}
        else:
            assert item.created_by.is_staff
        if item.published_at:
            assert item.created_at == item.published_at


def test_tips_from_the_meetings_are_linked_to_them(demo):
    first, second = meetings()
    tips = KnowledgeItem.objects.filter(kind=KnowledgeItem.Kind.TIP)
    from_first = tips.filter(events=first)
    assert from_first.count() >= 5
    # The first meeting's portfolios: transport, renewable energy, building.
    assert set(from_first.values_list("portfolios", flat=True)) <= set(first.invited_portfolios.values_list("pk", flat=True))
    assert tips.filter(events=second).count() >= 3
    for tip in from_first:
        assert tip.published_at > first.ends_at


def test_cooperation_wishes_and_a_confirmed_weekly_subscription(demo):
    for case_number, text in WISHES:
        wish = CooperationWish.objects.get(project__case_number=case_number)
        assert wish.text == text and wish.active
    subscription = Subscription.objects.get(email=SUBSCRIBER)
    person = User.objects.get(email=SUBSCRIBER)
    assert subscription.person == person
    assert subscription.frequency == Subscription.Frequency.WEEKLY
    assert subscription.confirmed_at is not None
    assert set(subscription.portfolios.all()) == set(Portfolio.objects.filter(projects__roles__person=person))


def test_search_and_projects_like_yours_are_built_from_the_demo(demo):
    knowledge = SearchEntry.objects.filter(source=SearchEntry.Source.KNOWLEDGE)
    assert knowledge.count() == KnowledgeItem.objects.published().count()
    assert SearchEntry.objects.filter(source=SearchEntry.Source.PROJECT).count() == Project.objects.count()
    assert Related.objects.filter(source=Related.Source.KNOWLEDGE).exists()


def _shingles(text: str) -> set[str]:
    words = WORD.findall(text.lower())
    return {hashlib.sha256(" ".join(words[i : i + 8]).encode()).hexdigest()[:16] for i in range(len(words) - 7)}


def test_no_run_of_eight_words_is_copied_from_the_reference_case(demo, read_pdf):
    stored = {line for line in SHINGLES.read_text().splitlines() if not line.startswith("#")}
    if SEED.exists():  # the reference case sits beside the checkout while the project is written
        assert _shingles(SEED.read_text(encoding="utf-8")) == stored
    texts = [" ".join([item.title, item.lead, item.body]) for item in KnowledgeItem.objects.all()]
    texts += [" ".join([item.title, item.lead, item.body]) for item in NewsItem.objects.all()]
    texts += list(CooperationWish.objects.values_list("text", flat=True))
    texts += list(NewsImage.objects.values_list("alt_text", flat=True))
    for attachment in Attachment.objects.all():
        with attachment.file.open("rb") as file:
            texts.append(read_pdf(file.read()))
    assert len(texts) > len(ITEMS) + len(NEWS)
    for text in texts:
        assert not _shingles(text) & stored, text[:80]
