"""Workflows for people: invite, accept an invitation, erase an account."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from samverka import emails
from samverka.registry.models import ProjectRole

from . import privacy
from .models import Invitation, User


def invite_people(*, invited_by, addresses, name="", audiences=(), project=None, role="", language=None):
    """Create one invitation for each address and send their mails once the transaction commits.

    Side effects: creates Invitation rows (each with its own random token) carrying the audience
    tags and the project role; after commit, enqueues one ``send_invitation`` task per invitation.
    The mail goes out in the language of a person who already has an account, otherwise in
    ``language`` (by default the coordinator's current one). Returns the invitations in the
    order of ``addresses``.
    """
    from .tasks import send_invitation_task

    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    known = {email.lower(): lang for email, lang in User.objects.filter(email__in=addresses).values_list("email", "language")}
    invitations = []
    for address in addresses:
        invitation = Invitation.objects.create(
            email=address,
            name=name,
            invited_by=invited_by,
            project=project,
            role=role if project else "",
            language=known.get(address.lower(), language),
        )
        invitation.audiences.set(audiences)
        invitations.append(invitation)
    ids = [invitation.pk for invitation in invitations]
    transaction.on_commit(lambda: [send_invitation_task.enqueue(invitation_id=pk) for pk in ids])
    return invitations


def send_invitation(*, invitation):
    """Send the invitation mail with its accept link in the invitation's language.

    Side effects: one e-mail to ``invitation.email``, recorded as sent under the invitation's
    own key, so a second run of the task sends nothing (a new invitation is a new row and a
    new mail); sets ``sent_at``. Raises on SMTP errors, leaving ``sent_at`` empty so the
    coordinator's list shows it as not yet sent.
    """
    link = settings.SITE_URL + _accept_path(invitation)
    emails.send(
        "invitation",
        to=[invitation.email],
        context={"invitation": invitation, "link": link, "invited_by": invitation.invited_by},
        language=invitation.language,
        once=emails.message_id("account-invitation", invitation.pk, int(invitation.created_at.timestamp())),
    )
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])


def _accept_path(invitation):
    with translation.override(invitation.language):
        return reverse("accounts:accept_invitation", args=[invitation.token])


@transaction.atomic
def accept_invitation(*, invitation, person):
    """Give ``person`` what the invitation promises and mark it accepted.

    Side effects: adds the invitation's audience tags to the person; creates their role in the
    invitation's project (an existing role there is changed to the invited one); sets
    ``accepted_at`` and ``accepted_by``. Refuses (ValueError) an invitation already accepted.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValueError("This invitation has already been accepted.")
    person.audiences.add(*invitation.audiences.all())
    if invitation.project_id and invitation.role:
        ProjectRole.objects.update_or_create(
            project_id=invitation.project_id, person=person, defaults={"role": invitation.role}
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = person
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation


@transaction.atomic
def create_person_from_invitation(*, invitation, name, password):
    """Create the invited person's account and accept the invitation for them.

    Side effects: creates a User with the invitation's address, the given name and password and
    the invitation's language; records the address as verified and primary (the link in the mail
    proved it); then everything ``accept_invitation`` does.
    """
    person = User.objects.create_user(
        email=invitation.email, password=password, name=name, language=invitation.language
    )
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    accept_invitation(invitation=invitation, person=person)
    return person


def erased_email(person) -> str:
    return f"erased-{person.pk}@invalid"


@transaction.atomic
def erase_person(*, person):
    """Forget a person and keep the row, so anonymous counts (attendance, votes) survive.

    Side effects:
    - name, phone, organisation, job title emptied; e-mail replaced with ``erased-<id>@invalid``;
      password made unusable; ``is_active``, ``is_staff`` and ``is_superuser`` turned off;
      ``erased_at`` set;
    - audience tags, groups and permissions removed;
    - allauth's e-mail addresses deleted;
    - project roles deleted;
    - invitations sent to the person deleted; invitations they sent are kept (they hold other
      people's data, and the sender now shows as an erased person);
    - the admin's history of changes to the person loses their name;
    - every eraser registered in ``privacy`` runs (other apps anonymise their own rows);
    - all the person's sessions are deleted (the caller signs the current request out).
    """
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    old_email = person.email
    privacy.run_erasers(person)
    Invitation.objects.filter(Q(email__iexact=old_email) | Q(accepted_by=person)).delete()
    EmailAddress.objects.filter(user=person).delete()
    person.project_roles.all().delete()
    person.audiences.clear()
    person.groups.clear()
    person.user_permissions.clear()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk)
    ).update(object_repr="–", change_message="")
    person.name = person.phone = person.organisation_name = person.title = ""
    person.email = erased_email(person)
    person.set_unusable_password()
    person.is_active = person.is_staff = person.is_superuser = False
    person.erased_at = timezone.now()
    person.save()
    _delete_sessions(person)
    return person


def _delete_sessions(person):
    """Delete the person's sessions where they are stored in the database (the default)."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        # Other engines cannot be searched; the changed password hash ends those sessions anyway.
        return
    from django.contrib.sessions.models import Session

    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == str(person.pk)
    ]
    Session.objects.filter(pk__in=doomed).delete()
