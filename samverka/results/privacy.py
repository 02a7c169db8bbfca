"""What the results app holds about a person: who reported or reviewed an indicator value.

The values themselves belong to the project and stay when the person is erased; only the link
to the person goes.
"""

from samverka.accounts import privacy

from .models import IndicatorValue


@privacy.exporter("indicator_values_reported")
def indicator_values_reported(person):
    values = IndicatorValue.objects.filter(reported_by=person).select_related("project", "indicator")
    return [
        {
            "project": value.project.title,
            "indicator": value.indicator.code,
            "kind": value.kind,
            "value": str(value.value),
            "reference_date": value.reference_date.isoformat(),
        }
        for value in values.order_by("created_at", "pk")
    ]


@privacy.eraser
def forget_reporters(person):
    IndicatorValue.objects.filter(reported_by=person).update(reported_by=None)
    IndicatorValue.objects.filter(reviewed_by=person).update(reviewed_by=None)
