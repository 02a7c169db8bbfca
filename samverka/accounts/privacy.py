"""What Samverka holds about a person, gathered from every app; and how each app forgets them.

Each app registers, usually in its ``AppConfig.ready()``:

    from samverka.accounts import privacy

    @privacy.exporter("registrations")
    def registrations(person):
        return [{"event": r.event.title, "status": r.status} for r in person.registrations.all()]

    @privacy.eraser
    def forget_notes(person):
        person.group_notes.update(author_name="")

An exporter returns plain JSON-able data (its key in the download is the name given); an
eraser removes or anonymises the app's own rows for the person, keeping rows that only count
(attendance, votes) so totals survive. ``erase_person`` in services.py calls every eraser.
"""

from collections.abc import Callable

_exporters: dict[str, Callable] = {}
_erasers: list[Callable] = []


def exporter(name: str) -> Callable:
    """Register ``func(person) -> data`` as the part ``name`` of a person's data download."""

    def register(func: Callable) -> Callable:
        _exporters[name] = func
        return func

    return register


def eraser(func: Callable) -> Callable:
    """Register ``func(person)`` to run, inside the erasure's transaction, when a person is erased."""
    if func not in _erasers:
        _erasers.append(func)
    return func


def export_person(person) -> dict:
    """All registered parts of the person's data, keyed by exporter name (in registration order)."""
    return {name: func(person) for name, func in _exporters.items()}


def run_erasers(person) -> None:
    for func in _erasers:
        func(person)


def _when(value):
    return value.isoformat() if value else None


@exporter("profile")
def profile(person):
    return {
        "email": person.email,
        "name": person.name,
        "phone": person.phone,
        "organisation": person.organisation_name,
        "job_title": person.title,
        "language": person.language,
        "coordinator": person.is_staff,
        "date_joined": _when(person.date_joined),
        "last_login": _when(person.last_login),
        "audiences": [audience.code for audience in person.audiences.all()],
    }


@exporter("email_addresses")
def email_addresses(person):
    from allauth.account.models import EmailAddress

    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=person).order_by("email")
    ]


@exporter("project_roles")
def project_roles(person):
    return [
        {
            "project": role.project.title,
            "case_number": role.project.case_number,
            "role": role.role,
        }
        for role in person.project_roles.select_related("project").order_by("project__title")
    ]


def _invitation(invitation):
    return {
        "email": invitation.email,
        "name": invitation.name,
        "audiences": [audience.code for audience in invitation.audiences.all()],
        "project": invitation.project.title if invitation.project else None,
        "role": invitation.role,
        "created_at": _when(invitation.created_at),
        "sent_at": _when(invitation.sent_at),
        "accepted_at": _when(invitation.accepted_at),
    }


@exporter("invitations_received")
def invitations_received(person):
    from django.db.models import Q

    from .models import Invitation

    received = Invitation.objects.for_list().filter(Q(accepted_by=person) | Q(email__iexact=person.email))
    return [_invitation(invitation) for invitation in received]


@exporter("invitations_sent")
def invitations_sent(person):
    from .models import Invitation

    return [_invitation(invitation) for invitation in Invitation.objects.for_list().filter(invited_by=person)]
