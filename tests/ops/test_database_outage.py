"""The database going away for a few seconds: the site answers 503 with Retry-After, and serves
again by itself once the database is back, without a restart.

A real gunicorn process talks to the real PostgreSQL through a TCP relay that the test cuts
and restores, which is what a failover or a network blip looks like from the web process.
"""

import socket
import threading

from tests.ops.servers import free_port, fresh_database, get, gunicorn, server_env


class Relay:
    """Forwards a local port to PostgreSQL; ``cut()`` drops every connection and refuses new ones
    until ``restore()``."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = free_port()
        self.sockets = []
        self.listener = None
        self.lock = threading.Lock()

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


def test_database_away_answers_503_and_recovers_without_restart(tmp_path):
    with fresh_database(tmp_path) as direct:
        relay = Relay(5432)
        relay.restore()
        through_relay = direct.replace(":5432/", f":{relay.port}/")
        try:
            with gunicorn(server_env(through_relay, tmp_path), tmp_path / "server.log") as base:
                assert get(f"{base}/projekt/")[0] == 200, (tmp_path / "server.log").read_text()[-3000:]

                relay.cut()
                status, headers, _ = get(f"{base}/projekt/")
                assert status == 503 and headers["Retry-After"] == "10"
                assert get(f"{base}/healthz")[0] == 503

                relay.restore()
                # No restart: the next requests open a new connection.
                assert get(f"{base}/projekt/")[0] == 200
                assert get(f"{base}/healthz")[0] == 200
        finally:
            relay.cut()
