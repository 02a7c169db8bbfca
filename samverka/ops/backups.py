"""A backup is one directory: the database and the uploaded files, with a manifest that says what
is in it and lets a restore check it.

- PostgreSQL: ``pg_dump --format=custom`` (restored with ``pg_restore --clean --if-exists``
  into the configured database); SQLite: the online backup API (a consistent copy while the
  site runs).
- Uploaded files: a tar archive of ``MEDIA_ROOT`` when files are stored locally. With object
  storage (``MEDIA_STORAGE`` set to S3), the bucket keeps the files; use its versioning or
  replication, and this backup holds the database only (the manifest says so).
- ``manifest.json``: when, which engine, the applied migrations and the SHA-256 of each part;
  a restore refuses a backup whose parts do not match their sums.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

DATABASE_PARTS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA_PART = "media.tar"


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _postgres_env(database: dict) -> tuple[list[str], dict]:
    """Connection arguments for the PostgreSQL client tools, the password in the environment."""
    args = ["--host", database.get("HOST") or "localhost", "--port", str(database.get("PORT") or 5432)]
    if database.get("USER"):
        args += ["--username", database["USER"]]
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return args, env


def _media_is_local() -> bool:
    return isinstance(default_storage, FileSystemStorage)


def create_backup(directory: Path) -> Path:
    """Write a backup into a new directory under ``directory`` and return its path.

    Side effects: creates ``<directory>/samverka-<time>/`` with the database, the uploaded
    files (local storage only) and ``manifest.json``. Reads only; the site can keep running.
    """
    target = Path(directory) / timezone.now().strftime("samverka-%Y%m%d-%H%M%S-%f")
    target.mkdir(parents=True)
    database = connection.settings_dict
    vendor = connection.vendor
    if vendor not in DATABASE_PARTS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    dump = target / DATABASE_PARTS[vendor]
    if vendor == "postgresql":
        args, env = _postgres_env(database)
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args, "--file", str(dump), database["NAME"]],
            env=env, check=True, capture_output=True,
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(dump) as copy:
            connection.connection.backup(copy)
        copy.close()
    parts = {dump.name: _sha256(dump)}
    media_root = Path(settings.MEDIA_ROOT)
    if _media_is_local():
        archive = target / MEDIA_PART
        with tarfile.open(archive, "w") as tar:
            if media_root.exists():
                tar.add(media_root, arcname="media")
        parts[MEDIA_PART] = _sha256(archive)
    migrations = sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())
    manifest = {
        "created": timezone.now().isoformat(),
        "engine": vendor,
        "media": "included" if _media_is_local() else "in object storage, not in this backup",
        "migrations": migrations,
        "parts": parts,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return target


def read_manifest(backup: Path) -> dict:
    path = Path(backup) / "manifest.json"
    if not path.exists():
        raise BackupError(f"{backup} is not a backup: it has no manifest.json.")
    manifest = json.loads(path.read_text())
    for name, digest in manifest["parts"].items():
        part = Path(backup) / name
        if not part.exists():
            raise BackupError(f"The backup is incomplete: {name} is missing.")
        if _sha256(part) != digest:
            raise BackupError(f"The backup is damaged: {name} does not match its checksum.")
    return manifest


def restore_backup(backup: Path) -> dict:
    """Replace the configured database and the local uploaded files with the backup's.

    Side effects: every table of the database is dropped and restored from the backup; with
    local storage, ``MEDIA_ROOT`` is emptied and refilled. Refuses (changing nothing) a backup
    whose manifest or checksums do not hold, or one taken from another database engine.
    """
    backup = Path(backup)
    manifest = read_manifest(backup)
    vendor = connection.vendor
    if manifest["engine"] != vendor:
        raise BackupError(f"The backup is of a {manifest['engine']} database; this site uses {vendor}.")
    database = connection.settings_dict
    dump = backup / DATABASE_PARTS[vendor]
    connections.close_all()
    if vendor == "postgresql":
        args, env = _postgres_env(database)
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
             *args, "--dbname", database["NAME"], str(dump)],
            env=env, check=True, capture_output=True,
        )
    else:
        with sqlite3.connect(dump) as source, sqlite3.connect(database["NAME"]) as destination:
            source.backup(destination)
    if MEDIA_PART in manifest["parts"]:
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists():
            shutil.rmtree(media_root)
        media_root.mkdir(parents=True)
        with tarfile.open(backup / MEDIA_PART) as tar:
            members = [m for m in tar.getmembers() if m.name == "media" or m.name.startswith("media/")]
            for member in members:
                member.name = member.name[len("media/"):] if member.name != "media" else "."
            tar.extractall(media_root, members=members, filter="data")
    return manifest
