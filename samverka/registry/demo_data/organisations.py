"""Fictional project owners, a handful per programme area, with valid organisation numbers.

The names are invented; the numbers follow the Swedish pattern (the first digit says
the kind of legal person, the last is a Luhn check digit) and are drawn from a seeded
generator, so they are valid in form but chosen without regard to any real register.
"""

import random

from samverka.registry.validators import luhn_ok

# Prefix of the organisation number per kind: 2 = public bodies, 5 = limited companies,
# 7 = economic associations, 8 = non-profit associations and foundations.
PREFIX = {"public": "2", "company": "5", "cooperative": "7", "association": "8"}

OWNERS = {
    "SE33": [
        ("Energikontor Norrskenet", "public"), ("Polarljus Innovation AB", "company"),
        ("Tornedalens Bioenergi ek. för.", "cooperative"), ("Norrbottniska teknikhögskolan", "public"),
        ("Skogslandets Transportnätverk", "association"), ("Vindkraftsbolaget Fjällvind AB", "company"),
    ],
    "SE32": [
        ("Mittnorrlands energiråd", "public"), ("Indalsälvens Solenergi AB", "company"),
        ("Föreningen Hållbar Bygd Mitt", "association"), ("Mittlandets högskola", "public"),
        ("Jämtfrakt Logistik AB", "company"),
    ],
    "SE31": [
        ("Bergslagens energikontor", "public"), ("Klarälvens Klimatlabb AB", "company"),
        ("Dalarnas Träbyggnadsförening", "association"), ("Gävlebuktens Företagscentrum AB", "company"),
        ("Värmlandsnätet för hållbar industri", "association"),
    ],
    "SE12": [
        ("Energikontoret Mälarslätten", "public"), ("Östgöta Klimatforum", "association"),
        ("Mälardalens innovationsinstitut", "public"), ("Sörmlandsfrakt Samlastning AB", "company"),
        ("Örebroslättens Biogas ek. för.", "cooperative"), ("Upplands Byggåterbruk AB", "company"),
    ],
    "SE11": [
        ("Storstadsregionens klimatkansli", "public"), ("Norrortsladd AB", "company"),
        ("Stockholms Cleantech-inkubator AB", "company"), ("Södertörns energiförening", "association"),
        ("Huvudstadens tekniska institut", "public"),
    ],
    "SE23": [
        ("Västkustens energibyrå", "public"), ("Hallandsvind Kooperativ ek. för.", "cooperative"),
        ("Göta älv Logistikpark AB", "company"), ("Skaraborgs Cirkulära Bygg AB", "company"),
        ("Västsvenska materialinstitutet", "public"), ("Fyrbodals Företagsnätverk", "association"),
    ],
    "SE21": [
        ("Smålandsskogens energikontor", "public"), ("Kalmarsundets Solkraft AB", "company"),
        ("Gotländska Energiföreningen", "association"), ("Glasrikets Industrinätverk", "association"),
        ("Linnéstadens tekniska högskola", "public"),
    ],
    "SE22": [
        ("Sydkustens energikontor", "public"), ("Öresundsbygdens Biogas AB", "company"),
        ("Blekinge Marina Klimatlabb", "association"), ("Skånska Slätternas Lantbrukarkooperativ ek. för.", "cooperative"),
        ("Sydsvenska innovationsinstitutet", "public"), ("Hamnstadens Elfrakt AB", "company"),
    ],
}


def org_number(rng: random.Random, kind: str) -> str:
    """A ten-digit number NNNNNN-NNNN with a valid Luhn check digit."""
    digits = PREFIX[kind] + "".join(str(rng.randrange(10)) for _ in range(8))
    # The third digit of an organisation number is 2 or higher (it separates them from
    # personal identity numbers, whose third digit is the first digit of a month).
    digits = digits[:2] + str(rng.randrange(2, 10)) + digits[3:]
    for check in range(10):
        if luhn_ok(digits + str(check)):
            number = digits + str(check)
            return f"{number[:6]}-{number[6:]}"
    raise AssertionError("a Luhn check digit always exists")


def owners(rng: random.Random):
    """(area code, name, org number, kind) for every owner, the same on every run for the same seed."""
    seen = set()
    rows = []
    for area_code, names in OWNERS.items():
        for name, kind in names:
            number = org_number(rng, kind)
            while number in seen:
                number = org_number(rng, kind)
            seen.add(number)
            rows.append((area_code, name, number, kind))
    return rows
