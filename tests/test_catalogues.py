"""Every Swedish catalogue is complete, and its compiled .mo says what its .po says."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    path for path in ROOT.glob("**/locale/sv/LC_MESSAGES/django.po") if ".venv" not in path.parts
)


TRANSLATABLE = re.compile(r"\{% *(translate|blocktranslate|trans|blocktrans)[ %]|gettext")


def apps_with_strings():
    for app in sorted(path for path in (ROOT / "samverka").iterdir() if (path / "apps.py").exists()):
        sources = [*app.rglob("*.py"), *app.rglob("*.html"), *app.rglob("*.txt")]
        if any("migrations" not in source.parts and TRANSLATABLE.search(source.read_text()) for source in sources):
            yield app.name


def test_every_app_with_strings_has_a_catalogue():
    names = {path.relative_to(ROOT).parts[0:2] for path in CATALOGUES}
    expected = {("locale", "sv"), *(("samverka", app) for app in apps_with_strings())}
    assert ("samverka", "knowledge") in expected
    assert expected <= names


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_translated_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    with open(po_path.with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in po.translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            if compiled.ngettext(entry.msgid, entry.msgid_plural, 1) != entry.msgstr_plural[0] and not entry.msgctxt:
                stale.append(entry.msgid)
        elif compiled._catalog.get(key) != entry.msgstr:
            stale.append(entry.msgid)
    assert stale == [], "run make messages: the .mo is older than the .po"


def test_swedish_is_the_default_and_english_is_there(client, db):
    assert "Hoppa till innehållet" in client.get("/projekt/").text
    assert "Skip to content" in client.get("/en/projekt/").text
    with translation.override("sv"):
        assert translation.gettext("Projects") == "Projekt"
