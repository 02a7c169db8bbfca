"""Who may report and review indicator values, as named predicates (see samverka.accounts.rules)."""

from samverka.accounts.rules import is_coordinator
from samverka.registry.rules import is_project_member

# Report a project's values (the object is the project): its own people and the coordinators.
# A reported value can be reported again (corrected) until it is approved: services.report_value.
can_report_values = is_coordinator | is_project_member
# Approve a value or return it with a comment.
can_review_values = is_coordinator
