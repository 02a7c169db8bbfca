"""The database going away for a few seconds: the site answers 503 with Retry-After, and serves
again by itself once the database is back, without a restart.

A real gunicorn process talks to the real PostgreSQL through a TCP relay that the test cuts
and restores, which is what a failover or a network blip looks like from the web process.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


class Relay:
    """Forwards a local port to PostgreSQL; ``cut()`` drops every connection and refuses new ones
    until ``restore()``."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = self._free_port()
        self.sockets = []
        self.listener = None
        self.lock = threading.Lock()

    @staticmethod
    def _free_port():
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def restore(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would not on Linux.
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.close()
                except OSError:
                    pass


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.fixture
def database():
    name = f"samverka_outage_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(**POSTGRES, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(**POSTGRES, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(database_url, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="samverka.settings",
        DATABASE_URL=database_url,
        SAMVERKA_VAR_DIR=str(tmp_path),
        ALLOWED_HOSTS="127.0.0.1",
        REDIS_URL="",
        # Static files are not what this test is about: no collectstatic step.
        STATIC_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    return env


def test_database_away_answers_503_and_recovers_without_restart(database, tmp_path):
    direct = f"postgres://postgres@127.0.0.1:5432/{database}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=server_env(direct, tmp_path), check=True, timeout=300
    )
    relay = Relay(5432)
    relay.restore()
    web_port = Relay._free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "samverka.wsgi", "--bind", f"127.0.0.1:{web_port}", "--workers", "1"],
        cwd=ROOT,
        env=server_env(f"postgres://postgres@127.0.0.1:{relay.port}/{database}", tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "server.log", "w"),
    )
    base = f"http://127.0.0.1:{web_port}"
    try:
        for _ in range(100):
            try:
                if get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        assert get(f"{base}/projekt/")[0] == 200, (tmp_path / "server.log").read_text()[-3000:]

        relay.cut()
        status, headers = get(f"{base}/projekt/")
        assert status == 503 and headers["Retry-After"] == "10"
        assert get(f"{base}/healthz")[0] == 503

        relay.restore()
        # No restart: the next requests open a new connection.
        assert get(f"{base}/projekt/")[0] == 200
        assert get(f"{base}/healthz")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
        relay.cut()
