"""The Swedish pages (the default language) speak Swedish: the event list and an event page read
with the meetings catalogue; the same pages under /en/ stay English."""

import pytest

from samverka.meetings.models import Registration

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_event_list_in_swedish(client, make_event):
    make_event(title="Webbinarium om solel", capacity=40)

    html = page(client, "/traffar/")

    assert '<html lang="sv">' in html
    assert "<h1>Träffar och webbinarier</h1>" in html
    assert "Projektledarträffar, webbinarier och andra träffar i nätverket. Alla tider är svensk tid." in html
    assert "Webbinarium om solel" in html
    assert "40 platser kvar av 40" in html
    assert "Meetings and webinars" not in html


def test_an_event_page_in_swedish(client, make_event):
    event = make_event(title="Webbinarium om solel", capacity=40)

    html = page(client, f"/traffar/{event.pk}/")

    assert "(svensk tid)" in html
    assert "<dt>Mötesform</dt><dd>Digitalt</dd>" in html
    assert "<dt>Typ</dt><dd>Webbinarium</dd>" in html
    assert "0 av 40 bokade" in html
    assert "Alla, även utan konto" in html
    assert ">Anmäl dig</button>" in html
    assert "Så behandlar vi personuppgifter" in html
    assert "Register</button>" not in html


def test_a_full_event_offers_the_waiting_list_in_swedish(client, make_event):
    event = make_event(title="Liten workshop", capacity=1, kind="workshop")
    Registration.objects.create(event=event, name="Gäst", email="gast@example.net", status=Registration.Status.REGISTERED)

    html = page(client, f"/traffar/{event.pk}/")

    assert "1 av 1 bokade" in html
    assert ">Ställ dig på väntelistan</button>" in html


def test_the_same_pages_stay_english_under_en(client, make_event):
    event = make_event(title="Webbinarium om solel", capacity=40)

    assert "<h1>Meetings and webinars</h1>" in page(client, "/en/traffar/")
    assert ">Register</button>" in page(client, f"/en/traffar/{event.pk}/")
