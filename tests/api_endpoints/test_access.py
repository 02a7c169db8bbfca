"""The open-data rules: CORS for GET (with preflight) and a rate limit per client address."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from samverka.env import env_rate

from .conftest import api

pytestmark = pytest.mark.django_db


def test_any_origin_may_read(client, network):
    response = client.get(api("/projects"), headers={"Origin": "https://example.net"})
    assert response["Access-Control-Allow-Origin"] == "*"


def test_errors_carry_cors_too(client, network):
    response = client.get(api("/projects"), {"limit": 0}, headers={"Origin": "https://example.net"})
    assert response.status_code == 422
    assert response["Access-Control-Allow-Origin"] == "*"


def test_preflight_for_get(client, db):
    response = client.options(
        api("/projects"), headers={"Origin": "https://example.net", "Access-Control-Request-Method": "GET"}
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, OPTIONS"
    assert response["Access-Control-Max-Age"] == "86400"


def test_site_pages_have_no_cors(client, db):
    assert "Access-Control-Allow-Origin" not in client.get("/projekt/")


def test_too_many_requests(client, network, settings):
    settings.API_RATE_LIMIT = (3, 60)
    for _ in range(3):
        assert client.get(api("/periods")).status_code == 200
    response = client.get(api("/periods"))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith("Too many requests: at most 3 in 60 seconds. Try again in ")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_limit_counts_each_address_apart(client, network, settings):
    settings.API_RATE_LIMIT = (1, 60)
    assert client.get(api("/periods"), REMOTE_ADDR="192.0.2.1").status_code == 200
    assert client.get(api("/periods"), REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(api("/periods"), REMOTE_ADDR="192.0.2.2").status_code == 200


def test_behind_a_proxy_the_address_the_proxy_added_counts(client, network, settings):
    settings.API_RATE_LIMIT = (1, 60)
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A client cannot escape the limit by writing its own X-Forwarded-For: the last entry counts.
    assert client.get(api("/periods"), headers={"X-Forwarded-For": "1.1.1.1, 198.51.100.7"}).status_code == 200
    assert client.get(api("/periods"), headers={"X-Forwarded-For": "2.2.2.2, 198.51.100.7"}).status_code == 429


def test_the_limit_holds_in_redis_across_processes(client, network, settings):
    """With Redis as the cache (production), the count lives there, shared by every process."""
    import redis

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/9"}}
    settings.API_RATE_LIMIT = (2, 60)
    from django.core.cache import caches

    caches["default"].clear()
    try:
        assert client.get(api("/periods")).status_code == 200
        assert client.get(api("/periods")).status_code == 200
        assert client.get(api("/periods")).status_code == 429
        keys = redis.Redis.from_url("redis://127.0.0.1:6379/9").keys("*api-rate*")
        assert len(keys) == 1
    finally:
        caches["default"].clear()


def test_no_limit(client, network, settings):
    settings.API_RATE_LIMIT = (0, 0)
    for _ in range(5):
        assert client.get(api("/periods")).status_code == 200


@pytest.mark.parametrize(("raw", "expected"), [("300/m", (300, 60)), ("5/s", (5, 1)), ("1000/H", (1000, 3600)),
                                               ("0", (0, 0)), ("off", (0, 0))])
def test_api_rate_limit_setting(monkeypatch, raw, expected):
    monkeypatch.setenv("API_RATE_LIMIT", raw)
    assert env_rate("API_RATE_LIMIT", "300/m") == expected


@pytest.mark.parametrize("raw", ["300", "300/day", "-1/m", "many/m", "0/m"])
def test_api_rate_limit_setting_refused(monkeypatch, raw):
    monkeypatch.setenv("API_RATE_LIMIT", raw)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_rate("API_RATE_LIMIT", "300/m")
    assert str(refused.value) == (
        f"API_RATE_LIMIT must be a number of requests per s, m or h (e.g. 300/m), or 0 for no limit; got {raw.lower()!r}."
    )
