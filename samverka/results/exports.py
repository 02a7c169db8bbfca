"""The statistics tables as CSV downloads: the same rows as the page, amounts exact in the chosen currency."""

import csv
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import freshness, statistics

FUNDING_TABLES = {
    "portfolios": ("portfolio", lambda: _("Portfolio")),
    "programme-areas": ("area", lambda: _("Programme area")),
    "counties": ("county", lambda: _("County")),
    "periods": ("period", lambda: _("Programme period")),
    "themes": ("theme", lambda: _("Thematic objective")),
}
INDICATOR_TABLES = {
    "indicators-by-portfolio": ("portfolio", lambda: _("Portfolio")),
    "indicators-by-programme": ("programme", lambda: _("Programme")),
}
TABLES = (*FUNDING_TABLES, *INDICATOR_TABLES, "engagement", "meetings-attended")


def cell(text) -> str:
    """A text cell no spreadsheet runs as a formula (names are typed by people)."""
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def amount(value) -> str:
    """An amount with its cents: ``5000000.00``."""
    return str(Decimal(value or 0).quantize(statistics.CENT))


def number(value) -> str:
    """A figure without trailing zeros or exponent: ``1500``, ``0.125``; empty for none."""
    return "" if value is None else format(Decimal(value).normalize(), "f")


def rows_for(table: str, currency: str):
    """The heading and rows of one table: the same figures as the page (see freshness.py)."""
    if table in FUNDING_TABLES:
        group, heading = FUNDING_TABLES[table]
        money = [
            _("Total budget (%(currency)s)"),
            _("EU funding granted (%(currency)s)"),
            _("Public co-financing (%(currency)s)"),
            _("Private co-financing (%(currency)s)"),
        ]
        header = [
            heading(),
            _("Projects"),
            *(label % {"currency": currency} for label in money),
            # The sum paid out, over the projects whose amount is known (the next column says how many).
            _("EU funding paid out (%(currency)s)") % {"currency": currency},
            _("Projects with a known amount paid out"),
        ]
        body = [
            [
                cell(row.label),
                row.projects,
                *(
                    amount(statistics.convert(money, currency))
                    for money in (row.total_budget, row.eu_funding, row.public, row.private)
                ),
                amount(statistics.convert(row.paid_out, currency)) if row.paid_known else "",
                row.paid_known,
            ]
            for row in freshness.figures()["funding"].tables[group]
        ]
        return header, body
    if table in INDICATOR_TABLES:
        by, heading = INDICATOR_TABLES[table]
        header = [
            heading(), _("Code"), _("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("Achieved"),
            _("Achieved, per cent of target"), _("Achieved after the end"), _("Projects"),
        ]
        body = [
            [
                cell(row.group), cell(row.code), cell(row.name), cell(row.unit), number(row.baseline),
                number(row.target), number(row.achieved), number(row.share), number(row.follow_up), row.projects,
            ]
            for row in freshness.figures()[f"indicators_by_{by}"]
        ]
        return header, body
    figures = freshness.figures()["engagement"]
    if table == "engagement":
        header = [_("Portfolio"), _("Projects invited"), _("Projects that came"), _("Projects that never came")]
        body = [[cell(row["label"]), row["invited"], row["attended"], row["never"]] for row in figures.portfolios]
        return header, body
    header = [_("Meetings attended"), _("Projects")]
    return header, [list(pair) for pair in figures.attended_counts]


def respond(table: str, currency: str) -> HttpResponse:
    header, body = rows_for(table, currency)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"statistik-{table}-{currency.lower()}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark so that spreadsheet programs read the Swedish letters right.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(body)
    return response
