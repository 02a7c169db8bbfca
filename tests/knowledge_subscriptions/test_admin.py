"""The back office: coordinators see subscriptions and deliveries, and resend a stuck delivery."""

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.knowledge.models import Delivery

pytestmark = pytest.mark.django_db


def test_coordinators_see_subscriptions_and_deliveries(coordinator_client, make_subscription):
    subscription = make_subscription()
    Delivery.objects.create(subscription=subscription, source="news", object_id=1)
    for name in ("subscription", "delivery"):
        response = coordinator_client.get(reverse(f"admin:knowledge_{name}_changelist"))
        assert response.status_code == 200 and "gunnel@example.net" in response.content.decode()
    assert coordinator_client.get(reverse("admin:knowledge_subscription_add")).status_code == 403


def test_others_do_not(participant_client):
    response = participant_client.get(reverse("admin:knowledge_subscription_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_send_again_turns_only_stuck_rows_into_failed_ones(coordinator_client, make_subscription):
    subscription = make_subscription()
    stuck = Delivery.objects.create(subscription=subscription, source="news", object_id=1, status="queued")
    sent = Delivery.objects.create(subscription=subscription, source="news", object_id=2, status="sent")
    coordinator_client.post(
        reverse("admin:knowledge_delivery_changelist"),
        {"action": "send_again", "_selected_action": [stuck.pk, sent.pk]},
    )
    assert dict(Delivery.objects.values_list("pk", "status")) == {stuck.pk: "failed", sent.pk: "sent"}


@pytest.mark.parametrize(
    ("language", "stuck", "message"),
    [
        ("en", 1, "1 delivery will be sent again in the next run."),
        ("en", 2, "2 deliveries will be sent again in the next run."),
        ("sv", 1, "1 utskick skickas igen vid nästa körning."),
        ("sv", 2, "2 utskick skickas igen vid nästa körning."),
    ],
)
def test_send_again_says_how_many_in_each_language(coordinator_client, make_subscription, language, stuck, message):
    subscription = make_subscription()
    rows = [
        Delivery.objects.create(subscription=subscription, source="news", object_id=n, status="queued")
        for n in range(1, stuck + 1)
    ]
    with translation.override(language):
        changelist = reverse("admin:knowledge_delivery_changelist")
    response = coordinator_client.post(
        changelist, {"action": "send_again", "_selected_action": [row.pk for row in rows]}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [message]
