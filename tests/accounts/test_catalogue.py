"""The accounts catalogue is complete: no fuzzy and no empty translations."""

import re
from pathlib import Path

import samverka.accounts

PO = Path(samverka.accounts.__file__).parent / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def test_no_fuzzy_entries():
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def test_no_empty_translations():
    entries = PO.read_text(encoding="utf-8").strip().split("\n\n")[1:]  # the first block is the header
    # An empty msgstr is `msgstr ""` not followed by a continuation line.
    empty = [entry for entry in entries if re.search(r'^msgstr(\[\d\])? ""\n(?!")', entry + "\n", re.M)]
    assert empty == []
