"""The coordinator's pages for an event: copy it, repeat it as a series, split the discussion
groups, upload attachments; and the note-taker's page for a group's notes.

Each view reads top to bottom: login and method, the access gate, the form, the workflow (in
organise.py, groups.py, attachments.py), the answer. The event itself is edited in the admin.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from . import attachments, groups, organise
from .models import DiscussionGroup, Event, Registration
from .organise_forms import AttachmentForm, CopyForm, GroupForm, MoveForm, NotesForm, SeriesForm, SplitForm
from .rules import can_edit_group_notes, can_organise


def get_event_for_organising(request, pk: int) -> Event:
    """The event, for a coordinator: 403 for anyone else, 404 if there is no such event."""
    if not can_organise(request.user):
        raise PermissionDenied
    return get_object_or_404(Event, pk=pk)


def get_group_for_notes(request, pk: int, number: int) -> DiscussionGroup:
    """The group whose notes this person may edit (its note-taker or a coordinator): 404/403."""
    group = get_object_or_404(
        DiscussionGroup.objects.select_related("event", "note_taker"), event_id=pk, number=number
    )
    if not can_edit_group_notes(request.user, group):
        raise PermissionDenied
    return group


def _admin_change_url(event: Event) -> str:
    return reverse("admin:meetings_event_change", args=[event.pk])


@login_required
@require_http_methods(["GET", "POST"])
def copy_event(request, pk: int):
    event = get_event_for_organising(request, pk)
    start = timezone.localtime(event.starts_at)
    initial = {"date": start.date() + datetime.timedelta(weeks=1), "time": start.time().replace(second=0, microsecond=0)}
    form = CopyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        copy = organise.copy_event(event=event, starts=form.starts(), created_by=request.user)
        messages.success(request, _("The copy is saved as a draft. Check it and publish it when it is ready."))
        return redirect(_admin_change_url(copy))
    return render(request, "meetings/organise/copy.html", {"event": event, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def create_series(request, pk: int):
    event = get_event_for_organising(request, pk)
    form = SeriesForm(request.POST or None, event=event)
    preview = []
    if request.method == "POST" and form.is_valid():
        starts = form.starts()
        if request.POST.get("action") == "create":
            series = organise.create_series(event=event, starts=starts, created_by=request.user)
            messages.success(
                request,
                ngettext(
                    "%(count)d draft was added to the series.", "%(count)d drafts were added to the series.", len(series) - 1
                )
                % {"count": len(series) - 1},
            )
            changelist = reverse("admin:meetings_event_changelist")
            return redirect(f"{changelist}?{urlencode({'series': event.series})}")
        # First the dates to look at; the button to create them comes with the list.
        length = event.ends_at - event.starts_at
        preview = [(timezone.make_aware(start), timezone.make_aware(start) + length) for start in starts]
    return render(request, "meetings/organise/series.html", {"event": event, "form": form, "preview": preview})


def _groups_of(event: Event) -> list[DiscussionGroup]:
    members = Registration.objects.select_related("project__portfolio").order_by("name", "email", "pk")
    return list(
        event.groups.select_related("note_taker").prefetch_related(Prefetch("members", queryset=members, to_attr="people"))
    )


def _group_forms(event_groups, bound_group=None, data=None):
    """A topic-and-note-taker form per group; the one just posted keeps its data and errors."""
    return [
        (
            group,
            GroupForm(
                data if group is bound_group else None, instance=group, members=group.people, prefix=f"group-{group.number}"
            ),
        )
        for group in event_groups
    ]


def _move_forms(event_groups):
    numbers = [group.number for group in event_groups]
    rows = []
    for group in event_groups:
        for person in group.people:
            form = MoveForm(initial={"registration": person.pk, "to": group.number}, numbers=numbers, prefix=f"move-{person.pk}")
            form.fields["to"].label = _("Move %(name)s to group") % {"name": person}
            rows.append((group, person, form))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def groups_page(request, pk: int):
    event = get_event_for_organising(request, pk)
    event_groups = _groups_of(event)
    action = request.POST.get("action")
    split_form = SplitForm(request.POST if action == "split" else None, has_groups=bool(event_groups))
    bound_group = None

    if action == "split" and split_form.is_valid():
        data = split_form.cleaned_data
        groups.split(
            event=event, number_of_groups=data["number_of_groups"], strategy=data["strategy"], source=data["source"]
        )
        messages.success(request, _("The groups are made. Give each a topic and a note-taker."))
        return redirect("meetings:organise_groups", pk=event.pk)

    if action == "group":
        bound_group = next((g for g in event_groups if str(g.number) == request.POST.get("group")), None)
        if bound_group is None:
            raise PermissionDenied
        form = GroupForm(request.POST, instance=bound_group, members=bound_group.people, prefix=f"group-{bound_group.number}")
        if form.is_valid():
            form.save()
            messages.success(request, _("Group %(number)d is saved.") % {"number": bound_group.number})
            return redirect("meetings:organise_groups", pk=event.pk)

    if action == "move":
        person_pk = request.POST.get("registration", "")
        prefix = f"move-{person_pk}" if person_pk.isdigit() else "move"
        numbers = [group.number for group in event_groups]
        move_form = MoveForm(request.POST, numbers=numbers, prefix=prefix)
        members = {person.pk: person for group in event_groups for person in group.people}
        if move_form.is_valid() and move_form.cleaned_data["registration"] in members:
            person = members[move_form.cleaned_data["registration"]]
            to = next(group for group in event_groups if group.number == move_form.cleaned_data["to"])
            groups.move(registration=person, to=to)
            messages.success(request, _("%(name)s is now in group %(number)d.") % {"name": person, "number": to.number})
            return redirect("meetings:organise_groups", pk=event.pk)
        messages.error(request, _("Nobody was moved: choose a person and a group of this event."))

    return render(
        request,
        "meetings/organise/groups.html",
        {
            "event": event,
            "split_form": split_form,
            "group_forms": _group_forms(event_groups, bound_group, request.POST if bound_group else None),
            "move_rows": _move_forms(event_groups),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_notes(request, pk: int, number: int):
    group = get_group_for_notes(request, pk, number)
    form = NotesForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        groups.save_notes(group=group, notes=form.cleaned_data["notes"])
        messages.success(request, _("The notes are saved."))
        return redirect("meetings:organise_group_notes", pk=pk, number=number)
    return render(request, "meetings/organise/group_notes.html", {"event": group.event, "group": group, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def attachments_page(request, pk: int):
    event = get_event_for_organising(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            attachment = attachments.add_attachment(event=event, title=data["title"], kind=data["kind"], file=data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("%(title)s is attached.") % {"title": attachment.title})
            return redirect("meetings:organise_attachments", pk=event.pk)
    return render(
        request,
        "meetings/organise/attachments.html",
        {"event": event, "form": form, "attachments": event.attachments.all()},
    )
