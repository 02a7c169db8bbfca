"""A person's part in cooperation, in their data download, and its erasure (registered in apps.py).

The wishes belong to their projects and stay, without the person's name on them. The requests
a person sent are their own words in a mail already delivered: erasure deletes them.
"""

from samverka.accounts import privacy

from .models import CooperationRequest, CooperationWish


@privacy.exporter("cooperation")
def export(person):
    """The wishes the person stated and the requests they sent."""
    return {
        "wishes": [
            {"project": wish.project.title, "text": wish.text, "active": wish.active,
             "created_at": wish.created_at.isoformat()}
            for wish in CooperationWish.objects.filter(created_by=person).select_related("project").order_by("pk")
        ],
        "requests_sent": [
            {"from_project": request.from_project.title, "to_project": request.to_project.title,
             "message": request.message, "sent_at": request.created_at.isoformat()}
            for request in CooperationRequest.objects.filter(sent_by=person)
            .select_related("from_project", "to_project")
            .order_by("pk")
        ],
    }


@privacy.eraser
def erase(person):
    CooperationWish.objects.filter(created_by=person).update(created_by=None)
    CooperationRequest.objects.filter(sent_by=person).delete()
