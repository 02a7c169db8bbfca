"""Workflows of the results app: report an indicator value, review it."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Indicator, IndicatorValue
from .quantities import check_value, validate_breakdown


@transaction.atomic
def report_value(
    *,
    project,
    indicator: Indicator,
    kind: str,
    phase: str,
    value: Decimal,
    reference_date: datetime.date,
    reported_by,
    breakdown: dict | None = None,
) -> IndicatorValue:
    """Record a project's figure for an indicator on a date, waiting for a coordinator's review.

    Reporting again for the same indicator, kind, phase and date replaces the figure and sends it
    back to review, unless it has been approved (then ValidationError: a coordinator returns it
    first). Side effects: creates or updates one IndicatorValue (row locked while it changes).
    """
    check_value(value, indicator)
    validate_breakdown(breakdown, value)
    if phase == IndicatorValue.Phase.FOLLOW_UP and kind != IndicatorValue.Kind.ACHIEVED:
        raise ValidationError(_("Only an achieved value can be a follow-up after the end."))
    key = {"project": project, "indicator": indicator, "kind": kind, "phase": phase, "reference_date": reference_date}
    existing = IndicatorValue.objects.select_for_update().filter(**key).first()
    if existing is None:
        return IndicatorValue.objects.create(
            **key, value=value, breakdown=breakdown or {}, reported_by=reported_by
        )
    if existing.status == IndicatorValue.Status.APPROVED:
        raise ValidationError(
            _("The value for this date is already approved; ask a coordinator to return it before you change it.")
        )
    existing.value = value
    existing.breakdown = breakdown or {}
    existing.reported_by = reported_by
    existing.status = IndicatorValue.Status.REPORTED
    existing.save(update_fields=["value", "breakdown", "reported_by", "status", "updated_at"])
    return existing


@transaction.atomic
def review_value(*, value: IndicatorValue, reviewer, approve: bool, comment: str = "") -> IndicatorValue:
    """Approve a reported value (it then counts in the statistics) or return it with a comment.

    Side effects: sets status, reviewer, review time and comment on the value.
    """
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError(_("Say why the value is returned, so the project can correct it."))
    value.status = IndicatorValue.Status.APPROVED if approve else IndicatorValue.Status.RETURNED
    value.reviewed_by = reviewer
    value.reviewed_at = timezone.now()
    value.review_comment = comment
    value.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"])
    return value
