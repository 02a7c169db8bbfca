"""Import a managing authority's list of operations: parse and check every row first.

``parse_operations`` reads the file, recognises the columns (see headers.py), understands
each cell (see cells.py), finds the programme, programme area, counties, municipalities,
portfolio and thematic objective of every row, and collects every problem as
(row as the person sees it in the file, column heading as written, reason). It reads the
database but never writes. ``upserts.plan_operations`` and ``upserts.apply_plan`` then
compare with what is stored and save everything in one transaction.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from . import headers
from .cells import CellError, is_blank, parse_amount, parse_date, parse_rate, text
from .headers import fold
from .models import Portfolio, Programme, Region, ThemeArea
from .sheets import SheetError, read_rows
from .validators import normalise_org_number, validate_case_number

KEEP = None  # a column the file does not have: the stored value stays as it is
CCI_RE = re.compile(r"\b(\d{4}[A-Z]{2}\d{2}[A-Z0-9]{4,10})\b")
LIST_SPLIT = re.compile(r"\s*[,;/\n]\s*")
HEADER_SEARCH_ROWS = 10
TITLE_MAX = 255
PROGRESS_EVERY = 250

# The thematic objectives (2014–2020) and policy objectives (2021–2027) in Swedish and English,
# so that "Att stödja övergången till en koldioxidsnål ekonomi inom alla sektorer" is TO4.
OBJECTIVES = {
    "TO1": ["stärka forskning, teknisk utveckling och innovation", "strengthening research, technological development and innovation"],
    "TO2": ["öka tillgången till, användningen av och kvaliteten på informations- och kommunikationsteknik", "enhancing access to, and use and quality of, information and communication technologies"],
    "TO3": ["öka konkurrenskraften hos små och medelstora företag", "enhancing the competitiveness of SMEs"],
    "TO4": ["stödja övergången till en koldioxidsnål ekonomi inom alla sektorer", "supporting the shift towards a low-carbon economy in all sectors"],
    "TO5": ["främja anpassning till klimatförändringar, riskförebyggande och riskhantering", "promoting climate change adaptation, risk prevention and management"],
    "TO6": ["bevara och skydda miljön och främja ett effektivt resursutnyttjande", "preserving and protecting the environment and promoting resource efficiency"],
    "TO7": ["främja hållbara transporter och få bort flaskhalsar i viktig nätinfrastruktur", "promoting sustainable transport and removing bottlenecks in key network infrastructures"],
    "TO8": ["främja hållbar sysselsättning av god kvalitet och arbetskraftens rörlighet", "promoting sustainable and quality employment and supporting labour mobility"],
    "TO9": ["främja social inkludering och bekämpa fattigdom och all slags diskriminering", "promoting social inclusion, combating poverty and any discrimination"],
    "TO10": ["investera i utbildning, kompetens och livslångt lärande", "investing in education, training and vocational training for skills and lifelong learning"],
    "TO11": ["förbättra den institutionella kapaciteten hos offentliga myndigheter", "enhancing institutional capacity of public authorities"],
    "PO1": ["ett mer konkurrenskraftigt och smartare europa", "a more competitive and smarter europe"],
    "PO2": ["ett grönare, koldioxidsnålt europa", "a greener, low-carbon europe"],
    "PO3": ["ett mer sammanlänkat europa", "a more connected europe"],
    "PO4": ["ett mer socialt och inkluderande europa", "a more social and inclusive europe"],
    "PO5": ["ett europa närmare medborgarna", "europe closer to citizens"],
}
OBJECTIVE_CODE_RE = re.compile(
    r"^(?:(to|tm|tematiskt mal|thematic objective)|(po|politiskt mal|policy objective))?\s*(\d{1,2})\b"
)


@dataclass
class Problem:
    row: int | None  # as the person sees it in the file, the header row included; None: the whole file
    column: str  # the heading as written in the file, or "" for the whole row or file
    message: str

    def __str__(self):
        if self.row is None:
            return self.message
        if not self.column:
            return _("row %(row)s: %(reason)s") % {"row": self.row, "reason": self.message}
        return _("row %(row)s, column %(column)s: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.message,
        }

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Operation:
    """One row as it will be saved. ``KEEP`` (None) in a list field: the file has no such column."""

    row: int
    programme_id: int
    case_number: str
    title: str
    owner_name: str
    org_number: str
    start_date: datetime.date
    end_date: datetime.date
    total_budget: Decimal
    eu_funding: Decimal
    summary: str | None = KEEP
    website: str | None = KEEP
    portfolio_id: int | None = KEEP
    set_portfolio: bool = False
    area_id: int | None = KEEP
    set_area: bool = False
    county_ids: list[int] | None = KEEP
    # (existing municipality id, None, None) or (None, name to create, county id)
    municipalities: list[tuple] | None = KEEP
    public_cofinancing: Decimal | None = KEEP
    # Paid out is known for some projects only: an empty cell, like a missing column, keeps what is stored.
    paid_out: Decimal | None = KEEP
    private_cofinancing: Decimal | None = KEEP
    theme_code: str = ""
    theme_id: int | None = KEEP


@dataclass
class ParseResult:
    operations: list[Operation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total_rows: int = 0
    headings: dict[str, str] = field(default_factory=dict)  # field -> heading as written
    names: dict[tuple, str] = field(default_factory=dict)  # ("programme", id) -> name, for previews

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_operations(
    data: bytes,
    *,
    mapping: dict[str, str] | None = None,
    programme_cci: str = "",
    portfolio_slug: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> ParseResult:
    """Read and check a whole list of operations. Reads the database, writes nothing.

    ``mapping`` is {folded heading: field} from ``headers.parse_map``; ``programme_cci`` and
    ``portfolio_slug`` apply to rows that do not name their own; ``progress(done, total)`` is
    called every few hundred rows.
    """
    result = ParseResult()
    try:
        rows = read_rows(data)
    except SheetError as error:
        result.problems.append(Problem(None, "", str(error)))
        return result

    header_index, columns = _find_header(rows, mapping)
    missing = [name for name in headers.REQUIRED if name not in columns]
    if "eu_funding" not in columns and "eu_rate" not in columns:
        missing.append("eu_funding")
    if missing:
        result.problems.append(
            Problem(
                None,
                "",
                _("No header row was recognised: the columns for %(fields)s are missing.")
                % {"fields": ", ".join(str(headers.FIELDS[name]) for name in missing)},
            )
        )
        return result

    header = rows[header_index]
    result.headings = {name: text(header[index]) for name, index in columns.items()}
    lookups = Lookups()
    result.names = lookups.names
    options = _options(lookups, programme_cci, portfolio_slug, result)
    if result.problems:
        return result

    data_rows = rows[header_index + 1 :]
    result.total_rows = sum(1 for row in data_rows if not _blank_row(row))
    seen: dict[tuple, int] = {}
    done = 0
    for offset, cells in enumerate(data_rows):
        if _blank_row(cells):
            continue
        row_number = header_index + offset + 2
        reader = RowReader(row_number, cells, columns, result.headings)
        operation = _read_operation(reader, lookups, options)
        if operation is not None:
            key = (operation.programme_id, operation.case_number)
            if key in seen:
                reader.problem(
                    "case_number",
                    _("The case number %(case)s is in both row %(first)s and row %(row)s.")
                    % {"case": operation.case_number, "first": seen[key], "row": row_number},
                )
            else:
                seen[key] = row_number
                result.operations.append(operation)
        result.problems.extend(reader.problems)
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, result.total_rows)
    if progress:
        progress(done, result.total_rows)
    return result


def _blank_row(cells) -> bool:
    return all(is_blank(cell) for cell in cells)


def _find_header(rows, mapping) -> tuple[int, dict[str, int]]:
    """The row (among the first few) that names the most known columns, and field -> index."""
    best_index, best_columns = 0, {}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for position, heading in enumerate(row):
            name = headers.field_for(heading, mapping)
            if name and name not in columns:  # the first of two columns for one field wins
                columns[name] = position
        if len(columns) > len(best_columns):
            best_index, best_columns = index, columns
    return best_index, best_columns


@dataclass
class Options:
    programme: Programme | None
    portfolio: Portfolio | None


def _options(lookups, programme_cci, portfolio_slug, result) -> Options:
    programme = portfolio = None
    if programme_cci:
        programme = lookups.programme_by_cci.get(programme_cci.strip().upper())
        if programme is None:
            result.problems.append(Problem(None, "", _("Unknown programme “%(value)s”.") % {"value": programme_cci}))
    if portfolio_slug:
        portfolio = lookups.portfolio(portfolio_slug)
        if portfolio is None:
            result.problems.append(Problem(None, "", _("Unknown portfolio “%(value)s”.") % {"value": portfolio_slug}))
    return Options(programme, portfolio)


class Lookups:
    """Every programme, region, portfolio and theme area, read once, keyed by what files write."""

    def __init__(self):
        self.names: dict[tuple, str] = {}
        self.programmes = list(Programme.objects.select_related("period"))
        self.programme_by_cci = {programme.cci.upper(): programme for programme in self.programmes}
        self.programme_by_name = {fold(programme.name): programme for programme in self.programmes}
        for programme in self.programmes:
            self.names["programme", programme.pk] = str(programme)
        self.areas: dict[str, Region] = {}
        self.counties: dict[str, Region] = {}
        self.municipalities: dict[str, list[Region]] = {}
        for region in Region.objects.all():
            self.names["region", region.pk] = region.name
            if region.kind == Region.Kind.AREA:
                for key in (fold(region.name), fold(region.code), fold(region.slug)):
                    self.areas.setdefault(key, region)
            elif region.kind == Region.Kind.COUNTY:
                keys = [*county_keys(region.name), fold(region.slug), fold(region.code)]
                if region.code.isdigit():
                    keys.append(str(int(region.code)))
                for key in keys:
                    self.counties.setdefault(key, region)
            else:
                self.municipalities.setdefault(municipality_key(region.name), []).append(region)
        self.portfolios: dict[str, Portfolio] = {}
        for portfolio in Portfolio.objects.all():
            self.names["portfolio", portfolio.pk] = portfolio.name
            for key in (fold(portfolio.name), fold(portfolio.slug), fold(portfolio.name_en)):
                if key:
                    self.portfolios.setdefault(key, portfolio)
        self.themes: dict[tuple[int, str], ThemeArea] = {}
        self.theme_words: list[tuple[str, str]] = [
            (fold(re.sub(r"^att ", "", words)), code) for code, phrases in OBJECTIVES.items() for words in phrases
        ]
        theme_portfolios: dict[int, list[int]] = {}
        for portfolio in self.portfolios.values():
            ids = theme_portfolios.setdefault(portfolio.theme_id, [])
            if portfolio.pk not in ids:
                ids.append(portfolio.pk)
        self.single_portfolio: dict[int, int] = {}
        for theme in ThemeArea.objects.all():
            self.themes[theme.period_id, theme.code.upper()] = theme
            for words in (theme.name, theme.name_en):
                if words:
                    self.theme_words.append((fold(re.sub(r"(?i)^att ", "", words)), theme.code.upper()))
            if len(theme_portfolios.get(theme.pk, [])) == 1:
                self.single_portfolio[theme.pk] = theme_portfolios[theme.pk][0]

    def portfolio(self, value) -> Portfolio | None:
        return self.portfolios.get(fold(value))

    def county(self, value) -> Region | None:
        for key in county_keys(value):
            if key in self.counties:
                return self.counties[key]
        return None

    def theme_code(self, value, period_start: int) -> str | None:
        folded = fold(value)
        match = OBJECTIVE_CODE_RE.match(folded)
        if match:
            thematic, policy, number = match.groups()
            prefix = "PO" if policy or (not thematic and period_start >= 2021) else "TO"
            return f"{prefix}{int(number)}"
        folded = re.sub(r"^att ", "", folded)
        for words, code in self.theme_words:
            if words == folded or words in folded or (len(folded) >= 12 and folded in words):
                return code
        return None


def county_keys(name) -> list[str]:
    """"Norrbottens län", "Norrbotten" and "norrbottens" all meet in one of these keys."""
    key = fold(name)
    bare = re.sub(r" (lan|county)$", "", key)
    keys = [key, bare]
    if bare.endswith("s") and len(bare) > 4:
        keys.append(bare[:-1])
    if bare.isdigit():
        keys.append(str(int(bare)))
    return keys


def municipality_key(name) -> str:
    return re.sub(r"s? kommun$", "", fold(name))


class RowReader:
    """One data row: cells by field, and the problems found in it."""

    def __init__(self, row_number, cells, columns, headings):
        self.row_number = row_number
        self.cells = cells
        self.columns = columns
        self.headings = headings
        self.problems: list[Problem] = []

    def has(self, name) -> bool:
        return name in self.columns

    def raw(self, name):
        index = self.columns.get(name)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def text(self, name) -> str:
        return text(self.raw(name))

    def problem(self, name, message) -> None:
        self.problems.append(Problem(self.row_number, self.headings.get(name, ""), str(message)))

    def required(self, name) -> str:
        value = self.text(name)
        if not value:
            self.problem(name, _("A value is required here."))
        return value

    def cell(self, name, parse):
        """The parsed cell, or None after noting a problem."""
        try:
            return parse(self.raw(name))
        except CellError as error:
            self.problem(name, str(error))
            return None


def _read_operation(reader: RowReader, lookups: Lookups, options: Options) -> Operation | None:
    """Read and check one row; None when it has a problem (noted on the reader)."""
    case_number = reader.required("case_number")
    if case_number:
        try:
            validate_case_number(case_number)
        except ValidationError as error:
            reader.problem("case_number", error.messages[0])
    title = reader.required("title")
    if len(title) > TITLE_MAX:
        reader.problem(
            "title",
            _("The project name is %(length)s characters long; at most %(max)s are allowed.")
            % {"length": len(title), "max": TITLE_MAX},
        )
    owner_name = reader.required("owner_name")
    org_number = ""
    if reader.text("org_number"):
        try:
            org_number = normalise_org_number(reader.text("org_number"))
        except ValidationError as error:
            reader.problem("org_number", error.messages[0])

    start_date = _required_cell(reader, "start_date", parse_date)
    end_date = _required_cell(reader, "end_date", parse_date)
    if start_date and end_date and end_date < start_date:
        reader.problem(
            "end_date",
            _("The end date %(end)s is before the start date %(start)s.")
            % {"end": end_date.isoformat(), "start": start_date.isoformat()},
        )
    total_budget = _required_cell(reader, "total_budget", parse_amount)
    eu_funding = _eu_funding(reader, total_budget)
    public = reader.cell("public_cofinancing", parse_amount) if reader.has("public_cofinancing") else KEEP
    private = reader.cell("private_cofinancing", parse_amount) if reader.has("private_cofinancing") else KEEP
    paid_out = reader.cell("paid_out", parse_amount) if reader.has("paid_out") else KEEP

    area, counties = _read_places(reader, lookups)
    programme = _read_programme(reader, lookups, options, area, start_date)
    if area is None and programme is not None:
        area = programme.area
    municipalities = _read_municipalities(reader, lookups, counties)
    theme_code, portfolio, set_portfolio = _read_portfolio(reader, lookups, options, programme)
    theme = lookups.themes.get((programme.period_id, theme_code)) if theme_code and programme else None
    website = KEEP
    if reader.has("website"):
        website = reader.text("website")
        if website and not re.match(r"(?i)^https?://", website):
            website = "https://" + website
        if website:
            try:
                URLValidator()(website)
            except ValidationError:
                reader.problem("website", _("“%(value)s” is not a web address.") % {"value": reader.text("website")})

    if reader.problems or programme is None:
        return None
    return Operation(
        row=reader.row_number,
        programme_id=programme.pk,
        case_number=case_number,
        title=title,
        owner_name=owner_name[:255],
        org_number=org_number,
        start_date=start_date,
        end_date=end_date,
        total_budget=total_budget,
        eu_funding=eu_funding,
        summary=reader.text("summary") if reader.has("summary") else KEEP,
        website=website,
        portfolio_id=portfolio.pk if portfolio else None,
        set_portfolio=set_portfolio,
        area_id=area.pk if area else None,
        set_area=area is not None,
        county_ids=[county.pk for county in counties] if counties is not None else KEEP,
        municipalities=municipalities,
        public_cofinancing=public,
        private_cofinancing=private,
        paid_out=paid_out,
        theme_code=theme_code or "",
        theme_id=theme.pk if theme else KEEP,
    )


def _required_cell(reader, name, parse):
    if is_blank(reader.raw(name)):
        reader.problem(name, _("A value is required here."))
        return None
    return reader.cell(name, parse)


def _eu_funding(reader, total_budget) -> Decimal | None:
    """The granted EU amount, or the total budget times the rate when only the rate is given."""
    if not is_blank(reader.raw("eu_funding")):
        name = "eu_funding"
        eu_funding = reader.cell(name, parse_amount)
    elif not is_blank(reader.raw("eu_rate")):
        name = "eu_rate"
        rate = reader.cell(name, parse_rate)
        if rate is None or total_budget is None:
            return None
        eu_funding = (total_budget * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    else:
        reader.problem("eu_funding" if reader.has("eu_funding") else "eu_rate", _("A value is required here."))
        return None
    if eu_funding is not None and total_budget is not None and eu_funding > total_budget:
        reader.problem(
            name,
            _("The EU funding %(eu)s is larger than the total budget %(total)s.")
            % {"eu": eu_funding, "total": total_budget},
        )
    return eu_funding


def _read_places(reader, lookups) -> tuple[Region | None, list[Region] | None]:
    """The programme area and the counties the row names (None: the file does not say)."""
    area = None
    counties = KEEP
    if reader.text("area"):
        area = lookups.areas.get(fold(reader.text("area")))
        if area is None:
            reader.problem("area", _("Unknown programme area “%(value)s”.") % {"value": reader.text("area")})
    if reader.has("counties"):
        counties = []
        for name in LIST_SPLIT.split(reader.text("counties")):
            if not name:
                continue
            county = lookups.county(name)
            if county is None:
                reader.problem("counties", _("Unknown county “%(value)s”.") % {"value": name})
            elif county not in counties:
                counties.append(county)
    if reader.text("region"):
        # Kohesio's region is a programme area or a county.
        value = reader.text("region")
        found_area = lookups.areas.get(fold(value))
        county = None if found_area else lookups.county(value)
        if found_area is None and county is None:
            reader.problem("region", _("Unknown region “%(value)s”.") % {"value": value})
        area = area or found_area
        if county is not None and counties is KEEP:
            counties = [county]
    if area is None and counties:
        parent = next((county.parent_id for county in counties if county.parent_id), None)
        if parent is not None:
            area = next((region for region in lookups.areas.values() if region.pk == parent), None)
    return area, counties


def _read_programme(reader, lookups, options, area, start_date) -> Programme | None:
    for name in ("cci", "programme"):
        value = reader.text(name)
        if not value:
            continue
        match = CCI_RE.search(value.upper())
        programme = lookups.programme_by_cci.get(match.group(1)) if match else lookups.programme_by_name.get(fold(value))
        if programme is None:
            reader.problem(name, _("Unknown programme “%(value)s”.") % {"value": value})
        return programme
    if options.programme is not None:
        return options.programme
    if area is None and (reader.text("area") or reader.text("region")):
        return None  # the unknown area is already a problem
    if area is not None:
        if start_date is None:
            return None  # the missing date is already a problem
        year = start_date.year
        candidates = [programme for programme in lookups.programmes if programme.area_id == area.pk]
        within = [p for p in candidates if p.period.start_year <= year <= p.period.end_year]
        earlier = sorted((p for p in candidates if p.period.start_year <= year), key=lambda p: p.period.start_year)
        programme = within[0] if within else (earlier[-1] if earlier else None)
        if programme is None:
            column = "area" if reader.text("area") else ("region" if reader.text("region") else "counties")
            reader.problem(
                column,
                _("There is no programme for %(area)s in the programme period of %(date)s.")
                % {"area": area.name, "date": start_date.isoformat()},
            )
        return programme
    reader.problem(
        "",
        _("The programme is unknown: add a CCI or programme area column, or choose a programme for the whole file."),
    )
    return None


def _read_municipalities(reader, lookups, counties) -> list[tuple] | None:
    if not reader.has("municipalities"):
        return KEEP
    found = []
    county_ids = {county.pk for county in counties or []}
    for name in LIST_SPLIT.split(reader.text("municipalities")):
        if not name:
            continue
        known = lookups.municipalities.get(municipality_key(name), [])
        match = next((region for region in known if region.parent_id in county_ids), known[0] if known else None)
        if match is not None:
            found.append((match.pk, None, None))
        elif counties:
            found.append((None, re.sub(r"(?i) kommun$", "", name).strip(), counties[0].pk))
        elif not any(problem.column == reader.headings.get("counties") for problem in reader.problems):
            reader.problem(
                "municipalities",
                _("The municipality “%(value)s” is unknown and cannot be added without a county.") % {"value": name},
            )
    return found


def _read_portfolio(reader, lookups, options, programme) -> tuple[str | None, Portfolio | None, bool]:
    """The thematic objective's code, the portfolio, and whether the file says which portfolio."""
    theme_code = None
    theme_portfolio = None
    if reader.text("theme"):
        period_start = programme.period.start_year if programme else 2014
        theme_code = lookups.theme_code(reader.text("theme"), period_start)
        if theme_code is None:
            reader.problem("theme", _("Unknown thematic objective “%(value)s”.") % {"value": reader.text("theme")})
        elif programme is not None:
            theme = lookups.themes.get((programme.period_id, theme_code))
            if theme is not None and theme.pk in lookups.single_portfolio:
                theme_portfolio = lookups.single_portfolio[theme.pk]
    if reader.text("portfolio"):
        portfolio = lookups.portfolio(reader.text("portfolio"))
        if portfolio is None:
            reader.problem("portfolio", _("Unknown portfolio “%(value)s”.") % {"value": reader.text("portfolio")})
        return theme_code, portfolio, True
    if options.portfolio is not None:
        return theme_code, options.portfolio, True
    if theme_portfolio is not None:
        return theme_code, next(p for p in lookups.portfolios.values() if p.pk == theme_portfolio), True
    return theme_code, None, False
