"""/healthz, and Redis going away: the site still serves (slower), the health check tells."""

import pytest
from django.core.cache import caches
from django.test import override_settings

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/15"
NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def resilient(location):
    return {"default": {"BACKEND": "samverka.ops.cache.ResilientRedisCache", "LOCATION": location}}


def test_healthz_answers_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405


def test_healthz_with_real_redis(client):
    with override_settings(CACHES=resilient(REDIS)):
        assert client.get("/healthz").json()["cache"] == "ok"
        cache = caches["default"]
        cache.set("samverka-test", "värde", 5)
        assert cache.get("samverka-test") == "värde"
        cache.delete("samverka-test")


def test_healthz_says_503_when_redis_is_away(client):
    with override_settings(CACHES=resilient(NOWHERE)):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "failing"}


def test_without_redis_reads_miss_and_writes_are_dropped():
    with override_settings(CACHES=resilient(NOWHERE)):
        cache = caches["default"]
        cache.set("key", "value")
        assert cache.get("key") is None
        assert cache.get("key", "fallback") == "fallback"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("lock", True) is True
        assert cache.delete("key") is False
        with pytest.raises(ValueError, match="not found"):
            cache.incr("counter")


def test_without_redis_the_pages_and_sign_in_still_work(client, leader_a, project_a):
    with override_settings(CACHES=resilient(NOWHERE)):
        assert client.get("/").status_code == 200
        assert client.get(project_a.get_absolute_url()).status_code == 200
        # allauth's rate limits live in the cache; sign-in must not hang or fail without it.
        response = client.post("/konto/login/", {"login": leader_a.email, "password": "wrong password"})
        assert response.status_code == 200
