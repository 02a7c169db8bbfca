"""Who may do what with meetings, as small named predicates (see samverka/accounts/rules.py).

Each part of the meetings app adds its own predicates here.
"""

from samverka.accounts.rules import is_coordinator

# Attendance: tick who came, upload a participant report, match its rows by hand.
can_take_attendance = is_coordinator
# Engagement: which projects come to the events they are invited to.
can_see_engagement = is_coordinator
# Feedback survey: the anonymous results of an event's survey.
can_see_survey_results = is_coordinator
