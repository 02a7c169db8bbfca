"""Background work of the registry. Tasks are thin: they take ids, fetch again, call a workflow."""

from django_tasks import task

from .import_jobs import run_import_job
from .models import ImportJob


@task()
def apply_import_job(job_id: int) -> None:
    """Apply an uploaded list of operations (see import_jobs.run_import_job)."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return  # the job was deleted before the worker came to it
    run_import_job(job=job)
