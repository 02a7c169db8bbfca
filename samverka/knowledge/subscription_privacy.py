"""A person's subscription in their data download, and its erasure (registered in apps.py).

The subscription is the person's own, or the one made for their address before they had an
account; erasure deletes it with its delivery records (they only say what was sent to whom).
"""

from django.db.models import Q

from samverka.accounts import privacy

from .models import Subscription
from .subscriptions import normalise_email


def _subscriptions_of(person):
    return Subscription.objects.filter(Q(person=person) | Q(email=normalise_email(person.email)))


def _when(value):
    return value.isoformat() if value else None


@privacy.exporter("subscription")
def export(person):
    """The address, choices, confirmation and every item mailed (source, id, status, when)."""
    return [
        {
            "email": subscription.email,
            "language": subscription.language,
            "frequency": subscription.frequency,
            "content_kinds": list(subscription.content_kinds),
            "portfolios": [portfolio.name for portfolio in subscription.portfolios.all()],
            "regions": [region.name for region in subscription.regions.all()],
            "created_at": _when(subscription.created_at),
            "confirmed_at": _when(subscription.confirmed_at),
            "last_digest_at": _when(subscription.last_digest_at),
            "deliveries": [
                {
                    "source": delivery.source,
                    "object_id": delivery.object_id,
                    "status": delivery.status,
                    "digest": delivery.digest,
                    "sent_at": _when(delivery.sent_at),
                }
                for delivery in subscription.deliveries.order_by("created_at", "pk")
            ],
        }
        for subscription in _subscriptions_of(person).prefetch_related("portfolios", "regions").order_by("pk")
    ]


@privacy.eraser
def erase(person):
    """Side effects: the person's subscription (and one for their address) is deleted with its
    delivery records."""
    _subscriptions_of(person).delete()
