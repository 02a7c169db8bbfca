"""Tasks whose worker died: a task the database backend marked "running" stays so for ever when
its worker process is killed (SIGKILL, out of memory, the machine lost) and no worker takes it
again. ``requeue_stuck_tasks`` (cron, every five minutes) puts every task running for longer than
``TASK_STUCK_AFTER`` seconds back in the queue; the next worker runs it again.

That is safe because every task here may run twice: mail tasks record each recipient as sent in
the same step as the send (invitations) or claim each mail by a row first (subscriptions), so a
second run sends only what is not yet recorded. The one window left: the SMTP server accepted a
mail (250) and the worker died before recording it; the second run sends that mail again. It
carries the same Message-ID, so a receiving system may merge the two copies.
"""

import datetime
import logging
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def stuck_after() -> datetime.timedelta:
    """``TASK_STUCK_AFTER`` as a time span."""
    return datetime.timedelta(seconds=settings.TASK_STUCK_AFTER)


def stuck_tasks(now=None):
    """The tasks marked running since before ``now`` minus ``TASK_STUCK_AFTER``."""
    cutoff = (now or timezone.now()) - stuck_after()
    return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff).order_by()


def requeue_stuck_tasks(*, now=None, dry_run: bool = False) -> Counter:
    """Put every stuck task back in the queue; returns {task path: how many}.

    Side effects (unless ``dry_run``): in one transaction, the stuck rows are locked (rows that
    another run holds are skipped) and set ready again with ``started_at`` cleared; ``worker_ids``
    keeps the dead worker's id; each one is logged. The UPDATE repeats the condition, so a task
    claimed again meanwhile is left alone. Safe to run on several machines at once.
    """
    if dry_run:
        return Counter(stuck_tasks(now).values_list("task_path", flat=True))
    with transaction.atomic():
        found = list(
            stuck_tasks(now).select_for_update(skip_locked=True).values_list("pk", "task_path", "worker_ids", "started_at")
        )
        stuck_tasks(now).filter(pk__in=[pk for pk, *_ in found]).update(status=TaskResultStatus.READY, started_at=None)
    for pk, path, workers, started in found:
        logger.warning(
            "task %s (%s), running since %s on worker %s, taken for lost: queued again",
            pk, path, started.isoformat(), (workers or ["?"])[-1],
        )
    return Counter(path for _, path, _, _ in found)
