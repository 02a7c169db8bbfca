"""The outcome page of a closed poll, for coordinators: omrostningar/<pk>/utfall/.

One form, two buttons: record the chosen topic (and a note), or also create a draft knowledge
webinar from it, which opens in the back office for review before publishing.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from samverka.accounts.rules import is_coordinator

from . import outcome
from .models import Poll, PollOption


class OutcomeForm(forms.Form):
    option = forms.ModelChoiceField(
        queryset=PollOption.objects.none(), label=gettext_lazy("Chosen topic"), widget=forms.RadioSelect, empty_label=None
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Why this topic was chosen, or what happens next. Shown with the results."),
    )
    invite_voters = forms.BooleanField(
        label=gettext_lazy("Invite everyone who voted for this option"), required=False,
        help_text=gettext_lazy("Only in polls that are not anonymous. Used with “Create webinar from the winning option”."),
    )

    def __init__(self, *args, options, poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.fields["option"].queryset = PollOption.objects.filter(poll=poll, status=PollOption.Status.APPROVED)
        self.fields["option"].choices = [(option.pk, option.title) for option in options]


def get_poll_for_outcome(request, pk: int) -> Poll:
    """The poll whose outcome this person may record: 404 if none, 403 if not a coordinator."""
    poll = get_object_or_404(Poll.objects.select_related("outcome_option", "outcome_event"), pk=pk)
    if not is_coordinator(request.user):
        raise PermissionDenied
    return poll


@login_required
@require_http_methods(["GET", "POST"])
def poll_outcome(request, pk: int):
    poll = get_poll_for_outcome(request, pk)
    options = list(PollOption.objects.filter(poll=poll, status=PollOption.Status.APPROVED).order_by("order", "pk"))
    result = outcome.count(poll=poll, options=options) if options else None
    leading = result.winners[0] if result and result.winners else None
    chosen = poll.outcome_option_id or leading
    scores = [(option, result.scores.get(option.pk, 0), option.pk in result.winners) for option in options] if result else []
    form = OutcomeForm(request.POST or None, options=options, poll=poll, initial={"option": chosen, "note": poll.outcome_note})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # a refused webinar leaves the recorded outcome as it was
                outcome.record_outcome(poll=poll, option=data["option"], note=data["note"], by=request.user)
                if request.POST.get("action") == "webinar":
                    event = outcome.create_webinar_from_option(
                        poll=poll, option=data["option"], invite_voters=data["invite_voters"], by=request.user
                    )
            if request.POST.get("action") == "webinar":
                messages.success(request, _("The webinar is saved as a draft. Check it and publish it when it is ready."))
                return redirect(reverse("admin:meetings_event_change", args=[event.pk]))
            messages.success(request, _("The outcome is recorded."))
            return redirect(reverse("polls:outcome", kwargs={"pk": poll.pk}))
        except ValidationError as error:
            poll.refresh_from_db()  # the page shows the poll as stored, not as half-changed
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
    context = {
        "poll": poll,
        "form": form,
        "closed": poll.is_closed(),
        "options": options,
        "scores": scores,
        "ballots": result.ballots if result else 0,
    }
    return render(request, "polls/outcome/outcome.html", context)
