"""The demo's knowledge items: tips, results, project models, case stories and evaluation reports.

Written for the demo as the network's coordinator and the demo projects' leaders would write
them; the companies, people and figures are invented. Each item names its projects by case
number (the registry's demo generates the same case numbers on every run), its portfolios by
slug and, for tips shared at a project-leader meeting, the meeting's day.
"""

import datetime
from dataclasses import dataclass

NOV_25 = datetime.date(2020, 11, 25)
DEC_2 = datetime.date(2020, 12, 2)

# slug → name
TAGS = {
    "spridning": "Spridning",
    "studiebesok": "Studiebesök",
    "webbinarier": "Webbinarier",
    "sociala-medier": "Sociala medier",
    "massor": "Mässor och evenemang",
    "press": "Press och media",
    "foretagsberattelser": "Företagsberättelser",
    "digitala-moten": "Digitala möten",
    "natverk": "Nätverk",
    "strukturforandring": "Strukturförändring",
    "laddinfrastruktur": "Laddinfrastruktur",
    "godstransporter": "Godstransporter",
    "biogas": "Biogas",
    "solceller": "Solceller",
    "vindkraft": "Vindkraft",
    "vatgas": "Vätgas",
    "energilager": "Energilager",
    "energieffektivisering": "Energieffektivisering",
    "spillvarme": "Spillvärme",
    "aterbruk": "Återbruk",
    "upphandling": "Upphandling",
    "kommuner": "Kommuner",
    "smf": "Små och medelstora företag",
    "utvardering": "Utvärdering",
}


@dataclass(frozen=True)
class Item:
    kind: str  # KnowledgeItem.Kind
    title: str
    lead: str
    body: str  # Markdown, headings from ##
    published: datetime.date | None  # None: still a draft
    projects: tuple[str, ...] = ()  # case numbers
    portfolios: tuple[str, ...] = ()  # slugs, besides those of the projects
    tags: tuple[str, ...] = ()
    events: tuple[datetime.date, ...] = ()  # the project-leader meetings where it was shared
    language: str = "sv"
    report: str = ""  # an evaluation's attached report: its title


ITEMS = [
    # Tips shared in the discussion groups of 25 November 2020.
    Item(
        kind="tip",
        title="Fem tips om spridning från grupperna den 25 november",
        lead=(
            "Projektledarna inom transporter, förnybar energi och byggande delade med sig av det som "
            "har fungerat i deras spridningsarbete. Här är det vi tar med oss från grupprummen."
        ),
        body="""## Bakgrund

På projektledarträffen den 25 november satt deltagarna i fem grupper med var sitt tema. Varje
grupp hade en sekreterare, och anteckningarna finns som bilaga till nyheten om träffarna. Här har
vi samlat de tips som flest grupper återkom till.

## Tipsen

1. **Gör mottagaren delaktig från start.** Den förvaltning eller det företag som ska äga
   resultatet efter projektet bör sitta med i styrgruppen redan första året.
2. **Kortare och närmare.** En frukost på åkeriet eller gården når fler än ett halvdagsseminarium
   i stan.
3. **Ge nätverket en värd.** Bestäm i god tid vem som kallar till nästa träff när projektet är slut.
4. **Behåll det digitala.** Deltagare från glesbygden har kunnat vara med oftare sedan träffarna
   flyttade till skärmen.
5. **Låt företagen tala.** Tio minuter där en företagare berättar med egna siffror väger tyngre än
   projektets egen presentation.

## Vill du veta mer?

Varje tips har en egen artikel i kunskapsbanken med kontaktuppgifter till projektet som delade det.
""",
        published=datetime.date(2020, 12, 7),
        portfolios=("hallbara-transporter", "fornybar-energi", "hallbart-byggande"),
        tags=("spridning", "digitala-moten", "natverk"),
        events=(NOV_25,),
    ),
    Item(
        kind="tip",
        title="Studiebesök på biogasanläggningen fick lantbrukarna att skriva avsiktsförklaringar",
        lead=(
            "Vi bjöd in lantbrukare till en rundvandring på en biogasanläggning som redan är i drift. "
            "Att se rötkammaren och prata med driftchefen gjorde mer än alla våra kalkyler."
        ),
        body="""## Vad vi gjorde

Under hösten 2020 ordnade projektet tre studiebesök på en biogasanläggning i Östergötland som tar
emot gödsel från ett tjugotal gårdar. Varje besök var för högst femton personer och tog två timmar:

- en kort genomgång av hur substratet tas emot och vad gårdarna får betalt,
- en rundvandring i anläggningen med driftchefen,
- kaffe i maskinhallen där en av leverantörerna berättade om rötresten som gödsel.

## Varför det fungerade

Lantbrukarna fick ställa sina frågor till någon som gör samma jobb som de själva. Frågorna om lukt,
transporter och avtalstider fick raka svar. Efter besöken skrev elva gårdar under en
avsiktsförklaring om att leverera gödsel till en gemensam anläggning.

## Tänk på

- Boka besöken utanför vårbruk och skörd.
- Ha skyddsutrustning i olika storlekar.
- Skicka ut en sammanfattning med siffrorna samma kväll, medan intresset är som störst.
""",
        published=datetime.date(2020, 12, 3),
        projects=("20190578",),
        tags=("studiebesok", "biogas", "spridning"),
        events=(NOV_25,),
    ),
    Item(
        kind="tip",
        title="Frukostträffar hos åkerierna i stället för seminarier",
        lead=(
            "Åkare har sällan en halv dag över. När vi flyttade våra träffar till klockan sju på "
            "morgonen, hos ett av åkerierna, tredubblades antalet deltagare."
        ),
        body="""## Problemet

Våra första seminarier om fossilfria transporter hölls på kommunhuset mitt på dagen. Där kom
transportköpare och tjänstepersoner, men nästan inga åkerier.

## Så gjorde vi i stället

- **Tiden:** 07.00–08.00, innan bilarna går ut.
- **Platsen:** i fikarummet hos ett av åkerierna i nätverket, i tur och ordning.
- **Innehållet:** ett enda ämne per gång, till exempel laddning vid lastkaj eller vad ett
  biogasfordon kostar per mil. Högst femton minuter från projektet, resten samtal.
- **Uppföljningen:** ett telefonsamtal till varje deltagare veckan efter.

## Resultat

Från i snitt fyra åkerier per seminarium till tolv per frukostträff. Flera transporter i vår
region körs nu på biogas efter att åkerierna jämfört erfarenheter med varandra vid kaffebordet.
""",
        published=datetime.date(2020, 12, 9),
        projects=("20180569",),
        tags=("godstransporter", "spridning", "biogas"),
        events=(NOV_25,),
    ),
    Item(
        kind="tip",
        title="Ge nätverket en värd innan projektet tar slut",
        lead=(
            "Närvärmenätverket i våra byar lever vidare efter projekttiden eftersom energikontoret tog "
            "över värdskapet ett halvår innan vi avslutade."
        ),
        body="""## Varför det behövs

Under projektet träffades byalag, skogsägare och entreprenörer fyra gånger om året. Alla var
överens om att träffarna var värdefulla, men ingen hade i uppdrag att kalla till dem efter oss.

## Så gjorde vi

1. Vi frågade deltagarna vilken organisation de helst ville se som värd. Svaret blev det
   regionala energikontoret.
2. Energikontoret höll i två träffar medan projektet fortfarande fanns, med oss som stöd.
3. Kontaktlistan flyttades till en lista som deltagarna själva uppdaterar.
4. Vi skrev en sida om vad värdskapet innebär: två träffar om året och ett utskick i kvartalet.

## Lärdom

Ett nätverk överlever inte på god vilja. Det behöver en namngiven värd med tid i sin budget.
""",
        published=datetime.date(2020, 12, 11),
        projects=("20180456",),
        tags=("natverk", "strukturforandring"),
        events=(NOV_25,),
    ),
    Item(
        kind="tip",
        title="Digital visning av solcellsanläggningen, filmad med drönare",
        lead=(
            "När vi inte kunde samla lantbrukare på gårdarna visade vi anläggningen i ett "
            "videomöte: en drönarfilm, en live-kamera vid växelriktaren och gårdens ägare i rutan."
        ),
        body="""## Upplägget

- Fem minuter drönarfilm över taket och markanläggningen, inspelad i förväg.
- Gårdens ägare visade växelriktaren och produktionsappen med mobilkameran.
- Frågestund i mindre grupprum om högst åtta personer, med en rådgivare i varje rum.

## Vad vi lärde oss

Fler kom än till våra fysiska visningar, särskilt från gårdar långt från centralorten. Det var
svårare att få i gång samtalet, så mindre grupper och kameran på gjorde stor skillnad.

## Gör så här

- Testa ljudet från gården dagen innan; ladugårdar har dålig täckning.
- Ha en kollega som bara sköter chatten och skriver ner frågor till uppföljningen.
- Spara filmen och skicka den till alla anmälda, även de som inte kunde komma.
""",
        published=datetime.date(2020, 12, 15),
        projects=("20200492",),
        tags=("solceller", "digitala-moten", "studiebesok"),
        events=(NOV_25,),
    ),
    Item(
        kind="tip",
        title="Låt styrgruppen bestå av dem som ska ta över resultaten",
        lead=(
            "I vårt projekt om återbruk av byggmaterial sitter kommunens fastighetsförvaltning och "
            "tekniska förvaltning i styrgruppen. Det är därför återbruket nu finns i deras budget."
        ),
        body="""## Hur vi satte ihop styrgruppen

Vi bjöd in cheferna för de förvaltningar som i framtiden skulle behöva arbeta med återbruk,
inte bara de som var positiva från början. Styrgruppen har sex ledamöter och träffas varannan
månad.

## Det som gjorde skillnad

- Förvaltningarna fick själva formulera vilka resultat de behövde för att fatta beslut.
- Varje halvår gick vi igenom vem som äger vilket resultat efter projekttiden.
- Ekonomerna bjöds in när vi räknade på kostnaderna, så att siffrorna var deras egna.

## Resultatet

Fastighetsförvaltningen har tagit in krav på inventering för återbruk före rivning i sina
rutiner, och en tjänst som återbrukssamordnare finns i nästa års budget.
""",
        published=datetime.date(2020, 12, 17),
        projects=("20180584",),
        tags=("aterbruk", "kommuner", "strukturforandring"),
        events=(NOV_25,),
    ),
    Item(
        kind="tip",
        title="Tio minuter med ett byggföretag: så bygger vi upp företagens inslag",
        lead=(
            "Våra digitala träffar börjar med att ett företag berättar vad träbyggandet gav dem. "
            "Vi hjälper till med manus och siffror, företaget står för berättelsen."
        ),
        body="""## Formatet

- **Tio minuter**, inte mer. Företagaren pratar själv, projektet presenterar bara kort.
- **Tre frågor** som vi går igenom före: vad ni gjorde, vad det kostade och vad det gav.
- **Minst en siffra:** kortare byggtid, minskade utsläpp i ton koldioxid eller färre transporter.

## Efteråt

Med företagets tillstånd spelar vi in inslaget och lägger ut det i projektets kanaler. En
inspelning från en takstolstillverkare har visats vid fyra andra träffar i regionen.

## Tips

Fråga tidigt. Företagare säger oftare ja när de får tre veckor på sig och hjälp med bilderna.
""",
        published=datetime.date(2021, 1, 20),
        projects=("20190502",),
        tags=("foretagsberattelser", "digitala-moten", "spridning"),
        events=(NOV_25,),
    ),
    # Tips shared in the discussion groups of 2 December 2020.
    Item(
        kind="tip",
        title="LinkedIn-inlägg med energisiffror före och efter",
        lead=(
            "Ett foto från företaget, två siffror och en mening från ägaren. Våra inlägg med "
            "förbrukningen före och efter åtgärderna når fem gånger fler än våra andra inlägg."
        ),
        body="""## Mallen vi använder

1. **Bild:** från företaget, gärna med personal i arbete, aldrig en bild på en elmätare.
2. **Före och efter:** årlig energianvändning i MWh före och efter, och vad det betyder i kronor.
3. **Citat:** en mening från ägaren om varför de gjorde det.
4. **Länk:** till projektets sida där andra företag kan anmäla intresse.

## Exempel

> Snickeriet i Uddevalla gick från 410 till 290 MWh om året genom att byta ventilation och styra
> spånsugen efter behov. "Vi borde ha gjort det för tio år sedan."

## Att tänka på

- Be företaget godkänna texten och siffrorna skriftligt.
- Tagga företaget, så når inlägget även deras kunder och leverantörer.
- Publicera tisdag eller onsdag förmiddag; det har gett oss flest visningar.
""",
        published=datetime.date(2020, 12, 14),
        projects=("20190427",),
        tags=("sociala-medier", "energieffektivisering", "smf", "spridning"),
        events=(DEC_2,),
    ),
    Item(
        kind="tip",
        title="Webbinarieserie för små och medelstora företag: sex avsnitt på 45 minuter",
        lead=(
            "Vår webbinarieserie om energieffektivisering har nått över 300 företag, de flesta som "
            "aldrig varit med i projektet. Korta avsnitt och fasta tider är hemligheten."
        ),
        body="""## Serien

Ett avsnitt varannan torsdag klockan 8.15, alltid 45 minuter:

1. Var går energin i ett litet företag?
2. Belysning och styrning – de snabba vinsterna
3. Tryckluft och ventilation
4. Solceller på eget tak: räkna rätt
5. Effekttoppar och elavtal
6. Så söker du stöd för energikartläggning

## Det som fungerade

- Samma tid varje gång gjorde att deltagarna lade in hela serien i kalendern.
- Varje avsnitt hade en företagare som gäst.
- Inspelningarna ligger kvar, och hälften av visningarna kommer i efterhand.

## Siffror

Totalt 312 unika deltagare, varav 204 från företag som inte deltog i projektet. 38 företag har
efteråt bokat en energikartläggning.
""",
        published=datetime.date(2021, 4, 22),
        projects=("20200339",),
        tags=("webbinarier", "energieffektivisering", "smf"),
        events=(DEC_2,),
    ),
    Item(
        kind="tip",
        title="Företagsambassadörer som berättar för andra företagare",
        lead=(
            "Sex företagare från vårt projekt är ambassadörer. De berättar vid våra digitala "
            "frukostmöten och ringer själva upp företag som funderar på att vara med."
        ),
        body="""## Varför ambassadörer?

En företagare tror mer på en annan företagare än på en projektledare. Det märkte vi tidigt, och
i december 2020 bestämde vi oss för att bygga det arbetssättet på riktigt.

## Så gör vi

- Ambassadörerna väljs bland företag som har genomfört åtgärder och kan visa resultat.
- De får ett enkelt stöd: en bildmall, en sammanfattning av sina siffror och en kontaktperson.
- Var och en åtar sig två träffar och fem samtal per halvår.

## Resultat hittills

Hälften av de företag som anmälde sig under 2021 hade pratat med en ambassadör först.
""",
        published=datetime.date(2021, 3, 10),
        projects=("20190430",),
        tags=("foretagsberattelser", "smf", "spridning"),
        events=(DEC_2,),
    ),
    Item(
        kind="tip",
        title="Ring upp företagen ett år efter energikartläggningen",
        lead=(
            "Lantbruksföretag som fick ett uppföljningssamtal ett år efter kartläggningen genomförde "
            "nästan dubbelt så många åtgärder som de som inte fick det."
        ),
        body="""## Bakgrund

En energikartläggning ger en lista med åtgärder, men listan blir lätt liggande när vårbruket
drar i gång. Vi ville veta om ett enkelt samtal kunde göra skillnad.

## Så gjorde vi

- Ett samtal på 20 minuter, tolv månader efter kartläggningen.
- Vi frågade vilka åtgärder som var gjorda, vilka som var på gång och vad som stoppade resten.
- Företag som ville fick hjälp att ta in offerter eller söka investeringsstöd.

## Vad det gav

Av 64 gårdar fick 32 samtalet. De genomförde i snitt 3,1 åtgärder, mot 1,7 för de andra. Samtalen
har blivit en fast del av hur energirådgivningen i länet arbetar.
""",
        published=datetime.date(2021, 9, 8),
        projects=("20190254",),
        tags=("energieffektivisering", "smf", "strukturforandring"),
        events=(DEC_2,),
    ),
    Item(
        kind="tip",
        title="Skriv samarbetsavtalet mellan högskola och företag så att det lever efter projektet",
        lead=(
            "Det som oftast finns kvar efter ett forskningsprojekt är samarbetet mellan lärosätet och "
            "företagen. Vi skrev avtalen så att de gäller fem år efter projektets slut."
        ),
        body="""## Det vanliga problemet

Avtal om tillgång till labb och data skrivs ofta för projekttiden. När projektet slutar måste
allt förhandlas om, och då finns varken tid eller pengar.

## Vår lösning

- Avtalet om pilotanläggningen löper fem år efter projektets slut.
- Företagen betalar en låg timtaxa efter projekttiden, som täcker driften.
- En gemensam referensgrupp träffas två gånger om året och beslutar om nya försök.

## Resultat

Tre företag har fortsatt sina försök i bioraffinaderiets pilotanläggning, och två nya har
tillkommit sedan projektet avslutades.
""",
        published=datetime.date(2022, 3, 2),
        projects=("20180184",),
        tags=("strukturforandring", "natverk"),
        events=(DEC_2,),
    ),
    # Other tips.
    Item(
        kind="tip",
        title="En gemensam monter på byggmässan gav fyra projekt dubbelt så många besökare",
        lead=(
            "I stället för fyra små montrar delade vi en stor på den regionala byggmässan, med ett "
            "gemensamt program på scenen. Besökarna stannade längre och kostnaden halverades."
        ),
        body="""## Så delade vi upp arbetet

- Ett projekt tog hand om bokningen och kontakten med mässan.
- Varje projekt hade personal i montern två av mässans fyra dagar.
- Vi höll ett gemensamt scenprogram varje timme: klimatsmart trä, energieffektiva
  föreningslokaler, återbruk och klimatkrav i upphandling.

## Det som fungerade

Besökare som kom för ett ämne stannade för nästa. Vi samlade 410 kontakter, mot drygt 200 året
innan när vi stod var för sig.

## Tips till den som vill göra likadant

- Börja planera ett halvår före mässan.
- Ha en gemensam lista för kontakter och bestäm i förväg vem som följer upp vem.
- Gör en gemensam karta över projekten att dela ut i stället för fyra broschyrer.
""",
        published=datetime.date(2021, 10, 19),
        projects=("20190502", "20190461"),
        tags=("massor", "spridning"),
    ),
    Item(
        kind="tip",
        title="Lokaltidningen skrev om Hotell Solgläntan – och telefonen började ringa",
        lead=(
            "En artikel i lokaltidningen om hur ett hotell halverade sin energianvändning gav oss fler "
            "intresseanmälningar på en vecka än alla våra utskick under ett halvår."
        ),
        body="""## Vad som hände

Hotell Solgläntan utanför Västerås bytte under 2023 till värmepump, styrde ventilationen efter
beläggningen och satte solceller på garagetaket. Energianvändningen gick från 620 till 330 MWh
om året. Vi tipsade lokaltidningen, som gjorde ett reportage med ägarna.

## Varför det fungerade

- Ett namngivet företag och ägare som ville synas.
- Konkreta siffror i kronor, inte bara i kilowattimmar.
- Projektets namn och kontaktuppgifter fanns med i faktarutan.

## Så gör du

1. Fråga företaget först och låt dem godkänna siffrorna.
2. Ring reportern, skicka inte bara ett pressmeddelande.
3. Erbjud bilder och ett besök på plats.

Efter artikeln hörde 17 hotell, konferensgårdar och campingplatser av sig.
""",
        published=datetime.date(2024, 3, 14),
        projects=("20220845",),
        tags=("press", "energieffektivisering", "foretagsberattelser"),
    ),
    Item(
        kind="tip",
        title="Vad exportmässorna gav företagen i miljöteknik",
        lead="Ett första utkast om vilka mässor som gav affärer och vilka som inte gjorde det.",
        body="""## Utkast

- Tre mässor under 2024, elva företag med.
- Sammanställningen av affärer och kontakter är inte klar.

## Att göra

Komplettera med företagens egna bedömningar innan texten publiceras.
""",
        published=None,
        projects=("20230645",),
        tags=("massor", "smf"),
    ),
    # Results.
    Item(
        kind="result",
        title="Fjorton laddpunkter för tunga fordon i drift längs E4 och malmvägen",
        lead=(
            "Kartläggningen av laddbehovet för tunga transporter i Norrbotten har lett till att fjorton "
            "laddpunkter för lastbilar byggts vid sex logistiknoder."
        ),
        body="""## Resultat

- **14 laddpunkter** för tunga fordon, varav 8 snabbladdare på 350 kW.
- **6 platser:** terminaler och rastplatser längs E4 och malmvägen.
- **23 åkerier** har tagit fram en plan för att byta till eldrivna lastbilar.

## Så gick det till

Projektet samlade åkerier, elnätsbolag och fastighetsägare och kartlade var lastbilarna står
still tillräckligt länge för att ladda. Underlaget användes av företagen när de sökte
investeringsstöd för laddstolpar.

## Vad vi lärde oss

Elnätets kapacitet var den största flaskhalsen. Tidig kontakt med nätbolaget kortade väntetiden
för anslutning med flera månader.
""",
        published=datetime.date(2020, 3, 5),
        projects=("20160196",),
        tags=("laddinfrastruktur", "godstransporter"),
    ),
    Item(
        kind="result",
        title="Samlastning halverade leveranserna till förskolor och skolor",
        lead=(
            "Sedan kommunernas verksamheter fick sina varor via en gemensam omlastningscentral har "
            "antalet leveranser minskat med 58 procent och utsläppen med 41 ton koldioxid om året."
        ),
        body="""## Före och efter

- **Leveranser per vecka:** 1 240 före, 520 efter.
- **Körda mil per år:** 96 000 före, 41 000 efter.

Utsläppen från transporterna har minskat med **41 ton koldioxidekvivalenter per år**.

## Vad som krävdes

- Ett gemensamt upphandlingskrav om leverans till omlastningscentralen.
- En distributionsbil som körs på biogas och en på el.
- Fasta leveransdagar, som förskolorna först var tveksamma till men nu föredrar.

## Vidare

Två grannkommuner har anslutit sig efter projekttiden, och modellen beskrivs i kunskapsbanken.
""",
        published=datetime.date(2021, 3, 18),
        projects=("20170405",),
        tags=("godstransporter", "kommuner", "upphandling"),
    ),
    Item(
        kind="result",
        title="Solceller på 23 gårdar: 1,9 megawatt installerat",
        lead=(
            "När projektet avslutades hade 23 gårdar byggt solcellsanläggningar på tak och mark, "
            "med en sammanlagd effekt på 1,9 MW och en beräknad produktion på 1 700 MWh om året."
        ),
        body="""## Resultat i siffror

- **23 anläggningar** i drift, från 40 till 250 kW.
- **1 700 MWh** solel om året, ungefär lika mycket som 340 villor använder.
- **52 gårdar** har en färdig solcellsplan.
- Gemensamma inköp sänkte priset per installerad kilowatt med i snitt 14 procent.

## Det som gjorde skillnad

Studiebesök på gårdar som redan hade solceller och en rådgivare som hjälpte till med
nätanslutningen. Många lantbrukare väntade annars i månader på besked från elnätsbolaget.

## Vad händer nu?

Hushållningssällskapet erbjuder solcellsplanen som en del av sin ordinarie rådgivning.
""",
        published=datetime.date(2022, 11, 8),
        projects=("20200157",),
        tags=("solceller",),
    ),
    Item(
        kind="result",
        title="Vätgas och batterier sänkte effekttopparna i det lokala elnätet med 22 procent",
        lead=(
            "Två testanläggningar med batterier och vätgaslager har visat hur mer sol- och vindel "
            "kan tas emot i ett lokalt nät utan att elnätet behöver byggas ut."
        ),
        body="""## Testanläggningarna

- Ett batterilager på 1 MWh i ett industriområde.
- En elektrolysör på 500 kW med vätgaslager, vid en vindkraftspark.

## Resultat

- Effekttopparna i nätet minskade med **22 procent** under testperioden.
- Vätgaslagret tog emot överskottsel motsvarande **310 MWh** som annars hade fått spillas.
- Vätgasen användes i en av hamnens truckar och i industrins processer.

## Slutsatser

Batterier passar för att jämna ut timmar, vätgas för att flytta energi mellan dagar och veckor.
Vägledningen som projektet tagit fram finns som bilaga till projektets slutrapport.
""",
        published=datetime.date(2021, 5, 20),
        projects=("20180414",),
        tags=("vatgas", "energilager"),
    ),
    Item(
        kind="result",
        title="Energirenovering sänkte energianvändningen med 38 procent i 1 100 lägenheter",
        lead=(
            "Sex bostadsbolag renoverade 1 100 lägenheter med gemensamma krav och mätning före och "
            "efter. Energianvändningen minskade med 4 200 MWh om året."
        ),
        body="""## Resultat

- **38 procent** lägre energianvändning i genomsnitt.
- **4 200 MWh** sparade per år.
- **Hyreshöjningen** stannade vid 4 procent, eftersom åtgärderna valdes efter lönsamhet.

## Åtgärderna

1. Tilläggsisolering av vindar och fasader där fasaden ändå skulle renoveras.
2. Frånluftsvärmepumpar.
3. Injustering av värmesystemen och individuell mätning av varmvatten.

## Det viktigaste

De boende informerades tidigt, och hyresgästföreningen var med i planeringen. Det gjorde att
renoveringen kunde genomföras utan att någon behövde flytta.
""",
        published=datetime.date(2020, 3, 5),
        projects=("20150541",),
        tags=("energieffektivisering",),
    ),
    Item(
        kind="result",
        title="Spillvärme från industrin värmer nu 2 200 lägenheter",
        lead=(
            "Två industrier levererar sin spillvärme till fjärrvärmenätet: 11 000 MWh om året som "
            "tidigare kyldes bort ersätter nu biobränsle och olja i spetslasten."
        ),
        body="""## Resultat

- **11 000 MWh** spillvärme levereras till fjärrvärmen varje år.
- Det motsvarar uppvärmningen av **2 200 lägenheter**.
- **1 900 ton koldioxidekvivalenter** mindre om året, eftersom oljepannan för spetslast står still.

## Hur samarbetet kom till

Industrierna och energibolaget hade pratat om spillvärme i tio år. Projektet betalade en
oberoende utredning av temperaturer, volymer och pris, och det var den som fick parterna att
skriva avtal.

## Nästa steg

Energibolaget kartlägger nu ytterligare fem industrier i kommunen.
""",
        published=datetime.date(2020, 9, 3),
        projects=("20180215",),
        tags=("spillvarme", "energieffektivisering", "smf"),
    ),
    Item(
        kind="result",
        title="Testbädden för vätgas: 1 800 drifttimmar och nio ton vätgas",
        lead=(
            "Under två års drift har testbädden producerat nio ton grön vätgas och låtit åtta företag "
            "pröva bränsleceller, tankning och lagring under verkliga förhållanden."
        ),
        body="""## I siffror

- **1 800 drifttimmar** för elektrolysören.
- **9 ton** vätgas, producerad med el från vindkraft.
- **8 företag** har genomfört försök, varav tre med vätgasdrivna transporter.

## Vad företagen testade

- bränsleceller för reservkraft,
- tankning av en vätgaslastbil och två truckar,
- lagring i rörlager under tryck.

## Vad som finns kvar

Testbädden drivs vidare av högskolan och energibolaget tillsammans, med en taxa som gör det
möjligt även för små företag att boka tid.
""",
        published=datetime.date(2025, 4, 24),
        projects=("20220689",),
        tags=("vatgas",),
    ),
    Item(
        kind="result",
        title="Electric work machines: what twelve machines taught us",
        lead=(
            "Contractors and the municipality ran twelve electric wheel loaders, excavators and "
            "tractors in everyday work for a year. Emissions fell by 86 per cent."
        ),
        body="""## The trial

Twelve machines took part: five wheel loaders, four excavators and three tractors, used on
building sites, in the municipal depot and on two farms.

## Results

- **86 per cent** lower emissions than the diesel machines they replaced.
- **310 MWh** of electricity used instead of about 95,000 litres of diesel.
- Running costs were 40 per cent lower; purchase prices are still about twice as high.

## What we learnt

- Charging at lunch breaks was enough for most machines.
- Operators liked the lower noise, which made it easier to work near schools.
- Procurement rules should ask for electric operation where the work allows it; our guide shows how.
""",
        published=datetime.date(2026, 3, 10),
        projects=("20240737",),
        tags=("upphandling", "kommuner"),
        language="en",
    ),
    # Project models.
    Item(
        kind="model",
        title="Energicoacher för små företag: så fungerar modellen",
        lead=(
            "En energicoach följer ett litet företag i ett år, från kartläggning till genomförda "
            "åtgärder. Modellen har prövats i 85 företag inom handel och service."
        ),
        body="""## Modellen i korthet

1. **Första besöket:** coachen går igenom lokalen, elräkningarna och verksamheten på två timmar.
2. **Åtgärdslista:** högst tio åtgärder, sorterade efter återbetalningstid.
3. **Tre uppföljningar** under året, på plats eller per telefon.
4. **Slutmöte:** före och efter i kilowattimmar och kronor, som företaget får behålla.

## Vem kan använda den?

Energikontor, kommunernas energi- och klimatrådgivare och branschorganisationer. Coachen behöver
kunna energiteknik men framför allt ha tid att komma tillbaka.

## Resultat i projektet

De 85 företagen sänkte sin energianvändning med i snitt 17 procent. Energieffektiviseringen
gav tillsammans 2 900 MWh mindre per år.

## Material

Mallarna för åtgärdslista och uppföljning finns hos projektet och får användas fritt.
""",
        published=datetime.date(2020, 4, 21),
        projects=("20170129",),
        tags=("energieffektivisering", "smf"),
    ),
    Item(
        kind="model",
        title="Checklista för kommunens laddinfrastruktur",
        lead=(
            "En checklista i tio steg för kommuner som vill planera laddstolpar och laddplatser för "
            "både personbilar och tunga transporter."
        ),
        body="""## Checklistan

1. Utse en ansvarig förvaltning och en kontaktperson mot elnätsbolaget.
2. Kartlägg befintliga laddpunkter och var fordon står parkerade länge.
3. Fråga åkerier och logistikföretag var tunga fordon behöver ladda.
4. Pröva detaljplanerna: får det byggas laddplatser där behovet finns?
5. Ta kontakt med nätbolaget om kapacitet, tidigt.
6. Bestäm vad kommunen bygger själv och vad marknaden ska bygga.
7. Ställ krav på laddning i markanvisningar och bygglov.
8. Ta med laddning i upphandlingen av kommunens egna fordon.
9. Skylta och informera, så att den som behöver en laddstolpe hittar den.
10. Följ upp användningen varje år.

## Bakgrund

Checklistan togs fram i förstudien tillsammans med fyra kommuner och prövades på två av dem.
""",
        published=datetime.date(2023, 4, 13),
        projects=("20220614",),
        tags=("laddinfrastruktur", "kommuner"),
    ),
    Item(
        kind="model",
        title="Lokal förankring av vindkraft: dialog, delägarskap och bygdemedel",
        lead=(
            "En modell i tre steg för att planera vindkraft tillsammans med dem som bor nära, "
            "prövad i tre kommuner."
        ),
        body="""## Steg 1: dialog innan planen

Kommunen bjuder in till öppna träffar innan någon plats är bestämd. Frågorna samlas och besvaras
skriftligt.

## Steg 2: möjlighet till delägarskap

Projektören erbjuder boende och lokala företag att köpa andelar i ett av verken. I en av
kommunerna tecknades andelar för 9 miljoner kronor.

## Steg 3: bygdemedel med tydliga regler

En fast andel av intäkterna går till en lokal fond som bygdeföreningarna själva styr.

## Vem kan använda modellen?

- kommuner i tidig planering,
- projektörer som vill bygga på platser där det finns oro,
- bygdeföreningar som vill förhandla om bygdemedel.
""",
        published=datetime.date(2021, 12, 2),
        projects=("20190242",),
        tags=("vindkraft", "kommuner"),
    ),
    Item(
        kind="model",
        title="Ett återbrukslager i kommunen, steg för steg",
        lead=(
            "Så startade vi ett lager för byggmaterial från kommunens rivningar och renoveringar: "
            "inventering, lagring, försäljning och uppföljning."
        ),
        body="""## Stegen

1. **Inventera före rivning.** Dörrar, fönster, armaturer och virke som kan användas igen.
2. **Lagra enkelt.** Ett uppvärmt tält räcker för det mesta; registrera varje sak med foto.
3. **Sälj eller ge vidare.** Till kommunens egna projekt först, sedan till företag och privatpersoner.
4. **Följ upp.** Vikt, värde och undvikna utsläpp, varje kvartal.

## Resultat i projektet

120 ton byggmaterial återbrukades det första året, och utsläppen minskade med uppskattningsvis
95 ton koldioxidekvivalenter.
""",
        published=datetime.date(2020, 3, 12),
        projects=("20160295",),
        tags=("aterbruk", "kommuner"),
    ),
    Item(
        kind="model",
        title="Open access to a hydrogen test bed: our booking model",
        lead=(
            "How we let small companies book time in the hydrogen test bed at a fair price, "
            "and how the same model could work for other test beds."
        ),
        body="""## The model

- **Three levels of access:** a free first visit, a short trial of up to five days, and a full
  trial of up to three months.
- **A price per day** that covers operation, with a discount for companies under 50 employees.
- **A simple agreement** in English and Swedish: one page, with results owned by the company.

## Why it matters

Hydrogen is expensive to try out alone. Shared access lets a small company learn whether fuel
cells or hydrogen storage suit it before it invests.

## Use it

The booking terms and the agreement template are free to reuse; ask the project for the files.
""",
        published=datetime.date(2026, 2, 17),
        projects=("20240777",),
        tags=("vatgas",),
        language="en",
    ),
    Item(
        kind="model",
        title="Klimatberäkning i tidiga skeden",
        lead="Utkast till en arbetsgång för klimatberäkning redan i programskedet.",
        body="""## Utkast

- Vilka uppgifter som behövs i varje skede.
- Hur beräkningen lämnas över mellan arkitekt och konstruktör.

## Saknas

Erfarenheter från de två pilotprojekten.
""",
        published=None,
        projects=("20250881",),
        tags=("upphandling",),
    ),
    # Case stories.
    Item(
        kind="story",
        title="Åkeriet som bytte till el: ”Kunderna frågar efter det nu”",
        lead=(
            "Sundets Åkeri i Malmö har bytt fyra av sina tolv lastbilar till el. Ägaren berättar vad "
            "projektet gav och vad som var svårast."
        ),
        body="""## Från tvekan till beslut

– Vi trodde inte att elbilar klarade våra körningar, säger Johanna Sund, som driver åkeriet.
Projektet lät oss låna en ellastbil i två veckor, och då såg vi att den klarade varje transport
vi gör inom Skåne.

## Vad projektet gav

- en lånebil och hjälp att räkna på kostnaden per mil,
- kontakt med ett fastighetsbolag som byggde laddning vid vår terminal,
- en grupp andra åkerier att jämföra sig med.

## Vad det har betytt

Fyra ellastbilar går nu i trafik. Åkeriet har vunnit två upphandlingar där fossilfria
transporter var ett krav.

– Kunderna frågar efter det nu. För fem år sedan var det ingen som gjorde det.
""",
        published=datetime.date(2025, 5, 14),
        projects=("20230783",),
        tags=("foretagsberattelser", "godstransporter", "laddinfrastruktur"),
    ),
    Item(
        kind="story",
        title="Bageriet som sänkte elräkningen med en fjärdedel",
        lead=(
            "Bageri Korngården i Malmö hade höga effekttoppar varje morgon. Med ny styrning av "
            "ugnarna och värmeåtervinning har elräkningen sjunkit med 26 procent."
        ),
        body="""## Morgonens effekttopp

Klockan fyra startade alla ugnar samtidigt. Effekttoppen styrde bageriets elavtal och kostade
mer än själva energin.

## Det här gjorde de

- Ugnarna startar nu i tur och ordning med tio minuters mellanrum.
- Värmen från kylmaskinerna tas tillvara och värmer vatten till diskmaskinerna.
- Belysningen i lagret styrs av närvaro.

## Vad det gav

– Vi sparar 180 000 kronor om året, och det kostade mindre än en ny ugn, säger bagaren Ali
Korhonen. Det bästa var att någon utifrån tittade på hela bageriet på en gång.
""",
        published=datetime.date(2021, 2, 9),
        projects=("20190384",),
        tags=("foretagsberattelser", "energieffektivisering", "smf"),
    ),
    Item(
        kind="story",
        title="The housing co-op that shares its solar power",
        lead=(
            "A housing co-operative in Gävle put solar panels on three roofs and shares the power "
            "between 96 flats. The chair tells us what it took."
        ),
        body="""## The decision

The co-op's board had talked about solar power for years. The project helped them with the
calculation, a model agreement and a contact with the grid company.

## What they built

- 180 kW of solar panels on three roofs,
- one shared connection, so that the flats can use the power,
- a display in the stairwell that shows today's production.

## What it gave

The co-op buys 30 per cent less electricity a year, and members' fees have not risen.

"The calculation was the easy part. Getting the agreement right with the grid company took
months, and we would not have managed without help," says the chair, Lena Berg.
""",
        published=datetime.date(2025, 9, 30),
        projects=("20230620",),
        tags=("foretagsberattelser", "solceller"),
        language="en",
    ),
    Item(
        kind="story",
        title="Verkstaden som hittade nya kunder i leverantörskedjan",
        lead=(
            "Hälsinge Mekaniska fick hjälp att räkna på sitt klimatavtryck. Nu är siffran ett "
            "försäljningsargument mot de stora industrikunderna."
        ),
        body="""## Kravet som kom

Verkstadens största kund började 2023 kräva klimatdata av sina leverantörer. – Vi visste inte
ens var vi skulle börja, säger vd Per Hällström.

## Vad projektet gav

- en beräkning av utsläppen per tillverkad detalj,
- hjälp att byta till förnybar el och att se över tryckluften,
- en plats i ett nätverk med andra underleverantörer i länet.

## Resultatet

Utsläppen per detalj har minskat med 35 procent, och verkstaden har fått två nya kunder som
valde dem just för klimatsiffrorna.
""",
        published=datetime.date(2025, 10, 22),
        projects=("20230686",),
        tags=("foretagsberattelser", "smf", "energieffektivisering"),
    ),
    # Evaluation reports; each has its report attached as a PDF.
    Item(
        kind="evaluation",
        title="Slututvärdering: Energigemenskaper i Kronoberg",
        lead=(
            "Den externa utvärderingen visar att projektet skapade fyra energigemenskaper och att "
            "två av dem fortsätter utan stöd. Utvärderaren pekar på behovet av tydligare avtal."
        ),
        body="""## Om utvärderingen

Utvärderingen har gjorts av en extern utvärderare under hela projekttiden, med intervjuer,
enkäter och genomgång av projektets dokumentation.

## De viktigaste slutsatserna

- Fyra energigemenskaper bildades, med sammanlagt 140 hushåll och nio företag.
- Två gemenskaper fortsätter utan projektstöd; de andra två saknar en ansvarig organisation.
- Den lokala förankringen var stark, men avtalen mellan medlemmarna var för oklara.

## Rekommendationer

1. Ta fram standardavtal för delning av el inom en gemenskap.
2. Låt en befintlig förening vara huvudman redan från start.
3. Följ upp gemenskaperna ett och två år efter projektet.

Hela rapporten finns som bilaga.
""",
        published=datetime.date(2020, 6, 10),
        projects=("20180534",),
        tags=("utvardering", "solceller", "strukturforandring"),
        report="Slututvärdering Energigemenskaper i Kronoberg",
    ),
    Item(
        kind="evaluation",
        title="Halvtidsutvärdering: klimatkrav i offentlig upphandling av bygg i Skåne",
        lead=(
            "Halvvägs in i projektet använder sju kommuner klimatkrav i sina byggupphandlingar. "
            "Utvärderaren ser goda resultat men varnar för att uppföljningen av kraven släpar."
        ),
        body="""## Vad som utvärderats

Hur väl projektet når sina mål efter halva projekttiden: kunskap hos upphandlarna, antal
upphandlingar med klimatkrav och hur kraven följs upp.

## Slutsatser

- **7 av 10** deltagande kommuner har ställt klimatkrav i minst en byggupphandling.
- Upphandlarna uppger att de har fått bättre kunskap, men de byggprojektledare som ska följa
  upp kraven har inte nåtts i samma grad.
- Leverantörerna efterfrågar samma krav i alla kommuner.

## Rekommendationer

1. Rikta andra halvan av projektet till dem som följer upp kraven.
2. Ta fram gemensamma kravformuleringar för hela Skåne.
3. Sprid resultaten till regionens byggföretag genom deras branschorganisation.
""",
        published=datetime.date(2025, 2, 26),
        projects=("20230836",),
        tags=("utvardering", "upphandling", "kommuner"),
        report="Halvtidsutvärdering Klimatkrav i offentlig upphandling av bygg",
    ),
    Item(
        kind="evaluation",
        title="Mid-term evaluation: energy networks for manufacturing companies in Kronoberg",
        lead=(
            "Thirty-two manufacturing companies take part in five energy networks. The mid-term "
            "evaluation finds measurable savings and recommends more follow-up visits."
        ),
        body="""## About the evaluation

An external evaluator interviewed 18 companies and the network leaders, and compared the
companies' energy use before and after joining.

## Findings

- The companies have cut their energy use by **2,400 MWh a year** in total, about 9 per cent.
- Peer learning in the networks is the part companies value most.
- Measures with a payback time over three years are rarely carried out.

## Recommendations

1. Add a follow-up visit six months after each energy review.
2. Help companies apply for investment support for the longer measures.
3. Publish short case stories from the networks to reach companies outside them.
""",
        published=datetime.date(2025, 11, 12),
        projects=("20230801",),
        tags=("utvardering", "energieffektivisering", "smf"),
        language="en",
        report="Mid-term evaluation of the energy networks in Kronoberg",
    ),
]
