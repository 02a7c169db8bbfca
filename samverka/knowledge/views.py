"""The knowledge bank's pages: the list with its filters, an item's page, and the form where
project members and coordinators write, publish and attach files to items.

Each view reads top to bottom: method and login, the access gate, the form, the workflow
(services.py), the answer. Everything works without JavaScript: plain forms, POST, redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.meetings.models import DiscussionGroup

from . import related, selectors, services
from .forms import AttachmentForm, ItemFilterForm, KnowledgeItemForm, event_choices
from .models import Attachment, KnowledgeItem
from .rules import can_edit_item, can_read_group_notes, can_see_item, can_write_items
from .similarity import KNOWLEDGE

# --- Access gates -------------------------------------------------------------------------------


def get_item_for_page(request, pk: int) -> KnowledgeItem:
    """The item with what its page shows; 404 if there is none, or if it is a draft this person
    may not edit (a draft's existence is not told)."""
    item = selectors.item_for_page(pk).first()
    if item is None or not can_see_item(request.user, item):
        raise Http404
    return item


def get_item_for_editing(request, pk: int) -> KnowledgeItem:
    """The item this person may edit: 404 if there is none or it is a draft they may not see,
    403 if it is published but not theirs to edit."""
    item = get_object_or_404(KnowledgeItem, pk=pk)
    if not can_edit_item(request.user, item):
        if item.status == KnowledgeItem.Status.DRAFT:
            raise Http404
        raise PermissionDenied
    return item


def get_group_to_start_from(request, group_id: str | None) -> DiscussionGroup | None:
    """The discussion group whose notes a new item starts from (``?grupp=<id>``): 404 if there is
    none, 403 if this person may not read its notes."""
    if not group_id:
        return None
    if not group_id.isdigit():
        raise Http404
    group = get_object_or_404(DiscussionGroup.objects.select_related("event", "note_taker"), pk=int(group_id))
    if not can_read_group_notes(request.user, group):
        raise PermissionDenied
    return group


# --- Pages --------------------------------------------------------------------------------------


@require_GET
def item_list(request):
    form = ItemFilterForm(request.GET or None)
    items = selectors.items_for_list(**form.filters())
    page = selectors.page_of(items, request.GET.get("page"), per_page=selectors.ITEMS_PER_PAGE)
    can_write = can_write_items(request.user)
    drafts = list(selectors.drafts_for(request.user)[: selectors.ITEMS_PER_PAGE]) if can_write else []
    return render(request, "knowledge/item_list.html", {
        "form": form, "page": page, "can_write": can_write, "drafts": drafts,
    })


@require_GET
def item_detail(request, pk: int):
    item = get_item_for_page(request, pk)
    return render(request, "knowledge/item_detail.html", {
        "item": item,
        "attachments": item.attachments.all(),
        "can_edit": can_edit_item(request.user, item),
        # Projects and items like this one, as stored by the similarity task (related.py).
        "related": related.related_to(KNOWLEDGE, item.pk),
    })


def _item_form(request, item, *, bound=True) -> KnowledgeItemForm:
    """The form for an existing item; its own events stay choosable even if they are drafts."""
    data = request.POST if bound and request.method == "POST" else None
    events = event_choices(also=item.events.values_list("pk", flat=True))
    return KnowledgeItemForm(data, instance=item, person=request.user, events=events)


def _edit_page(request, item, *, form, attachment_form=None, group=None):
    return render(request, "knowledge/item_form.html", {
        "item": item,
        "group": group,
        "form": form,
        "attachment_form": attachment_form or AttachmentForm(prefix="attachment"),
        "attachments": item.attachments.all() if item.pk else [],
    })


def _saved_message(item) -> str:
    if item.status == KnowledgeItem.Status.PUBLISHED:
        return _("The knowledge item is published.")
    return _("The knowledge item is saved as a draft. Only you and the other editors of its projects see it.")


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request):
    if not can_write_items(request.user):
        raise PermissionDenied
    group = get_group_to_start_from(request, request.GET.get("grupp"))
    initial = {}
    if group is not None:
        # A group's notes become the first draft of the item, linked to the group's event.
        topic = group.topic or _("group %(number)s") % {"number": group.number}
        initial = {"title": f"{group.event.title}: {topic}"[:200], "body": group.notes, "events": [group.event]}
    form = KnowledgeItemForm(
        request.POST or None, person=request.user, initial=initial,
        events=event_choices(also=[group.event_id] if group else []),
    )
    item = form.instance
    if request.method == "POST" and form.is_valid():
        item = services.save_item(
            item=form.save(commit=False),
            person=request.user,
            projects=form.cleaned_data["projects"],
            portfolios=form.cleaned_data["portfolios"],
            events=form.cleaned_data["events"],
            tags=form.cleaned_data["tags"],
            publish=request.POST.get("action") == "publish",
        )
        messages.success(request, _saved_message(item))
        # A draft stays on its edit page, where files can now be attached.
        if item.status == KnowledgeItem.Status.DRAFT:
            return redirect("knowledge:item_edit", pk=item.pk)
        return redirect(item)
    return _edit_page(request, item, form=form, group=group)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int):
    item = get_item_for_editing(request, pk)
    form = _item_form(request, item)
    if request.method == "POST" and form.is_valid():
        services.save_item(
            item=form.save(commit=False),
            person=request.user,
            projects=form.cleaned_data["projects"],
            portfolios=form.cleaned_data["portfolios"],
            events=form.cleaned_data["events"],
            tags=form.cleaned_data["tags"],
            publish=request.POST.get("action") == "publish",
        )
        messages.success(request, _saved_message(item))
        return redirect(item)
    return _edit_page(request, item, form=form)


@login_required
@require_POST
def attachment_add(request, pk: int):
    item = get_item_for_editing(request, pk)
    form = AttachmentForm(request.POST, request.FILES, prefix="attachment")
    if form.is_valid():
        try:
            data = form.cleaned_data
            attachment = services.add_attachment(owner=item, title=data["title"], file=data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("%(title)s is attached.") % {"title": attachment.title})
            return redirect("knowledge:item_edit", pk=item.pk)
    return _edit_page(request, item, form=_item_form(request, item, bound=False), attachment_form=form)


@login_required
@require_POST
def attachment_remove(request, pk: int, attachment_pk: int):
    item = get_item_for_editing(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, item=item)
    services.remove_attachment(attachment=attachment)
    messages.success(request, _("%(title)s is removed.") % {"title": attachment.title})
    return redirect("knowledge:item_edit", pk=item.pk)
