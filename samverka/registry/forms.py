"""Forms of the public registry pages: the project list's filters and the members' edit form."""

from django import forms
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Portfolio, ProgrammePeriod, Project, ProjectStatus, Region, ThemeArea

ALL = pgettext_lazy("filter", "All")


def localised_name(obj) -> str:
    """The English name where there is one and the page is in English, else the Swedish one."""
    english = getattr(obj, "name_en", "")
    return english if english and get_language() == "en" else obj.name


class LocalisedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = localised_name(obj)
        return f"{obj.code} {name}" if isinstance(obj, ThemeArea) else name


class ProjectFilterForm(forms.Form):
    """The GET filters of the project list (and of its exports). Every field is optional."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in the title or summary, a case number or the name of the project owner."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    portfolio = LocalisedChoiceField(
        label=_("Portfolio"), queryset=Portfolio.objects.all(), to_field_name="slug", required=False, empty_label=ALL
    )
    area = LocalisedChoiceField(
        label=_("Programme area"),
        queryset=Region.objects.filter(kind=Region.Kind.AREA),
        to_field_name="slug",
        required=False,
        empty_label=ALL,
    )
    county = LocalisedChoiceField(
        label=_("County"),
        queryset=Region.objects.filter(kind=Region.Kind.COUNTY).order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=ALL,
    )
    period = LocalisedChoiceField(
        label=_("Programme period"), queryset=ProgrammePeriod.objects.all(), required=False, empty_label=ALL
    )
    theme = LocalisedChoiceField(
        label=_("Thematic objective"), queryset=ThemeArea.objects.select_related("period"), required=False, empty_label=ALL
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", ALL), *ProjectStatus.choices], required=False
    )

    def filters(self) -> dict:
        """The values that are valid and chosen; an invalid field is left out (and shows its error)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


def _https_by_default(field, **kwargs):
    # An address typed without a scheme is taken to be https://.
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ProjectEditForm(forms.ModelForm):
    """The public, descriptive fields a project's own people keep current. Nothing else."""

    class Meta:
        model = Project
        fields = ["summary", "background", "purpose", "target_groups", "expected_results", "website"]
        formfield_callback = _https_by_default
        help_texts = {
            "summary": _("A few sentences that say what the project does. Shown first on the project page."),
            "website": _("The project's own web page, starting with https://"),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "background": forms.Textarea(attrs={"rows": 6}),
            "purpose": forms.Textarea(attrs={"rows": 6}),
            "target_groups": forms.Textarea(attrs={"rows": 4}),
            "expected_results": forms.Textarea(attrs={"rows": 6}),
        }
