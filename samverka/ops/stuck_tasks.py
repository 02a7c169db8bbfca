"""Tasks whose worker died: a task the database backend marked "running" stays so for ever when
its worker process is killed (SIGKILL, out of memory, the machine lost) and no worker takes it
again. ``requeue_stuck_tasks`` (cron, every five minutes) puts every task running for longer than
``TASK_STUCK_AFTER`` seconds back in the queue; the next worker runs it again.

That is safe because every task here may run twice and every mail a task sends is recorded as
sent, so a second run sends only what is not yet recorded:

- event invitations are marked sent in the same transaction as the send (``meetings/invitations.py``);
- subscription mails for new items are claimed by a ``Delivery`` row first (``knowledge/subscription_mails.py``);
- every other mail from a task — registration mails (confirmation, waiting list, moved up,
  pending, declined), the event's cancellation, account invitations, cooperation requests,
  subscription confirmations — goes through ``emails.send(once=message_id(...))``: its stable
  key is recorded in ``ops.SentMail`` right after the SMTP server accepted it, and a key found
  there is not sent again. The key names what makes the message one (kind, row ids, and the
  time or sequence of the change that asked for it), so a mail that may rightly go again
  (registering again after cancelling, a new invitation) has a new key.

The scheduled mail commands (event reminders and follow-ups, poll reminders) run from cron, not
the worker, and key each mail the same way (``meetings/event_mails.py``, ``polls/reminders.py``):
a run killed or failed partway is finished by the next run, which sends only the rest.

The one window left: the SMTP server accepted a mail (250) and the worker died before recording
it; the second run sends that mail again. It carries the same Message-ID, so a receiving system
may merge the two copies. (A task re-run while its first worker is in fact still alive, when
``TASK_STUCK_AFTER`` is shorter than the task, may also send a mail twice.)
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
