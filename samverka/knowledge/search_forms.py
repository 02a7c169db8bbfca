"""The search page's input: the box (checked like any form field) and the facet filters.

Facet values come from links and checkboxes, so a wrong one is a stale or edited address, not
a typing mistake: it is left out and the page says so once, above the results.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .search_results import KIND_LABELS, Filters

MAX_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        max_length=MAX_LENGTH,
        strip=True,
        help_text=_('Words also find their other forms. Use "quotes" for a phrase, OR between two words for either, and -word to leave a word out.'),
        error_messages={
            "max_length": _("Type at most %(limit_value)d characters; this search has %(show_value)d."),
        },
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_LENGTH}),
    )


def read_filters(data, *, portfolios: dict[str, int], areas: dict[str, int]) -> tuple[Filters, bool]:
    """The facet filters in ``data`` (a QueryDict) and whether any value was left out as unknown.

    ``portfolios`` and ``areas`` map slugs to ids.
    """
    ignored = False

    def known(name, lookup):
        nonlocal ignored
        values = []
        for value in data.getlist(name):
            if value in lookup:
                if lookup[value] not in values:
                    values.append(lookup[value])
            else:
                ignored = True
        return tuple(values)

    years = {str(year): year for year in range(1900, 2101)}
    filters = Filters(
        kinds=known("kind", {kind: kind for kind in KIND_LABELS}),
        portfolios=known("portfolio", portfolios),
        areas=known("area", areas),
        years=known("year", years),
    )
    return filters, ignored


def read_page(data) -> int:
    try:
        return max(1, int(data.get("page", "1")))
    except ValueError:
        return 1
