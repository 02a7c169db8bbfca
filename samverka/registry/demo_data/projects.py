"""About 120 demo projects, generated from the building blocks in texts.py.

Everything that identifies a project (case number, title, programme, owner) comes from
the seeded generator alone, so the same projects come out on every run and load_demo can
add only what is missing. ``today`` moves only the dates of the few projects that must not
have started yet, never their identity.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from . import texts
from .geography import AREAS, MUNICIPALITIES, PLACES, PORTFOLIOS

PROJECTS_PER_PERIOD = {"2014–2020": 72, "2021–2027": 48}
NOT_STARTED = 6  # the last projects of 2021–2027 start after today
NATIONAL_EVERY = 15  # every 15th project belongs to the national programme
PRE_STUDY_EVERY = 7  # every 7th project is a pre-study
MIN_BUDGET, MAX_BUDGET = 200_000, 90_000_000


@dataclass
class DemoProject:
    period: str
    national: bool
    area_code: str
    county_codes: list[str]
    municipality_codes: list[str]
    portfolio_slug: str
    case_number: str
    title: str
    summary: str
    background: str
    purpose: str
    target_groups: str
    expected_results: str
    owner_org_number: str
    start_date: datetime.date
    end_date: datetime.date
    total_budget: Decimal
    eu_funding: Decimal
    cofinancing: list[tuple[str, str, Decimal]] = field(default_factory=list)  # financier, kind, amount
    status_override: str = ""
    paid_out: Decimal | None = None  # EU funding paid out so far; None: not known


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after ``day``'s month."""
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def _sentence(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _budget(rng: random.Random, pre_study: bool) -> int:
    if pre_study:
        return rng.randrange(200, 801) * 1000
    band = rng.random()
    if band < 0.6:
        millions = rng.uniform(2, 15)
    elif band < 0.9:
        millions = rng.uniform(15, 40)
    else:
        millions = rng.uniform(40, 90)
    return min(MAX_BUDGET, max(MIN_BUDGET, round(millions * 1000) * 1000))


def _split(rng: random.Random, amount: int, parts: int) -> list[int]:
    """Split a whole number of kronor into ``parts`` positive amounts that add up exactly."""
    weights = [rng.uniform(1, 3) for _ in range(parts)]
    total_weight = sum(weights)
    shares = [int(amount * weight / total_weight) for weight in weights[:-1]]
    shares.append(amount - sum(shares))
    return shares


def _cofinancing(rng, *, remainder: int, pre_study: bool, county_body: str, owner_name: str, owner_kind: str):
    """Public and private lines that, with the EU funding, make the total budget exactly.

    The owner's own contribution counts as public or private after what kind of body it is.
    """
    own_line = rng.random() < 0.6
    public = [county_body]
    private = []
    if not pre_study:
        public += rng.sample(texts.NATIONAL_FINANCIERS, rng.randrange(0, 3))
        private = rng.sample(texts.PRIVATE_FINANCIERS, rng.randrange(0, 3))
    if own_line:
        (public if owner_kind == "public" else private).append(owner_name)
    private_share = Decimal(rng.randrange(10, 41)) / 100 if private else Decimal(0)
    private_total = int(remainder * private_share)
    lines = []
    for name, amount in zip(public, _split(rng, remainder - private_total, len(public))):
        lines.append((name, "public", Decimal(amount)))
    if private:
        for name, amount in zip(private, _split(rng, private_total, len(private))):
            lines.append((name, "private", Decimal(amount)))
    return lines


def generate(owners, *, today: datetime.date, seed: int = 2020) -> list[DemoProject]:
    """The demo projects. ``owners`` is a list of (area code, name, org number, kind)."""
    rng = random.Random(seed)
    counties_by_area = {code: counties for code, _name, _slug, counties in AREAS}
    body_by_county = {c_code: body for _a, _n, _s, counties in AREAS for c_code, _cn, _cs, body in counties}
    municipalities_by_county = {}
    for m_code, _name, _slug, county_code in MUNICIPALITIES:
        municipalities_by_county.setdefault(county_code, []).append(m_code)
    owners_by_area = {}
    for area_code, name, number, kind in owners:
        owners_by_area.setdefault(area_code, []).append((name, number, kind))
    area_codes = list(counties_by_area)
    portfolio_slugs = [slug for slug, *_rest in PORTFOLIOS]
    topic_queues = {slug: [] for slug in portfolio_slugs}
    used_titles = set()

    projects = []
    index = 0
    for period, how_many in PROJECTS_PER_PERIOD.items():
        first_period = period == "2014–2020"
        for number in range(how_many):
            index += 1
            portfolio_slug = portfolio_slugs[number % len(portfolio_slugs)]
            if not topic_queues[portfolio_slug]:
                topic_queues[portfolio_slug] = rng.sample(texts.TOPICS[portfolio_slug], len(texts.TOPICS[portfolio_slug]))
            title_t, summary_t, purpose_t, target_groups, results_t = topic_queues[portfolio_slug].pop()
            area_code = rng.choice(area_codes)
            national = index % NATIONAL_EVERY == 0
            pre_study = index % PRE_STUDY_EVERY == 3

            places = rng.sample(PLACES[area_code], len(PLACES[area_code]))
            title = ""
            for place, place_county in places:
                candidate = (texts.PRE_STUDY if pre_study else "") + title_t.format(place=place)
                if candidate not in used_titles:
                    title = candidate
                    break
            else:
                place, place_county = places[0]
                title = title_t.format(place=place) + texts.FOLLOW_UP
            used_titles.add(title)

            # The place's county, and now and then a neighbouring county in the same area.
            counties = [code for code, *_ in counties_by_area[area_code]]
            county_codes = [place_county or rng.choice(counties)]
            others = [code for code in counties if code not in county_codes]
            if others and rng.random() < 0.3:
                county_codes.append(rng.choice(others))
            if national:
                other_area = rng.choice([code for code in area_codes if code != area_code])
                county_codes.append(rng.choice(counties_by_area[other_area])[0])
            main_county = county_codes[0]
            county_codes.sort()
            municipality_codes = [m for c in county_codes for m in municipalities_by_county.get(c, []) if rng.random() < 0.5]

            owner_name, owner_number, owner_kind = rng.choice(owners_by_area[area_code])
            summary = _sentence(summary_t.format(place=place), texts.PRE_STUDY_SUMMARY if pre_study else "")
            background = _sentence(rng.choice(texts.BACKGROUNDS[portfolio_slug]).format(place=place), rng.choice(texts.CLOSERS["background"]))
            purpose = _sentence(purpose_t, rng.choice(texts.CLOSERS["purpose"]))
            results = _sentence(results_t, rng.choice(texts.CLOSERS["expected_results"]))

            # Dates: 2014–2020 projects started 2015–2020 and ended by mid-2023; 2021–2027
            # projects start 2022–2025. The last few of the period start after today.
            if first_period:
                start = datetime.date(rng.randrange(2015, 2021), rng.randrange(1, 13), 1)
                latest_end = datetime.date(2023, 6, 30)
            else:
                start = datetime.date(rng.randrange(2022, 2026), rng.randrange(1, 13), 1)
                latest_end = datetime.date(2029, 6, 30)
            months = rng.randrange(6, 13) if pre_study else rng.randrange(24, 43)
            registered = start.year  # the case is opened the year the project was decided
            if not first_period and number >= how_many - NOT_STARTED:
                start = _add_months(today.replace(day=1), rng.randrange(1, 9))
            end = min(_add_months(start, months) - datetime.timedelta(days=1), latest_end)
            case_number = f"{registered}{100 + index * 7 + rng.randrange(7):04d}"

            total = _budget(rng, pre_study)
            eu = int(total * rng.uniform(0.40, 0.50))
            cofinancing = _cofinancing(
                rng,
                remainder=total - eu,
                pre_study=pre_study,
                county_body=body_by_county[main_county],
                owner_name=owner_name,
                owner_kind=owner_kind,
            )
            projects.append(
                DemoProject(
                    period=period,
                    national=national,
                    area_code=area_code,
                    county_codes=county_codes,
                    municipality_codes=municipality_codes,
                    portfolio_slug=portfolio_slug,
                    case_number=case_number,
                    title=title,
                    summary=summary,
                    background=background,
                    purpose=purpose,
                    target_groups=target_groups,
                    expected_results=results,
                    owner_org_number=owner_number,
                    start_date=start,
                    end_date=end,
                    total_budget=Decimal(total),
                    eu_funding=Decimal(eu),
                    cofinancing=cofinancing,
                )
            )
    # The extremes of the range exist: the smallest pre-study and the largest project.
    smallest = next(p for p in projects if p.title.startswith(texts.PRE_STUDY))
    largest = max(projects, key=lambda p: p.total_budget)
    for project, total in ((smallest, MIN_BUDGET), (largest, MAX_BUDGET)):
        _rescale(project, total)
    # One 2021–2027 project was cancelled, as happens.
    projects[PROJECTS_PER_PERIOD["2014–2020"] + 5].status_override = "cancelled"
    for project in projects:
        project.paid_out = _paid_out(project, today=today, seed=seed)
    return projects


def _paid_out(project: DemoProject, *, today: datetime.date, seed: int) -> Decimal | None:
    """What has been paid out of the EU funding by ``today``: most of it once a project has
    ended (the final payment may still be due), part of it for some running projects (payments
    follow the claims, in arrears), nothing known for projects not yet started or cancelled.

    A generator of its own per project, so that the projects' other figures stay as they were.
    """
    if project.status_override or project.start_date > today:
        return None
    rng = random.Random(f"{seed}:paid:{project.case_number}")
    if project.end_date < today:
        share = Decimal(1) if rng.random() < 0.4 else Decimal(rng.randrange(85, 100)) / 100
        return (project.eu_funding * share).quantize(Decimal(1))
    if rng.random() < 0.4:
        return None  # the managing authority's figures for this one are not in yet
    elapsed = (today - project.start_date).days / max(1, (project.end_date - project.start_date).days)
    share = Decimal(str(round(elapsed * rng.uniform(0.5, 0.9), 3)))
    return min(project.eu_funding, (project.eu_funding * share / 1000).quantize(Decimal(1)) * 1000)


def _rescale(project: DemoProject, total: int) -> None:
    """Give ``project`` a new total with the same EU rate and co-financing proportions."""
    factor = Decimal(total) / project.total_budget
    project.eu_funding = (project.eu_funding * factor).quantize(Decimal(1))
    remainder = Decimal(total) - project.eu_funding
    lines = project.cofinancing
    amounts = [(amount * factor).quantize(Decimal(1)) for _n, _k, amount in lines[:-1]]
    amounts.append(remainder - sum(amounts))
    project.cofinancing = [(name, kind, amount) for (name, kind, _a), amount in zip(lines, amounts)]
    project.total_budget = Decimal(total)
