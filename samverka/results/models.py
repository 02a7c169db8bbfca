"""Indicators and the values projects report for them.

An ``Indicator`` is data, not a field: the EU's common output and result indicators (CO…,
RCO…, RCR…, loaded by ``manage.py load_indicators`` from ``indicator_codes.py``) and any
programme-specific ones a coordinator adds in the back office.

An ``IndicatorValue`` is one figure a project reports for one indicator: its baseline, its
target or what it has achieved, as the cumulative figure on a reference date. Values reported
during the project are kept apart from follow-up values reported after it has ended (``phase``).
A project member reports; a coordinator approves or returns it with a comment. Only approved
values count in the statistics (``IndicatorValueQuerySet.counted()``).

For readers of this module from other apps (the open-data API): every value has a stable
``pk``; ``project.case_number`` and ``indicator.code`` identify what it belongs to;
``reported_by`` and ``reviewed_by`` are personal data and never leave the back office.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .quantities import DECIMAL_PLACES, MAX_DIGITS, check_value, validate_breakdown


class Indicator(models.Model):
    class Kind(models.TextChoices):
        OUTPUT = "output", _("output indicator")
        RESULT = "result", _("result indicator")

    class Period(models.TextChoices):
        P2014_2020 = "2014-2020", "2014–2020"
        P2021_2027 = "2021-2027", "2021–2027"

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("e.g. CO34 or RCR29"))
    name_sv = models.CharField(_("name in Swedish"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255)
    unit_sv = models.CharField(_("unit in Swedish"), max_length=60, help_text=_("e.g. ton koldioxidekvivalenter"))
    unit_en = models.CharField(_("unit in English"), max_length=60, help_text=_("e.g. tonnes of CO2eq"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    period = models.CharField(_("programme period"), max_length=10, choices=Period.choices)
    programme_specific = models.BooleanField(
        _("programme-specific"), default=False, help_text=_("Defined by one programme, not by the EU regulation.")
    )
    programme = models.ForeignKey(
        "registry.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
    )
    allows_negative = models.BooleanField(
        _("may be negative"), default=False, help_text=_("Only for indicators that measure a change that can go down.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["period", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=True) | Q(programme_specific=True),
                name="indicator_programme_only_if_specific",
            ),
            models.CheckConstraint(condition=Q(kind__in=["output", "result"]), name="indicator_kind_valid"),
            models.CheckConstraint(condition=Q(period__in=["2014-2020", "2021-2027"]), name="indicator_period_valid"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_sv

    @property
    def unit(self) -> str:
        return self.unit_en if get_language() == "en" else self.unit_sv

    def clean(self):
        if self.programme_id and not self.programme_specific:
            raise ValidationError({"programme": _("Only a programme-specific indicator belongs to a programme.")})


class IndicatorValueQuerySet(models.QuerySet):
    def counted(self):
        """The values the statistics count: approved ones only."""
        return self.filter(status=IndicatorValue.Status.APPROVED)

    def latest(self):
        """Per project, indicator, kind and phase, only the value with the newest reference date
        (values are cumulative, so the newest one is the project's figure); among approved values
        when chained after ``counted()``. There is one value per date (``indicatorvalue_one_per_date``),
        so no tie to break."""
        newer = IndicatorValue.objects.filter(
            status=OuterRef("status"),
            indicator=OuterRef("indicator"),
            project=OuterRef("project"),
            kind=OuterRef("kind"),
            phase=OuterRef("phase"),
            reference_date__gt=OuterRef("reference_date"),
        )
        return self.filter(~Exists(newer))

    def awaiting_review(self):
        return self.filter(status=IndicatorValue.Status.REPORTED)


class IndicatorValue(models.Model):
    class Kind(models.TextChoices):
        BASELINE = "baseline", pgettext_lazy("indicator value", "baseline")
        TARGET = "target", pgettext_lazy("indicator value", "target")
        ACHIEVED = "achieved", pgettext_lazy("indicator value", "achieved")

    class Phase(models.TextChoices):
        DURING = "during", _("during the project")
        FOLLOW_UP = "follow_up", _("follow-up after the end")

    class Status(models.TextChoices):
        REPORTED = "reported", pgettext_lazy("indicator value", "reported")
        APPROVED = "approved", pgettext_lazy("indicator value", "approved")
        RETURNED = "returned", pgettext_lazy("indicator value", "returned")

    project = models.ForeignKey(
        "registry.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.DecimalField(_("value"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    reference_date = models.DateField(_("reference date"), help_text=_("The day the figure describes."))
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, default=Phase.DURING)
    breakdown = models.JSONField(
        _("breakdown"), default=dict, blank=True, help_text=_('e.g. {"gender": {"women": 3, "men": 4}}')
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REPORTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("comment from the review"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator__code", "kind", "phase", "reference_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "indicator", "kind", "phase", "reference_date"],
                name="indicatorvalue_one_per_date",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["baseline", "target", "achieved"]), name="indicatorvalue_kind_valid"
            ),
            models.CheckConstraint(condition=Q(phase__in=["during", "follow_up"]), name="indicatorvalue_phase_valid"),
            models.CheckConstraint(
                condition=Q(status__in=["reported", "approved", "returned"]), name="indicatorvalue_status_valid"
            ),
            # Only an achieved figure can be followed up after the end; targets are set during it.
            models.CheckConstraint(
                condition=Q(phase="during") | Q(kind="achieved"), name="indicatorvalue_follow_up_is_achieved"
            ),
            # A reviewed value says when; a returned one says why.
            models.CheckConstraint(
                condition=Q(status="reported") | Q(reviewed_at__isnull=False), name="indicatorvalue_review_dated"
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(review_comment=""), name="indicatorvalue_returned_has_comment"
            ),
        ]
        indexes = [
            # The statistics: approved values per indicator, newest first within a project.
            models.Index(
                fields=["status", "indicator", "project", "kind", "phase", "reference_date"],
                name="indicatorvalue_counted",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.get_kind_display()} {self.value} ({self.reference_date})"

    def clean(self):
        errors = {}
        if self.indicator_id and self.value is not None:
            try:
                check_value(self.value, self.indicator)
            except ValidationError as error:
                errors["value"] = error.messages
        if self.phase == self.Phase.FOLLOW_UP and self.kind != self.Kind.ACHIEVED:
            errors["phase"] = _("Only an achieved value can be a follow-up after the end.")
        if self.status == self.Status.RETURNED and not self.review_comment.strip():
            errors["review_comment"] = _("Say why the value is returned, so the project can correct it.")
        try:
            validate_breakdown(self.breakdown, self.value)
        except ValidationError as error:
            errors["breakdown"] = error.messages
        if errors:
            raise ValidationError(errors)
