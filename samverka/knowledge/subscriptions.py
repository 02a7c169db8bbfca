"""Subscriptions: following the network by e-mail, and which subscriptions want an item.

A subscription is one address following kinds of content (``"news"``, the knowledge kinds
``"tip"``, ``"result"`` …, and ``"event:<event kind>"``), narrowed by portfolios and regions
(programme areas and counties), by a mail per item or a weekly digest.

- A signed-in person's own address is confirmed at once: signing in proved it.
- A visitor asks through the form and gets a mail with a signed link (``signing.dumps``, valid
  three days) that carries the address and the choices. Only following the link confirms, and
  only it changes the choices of an address that already follows the network: nobody changes
  someone else's subscription without their mailbox.
- ``Followers`` says which confirmed subscriptions want an item. An empty choice of portfolios
  or regions means all of them; an item with no portfolio or region (news for the whole
  network) reaches everyone who follows its kind.

Sending is in ``subscription_mails.py``; the pages in ``subscription_views.py``.
"""

import datetime
import hashlib
import time
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka import emails
from samverka.meetings.models import Event
from samverka.registry.models import Portfolio, Region

from .models import KnowledgeItem, NewsItem, Subscription

NEWS = "news"
EVENT_PREFIX = "event:"

CONFIRM_SALT = "samverka.knowledge.subscription.confirm"
CONFIRM_MAX_AGE = datetime.timedelta(days=3)
# Unconfirmed visitors' subscriptions are deleted after this (send_subscription_mails); longer
# than a link lives, so a link never outlives its row.
UNCONFIRMED_KEPT = datetime.timedelta(days=7)
CONFIRM_MAILS_PER_HOUR = 3

# Plural names for the choice of what to follow; the model's kind names are singular.
_KNOWLEDGE_KIND_NAMES = {
    KnowledgeItem.Kind.TIP: pgettext_lazy("subscription choice", "Tips"),
    KnowledgeItem.Kind.RESULT: pgettext_lazy("subscription choice", "Results"),
    KnowledgeItem.Kind.MODEL: pgettext_lazy("subscription choice", "Project models"),
    KnowledgeItem.Kind.STORY: pgettext_lazy("subscription choice", "Case stories"),
    KnowledgeItem.Kind.EVALUATION: pgettext_lazy("subscription choice", "Evaluation reports"),
}


def content_kind_choices() -> list[tuple[str, str]]:
    """News and the knowledge kinds, as (code, name)."""
    return [(NEWS, pgettext_lazy("subscription choice", "News")), *(
        (value, _KNOWLEDGE_KIND_NAMES.get(value, capfirst(label))) for value, label in KnowledgeItem.Kind.choices
    )]


def event_kind_choices() -> list[tuple[str, str]]:
    """The event kinds, as (``event:<kind>``, name)."""
    return [(EVENT_PREFIX + value, capfirst(label)) for value, label in Event.Kind.choices]


def all_kind_codes() -> set[str]:
    return {code for code, _label in content_kind_choices() + event_kind_choices()}


@dataclass(frozen=True)
class Choices:
    """What a subscription follows and how often; portfolios and regions are ids (empty: all)."""

    content_kinds: tuple[str, ...]
    frequency: str = Subscription.Frequency.WEEKLY
    portfolios: tuple[int, ...] = ()
    regions: tuple[int, ...] = ()

    def as_data(self) -> dict:
        return {
            "k": list(self.content_kinds), "f": self.frequency, "p": list(self.portfolios), "r": list(self.regions)
        }

    @classmethod
    def from_data(cls, data: dict) -> "Choices":
        """Read ``as_data()`` back; raises ValueError or TypeError on anything else."""
        kinds = tuple(str(code) for code in data["k"])
        frequency = str(data["f"])
        if frequency not in Subscription.Frequency.values or not set(kinds) <= all_kind_codes():
            raise ValueError("unknown choice")
        return cls(kinds, frequency, tuple(int(pk) for pk in data["p"]), tuple(int(pk) for pk in data["r"]))

    @classmethod
    def of(cls, subscription: Subscription) -> "Choices":
        """The subscription's current choices (two queries, none if prefetched)."""
        return cls(
            tuple(subscription.content_kinds),
            subscription.frequency,
            tuple(portfolio.pk for portfolio in subscription.portfolios.all()),
            tuple(region.pk for region in subscription.regions.all()),
        )


def normalise_email(email: str) -> str:
    # One row per mailbox: the unique constraint compares exactly, so compare lower case.
    return email.strip().lower()


def _apply(subscription: Subscription, choices: Choices, *, save_fields: list[str]) -> None:
    subscription.frequency = choices.frequency
    subscription.content_kinds = list(choices.content_kinds)
    subscription.save(update_fields=[*save_fields, "frequency", "content_kinds"] if subscription.pk else None)
    # Only those that still exist: a link's choices may be days old.
    subscription.portfolios.set(Portfolio.objects.filter(pk__in=choices.portfolios))
    subscription.regions.set(Region.objects.filter(pk__in=choices.regions))


# --- Reads ------------------------------------------------------------------------------------


def subscription_of(person) -> Subscription | None:
    """The signed-in person's subscription: theirs, or one for their address made as a visitor."""
    if not person.is_authenticated:
        return None
    rows = list(
        Subscription.objects.filter(Q(person=person) | Q(email=normalise_email(person.email)))
        .prefetch_related("portfolios", "regions")
        .order_by("pk")
    )
    return next((row for row in rows if row.person_id == person.pk), rows[0] if rows else None)


def describe_choices(choices: Choices) -> dict:
    """Choices in words, in the active language, for pages and mails (two queries)."""
    names = dict(content_kind_choices() + event_kind_choices())
    english = translation.get_language() == "en"
    portfolios = Portfolio.objects.filter(pk__in=choices.portfolios).order_by("order", "name")
    return {
        "kinds": [str(names[code]) for code in names if code in choices.content_kinds],
        "portfolios": [(english and p.name_en) or p.name for p in portfolios],
        "regions": list(Region.objects.filter(pk__in=choices.regions).order_by("name").values_list("name", flat=True)),
        "frequency": str(Subscription.Frequency(choices.frequency).label),
    }


# --- Workflows --------------------------------------------------------------------------------


def subscribe_person(*, person, choices: Choices) -> Subscription:
    """A signed-in person follows what they chose, with their own address, confirmed at once.

    Side effects, in one transaction: their subscription (or the one a visitor made for their
    address, which becomes theirs) is created or updated with these choices, address and
    language from their profile, and confirmed now if it was not. A second row for the same
    mailbox (their old address's row and a visitor's row for the new one) is merged away.
    """
    email = normalise_email(person.email)
    with transaction.atomic():
        rows = list(Subscription.objects.select_for_update().filter(Q(person=person) | Q(email=email)))
        subscription = next((row for row in rows if row.person_id == person.pk), None) or (rows[0] if rows else None)
        for other in rows:
            if other is not subscription:
                other.delete()
        if subscription is None:
            subscription = Subscription(email=email)
        subscription.person = person
        subscription.email = email
        subscription.language = person.language if person.language in ("sv", "en") else "sv"
        if subscription.confirmed_at is None:
            subscription.confirmed_at = timezone.now()
        _apply(subscription, choices, save_fields=["person", "email", "language", "confirmed_at"])
    return subscription


def request_subscription(*, email: str, choices: Choices, language: str) -> Subscription:
    """A visitor asks to follow the network: nothing counts until the mailbox confirms.

    Side effects: a new address gets an unconfirmed subscription with these choices (an
    unconfirmed one gets the new choices and its seven days start again); an address that
    already follows the network is left as it is. After commit, a task sends the confirmation
    mail, whose signed link carries the address and the choices (valid three days) — at most
    ``CONFIRM_MAILS_PER_HOUR`` to one address, so the form cannot be used to flood a mailbox
    (the visitor is told the same either way). The task carries the time of asking, which keys
    the mail: each asking is one mail, even when the task runs twice.
    """
    email = normalise_email(email)
    if not _may_mail(email):
        return Subscription.objects.filter(email=email).first()
    with transaction.atomic():
        subscription, created = Subscription.objects.get_or_create(email=email, defaults={"language": language})
        if subscription.confirmed_at is None:
            subscription.language = language
            _apply(subscription, choices, save_fields=["language"])
            if not created:
                Subscription.objects.filter(pk=subscription.pk).update(created_at=timezone.now())
        subscription_id, asked = subscription.pk, emails.stamp(timezone.now())

        def enqueue():
            from .tasks import send_subscription_confirmation

            send_subscription_confirmation.enqueue(
                subscription_id=subscription_id, choices=choices.as_data(), language=language, stamp=asked
            )

        transaction.on_commit(enqueue)
    return subscription


def _may_mail(email: str) -> bool:
    """Count a confirmation mail to ``email`` in the shared cache; False past the hour's limit."""
    key = "knowledge:subscription-confirm:" + hashlib.sha256(email.encode()).hexdigest()
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= CONFIRM_MAILS_PER_HOUR
    except ValueError:  # the key expired between add and incr: a new hour
        cache.add(key, 1, timeout=3600)
        return True


def confirmation_value(*, email: str, choices: Choices, language: str) -> str:
    """The signed, timestamped value in a confirmation link (read by :func:`read_confirmation`)."""
    data = {"e": normalise_email(email), "c": choices.as_data(), "l": language, "t": time.time()}
    return signing.dumps(data, salt=CONFIRM_SALT, compress=True)


class LinkRefused(Exception):
    """A confirmation link that confirms nothing; ``code`` is expired, invalid, ended or already."""

    MESSAGES = {
        "expired": _(
            "This link has expired: a confirmation link is valid for three days. Subscribe again to get a new one."
        ),
        "invalid": _(
            "This link is not valid. Check that you copied the whole link from the e-mail, or subscribe again."
        ),
        "ended": _("This subscription has ended, so there is nothing to confirm. Subscribe again if you like."),
        "already": _("Your subscription is already confirmed. Nothing has changed."),
    }

    def __init__(self, code: str):
        self.code = code
        self.message = self.MESSAGES[code]
        super().__init__(code)


@dataclass(frozen=True)
class ConfirmationRequest:
    email: str
    choices: Choices
    language: str
    requested_at: datetime.datetime


def read_confirmation(value: str) -> ConfirmationRequest:
    """What a confirmation link asks for; raises LinkRefused (expired or invalid). Reads nothing."""
    try:
        data = signing.loads(value, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkRefused("expired") from None
    except signing.BadSignature:
        raise LinkRefused("invalid") from None
    try:
        return ConfirmationRequest(
            email=str(data["e"]),
            choices=Choices.from_data(data["c"]),
            language=data["l"] if data["l"] in ("sv", "en") else "sv",
            requested_at=datetime.datetime.fromtimestamp(float(data["t"]), tz=datetime.UTC),
        )
    except (KeyError, TypeError, ValueError):
        raise LinkRefused("invalid") from None  # signed by us, so only an older format lands here


def check_confirmation(request: ConfirmationRequest, *, lock: bool = False) -> Subscription:
    """The subscription the link would confirm; raises LinkRefused (ended or already)."""
    rows = Subscription.objects.select_for_update() if lock else Subscription.objects
    subscription = rows.filter(email=request.email).first()
    if subscription is None:
        raise LinkRefused("ended")
    # A link made before the latest confirmation has been used, or been overtaken by a newer
    # choice: either way it must not change anything now.
    if subscription.confirmed_at and subscription.confirmed_at >= request.requested_at:
        raise LinkRefused("already")
    return subscription


def confirm_subscription(*, value: str) -> Subscription:
    """The mailbox followed the link: the subscription counts, with the choices in the link.

    Side effects, in one transaction (the row locked): the choices and language from the link
    replace the subscription's, and ``confirmed_at`` is set to now, which also makes this link
    (and any older one) say "already confirmed" from now on. Raises LinkRefused, nothing
    changed, for an expired, forged, used or outdated link, or an ended subscription.
    """
    request = read_confirmation(value)
    with transaction.atomic():
        subscription = check_confirmation(request, lock=True)
        subscription.language = request.language
        subscription.confirmed_at = timezone.now()
        _apply(subscription, request.choices, save_fields=["language", "confirmed_at"])
    return subscription


def change_subscription(*, subscription: Subscription, choices: Choices) -> Subscription:
    """Side effects: the subscription's kinds, portfolios, regions and frequency are replaced."""
    with transaction.atomic():
        _apply(subscription, choices, save_fields=[])
    return subscription


def end_subscription(*, subscription: Subscription) -> None:
    """Side effects: the subscription is deleted with its delivery records; no more mail."""
    subscription.delete()


def delete_unconfirmed(*, now: datetime.datetime | None = None, dry_run: bool = False) -> int:
    """Side effects: visitors' subscriptions never confirmed within seven days are deleted.
    Returns how many (that would be, with ``dry_run``)."""
    old = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=(now or timezone.now()) - UNCONFIRMED_KEPT)
    if dry_run:
        return old.count()
    return old.delete()[1].get(Subscription._meta.label, 0)


# --- Matching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFacts:
    """What matching needs to know of an item; ``published_at`` None (events) means "now"."""

    source: str
    object_id: int
    code: str
    portfolios: frozenset[int]
    regions: frozenset[int]
    published_at: datetime.datetime | None


def facts_for_news(item: NewsItem) -> ItemFacts:
    portfolios = frozenset(item.portfolios.values_list("pk", flat=True))
    return ItemFacts("news", item.pk, NEWS, portfolios, frozenset(), item.publish_at)


def facts_for_knowledge(item: KnowledgeItem) -> ItemFacts:
    """Its portfolios and its projects' portfolios; its projects' programme areas and counties
    (and the areas those counties lie in)."""
    portfolios = set(item.portfolios.values_list("pk", flat=True))
    regions = set()
    for portfolio_id, area_id in item.projects.values_list("portfolio_id", "area_id"):
        portfolios.add(portfolio_id)
        regions.add(area_id)
    for county_id, area_id in item.projects.values_list("counties__pk", "counties__parent_id"):
        regions.update((county_id, area_id))
    regions.discard(None)
    portfolios.discard(None)
    return ItemFacts("knowledge", item.pk, item.kind, frozenset(portfolios), frozenset(regions), item.published_at)


def facts_for_event(event: Event) -> ItemFacts:
    portfolios = frozenset(event.invited_portfolios.values_list("pk", flat=True))
    return ItemFacts("event", event.pk, EVENT_PREFIX + event.kind, portfolios, frozenset(), None)


def _overlaps(chosen: frozenset[int], item: frozenset[int]) -> bool:
    return not chosen or not item or bool(chosen & item)


class Followers:
    """Every confirmed subscription with its choices, read once (three queries) and matched in
    Python: a JSON list cannot be searched the same way on SQLite and PostgreSQL, and a
    network has thousands of subscribers, not millions. A sending run reads it once for all
    its items."""

    def __init__(self, subscriptions: list[Subscription], portfolios: dict, regions: dict):
        self.subscriptions = subscriptions
        self.portfolios = portfolios
        self.regions = regions

    @classmethod
    def load(cls) -> "Followers":
        confirmed = Subscription.objects.filter(confirmed_at__isnull=False)
        portfolios, regions = {}, {}
        through = Subscription.portfolios.through.objects.filter(subscription__confirmed_at__isnull=False)
        for subscription_id, portfolio_id in through.values_list("subscription_id", "portfolio_id"):
            portfolios.setdefault(subscription_id, set()).add(portfolio_id)
        through = Subscription.regions.through.objects.filter(subscription__confirmed_at__isnull=False)
        for subscription_id, region_id in through.values_list("subscription_id", "region_id"):
            regions.setdefault(subscription_id, set()).add(region_id)
        return cls(
            list(confirmed.order_by("pk")),
            {pk: frozenset(ids) for pk, ids in portfolios.items()},
            {pk: frozenset(ids) for pk, ids in regions.items()},
        )

    def wants(self, subscription: Subscription, facts: ItemFacts) -> bool:
        return (
            facts.code in subscription.content_kinds
            # Only what is published after the address was confirmed: a new subscriber is not
            # sent the archive.
            and (facts.published_at is None or subscription.confirmed_at <= facts.published_at)
            and _overlaps(self.portfolios.get(subscription.pk, frozenset()), facts.portfolios)
            and _overlaps(self.regions.get(subscription.pk, frozenset()), facts.regions)
        )

    def wanting(self, facts: ItemFacts) -> list[Subscription]:
        return [subscription for subscription in self.subscriptions if self.wants(subscription, facts)]
