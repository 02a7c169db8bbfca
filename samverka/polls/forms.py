"""The ballot form, built for the poll's method, and the proposal form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from .models import Poll
from .services import Mark

ORDINALS = [
    pgettext_lazy("rank", "1st choice"), pgettext_lazy("rank", "2nd choice"), pgettext_lazy("rank", "3rd choice"),
    pgettext_lazy("rank", "4th choice"), pgettext_lazy("rank", "5th choice"), pgettext_lazy("rank", "6th choice"),
    pgettext_lazy("rank", "7th choice"), pgettext_lazy("rank", "8th choice"), pgettext_lazy("rank", "9th choice"),
    pgettext_lazy("rank", "10th choice"),
]


def rank_label(position: int) -> str:
    if position <= len(ORDINALS):
        return str(ORDINALS[position - 1])
    return str(_("Choice number %(number)d")) % {"number": position}


class BallotForm(forms.Form):
    """One form for every method; ``marks()`` gives what services.cast_ballot takes."""

    def __init__(self, *args, poll: Poll, options: list, initial_marks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.options = options
        choices = [(str(option.pk), option.title) for option in options]
        initial = list(initial_marks)
        method = poll.method
        if method == Poll.Method.SINGLE:
            self.fields["option"] = forms.ChoiceField(
                label=_("Your choice"), choices=choices, widget=forms.RadioSelect,
                initial=str(initial[0].option) if initial else None,
            )
        elif method == Poll.Method.APPROVAL:
            self.fields["options"] = forms.MultipleChoiceField(
                label=_("Your choices"), choices=choices, widget=forms.CheckboxSelectMultiple,
                help_text=ngettext("Choose at most %(count)d option.", "Choose at most %(count)d options.",
                                   poll.max_choices) % {"count": poll.max_choices},
                initial=[str(mark.option) for mark in initial],
            )
        elif method == Poll.Method.RANKED:
            by_rank = {mark.rank: str(mark.option) for mark in initial}
            for position in range(1, len(options) + 1):
                self.fields[f"rank_{position}"] = forms.ChoiceField(
                    label=rank_label(position), choices=[("", _("(none)"))] + choices, required=position == 1,
                    initial=by_rank.get(position, ""),
                )
        else:
            points = {mark.option: mark.points for mark in initial}
            for option in options:
                self.fields[f"points_{option.pk}"] = forms.IntegerField(
                    label=option.title, required=False, min_value=0, max_value=poll.points_per_option,
                    initial=points.get(option.pk, 0),
                    help_text=_("0 to %(count)d points.") % {"count": poll.points_per_option},
                )

    @property
    def fields_list(self):
        return [self[name] for name in self.fields]

    def marks(self) -> list[Mark]:
        data = self.cleaned_data
        method = self.poll.method
        if method == Poll.Method.SINGLE:
            return [Mark(option=int(data["option"]))]
        if method == Poll.Method.APPROVAL:
            return [Mark(option=int(value)) for value in data["options"]]
        if method == Poll.Method.RANKED:
            marks = []
            for position in range(1, len(self.options) + 1):
                value = data.get(f"rank_{position}")
                if value:
                    marks.append(Mark(option=int(value), rank=position))
            return marks
        return [
            Mark(option=option.pk, points=data.get(f"points_{option.pk}") or 0)
            for option in self.options
            if data.get(f"points_{option.pk}")
        ]


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Proposed topic"), max_length=200)
    description = forms.CharField(label=_("Short description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
