"""The knowledge app's background tasks: thin, they take ids, fetch again and call the workflow."""

from django_tasks import task  # noqa: F401 — each area adds its tasks below


# --- Projects like yours (related.py) ---------------------------------------------------------


@task()
def refresh_related(source: str, object_id: int) -> int:
    """Redo one project's or knowledge item's related lists after its text changed."""
    from .related import refresh_source

    return refresh_source(source=source, object_id=object_id)


@task()
def send_cooperation_request(request_id: int) -> int:
    """Mail one project's request to cooperate to the leaders of the project it asks."""
    from .cooperation import send_request_mail
    from .models import CooperationRequest

    request = (
        CooperationRequest.objects.select_related("from_project", "to_project", "sent_by", "wish")
        .filter(pk=request_id)
        .first()
    )
    return send_request_mail(request=request) if request else 0


# --- Subscriptions (subscription_mails.py) ----------------------------------------------------


@task()
def deliver_subscription_item(*, source: str, object_id: int) -> int:
    """Mail a newly published item to its immediate subscribers; queue it for the digests."""
    from .subscription_mails import deliver_item

    return deliver_item(source=source, object_id=object_id).sent


@task()
def send_subscription_confirmation(*, subscription_id: int, choices: dict, language: str, stamp: int | None = None) -> None:
    """Mail the confirmation link for a visitor's choices (gone if the row was deleted meanwhile),
    once per ``stamp`` (the time of asking)."""
    from .models import Subscription
    from .subscription_mails import send_confirmation
    from .subscriptions import Choices

    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is not None:
        send_confirmation(subscription=subscription, choices=Choices.from_data(choices), language=language, stamp=stamp)


@task()
def refresh_all_related() -> int:
    """Rebuild every related list (after a large import)."""
    from .related import refresh_all

    return refresh_all().rows
