"""Public pages kept for a few seconds for visitors who are not signed in (samverka/ops/page_cache.py)."""

import pytest
from django.urls import reverse

from samverka.registry.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 30


def rename(project, title):
    Project.objects.filter(pk=project.pk).update(title=title)


def test_a_visitor_gets_the_kept_copy_until_it_expires(client, page_cache, project_a, settings):
    url = reverse("registry:project", kwargs={"pk": project_a.pk})
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    rename(project_a, "Ett nytt namn")
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content and "Ett nytt namn" not in second.text
    assert second["Content-Type"] == first["Content-Type"]
    from django.core.cache import cache

    cache.clear()  # as when PAGE_CACHE_SECONDS have passed
    assert "Ett nytt namn" in client.get(url).text


def test_signed_in_people_always_get_a_fresh_page(leader_a_client, client, page_cache, project_a):
    url = reverse("registry:project", kwargs={"pk": project_a.pk})
    client.get(url)
    rename(project_a, "Ett nytt namn")
    response = leader_a_client.get(url)
    assert "X-Page-Cache" not in response and "Ett nytt namn" in response.text


def test_nothing_is_kept_when_turned_off(client, settings, project_a):
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("registry:project", kwargs={"pk": project_a.pk})
    client.get(url)
    rename(project_a, "Ett nytt namn")
    assert "Ett nytt namn" in client.get(url).text


def test_each_address_query_and_language_has_its_own_copy(client, page_cache, project_a):
    swedish = client.get("/projekt/")
    english = client.get("/en/projekt/")
    filtered = client.get("/projekt/", {"q": "ingenting alls"})
    assert english["X-Page-Cache"] == "miss" and filtered["X-Page-Cache"] == "miss"
    assert swedish.content != english.content != filtered.content


def test_a_page_with_a_form_for_the_visitor_is_not_kept(client, page_cache):
    # The event page offers the guest registration form, which carries the visitor's CSRF token.
    import datetime

    from django.utils import timezone

    from samverka.meetings.models import Event

    starts = timezone.now() + datetime.timedelta(days=10)
    event = Event.objects.create(
        kind=Event.Kind.WEBINAR, format=Event.Format.DIGITAL, title="Webbinarium om vätgas", description="",
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), capacity=40, status=Event.Status.PUBLISHED,
    )
    url = reverse("meetings:event", kwargs={"pk": event.pk})
    first = client.get(url)
    assert first.status_code == 200 and 'name="csrfmiddlewaretoken"' in first.text
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in client.get(url)


def test_errors_and_other_methods_are_not_kept(client, page_cache):
    assert "X-Page-Cache" not in client.get("/projekt/999999/")
    assert client.get("/projekt/999999/").status_code == 404


def test_a_pending_message_skips_the_copy(client, page_cache, project_a):
    url = reverse("registry:project", kwargs={"pk": project_a.pk})
    client.get(url)
    client.cookies["messages"] = "something"
    assert "X-Page-Cache" not in client.get(url)


def test_the_api_keeps_its_answers_too(client, page_cache, project_a):
    first = client.get("/api/v1/projects")
    assert first["X-Page-Cache"] == "miss" and first["Access-Control-Allow-Origin"] == "*"
    rename(project_a, "Ett nytt namn")
    second = client.get("/api/v1/projects")
    assert second["X-Page-Cache"] == "hit" and second.json() == first.json()
    assert second["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/projects", HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "miss"



@pytest.fixture
def later(monkeypatch):
    """Move the clock on by some seconds (``time.time``: the page cache's and the memory cache's)."""
    import time

    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])

    def move(seconds):
        now[0] += seconds

    return move


@pytest.fixture
def versions():
    """A view whose answer says how many times it has rendered."""
    from django.http import HttpResponse

    renders = []

    def view(request):
        renders.append(request)
        return HttpResponse(f"version {len(renders)}")

    view.renders = renders
    return view


def test_an_expired_copy_is_rendered_by_one_request_while_the_others_get_the_old_one(rf, page_cache, later, versions):
    import threading

    from samverka.ops.page_cache import cached

    assert cached(versions, rf.get("/projekt/")).content == b"version 1"
    assert cached(versions, rf.get("/projekt/"))["X-Page-Cache"] == "hit"
    later(31)
    started, release, refreshed = threading.Event(), threading.Event(), []

    def slow(request):
        started.set()
        release.wait(5)
        return versions(request)

    refresher = threading.Thread(target=lambda: refreshed.append(cached(slow, rf.get("/projekt/"))))
    refresher.start()
    assert started.wait(5)
    meanwhile = [cached(versions, rf.get("/projekt/")) for _ in range(3)]
    release.set()
    refresher.join(5)
    assert [(r["X-Page-Cache"], r.content) for r in meanwhile] == [("stale", b"version 1")] * 3
    assert (refreshed[0]["X-Page-Cache"], refreshed[0].content) == ("miss", b"version 2")
    after = cached(versions, rf.get("/projekt/"))
    assert (after["X-Page-Cache"], after.content) == ("hit", b"version 2")
    assert len(versions.renders) == 2


def test_an_old_copy_is_never_handed_out_past_twice_the_time(rf, page_cache, later, versions):
    from django.core.cache import cache

    from samverka.ops.page_cache import _key, cached

    cached(versions, rf.get("/projekt/"))
    later(59)
    assert cache.add(_key(rf.get("/projekt/")) + ":refresh", 1, 60)  # someone is rendering it anew, for long
    assert cached(versions, rf.get("/projekt/"))["X-Page-Cache"] == "stale"
    later(2)
    response = cached(versions, rf.get("/projekt/"))
    assert (response["X-Page-Cache"], response.content) == ("miss", b"version 2")


def test_a_refresh_that_fails_leaves_the_next_request_free_to_try(rf, page_cache, later, versions):
    from samverka.ops.page_cache import cached

    cached(versions, rf.get("/projekt/"))
    later(31)

    def broken(request):
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        cached(broken, rf.get("/projekt/"))
    response = cached(versions, rf.get("/projekt/"))
    assert (response["X-Page-Cache"], response.content) == ("miss", b"version 2")
