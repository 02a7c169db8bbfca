"""Content pages (about, how to apply, privacy) and the accessibility statement.

Anyone may read them; coordinators get a link to edit each one in the back office.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from samverka.accounts.rules import is_coordinator

from .models import AccessibilityStatement, Page

LOCALISED_FIELDS = ("non_accessible", "disproportionate_burden", "assessment_description", "response_time")


def _edit_url(request, admin_name: str, obj) -> str:
    """The back-office address for ``obj`` when this person may edit it, else ""."""
    if not is_coordinator(request.user):
        return ""
    return reverse(f"admin:pages_{admin_name}_change", args=[obj.pk])


@require_safe
def page(request, slug):
    # The URL pattern admits only the three known slugs; a missing row is still a 404.
    content_page = get_object_or_404(Page, slug=slug)
    return render(
        request,
        "pages/page.html",
        {"page": content_page, "edit_url": _edit_url(request, "page", content_page)},
    )


@require_safe
def accessibility(request):
    statement = AccessibilityStatement.objects.order_by("pk").first()
    if statement is None:
        raise Http404("No accessibility statement has been written yet.")
    return render(
        request,
        "pages/accessibility.html",
        {
            "statement": statement,
            # The free texts in the reader's language, Swedish where no English is written.
            "texts": {field: statement.localised(field) for field in LOCALISED_FIELDS},
            "edit_url": _edit_url(request, "accessibilitystatement", statement),
        },
    )
