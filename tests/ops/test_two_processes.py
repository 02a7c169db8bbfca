"""No single-process assumptions: two web processes on different ports share one PostgreSQL and
one Redis. A person signs in on one and goes on on the other; a registration made on one shows
on the other; the sign-in rate limit counts failures across both."""

import http.cookiejar
import re
import urllib.parse
import urllib.request

import pytest
import redis

from tests.ops.servers import fresh_database, get, gunicorn, manage, server_env

REDIS_DB = 14
PUBLIC_HOST = "samverka.test"
SETUP = """
import datetime
from django.utils import timezone
from samverka.accounts.models import User
from samverka.meetings.models import Event
User.objects.create_user(email="alva@example.org", password="ett-bra-losenord-2026", name="Alva Lind")
start = timezone.now() + datetime.timedelta(days=10)
event = Event.objects.create(
    title="Projektledarträff om spridning", starts_at=start, ends_at=start + datetime.timedelta(hours=2),
    status=Event.Status.PUBLISHED,
)
print(event.pk)
"""


class Browser:
    """One person's cookies, sent to whichever process they reach (cookies ignore the port),
    with the public host name a load balancer passes on (allauth counts failed sign-ins per
    host and address)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url):
        return get(urllib.request.Request(url, headers={"Host": PUBLIC_HOST}), self.opener)

    def post_form(self, page_url, action_url, fields):
        """Fetch the page for its CSRF token, then post the form; (status, final URL, body)."""
        _, _, page = self.get(page_url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(action_url, data=data, headers={"Referer": page_url, "Host": PUBLIC_HOST})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, action_url, error.read().decode()


@pytest.fixture
def shared_redis():
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    client.flushdb()
    yield f"redis://127.0.0.1:6379/{REDIS_DB}"
    client.flushdb()


@pytest.fixture
def two_processes(tmp_path, shared_redis):
    with fresh_database(tmp_path) as database_url:
        env = server_env(database_url, tmp_path, REDIS_URL=shared_redis, ALLOWED_HOSTS=f"127.0.0.1,{PUBLIC_HOST}")
        event_id = int(manage("shell", "-c", SETUP, env=env).stdout.strip().splitlines()[-1])
        with gunicorn(env, tmp_path / "one.log") as one, gunicorn(env, tmp_path / "two.log") as two:
            assert one != two
            yield one, two, event_id


def test_signed_in_on_one_process_registered_on_the_other(two_processes):
    one, two, event_id = two_processes
    alva = Browser()
    status, landed, _ = alva.post_form(
        f"{one}/konto/login/", f"{one}/konto/login/", {"login": "alva@example.org", "password": "ett-bra-losenord-2026"}
    )
    assert status == 200 and landed.endswith("/konto/profil/")

    # The session lives in the shared database: the other process knows her.
    status, _, profile = alva.get(f"{two}/konto/profil/")
    assert status == 200 and "alva@example.org" in profile

    # She registers on the second process …
    status, _, _ = alva.post_form(f"{two}/traffar/{event_id}/", f"{two}/traffar/{event_id}/anmal/", {"consent": "on"})
    assert status == 200
    # … and the first process shows the registration.
    status, _, mine = alva.get(f"{one}/traffar/mina/")
    assert status == 200 and "Projektledarträff om spridning" in mine


def test_failed_sign_ins_are_counted_across_processes(two_processes):
    one, two, _ = two_processes
    outsider = Browser()
    # allauth allows 5 failed attempts per address in 5 minutes (ACCOUNT_RATE_LIMITS); spread
    # them over both processes, so only a shared count can stop the sixth.
    for base in (one, two, one, two, one):
        login = f"{base}/en/konto/login/"
        status, _, page = outsider.post_form(login, login, {"login": "alva@example.org", "password": "wrong"})
        assert status == 200 and "not correct" in page and "Too many" not in page
    login = f"{two}/en/konto/login/"
    status, landed, page = outsider.post_form(login, login, {"login": "alva@example.org", "password": "ett-bra-losenord-2026"})
    assert "Too many failed login attempts. Try again later." in page and not landed.endswith("/profil/")
