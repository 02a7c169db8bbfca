"""Who may do what with meetings, as small named predicates (see samverka/accounts/rules.py).

Each part of the meetings app adds its own predicates here.
"""

from samverka.accounts.rules import is_coordinator, is_signed_in, predicate

# Attendance: tick who came, upload a participant report, match its rows by hand.
can_take_attendance = is_coordinator
# Engagement: which projects come to the events they are invited to.
can_see_engagement = is_coordinator
# Feedback survey: the anonymous results of an event's survey.
can_see_survey_results = is_coordinator
# Invitations: invite people to an event, follow the invitations, send failed ones again.
can_invite = is_coordinator
# Organising: copy an event, repeat it as a series, split discussion groups, add attachments.
can_organise = is_coordinator


@predicate
def is_note_taker(user, group=None):
    """The signed-in person whose registration is the group's note-taker."""
    return bool(
        is_signed_in(user) and group is not None and group.note_taker_id and group.note_taker.person_id == user.pk
    )


# A group's notes: its note-taker, and the coordinators.
can_edit_group_notes = is_coordinator | is_note_taker

# Registration (services.py, views.py): the video link and the coordinator's registration list.


@predicate
def _holds_a_registered_seat(user, obj=None):
    """``obj`` is the person's own Registration (found by the view, or by its secret token) or an Event."""
    model = getattr(getattr(obj, "_meta", None), "model_name", None)
    if model == "registration":
        return obj.status == "registered"
    if model == "event" and is_signed_in(user):
        return obj.registrations.filter(person=user, status="registered").exists()
    return False


# The video-meeting link and dial-in: registered people and coordinators, never the public page.
can_see_video_link = is_coordinator | _holds_a_registered_seat
# Approve or decline registrations, see who registered with their contact details.
can_manage_registrations = is_coordinator
