"""The meetings' part of a person's data download, and how the meetings forget a person.

Registered with samverka.accounts.privacy when the app is ready (apps.py). Erasure keeps the
registration rows with their status and attendance, so the counts of who registered and how
many projects took part survive; only what points at the person goes.
"""

import json

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from samverka.accounts import privacy

from .models import DiscussionGroup, Invitation, ParticipantReport, Registration


def _when(value):
    return value.isoformat() if value else None


def _registrations_of(person):
    return Registration.objects.filter(Q(person=person) | Q(email__iexact=person.email))


def _invitations_of(person):
    return Invitation.objects.filter(Q(person=person) | Q(email__iexact=person.email))


@privacy.exporter("meetings")
def export(person):
    """Registrations, event invitations received, discussion groups and notes taken."""
    registrations = _registrations_of(person).select_related("event", "project").order_by("event__starts_at", "pk")
    invitations = _invitations_of(person).select_related("event", "project").order_by("event__starts_at", "pk")
    groups = (
        DiscussionGroup.objects.filter(members__in=_registrations_of(person))
        .select_related("event", "note_taker")
        .distinct()
        .order_by("event__starts_at", "number")
    )
    registration_ids = set(_registrations_of(person).values_list("pk", flat=True))
    return {
        "registrations": [
            {
                "event": registration.event.title,
                "starts_at": _when(registration.event.starts_at),
                "name": registration.name,
                "email": registration.email,
                "organisation": registration.organisation_name,
                "project": registration.project.title if registration.project else None,
                "status": registration.status,
                "attended": registration.attended,
                "attended_minutes": registration.attended_minutes,
                "consents_to_invitations": registration.consents_to_invitations,
                "language": registration.language,
                "registered_at": _when(registration.created_at),
                "cancelled_at": _when(registration.cancelled_at),
            }
            for registration in registrations
        ],
        "invitations_received": [
            {
                "event": invitation.event.title,
                "email": invitation.email,
                "project": invitation.project.title if invitation.project else None,
                "status": invitation.status,
                "sent_at": _when(invitation.sent_at),
                "opened_at": _when(invitation.opened_at),
                "answered_at": _when(invitation.answered_at),
            }
            for invitation in invitations
        ],
        "discussion_groups": [
            {
                "event": group.event.title,
                "group": group.number,
                "topic": group.topic,
                "note_taker": group.note_taker_id in registration_ids,
                # The notes are the person's own words only where they took them.
                "notes": group.notes if group.note_taker_id in registration_ids else None,
            }
            for group in groups
        ],
    }


def _placeholder(prefix):
    """``<prefix>-<pk>@invalid``, per row, in the UPDATE itself."""
    return Concat(Value(f"{prefix}-"), Cast("pk", output_field=CharField()), Value("@invalid"), output_field=CharField())


@privacy.eraser
def erase(person):
    """Anonymise the person's registrations and event invitations; keep status and attendance.

    Side effects: registrations lose name, organisation, the link to the person and the
    consent, their e-mail becomes ``erased-<pk>@invalid`` and ``erased_at`` is set; event
    invitations to them lose address (``erased-invitation-<pk>@invalid``), person and last
    error; unmatched rows of participant reports that name them are dropped.
    """
    email, name = person.email, person.name
    _registrations_of(person).update(
        person=None,
        name="",
        email=_placeholder("erased"),
        organisation_name="",
        consents_to_invitations=False,
        erased_at=timezone.now(),
    )
    _invitations_of(person).update(person=None, email=_placeholder("erased-invitation"), last_error="")
    _forget_in_reports(email=email, name=name)


def _forget_in_reports(*, email, name):
    """Participant reports keep the rows they could not match; drop those naming the person."""
    needles = [needle.casefold() for needle in (email, name) if needle]
    for report in ParticipantReport.objects.exclude(unmatched=[]):
        kept = [
            row for row in report.unmatched
            if not any(needle in json.dumps(row, ensure_ascii=False).casefold() for needle in needles)
        ]
        if kept != report.unmatched:
            report.unmatched = kept
            report.save(update_fields=["unmatched"])
