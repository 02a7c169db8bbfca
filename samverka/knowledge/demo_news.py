"""The demo's news, the projects' cooperation wishes and a demo person's subscription.

Written for the demo as the network's coordinator would write them. The first item is the
reference case's news about the two project-leader meetings of 2020, with each meeting's notes
attached (made by ``demo.py`` from the meetings demo). The facts of the meetings come from the
reference case; every sentence is the demo's own.
"""

import datetime
from dataclasses import dataclass

from .demo_items import DEC_2, NOV_25

ALL_PORTFOLIOS = (
    "hallbara-transporter", "fornybar-energi", "hallbart-byggande",
    "energieffektivisering-smf", "foretagsstod", "forskning-och-innovation",
)

# Emissions avoided each year by the projects of 2014–2020, by portfolio (tonnes CO2e), as
# reported in their final reports; drawn as the bar chart of the news item that tells of them.
EMISSIONS_AVOIDED = [
    ("Hållbara transporter", 4800),
    ("Förnybar energi", 9600),
    ("Hållbart byggande", 3900),
    ("Energieffektivisering i SMF", 6200),
    ("Företagsstöd", 2100),
    ("Forskning och innovation", 1700),
]


def _tonnes(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def chart_alt_text() -> str:
    figures = ", ".join(f"{name} {_tonnes(value)}" for name, value in EMISSIONS_AVOIDED)
    return f"Stapeldiagram över minskade utsläpp per år och projektportfölj, i ton koldioxidekvivalenter: {figures}."


CHART_LIST = "\n".join(f"- **{name}:** {_tonnes(value)}" for name, value in EMISSIONS_AVOIDED)
CHART_CAPTION = "Minskade utsläpp per år i projekten från 2014–2020. Staplarna står i samma ordning som listan i texten."


@dataclass(frozen=True)
class News:
    title: str
    lead: str
    body: str  # Markdown, headings from ##
    published: datetime.date | None = None  # the day it was published
    days_from_now: int | None = None  # or published relative to the day the demo is loaded
    draft: bool = False
    portfolios: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    events: tuple[datetime.date | str, ...] = ()  # meeting days, or "webinar" for the upcoming one
    language: str = "sv"
    meeting_notes: bool = False  # attach the notes of its meetings as PDFs
    chart: bool = False  # show the bar chart of EMISSIONS_AVOIDED


NEWS = [
    News(
        title="73 projekt möttes digitalt för att prata spridning och långsiktiga resultat",
        lead=(
            "I november och december samlade nätverket projektledarna till två digitala träffar, en för "
            "varje halva av portföljerna. Anteckningarna från båda träffarna finns nu att ladda ner."
        ),
        body="""## Två förmiddagar, sex portföljer

Pandemin gjorde att årets projektledarträffar hölls i videomöten. Portföljerna delades på två dagar:

- **25 november:** 42 projekt från Hållbara transporter, Förnybar energi och Hållbart byggande.
- **2 december:** 31 projekt från Energieffektivisering i SMF, Företagsstöd och Forskning och
  innovation.

## Vad som ska finnas kvar

Båda dagarna kretsade kring samma fråga: vad lämnar projekten efter sig? Grupperna pratade om att
ta in dem som ska förvalta resultaten redan i starten, om att visa målgrupperna vad de själva
vinner och om vem som håller liv i nätverken när projektpengarna är slut.

## Spridning i en ny vardag

Många projekt har fått tänka om när fysiska träffar ställts in. Deltagarna bytte konkreta tips,
från drönarfilmade studiebesök till frukostmöten på nätet, och flera efterlyste gemensamma
spridningsaktiviteter med projekt i andra regioner. Ett återkommande råd var att låta de
deltagande företagen själva berätta vad insatserna har gett.

## Den nya programperioden och nästa steg

Deltagarna fick också en lägesbild av regionalfonden 2021–2027 och röstade om vilket
kunskapswebbinarium nätverket ska ordna först. Flest röster fick att sprida resultat. Under våren
ersätts projektledarträffarna av kunskapswebbinarier, öppna för projektledare, regionalt
utvecklingsansvariga och andra aktörer.

Tipsen från grupperna finns också som artiklar i kunskapsbanken.
""",
        published=datetime.date(2020, 12, 10),
        portfolios=ALL_PORTFOLIOS,
        tags=("spridning", "strukturforandring", "digitala-moten"),
        events=(NOV_25, DEC_2),
        meeting_notes=True,
    ),
    News(
        title="Spridning av resultat blir ämnet för det första kunskapswebbinariet",
        lead=(
            "Omröstningen efter projektledarträffarna är stängd. Flest röster fick frågan om hur "
            "projekten når ut med sina resultat, före den nya programperioden."
        ),
        body="""## Resultatet

Deltagarna fick välja upp till tre ämnen var. Så här blev ordningen:

1. Sprida resultat – hur når vi ut på bästa sätt?
2. Den nya programperioden
3. Långsiktiga effekter och strukturförändring

## Vad händer nu?

Vi planerar webbinariet tillsammans med några av de projekt som delade tips på träffarna.
Inbjudan går brett ut, även till regionerna och till aktörer som funderar på att söka i nästa
programperiod. Den nya programperioden tar vi upp på vårens träff.
""",
        published=datetime.date(2020, 12, 16),
        portfolios=ALL_PORTFOLIOS,
        tags=("spridning", "webbinarier"),
        events=(NOV_25,),
    ),
    News(
        title="Programperioden 2021–2027: ett grönare, koldioxidsnålt Europa",
        lead=(
            "Det nya regionalfondsprogrammet samlar klimatinsatserna under politiskt mål 2. Här är "
            "det viktigaste för den som planerar en ansökan."
        ),
        body="""## Det här är nytt

- Tematiskt mål 4 ersätts av **politiskt mål 2**, med specifika mål för bland annat
  energieffektivitet, förnybar energi, smarta energisystem och cirkulär ekonomi.
- Indikatorerna är nya: utfall och resultat mäts med de gemensamma RCO- och RCR-indikatorerna.
- Kraven på att visa långsiktiga effekter skärps.

## Tips inför ansökan

1. Läs den regionala utvecklingsstrategin för ditt programområde.
2. Tala med regionens utvecklingsansvariga innan du skriver.
3. Bygg vidare på nätverk och resultat från perioden 2014–2020, och visa hur.

Nätverket fortsätter i den nya perioden med samma sex portföljer.
""",
        published=datetime.date(2021, 3, 4),
        portfolios=ALL_PORTFOLIOS,
        tags=("strukturforandring",),
    ),
    News(
        title="Kunskapsbanken är öppen: dela era tips, resultat och projektmodeller",
        lead=(
            "Nu kan alla projekt i nätverket publicera det de har lärt sig. De första resultaten från "
            "avslutade projekt finns redan på plats."
        ),
        body="""## Vad kan man dela?

- **Tips** om spridningsaktiviteter och arbetssätt som har fungerat.
- **Resultat**, gärna med siffror: sparade megawattimmar, minskade utsläpp, installerade
  laddpunkter.
- **Projektmodeller** som andra kan använda igen.
- **Berättelser** där ett företag eller en kommun berättar vad projektet gav.
- **Utvärderingsrapporter**.

## Hur gör man?

Logga in, gå till ditt projekt och välj att skriva ett nytt inlägg. Det sparas som utkast tills du
publicerar det. Samordnarna hjälper gärna till med text och bilder.
""",
        published=datetime.date(2020, 3, 2),
        portfolios=ALL_PORTFOLIOS,
        tags=("spridning",),
    ),
    News(
        title="Kommuner delar erfarenheter om laddstolpar och laddplatser för tunga fordon",
        lead=(
            "Tre projekt inom Hållbara transporter har jämfört hur kommunerna planerar laddning. "
            "Resultatet är en gemensam checklista som finns i kunskapsbanken."
        ),
        body="""## Bakgrund

Kommunerna får allt fler frågor om laddning: från bostadsrättsföreningar, från handeln och från
åkerier som ska byta till ellastbilar. Ansvaret är ofta utspritt på flera förvaltningar.

## Vad projekten kom fram till

- Den tidiga kontakten med elnätsbolaget är avgörande för tunga transporter.
- Laddning bör finnas med i detaljplaner och markanvisningar från början.
- En utpekad förvaltning som äger frågan sparar tid för alla.

Checklistan i tio steg finns under projektmodeller i kunskapsbanken.
""",
        published=datetime.date(2023, 5, 9),
        portfolios=("hallbara-transporter",),
        tags=("laddinfrastruktur", "kommuner", "godstransporter"),
    ),
    News(
        title="Projekten från 2014–2020 minskar utsläppen med 28 300 ton om året",
        lead=(
            "Slutrapporterna från den förra programperioden är sammanställda. Tillsammans minskar "
            "projektens åtgärder utsläppen med 28 300 ton koldioxidekvivalenter varje år."
        ),
        body=f"""## Per portfölj

Minskade utsläpp per år, i ton koldioxidekvivalenter:

{CHART_LIST}

## Hur siffrorna har tagits fram

Siffrorna bygger på projektens slutrapporter och avser åtgärder som var genomförda när projekten
avslutades. Effekter som kommer senare, till exempel när fler företag tar efter, är inte med.

## Vad säger siffrorna?

Förnybar energi står för den största delen, främst genom biogas och solceller som ersätter fossila
bränslen. Energieffektiviseringen i små och medelstora företag ger mycket per satsad krona.
""",
        published=datetime.date(2024, 2, 6),
        portfolios=ALL_PORTFOLIOS,
        tags=("utvardering", "energieffektivisering"),
        chart=True,
    ),
    News(
        title="Vätgas och energilager i fokus på höstens spridningskonferens",
        lead=(
            "Projekt inom Förnybar energi och Forskning och innovation visar sina resultat för "
            "företag, kommuner och regioner. Testbäddarna för vätgas står i centrum."
        ),
        body="""## Programmet

- Erfarenheter från testbäddarna för vätgas i Gävle och Blekinge.
- Batterier och vätgas som lager i lokala elnät: vad mätningarna visar.
- Samtal med företag som har provat bränsleceller och vätgastruckar.

## För vem?

Konferensen vänder sig till projektledare, regionalt utvecklingsansvariga, energibolag och
företag som funderar på vätgas. Presentationerna publiceras efteråt.
""",
        published=datetime.date(2024, 10, 1),
        portfolios=("fornybar-energi", "forskning-och-innovation"),
        tags=("vatgas", "energilager", "spridning"),
    ),
    News(
        title="Results from Swedish low-carbon projects, now in English",
        lead=(
            "A selection of results, project models and evaluations from the network's knowledge "
            "bank is now available in English, for partners in other countries."
        ),
        body="""## Why in English?

Many projects work with partners in the Nordic and Baltic countries, and several have been asked
for their results in English. The first items cover:

- electric work machines on building sites and farms,
- a housing co-op's shared solar power,
- energy networks for manufacturing companies.

## Want to add yours?

Write your item in English and choose English as its language when you publish it. Items in
English are shown first to visitors who read the site in English.
""",
        published=datetime.date(2025, 6, 12),
        portfolios=ALL_PORTFOLIOS,
        tags=("spridning",),
        language="en",
    ),
    News(
        title="Anmäl dig till kunskapswebbinariet om att sprida resultat",
        lead=(
            "Hur når projektens resultat dem som kan använda dem? Webbinariet är öppet för alla, "
            "och anmälan är öppen nu."
        ),
        body="""## Om webbinariet

- Tre projekt berättar om spridning som har gett effekt, med tid för frågor.
- Regionalt utvecklingsansvariga samtalar med projektledare om vad regionerna behöver veta.
- Vi avslutar med hur man mäter om spridningen gav något.

## Anmälan

Anmäl dig på webbinariets sida. Länken till mötet skickas till dig som har anmält dig.
""",
        days_from_now=-3,
        portfolios=ALL_PORTFOLIOS,
        tags=("spridning", "webbinarier"),
        events=("webinar",),
    ),
    News(
        title="Inbjudan: spridningskonferens om energieffektivisering i små och medelstora företag",
        lead=(
            "Projekt inom Energieffektivisering i SMF och Företagsstöd bjuder in till en gemensam "
            "konferens om vad energicoacher, nätverk och uppföljning har gett företagen."
        ),
        body="""## Program i korthet

- Energicoacher för små företag: modellen och resultaten.
- Energinätverk för tillverkande företag: halvtidsutvärderingen.
- Företagare berättar om sina åtgärder och vad de sparar.

## Praktiskt

Konferensen är hybrid: på plats i Jönköping och digitalt. Anmälan öppnar när programmet är klart.
""",
        days_from_now=7,
        portfolios=("energieffektivisering-smf", "foretagsstod"),
        tags=("energieffektivisering", "smf", "massor"),
    ),
    News(
        title="Sammanfattning av projektledarenkäten",
        lead="Utkast: de viktigaste svaren från årets enkät till projektledarna.",
        body="""## Utkast

- Svarsfrekvens och de vanligaste önskemålen.
- Vad nätverket ändrar nästa år.
""",
        draft=True,
        days_from_now=0,
        portfolios=ALL_PORTFOLIOS,
    ),
]

# (case number, what the project wants to cooperate on)
WISHES = [
    (
        "20240737",
        "Vi söker partner till ett gemensamt spridningsevent nästa höst om eldrivna arbetsmaskiner och "
        "laddning på byggarbetsplatser. Gärna projekt inom transporter eller byggande som vill visa sina "
        "resultat för entreprenörer och kommuner.",
    ),
    (
        "20250634",
        "Vi vill dela material med andra projekt som arbetar med energieffektivisering i små företag: "
        "mallar för åtgärdslistor, upplägg för uppföljningssamtal och en webbinarieserie för företagare.",
    ),
    (
        "20240777",
        "Vi vill ordna en gemensam studiedag i vår testbädd för vätgas i vår, tillsammans med projekt som "
        "arbetar med vätgas eller energilager, och skriva en gemensam rapport om vad företagen har lärt sig.",
    ),
]

# The demo person who follows the network by a weekly digest.
SUBSCRIBER = "projektledare@example.org"
SUBSCRIBED_KINDS = ["news", "tip", "result", "model", "event:knowledge_webinar"]
SUBSCRIBED_AT = datetime.date(2025, 1, 15)
