"""Export of the (filtered) project list as CSV, XLSX and JSON.

Only public registry facts: no people, no contact details. Amounts are exact decimals (strings
in JSON, so no reader turns them into floats). CSV and JSON stream row by row; XLSX is written
with openpyxl's write-only workbook, which keeps memory flat.
"""

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Project, ProjectStatus
from .validators import public_org_number

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
    ("theme", lambda: _("Thematic objective")),
    ("start_date", lambda: _("Start date")),
    ("end_date", lambda: _("End date")),
    ("total_budget", lambda: _("Total budget (SEK)")),
    ("eu_funding", lambda: _("EU funding (SEK)")),
    ("eu_rate", lambda: _("EU rate (%)")),
    ("paid_out", lambda: _("Paid out (SEK)")),
    ("status", lambda: _("Status")),
    ("website", lambda: _("Website")),
    ("url", lambda: _("Address in the registry")),
]
AMOUNT_KEYS = {"total_budget", "eu_funding", "eu_rate", "paid_out"}


# What an export reads: plain values, not model instances, so 100 000 rows stay quick.
FIELDS = [
    "pk", "case_number", "title", "owner__name", "owner__org_number", "programme__name", "programme__cci",
    "programme__period__name", "area__name", "portfolio__name", "portfolio__name_en", "theme__code",
    "theme__name", "theme__name_en", "start_date", "end_date", "total_budget", "eu_funding", "paid_out",
    "status_override", "website",
]


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _status(values: dict, today) -> str:
    if values["status_override"]:
        return values["status_override"]
    if values["start_date"] > today:
        return ProjectStatus.PLANNED
    if values["end_date"] < today:
        return ProjectStatus.FINISHED
    return ProjectStatus.ONGOING


def rows(projects: QuerySet, url_prefix: str) -> Iterator[dict]:
    """One dict a project with Python values (Decimal amounts, dates), keyed as COLUMNS.

    Two queries for each CHUNK projects: the projects with their programme, owner, portfolio
    and area, then the names of their counties.
    """
    english = get_language() == "en"
    today = timezone.localdate()
    through = Project.counties.through
    for chunk in _chunks(projects.values(*FIELDS).iterator(chunk_size=CHUNK), CHUNK):
        counties = defaultdict(list)
        for project_id, name in (
            through.objects.filter(project_id__in=[values["pk"] for values in chunk])
            .order_by("region__code")
            .values_list("project_id", "region__name")
        ):
            counties[project_id].append(name)
        for values in chunk:
            portfolio = (english and values["portfolio__name_en"]) or values["portfolio__name"] or ""
            theme_name = (english and values["theme__name_en"]) or values["theme__name"]
            total, eu = values["total_budget"], values["eu_funding"]
            yield {
                "case_number": values["case_number"],
                "title": values["title"],
                "owner": values["owner__name"],
                "owner_org_number": public_org_number(values["owner__org_number"]),
                "programme": values["programme__name"],
                "cci": values["programme__cci"],
                "programme_period": values["programme__period__name"],
                "programme_area": values["area__name"] or "",
                "counties": ", ".join(counties[values["pk"]]),
                "portfolio": portfolio,
                "theme": f"{values['theme__code']} {theme_name}" if theme_name else "",
                "start_date": values["start_date"],
                "end_date": values["end_date"],
                "total_budget": total,
                "eu_funding": eu,
                # As Project.eu_rate: per cent with one decimal.
                "eu_rate": (eu * 100 / total).quantize(Decimal("0.1")) if total else None,
                # None (an empty cell, null in JSON) where the amount paid out is not known.
                "paid_out": values["paid_out"],
                "status": _status(values, today),
                "website": values["website"],
                # The project page's address, built once per export rather than reversed per row.
                "url": f"{url_prefix}{values['pk']}/",
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
    formats = {
        "total_budget": "#,##0.00",
        "eu_funding": "#,##0.00",
        "paid_out": "#,##0.00",
        "start_date": "yyyy-mm-dd",
        "end_date": "yyyy-mm-dd",
    }
    for row in rows(projects, url_prefix):
        cells = []
        for key, _heading in COLUMNS:
            value = _text(key, row[key]) if key == "status" else row[key]
            if key in formats:
                # Only amounts and dates carry a number format; plain values are much quicker to write.
                value = WriteOnlyCell(sheet, value=value)
                value.number_format = formats[key]
            cells.append(value)
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
