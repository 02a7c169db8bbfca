"""Workflows of an import: check a file, preview an uploaded one, apply it in the background.

The command line (``import_operations``) and the admin's import page both come through here.
Progress is honest about the one transaction: checking the rows happens outside it and is
reported row by row in the job; saving happens inside it, all at once, and the job says
"saving" until it is done.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .headers import parse_map
from .importers import ParseResult, Problem, parse_operations
from .models import ImportJob
from .upserts import Plan, apply_plan, plan_operations

PREVIEW_ROWS = 10
PROGRESS_SAVE_EVERY = 500


@dataclass
class Outcome:
    parsed: ParseResult
    plan: Plan | None = None
    counts: dict[str, int] = field(default_factory=dict)
    saved: bool = False

    @property
    def problems(self) -> list[Problem]:
        return self.parsed.problems


def import_file(
    data: bytes,
    *,
    dry_run: bool = False,
    map_text: str = "",
    programme_cci: str = "",
    portfolio_slug: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> Outcome:
    """Check a list of operations and, unless ``dry_run`` or a problem is found, save it.

    Side effects (only when every row is good and not a dry run): creates and updates projects,
    organisations, municipalities and co-financing lines in one transaction.
    """
    try:
        mapping = parse_map(map_text)
    except ValueError as error:
        return Outcome(ParseResult(problems=[Problem(None, "", str(error))]))
    parsed = parse_operations(
        data, mapping=mapping, programme_cci=programme_cci, portfolio_slug=portfolio_slug, progress=progress
    )
    outcome = Outcome(parsed)
    if not parsed.ok:
        return outcome
    outcome.plan = plan_operations(parsed.operations)
    if dry_run:
        outcome.counts = outcome.plan.counts
    else:
        outcome.counts = apply_plan(outcome.plan)
        outcome.saved = True
    return outcome


def summary_line(total_rows: int, counts: dict[str, int], *, dry_run: bool = False) -> str:
    line = ngettext(
        "%(rows)s row: %(created)s created, %(updated)s updated, %(unchanged)s unchanged",
        "%(rows)s rows: %(created)s created, %(updated)s updated, %(unchanged)s unchanged",
        total_rows,
    ) % {
        "rows": total_rows,
        "created": counts.get("created", 0),
        "updated": counts.get("updated", 0),
        "unchanged": counts.get("unchanged", 0),
    }
    if dry_run:
        line += " " + _("(dry run, nothing saved)")
    return line


def _job_options(job: ImportJob) -> dict:
    return {
        "map_text": job.options.get("map", ""),
        "programme_cci": job.options.get("programme", ""),
        "portfolio_slug": job.options.get("portfolio", ""),
    }


def _read(job: ImportJob) -> bytes:
    with job.file.open("rb") as handle:
        return handle.read()


def preview_import_job(*, job: ImportJob) -> Outcome:
    """Check an uploaded file without saving projects; store its problems and expected counts.

    Side effects: the job's status becomes "previewed", with total rows, problems, counts and
    the first rows as they will be saved kept in the job.
    """
    outcome = import_file(_read(job), dry_run=True, **_job_options(job))
    job.status = ImportJob.Status.PREVIEWED
    job.total_rows = outcome.parsed.total_rows
    job.problems = [problem.as_dict() for problem in outcome.problems]
    job.created_count = outcome.counts.get("created", 0)
    job.updated_count = outcome.counts.get("updated", 0)
    job.unchanged_count = outcome.counts.get("unchanged", 0)
    job.options = {**job.options, "preview": preview_rows(outcome)}
    job.save()
    return outcome


def preview_rows(outcome: Outcome, limit: int = PREVIEW_ROWS) -> list[dict]:
    """The first rows as they will be saved, in plain values a template or JSON can show."""
    if outcome.plan is None:
        return []
    names = outcome.parsed.names
    rows = []
    for operation, action in list(zip(outcome.plan.operations, outcome.plan.actions))[:limit]:
        rows.append(
            {
                "row": operation.row,
                "action": action,
                "case_number": operation.case_number,
                "title": operation.title,
                "owner": operation.owner_name,
                "programme": names.get(("programme", operation.programme_id), ""),
                "portfolio": names.get(("portfolio", operation.portfolio_id), ""),
                "area": names.get(("region", operation.area_id), ""),
                "counties": ", ".join(names.get(("region", pk), "") for pk in operation.county_ids or []),
                "start_date": operation.start_date.isoformat(),
                "end_date": operation.end_date.isoformat(),
                "total_budget": str(operation.total_budget),
                "eu_funding": str(operation.eu_funding),
                "paid_out": "" if operation.paid_out is None else str(operation.paid_out),
            }
        )
    return rows


def start_import_job(*, job: ImportJob) -> None:
    """Queue the background task that applies a previewed job, once this transaction commits.

    Side effects: the job's status becomes "running" with no rows checked; the task is queued
    after commit.
    """
    from .tasks import apply_import_job

    job.status = ImportJob.Status.RUNNING
    job.processed_rows = 0
    job.summary = ""
    job.save(update_fields=["status", "processed_rows", "summary"])
    transaction.on_commit(lambda: apply_import_job.enqueue(job.pk))


def run_import_job(*, job: ImportJob) -> None:
    """Check the job's file again (the registry may have changed since the preview) and save it.

    Side effects: progress is saved in the job every few hundred rows while checking; the
    projects are saved in one transaction; the job ends "done" with its counts, or "failed"
    with its problems, and nothing saved.
    """
    with translation.override(job.options.get("language") or settings.LANGUAGE_CODE):
        job.status = ImportJob.Status.RUNNING
        job.processed_rows = 0
        job.save(update_fields=["status", "processed_rows"])

        def progress(done: int, total: int) -> None:
            if done == total or done % PROGRESS_SAVE_EVERY == 0:
                ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total)

        try:
            outcome = import_file(_read(job), progress=progress, **_job_options(job))
        except Exception:
            job.status = ImportJob.Status.FAILED
            job.summary = _("The import stopped because of an unexpected error; nothing was saved.")
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "summary", "finished_at"])
            raise
        job.refresh_from_db(fields=["processed_rows", "total_rows"])
        job.total_rows = outcome.parsed.total_rows
        job.problems = [problem.as_dict() for problem in outcome.problems]
        job.finished_at = timezone.now()
        if outcome.saved:
            job.status = ImportJob.Status.DONE
            job.created_count = outcome.counts["created"]
            job.updated_count = outcome.counts["updated"]
            job.unchanged_count = outcome.counts["unchanged"]
            job.summary = summary_line(job.total_rows, outcome.counts)
        else:
            job.status = ImportJob.Status.FAILED
            job.summary = _("The file has problems; nothing was saved.")
        job.save()
