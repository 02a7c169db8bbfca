"""The knowledge bank and news: what projects learnt, what the network reports, and who follows it.

- ``KnowledgeItem``: a tip, result, project model, case story or evaluation report, written by a
  project's members (for their own projects) or a coordinator; draft until published.
- ``NewsItem``: the network's news, published at a set time (scheduled publishing is a time in
  the future, nothing runs to "publish" it); ``NewsImage`` carries required alt text.
- ``Attachment``: a checked file (``samverka/uploads.py``) on a knowledge item or a news item.
- ``SearchEntry``: one row per searchable thing (project, knowledge item, news item, event) with
  its plain text and facets; what matching reads is beside it, on PostgreSQL in ``SearchMatch``
  (a narrow row with the stored weighted ``tsvector``), on SQLite in an FTS5 table (``search.py``).
- ``Related``: "projects like yours", computed from text by a background task and stored, so
  pages only read it (``similarity.py``, ``related.py``); ``SimilarityProfile``,
  ``SimilarityTerm`` and ``SimilarityPosting`` keep each document's stems, the document
  frequencies and an inverted index, so one source is refreshed without the whole corpus.
- ``CooperationWish`` and ``CooperationRequest``: what a project wants to cooperate on, and one
  project asking another.
- ``Subscription`` and ``Delivery``: who follows what, confirmed by e-mail; a delivery row per
  item and address makes "never the same item twice" a database constraint.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.meetings.models import Event
from samverka.registry.models import Portfolio, Project, Region

LANGUAGE_CHOICES = [("sv", _("Swedish")), ("en", _("English"))]


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class KnowledgeItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=KnowledgeItem.Status.PUBLISHED)


class KnowledgeItem(models.Model):
    class Kind(models.TextChoices):
        TIP = "tip", pgettext_lazy("knowledge kind", "tip")
        RESULT = "result", pgettext_lazy("knowledge kind", "result")
        MODEL = "model", pgettext_lazy("knowledge kind", "project model")
        STORY = "story", pgettext_lazy("knowledge kind", "case story")
        EVALUATION = "evaluation", pgettext_lazy("knowledge kind", "evaluation report")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("publication status", "draft")
        PUBLISHED = "published", pgettext_lazy("publication status", "published")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.TIP)
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), max_length=600, help_text=_("One or two sentences shown in lists."))
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="sv")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    projects = models.ManyToManyField(
        Project, verbose_name=_("projects"), blank=True, related_name="knowledge_items"
    )
    portfolios = models.ManyToManyField(
        Portfolio, verbose_name=_("portfolios"), blank=True, related_name="knowledge_items"
    )
    events = models.ManyToManyField(Event, verbose_name=_("events"), blank=True, related_name="knowledge_items")
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="knowledge_items")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = KnowledgeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="knowledgeitem_published_has_time"
            ),
        ]
        indexes = [models.Index(fields=["status", "-published_at", "-id"], name="knowledgeitem_status_published")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("knowledge:item", kwargs={"pk": self.pk})


class NewsItemQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published and due: a news item set to appear later stays hidden until its time."""
        return self.filter(status=NewsItem.Status.PUBLISHED, publish_at__lte=now or timezone.now())


class NewsItem(models.Model):
    Status = KnowledgeItem.Status

    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), max_length=600, help_text=_("One or two sentences shown in lists and feeds."))
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="sv")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publication time"), default=timezone.now, help_text=_("A time in the future publishes the item then.")
    )
    portfolios = models.ManyToManyField(Portfolio, verbose_name=_("portfolios"), blank=True, related_name="news_items")
    events = models.ManyToManyField(Event, verbose_name=_("events"), blank=True, related_name="news_items")
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="news_items")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["status", "-publish_at", "-id"], name="newsitem_status_publish")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("knowledge:news_item", kwargs={"pk": self.pk})


def upload_path(instance, filename: str) -> str:
    owner = f"news/{instance.news_item_id}" if instance.news_item_id else f"items/{instance.item_id}"
    return f"knowledge/{owner}/{filename}"


class Attachment(models.Model):
    """A file on a knowledge item or a news item (exactly one), checked by ``samverka/uploads.py``."""

    item = models.ForeignKey(
        KnowledgeItem, verbose_name=_("knowledge item"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="attachments",
    )
    news_item = models.ForeignKey(
        NewsItem, verbose_name=_("news item"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=upload_path, max_length=300)
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=False, news_item__isnull=True) | Q(item__isnull=True, news_item__isnull=False),
                name="knowledge_attachment_one_owner",
            )
        ]

    def __str__(self):
        return self.title


def image_path(instance, filename: str) -> str:
    return f"knowledge/news/{instance.news_item_id}/images/{filename}"


class NewsImage(models.Model):
    news_item = models.ForeignKey(NewsItem, verbose_name=_("news item"), on_delete=models.CASCADE, related_name="images")
    image = models.FileField(_("image"), upload_to=image_path, max_length=300)
    alt_text = models.CharField(
        _("alt text"), max_length=300, help_text=_("What the image shows, for people who cannot see it.")
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(alt_text=""), name="newsimage_alt_text_required")]

    def __str__(self):
        return self.alt_text


class SearchFacets(models.Model):
    """The facet values that search entries share: kind, year (0: none), language, portfolio ids
    and programme area ids. Counting facets groups the matches by this row's id (an integer)
    rather than by five columns, two of them JSON arrays. Written by ``search.assign_facets``;
    rows are never deleted (there are a few thousand at most)."""

    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField(default=0)
    language = models.CharField(max_length=2)
    portfolio_ids = models.JSONField(default=list)
    area_ids = models.JSONField(default=list)

    class Meta:
        verbose_name = _("search facet values")
        verbose_name_plural = _("search facet values")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "language", "portfolio_ids", "area_ids"], name="searchfacets_unique"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.year} {self.language} {self.portfolio_ids} {self.area_ids}"


class SearchEntry(models.Model):
    """One searchable thing, in plain text, with the facets search filters on.

    ``source`` and ``object_id`` say what it is (unique together); ``kind`` is the facet value
    shown to people (project, event, news, or a knowledge item's kind). Written by
    ``search.index_*`` and never edited by hand.
    """

    class Source(models.TextChoices):
        PROJECT = "project", _("project")
        KNOWLEDGE = "knowledge", _("knowledge item")
        NEWS = "news", _("news item")
        EVENT = "event", _("event")

    source = models.CharField(max_length=10, choices=Source.choices)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("kind"), max_length=20)
    language = models.CharField(_("language"), max_length=2, default="sv")
    title = models.CharField(_("title"), max_length=300)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("text"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # The ids of the entry's portfolios and programme areas, sorted: a JSON array on the entry
    # itself (jsonb on PostgreSQL, text on SQLite), so counting facets reads the matches once and
    # joins nothing. Ids of portfolios or areas deleted since are never shown (see search_views.py).
    portfolio_ids = models.JSONField(default=list, blank=True, editable=False)
    area_ids = models.JSONField(default=list, blank=True, editable=False)
    # The same facet values as one row (``search.assign_facets``): the facet counts group the
    # matches by it, and a filtered page finds its entries through its index.
    facets = models.ForeignKey(SearchFacets, null=True, editable=False, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["source", "object_id"], name="searchentry_source_object_unique")]

    def __str__(self):
        return self.title


class SearchMatch(models.Model):
    """PostgreSQL: what a search reads of each matching entry, in a narrow row of its own.

    The entry's id, its facet row, language, the time a news item may appear (``due_at``, empty
    for the rest) and the weighted vector (title A, lead B, text C in the entry's language; kept
    in TOAST, read only to rank candidates and to check phrases: ``search.write_matches`` and
    migration 0011 say how). Counting facets reads one row per match, so the fewer pages the
    rows fill the faster it goes: at 100 000 entries these fill 870 pages where the entries fill
    14 600 (see docs/performance.md). Written and deleted with the entry by ``search.py`` (no
    foreign key: the same ids as SQLite's FTS5 rows, which take its place there).
    """

    id = models.BigIntegerField(primary_key=True)  # the entry's
    facets = models.ForeignKey(SearchFacets, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=2)
    due_at = models.DateTimeField(null=True)
    vector = SearchVectorField()

    class Meta:
        # Walked backwards for a word in most entries (search_results._PostgreSQL.walks); the GIN
        # index on ``vector`` is made by the migration (0010).
        indexes = [models.Index(fields=["language", "id"], name="searchmatch_language_id")]


class Related(models.Model):
    """``target`` is like ``source`` (both a project or a knowledge item), with a score and the
    shared words that explain it. Replaced as a whole list per source by the similarity task."""

    class Source(models.TextChoices):
        PROJECT = "project", _("project")
        KNOWLEDGE = "knowledge", _("knowledge item")

    source = models.CharField(max_length=10, choices=Source.choices)
    source_id = models.PositiveBigIntegerField()
    target = models.CharField(max_length=10, choices=Source.choices)
    target_id = models.PositiveBigIntegerField()
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    terms = models.JSONField(default=list, blank=True)
    # The other reasons shown beside the shared words.
    same_portfolio = models.BooleanField(default=False)
    same_theme = models.BooleanField(default=False)
    same_area = models.BooleanField(default=False)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("related item")
        verbose_name_plural = _("related items")
        ordering = ["source", "source_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id", "target", "target_id"], name="related_unique_pair")
        ]
        indexes = [
            models.Index(fields=["source", "source_id", "rank"], name="related_source_rank"),
            # A project or item that goes away leaves the other lists it was in.
            models.Index(fields=["target", "target_id"], name="related_target"),
        ]


class SimilarityProfile(models.Model):
    """What ``similarity.py`` knows of one project or published knowledge item, kept so that
    refreshing one source never re-stems the corpus: its stems with their counts, the most
    common word for each stem (to show a reason as a real word), the length of its TF-IDF
    vector when it was last refreshed, and the facets the structural bonus compares."""

    source = models.CharField(max_length=10, choices=Related.Source.choices)
    object_id = models.PositiveBigIntegerField()
    counts = models.JSONField(default=dict)  # stem → occurrences
    words = models.JSONField(default=dict)  # stem → its most common word in the text
    norm = models.FloatField(default=0.0)
    portfolios = models.JSONField(default=list)  # portfolio ids
    theme_id = models.PositiveBigIntegerField(null=True)
    area_id = models.PositiveBigIntegerField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="similarityprofile_source_object_unique")
        ]


class SimilarityTerm(models.Model):
    """A stem and the number of profiles that contain it (its document frequency), kept up to
    date one source at a time, so the IDF never needs the whole corpus. The empty stem counts
    the profiles themselves."""

    stem = models.CharField(max_length=100, unique=True)
    documents = models.PositiveIntegerField(default=0)


class SimilarityPosting(models.Model):
    """The inverted index: one of a profile's heaviest stems with its weight there (sublinear
    term frequency over the vector's length), so the database finds candidate neighbours."""

    stem = models.CharField(max_length=100)
    source = models.CharField(max_length=10, choices=Related.Source.choices)
    object_id = models.PositiveBigIntegerField()
    weight = models.FloatField()

    class Meta:
        indexes = [
            # A stem's champion list: its postings of one kind, heaviest first.
            models.Index(fields=["stem", "source", "-weight", "object_id"], name="similarityposting_champions"),
            models.Index(fields=["source", "object_id"], name="similarityposting_owner"),
        ]


class CooperationWish(models.Model):
    """What a project wants to cooperate on: "we want partners for a joint dissemination event in
    autumn". Shown on the project page and matched against other projects."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="cooperation_wishes"
    )
    text = models.TextField(_("what we want to cooperate on"), max_length=1000)
    active = models.BooleanField(_("still looking"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cooperation wish")
        verbose_name_plural = _("cooperation wishes")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.text[:80]


class CooperationRequest(models.Model):
    """One project asking another to cooperate; mailed to the other project's leaders."""

    from_project = models.ForeignKey(
        Project, verbose_name=_("from project"), on_delete=models.CASCADE, related_name="cooperation_requests_sent"
    )
    to_project = models.ForeignKey(
        Project, verbose_name=_("to project"), on_delete=models.CASCADE, related_name="cooperation_requests_received"
    )
    wish = models.ForeignKey(
        CooperationWish, verbose_name=_("cooperation wish"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="requests",
    )
    message = models.TextField(_("message"), max_length=2000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("cooperation request")
        verbose_name_plural = _("cooperation requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_project=models.F("to_project")), name="cooperation_request_other_project")
        ]


class Subscription(models.Model):
    """One address following portfolios, regions and kinds of content, by immediate mail or a
    weekly digest. A visitor's address counts only once confirmed (double opt-in); a signed-in
    person's own address is confirmed by signing in."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("a mail for each new item")
        WEEKLY = "weekly", _("a weekly digest")

    email = models.EmailField(_("e-mail address"), unique=True)
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="subscription"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="sv")
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    portfolios = models.ManyToManyField(Portfolio, verbose_name=_("portfolios"), blank=True, related_name="+")
    regions = models.ManyToManyField(Region, verbose_name=_("regions"), blank=True, related_name="+")
    # Codes: "news", the knowledge kinds ("tip", "result", …) and "event:<event kind>".
    content_kinds = models.JSONField(_("kinds of content"), default=list, blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["email"]

    def __str__(self):
        return self.email


class Delivery(models.Model):
    """An item sent (or queued) to one subscription. The unique constraint is what keeps a second
    sending run, a retry or a second worker from mailing the same item twice."""

    class Status(models.TextChoices):
        # A weekly subscriber's item waits for the next digest; "queued" means a run has claimed
        # the row and is sending it (left so after a crash: it may have gone, so it is not resent).
        PENDING = "pending", pgettext_lazy("mail status", "waiting for the digest")
        QUEUED = "queued", pgettext_lazy("mail status", "queued")
        SENT = "sent", pgettext_lazy("mail status", "sent")
        FAILED = "failed", pgettext_lazy("mail status", "failed")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    source = models.CharField(max_length=10, choices=SearchEntry.Source.choices)
    object_id = models.PositiveBigIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    digest = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "source", "object_id"], name="delivery_once_per_item")
        ]
