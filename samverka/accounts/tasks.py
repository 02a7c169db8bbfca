"""Background work for accounts: thin tasks that take ids, fetch again and call a service."""

from django_tasks import task

from .models import Invitation


@task()
def send_invitation_task(*, invitation_id: int):
    invitation = Invitation.objects.select_related("invited_by", "project").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at:
        return  # withdrawn or already accepted while queued
    from .services import send_invitation

    send_invitation(invitation=invitation)
