"""Cooperation between projects: what a project wants to cooperate on, and one project asking
another. Workflows are keyword-only and list their side effects; the reads for the pages are
at the end.

A request goes by mail to the other project's leaders, with the sender's address as Reply-To:
the answer is between the two people, and no page ever shows an address.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka import emails
from samverka.registry.models import Project, ProjectRole
from samverka.registry.rules import is_project_member

from . import related
from .models import CooperationRequest, CooperationWish
from .rules import can_manage_wishes
from .similarity import PROJECT

REQUESTS_PER_DAY = 5  # per person, over the last 24 hours
DAY = datetime.timedelta(days=1)


# --- Wishes -------------------------------------------------------------------------------------


def add_wish(*, project: Project, person, text: str) -> CooperationWish:
    """State what ``project`` wants to cooperate on (members and coordinators; else PermissionDenied).

    Side effects: creates an active CooperationWish; its project's related lists are refreshed
    after commit (the wish is part of the project's text).
    """
    if not can_manage_wishes(person, project):
        raise PermissionDenied
    return CooperationWish.objects.create(project=project, text=text.strip(), created_by=person)


def edit_wish(*, wish: CooperationWish, person, text: str, active: bool) -> CooperationWish:
    """Change a wish's text, or close it (``active=False``) once the project has found partners.

    Side effects: updates the wish; its project's related lists are refreshed after commit.
    """
    if not can_manage_wishes(person, wish.project):
        raise PermissionDenied
    wish.text = text.strip()
    wish.active = active
    wish.save(update_fields=["text", "active", "updated_at"])
    return wish


def close_wish(*, wish: CooperationWish, person) -> CooperationWish:
    """Mark a wish as no longer looking. Side effects: as ``edit_wish``."""
    return edit_wish(wish=wish, person=person, text=wish.text, active=False)


# --- Asking to cooperate ------------------------------------------------------------------------


def leaders(project: Project):
    """The people who receive a project's requests: its leaders."""
    return [
        role.person
        for role in ProjectRole.objects.filter(project=project, role=ProjectRole.Role.LEADER, person__is_active=True)
        .select_related("person")
        .order_by("person__email")
    ]


def ask_to_cooperate(
    *, from_project: Project, to_project: Project, person, message: str, now=None
) -> CooperationRequest:
    """``person``, a member of ``from_project``, asks ``to_project`` to cooperate.

    Raises PermissionDenied when the person is no member of ``from_project``, and ValidationError
    (nothing saved) when the two projects are one, the person has sent ``REQUESTS_PER_DAY``
    requests in the last 24 hours, the same project asked the same project in that time, or
    ``to_project`` has no leader to receive it.

    Side effects: creates a CooperationRequest (tied to ``to_project``'s newest active wish, if
    any); after commit, a task mails it to each leader of
    ``to_project`` in their language, with the sender's address as Reply-To.
    """
    now = now or timezone.now()
    if from_project.pk == to_project.pk:
        raise ValidationError(_("A project cannot ask itself to cooperate."), code="own_project")
    if not is_project_member(person, from_project):
        raise PermissionDenied
    sent = CooperationRequest.objects.filter(sent_by=person, created_at__gte=now - DAY)
    if sent.count() >= REQUESTS_PER_DAY:
        raise ValidationError(
            ngettext(
                "You have sent %(count)d request to cooperate in the last 24 hours, which is the limit. "
                "Please try again tomorrow.",
                "You have sent %(count)d requests to cooperate in the last 24 hours, which is the limit. "
                "Please try again tomorrow.",
                REQUESTS_PER_DAY,
            )
            % {"count": REQUESTS_PER_DAY},
            code="daily_limit",
        )
    if CooperationRequest.objects.filter(from_project=from_project, to_project=to_project, created_at__gte=now - DAY).exists():
        raise ValidationError(
            _("%(project)s has already asked this project to cooperate today.") % {"project": from_project.title},
            code="already_asked",
        )
    if not leaders(to_project):
        raise ValidationError(
            _("This project does not yet have a project leader on Samverka who can receive your request."), code="no_leader"
        )
    # The request answers the project's newest open wish, if it has one.
    wish = to_project.cooperation_wishes.filter(active=True).order_by("-created_at", "-id").first()
    request = CooperationRequest.objects.create(
        from_project=from_project, to_project=to_project, wish=wish, message=message.strip(), sent_by=person
    )
    from .tasks import send_cooperation_request

    request_id = request.pk
    transaction.on_commit(lambda: send_cooperation_request.enqueue(request_id))
    return request


def send_request_mail(*, request: CooperationRequest) -> int:
    """Mail a request to each leader of the project asked; returns the number of mails sent.

    Side effects: one multipart e-mail per leader, in the leader's language, with Reply-To set to
    the sender (nothing is sent when the sender has been erased since), each recorded as sent by
    request and leader: a second run of the task sends only to leaders not yet mailed.
    """
    sender = request.sent_by
    if sender is None or not sender.email:
        return 0
    sent = 0
    for leader in leaders(request.to_project):
        language = leader.language or settings.LANGUAGE_CODE
        with translation.override(language):
            links = {
                "from_link": settings.SITE_URL + reverse("registry:project", kwargs={"pk": request.from_project_id}),
                "matching_link": settings.SITE_URL
                + reverse("knowledge:cooperation_matching", kwargs={"pk": request.to_project_id}),
            }
        sent += emails.send(
            "knowledge_cooperation_request",
            to=[leader.email],
            reply_to=[sender.email],
            language=language,
            context={"request": request, "sender": sender, "leader": leader, **links},
            once=emails.message_id("cooperation-request", request.pk, leader.pk),
        )
    return sent


# --- Reads for the pages ------------------------------------------------------------------------


def active_wishes():
    """Every active wish with its project, newest first."""
    return CooperationWish.objects.filter(active=True).select_related("project__portfolio", "project__area")


def candidates(project: Project) -> list[related.Neighbour]:
    """The stored projects like this one, each with its own active wishes (``object.wishes``):
    three queries, however many there are."""
    lists = related.related_to(PROJECT, project.pk, items=0)
    ids = [neighbour.object.pk for neighbour in lists.projects]
    wishes: dict[int, list[CooperationWish]] = {}
    for wish in CooperationWish.objects.filter(project_id__in=ids, active=True).order_by("-created_at", "-id"):
        wishes.setdefault(wish.project_id, []).append(wish)
    for neighbour in lists.projects:
        neighbour.object.wishes = wishes.get(neighbour.object.pk, [])
    return lists.projects


def own_project_ids(person) -> set[int]:
    """The projects ``person`` has a role on (none for a visitor)."""
    if not getattr(person, "is_authenticated", False):
        return set()
    return set(ProjectRole.objects.editors().filter(person=person).values_list("project_id", flat=True))


def own_projects(person, *, other_than: Project):
    """The projects ``person`` can ask from: their own, except the one asked."""
    return (
        Project.objects.filter(roles__person=person, roles__role__in=ProjectRole.EDITING_ROLES)
        .exclude(pk=other_than.pk)
        .distinct()
        .order_by("title")
    )

