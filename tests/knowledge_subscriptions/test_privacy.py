"""A person's subscription is in their data download, and goes when they are erased."""

import json

import pytest
from django.urls import reverse

from samverka.accounts import privacy
from samverka.accounts.services import erase_person
from samverka.knowledge import subscriptions
from samverka.knowledge.models import Delivery, Subscription
from samverka.knowledge.subscriptions import Choices

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_subscription_and_what_was_sent(participant_client, participant, portfolio, county):
    subscription = subscriptions.subscribe_person(
        person=participant, choices=Choices(("news", "event:webinar"), "immediate", (portfolio.pk,), (county.pk,))
    )
    Delivery.objects.create(subscription=subscription, source="news", object_id=7, status=Delivery.Status.SENT)
    data = json.loads(participant_client.get(reverse("accounts:download_data")).content)
    [exported] = data["subscription"]
    assert exported["email"] == "petra@example.org"
    assert exported["frequency"] == "immediate"
    assert exported["content_kinds"] == ["news", "event:webinar"]
    assert exported["portfolios"] == ["Förnybar energi"] and exported["regions"] == ["Norrbottens län"]
    assert exported["confirmed_at"] is not None
    assert exported["deliveries"] == [
        {"source": "news", "object_id": 7, "status": "sent", "digest": False, "sent_at": None}
    ]


def test_a_subscription_made_as_a_visitor_for_the_address_is_in_the_download(participant, make_subscription):
    make_subscription(email="petra@example.org")
    make_subscription(email="someone.else@example.net")
    assert [part["email"] for part in privacy.export_person(participant)["subscription"]] == ["petra@example.org"]


def test_nothing_to_export_without_a_subscription(participant):
    assert privacy.export_person(participant)["subscription"] == []


def test_erasure_deletes_the_subscription_and_its_deliveries(participant, make_subscription):
    own = subscriptions.subscribe_person(person=participant, choices=Choices(("news",), "weekly"))
    Delivery.objects.create(subscription=own, source="news", object_id=7)
    other = make_subscription(email="someone.else@example.net")
    erase_person(person=participant)
    assert list(Subscription.objects.all()) == [other]
    assert not Delivery.objects.exists()
