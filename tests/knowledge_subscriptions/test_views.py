"""The subscription pages: subscribe (visitor and signed in), confirm, change, unsubscribe;
every bad input with its message, the "no" cases, and pinned query counts."""

import datetime
import time
import uuid

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from samverka.knowledge import subscriptions
from samverka.knowledge.models import Subscription
from samverka.knowledge.subscriptions import Choices

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def page(response):
    return response.content.decode()


def form_data(**fields):
    data = {"content_kinds": ["news", "tip"], "event_kinds": ["event:webinar"], "frequency": "weekly"}
    data.update(fields)
    return data


def many_regions_and_portfolios(theme, area, count=20):
    from samverka.registry.models import Portfolio, Region

    for n in range(count):
        Portfolio.objects.create(theme=theme, name=f"Portfölj {n}", slug=f"portfolj-{n}", order=10 + n)
        Region.objects.create(kind=Region.Kind.COUNTY, code=f"9{n:02d}", name=f"Län {n}", slug=f"lan-{n}", parent=area)


# --- Subscribe: visitors ----------------------------------------------------------------------


def test_a_visitor_sees_the_form_with_an_address_field(client, portfolio, area, county):
    body = page(client.get(en("knowledge:subscribe")))
    assert "<h1>Subscribe to news and knowledge</h1>" in body
    assert 'name="email"' in body and "Renewable energy" in body and "Övre Norrland" in body
    assert "Norrbottens län" in body and "Project models" in body and "Knowledge webinar" in body


def test_a_visitor_subscribes_and_is_told_to_confirm(client, portfolio, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            en("knowledge:subscribe"), form_data(email="Gunnel@Example.net", portfolios=[portfolio.pk]), follow=True
        )
    assert response.redirect_chain == [(en("knowledge:subscribe"), 302)]
    assert "Almost done: we have sent a link to Gunnel@Example.net. Follow it within three days to confirm." in page(response)
    subscription = Subscription.objects.get()
    assert subscription.email == "gunnel@example.net" and subscription.confirmed_at is None
    assert subscription.language == "en"
    assert DBTaskResult.objects.filter(task_path__endswith="send_subscription_confirmation").count() == 1


def test_swedish_page_asks_in_swedish(client):
    client.post(reverse("knowledge:subscribe"), form_data(email="gunnel@example.net"))
    assert Subscription.objects.get().language == "sv"


def bad(client, **fields):
    response = client.post(en("knowledge:subscribe"), form_data(**fields))
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    return page(response)


def test_no_address(client):
    assert '<p class="error-message" id="id_email_error">This field is required.</p>' in bad(client, email="")


def test_a_bad_address_is_kept_and_named(client):
    body = bad(client, email="gunnel@")
    assert '<p class="error-message" id="id_email_error">Enter a valid email address.</p>' in body
    assert 'value="gunnel@"' in body


def test_an_overlong_address(client):
    body = bad(client, email="a" * 250 + "@example.net")
    assert "Ensure this value has at most 254 characters (it has 262)." in body


def test_nothing_chosen_to_follow(client):
    body = bad(client, email="gunnel@example.net", content_kinds=[], event_kinds=[])
    assert (
        '<p class="error-message" id="id_content_kinds_error">'
        "Choose at least one kind of news, knowledge or event to follow.</p>"
    ) in body
    assert 'value="gunnel@example.net"' in body


def test_an_unknown_kind(client):
    body = bad(client, email="gunnel@example.net", content_kinds=["gossip"])
    assert "Select a valid choice. gossip is not one of the available choices." in body


def test_an_unknown_event_kind(client):
    body = bad(client, email="gunnel@example.net", event_kinds=["event:party"])
    assert "Select a valid choice. event:party is not one of the available choices." in body


def test_an_unknown_portfolio(client, portfolio):
    body = bad(client, email="gunnel@example.net", portfolios=["999"])
    assert '<p class="error-message" id="id_portfolios_error">Select a valid choice. 999 is not one of the available choices.</p>' in body


def test_an_unknown_region(client, area):
    body = bad(client, email="gunnel@example.net", areas=["nowhere"])
    assert "Select a valid choice. nowhere is not one of the available choices." in body


def test_an_unknown_frequency(client):
    body = bad(client, email="gunnel@example.net", frequency="daily")
    assert '<p class="error-message" id="id_frequency_error">Select a valid choice. daily is not one of the available choices.</p>' in body


def test_no_frequency(client):
    body = bad(client, email="gunnel@example.net", frequency="")
    assert '<p class="error-message" id="id_frequency_error">This field is required.</p>' in body


def test_what_was_ticked_stays_ticked(client, portfolio):
    body = bad(client, email="", content_kinds=["result"], portfolios=[str(portfolio.pk)], frequency="immediate")
    assert "checked" in body.split('value="result"')[1][:60]
    assert "checked" not in body.split('value="news"')[1][:60]
    assert "checked" in body.split(f'name="portfolios" value="{portfolio.pk}"')[1][:40]
    assert "checked" in body.split('value="immediate"')[1][:60]


def test_subscribe_wrong_method(client):
    assert client.put(en("knowledge:subscribe")).status_code == 405


# --- Subscribe: signed in ---------------------------------------------------------------------


def test_a_signed_in_person_needs_no_address_and_is_confirmed_at_once(participant_client, participant, portfolio):
    body = page(participant_client.get(en("knowledge:subscribe")))
    assert 'name="email"' not in body and "Save my subscription" in body
    response = participant_client.post(en("knowledge:subscribe"), form_data(portfolios=[portfolio.pk]), follow=True)
    assert "Your subscription is saved." in page(response)
    subscription = Subscription.objects.get()
    assert subscription.person == participant and subscription.confirmed_at is not None


def test_a_signed_in_person_sees_their_choices(participant_client, participant, portfolio, county):
    subscriptions.subscribe_person(
        person=participant, choices=Choices(("result", "event:workshop"), "immediate", (portfolio.pk,), (county.pk,))
    )
    body = page(participant_client.get(en("knowledge:subscribe")))
    assert "You are subscribed with the address petra@example.org; your choices are below." in body
    assert "checked" in body.split('value="result"')[1][:60]
    assert "checked" in body.split('value="event:workshop"')[1][:60]
    assert "checked" in body.split(f'name="portfolios" value="{portfolio.pk}"')[1][:40]
    assert "checked" in body.split(f'name="counties" value="{county.pk}"')[1][:40]
    assert "checked" in body.split('value="immediate"')[1][:60]
    assert "checked" not in body.split('value="news"')[1][:60]
    token = Subscription.objects.get().token
    assert f'action="{en("knowledge:unsubscribe", token=token)}"' in body


def test_a_signed_in_persons_bad_input(participant_client):
    response = participant_client.post(en("knowledge:subscribe"), form_data(content_kinds=[], event_kinds=[]))
    assert response.status_code == 200
    assert "Choose at least one kind of news, knowledge or event to follow." in page(response)
    assert not Subscription.objects.exists()


def test_subscribe_page_queries_visitor(client, theme, area, portfolio, county, django_assert_num_queries):
    with django_assert_num_queries(2):
        client.get(en("knowledge:subscribe"))
    many_regions_and_portfolios(theme, area)
    with django_assert_num_queries(2):
        assert "Län 19" in page(client.get(en("knowledge:subscribe")))


def test_subscribe_page_queries_signed_in(participant_client, participant, theme, area, portfolio, county, django_assert_num_queries):
    subscriptions.subscribe_person(person=participant, choices=Choices(("news",), "weekly", (portfolio.pk,), (county.pk,)))
    with django_assert_num_queries(7):
        participant_client.get(en("knowledge:subscribe"))
    many_regions_and_portfolios(theme, area)
    from samverka.registry.models import Portfolio, Region

    subscriptions.subscribe_person(
        person=participant,
        choices=Choices(("news",), "weekly", tuple(Portfolio.objects.values_list("pk", flat=True)),
                        tuple(Region.objects.values_list("pk", flat=True))),
    )
    with django_assert_num_queries(7):
        assert "Län 19" in page(participant_client.get(en("knowledge:subscribe")))


# --- Confirm ----------------------------------------------------------------------------------


def value_for(email="gunnel@example.net", choices=Choices(("news",), "weekly"), language="en"):
    return subscriptions.confirmation_value(email=email, choices=choices, language=language)


def test_the_confirmation_page_shows_the_choices_and_a_button(client, portfolio):
    subscriptions.request_subscription(email="gunnel@example.net", choices=Choices(("news",), "weekly"), language="en")
    value = value_for(choices=Choices(("news", "event:webinar"), "immediate", (portfolio.pk,)))
    body = page(client.get(en("knowledge:subscription_confirm", value=value)))
    assert "Confirm the subscription for gunnel@example.net, with these choices:" in body
    assert "<dd>News, Webinar</dd>" in body and "<dd>Renewable energy</dd>" in body and "<dd>all of Sweden</dd>" in body
    assert "Confirm my subscription" in body
    assert Subscription.objects.get().confirmed_at is None, "a GET (a mail scanner) confirms nothing"


def test_confirming_leads_to_the_subscription_page(client):
    subscriptions.request_subscription(email="gunnel@example.net", choices=Choices(("news",), "weekly"), language="en")
    response = client.post(en("knowledge:subscription_confirm", value=value_for()), follow=True)
    subscription = Subscription.objects.get()
    assert response.redirect_chain == [(en("knowledge:subscription", token=subscription.token), 302)]
    assert "Your subscription is confirmed." in page(response)
    assert subscription.confirmed_at is not None


def refused(client, value, method="get"):
    response = getattr(client, method)(en("knowledge:subscription_confirm", value=value))
    assert response.status_code == 200
    return page(response)


def test_a_used_link_says_already_confirmed(client):
    subscriptions.request_subscription(email="gunnel@example.net", choices=Choices(("news",), "weekly"), language="en")
    value = value_for()
    client.post(en("knowledge:subscription_confirm", value=value))
    confirmed_at = Subscription.objects.get().confirmed_at
    for method in ("get", "post"):
        body = refused(client, value, method)
        assert "Your subscription is already confirmed. Nothing has changed." in body
        assert "Confirm my subscription</button>" not in body
    assert Subscription.objects.get().confirmed_at == confirmed_at


def test_an_expired_link_page(client, monkeypatch):
    subscriptions.request_subscription(email="gunnel@example.net", choices=Choices(("news",), "weekly"), language="en")
    then = time.time() - datetime.timedelta(days=4).total_seconds()
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: then)
        value = value_for()
    for method in ("get", "post"):
        assert "This link has expired: a confirmation link is valid for three days. Subscribe again to get a new one." in (
            refused(client, value, method)
        )
    assert Subscription.objects.get().confirmed_at is None


def test_a_forged_link_page(client):
    subscriptions.request_subscription(email="gunnel@example.net", choices=Choices(("news",), "weekly"), language="en")
    value = value_for()
    for forged in (value[:-2] + "xx", "garbled", signing.dumps({"e": "gunnel@example.net"})):
        for method in ("get", "post"):
            assert (
                "This link is not valid. Check that you copied the whole link from the e-mail, or subscribe again."
                in refused(client, forged, method)
            )
    assert Subscription.objects.get().confirmed_at is None


def test_an_ended_subscriptions_link_page(client):
    subscriptions.request_subscription(email="gunnel@example.net", choices=Choices(("news",), "weekly"), language="en")
    value = value_for()
    Subscription.objects.all().delete()
    assert "This subscription has ended, so there is nothing to confirm." in refused(client, value, "post")
    assert not Subscription.objects.exists()


def test_confirm_wrong_method(client):
    assert client.put(en("knowledge:subscription_confirm", value=value_for())).status_code == 405


def test_confirm_page_queries(client, theme, area, portfolio, django_assert_num_queries):
    subscriptions.request_subscription(email="gunnel@example.net", choices=Choices(("news",), "weekly"), language="en")
    with django_assert_num_queries(3):
        client.get(en("knowledge:subscription_confirm", value=value_for(choices=Choices(("news",), "weekly", (portfolio.pk,), (area.pk,)))))
    many_regions_and_portfolios(theme, area)
    from samverka.registry.models import Portfolio, Region

    everything = Choices(("news",), "weekly", tuple(Portfolio.objects.values_list("pk", flat=True)),
                         tuple(Region.objects.values_list("pk", flat=True)))
    with django_assert_num_queries(3):
        assert "Län 19" in page(client.get(en("knowledge:subscription_confirm", value=value_for(choices=everything))))


# --- Change by the secret link ----------------------------------------------------------------


def test_the_subscription_page_shows_and_saves_the_choices(client, make_subscription, portfolio):
    subscription = make_subscription(kinds=("news",), frequency="weekly")
    url = en("knowledge:subscription", token=subscription.token)
    body = page(client.get(url))
    assert "Mail goes to gunnel@example.net." in body and 'name="email"' not in body
    response = client.post(url, form_data(content_kinds=["result"], event_kinds=[], portfolios=[portfolio.pk],
                                          frequency="immediate"), follow=True)
    assert response.redirect_chain == [(url, 302)] and "Your subscription is saved." in page(response)
    assert Choices.of(Subscription.objects.get()) == Choices(("result",), "immediate", (portfolio.pk,), ())


def test_the_subscription_page_refuses_bad_input(client, make_subscription):
    subscription = make_subscription(kinds=("news",))
    response = client.post(en("knowledge:subscription", token=subscription.token), form_data(content_kinds=[], event_kinds=[]))
    assert response.status_code == 200
    assert "Choose at least one kind of news, knowledge or event to follow." in page(response)
    assert Subscription.objects.get().content_kinds == ["news"]


def test_an_unknown_token_is_404(client):
    assert client.get(en("knowledge:subscription", token=uuid.uuid4())).status_code == 404
    assert client.get("/en/prenumeration/not-a-token/").status_code == 404


def test_the_subscription_page_wrong_method(client, make_subscription):
    assert client.delete(en("knowledge:subscription", token=make_subscription().token)).status_code == 405


def test_subscription_page_queries(client, make_subscription, theme, area, portfolio, django_assert_num_queries):
    from samverka.registry.models import Portfolio, Region

    subscription = make_subscription(portfolios=[portfolio], regions=[area])
    url = en("knowledge:subscription", token=subscription.token)
    with django_assert_num_queries(5):
        client.get(url)
    many_regions_and_portfolios(theme, area)
    subscription.portfolios.set(Portfolio.objects.all())
    subscription.regions.set(Region.objects.all())
    with django_assert_num_queries(5):
        assert "Län 19" in page(client.get(url))


# --- Unsubscribe ------------------------------------------------------------------------------


def test_unsubscribe_get_only_asks(client, make_subscription):
    subscription = make_subscription()
    body = page(client.get(en("knowledge:unsubscribe", token=subscription.token)))
    assert "gunnel@example.net will get no more mail about news, knowledge and events." in body
    assert "<button type=\"submit\">Unsubscribe</button>" in body
    assert Subscription.objects.exists()


def test_unsubscribe_post_ends_the_subscription(client, make_subscription):
    subscription = make_subscription()
    body = page(client.post(en("knowledge:unsubscribe", token=subscription.token)))
    assert "<h1>You are unsubscribed</h1>" in body
    assert not Subscription.objects.exists()


def test_unsubscribing_twice_says_it_has_ended(client, make_subscription):
    token = make_subscription().token
    client.post(en("knowledge:unsubscribe", token=token))
    for method in ("get", "post"):
        response = getattr(client, method)(en("knowledge:unsubscribe", token=token))
        assert response.status_code == 200
        assert "There is no subscription behind this link: it has already ended." in page(response)


def test_a_signed_in_person_ends_their_subscription_from_the_subscribe_page(participant_client, participant):
    subscription = subscriptions.subscribe_person(person=participant, choices=Choices(("news",), "weekly"))
    participant_client.post(en("knowledge:unsubscribe", token=subscription.token))
    assert not Subscription.objects.exists()


def test_unsubscribe_wrong_method(client, make_subscription):
    assert client.put(en("knowledge:unsubscribe", token=make_subscription().token)).status_code == 405


def test_unsubscribe_queries(client, make_subscription, django_assert_num_queries):
    subscription = make_subscription()
    with django_assert_num_queries(1):
        client.get(en("knowledge:unsubscribe", token=subscription.token))


# --- Links to subscribing ---------------------------------------------------------------------


def test_the_footer_and_the_profile_link_to_subscribing(client, participant_client):
    link = f'href="{en("knowledge:subscribe")}"'
    assert link in page(client.get("/en/"))
    assert link in page(participant_client.get(en("accounts:profile")))


def test_the_old_unconfirmed_row_does_not_block_a_new_request(client, make_subscription):
    row = make_subscription(confirmed_at=None)
    Subscription.objects.filter(pk=row.pk).update(created_at=timezone.now() - datetime.timedelta(days=6))
    client.post(en("knowledge:subscribe"), form_data(email="gunnel@example.net"))
    assert Subscription.objects.get().created_at > timezone.now() - datetime.timedelta(minutes=1)


def test_every_mistake_is_named_at_once(client):
    body = bad(client, email="", content_kinds=[], event_kinds=[])
    assert 'id="id_email_error">This field is required.' in body
    assert 'id="id_content_kinds_error">Choose at least one kind of news, knowledge or event to follow.' in body
