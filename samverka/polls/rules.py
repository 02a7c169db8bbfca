"""Who may vote in a poll and who may see its results, as named predicates (see accounts/rules.py)."""

from django.db.models import Q

from samverka.accounts.rules import is_coordinator, is_signed_in, predicate


@predicate
def _is_eligible(user, poll=None):
    """The poll's eligibility rule, for a signed-in person."""
    if poll is None or not is_signed_in(user):
        return False
    from samverka.meetings.models import Invitation, Registration

    from .models import Poll

    rule = poll.eligibility
    if rule == Poll.Eligibility.SIGNED_IN:
        return True
    if rule == Poll.Eligibility.AUDIENCES:
        return poll.audiences.filter(pk__in=user.audiences.values("pk")).exists()
    if poll.event_id is None:
        return False
    if rule == Poll.Eligibility.ATTENDEES:
        return Registration.objects.filter(event_id=poll.event_id, person=user, attended=True).exists()
    if rule == Poll.Eligibility.INVITEES:
        invited = Invitation.objects.filter(Q(person=user) | Q(email__iexact=user.email), event_id=poll.event_id)
        return invited.exists() or Registration.objects.filter(event_id=poll.event_id, person=user).exists()
    return False


# Vote (cast, change) in a poll: the eligible people; the workflow also checks that it is open.
can_vote = _is_eligible


@predicate
def _has_ballot(user, poll=None):
    return bool(is_signed_in(user) and poll is not None and poll.ballots.filter(key=poll.ballot_key(user)).exists())


@predicate
def _results_rule(user, poll=None):
    from .models import Poll

    if poll is None:
        return False
    visibility = poll.results_visibility
    if visibility == Poll.Visibility.LIVE:
        return can_vote(user, poll)
    if visibility == Poll.Visibility.AFTER_VOTING:
        return _has_ballot(user, poll)
    if visibility == Poll.Visibility.AFTER_CLOSING:
        return poll.is_closed()
    return False


# The results: by the poll's results_visibility; coordinators always.
can_see_results = is_coordinator | _results_rule
# Approve or reject proposed options.
can_moderate_proposals = is_coordinator
