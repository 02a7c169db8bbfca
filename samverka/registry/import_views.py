"""The admin's import page: upload → preview with every problem → apply in the background.

The views are wired into the admin by ProjectAdmin.get_urls, so the admin's own gate (signed
in, staff) runs first; ``_job_for`` is the gate for one job.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from samverka.accounts.rules import is_coordinator

from .headers import parse_map
from .import_jobs import preview_import_job, start_import_job
from .models import ImportJob, Portfolio, Programme

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("List of operations"),
        help_text=_("A CSV file (UTF-8 or Windows-1252; comma, semicolon or tab) or an Excel file (.xlsx)."),
    )
    programme = forms.ModelChoiceField(
        Programme.objects.select_related("period"),
        label=_("Programme"),
        required=False,
        to_field_name="cci",
        help_text=_("For rows that name neither a CCI code nor a programme area."),
    )
    portfolio = forms.ModelChoiceField(
        Portfolio.objects.all(),
        label=_("Portfolio"),
        required=False,
        to_field_name="slug",
        help_text=_("For rows without a portfolio column."),
    )
    map = forms.CharField(
        label=_("Other column names"),
        required=False,
        max_length=2000,
        help_text=_("Columns the import does not know, as Heading=field, e.g. Diarienr=case_number,Namn=title."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload

    def clean_map(self):
        try:
            parse_map(self.cleaned_data["map"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return self.cleaned_data["map"]


def _context(request, title, **extra):
    return {**admin.site.each_context(request), "title": title, "opts": ImportJob._meta, **extra}


def _require_coordinator(request):
    if not is_coordinator(request.user):
        raise PermissionDenied


def _job_for(request, job_id: int) -> ImportJob:
    """The import job for a coordinator; 403 for anyone else, 404 when there is no such job."""
    _require_coordinator(request)
    job = ImportJob.objects.select_related("uploaded_by").filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


@require_http_methods(["GET", "POST"])
def upload(request):
    _require_coordinator(request)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        job = ImportJob(
            filename=uploaded.name[:255],
            uploaded_by=request.user,
            options={
                "map": form.cleaned_data["map"],
                "programme": form.cleaned_data["programme"].cci if form.cleaned_data["programme"] else "",
                "portfolio": form.cleaned_data["portfolio"].slug if form.cleaned_data["portfolio"] else "",
                "language": get_language(),
            },
        )
        job.file.save(uploaded.name, uploaded, save=True)
        preview_import_job(job=job)
        return redirect("admin:registry_project_import_job", job_id=job.pk)
    return TemplateResponse(
        request,
        "registry/import/upload.html",
        _context(request, gettext("Import a list of operations"), form=form, jobs=ImportJob.objects.all()[:10]),
    )


@require_http_methods(["GET", "POST"])
def job_page(request, job_id: int):
    job = _job_for(request, job_id)
    if request.method == "POST":
        if job.status != ImportJob.Status.PREVIEWED or job.problems:
            messages.error(request, gettext("This import cannot be applied: check its problems or upload the file again."))
            return redirect("admin:registry_project_import_job", job_id=job.pk)
        start_import_job(job=job)
        return redirect("admin:registry_project_import_job", job_id=job.pk)
    return TemplateResponse(
        request,
        "registry/import/job.html",
        _context(
            request,
            gettext("Import of %(filename)s") % {"filename": job.filename},
            job=job,
            progress=progress_text(job),
            preview=job.options.get("preview", []),
            running=job.status == ImportJob.Status.RUNNING,
            status_url=reverse("admin:registry_project_import_status", kwargs={"job_id": job.pk}),
        ),
    )


@require_GET
def job_status(request, job_id: int):
    job = _job_for(request, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "status_display": job.get_status_display(),
            "total_rows": job.total_rows,
            "processed_rows": job.processed_rows,
            "created": job.created_count,
            "updated": job.updated_count,
            "unchanged": job.unchanged_count,
            "problems": len(job.problems),
            "text": progress_text(job),
        }
    )


def progress_text(job: ImportJob) -> str:
    """How far the job has come, in one sentence."""
    if job.status == ImportJob.Status.RUNNING:
        if not job.total_rows or not job.processed_rows:
            return gettext("Waiting for the import to start…")
        if job.processed_rows < job.total_rows:
            return gettext("%(done)s of %(total)s rows checked.") % {"done": job.processed_rows, "total": job.total_rows}
        return ngettext(
            "The row is checked; saving it…", "All %(total)s rows checked; saving them all at once…", job.total_rows
        ) % {"total": job.total_rows}
    if job.status == ImportJob.Status.DONE:
        return job.summary
    if job.status == ImportJob.Status.FAILED:
        return job.summary or gettext("The import failed; nothing was saved.")
    if job.problems:
        return ngettext(
            "The file has %(count)s problem; correct it and upload the file again.",
            "The file has %(count)s problems; correct them and upload the file again.",
            len(job.problems),
        ) % {"count": len(job.problems)}
    return gettext("The file is checked and ready to import.")
