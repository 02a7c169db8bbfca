"""Forms of the results app: a project's value report, a coordinator's review, the statistics' switches."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Indicator, IndicatorValue
from .quantities import parse_quantity


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # The unit in the label: the person sees what to measure in before typing.
        return f"{obj.code} {obj.name} ({obj.unit})"


def indicators_for(project):
    """The indicators a project can report: its period's common ones and its programme's own."""
    period = f"{project.programme.period.start_year}-{project.programme.period.end_year}"
    return Indicator.objects.filter(
        Q(programme_specific=False, period=period) | Q(programme_specific=True, programme_id=project.programme_id)
    ).order_by("code")


class ReportValueForm(forms.Form):
    indicator = IndicatorChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    kind = forms.ChoiceField(label=_("Kind of value"), choices=IndicatorValue.Kind.choices)
    phase = forms.ChoiceField(
        label=_("When"),
        choices=IndicatorValue.Phase.choices,
        initial=IndicatorValue.Phase.DURING,
        help_text=_("Figures measured after the project has ended are follow-up values; only achieved values can be."),
    )
    value = forms.CharField(
        label=_("Value"),
        max_length=60,
        help_text=_(
            "In the indicator's unit (shown after its name), e.g. 1 234,5. You may write the unit after the number."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    reference_date = forms.DateField(
        label=_("Reference date"),
        help_text=_("The day the figure describes, e.g. 2024-12-31."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators_for(project)

    def clean(self):
        cleaned = super().clean()
        indicator = cleaned.get("indicator")
        if indicator is not None and "value" in cleaned:
            try:
                cleaned["value"] = parse_quantity(cleaned["value"], indicator)
            except ValidationError as error:
                self.add_error("value", error)
        if cleaned.get("phase") == IndicatorValue.Phase.FOLLOW_UP and cleaned.get("kind") not in (
            None,
            IndicatorValue.Kind.ACHIEVED,
        ):
            self.add_error("phase", _("Only an achieved value can be a follow-up after the end."))
        return cleaned


class ReviewForm(forms.Form):
    APPROVE = "approve"
    RETURN = "return"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (RETURN, pgettext_lazy("review decision", "Return to the project"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        help_text=_("Required when you return the value: say what to correct."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say why the value is returned, so the project can correct it."))
        return cleaned


CURRENCIES = ("SEK", "EUR")
