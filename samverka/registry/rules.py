"""Who may do what with the registry, as small named predicates (see samverka.accounts.rules)."""

from samverka.accounts.rules import is_coordinator, is_signed_in, predicate

from .models import ProjectRole


@predicate
def is_project_member(user, project=None):
    """Any role on this very project (leader, member, communicator)."""
    if project is None or not is_signed_in(user):
        return False
    return ProjectRole.objects.editors().filter(project=project, person=user).exists()


# The coordinator keeps every project current; members keep their own project's public page.
can_edit_project = is_coordinator | is_project_member
