"""Plain text fields (titles, leads) kept free of markup.

A title or a lead is shown as text in lists, pages, feeds and mails; markup typed into one is
no formatting, only a risk where the text is read as HTML (a feed reader, a mail program). The
forms (site and back office) and the feeds pass such text through :func:`plain_text`.
"""

import html

import nh3


def plain_text(value: str) -> str:
    """``Tips <script>alert(1)</script><b>nu</b>`` → ``Tips nu``: tags dropped, the content of
    scripts and styles with them, entities turned back into the characters they stand for."""
    if not value:
        return value
    cleaned = nh3.clean(value, tags=set(), clean_content_tags={"script", "style"})
    return html.unescape(cleaned).strip()
