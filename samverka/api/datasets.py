"""The bulk downloads: the registry, its financing and the indicator values as CSV, JSON and
(the registry) GeoJSON, streamed.

Each dataset is a list of flat rows with stable English keys, the same in every format and
language (names in both languages where the data has both). The files stream: rows are read
in chunks of ``CHUNK`` projects (a query for the projects and one for each chunk's counties or
co-financing), so memory stays flat at a million projects. Only public facts: no people, and
never a sole trader's organisation number.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone

from samverka.registry.models import CoFinancing, Project, ProjectStatus
from samverka.registry.validators import public_org_number

from .geography import AREA_POINTS

CHUNK = 2000


@dataclass(frozen=True)
class Dataset:
    slug: str  # the file name: /oppna-data/<slug>.<format>
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    columns: tuple[str, ...]
    formats: tuple[str, ...]
    rows: Callable[[str], Iterator[dict]]  # called with the site's address, for links
    modified: Callable[[], object]


def _chunks(queryset) -> Iterator[list[dict]]:
    chunk = []
    for values in queryset.iterator(chunk_size=CHUNK):
        chunk.append(values)
        if len(chunk) == CHUNK:
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


PROJECT_FIELDS = (
    "pk", "case_number", "programme__cci", "programme__name", "programme__period__name", "title", "summary",
    "owner__name", "owner__org_number", "portfolio__slug", "portfolio__name", "portfolio__name_en", "theme__code",
    "area__code", "area__name", "start_date", "end_date", "status_override", "total_budget", "eu_funding",
    "website", "updated_at",
)

PROJECT_COLUMNS = (
    "case_number", "programme_cci", "programme", "period", "title", "summary", "owner", "owner_org_number",
    "portfolio", "portfolio_sv", "portfolio_en", "theme", "area_code", "area", "county_codes", "counties",
    "start_date", "end_date", "status", "total_budget", "eu_funding", "website", "page_url", "updated_at",
)


def project_rows(site: str) -> Iterator[dict]:
    today = timezone.localdate()
    # The page address, reversed once: "<site>/projekt/<pk>/".
    page = site + reverse("registry:project", kwargs={"pk": 0}).replace("/0/", "/{}/")
    through = Project.counties.through
    for chunk in _chunks(Project.objects.order_by("pk").values(*PROJECT_FIELDS)):
        counties = defaultdict(list)
        for project_id, code, name in (
            through.objects.filter(project_id__in=[values["pk"] for values in chunk])
            .order_by("region__code")
            .values_list("project_id", "region__code", "region__name")
        ):
            counties[project_id].append((code, name))
        for v in chunk:
            yield {
                "case_number": v["case_number"],
                "programme_cci": v["programme__cci"],
                "programme": v["programme__name"],
                "period": v["programme__period__name"],
                "title": v["title"],
                "summary": v["summary"],
                "owner": v["owner__name"],
                "owner_org_number": public_org_number(v["owner__org_number"]),
                "portfolio": v["portfolio__slug"] or "",
                "portfolio_sv": v["portfolio__name"] or "",
                "portfolio_en": v["portfolio__name_en"] or "",
                "theme": v["theme__code"] or "",
                "area_code": v["area__code"] or "",
                "area": v["area__name"] or "",
                "county_codes": ";".join(code for code, _name in counties[v["pk"]]),
                "counties": ";".join(name for _code, name in counties[v["pk"]]),
                "start_date": v["start_date"],
                "end_date": v["end_date"],
                "status": _status(v, today),
                "total_budget": v["total_budget"],
                "eu_funding": v["eu_funding"],
                "website": v["website"],
                "page_url": page.format(v["pk"]),
                "updated_at": v["updated_at"],
            }


FINANCING_COLUMNS = (
    "case_number", "programme_cci", "total_budget", "eu_funding", "eu_rate", "cofinancing_public",
    "cofinancing_private", "cofinancing_unspecified", "paid_out",
)


def financing_rows(site: str) -> Iterator[dict]:
    fields = ("pk", "case_number", "programme__cci", "total_budget", "eu_funding", "paid_out")
    for chunk in _chunks(Project.objects.order_by("pk").values(*fields)):
        sums = defaultdict(lambda: Decimal("0.00"))
        for project_id, kind, amount in (
            CoFinancing.objects.filter(project_id__in=[values["pk"] for values in chunk])
            .order_by()
            .values("project_id", "kind")
            .annotate(amount=Sum("amount"))
            .values_list("project_id", "kind", "amount")
        ):
            sums[project_id, kind] = amount.quantize(Decimal("0.01"))  # SQLite's SUM drops the decimals
        for v in chunk:
            total, eu = v["total_budget"], v["eu_funding"]
            public, private = sums[v["pk"], CoFinancing.Kind.PUBLIC], sums[v["pk"], CoFinancing.Kind.PRIVATE]
            yield {
                "case_number": v["case_number"],
                "programme_cci": v["programme__cci"],
                "total_budget": total,
                "eu_funding": eu,
                # As Project.eu_rate: per cent with one decimal.
                "eu_rate": (eu * 100 / total).quantize(Decimal("0.1")) if total else None,
                "cofinancing_public": public,
                "cofinancing_private": private,
                # The part of the budget no co-financing line names (never below zero).
                "cofinancing_unspecified": max(total - eu - public - private, Decimal("0.00")),
                # The EU funding paid out so far; None (empty, null) when not known.
                "paid_out": v["paid_out"],
            }


INDICATOR_COLUMNS = (
    "case_number", "programme_cci", "indicator", "indicator_sv", "indicator_en", "unit_sv", "unit_en",
    "indicator_kind", "kind", "phase", "value", "reference_date",
)


def indicator_rows(site: str) -> Iterator[dict]:
    """The approved indicator values, one a row: one query, read in chunks."""
    from samverka.results.models import IndicatorValue

    values = IndicatorValue.objects.counted().order_by("pk").values_list(
        "project__case_number", "project__programme__cci", "indicator__code", "indicator__name_sv",
        "indicator__name_en", "indicator__unit_sv", "indicator__unit_en", "indicator__kind", "kind", "phase",
        "value", "reference_date",
    )
    for row in values.iterator(chunk_size=CHUNK):
        yield dict(zip(INDICATOR_COLUMNS, row, strict=True))


def indicators_modified():
    from samverka.results.models import IndicatorValue

    return IndicatorValue.objects.counted().aggregate(latest=Max("updated_at"))["latest"]


def projects_modified():
    return Project.objects.aggregate(latest=Max("updated_at"))["latest"]


DATASETS = {
    dataset.slug: dataset
    for dataset in [
        Dataset(
            slug="projekt",
            title_sv="Projektregistret",
            title_en="The project registry",
            description_sv=(
                "Alla projekt i nätverket: ärende-ID, program, projektägare, projektportfölj, programområde, "
                "län, projektperiod, total budget, beviljat EU-stöd och status. Inga personuppgifter."
            ),
            description_en=(
                "Every project in the network: case number, programme, project owner, portfolio, programme area, "
                "counties, project period, total budget, EU funding granted and status. No personal data."
            ),
            columns=PROJECT_COLUMNS,
            formats=("csv", "json", "geojson"),
            rows=project_rows,
            modified=projects_modified,
        ),
        Dataset(
            slug="finansiering",
            title_sv="Projektens finansiering",
            title_en="Project financing",
            description_sv=(
                "Finansieringen per projekt: total budget, beviljat EU-stöd, EU-andel, offentlig och privat "
                "medfinansiering och utbetalt EU-stöd där det är känt, i kronor."
            ),
            description_en=(
                "Financing per project: total budget, EU funding granted, EU share, public and private "
                "co-financing and EU funding paid out where known, in SEK."
            ),
            columns=FINANCING_COLUMNS,
            formats=("csv", "json"),
            rows=financing_rows,
            modified=projects_modified,
        ),
        Dataset(
            slug="indikatorer",
            title_sv="Indikatorer och projektens resultat",
            title_en="Indicators and the projects' results",
            description_sv=(
                "Projektens godkända indikatorvärden: utgångsvärde, målvärde och utfall per indikator "
                "(EU:s gemensamma indikatorer och programmens egna), med referensdatum och enhet."
            ),
            description_en=(
                "The projects' approved indicator values: baseline, target and achieved value per indicator "
                "(the EU's common indicators and the programmes' own), with reference date and unit."
            ),
            columns=INDICATOR_COLUMNS,
            formats=("csv", "json"),
            rows=indicator_rows,
            modified=indicators_modified,
        ),
    ]
}

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json", "geojson": "application/geo+json"}


def _text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _json_value(value):
    # Amounts as strings, so that no reader turns them into floats; dates as ISO 8601.
    if value is None or isinstance(value, bool | int | str):
        return value
    return _text(value)


class _Echo:
    def write(self, value):
        return value


def as_csv(dataset: Dataset, site: str) -> Iterator[str]:
    writer = csv.writer(_Echo(), lineterminator="\n")
    yield writer.writerow(dataset.columns)
    for row in dataset.rows(site):
        yield writer.writerow([_text(row[column]) for column in dataset.columns])


def as_json(dataset: Dataset, site: str, licence: str) -> Iterator[str]:
    head = {"dataset": dataset.slug, "title": {"sv": dataset.title_sv, "en": dataset.title_en}, "license": licence}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "items": ['
    for index, row in enumerate(dataset.rows(site)):
        item = {column: _json_value(row[column]) for column in dataset.columns}
        yield ("," if index else "") + "\n" + json.dumps(item, ensure_ascii=False)
    yield "\n]}\n"


def as_geojson(dataset: Dataset, site: str, licence: str) -> Iterator[str]:
    """A FeatureCollection: one Point feature per project at its programme area's point."""
    yield json.dumps({"type": "FeatureCollection", "license": licence})[:-1] + ', "features": ['
    for index, row in enumerate(dataset.rows(site)):
        point = AREA_POINTS.get(row["area_code"])
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": list(point)} if point else None,
            "properties": {column: _json_value(row[column]) for column in dataset.columns},
        }
        yield ("," if index else "") + "\n" + json.dumps(feature, ensure_ascii=False)
    yield "\n]}\n"
