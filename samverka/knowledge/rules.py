"""Who may do what in the knowledge app, as small named predicates (see samverka/accounts/rules.py).

Knowledge items are written by the people of the projects they tell about, and by coordinators:
a project's members (any ``ProjectRole``) may write items, link them to their own projects, and
edit or publish every item linked to one of those projects. A draft is seen only by those who
may edit it. News are the network's own voice: coordinators write them (in the back office).
Each area of the app adds its own predicates here.
"""

from django.utils import timezone

from samverka.accounts.rules import is_coordinator, is_signed_in, predicate
from samverka.meetings.rules import can_edit_group_notes
from samverka.registry.models import ProjectRole
from samverka.registry.rules import is_project_member

# --- Knowledge items and news -----------------------------------------------------------------


@predicate
def is_member_of_a_project(user, obj=None):
    """Any role on at least one project."""
    return is_signed_in(user) and ProjectRole.objects.editors().filter(person=user).exists()


@predicate
def is_member_of_an_items_project(user, item=None):
    """Any role on one of the projects the item is linked to."""
    if item is None or item.pk is None or not is_signed_in(user):
        return False
    return ProjectRole.objects.editors().filter(person=user, project__knowledge_items=item).exists()


@predicate
def _is_published_item(user, item=None):
    return item is not None and item.status == item.Status.PUBLISHED


@predicate
def _is_published_and_due_news(user, news_item=None):
    return (
        news_item is not None
        and news_item.status == news_item.Status.PUBLISHED
        and news_item.publish_at <= timezone.now()
    )


@predicate
def _group_notes_are_public(user, group=None):
    """The event page shows a group's notes once a published event has begun (meetings' event page)."""
    return group is not None and group.event.status != "draft" and group.event.starts_at <= timezone.now()


# Write a new knowledge item: a coordinator, or a member of any project.
can_write_items = is_coordinator | is_member_of_a_project
# Edit, publish or take back a given item, and add or remove its attachments.
can_edit_item = is_coordinator | is_member_of_an_items_project
# See an item's page: published items for everyone; drafts only for those who may edit them.
can_see_item = _is_published_item | can_edit_item
# Link an item to a project: coordinators to any project, members only to their own.
can_link_project = is_coordinator | is_project_member
# Start an item from a discussion group's notes: only those who may read the notes.
can_read_group_notes = can_edit_group_notes | _group_notes_are_public
# News: coordinators write them; a news item's page is public once published and due.
can_write_news = is_coordinator
can_see_news_item = _is_published_and_due_news | is_coordinator


# --- Projects like yours and cooperation ------------------------------------------------------


@predicate
def is_member_of_another_project(user, project=None):
    """Any role on a project other than this one: someone who can ask this one to cooperate."""
    if project is None or not is_signed_in(user):
        return False
    return ProjectRole.objects.editors().filter(person=user).exclude(project=project).exists()


# State, edit and close what a project wants to cooperate on: its members and coordinators.
can_manage_wishes = is_coordinator | is_project_member
# Ask a project to cooperate: a member of another project, for that project (coordinators speak
# for no project of their own).
can_ask_to_cooperate = is_member_of_another_project
