"""The coordinator's engagement page: which projects come to the events they are invited to."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET

from samverka.registry.forms import LocalisedChoiceField
from samverka.registry.models import Portfolio

from . import engagement
from .rules import can_see_engagement

PER_PAGE = 25


class EngagementFilterForm(forms.Form):
    portfolio = LocalisedChoiceField(
        label=_("Portfolio"),
        queryset=Portfolio.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=pgettext_lazy("filter", "All"),
    )

    def chosen_portfolio(self):
        return self.cleaned_data.get("portfolio") if self.is_bound and self.is_valid() else None


@login_required
@require_GET
def engagement_page(request):
    if not can_see_engagement(request.user):
        raise PermissionDenied
    form = EngagementFilterForm(request.GET or None)
    portfolio = form.chosen_portfolio()
    now = timezone.now()
    page = Paginator(engagement.project_engagement(portfolio=portfolio, now=now), PER_PAGE).get_page(
        request.GET.get("page")
    )
    never = Paginator(engagement.never_attended(portfolio=portfolio, now=now), PER_PAGE).get_page(
        request.GET.get("never_page")
    )
    return render(request, "meetings/engagement/engagement.html", {"form": form, "page": page, "never": never})
