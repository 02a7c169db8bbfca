"""The subscription form: what to follow (kinds of content, event kinds), where (portfolios,
programme areas, counties; none chosen means all) and how often; a visitor also gives an address.

The choices of portfolios and regions are read once by the view (``option_lists``) and handed
to the form, so a page with the form makes the same two queries however it is used.
"""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from samverka.registry.models import Portfolio, Region

from .models import Subscription
from .subscriptions import Choices, content_kind_choices, event_kind_choices


def option_lists() -> dict:
    """Portfolios, programme areas and counties as form choices (two queries)."""
    english = translation.get_language() == "en"
    portfolios = [
        (pk, (english and name_en) or name)
        for pk, name, name_en in Portfolio.objects.order_by("order", "name").values_list("pk", "name", "name_en")
    ]
    regions = Region.objects.filter(kind__in=[Region.Kind.AREA, Region.Kind.COUNTY]).order_by("name")
    rows = list(regions.values_list("pk", "kind", "name"))
    return {
        "portfolios": portfolios,
        "areas": [(pk, name) for pk, kind, name in rows if kind == Region.Kind.AREA],
        "counties": [(pk, name) for pk, kind, name in rows if kind == Region.Kind.COUNTY],
    }


class SubscriptionForm(forms.Form):
    content_kinds = forms.MultipleChoiceField(
        label=_("News and the knowledge bank"), required=False, widget=forms.CheckboxSelectMultiple
    )
    event_kinds = forms.MultipleChoiceField(
        label=_("Meetings and webinars"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("An e-mail when one is published."),
    )
    portfolios = forms.TypedMultipleChoiceField(
        label=_("Portfolios"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to follow all portfolios."),
    )
    areas = forms.TypedMultipleChoiceField(
        label=_("Programme areas"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to follow the whole country. Knowledge items are matched by their projects."),
    )
    counties = forms.TypedMultipleChoiceField(
        label=_("Counties"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Subscription.Frequency.choices, initial=Subscription.Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, options: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_kinds"].choices = content_kind_choices()
        self.fields["event_kinds"].choices = event_kind_choices()
        for name in ("portfolios", "areas", "counties"):
            self.fields[name].choices = options[name]

    def clean(self):
        cleaned = super().clean()
        kinds_valid = "content_kinds" in cleaned and "event_kinds" in cleaned
        if kinds_valid and not cleaned["content_kinds"] and not cleaned["event_kinds"]:
            self.add_error("content_kinds", _("Choose at least one kind of news, knowledge or event to follow."))
        return cleaned

    def choices(self) -> Choices:
        data = self.cleaned_data
        return Choices(
            content_kinds=(*data["content_kinds"], *data["event_kinds"]),
            frequency=data["frequency"],
            portfolios=tuple(data["portfolios"]),
            regions=(*data["areas"], *data["counties"]),
        )

    @staticmethod
    def initial_for(choices: Choices, options: dict) -> dict:
        event_codes = {code for code, _label in event_kind_choices()}
        area_ids = {pk for pk, _name in options["areas"]}
        return {
            "content_kinds": [code for code in choices.content_kinds if code not in event_codes],
            "event_kinds": [code for code in choices.content_kinds if code in event_codes],
            "portfolios": list(choices.portfolios),
            "areas": [pk for pk in choices.regions if pk in area_ids],
            "counties": [pk for pk in choices.regions if pk not in area_ids],
            "frequency": choices.frequency,
        }


class VisitorSubscriptionForm(SubscriptionForm):
    email = forms.EmailField(
        label=_("Your e-mail address"), max_length=254,
        help_text=_("We send a link to confirm that the address is yours."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["email"]
