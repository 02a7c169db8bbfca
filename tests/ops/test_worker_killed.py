"""The task worker killed mid-send (issue #7): no mail lost, none sent twice.

A real ``manage.py db_worker`` on a fresh PostgreSQL database (like the other tests here, whatever
DATABASE_URL says: a SIGKILLed process must drop its connection and locks for real) sends to a
real SMTP server in this process. The server holds the first message's DATA without answering
until the worker has been SIGKILLed; the dropped connection cancels aiosmtpd's handler, so that
message is not delivered, as with a real SMTP server that never said 250. Then
``requeue_stuck_tasks`` (TASK_STUCK_AFTER=1) and a second worker: every recipient has exactly
one message and every row says sent. Without the recovery step the first recipient gets nothing
and the test fails.
"""

import asyncio
import email
import json
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from email import policy

import pytest
from aiosmtpd.controller import Controller

from tests.ops.servers import ROOT, fresh_database, free_port, server_env
from tests.ops.servers import manage as run_manage

STUCK_AFTER = 1  # seconds, TASK_STUCK_AFTER of every process of these tests
INVITED = ["ada@example.net", "bo@example.net", "cecilia@example.net"]

INVITE = """
import datetime
from django.utils import timezone
from samverka.meetings.invitations import invite
from samverka.meetings.models import Event
start = timezone.now() + datetime.timedelta(days=10)
event = Event.objects.create(
    title="Projektledarträff om spridning", starts_at=start, ends_at=start + datetime.timedelta(hours=2),
    status=Event.Status.PUBLISHED,
)
invite(event=event, addresses=%r, invited_by=None)
""" % (INVITED,)

SUBSCRIBE_AND_PUBLISH = """
import datetime
from django.utils import timezone
from samverka.knowledge.models import NewsItem, Subscription
for address in %r:
    Subscription.objects.create(
        email=address, content_kinds=["news"], frequency="immediate",
        confirmed_at=timezone.now() - datetime.timedelta(days=1),
    )
NewsItem.objects.create(
    title="Anteckningar från projektledarträffen", lead="Sammanfattning av dagen.",
    status=NewsItem.Status.PUBLISHED, publish_at=timezone.now() - datetime.timedelta(minutes=1),
)
""" % (INVITED,)

STATE = """
import json
from django_tasks_db.models import DBTaskResult
from samverka.knowledge.models import Delivery
from samverka.meetings.models import Invitation
print(json.dumps({
    "tasks": [[t.task_path.rsplit(".", 1)[-1], t.status, len(t.worker_ids)] for t in DBTaskResult.objects.order_by("enqueued_at")],
    "invitations": dict(Invitation.objects.values_list("email", "status")),
    "deliveries": dict(Delivery.objects.values_list("subscription__email", "status")),
}))
"""


class HoldFirstMessage:
    """An SMTP handler that holds the first message after its DATA, without answering, until
    ``release`` is set; a message whose client went away meanwhile is not delivered (aiosmtpd
    cancels the handler when the connection drops: ``dropped`` is set)."""

    def __init__(self):
        self.messages = []
        self.holding = threading.Event()
        self.release = threading.Event()
        self.dropped = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if not self.holding.is_set():
            self.holding.set()
            try:
                while not self.release.is_set():
                    await asyncio.sleep(0.05)
            except asyncio.CancelledError:
                self.dropped.set()
                raise
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append({"to": list(envelope.rcpt_tos), "message_id": str(parsed["Message-ID"])})
        return "250 Message accepted for delivery"


@pytest.fixture
def holding_smtp():
    handler = HoldFirstMessage()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        handler.release.set()
        controller.stop()


@pytest.fixture
def site(tmp_path, holding_smtp):
    """(env, SMTP handler): a fresh PostgreSQL database, mail to the holding SMTP server."""
    handler, port = holding_smtp
    with fresh_database(tmp_path, prefix="samverka_wk_killed") as database_url:
        env = server_env(
            database_url, tmp_path, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_TIMEOUT="30",
            TASK_STUCK_AFTER=str(STUCK_AFTER), SITE_URL="https://samverka.example.org",
        )
        yield env, handler


@contextmanager
def worker(env, log_path, *extra):
    """``manage.py db_worker`` as production runs it (every queue), logging to ``log_path``."""
    with open(log_path, "a") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.1", "--no-startup-delay", *extra],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)


def manage(*args, env):
    """``manage.py`` in a process of its own; a failure shows the command's own error."""
    try:
        return run_manage(*args, env=env)
    except subprocess.CalledProcessError as error:
        pytest.fail(f"manage.py {args[0]} failed:\n{error.stderr}")


def state(env):
    return json.loads(manage("shell", "-c", STATE, env=env).stdout.strip().splitlines()[-1])


def kill_mid_send(env, handler, log_path):
    """Start a worker, SIGKILL it while the SMTP server holds its first message; the server sees
    the connection drop before it answered, so nothing is delivered."""
    with worker(env, log_path) as process:
        if not handler.holding.wait(timeout=60):
            pytest.fail(f"the worker sent nothing; its log:\n{log_path.read_text()}")
        process.kill()  # SIGKILL: no signal handler, no clean-up, no database commit
        process.wait(timeout=10)
    assert handler.dropped.wait(timeout=10), "the SMTP server should see the connection drop"
    handler.release.set()
    assert handler.messages == []


def recover_and_run(env, log_path):
    """What production does next: the cron recovery, then a worker (here one that exits when the
    queue is empty). Returns the recovery's summary line."""
    time.sleep(STUCK_AFTER + 0.5)  # the task has been running longer than TASK_STUCK_AFTER
    dry = manage("requeue_stuck_tasks", "--dry-run", env=env).stdout.strip()
    summary = manage("requeue_stuck_tasks", env=env).stdout.strip()
    assert manage("requeue_stuck_tasks", env=env).stdout.strip().startswith("Queued again 0 task(s)")
    with worker(env, log_path, "--batch") as process:
        process.wait(timeout=120)
    return dry, summary


def assert_one_message_each(handler):
    assert Counter(address for message in handler.messages for address in message["to"]) == Counter(INVITED)
    ids = [message["message_id"] for message in handler.messages]
    assert len(set(ids)) == len(ids) and all(i.endswith("@samverka.example.org>") for i in ids)


def test_invitations_survive_a_worker_killed_mid_send(site, tmp_path):
    env, handler = site
    manage("shell", "-c", INVITE, env=env)
    assert state(env)["invitations"] == dict.fromkeys(INVITED, "queued")

    kill_mid_send(env, handler, tmp_path / "worker.log")
    killed = state(env)
    # The killed worker's transaction was rolled back: nothing recorded as sent; its task still
    # says running, and no worker would ever take it again on its own.
    assert killed["invitations"] == dict.fromkeys(INVITED, "queued")
    assert [status for name, status, _ in killed["tasks"] if name == "send_invitation_task"].count("RUNNING") == 1

    dry, summary = recover_and_run(env, tmp_path / "worker.log")
    assert dry == f"Dry run: 1 task(s) running for more than {STUCK_AFTER} s would be queued again (send_invitation_task 1)."
    assert summary == f"Queued again 1 task(s) running for more than {STUCK_AFTER} s (send_invitation_task 1)."

    assert_one_message_each(handler)
    after = state(env)
    assert after["invitations"] == dict.fromkeys(INVITED, "sent")
    invitation_tasks = [(status, workers) for name, status, workers in after["tasks"] if name == "send_invitation_task"]
    assert sorted(invitation_tasks) == [("SUCCESSFUL", 1), ("SUCCESSFUL", 1), ("SUCCESSFUL", 2)]
    assert all(status == "SUCCESSFUL" for _, status, _ in after["tasks"]), after["tasks"]


def test_subscription_mails_survive_a_worker_killed_mid_send(site, tmp_path):
    env, handler = site
    manage("shell", "-c", SUBSCRIBE_AND_PUBLISH, env=env)

    kill_mid_send(env, handler, tmp_path / "worker.log")
    killed = state(env)
    # The first mail's claim was committed before it went; the others were not reached.
    assert list(killed["deliveries"].values()) == ["queued"]
    assert [status for name, status, _ in killed["tasks"] if name == "deliver_subscription_item"] == ["RUNNING"]

    _, summary = recover_and_run(env, tmp_path / "worker.log")
    assert summary == f"Queued again 1 task(s) running for more than {STUCK_AFTER} s (deliver_subscription_item 1)."

    assert_one_message_each(handler)
    after = state(env)
    assert after["deliveries"] == dict.fromkeys(INVITED, "sent")
    assert all(status == "SUCCESSFUL" for _, status, _ in after["tasks"]), after["tasks"]


# --- The recovery command alone, in this process (SQLite or PostgreSQL) --------------------------


@pytest.mark.django_db
def test_requeue_takes_only_tasks_running_too_long_and_only_once(settings):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from samverka.meetings.invitations import send_invitation_task

    settings.TASK_STUCK_AFTER = 600
    now = timezone.now()
    rows = {}
    for name, status, started in [
        ("lost", "RUNNING", now - datetime.timedelta(minutes=11)),
        ("busy", "RUNNING", now - datetime.timedelta(minutes=9)),
        ("done", "SUCCESSFUL", now - datetime.timedelta(hours=1)),
        ("waiting", "READY", None),
    ]:
        result = send_invitation_task.enqueue(invitation_id=0)
        DBTaskResult.objects.filter(pk=result.id).update(status=status, started_at=started, worker_ids=["dead"])
        rows[name] = result.id

    def run(*args):
        from io import StringIO

        out = StringIO()
        call_command("requeue_stuck_tasks", *args, stdout=out)
        return out.getvalue().strip()

    assert run("--dry-run") == "Dry run: 1 task(s) running for more than 600 s would be queued again (send_invitation_task 1)."
    assert DBTaskResult.objects.get(pk=rows["lost"]).status == "RUNNING"
    assert run() == "Queued again 1 task(s) running for more than 600 s (send_invitation_task 1)."
    assert run() == "Queued again 0 task(s) running for more than 600 s."
    statuses = {name: DBTaskResult.objects.get(pk=pk) for name, pk in rows.items()}
    assert {name: row.status for name, row in statuses.items()} == {
        "lost": "READY", "busy": "RUNNING", "done": "SUCCESSFUL", "waiting": "READY",
    }
    assert statuses["lost"].started_at is None and statuses["lost"].worker_ids == ["dead"]
    assert DBTaskResult.objects.ready().filter(pk=rows["lost"]).exists(), "a worker takes it again"
