"""Forms of the public meeting pages: the list's filters and the two registration forms."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.registry.forms import localised_name
from samverka.registry.models import Portfolio, Project

from .models import Event

CONSENT_LABEL = _("You may invite me to future events of the network.")
CONSENT_HELP = _("Optional. You can withdraw your consent at any time by writing to us.")


class PortfolioChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return localised_name(obj)


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", pgettext_lazy("filter", "All kinds")), *Event.Kind.choices]
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", pgettext_lazy("filter", "All formats")), *Event.Format.choices]
    )
    portfolio = PortfolioChoiceField(
        label=_("Invited portfolio"),
        required=False,
        queryset=Portfolio.objects.order_by("order", "name"),
        to_field_name="slug",
        empty_label=pgettext_lazy("filter", "All portfolios"),
    )

    def filters(self) -> dict:
        """The valid filters only; a bad value in the address is ignored, not an error page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class PersonRegistrationForm(forms.Form):
    """A signed-in person registers in one click; the project and the consent are optional."""

    project = forms.ModelChoiceField(
        label=_("I represent the project"),
        required=False,
        queryset=Project.objects.none(),
        empty_label=_("No project"),
    )
    consent = forms.BooleanField(label=CONSENT_LABEL, help_text=CONSENT_HELP, required=False)

    def __init__(self, *args, person, projects, **kwargs):
        super().__init__(*args, **kwargs)
        if not projects:
            del self.fields["project"]
            return
        self.fields["project"].queryset = Project.objects.filter(roles__person=person)
        # The view has read the person's projects already: the choices need no second query.
        self.fields["project"].choices = [("", _("No project"))] + [(p.pk, p.title) for p in projects]


class GuestRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a link to this address; your registration counts once you have followed it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation_name = forms.CharField(
        label=pgettext_lazy("person", "Organisation"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    case_number = forms.CharField(
        label=_("Case number of the project you represent"),
        required=False,
        max_length=20,
        help_text=_("Optional, e.g. 20200181."),
    )
    consent = forms.BooleanField(label=CONSENT_LABEL, help_text=CONSENT_HELP, required=False)

    def clean_case_number(self):
        number = self.cleaned_data["case_number"].strip()
        if not number:
            return None
        project = Project.objects.filter(case_number=number).first()
        if project is None:
            raise forms.ValidationError(_("No project has the case number %(number)s.") % {"number": number})
        return project
