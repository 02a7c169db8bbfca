"""The coordinator's attendance page: tick who came, upload a participant report, match by hand.

Each view reads top to bottom: method and login, the access gate, the form, the service, the
answer. The page works without JavaScript: every change is a plain form POST and a redirect.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from . import attendance
from .models import Event, ParticipantReport, Registration
from .participant_reports import MAX_BYTES, TOO_LARGE, ReportError, parse_report
from .rules import can_take_attendance


def get_event_for_attendance(request, pk: int) -> Event:
    """The event whose attendance this person may take: 404 if there is none, 403 if not a coordinator."""
    event = get_object_or_404(Event, pk=pk)
    if not can_take_attendance(request.user, event):
        raise PermissionDenied
    return event


class ReportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Participant report"),
        help_text=gettext_lazy(
            "Zoom's participant list (CSV) or Teams' attendance report (CSV), as downloaded after the meeting."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        data = upload.read()
        try:
            self.parsed = parse_report(data)
        except ReportError as error:
            raise forms.ValidationError(error.message) from None
        self.data_bytes = data
        return upload


def _page(request, event, upload_form):
    registrations = attendance.attendance_list(event)
    reports = list(attendance.reports_for(event))
    return render(
        request,
        "meetings/attendance/attendance.html",
        {
            "event": event,
            "registrations": registrations,
            "upload_form": upload_form,
            "reports": reports,
            "open_reports": [report for report in reports if report.unmatched],
            "candidates": attendance.unmatched_registrations(registrations.everyone),
            "summary": attendance.attendance_summary(event),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance_page(request, pk: int):
    """GET: the list and the upload form. POST: save the ticked boxes, all at once."""
    event = get_event_for_attendance(request, pk)
    if request.method == "POST":
        marked = attendance.save_attendance(event=event, attended_ids=request.POST.getlist("attended"))
        messages.success(request, _("Attendance is saved: %(count)s attended.") % {"count": marked})
        return redirect("meetings:attendance", pk=event.pk)
    return _page(request, event, ReportUploadForm())


@login_required
@require_POST
def report_upload(request, pk: int):
    event = get_event_for_attendance(request, pk)
    form = ReportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, event, form)
    result = attendance.import_report(
        event=event,
        data=form.data_bytes,
        filename=form.cleaned_data["file"].name,
        uploaded_by=request.user,
        parsed=form.parsed,
    )
    report = result.report
    if not result.created:
        messages.info(
            request,
            _("This report was already uploaded on %(date)s. Nothing has changed.")
            % {"date": date_format(localtime(report.uploaded_at), "DATETIME_FORMAT")},
        )
    elif report.unmatched:
        messages.success(
            request,
            _("The report is read: %(matched)s matched, %(unmatched)s to match by hand below.")
            % {"matched": report.matched, "unmatched": len(report.unmatched)},
        )
    else:
        messages.success(request, _("The report is read: %(matched)s matched.") % {"matched": report.matched})
    return redirect(reverse("meetings:attendance", kwargs={"pk": event.pk}) + "#reports")


@login_required
@require_POST
def report_match(request, pk: int, report_pk: int):
    event = get_event_for_attendance(request, pk)
    report = get_object_or_404(ParticipantReport, pk=report_pk, event=event)
    registration = Registration.objects.filter(event=event, pk=_int(request.POST.get("registration"))).first()
    if registration is None:
        messages.error(request, _("Choose the registration this row belongs to."))
        return redirect(reverse("meetings:attendance", kwargs={"pk": event.pk}) + "#reports")
    try:
        attendance.match_row(report=report, row_id=_int(request.POST.get("row")), registration=registration)
    except attendance.MatchError:
        messages.error(request, _("That row has already been matched."))
    else:
        messages.success(
            request, _("%(name)s is marked as attended.") % {"name": attendance.display_name(registration)}
        )
    return redirect(reverse("meetings:attendance", kwargs={"pk": event.pk}) + "#reports")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
