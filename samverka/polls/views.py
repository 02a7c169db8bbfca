"""Poll pages: the list, a poll with its ballot form, the results (page and CSV), proposals.

Every view reads top to bottom: method and login, the access gate, the form, the workflow
(services.py), the answer. Everything works without JavaScript: plain forms, POST, redirect.
Results never reach a page before results_visibility allows them.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from samverka.accounts.rules import is_coordinator

from . import selectors, services
from .forms import BallotForm, ProposalForm, rank_label
from .models import Poll, PollOption
from .rules import can_moderate_proposals, can_see_results, can_vote

# The rule of tally.TIE_RULE_TEXT, in words the translators see.
TIE_RULE = gettext_lazy(
    "Ties are broken in favour of the option listed first in the poll. In instant runoff, when "
    "several options have the fewest votes in a round, the one with fewer votes in the earliest "
    "round where their counts differ is eliminated; if their counts never differed, the one "
    "listed last is eliminated."
)

# --- Access gates -----------------------------------------------------------------------------


def get_poll_for_page(request, pk: int) -> Poll:
    """The poll; 404 if there is none or it is a draft (or not yet open) and the person is no coordinator."""
    poll = get_object_or_404(Poll.objects.select_related("event", "outcome_option", "outcome_event"), pk=pk)
    if not is_coordinator(request.user) and (poll.status != Poll.Status.PUBLISHED or poll.opens_at > timezone.now()):
        raise Http404
    return poll


def get_poll_for_results(request, pk: int) -> Poll:
    """The poll whose results this person may see: login redirect for anonymous visitors, else 403."""
    poll = get_poll_for_page(request, pk)
    if not can_see_results(request.user, poll):
        if not request.user.is_authenticated:
            raise _LoginNeeded
        raise PermissionDenied
    return poll


class _LoginNeeded(Exception):
    pass


# --- Pages ------------------------------------------------------------------------------------


@require_GET
def poll_list(request):
    now = timezone.now()
    polls = list(selectors.polls_for_list(now))
    return render(request, "polls/poll_list.html", {
        "open_polls": [poll for poll in polls if poll.is_open(now)],
        "closed_polls": [poll for poll in polls if poll.is_closed(now)],
    })


def _poll_page(request, poll, *, form=None, proposal_form=None, status=200):
    options = selectors.approved_options(poll)
    signed_in = request.user.is_authenticated
    eligible = signed_in and can_vote(request.user, poll)
    mine = services.own_ballot(poll=poll, person=request.user) if eligible else []
    is_open = poll.is_open()
    changing = request.GET.get("change") == "1" or form is not None
    if eligible and is_open and (not mine or changing):
        form = form or BallotForm(poll=poll, options=options, initial_marks=mine)
    else:
        form = None
    if poll.allow_proposals and eligible and is_open:
        proposal_form = proposal_form or ProposalForm(prefix="proposal")
    by_id = {option.pk: option for option in options}
    your_ballot = [
        (by_id.get(mark.option), rank_label(mark.rank) if mark.rank else None, mark.points)
        for mark in mine
    ]
    return render(request, "polls/poll_detail.html", {
        "poll": poll,
        "options": options,
        "form": form,
        "proposal_form": proposal_form,
        "your_ballot": your_ballot,
        "is_open": is_open,
        "is_closed": poll.is_closed(),
        "eligible": eligible,
        "can_see_results": can_see_results(request.user, poll),
        "can_moderate": can_moderate_proposals(request.user, poll),
    }, status=status)


@require_GET
def poll_detail(request, pk: int):
    poll = get_poll_for_page(request, pk)
    return _poll_page(request, poll)


@login_required
@require_POST
def vote(request, pk: int):
    poll = get_poll_for_page(request, pk)
    form = BallotForm(request.POST, poll=poll, options=selectors.approved_options(poll))
    if form.is_valid():
        try:
            services.cast_ballot(poll=poll, person=request.user, marks=form.marks())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your ballot is saved. You can change it until the poll closes."))
            return redirect(poll)
    return _poll_page(request, poll, form=form)


@login_required
@require_POST
def propose(request, pk: int):
    poll = get_poll_for_page(request, pk)
    form = ProposalForm(request.POST, prefix="proposal")
    if form.is_valid():
        try:
            services.propose_option(poll=poll, person=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your proposal awaits a coordinator's approval."))
            return redirect(poll)
    return _poll_page(request, poll, proposal_form=form)


@login_required
@require_GET
def proposals(request, pk: int):
    poll = get_poll_for_page(request, pk)
    if not can_moderate_proposals(request.user, poll):
        raise PermissionDenied
    return render(request, "polls/proposals.html", {"poll": poll, "proposed": selectors.proposed_options(poll)})


@login_required
@require_POST
def decide_proposal(request, pk: int, option_pk: int):
    poll = get_poll_for_page(request, pk)
    if not can_moderate_proposals(request.user, poll):
        raise PermissionDenied
    option = get_object_or_404(PollOption, pk=option_pk, poll=poll, status=PollOption.Status.PROPOSED)
    approve = request.POST.get("decision") == "approve"
    services.decide_proposal(option=option, person=request.user, approve=approve)
    messages.success(request, _("The proposal is approved.") if approve else _("The proposal is rejected."))
    return redirect("polls:proposals", pk=poll.pk)


def _results_gate(request, pk):
    try:
        return get_poll_for_results(request, pk), None
    except _LoginNeeded:
        return None, redirect_to_login(request.get_full_path())


@require_GET
def results(request, pk: int):
    poll, answer = _results_gate(request, pk)
    if answer:
        return answer
    return render(request, "polls/results.html", {
        "poll": poll,
        "outcome": selectors.outcome(poll),
        "tie_rule": TIE_RULE,
        "is_closed": poll.is_closed(),
    })


def _cell(text: str) -> str:
    """A text cell no spreadsheet runs as a formula (a proposed option's title comes from anyone)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_GET
def results_csv(request, pk: int):
    poll, answer = _results_gate(request, pk)
    if answer:
        return answer
    outcome = selectors.outcome(poll)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="poll-{poll.pk}-results.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Place"), _("Option"), _("Score"), _("Per cent"), _("Winner")])
    for row in outcome.rows:
        writer.writerow([row.position, _cell(row.option.title), row.score, row.percent, _("yes") if row.winner else ""])
    return response
