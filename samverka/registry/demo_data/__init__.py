"""Demo data for Samverka: the reference case of a network of low-carbon ERDF projects.

``load_demo()`` is what ``python manage.py load_demo`` runs. It adds whatever is missing
and leaves everything that exists alone (looked up by natural keys: names, codes, CCI,
organisation numbers, case numbers, e-mail addresses, page slugs), so running it again
changes nothing and a coordinator's edits to the demo survive.
"""

import datetime
import random
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from . import geography, organisations, people, projects
from .statement import STATEMENT

CONTENT_DIR = Path(__file__).parent / "content"
SEED = 2020


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        parts = ", ".join(f"{count} {name}" for name, count in self.counts.items())
        new = sum(self.created.values())
        return f"Demo data: {parts} ({new} created now)."


def load_demo(*, today: datetime.date | None = None, password: str | None = None) -> Summary:
    """Create the demo data that does not exist yet.

    Side effects: inserts programme periods, regions, theme areas, portfolios, programmes,
    organisations, projects with counties, municipalities and co-financing, people with
    audiences and project roles, the three content pages and the accessibility statement.
    Never updates or deletes an existing row. Runs in one transaction.
    """
    today = today or timezone.localdate()
    password = password if password is not None else settings.DEMO_PASSWORD
    summary = Summary()
    with transaction.atomic():
        periods, regions, themes, portfolios, programmes = load_frame(summary)
        rng = random.Random(SEED)
        owner_rows = organisations.owners(rng)
        owners = _organisations(summary, owner_rows)
        demo_projects = projects.generate(owner_rows, today=today, seed=SEED)
        project_objs = _projects(summary, demo_projects, programmes, regions, portfolios, owners, themes)
        _people(summary, project_objs, password)
        _pages(summary)
        _statement(summary)
    return summary


def load_frame(summary: Summary | None = None):
    """The registry's frame without projects: programme periods, programme areas, counties and
    municipalities, theme areas, portfolios and programmes (created where missing). Returns
    ``(periods, regions, themes, portfolios, programmes)`` keyed as the demo keys them; the
    scale data (``registry/scale_data.py``) builds on the same frame."""
    summary = summary or Summary()
    periods = _periods(summary)
    regions = _regions(summary)
    themes = _themes(summary, periods)
    portfolios = _portfolios(summary, themes)
    programmes = _programmes(summary, periods, regions)
    return periods, regions, themes, portfolios, programmes


def _count(summary: Summary, name: str, total: int, created: int) -> None:
    summary.counts[name] = total
    summary.created[name] = created


def _periods(summary):
    from samverka.registry.models import ProgrammePeriod

    created = 0
    for name, start, end in geography.PERIODS:
        _obj, new = ProgrammePeriod.objects.get_or_create(name=name, defaults={"start_year": start, "end_year": end})
        created += new
    periods = {p.name: p for p in ProgrammePeriod.objects.filter(name__in=[n for n, *_ in geography.PERIODS])}
    _count(summary, "programme periods", len(periods), created)
    return periods


def _regions(summary):
    """Programme areas, then counties under them, then municipalities under the counties."""
    from samverka.registry.models import Region

    existing = {(r.kind, r.code): r for r in Region.objects.all()}
    created = {"area": 0, "county": 0, "municipality": 0}

    def add(kind, rows):
        missing = [Region(kind=kind, **row) for row in rows if (kind, row["code"]) not in existing]
        Region.objects.bulk_create(missing)
        created[kind] += len(missing)
        for region in Region.objects.filter(kind=kind):
            existing[(kind, region.code)] = region

    add("area", [{"code": code, "name": name, "slug": slug} for code, name, slug, _c in geography.AREAS])
    add(
        "county",
        [
            {"code": c_code, "name": c_name, "slug": c_slug, "parent": existing[("area", a_code)]}
            for a_code, _n, _s, counties in geography.AREAS
            for c_code, c_name, c_slug, _body in counties
        ],
    )
    add(
        "municipality",
        [
            {"code": code, "name": name, "slug": slug, "parent": existing[("county", county)]}
            for code, name, slug, county in geography.MUNICIPALITIES
        ],
    )
    _count(summary, "programme areas", sum(1 for kind, _ in existing if kind == "area"), created["area"])
    _count(summary, "counties", sum(1 for kind, _ in existing if kind == "county"), created["county"])
    _count(summary, "municipalities", sum(1 for kind, _ in existing if kind == "municipality"), created["municipality"])
    return existing


def _themes(summary, periods):
    from samverka.registry.models import ThemeArea

    themes, created = {}, 0
    for period, code, name, name_en in geography.THEMES:
        theme, new = ThemeArea.objects.get_or_create(
            period=periods[period], code=code, defaults={"name": name, "name_en": name_en}
        )
        themes[period] = theme
        created += new
    _count(summary, "theme areas", len(themes), created)
    return themes


def _portfolios(summary, themes):
    """The six portfolios sit in the reference case's theme area, TO4 of 2014–2020.

    A portfolio has one theme area, yet the network keeps its grouping across periods, so
    projects of 2021–2027 sit in the same six portfolios; each project carries its own theme
    area (TO4 or PO2)."""
    from samverka.registry.models import Portfolio

    portfolios, created = {}, 0
    for order, (slug, name, name_en, description, description_en) in enumerate(geography.PORTFOLIOS, start=1):
        portfolio, new = Portfolio.objects.get_or_create(
            slug=slug,
            defaults={
                "theme": themes["2014–2020"],
                "name": name,
                "name_en": name_en,
                "description": description,
                "description_en": description_en,
                "order": order,
            },
        )
        portfolios[slug] = portfolio
        created += new
    _count(summary, "portfolios", len(portfolios), created)
    return portfolios


def _programmes(summary, periods, regions):
    from samverka.registry.models import Programme

    programmes, created = {}, 0
    for period, cci, kind, name, area_code in geography.programmes():
        programme, new = Programme.objects.get_or_create(
            cci=cci,
            defaults={
                "period": periods[period],
                "kind": kind,
                "name": name,
                "managing_authority": geography.MANAGING_AUTHORITY,
                "area": regions[("area", area_code)] if area_code else None,
            },
        )
        programmes[(period, area_code)] = programme
        created += new
    _count(summary, "programmes", len(programmes), created)
    return programmes


def _organisations(summary, owner_rows):
    from samverka.registry.models import Organisation

    numbers = [number for _a, _n, number, _k in owner_rows]
    existing = set(Organisation.objects.filter(org_number__in=numbers).values_list("org_number", flat=True))
    missing = [Organisation(name=name, org_number=number) for _a, name, number, _k in owner_rows if number not in existing]
    Organisation.objects.bulk_create(missing)
    owners = {o.org_number: o for o in Organisation.objects.filter(org_number__in=numbers)}
    _count(summary, "organisations", len(owners), len(missing))
    return owners


def _projects(summary, demo_projects, programmes, regions, portfolios, owners, themes):
    """Insert the missing projects with their counties, municipalities and co-financing."""
    from samverka.registry.models import CoFinancing, Project

    def programme_for(demo):
        return programmes[(demo.period, None if demo.national else demo.area_code)]

    keys = {(programme_for(d).pk, d.case_number): d for d in demo_projects}
    case_numbers = [d.case_number for d in demo_projects]
    existing = set(Project.objects.filter(case_number__in=case_numbers).values_list("programme_id", "case_number"))
    missing = [key for key in keys if key not in existing]
    Project.objects.bulk_create(
        [
            Project(
                programme=programme_for(demo),
                case_number=demo.case_number,
                title=demo.title,
                summary=demo.summary,
                background=demo.background,
                purpose=demo.purpose,
                target_groups=demo.target_groups,
                expected_results=demo.expected_results,
                owner=owners[demo.owner_org_number],
                portfolio=portfolios[demo.portfolio_slug],
                theme=themes[demo.period],
                area=regions[("area", demo.area_code)],
                start_date=demo.start_date,
                end_date=demo.end_date,
                total_budget=demo.total_budget,
                eu_funding=demo.eu_funding,
                paid_out=demo.paid_out,
                status_override=demo.status_override,
            )
            for demo in (keys[key] for key in missing)
        ]
    )
    by_key = {
        (p.programme_id, p.case_number): p
        for p in Project.objects.filter(case_number__in=case_numbers).only("id", "programme_id", "case_number")
    }
    new_projects = [(by_key[key], keys[key]) for key in missing]
    County = Project.counties.through
    Municipality = Project.municipalities.through
    County.objects.bulk_create(
        [County(project_id=p.pk, region_id=regions[("county", c)].pk) for p, d in new_projects for c in d.county_codes]
    )
    Municipality.objects.bulk_create(
        [
            Municipality(project_id=p.pk, region_id=regions[("municipality", m)].pk)
            for p, d in new_projects
            for m in d.municipality_codes
        ]
    )
    CoFinancing.objects.bulk_create(
        [
            CoFinancing(project_id=p.pk, financier=name, kind=kind, amount=amount)
            for p, d in new_projects
            for name, kind, amount in d.cofinancing
        ]
    )
    _count(summary, "projects", len(by_key), len(missing))
    # In the generator's order, so people are assigned to the same projects on every run.
    return [by_key[(programme_for(d).pk, d.case_number)] for d in demo_projects]


def _people(summary, project_objs, password):
    """The coordinator, project leaders (with roles), communicators, officials and actors."""
    from samverka.accounts.models import Audience, User
    from samverka.registry.models import ProjectRole

    audiences = {}
    for code in Audience.Code.values:
        audiences[code], _new = Audience.objects.get_or_create(code=code)

    # (email, name, organisation, job title, staff, audience code)
    wanted = [(*people.COORDINATOR, True, None)]
    wanted += [(email, name, "", "Projektledare", False, "project_leader") for email, name in people.leaders()]
    # Communicators work in a project but lead none: they carry no audience tag.
    wanted += [(email, name, "", "Kommunikatör", False, None) for email, name in people.COMMUNICATORS]
    wanted += [
        (email, name, org, "Regionalt utvecklingsansvarig", False, "regional_official")
        for email, name, org in people.OFFICIALS
    ]
    wanted += [(email, name, org, "", False, "other_actor") for email, name, org in people.ACTORS]

    emails = [row[0] for row in wanted]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    # Hashing is slow on purpose; one hash serves every demo account (they share the password).
    hashed = make_password(password)
    missing = [row for row in wanted if row[0] not in existing]
    User.objects.bulk_create(
        [
            User(
                email=email,
                name=name,
                organisation_name=org,
                title=title,
                is_staff=staff,
                is_superuser=staff,
                password=hashed,
            )
            for email, name, org, title, staff, _audience in missing
        ]
    )
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    Membership = User.audiences.through
    Membership.objects.bulk_create(
        [
            Membership(user_id=users[email].pk, audience_id=audiences[audience].pk)
            for email, _n, _o, _t, _s, audience in missing
            if audience
        ]
    )

    # Every second project has a leader from the list (each leader leads two projects);
    # the communicators help spread the results of a few of them.
    leaders = [users[email] for email, _name in people.leaders()]
    communicators = [users[email] for email, _name in people.COMMUNICATORS]
    wanted_roles = []
    for number, project in enumerate(project_objs[::2]):
        wanted_roles.append((project, leaders[number % len(leaders)], ProjectRole.Role.LEADER))
    for number, project in enumerate(project_objs[1::10]):
        wanted_roles.append((project, communicators[number % len(communicators)], ProjectRole.Role.COMMUNICATOR))
    existing_roles = set(
        ProjectRole.objects.filter(person__in=list(users.values())).values_list("project_id", "person_id")
    )
    new_roles = [
        ProjectRole(project=project, person=person, role=role)
        for project, person, role in wanted_roles
        if (project.pk, person.pk) not in existing_roles
    ]
    ProjectRole.objects.bulk_create(new_roles)
    _count(summary, "people", len(users), len(missing))
    _count(summary, "project roles", len(wanted_roles), len(new_roles))


def _pages(summary):
    from samverka.pages.models import Page

    titles = {
        "om": ("Om nätverket", "About the network"),
        "sok-finansiering": ("Sök finansiering", "How to apply for funding"),
        "personuppgifter": ("Behandling av personuppgifter", "Privacy notice"),
    }
    created = 0
    for slug, (title, title_en) in titles.items():
        _page, new = Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "title_en": title_en,
                "body": (CONTENT_DIR / f"{slug}.sv.md").read_text(encoding="utf-8"),
                "body_en": (CONTENT_DIR / f"{slug}.en.md").read_text(encoding="utf-8"),
            },
        )
        created += new
    _count(summary, "content pages", len(titles), created)


def _statement(summary):
    from samverka.pages.models import AccessibilityStatement

    created = 0
    if not AccessibilityStatement.objects.exists():
        AccessibilityStatement.objects.create(**STATEMENT)
        created = 1
    _count(summary, "accessibility statement", 1, created)
