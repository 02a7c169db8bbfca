"""Template tags for the engagement page, whose two lists page independently."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param: str, number) -> str:
    """The current query string with ``param`` set to ``number``: "?portfolio=x&never_page=2"."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()
