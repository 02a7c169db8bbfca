"""Invitations: the coordinator's page (invite, follow up, retry) and the invited person's links.

Each view reads top to bottom: method and login, the access gate, the form, the service, the
answer. Everything is a plain form POST and a redirect; no JavaScript.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.accounts.models import Audience
from samverka.registry.models import Portfolio

from . import invitations
from .models import Event, Invitation
from .rules import can_invite


def get_event_for_invitations(request, pk: int) -> Event:
    """The event whose invitations this person may manage: 404 if none, 403 if not a coordinator."""
    event = get_object_or_404(Event, pk=pk)
    if not can_invite(request.user, event):
        raise PermissionDenied
    return event


def get_invitation(token: str) -> Invitation:
    """The invitation behind a link: 404 for an unknown token."""
    return get_object_or_404(Invitation.objects.select_related("event"), token=token)


class InviteForm(forms.Form):
    portfolios = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Leaders of the projects in these portfolios"),
        queryset=Portfolio.objects.order_by("order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audiences = forms.ModelMultipleChoiceField(
        label=gettext_lazy("People with these audience tags"),
        queryset=Audience.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    addresses = forms.CharField(
        label=gettext_lazy("E-mail addresses"),
        help_text=gettext_lazy("One address per line, or separated by commas. Duplicates are merged."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_addresses(self):
        return invitations.parse_addresses(self.cleaned_data["addresses"])

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("portfolios") or cleaned.get("audiences") or cleaned.get("addresses")):
            raise ValidationError(_("Choose portfolios, audiences or addresses to invite."))
        return cleaned


def _page(request, event, form, status=200):
    listed = list(event.invitations.select_related("person", "project").order_by("status", "email"))
    counts = invitations.status_counts(event)
    return render(
        request,
        "meetings/invitations/page.html",
        {
            "event": event,
            "form": form,
            "invitations": listed,
            "counts": [(value, label, counts[value]) for value, label in Invitation.Status.choices],
            "total": sum(counts.values()),
            "failed": [i for i in listed if i.status == Invitation.Status.FAILED],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitations_page(request, pk: int):
    """GET: the invite form and the list of invitations. POST: invite, then back to the list."""
    event = get_event_for_invitations(request, pk)
    if request.method == "POST":
        form = InviteForm(request.POST)
        if form.is_valid():
            created = invitations.invite(
                event=event,
                portfolios=form.cleaned_data["portfolios"],
                audiences=form.cleaned_data["audiences"],
                addresses=form.cleaned_data["addresses"],
                invited_by=request.user,
            )
            if created:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d invitation is on its way.", "%(count)d invitations are on their way.", len(created)
                    )
                    % {"count": len(created)},
                )
            else:
                messages.info(request, _("Everyone chosen has already been invited; no new invitations."))
            return redirect("meetings:invitations", pk=event.pk)
        return _page(request, event, form)
    form = InviteForm(
        initial={"portfolios": list(event.invited_portfolios.all()), "audiences": list(event.invited_audiences.all())}
    )
    return _page(request, event, form)


@login_required
@require_POST
def invitations_retry(request, pk: int):
    """Send failed (or stuck) invitations again: one, when the form names it, or all."""
    event = get_event_for_invitations(request, pk)
    ids = [int(value) for value in request.POST.getlist("invitation") if value.isdigit()] or None
    count = invitations.retry_invitations(event=event, ids=ids)
    messages.success(
        request,
        ngettext("%(count)d invitation will be sent again.", "%(count)d invitations will be sent again.", count)
        % {"count": count},
    )
    return redirect("meetings:invitations", pk=event.pk)


def _event_page(event) -> str:
    try:
        return reverse("meetings:event", kwargs={"pk": event.pk})
    except NoReverseMatch:  # the event page's route is not there yet
        return f"/traffar/{event.pk}/"


@require_GET
def invitation_open(request, token: str):
    """The link in the invitation: marks it opened and leads to the event page's registration."""
    invitation = get_invitation(token)
    invitations.mark_opened(invitation=invitation)
    return redirect(_event_page(invitation.event) + "#registration")


@require_http_methods(["GET", "POST"])
def invitation_decline(request, token: str):
    """GET: ask to confirm (a link alone changes nothing: mail scanners follow links). POST: decline."""
    invitation = get_invitation(token)
    if request.method == "POST":
        invitations.decline(invitation=invitation)
        return render(request, "meetings/invitations/declined.html", {"invitation": invitation, "event": invitation.event})
    return render(request, "meetings/invitations/decline.html", {"invitation": invitation, "event": invitation.event})
