"""Export of the (filtered) project list as CSV, XLSX and JSON.

Only public registry facts: no people, no contact details. Amounts are exact decimals (strings
in JSON, so no reader turns them into floats). CSV and JSON stream row by row; XLSX is written
with openpyxl's write-only workbook, which keeps memory flat.
"""

import csv
import io
import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import localised_name
from .models import ProjectStatus

CHUNK = 2000

# (key in JSON, column heading in CSV and XLSX)
COLUMNS = [
    ("case_number", lambda: _("Case number")),
    ("title", lambda: _("Title")),
    ("owner", lambda: _("Project owner")),
    ("owner_org_number", lambda: _("Organisation number")),
    ("programme", lambda: _("Programme")),
    ("cci", lambda: _("CCI code")),
    ("programme_period", lambda: _("Programme period")),
    ("programme_area", lambda: _("Programme area")),
    ("counties", lambda: _("Counties")),
    ("portfolio", lambda: _("Portfolio")),
    ("theme", lambda: _("Theme area")),
    ("start_date", lambda: _("Start date")),
    ("end_date", lambda: _("End date")),
    ("total_budget", lambda: _("Total budget (SEK)")),
    ("eu_funding", lambda: _("EU funding (SEK)")),
    ("eu_rate", lambda: _("EU rate (%)")),
    ("status", lambda: _("Status")),
    ("website", lambda: _("Website")),
    ("url", lambda: _("Address in the registry")),
]
AMOUNT_KEYS = {"total_budget", "eu_funding", "eu_rate"}


def rows(projects: QuerySet, url_prefix: str) -> Iterator[dict]:
    """One dict a project with Python values (Decimal amounts, dates), keyed as COLUMNS."""
    for project in projects.iterator(chunk_size=CHUNK):
        period = project.programme.period
        theme = project.portfolio.theme if project.portfolio else None
        yield {
            "case_number": project.case_number,
            "title": project.title,
            "owner": project.owner.name,
            "owner_org_number": project.owner.org_number,
            "programme": project.programme.name,
            "cci": project.programme.cci,
            "programme_period": period.name,
            "programme_area": localised_name(project.area) if project.area else "",
            "counties": ", ".join(county.name for county in project.counties.all()),
            "portfolio": localised_name(project.portfolio) if project.portfolio else "",
            "theme": f"{theme.code} {localised_name(theme)}" if theme else "",
            "start_date": project.start_date,
            "end_date": project.end_date,
            "total_budget": project.total_budget,
            "eu_funding": project.eu_funding,
            "eu_rate": project.eu_rate,
            "status": project.status,
            "website": project.website,
            # The project page's address, built once per export rather than reversed per row.
            "url": f"{url_prefix}{project.pk}/",
        }


def _text(key: str, value) -> str:
    if value is None:
        return ""
    if key == "status":
        return str(ProjectStatus(value).label)
    return str(value) if not hasattr(value, "isoformat") else value.isoformat()


class _Echo:
    def write(self, value):
        return value


def _csv(projects, url_prefix) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # A byte-order mark so that spreadsheet programs read the Swedish letters right.
    yield "\ufeff" + writer.writerow([heading() for _key, heading in COLUMNS])
    for row in rows(projects, url_prefix):
        yield writer.writerow([_text(key, row[key]) for key, _heading in COLUMNS])


def _json(projects, url_prefix) -> Iterator[str]:
    yield '{"projects": ['
    for index, row in enumerate(rows(projects, url_prefix)):
        values = {
            key: (str(value) if key in AMOUNT_KEYS and value is not None else value)
            for key, value in row.items()
        }
        values["start_date"] = row["start_date"].isoformat()
        values["end_date"] = row["end_date"].isoformat()
        yield ("," if index else "") + "\n" + json.dumps(values, ensure_ascii=False)
    yield "\n]}\n"


def _xlsx(projects, url_prefix) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Projects"))
    sheet.append([heading() for _key, heading in COLUMNS])
    for row in rows(projects, url_prefix):
        cells = []
        for key, _heading in COLUMNS:
            value = row[key]
            if key == "status":
                value = _text(key, value)
            cell = WriteOnlyCell(sheet, value=value)
            if key in {"total_budget", "eu_funding"}:
                cell.number_format = "#,##0.00"
            elif key in {"start_date", "end_date"}:
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def respond(request, projects: QuerySet, fmt: str):
    """The HTTP answer for an export of ``projects`` in ``fmt`` (csv, xlsx or json)."""
    url_prefix = request.build_absolute_uri(reverse("registry:project_list"))
    filename = f"projekt-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "xlsx":
        response = HttpResponse(_xlsx(projects, url_prefix), content_type=CONTENT_TYPES[fmt])
    else:
        stream = _csv if fmt == "csv" else _json
        response = StreamingHttpResponse(stream(projects, url_prefix), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
