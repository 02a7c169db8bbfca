"""Cooperation pages: who wants to cooperate, the partners a project could have, a project's
wishes (add, edit, close) and asking another project to cooperate.

Every view reads top to bottom: method and login, the access gate, the form, the workflow
(cooperation.py), the answer. Similarity is never computed here: the matching page reads the
lists stored by related.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.registry.models import Project

from . import cooperation
from .cooperation_forms import AskForm, WishEditForm, WishForm
from .models import CooperationWish
from .rules import can_ask_to_cooperate, can_manage_wishes

PER_PAGE = 50


# --- Access gates -------------------------------------------------------------------------------


def get_project_for_wishes(request, pk: int) -> Project:
    """The project whose wishes this person may manage: 404 if there is none, 403 if not theirs."""
    project = get_object_or_404(Project, pk=pk)
    if not can_manage_wishes(request.user, project):
        raise PermissionDenied
    return project


def get_wish_for_editing(request, pk: int) -> CooperationWish:
    wish = get_object_or_404(CooperationWish.objects.select_related("project"), pk=pk)
    if not can_manage_wishes(request.user, wish.project):
        raise PermissionDenied
    return wish


def get_project_to_ask(request, pk: int) -> Project:
    """The project this person may ask to cooperate: 404 if none, 403 without a project of their own."""
    project = get_object_or_404(Project, pk=pk)
    if not can_ask_to_cooperate(request.user, project):
        raise PermissionDenied
    return project


# --- Pages --------------------------------------------------------------------------------------


@require_GET
def wish_list(request):
    page = Paginator(cooperation.active_wishes(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "knowledge/cooperation/wish_list.html", {"page": page})


@require_GET
def matching(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("portfolio", "area"), pk=pk)
    candidates = cooperation.candidates(project)
    # A member of a project may ask any other project; the ask page checks again.
    own = cooperation.own_project_ids(request.user)
    for neighbour in candidates:
        neighbour.can_ask = bool(own - {neighbour.object.pk})
    return render(
        request,
        "knowledge/cooperation/matching.html",
        {
            "project": project,
            "wishes": list(project.cooperation_wishes.filter(active=True)),
            "candidates": candidates,
            "can_manage": can_manage_wishes(request.user, project),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def wish_add(request, pk: int):
    project = get_project_for_wishes(request, pk)
    form = WishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cooperation.add_wish(project=project, person=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your wish is published. Other projects can now find it."))
        return redirect("knowledge:cooperation_matching", pk=project.pk)
    return render(request, "knowledge/cooperation/wish_form.html", {"project": project, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def wish_edit(request, pk: int):
    wish = get_wish_for_editing(request, pk)
    form = WishEditForm(request.POST or None, instance=wish, initial={"active": wish.active})
    if request.method == "POST" and form.is_valid():
        cooperation.edit_wish(
            wish=wish, person=request.user, text=form.cleaned_data["text"], active=form.cleaned_data["active"]
        )
        messages.success(request, _("The wish is saved."))
        return redirect("knowledge:cooperation_matching", pk=wish.project_id)
    return render(request, "knowledge/cooperation/wish_form.html", {"project": wish.project, "wish": wish, "form": form})


@login_required
@require_POST
def wish_close(request, pk: int):
    wish = get_wish_for_editing(request, pk)
    cooperation.close_wish(wish=wish, person=request.user)
    messages.success(request, _("The wish is closed: the project no longer shows as looking for partners."))
    return redirect("knowledge:cooperation_matching", pk=wish.project_id)


@login_required
@require_http_methods(["GET", "POST"])
def ask(request, pk: int):
    project = get_project_to_ask(request, pk)
    form = AskForm(request.POST or None, projects=cooperation.own_projects(request.user, other_than=project))
    if request.method == "POST" and form.is_valid():
        try:
            cooperation.ask_to_cooperate(
                from_project=form.cleaned_data["from_project"],
                to_project=project,
                person=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your request is sent to the project's leaders. They will answer you by e-mail.")
            )
            return redirect(project)
    return render(request, "knowledge/cooperation/ask.html", {"project": project, "form": form})
