"""A person's own account pages, the coordinator's invitations, and privacy (download, erase).

Sign-in, sign-up, codes and password reset are django-allauth's views (see urls.py in
samverka/); their templates are overridden under templates/account/ and templates/allauth/.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from samverka.registry.models import Project

from . import privacy, services
from .forms import AcceptInvitationForm, EraseAccountForm, InviteForm, ProfileForm
from .models import Invitation, User
from .rules import can_invite

INVITATIONS_SHOWN = 100


def _coordinator_only(request):
    """Gate for the coordinator's pages: the view is already behind login_required."""
    if not can_invite(request.user):
        raise PermissionDenied


def _invitation_for_token(token):
    """The invitation with this token, or None when no invitation has it."""
    return Invitation.objects.select_related("project", "invited_by").filter(token=token).first()


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    person = request.user
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:profile")

    roles = person.project_roles.select_related("project").order_by("project__title")
    return render(request, "accounts/profile.html", {"form": form, "roles": roles})


@login_required
@require_http_methods(["GET", "POST"])
def invite(request):
    _coordinator_only(request)
    initial = {}
    if project_id := request.GET.get("project", "").strip():
        project = Project.objects.filter(pk=project_id).only("case_number").first() if project_id.isdigit() else None
        if project:
            initial["case_number"] = project.case_number
    form = InviteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitations = services.invite_people(
            invited_by=request.user,
            addresses=data["emails"],
            name=data["name"],
            audiences=data["audiences"],
            project=data["project"],
            role=data["role"],
        )
        if len(invitations) == 1:
            message = _("An invitation is on its way to %(email)s.") % {"email": invitations[0].email}
        else:
            message = ngettext(
                "Invitations are on their way to %(count)d address.",
                "Invitations are on their way to %(count)d addresses.",
                len(invitations),
            ) % {"count": len(invitations)}
        messages.success(request, message)
        return redirect("accounts:invite")

    invitations = Invitation.objects.for_list()[:INVITATIONS_SHOWN]
    return render(request, "accounts/invite.html", {"form": form, "invitations": invitations})


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = _invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", {"reason": "unknown"}, status=404)
    if invitation.accepted_at:
        return render(request, "accounts/invitation_invalid.html", {"reason": "used"}, status=410)

    if request.user.is_authenticated:
        # A signed-in person accepts for themselves, whichever address the mail went to.
        if request.method == "POST":
            services.accept_invitation(invitation=invitation, person=request.user)
            messages.success(request, _("You have accepted the invitation."))
            return redirect("accounts:profile")
        return render(request, "accounts/accept_invitation.html", {"invitation": invitation, "form": None})

    if User.objects.filter(email__iexact=invitation.email).exists():
        login_url = reverse("account_login") + "?" + urlencode({"next": request.path})
        return render(
            request,
            "accounts/accept_invitation.html",
            {"invitation": invitation, "form": None, "login_url": login_url},
        )

    form = AcceptInvitationForm(request.POST or None, email=invitation.email, initial={"name": invitation.name})
    if request.method == "POST" and form.is_valid():
        person = services.create_person_from_invitation(
            invitation=invitation, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
        )
        login(request, person, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(request, _("Welcome to %(site)s! Your account is ready.") % {"site": settings.SITE_NAME})
        return redirect("accounts:profile")
    return render(request, "accounts/accept_invitation.html", {"invitation": invitation, "form": form})


@login_required
@require_GET
def download_data(request):
    data = {
        "exported_at": timezone.now().isoformat(),
        "person_id": request.user.pk,
        **privacy.export_person(request.user),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="samverka-mina-uppgifter.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erase_account(request):
    form = EraseAccountForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        services.erase_person(person=request.user)
        logout(request)
        messages.success(request, _("Your account and your personal data are erased."))
        return redirect("registry:home")
    return render(request, "accounts/erase.html", {"form": form})
