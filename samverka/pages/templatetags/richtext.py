"""``{% load richtext %}`` then ``{{ text|markdown }}`` (headings from h2) or
``{{ text|markdown:3 }}`` (headings from h3, for text under a section's h2)."""

from django import template

from samverka.richtext import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, top_level=2):
    return render_markdown(text or "", top_level=int(top_level))
