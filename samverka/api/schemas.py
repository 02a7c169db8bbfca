"""What the API answers, as typed schemas (the OpenAPI description is made from them).

Only public facts: no person, no e-mail address, no phone number, no video link, no
registration, no ballot; a sole trader's organisation number is left out (it is the owner's
personal identity number). Amounts are exact decimals in SEK, written as strings in JSON so
that no reader turns them into floats.
"""

import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from samverka.registry.models import ProjectStatus


class Schema(BaseModel):
    """An answer's shape. Plain pydantic rather than ninja's Schema: the endpoints build dicts
    themselves, and ninja's per-object attribute resolver would be a fifth of a list's time."""

Status = Literal[tuple(ProjectStatus.values)]


class Error(Schema):
    detail: str


class Named(Schema):
    """A name in both languages where the data has both (``name_en`` may be empty)."""

    name_sv: str
    name_en: str


class PeriodOut(Schema):
    name: str
    start_year: int
    end_year: int


class RegionRef(Schema):
    code: str
    name: str
    slug: str


class RegionOut(RegionRef):
    kind: Literal["area", "county"]
    parent: str | None  # the programme area's code, for a county


class ThemeOut(Named):
    code: str
    period: str


class PortfolioRef(Named):
    slug: str


class PortfolioOut(PortfolioRef):
    description_sv: str
    description_en: str
    theme: str | None
    period: str | None


class ProgrammeRef(Schema):
    cci: str
    name: str


class ProgrammeOut(ProgrammeRef):
    kind: Literal["regional", "national"]
    period: str
    managing_authority: str
    area: str | None  # the programme area's code


class OrganisationOut(Schema):
    id: int
    name: str
    org_number: str | None
    website: str


class ProjectOut(Schema):
    case_number: str
    programme: ProgrammeRef
    period: str
    title: str
    summary: str
    owner: OrganisationOut
    portfolio: PortfolioRef | None
    theme: str | None
    area: RegionRef | None
    counties: list[RegionRef]
    start_date: datetime.date
    end_date: datetime.date
    status: Status
    total_budget: Decimal
    eu_funding: Decimal
    paid_out: Decimal | None  # the EU funding paid out so far; null when not known
    website: str
    url: str
    page_url: str
    updated_at: datetime.datetime


class CoFinancingOut(Schema):
    financier: str
    kind: Literal["public", "private"]
    amount: Decimal


class FinancingOut(Schema):
    total_budget: Decimal
    eu_funding: Decimal
    eu_rate: Decimal | None
    paid_out: Decimal | None  # null when not known
    cofinancing_public: Decimal
    cofinancing_private: Decimal
    cofinancing: list[CoFinancingOut]


class ProjectDetailOut(ProjectOut):
    background: str
    purpose: str
    target_groups: str
    expected_results: str
    municipalities: list[RegionRef]
    financing: FinancingOut


class EventOut(Schema):
    id: int
    kind: str
    format: str
    status: Literal["published", "cancelled"]
    title: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    invited_portfolios: list[str]
    page_url: str


class AttachmentOut(Schema):
    title: str
    url: str
    content_type: str
    size: int


class ProjectRef(Schema):
    case_number: str
    programme: str


class KnowledgeItemOut(Schema):
    id: int
    kind: str
    title: str
    lead: str
    body: str
    language: str
    published_at: datetime.datetime
    projects: list[ProjectRef]
    portfolios: list[str]
    tags: list[str]
    attachments: list[AttachmentOut]
    page_url: str


class NewsItemOut(Schema):
    id: int
    title: str
    lead: str
    body: str
    language: str
    published_at: datetime.datetime
    portfolios: list[str]
    tags: list[str]
    attachments: list[AttachmentOut]
    page_url: str


def page_of(item_schema, name: str):
    """The envelope of a list: its items and the next page's address (null on the last page)."""
    return type(name, (Schema,), {"__annotations__": {"items": list[item_schema], "next": str | None}})


PeriodPage = page_of(PeriodOut, "PeriodPage")
ProgrammePage = page_of(ProgrammeOut, "ProgrammePage")
RegionPage = page_of(RegionOut, "RegionPage")
ThemePage = page_of(ThemeOut, "ThemePage")
PortfolioPage = page_of(PortfolioOut, "PortfolioPage")
OrganisationPage = page_of(OrganisationOut, "OrganisationPage")
ProjectPage = page_of(ProjectOut, "ProjectPage")
EventPage = page_of(EventOut, "EventPage")
KnowledgeItemPage = page_of(KnowledgeItemOut, "KnowledgeItemPage")
NewsItemPage = page_of(NewsItemOut, "NewsItemPage")


# The answers every endpoint may give besides 200: a refused parameter (400), nothing found
# (404), a value of the wrong type or range (422), too many requests (429, with Retry-After).
ERRORS = {400: Error, 404: Error, 422: Error, 429: Error}


class IndicatorOut(Schema):
    code: str
    name_sv: str
    name_en: str
    unit_sv: str
    unit_en: str
    kind: Literal["output", "result"]
    period: str
    programme_specific: bool
    programme: str | None  # the CCI code, for a programme-specific indicator


class IndicatorValueOut(Schema):
    id: int
    project: ProjectRef
    indicator: str
    kind: Literal["baseline", "target", "achieved"]
    phase: Literal["during", "follow_up"]
    value: Decimal
    reference_date: datetime.date
    breakdown: dict


class FundingRowOut(Schema):
    name: str | None  # null: the projects that have no value for this group (no portfolio, say)
    slug: str
    code: str
    projects: int
    total_budget: Decimal
    eu_funding: Decimal
    # The sum paid out over the projects whose amount is known (paid_out_known of them); null when none is.
    paid_out: Decimal | None
    paid_out_known: int
    cofinancing_public: Decimal
    cofinancing_private: Decimal


class FundingOut(Schema):
    currency: Literal["SEK", "EUR"]
    eur_rate: Decimal  # SEK per euro, the fixed rate EUR amounts use
    last_updated: datetime.datetime | None
    total: FundingRowOut
    portfolio: list[FundingRowOut]
    area: list[FundingRowOut]
    county: list[FundingRowOut]
    period: list[FundingRowOut]
    theme: list[FundingRowOut]


class IndicatorSumOut(Schema):
    group: str
    group_slug: str
    code: str
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    achieved: Decimal | None
    follow_up: Decimal | None
    share_of_target: Decimal | None
    projects: int


IndicatorPage = page_of(IndicatorOut, "IndicatorPage")
IndicatorValuePage = page_of(IndicatorValueOut, "IndicatorValuePage")
