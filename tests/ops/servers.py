"""Real web processes for the production tests: a fresh PostgreSQL database, migrated, and
gunicorn started with the production command against it."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def fresh_database(tmp_path, prefix="samverka_ops"):
    """A new, migrated PostgreSQL database named ``<prefix>_<random>``; yields its URL and drops
    it afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(**POSTGRES, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    try:
        manage("migrate", "-v0", env=server_env(url, tmp_path))
        yield url
    finally:
        with psycopg.connect(**POSTGRES, dbname="postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(database_url, tmp_path, **extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="samverka.settings",
        DATABASE_URL=database_url,
        SAMVERKA_VAR_DIR=str(tmp_path),
        ALLOWED_HOSTS="127.0.0.1",
        REDIS_URL="",
        SECRET_KEY="one-key-for-every-process-of-this-test-0123456789",
        # Static files are not what these tests are about: no collectstatic step.
        STATIC_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        # Every request reaches the database (a kept copy of a page would answer while it is away).
        PAGE_CACHE_SECONDS="0",
    )
    env.update(extra)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=300, capture_output=True, text=True
    )


@contextmanager
def gunicorn(env, log_path):
    """The production web server on a free port; yields its base URL once /healthz answers."""
    port = free_port()
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "samverka.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    if get(f"{base}/healthz")[0] in (200, 503):
                        break
                except OSError:
                    time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)


def get(url, opener=None):  # url: a string or a urllib Request
    """(status, headers, body) of a GET, without raising on 4xx/5xx."""
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=20) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()
