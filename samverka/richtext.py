"""Rich text: Markdown written by people, rendered to HTML and sanitised before it is shown.

Everything user-written that may carry formatting (content pages, the accessibility
statement, later news and knowledge items) goes through :func:`render_markdown`. The
Markdown renderer lets raw HTML through, so the result is cleaned with nh3 against a small
allow-list: no scripts, no styles, no event attributes, links only to http(s), mailto and
tel. Templates use the ``markdown`` filter from ``samverka/pages/templatetags/richtext.py``.
"""

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
HEADING = re.compile(r"<(/?)h([1-6])>")


def _shift_headings(html: str, top_level: int) -> str:
    """Move headings so the highest one in the text becomes ``top_level`` (never past h6).

    The page has its own h1; a writer's ``# Heading`` must not become a second h1, and
    starting at ``###`` must not leave a gap in the outline.
    """
    levels = [int(level) for _, level in HEADING.findall(html)]
    if not levels:
        return html
    shift = top_level - min(levels)
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}>", html)


def render_markdown(text: str, *, top_level: int = 2) -> SafeString:
    """Render Markdown to sanitised HTML whose headings start at ``h{top_level}``."""
    if not text:
        return mark_safe("")
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    html = _shift_headings(html, top_level)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        clean_content_tags={"script", "style"},
    )
    # h1 is not on the allow-list: the page owns its one h1.
    return mark_safe(cleaned)  # noqa: S308 — cleaned by nh3 above
