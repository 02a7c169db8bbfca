"""Sending what subscribers follow: a mail per item at once, or a weekly digest, never the same
item twice to one address.

A ``Delivery`` row per (subscription, item) is the claim; its unique constraint decides which
run (task, cron run, second worker) may send. Its status says where the item stands:

- ``pending``: a weekly subscriber's item, waiting for the next digest;
- ``queued``: claimed by a run that is sending it now. The row is committed before the mail
  goes, so a second run does not send it too. A row still queued ``TASK_STUCK_AFTER`` seconds
  after its claim belongs to a run that died (a worker killed mid-send; a live run holds a
  claim only while one mail goes): the next run of the same task (queued again by
  ``requeue_stuck_tasks``), the cron run or the digest takes it again, moving its claim time.
  If the dead run's mail had in fact been accepted by the SMTP server, that is the one case of a
  second copy; both carry the same Message-ID. The command's summary counts rows stuck longer
  than that which no run takes again (their item no longer handed out); the admin's "send
  again" action resends those;
- ``sent``: never sent again; ``failed``: the SMTP server refused or was away, and the next run
  retries it (for two days).

``created_at`` is when the row was last claimed for sending (a digest's claim moves it), so
"stuck" and "retried for two days" count from the attempt.

Every mail carries a one-click unsubscribe link and the ``List-Unsubscribe`` and
``List-Unsubscribe-Post`` headers (RFC 8058), and is written in the subscriber's language.
"""

import datetime
import hashlib
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import pgettext

from samverka import emails
from samverka.meetings.models import Event

from .models import Delivery, KnowledgeItem, NewsItem, Subscription
from .subscriptions import (
    Choices,
    Followers,
    confirmation_value,
    describe_choices,
    facts_for_event,
    facts_for_knowledge,
    facts_for_news,
)

logger = logging.getLogger(__name__)

Status = Delivery.Status
RETRY_FOR = datetime.timedelta(days=2)
# How far back the cron run looks for due news and published knowledge items it has not yet
# handed out (a task normally did it at once; scheduled news has no task).
LOOK_BACK = datetime.timedelta(days=2)
SOURCE_ORDER = ("news", "knowledge", "event")


def stuck_before(now) -> datetime.datetime:
    """A row claimed (queued) before this, still not sent, belongs to a run that died."""
    return now - datetime.timedelta(seconds=settings.TASK_STUCK_AFTER)


@dataclass
class Summary:
    sent: int = 0
    failed: int = 0
    waiting: int = 0
    stuck: int = 0
    items: int = 0


# --- Items ------------------------------------------------------------------------------------


def load_item(source: str, object_id: int, *, now=None):
    """The item if it is (still) published and due, else None."""
    if source == "news":
        return NewsItem.objects.published(now).filter(pk=object_id).first()
    if source == "knowledge":
        return KnowledgeItem.objects.published().filter(pk=object_id).first()
    if source == "event":
        return Event.objects.filter(pk=object_id, status=Event.Status.PUBLISHED).first()
    return None


def facts_for(source: str, item):
    return {"news": facts_for_news, "knowledge": facts_for_knowledge, "event": facts_for_event}[source](item)


def entry_for(source: str, item, language: str) -> dict:
    """What a mail says of an item, in ``language``: kind, title, lead, when (events), link."""
    with translation.override(language):
        if source == "news":
            kind, lead, when = pgettext("subscription mail", "News"), item.lead, ""
        elif source == "knowledge":
            kind, lead, when = capfirst(item.get_kind_display()), item.lead, ""
        else:
            kind, lead = capfirst(item.get_kind_display()), capfirst(item.get_format_display())
            when = formats.date_format(timezone.localtime(item.starts_at), "DATETIME_FORMAT")
        return {
            "source": source,
            "kind": str(kind),
            "title": item.title,
            "lead": lead,
            "when": when,
            "url": settings.SITE_URL + item.get_absolute_url(),
        }


# --- Links and headers ------------------------------------------------------------------------


def subscription_links(subscription: Subscription) -> dict:
    """Full addresses of the subscription's own pages, in its language."""
    with translation.override(subscription.language):
        token = {"token": subscription.token}
        return {
            "manage_link": settings.SITE_URL + reverse("knowledge:subscription", kwargs=token),
            "unsubscribe_link": settings.SITE_URL + reverse("knowledge:unsubscribe", kwargs=token),
        }


def unsubscribe_headers(links: dict) -> dict:
    """RFC 2369 and RFC 8058: mail programs show an unsubscribe button that POSTs to the link."""
    return {
        "List-Unsubscribe": f"<{links['unsubscribe_link']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _send(template: str, subscription: Subscription, context: dict, message_id: str | None = None) -> bool:
    """Send one mail to the subscription; False (logged) when the SMTP server refused or was away.
    ``message_id``: the same for every try of one mail (see :func:`samverka.emails.message_id`)."""
    links = subscription_links(subscription)
    headers = unsubscribe_headers(links)
    if message_id:
        headers["Message-ID"] = message_id
    try:
        emails.send(
            template,
            to=subscription.email,
            context={"subscription": subscription, **links, **context},
            language=subscription.language,
            headers=headers,
        )
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("subscription mail %s to subscription %s failed: %s", template, subscription.pk, error)
        return False
    return True


# --- The confirmation mail --------------------------------------------------------------------


def send_confirmation(*, subscription: Subscription, choices: Choices, language: str, stamp: int | None = None) -> None:
    """Side effects: one mail in ``language`` to the subscription's address with the signed
    confirmation link (valid three days). ``stamp`` (the time of asking) keys it: sent once per
    subscription and stamp, recorded as sent (without one, e.g. from a task queued before
    stamps, it is sent every time). Raises on SMTP errors, so the task is retried."""
    value = confirmation_value(email=subscription.email, choices=choices, language=language)
    with translation.override(language):
        confirm_link = settings.SITE_URL + reverse("knowledge:subscription_confirm", kwargs={"value": value})
        described = describe_choices(choices)
    subscription.language = language  # the mail speaks the language the visitor asked in
    links = subscription_links(subscription)
    emails.send(
        "knowledge_subscription_confirm",
        to=subscription.email,
        context={"subscription": subscription, "confirm_link": confirm_link, "described": described, **links},
        language=language,
        headers=unsubscribe_headers(links),
        once=emails.message_id("subscription-confirm", subscription.pk, stamp) if stamp is not None else None,
    )


# --- One item, to everyone who wants it -------------------------------------------------------


def _claim(subscription: Subscription, source: str, object_id: int, status=Status.QUEUED) -> Delivery | None:
    """Create the delivery row, committed; None if another run has it (or the subscription went)."""
    try:
        with transaction.atomic():
            return Delivery.objects.create(
                subscription=subscription, source=source, object_id=object_id, status=status,
                digest=status == Status.PENDING,
            )
    except IntegrityError:
        return None


def _reclaim(pk: int, now) -> Delivery | None:
    """Take again a row claimed by a run that died (queued since before :func:`stuck_before`);
    its claim time moves to ``now``, so one run wins. None if another run took it first."""
    taken = Delivery.objects.filter(pk=pk, status=Status.QUEUED, created_at__lt=stuck_before(now)).update(
        created_at=now
    )
    return Delivery.objects.filter(pk=pk).first() if taken else None


def _mark(delivery: Delivery, sent: bool, now=None) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Status.SENT if sent else Status.FAILED, sent_at=(now or timezone.now()) if sent else None
    )


def deliver_item(*, source: str, object_id: int, followers: Followers | None = None, now=None) -> Summary:
    """Hand a published item to every confirmed subscription that wants it and has not had it.

    Side effects: a weekly subscriber gets a delivery row waiting for the digest; an immediate
    one gets a claimed row, then the mail (``knowledge_new_item``), then the row marked sent,
    or failed for the next run to retry. A row a dead run left queued (see the module docstring)
    is claimed again and sent. An item that is not (or no longer) published, or not yet due, is
    left alone. Safe to run twice and from several workers at once.
    """
    summary = Summary()
    item = load_item(source, object_id, now=now)
    if item is None:
        return summary
    summary.items = 1
    followers = followers or Followers.load()
    wanting = followers.wanting(facts_for(source, item))
    rows = Delivery.objects.filter(source=source, object_id=object_id)
    had = set(rows.values_list("subscription_id", flat=True))
    claim_time = now or timezone.now()
    stuck = dict(
        rows.filter(status=Status.QUEUED, digest=False, created_at__lt=stuck_before(claim_time)).values_list(
            "subscription_id", "pk"
        )
    )
    new = [subscription for subscription in wanting if subscription.pk not in had or subscription.pk in stuck]
    weekly = [s for s in new if s.frequency == Subscription.Frequency.WEEKLY and s.pk not in had]
    # Rows that only wait for the digest go in one statement; a row another run made first is
    # skipped by the constraint (so in a race the count may include it). A subscription ended
    # since the list was read breaks the statement: then one by one, without it.
    try:
        with transaction.atomic():
            Delivery.objects.bulk_create(
                [Delivery(subscription=s, source=source, object_id=object_id, status=Status.PENDING, digest=True)
                 for s in weekly],
                ignore_conflicts=True,
            )
        summary.waiting = len(weekly)
    except IntegrityError:
        summary.waiting = sum(_claim(s, source, object_id, Status.PENDING) is not None for s in weekly)
    entries = {}
    for subscription in new:
        if subscription.frequency == Subscription.Frequency.WEEKLY and subscription.pk not in stuck:
            continue
        if subscription.pk in stuck:
            delivery = _reclaim(stuck[subscription.pk], claim_time)
        else:
            delivery = _claim(subscription, source, object_id)
        if delivery is None:
            continue
        if subscription.language not in entries:
            entries[subscription.language] = entry_for(source, item, subscription.language)
        sent = _send(
            "knowledge_new_item", subscription, {"entry": entries[subscription.language]},
            emails.message_id("subscription", delivery.pk),
        )
        _mark(delivery, sent)
        summary.sent += sent
        summary.failed += not sent
    return summary


def retry_failed(*, now=None) -> Summary:
    """Side effects: each immediate delivery that failed in the last two days is claimed again
    (failed → queued, one run wins) and sent, then marked sent or failed; a row whose item is
    no longer published is deleted (it would be new again if republished)."""
    now = now or timezone.now()
    summary = Summary()
    # Rows claimed since ``now`` (this run's own failures) wait for the next run.
    failed = Delivery.objects.filter(
        status=Status.FAILED, digest=False, created_at__gte=now - RETRY_FOR, created_at__lt=now
    )
    for delivery in failed.select_related("subscription").order_by("pk"):
        if not Delivery.objects.filter(pk=delivery.pk, status=Status.FAILED).update(status=Status.QUEUED):
            continue  # another run took it
        item = load_item(delivery.source, delivery.object_id, now=now)
        if item is None:
            delivery.delete()
            continue
        subscription = delivery.subscription
        sent = _send(
            "knowledge_new_item", subscription, {"entry": entry_for(delivery.source, item, subscription.language)},
            emails.message_id("subscription", delivery.pk),
        )
        _mark(delivery, sent)
        summary.sent += sent
        summary.failed += not sent
    return summary


def due_items(*, now=None) -> list[tuple[str, int]]:
    """News items due and knowledge items published in the last two days, oldest first."""
    now = now or timezone.now()
    since = now - LOOK_BACK
    news = NewsItem.objects.published(now).filter(publish_at__gte=since).order_by("publish_at", "pk")
    knowledge = KnowledgeItem.objects.published().filter(published_at__gte=since).order_by("published_at", "pk")
    return [("news", pk) for pk in news.values_list("pk", flat=True)] + [
        ("knowledge", pk) for pk in knowledge.values_list("pk", flat=True)
    ]


def send_due(*, now=None) -> Summary:
    """The cron run (every ten minutes): hand out every due item not yet delivered (scheduled
    news becomes due here), retry failed mails and digests, and count stuck rows.

    Side effects: those of :func:`deliver_item` for each due item, :func:`retry_failed`, and
    :func:`send_digest` for each subscription with a failed digest.
    """
    now = now or timezone.now()
    total = Summary()
    followers = Followers.load()
    for source, object_id in due_items(now=now):
        _add(total, deliver_item(source=source, object_id=object_id, followers=followers, now=now))
    _add(total, retry_failed(now=now))
    failed_digests = Subscription.objects.filter(
        Q(deliveries__status=Status.FAILED) | _stuck_digest_rows(now, "deliveries__"),
        deliveries__digest=True, deliveries__created_at__gte=now - RETRY_FOR,
    ).distinct()
    for subscription in failed_digests:
        _add(total, send_digest(subscription=subscription, now=now))
    total.stuck = Delivery.objects.filter(status=Status.QUEUED, created_at__lt=stuck_before(now)).count()
    return total


def _stuck_digest_rows(now, prefix="") -> Q:
    """Digest rows a digest run that died left claimed (see the module docstring)."""
    return Q(**{f"{prefix}status": Status.QUEUED, f"{prefix}created_at__lt": stuck_before(now)})


def _add(total: Summary, part: Summary) -> None:
    total.sent += part.sent
    total.failed += part.failed
    total.waiting += part.waiting
    total.items += part.items


# --- The weekly digest ------------------------------------------------------------------------


def _load_items(deliveries: list[Delivery]) -> dict[tuple[str, int], object]:
    """The published items behind the rows, one query per kind of item."""
    found = {}
    for source in SOURCE_ORDER:
        ids = [d.object_id for d in deliveries if d.source == source]
        if not ids:
            continue
        if source == "news":
            rows = NewsItem.objects.published().filter(pk__in=ids)
        elif source == "knowledge":
            rows = KnowledgeItem.objects.published().filter(pk__in=ids)
        else:
            rows = Event.objects.filter(pk__in=ids, status=Event.Status.PUBLISHED)
        found.update({(source, row.pk): row for row in rows})
    return found


def _when(source: str, item) -> datetime.datetime:
    return getattr(item, {"news": "publish_at", "knowledge": "published_at", "event": "starts_at"}[source])


def send_digest(*, subscription: Subscription, now=None) -> Summary:
    """Send the subscription one mail listing every item waiting for it (and those whose digest
    failed before); nothing if there is none.

    Side effects: the waiting and failed digest rows, and those a dead digest run left claimed,
    are claimed (queued) in one transaction (locked rows are skipped, and a claim moves the
    row's ``created_at``, so two runs never list the same item); rows of items no longer
    published are deleted; one ``knowledge_digest`` mail; then the rows are marked sent and
    ``last_digest_at`` set, or marked failed for the next run.
    """
    now = now or timezone.now()
    summary = Summary()
    with transaction.atomic():
        claimable = Delivery.objects.filter(
            Q(status__in=[Status.PENDING, Status.FAILED]) | _stuck_digest_rows(now),
            subscription=subscription, digest=True,
        )
        deliveries = list(claimable.select_for_update(skip_locked=True))
        Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(status=Status.QUEUED, created_at=now)
    if not deliveries:
        return summary
    items = _load_items(deliveries)
    gone = [d.pk for d in deliveries if (d.source, d.object_id) not in items]
    Delivery.objects.filter(pk__in=gone).delete()
    kept = [d for d in deliveries if d.pk not in gone]
    if not kept:
        return summary
    kept.sort(key=lambda d: (SOURCE_ORDER.index(d.source), _when(d.source, items[d.source, d.object_id]), d.object_id))
    sections = []
    for source in SOURCE_ORDER:
        entries = [entry_for(source, items[d.source, d.object_id], subscription.language) for d in kept if d.source == source]
        if entries:
            sections.append({"source": source, "entries": entries})
    listed = hashlib.sha256(",".join(str(d.pk) for d in sorted(kept, key=lambda d: d.pk)).encode()).hexdigest()
    sent = _send(
        "knowledge_digest", subscription, {"sections": sections, "count": len(kept)},
        emails.message_id("digest", subscription.pk, listed[:16]),
    )
    Delivery.objects.filter(pk__in=[d.pk for d in kept]).update(
        status=Status.SENT if sent else Status.FAILED, sent_at=now if sent else None
    )
    if sent:
        Subscription.objects.filter(pk=subscription.pk).update(last_digest_at=now)
        summary.sent = 1
        summary.items = len(kept)
    else:
        summary.failed = 1
    return summary


def send_digests(*, now=None) -> Summary:
    """The weekly run: first hand out anything due, then a digest to each subscription with
    items waiting. Side effects: those of :func:`send_due`'s item hand-out and :func:`send_digest`."""
    now = now or timezone.now()
    total = Summary()
    followers = Followers.load()
    for source, object_id in due_items(now=now):
        deliver_item(source=source, object_id=object_id, followers=followers, now=now)
    waiting = Subscription.objects.filter(
        Q(deliveries__status__in=[Status.PENDING, Status.FAILED]) | _stuck_digest_rows(now, "deliveries__"),
        deliveries__digest=True,
    ).distinct().order_by("pk")
    for subscription in waiting:
        part = send_digest(subscription=subscription, now=now)
        total.sent += part.sent
        total.failed += part.failed
        total.items += part.items
    return total
