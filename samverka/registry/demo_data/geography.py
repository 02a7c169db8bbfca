"""The fixed frame of the demo: periods, programme areas, counties, a few municipalities,
theme areas, the six portfolios of the reference case and the nine programmes per period.

Codes are the official ones (NUTS 2 for programme areas, the two-digit county codes, the
four-digit municipality codes); the CCI codes follow the real pattern but are illustrative.
"""

PERIODS = [("2014–2020", 2014, 2020), ("2021–2027", 2021, 2027)]

# NUTS 2 code, name, slug, then the counties (code, name, slug, the regional body that
# co-finances projects there).
AREAS = [
    ("SE33", "Övre Norrland", "ovre-norrland", [
        ("24", "Västerbottens län", "vasterbottens-lan", "Region Västerbotten"),
        ("25", "Norrbottens län", "norrbottens-lan", "Region Norrbotten"),
    ]),
    ("SE32", "Mellersta Norrland", "mellersta-norrland", [
        ("22", "Västernorrlands län", "vasternorrlands-lan", "Region Västernorrland"),
        ("23", "Jämtlands län", "jamtlands-lan", "Region Jämtland Härjedalen"),
    ]),
    ("SE31", "Norra Mellansverige", "norra-mellansverige", [
        ("17", "Värmlands län", "varmlands-lan", "Region Värmland"),
        ("20", "Dalarnas län", "dalarnas-lan", "Region Dalarna"),
        ("21", "Gävleborgs län", "gavleborgs-lan", "Region Gävleborg"),
    ]),
    ("SE12", "Östra Mellansverige", "ostra-mellansverige", [
        ("03", "Uppsala län", "uppsala-lan", "Region Uppsala"),
        ("04", "Södermanlands län", "sodermanlands-lan", "Region Sörmland"),
        ("05", "Östergötlands län", "ostergotlands-lan", "Region Östergötland"),
        ("18", "Örebro län", "orebro-lan", "Region Örebro län"),
        ("19", "Västmanlands län", "vastmanlands-lan", "Region Västmanland"),
    ]),
    ("SE11", "Stockholm", "stockholm", [
        ("01", "Stockholms län", "stockholms-lan", "Region Stockholm"),
    ]),
    ("SE23", "Västsverige", "vastsverige", [
        ("13", "Hallands län", "hallands-lan", "Region Halland"),
        ("14", "Västra Götalands län", "vastra-gotalands-lan", "Västra Götalandsregionen"),
    ]),
    ("SE21", "Småland och öarna", "smaland-och-oarna", [
        ("06", "Jönköpings län", "jonkopings-lan", "Region Jönköpings län"),
        ("07", "Kronobergs län", "kronobergs-lan", "Region Kronoberg"),
        ("08", "Kalmar län", "kalmar-lan", "Region Kalmar län"),
        ("09", "Gotlands län", "gotlands-lan", "Region Gotland"),
    ]),
    ("SE22", "Skåne-Blekinge", "skane-blekinge", [
        ("10", "Blekinge län", "blekinge-lan", "Region Blekinge"),
        ("12", "Skåne län", "skane-lan", "Region Skåne"),
    ]),
]

# Municipality code, name, slug, county code. The first two digits are the county's.
MUNICIPALITIES = [
    ("2580", "Luleå", "lulea-kommun", "25"),
    ("2480", "Umeå", "umea-kommun", "24"),
    ("2281", "Sundsvall", "sundsvall-kommun", "22"),
    ("2380", "Östersund", "ostersund-kommun", "23"),
    ("2080", "Falun", "falun-kommun", "20"),
    ("1780", "Karlstad", "karlstad-kommun", "17"),
    ("0380", "Uppsala", "uppsala-kommun", "03"),
    ("0580", "Linköping", "linkoping-kommun", "05"),
    ("0180", "Stockholm", "stockholm-kommun", "01"),
    ("1480", "Göteborg", "goteborg-kommun", "14"),
    ("0780", "Växjö", "vaxjo-kommun", "07"),
    ("0980", "Gotland", "gotland-kommun", "09"),
    ("1280", "Malmö", "malmo-kommun", "12"),
    ("1080", "Karlskrona", "karlskrona-kommun", "10"),
]

# Places used in project titles, per programme area, with the county each lies in
# (None for a place that spans the whole area).
PLACES = {
    "SE33": [("Norrbotten", "25"), ("Västerbotten", "24"), ("Luleå", "25"), ("Umeå", "24"), ("Skellefteå", "24"),
             ("Kiruna", "25"), ("Piteå", "25"), ("Lycksele", "24")],
    "SE32": [("Västernorrland", "22"), ("Jämtland", "23"), ("Sundsvall", "22"), ("Östersund", "23"),
             ("Härnösand", "22"), ("Örnsköldsvik", "22"), ("Åre", "23")],
    "SE31": [("Värmland", "17"), ("Dalarna", "20"), ("Gävleborg", "21"), ("Karlstad", "17"), ("Falun", "20"),
             ("Gävle", "21"), ("Borlänge", "20"), ("Hudiksvall", "21")],
    "SE12": [("Uppsala län", "03"), ("Sörmland", "04"), ("Östergötland", "05"), ("Örebro län", "18"),
             ("Västmanland", "19"), ("Linköping", "05"), ("Eskilstuna", "04"), ("Västerås", "19")],
    "SE11": [("Stockholmsregionen", "01"), ("Södertörn", "01"), ("Norrort", "01"), ("Stockholms län", "01"),
             ("Nacka", "01"), ("Södertälje", "01")],
    "SE23": [("Västra Götaland", "14"), ("Halland", "13"), ("Göteborgsregionen", "14"), ("Skaraborg", "14"),
             ("Fyrbodal", "14"), ("Halmstad", "13"), ("Borås", "14")],
    "SE21": [("Småland", None), ("Kronoberg", "07"), ("Kalmar län", "08"), ("Gotland", "09"),
             ("Jönköpings län", "06"), ("Växjö", "07"), ("Visby", "09"), ("Öland", "08")],
    "SE22": [("Skåne", "12"), ("Blekinge", "10"), ("Malmö", "12"), ("Karlskrona", "10"), ("Helsingborg", "12"),
             ("Kristianstad", "12"), ("Lund", "12")],
}

THEMES = [
    # period, code, Swedish name, English name
    ("2014–2020", "TO4", "Att stödja övergången till en koldioxidsnål ekonomi inom alla sektorer",
     "Supporting the shift towards a low-carbon economy in all sectors"),
    ("2021–2027", "PO2", "Ett grönare, koldioxidsnålt Europa", "A greener, low-carbon Europe"),
]

# slug, Swedish name, English name, Swedish description, English description
PORTFOLIOS = [
    ("hallbara-transporter", "Hållbara transporter", "Sustainable transport",
     "Projekt som minskar utsläppen från gods- och persontransporter: laddning och förnybara drivmedel, "
     "samordnad varudistribution och smartare resor i både stad och landsbygd.",
     "Projects that cut emissions from freight and passenger transport: charging and renewable fuels, "
     "shared goods distribution and smarter travel in towns and the countryside."),
    ("fornybar-energi", "Förnybar energi", "Renewable energy",
     "Projekt som bygger ut sol, vind, bioenergi och lagring, ofta tillsammans med lantbruk, "
     "energibolag och lokala föreningar.",
     "Projects that add solar, wind, bioenergy and storage, often together with farms, "
     "energy companies and local associations."),
    ("hallbart-byggande", "Hållbart byggande", "Sustainable building",
     "Projekt som sänker klimatpåverkan från byggande och fastigheter: trä och återbruk, "
     "energirenovering och nya sätt att beställa och följa upp byggprojekt.",
     "Projects that lower the climate impact of construction and property: timber and reuse, "
     "energy renovation and new ways to procure and follow up building work."),
    ("energieffektivisering-smf", "Energieffektivisering i SMF", "Energy efficiency in SMEs",
     "Projekt som hjälper små och medelstora företag att kartlägga och minska sin energianvändning, "
     "med energikartläggningar, nätverk och rådgivning.",
     "Projects that help small and medium-sized enterprises map and reduce their energy use "
     "through energy audits, networks and advice."),
    ("foretagsstod", "Företagsstöd", "Business support",
     "Projekt som stärker företag som utvecklar klimatsmarta varor och tjänster, med affärsrådgivning, "
     "inkubatorer och vägar till nya marknader.",
     "Projects that strengthen companies developing low-carbon goods and services, with business advice, "
     "incubators and routes to new markets."),
    ("forskning-och-innovation", "Forskning och innovation", "Research and innovation",
     "Projekt där lärosäten, institut och företag tillsammans tar fram och testar ny teknik för "
     "ett koldioxidsnålt samhälle.",
     "Projects in which universities, institutes and companies develop and test new technology "
     "for a low-carbon society together."),
]

MANAGING_AUTHORITY = "Tillväxtverket"

# Programme names per area code; the national programme has no area.
PROGRAMME_AREAS = ["SE33", "SE32", "SE31", "SE12", "SE11", "SE23", "SE21", "SE22"]


def programmes():
    """(period name, CCI, kind, name, area code or None) for the nine programmes of each period."""
    rows = []
    area_names = {code: name for code, name, _slug, _counties in AREAS}
    for period, prefix in (("2014–2020", "2014SE16RFOP"), ("2021–2027", "2021SE16RFPR")):
        for number, code in enumerate(PROGRAMME_AREAS, start=1):
            rows.append((period, f"{prefix}{number:03d}", "regional", f"Regionalfondsprogram {area_names[code]}", code))
        rows.append((period, f"{prefix}009", "national", "Nationellt regionalfondsprogram", None))
    return rows
