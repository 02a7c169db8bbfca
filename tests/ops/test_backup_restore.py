"""Backup and restore: dump, wipe, restore — the rows and the uploaded files are all back.

Runs the real commands in a separate process against a database of its own, on PostgreSQL
(pg_dump/pg_restore) and on SQLite (the online backup API)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.ops.servers import POSTGRES, ROOT, fresh_database, manage, server_env

PDF = b"%PDF-1.4\n% Anteckningar fr\xc3\xa5n projektledartr\xc3\xa4ffen\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
CREATE = f"""
import datetime
from django.core.files.base import ContentFile
from django.utils import timezone
from samverka.accounts.models import User
from samverka.meetings.attachments import add_attachment
from samverka.meetings.models import Event
User.objects.create_user(email="cora@example.org", password="ett-bra-losenord-2026", name="Cora Samordnare")
start = timezone.now() + datetime.timedelta(days=3)
event = Event.objects.create(title="Projektledarträff", starts_at=start, ends_at=start + datetime.timedelta(hours=2))
file = ContentFile({PDF!r}, name="anteckningar.pdf")
add_attachment(event=event, title="Anteckningar från träffen", kind="notes", file=file)
"""
REPORT = """
import hashlib, json
from samverka.accounts.models import User
from samverka.meetings.models import Attachment, Event
attachment = Attachment.objects.get()
print(json.dumps({
    "people": list(User.objects.values_list("email", flat=True)),
    "events": list(Event.objects.values_list("title", flat=True)),
    "attachment": attachment.title,
    "file": hashlib.sha256(attachment.file.read()).hexdigest(),
}))
"""


def report(env):
    return json.loads(manage("shell", "-c", REPORT, env=env).stdout.strip().splitlines()[-1])


def wipe_postgres(database_url):
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(**POSTGRES, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def round_trip(env, tmp_path, wipe_database):
    manage("shell", "-c", CREATE, env=env)
    before = report(env)
    assert before["people"] == ["cora@example.org"] and before["attachment"] == "Anteckningar från träffen"

    written = manage("backup", str(tmp_path / "backups"), env=env).stdout
    [backup] = (tmp_path / "backups").iterdir()
    assert written.startswith(f"Backup written to {backup} (")

    wipe_database()
    shutil.rmtree(tmp_path / "media")
    assert manage("restore", str(backup), "--dry-run", env=env).stdout.startswith("The backup of ")
    restored = manage("restore", str(backup), "--yes", env=env).stdout
    assert restored.startswith("Restored the backup of ") and "and uploaded files" in restored
    assert report(env) == before


def test_postgresql_backup_wipe_restore(tmp_path):
    with fresh_database(tmp_path) as database_url:
        env = server_env(database_url, tmp_path, MEDIA_ROOT=str(tmp_path / "media"))
        round_trip(env, tmp_path, lambda: wipe_postgres(database_url))


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory):
    """One migrated SQLite database for the module; each test works on a copy."""
    directory = tmp_path_factory.mktemp("template")
    database = directory / "samverka.sqlite3"
    manage("migrate", "-v0", env=server_env(f"sqlite:///{database}", directory))
    return database


@pytest.fixture
def sqlite_site(tmp_path, migrated_sqlite):
    database = tmp_path / "samverka.sqlite3"
    shutil.copy(migrated_sqlite, database)
    return database, server_env(f"sqlite:///{database}", tmp_path, MEDIA_ROOT=str(tmp_path / "media"))


def test_sqlite_backup_wipe_restore(tmp_path, sqlite_site):
    database, env = sqlite_site
    round_trip(env, tmp_path, database.unlink)


def run(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path, sqlite_site):
    _database, env = sqlite_site
    manage("shell", "-c", CREATE, env=env)
    manage("backup", str(tmp_path / "backups"), env=env)
    [backup] = (tmp_path / "backups").iterdir()
    with open(backup / "media.tar", "r+b") as archive:
        archive.seek(600)
        archive.write(b"damage")
    before = report(env)
    refused = run(env, "restore", str(backup), "--yes")
    assert refused.returncode == 1
    assert "The backup is damaged: media.tar does not match its checksum." in refused.stderr
    assert report(env) == before


def test_restore_asks_for_confirmation(tmp_path, sqlite_site):
    database, env = sqlite_site
    manage("backup", str(tmp_path / "backups"), env=env)
    [backup] = (tmp_path / "backups").iterdir()
    refused = run(env, "restore", str(backup))
    assert refused.returncode == 1 and "Restoring replaces all current data; add --yes to confirm." in refused.stderr
    assert database.exists()


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    env = server_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path)
    refused = run(env, "restore", str(tmp_path), "--yes")
    assert refused.returncode == 1 and f"{tmp_path} is not a backup: it has no manifest.json." in refused.stderr


def test_a_postgresql_backup_is_not_restored_into_sqlite(tmp_path):
    backup = tmp_path / "samverka-1"
    backup.mkdir()
    (backup / "manifest.json").write_text(json.dumps({"created": "x", "engine": "postgresql", "parts": {}}))
    env = server_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path)
    refused = run(env, "restore", str(backup), "--yes")
    assert "The backup is of a postgresql database; this site uses sqlite." in refused.stderr

