"""Column headings of a list of operations, and the field each one feeds.

Three vocabularies are known: the EU list-of-operations headings, Kohesio-style exports and
the Swedish managing authority's project bank export. Headings are compared after folding
case, accents, punctuation and white space, so "Ärende-ID", "ARENDE ID" and "ärende id"
are the same column. Anything else can be mapped with ``--map "Heading=field"``.
"""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# field name -> what a person calls it (used in messages such as "the columns for … are missing").
FIELDS = {
    "case_number": _("case number"),
    "title": _("project name"),
    "summary": _("summary"),
    "owner_name": _("beneficiary"),
    "org_number": _("organisation number"),
    "start_date": _("start date"),
    "end_date": _("end date"),
    "total_budget": _("total budget"),
    "eu_funding": pgettext_lazy("a column named in a sentence", "EU funding granted"),
    "eu_rate": _("EU co-financing rate"),
    "paid_out": pgettext_lazy("a column named in a sentence", "EU funding paid out"),
    "public_cofinancing": _("public co-financing"),
    "private_cofinancing": _("private co-financing"),
    "counties": _("county"),
    "municipalities": _("municipalities"),
    "area": _("programme area"),
    "region": _("region"),
    "theme": _("thematic objective"),
    "portfolio": _("portfolio"),
    "cci": _("CCI code"),
    "programme": _("programme"),
    "website": _("website"),
    # Recognised so that they are not mistaken for something else, but not stored.
    "priority_axis": _("priority axis"),
    "postcode": _("location"),
    "country": _("country"),
    "category": _("category of intervention"),
    "fund": _("fund"),
    "last_update": _("date of last update"),
}

# Fields a file must have a column for. EU funding may instead come from a rate (see below).
REQUIRED = ("case_number", "title", "owner_name", "start_date", "end_date", "total_budget")

ALIASES = {
    "case_number": [
        # project bank
        "ärende-id", "ärendeid", "ärende id", "ärendenummer", "diarienummer", "projektnummer",
        # EU list of operations and Kohesio
        "operation id", "operation identifier", "operation code", "operation reference", "unique identifier",
        "project id", "project code", "project number", "case number", "kohesio id",
    ],
    "title": [
        "projektnamn", "projekttitel", "projektets namn", "titel",
        "operation name", "name of operation", "name of the operation",
        "project name", "project title", "title",
    ],
    "summary": [
        "projektbeskrivning", "beskrivning", "sammanfattning", "kort beskrivning",
        "operation summary", "summary of the operation", "purpose of the operation",
        "summary", "project summary", "description", "project description",
    ],
    "owner_name": [
        "stödmottagare", "stödmottagarens namn", "projektägare", "organisation", "organisationsnamn",
        "beneficiary name", "name of beneficiary", "name of the beneficiary", "beneficiary", "beneficiaries",
        "lead beneficiary",
    ],
    "org_number": [
        "organisationsnummer", "org nr", "orgnr", "org nummer", "organisation number", "organization number",
        "beneficiary id", "beneficiary identifier",
    ],
    "start_date": [
        "projektstart", "startdatum", "projektets startdatum", "start",
        "operation start date", "start date", "start date of the operation", "project start date",
    ],
    "end_date": [
        "projektslut", "slutdatum", "projektets slutdatum", "slut",
        "operation end date", "end date", "expected end date", "end date of the operation", "project end date",
    ],
    "total_budget": [
        "total budget", "totalbudget", "total finansiering", "total projektbudget", "total kostnad",
        "total eligible expenditure", "total eligible expenditure allocated to the operation", "total eligible cost",
        "total cost", "total cost of the operation", "budget",
    ],
    "eu_funding": [
        "beviljat belopp", "beviljat eu-stöd", "beviljat stöd", "eu-stöd", "eu-finansiering", "eruf",
        "eu contribution", "eu funding", "union contribution", "eu co-financing", "eu amount",
    ],
    "eu_rate": [
        "stödandel", "eu-andel", "medfinansieringsgrad", "eu-medfinansieringsgrad",
        "union co-financing rate", "union co-financing rate, as per priority axis", "co-financing rate",
        "eu co-financing rate", "eu co-financing rate (%)",
    ],
    "paid_out": [
        "utbetalt", "utbetalt belopp", "utbetalt eu-stöd", "utbetalt stöd", "utbetald eu-finansiering",
        "paid out", "amount paid out", "eu funding paid out", "eu contribution paid", "eu contribution paid out",
    ],
    "public_cofinancing": ["offentlig medfinansiering", "offentlig finansiering", "public co-financing"],
    "private_cofinancing": ["privat medfinansiering", "privat finansiering", "private co-financing"],
    "counties": ["län", "county", "counties"],
    "municipalities": ["kommuner", "kommun", "municipality", "municipalities"],
    "area": ["område", "programområde", "programme area", "program area"],
    "region": ["region", "nuts region", "nuts 2 region"],
    "theme": [
        "tematiskt mål", "politiskt mål", "thematic objective", "policy objective", "theme",
        "thematic objective (to)",
    ],
    "portfolio": ["portfölj", "projektportfölj", "portfolio"],
    "cci": ["cci", "cci-kod", "cci-nummer", "cci code", "programme cci", "cci number"],
    "programme": ["program", "programme", "programme name", "operational programme", "programnamn"],
    "website": ["webbplats", "hemsida", "website", "project website", "url"],
    "priority_axis": ["insatsområde", "priority axis", "priority", "specifikt mål", "specific objective"],
    "postcode": [
        "operation postcode", "operation postcode; or other appropriate location indicator", "postcode",
        "location indicator", "postnummer", "location", "geolocation",
    ],
    "country": ["country", "land"],
    "category": [
        "category of intervention", "name of category of intervention",
        "name of category of intervention for the operation", "type of intervention", "interventionskategori",
    ],
    "fund": ["fund", "fond", "fund concerned"],
    "last_update": [
        "date of last update", "date of last update of the list of operations", "senast uppdaterad", "last update",
    ],
}


def fold(text) -> str:
    """Case-, accent-, punctuation- and white-space-insensitive form of a heading or a name."""
    text = unicodedata.normalize("NFKD", str(text or "")).casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


LOOKUP = {fold(alias): field for field, aliases in ALIASES.items() for alias in aliases}
# Long official headings often carry a tail ("…, as per priority axis"): allow those to match
# by their beginning, longest first. One-word and short aliases must match exactly, so that
# "Beneficiary country" is not read as the beneficiary.
PREFIXES = sorted((key for key in LOOKUP if " " in key and len(key) >= 12), key=len, reverse=True)


def field_for(heading, mapping: dict[str, str] | None = None) -> str | None:
    """The field a column heading feeds, or None when it is not recognised."""
    key = fold(heading)
    if not key:
        return None
    if mapping and key in mapping:
        return mapping[key]
    if key in LOOKUP:
        return LOOKUP[key]
    for prefix in PREFIXES:
        if key.startswith(prefix + " "):
            return LOOKUP[prefix]
    return None


def parse_map(text: str) -> dict[str, str]:
    """Read ``"Heading=field,Other=field"`` into {folded heading: field}; ValueError names a bad part."""
    mapping = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        heading, sep, field = part.partition("=")
        field = field.strip()
        if not sep or not heading.strip():
            raise ValueError(_("“%(part)s” is not of the form Heading=field.") % {"part": part.strip()})
        if field not in FIELDS:
            raise ValueError(
                _("Unknown field “%(field)s”; known fields are %(fields)s.")
                % {"field": field, "fields": ", ".join(FIELDS)}
            )
        mapping[fold(heading)] = field
    return mapping
