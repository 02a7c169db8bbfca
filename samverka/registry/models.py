"""The registry: the ground floor every other part of Samverka stands on.

Programme periods hold programmes; a project belongs to one programme, runs in one
programme area and one or more counties, sits in one portfolio of a theme area, and is
owned by an organisation. Amounts are exact SEK (Decimal), never floats.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .validators import normalise_org_number, public_org_number, validate_case_number, validate_org_number

AMOUNT = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class ProgrammePeriod(models.Model):
    name = models.CharField(_("name"), max_length=20, unique=True, help_text=_("e.g. 2014–2020"))
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        verbose_name = _("programme period")
        verbose_name_plural = _("programme periods")
        ordering = ["start_year"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be before the first year.")})


class Region(models.Model):
    """A programme area (NUTS 2), a county (län) or a municipality (kommun)."""

    class Kind(models.TextChoices):
        AREA = "area", _("programme area")
        COUNTY = "county", _("county")
        MUNICIPALITY = "municipality", _("municipality")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=8, help_text=_("NUTS code, county or municipality code"))
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("belongs to"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kind", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="region_kind_code_unique")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:region", kwargs={"slug": self.slug})


class ThemeArea(models.Model):
    """A thematic objective (2014–2020) or policy objective (2021–2027), e.g. TO4 low-carbon economy."""

    period = models.ForeignKey(ProgrammePeriod, verbose_name=_("programme period"), on_delete=models.PROTECT)
    code = models.CharField(_("code"), max_length=10, help_text=_("e.g. TO4 or PO2"))
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thematic objective")
        verbose_name_plural = _("thematic objectives")
        ordering = ["period__start_year", "code"]
        constraints = [models.UniqueConstraint(fields=["period", "code"], name="themearea_period_code_unique")]

    def __str__(self):
        return f"{self.code} {self.name}"


class Portfolio(models.Model):
    """The network's own grouping of projects, e.g. Hållbara transporter."""

    theme = models.ForeignKey(ThemeArea, verbose_name=_("thematic objective"), on_delete=models.PROTECT, related_name="portfolios")
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolios")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:portfolio", kwargs={"slug": self.slug})


class Programme(models.Model):
    class Kind(models.TextChoices):
        REGIONAL = "regional", _("regional programme")
        NATIONAL = "national", _("national programme")

    period = models.ForeignKey(
        ProgrammePeriod, verbose_name=_("programme period"), on_delete=models.PROTECT, related_name="programmes"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGIONAL)
    name = models.CharField(_("name"), max_length=200)
    cci = models.CharField(_("CCI code"), max_length=20, unique=True, help_text=_("e.g. 2014SE16RFOP009"))
    managing_authority = models.CharField(_("managing authority"), max_length=200, blank=True)
    area = models.ForeignKey(
        Region,
        verbose_name=_("programme area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind": Region.Kind.AREA},
        related_name="programmes",
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["period__start_year", "kind", "name"]

    def __str__(self):
        return f"{self.name} {self.period}"


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255)
    org_number = models.CharField(
        _("organisation number"), max_length=11, blank=True, validators=[validate_org_number], help_text="NNNNNN-NNNN"
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("owner", "organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_number"], condition=~Q(org_number=""), name="organisation_org_number_unique"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.org_number:
            self.org_number = normalise_org_number(self.org_number)

    @property
    def public_org_number(self) -> str:
        return public_org_number(self.org_number)


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("project status", "not started")
    ONGOING = "ongoing", pgettext_lazy("project status", "ongoing")
    FINISHED = "finished", pgettext_lazy("project status", "finished")
    CANCELLED = "cancelled", pgettext_lazy("project status", "cancelled")


class ProjectQuerySet(models.QuerySet):
    def with_status(self, today: datetime.date | None = None):
        """Annotate ``current_status``: the set status, else what the dates say today."""
        today = today or timezone.localdate()
        return self.annotate(
            current_status=Case(
                When(~Q(status_override=""), then="status_override"),
                When(start_date__gt=today, then=Value(ProjectStatus.PLANNED)),
                When(end_date__lt=today, then=Value(ProjectStatus.FINISHED)),
                default=Value(ProjectStatus.ONGOING),
                output_field=models.CharField(),
            )
        )

    def in_status(self, status: str, today: datetime.date | None = None):
        """Filter by status without an annotation, so the database can use the date indexes."""
        today = today or timezone.localdate()
        by_dates = {
            ProjectStatus.PLANNED: Q(start_date__gt=today),
            ProjectStatus.FINISHED: Q(end_date__lt=today),
            ProjectStatus.ONGOING: Q(start_date__lte=today, end_date__gte=today),
            ProjectStatus.CANCELLED: Q(pk__in=[]),
        }[ProjectStatus(status)]
        return self.filter(Q(status_override=status) | (Q(status_override="") & by_dates))

    def for_list(self):
        return self.select_related("portfolio", "owner", "area", "programme__period", "theme")


class Project(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="projects"
    )
    case_number = models.CharField(
        _("case number"), max_length=32, validators=[validate_case_number], help_text=_("e.g. 20200181")
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    background = models.TextField(_("background"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    owner = models.ForeignKey(
        Organisation, verbose_name=_("project owner"), on_delete=models.PROTECT, related_name="projects"
    )
    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.PROTECT, null=True, blank=True, related_name="projects"
    )
    # The objective the programme finances the project under (TO4 in 2014–2020, PO2 in 2021–2027);
    # a portfolio spans periods, so the theme is the project's own.
    theme = models.ForeignKey(
        ThemeArea, verbose_name=_("thematic objective"), on_delete=models.PROTECT, null=True, blank=True, related_name="projects"
    )
    area = models.ForeignKey(
        Region,
        verbose_name=_("programme area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind": Region.Kind.AREA},
        related_name="area_projects",
    )
    counties = models.ManyToManyField(
        Region,
        verbose_name=_("counties"),
        blank=True,
        limit_choices_to={"kind": Region.Kind.COUNTY},
        related_name="county_projects",
    )
    municipalities = models.ManyToManyField(
        Region,
        verbose_name=_("municipalities"),
        blank=True,
        limit_choices_to={"kind": Region.Kind.MUNICIPALITY},
        related_name="municipality_projects",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    total_budget = models.DecimalField(_("total budget (SEK)"), **AMOUNT)
    eu_funding = models.DecimalField(_("EU funding granted (SEK)"), **AMOUNT)
    # Not known for every project: empty until the managing authority's figures are imported or entered.
    paid_out = models.DecimalField(
        _("EU funding paid out (SEK)"),
        max_digits=AMOUNT["max_digits"],
        decimal_places=AMOUNT["decimal_places"],
        validators=[MinValueValidator(Decimal("0"), message=_("The amount paid out cannot be negative."))],
        null=True,
        blank=True,
        help_text=_("The EU funding paid out to the project so far. Leave empty when it is not known."),
    )
    status_override = models.CharField(
        _("status"),
        max_length=16,
        choices=ProjectStatus.choices,
        blank=True,
        help_text=_("Leave empty to derive the status from the project period."),
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "case_number"], name="project_case_number_unique"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="project_dates_in_order"),
            models.CheckConstraint(
                condition=Q(eu_funding__lte=models.F("total_budget")), name="project_eu_funding_within_budget"
            ),
        ]
        indexes = [
            models.Index(fields=["start_date", "id"], name="project_start_id"),
            models.Index(fields=["end_date"], name="project_end"),
            models.Index(fields=["portfolio", "start_date", "id"], name="project_portfolio_start_id"),
            models.Index(fields=["area", "start_date", "id"], name="project_area_start_id"),
            models.Index(fields=["case_number"], name="project_case_number"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("registry:project", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.total_budget is not None and self.eu_funding is not None and self.eu_funding > self.total_budget:
            errors["eu_funding"] = _("The EU funding cannot be larger than the total budget.")
        if errors:
            raise ValidationError(errors)

    @property
    def status(self) -> str:
        if self.status_override:
            return self.status_override
        today = timezone.localdate()
        if self.start_date > today:
            return ProjectStatus.PLANNED
        if self.end_date < today:
            return ProjectStatus.FINISHED
        return ProjectStatus.ONGOING

    def get_status_display(self) -> str:
        return ProjectStatus(self.status).label

    @property
    def eu_rate(self) -> Decimal | None:
        """The EU share of the total budget, in per cent with one decimal."""
        if not self.total_budget:
            return None
        return (self.eu_funding * 100 / self.total_budget).quantize(Decimal("0.1"))


class CoFinancing(models.Model):
    """One line of the national co-financing: who pays how much, public or private."""

    class Kind(models.TextChoices):
        PUBLIC = "public", _("public co-financing")
        PRIVATE = "private", _("private co-financing")

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="cofinancing")
    financier = models.CharField(_("co-financier"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PUBLIC)
    amount = models.DecimalField(_("amount (SEK)"), **AMOUNT)

    class Meta:
        verbose_name = _("co-financing")
        verbose_name_plural = _("co-financing")
        ordering = ["kind", "-amount"]

    def __str__(self):
        return f"{self.financier}: {self.amount}"


class ProjectRoleQuerySet(models.QuerySet):
    def editors(self):
        return self.filter(role__in=ProjectRole.EDITING_ROLES)


class ProjectRole(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("project leader")
        MEMBER = "member", _("project member")
        COMMUNICATOR = "communicator", _("communicator")

    # Every role may keep the project's public page current.
    EDITING_ROLES = (Role.LEADER, Role.MEMBER, Role.COMMUNICATOR)

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="project_roles"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    objects = ProjectRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("project role")
        verbose_name_plural = _("project roles")
        ordering = ["project", "role"]
        constraints = [models.UniqueConstraint(fields=["project", "person"], name="projectrole_project_person_unique")]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.project}"


class ImportJob(models.Model):
    """One uploaded list of operations: checked for a preview, then applied by a background task."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("import status", "uploaded")
        PREVIEWED = "previewed", pgettext_lazy("import status", "checked")
        RUNNING = "running", pgettext_lazy("import status", "running")
        DONE = "done", pgettext_lazy("import status", "done")
        FAILED = "failed", pgettext_lazy("import status", "failed")

    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=255)
    options = models.JSONField(_("options"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    summary = models.TextField(_("summary"), blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.filename
