"""Save checked operations: created, updated or left as they are, all in one transaction.

``plan_operations`` compares the checked rows (importers.Operation) with what is stored and
says, per row, whether it creates, updates or leaves a project; it only reads. ``apply_plan``
writes the plan with a handful of bulk statements per thousand rows: existing projects,
organisations and regions are read into dicts first, new rows go in with ``bulk_create``,
changed ones with ``bulk_update``, counties and municipalities through their link tables.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .headers import fold
from .importers import KEEP, Operation
from .models import CoFinancing, Organisation, Project, Region
from .signals import projects_changed

BATCH = 500
# Co-financing lines the import keeps: one public and one private total per project.
IMPORT_FINANCIERS = {
    CoFinancing.Kind.PUBLIC: "Offentlig medfinansiering",
    CoFinancing.Kind.PRIVATE: "Privat medfinansiering",
}
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class Plan:
    operations: list[Operation]
    actions: list[str] = field(default_factory=list)
    owners: list = field(default_factory=list)  # per operation: an organisation id or a key in new_organisations
    existing: dict[tuple, Project] = field(default_factory=dict)
    counties: dict[int, set[int]] = field(default_factory=dict)
    municipalities: dict[int, set[int]] = field(default_factory=dict)
    cofinancing: dict[tuple[int, str], CoFinancing] = field(default_factory=dict)
    new_organisations: dict[tuple, Organisation] = field(default_factory=dict)
    numbered_organisations: dict[int, str] = field(default_factory=dict)  # id -> org number to set

    def count(self, action: str) -> int:
        return self.actions.count(action)

    @property
    def counts(self) -> dict[str, int]:
        return {action: self.count(action) for action in (CREATED, UPDATED, UNCHANGED)}


def plan_operations(operations: list[Operation]) -> Plan:
    """Compare checked rows with the stored projects. Reads the database, writes nothing."""
    plan = Plan(operations)
    programme_ids = {operation.programme_id for operation in operations}
    in_programmes = {"project__programme_id__in": programme_ids}
    plan.existing = {
        (project.programme_id, project.case_number): project
        for project in Project.objects.filter(programme_id__in=programme_ids)
    }
    for link, target in ((Project.counties.through, plan.counties), (Project.municipalities.through, plan.municipalities)):
        for project_id, region_id in link.objects.filter(**in_programmes).values_list("project_id", "region_id"):
            target.setdefault(project_id, set()).add(region_id)
    for line in CoFinancing.objects.filter(financier__in=IMPORT_FINANCIERS.values(), **in_programmes):
        if IMPORT_FINANCIERS.get(line.kind) == line.financier:
            plan.cofinancing.setdefault((line.project_id, line.kind), line)

    owner_for = _owner_finder(plan)
    for operation in operations:
        owner = owner_for(operation)
        plan.owners.append(owner)
        project = plan.existing.get((operation.programme_id, operation.case_number))
        if project is None:
            plan.actions.append(CREATED)
        elif _changes(plan, operation, owner, project):
            plan.actions.append(UPDATED)
        else:
            plan.actions.append(UNCHANGED)
    return plan


def _owner_finder(plan: Plan):
    """Find each row's organisation by number, else by name; note the ones to create."""
    by_number, by_name, unnumbered = {}, {}, {}
    for pk, name, number in Organisation.objects.order_by("pk").values_list("pk", "name", "org_number"):
        if number:
            by_number[number] = pk
        else:
            unnumbered.setdefault(fold(name), pk)
        by_name.setdefault(fold(name), pk)

    def owner_for(operation: Operation):
        name = fold(operation.owner_name)
        number = operation.org_number
        if number:
            if number in by_number:
                return by_number[number]
            if name in unnumbered:
                # Known by name from an earlier import without a number: give it the number.
                pk = unnumbered.pop(name)
                plan.numbered_organisations[pk] = number
                by_number[number] = pk
                return pk
            key = ("number", number)
            plan.new_organisations[key] = Organisation(name=operation.owner_name, org_number=number)
            by_number[number] = key
            by_name.setdefault(name, key)
            return key
        if name in by_name:
            return by_name[name]
        key = ("name", name)
        plan.new_organisations[key] = Organisation(name=operation.owner_name)
        by_name[name] = key
        return key

    return owner_for


def _values(operation: Operation, owner) -> dict:
    """The project fields this row sets (a column the file lacks sets nothing)."""
    values = {
        "title": operation.title,
        "start_date": operation.start_date,
        "end_date": operation.end_date,
        "total_budget": operation.total_budget,
        "eu_funding": operation.eu_funding,
    }
    if isinstance(owner, int):
        values["owner_id"] = owner
    if operation.summary is not KEEP:
        values["summary"] = operation.summary
    if operation.website is not KEEP:
        values["website"] = operation.website
    if operation.set_portfolio:
        values["portfolio_id"] = operation.portfolio_id
    if operation.set_area:
        values["area_id"] = operation.area_id
    if operation.theme_id is not KEEP:
        values["theme_id"] = operation.theme_id
    if operation.paid_out is not KEEP:
        values["paid_out"] = operation.paid_out
    return values


def _changes(plan: Plan, operation: Operation, owner, project: Project) -> bool:
    if not isinstance(owner, int):
        return True
    if any(getattr(project, name) != value for name, value in _values(operation, owner).items()):
        return True
    if operation.county_ids is not KEEP and set(operation.county_ids) != plan.counties.get(project.pk, set()):
        return True
    if operation.municipalities is not KEEP:
        if any(pk is None for pk, _name, _county in operation.municipalities):
            return True
        if {pk for pk, _name, _county in operation.municipalities} != plan.municipalities.get(project.pk, set()):
            return True
    for kind, amount in _cofinancing(operation):
        line = plan.cofinancing.get((project.pk, kind))
        if line is None or line.amount != amount:
            return True
    return False


def _cofinancing(operation: Operation) -> Iterable[tuple[str, object]]:
    for kind, amount in (
        (CoFinancing.Kind.PUBLIC, operation.public_cofinancing),
        (CoFinancing.Kind.PRIVATE, operation.private_cofinancing),
    ):
        if amount is not KEEP:
            yield kind, amount


def apply_plan(plan: Plan) -> dict[str, int]:
    """Write the plan in one transaction and return the counts.

    Side effects: creates organisations, municipalities (with a provisional code), projects
    and their co-financing lines; updates changed projects and replaces their county and
    municipality links; sets organisation numbers on organisations first known by name;
    sends ``signals.projects_changed`` with the ids of the created and updated projects.
    """
    with transaction.atomic():
        municipality_ids = _create_municipalities(plan)
        _save_organisations(plan)
        now = timezone.now()
        to_create, to_update, touched = [], [], []
        for operation, action, owner in zip(plan.operations, plan.actions, plan.owners, strict=True):
            if action == UNCHANGED:
                continue
            owner_id = owner if isinstance(owner, int) else plan.new_organisations[owner].pk
            values = _values(operation, owner_id)
            if action == CREATED:
                project = Project(programme_id=operation.programme_id, case_number=operation.case_number, **values)
                to_create.append(project)
            else:
                project = plan.existing[operation.programme_id, operation.case_number]
                for name, value in values.items():
                    setattr(project, name, value)
                project.updated_at = now
                to_update.append(project)
            touched.append((operation, project))
        Project.objects.bulk_create(to_create, batch_size=BATCH)
        if to_update:
            fields = ["title", "summary", "website", "owner_id", "portfolio_id", "area_id", "theme_id", "start_date", "end_date"]
            fields += ["total_budget", "eu_funding", "paid_out", "updated_at"]
            Project.objects.bulk_update(to_update, fields, batch_size=100)  # CASE … WHEN grows with the batch
        updated_ids = {project.pk for project in to_update}
        _replace_links(
            Project.counties.through,
            [(project.pk, operation.county_ids) for operation, project in touched if operation.county_ids is not KEEP],
            updated_ids,
        )
        _replace_links(
            Project.municipalities.through,
            [
                (project.pk, [pk or municipality_ids[fold(name), county] for pk, name, county in operation.municipalities])
                for operation, project in touched
                if operation.municipalities is not KEEP
            ],
            updated_ids,
        )
        _replace_cofinancing(plan, touched)
        if touched:
            projects_changed.send(sender=Project, ids=[project.pk for _, project in touched])
    return plan.counts


def _create_municipalities(plan: Plan) -> dict[tuple[str, int], int]:
    wanted = {}
    for operation in plan.operations:
        for pk, name, county in operation.municipalities or []:
            if pk is None:
                wanted.setdefault((fold(name), county), name)
    if not wanted:
        return {}
    slugs = set(Region.objects.values_list("slug", flat=True))
    codes = set(Region.objects.filter(kind=Region.Kind.MUNICIPALITY).values_list("code", flat=True))
    regions = []
    for (key, county), name in wanted.items():
        slug = base = slugify(name) or "kommun"
        number = 1
        while slug in slugs:
            number += 1
            slug = f"{base}-kommun" if number == 2 else f"{base}-kommun-{number}"
        slugs.add(slug)
        # A provisional code until a coordinator enters the official four-digit one.
        code = "x" + hashlib.sha1(f"{county}:{key}".encode()).hexdigest()[:7]
        while code in codes:
            code = "x" + hashlib.sha1(code.encode()).hexdigest()[:7]
        codes.add(code)
        regions.append(Region(kind=Region.Kind.MUNICIPALITY, name=name, slug=slug, code=code, parent_id=county))
    Region.objects.bulk_create(regions, batch_size=BATCH)
    return {(fold(region.name), region.parent_id): region.pk for region in regions}


def _save_organisations(plan: Plan) -> None:
    Organisation.objects.bulk_create(plan.new_organisations.values(), batch_size=BATCH)
    if plan.numbered_organisations:
        organisations = list(Organisation.objects.filter(pk__in=plan.numbered_organisations))
        for organisation in organisations:
            organisation.org_number = plan.numbered_organisations[organisation.pk]
        Organisation.objects.bulk_update(organisations, ["org_number"], batch_size=BATCH)


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _replace_links(link, wanted: list[tuple[int, list[int]]], updated_ids: set[int]) -> None:
    """Make each project's links exactly the given region ids (new projects have none yet)."""
    for chunk in _chunks([project_id for project_id, _ids in wanted if project_id in updated_ids]):
        link.objects.filter(project_id__in=chunk).delete()
    rows = [
        link(project_id=project_id, region_id=region_id)
        for project_id, region_ids in wanted
        for region_id in dict.fromkeys(region_ids)
    ]
    link.objects.bulk_create(rows, batch_size=BATCH)


def _replace_cofinancing(plan: Plan, touched) -> None:
    stale, fresh = [], []
    for operation, project in touched:
        for kind, amount in _cofinancing(operation):
            line = plan.cofinancing.get((project.pk, kind))
            if line is not None:
                stale.append(line.pk)
            if amount is not None:
                fresh.append(CoFinancing(project=project, financier=IMPORT_FINANCIERS[kind], kind=kind, amount=amount))
    for chunk in _chunks(stale):
        CoFinancing.objects.filter(pk__in=chunk).delete()
    CoFinancing.objects.bulk_create(fresh, batch_size=BATCH)
