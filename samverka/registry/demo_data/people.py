"""Demo people: obviously fictional names, addresses at example.org (a domain reserved
for examples), the same password for all (settings.DEMO_PASSWORD)."""

COORDINATOR = ("samordnare@example.org", "Saga Samordnare", "Samverka nätverkskansli", "Nätverkssamordnare")

FIRST_NAMES = [
    "Anna", "Erik", "Maria", "Johan", "Karin", "Lars", "Eva", "Anders", "Sara", "Per",
    "Lena", "Mikael", "Emma", "Nils", "Ida", "Olle", "Elin", "Gustav", "Frida", "Hassan",
    "Leila", "Jonas", "Maja", "Oskar", "Aino", "Tove", "Amir", "Sofia", "Viktor",
]
SURNAMES = [
    "Exempelsson", "Provberg", "Testlund", "Demoström", "Påhittsson", "Låtsasdotter",
    "Fiktivsson", "Modellgren", "Mallqvist", "Utkastberg",
]

OFFICIALS = [
    ("utvecklingsansvarig@example.org", "Ulla Utvecklingsansvarig", "Region Norrbotten"),
    ("rolf.regionsson@example.org", "Rolf Regionsson", "Region Skåne"),
    ("stina.strategsson@example.org", "Stina Strategsson", "Västra Götalandsregionen"),
    ("bo.bidragsberg@example.org", "Bo Bidragsberg", "Region Dalarna"),
    ("greta.glesbygdsdotter@example.org", "Greta Glesbygdsdotter", "Region Jämtland Härjedalen"),
    ("kalle.kommunlund@example.org", "Kalle Kommunlund", "Region Kalmar län"),
]

ACTORS = [
    ("aktor@example.org", "Ali Aktör", "Exempelbygdens energiförening"),
    ("nora.natverksson@example.org", "Nora Nätverksson", "Påhittade Branschförbundet"),
    ("ivar.initiativsson@example.org", "Ivar Initiativsson", "Låtsaskommunens näringslivskontor"),
    ("vera.verksamhetsdotter@example.org", "Vera Verksamhetsdotter", "Demostadens klimatråd"),
]

COMMUNICATORS = [
    ("kommunikator@example.org", "Kim Kommunikatör"),
    ("sam.spridningsson@example.org", "Sam Spridningsson"),
    ("mira.meddelandegren@example.org", "Mira Meddelandegren"),
]

LEADER_COUNT = 30


def leaders():
    """(email, name) for the project leaders; the first has an address that is easy to type."""
    rows = [("projektledare@example.org", "Pia Projektledare")]
    for number in range(1, LEADER_COUNT):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = SURNAMES[number % len(SURNAMES)]
        email = f"{first}.{last}".lower().translate(str.maketrans("åäö", "aao")) + "@example.org"
        rows.append((email, f"{first} {last}"))
    return rows
