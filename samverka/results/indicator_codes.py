"""The EU's common indicators for the low-carbon theme, as data for ``load_indicators``.

2014–2020: the ERDF common output indicators of Regulation (EU) No 1301/2013, Annex I, that
fit thematic objective 4 and the enterprises it supports. 2021–2027: the common output (RCO)
and result (RCR) indicators of Regulation (EU) 2021/1058, Annex I, for policy objective 2.
Names follow the regulations' English and Swedish language versions; where a regulation adds
"(of which: …)", the split belongs in the value's breakdown, not in the name.

Each entry: (code, kind, period, Swedish name, English name, Swedish unit, English unit).
"""

OUTPUT = "output"
RESULT = "result"
P2014 = "2014-2020"
P2021 = "2021-2027"

INDICATORS = [
    # 2014–2020, ERDF common indicators (all output indicators)
    ("CO01", OUTPUT, P2014, "Antal företag som får stöd", "Number of enterprises receiving support",
     "företag", "enterprises"),
    ("CO02", OUTPUT, P2014, "Antal företag som får bidrag", "Number of enterprises receiving grants",
     "företag", "enterprises"),
    ("CO04", OUTPUT, P2014, "Antal företag som får icke-finansiellt stöd",
     "Number of enterprises receiving non-financial support", "företag", "enterprises"),
    ("CO05", OUTPUT, P2014, "Antal nya företag som får stöd", "Number of new enterprises supported",
     "företag", "enterprises"),
    ("CO06", OUTPUT, P2014, "Privata investeringar som matchar offentligt stöd till företag (bidrag)",
     "Private investment matching public support to enterprises (grants)", "EUR", "EUR"),
    ("CO08", OUTPUT, P2014, "Ökning av sysselsättningen i företag som får stöd",
     "Employment increase in supported enterprises", "heltidsekvivalenter", "full-time equivalents"),
    ("CO26", OUTPUT, P2014, "Antal företag som samarbetar med forskningsinstitutioner",
     "Number of enterprises cooperating with research institutions", "företag", "enterprises"),
    ("CO30", OUTPUT, P2014, "Ytterligare kapacitet för produktion av förnybar energi",
     "Additional capacity of renewable energy production", "MW", "MW"),
    ("CO31", OUTPUT, P2014, "Antal hushåll med bättre energiklassificering",
     "Number of households with improved energy consumption classification", "hushåll", "households"),
    ("CO32", OUTPUT, P2014, "Minskning av den årliga primärenergiförbrukningen i offentliga byggnader",
     "Decrease of annual primary energy consumption of public buildings", "kWh/år", "kWh/year"),
    ("CO33", OUTPUT, P2014, "Antal ytterligare energianvändare som är anslutna till smarta nät",
     "Number of additional energy users connected to smart grids", "användare", "users"),
    ("CO34", OUTPUT, P2014, "Uppskattad årlig minskning av växthusgaser", "Estimated annual decrease of GHG",
     "ton koldioxidekvivalenter", "tonnes of CO2eq"),
    # 2021–2027, policy objective 2: output indicators
    ("RCO01", OUTPUT, P2021, "Företag som får stöd", "Enterprises supported", "företag", "enterprises"),
    ("RCO02", OUTPUT, P2021, "Företag som får stöd genom bidrag", "Enterprises supported by grants",
     "företag", "enterprises"),
    ("RCO04", OUTPUT, P2021, "Företag som får icke-finansiellt stöd", "Enterprises with non-financial support",
     "företag", "enterprises"),
    ("RCO18", OUTPUT, P2021, "Bostäder med förbättrad energiprestanda", "Dwellings with improved energy performance",
     "bostäder", "dwellings"),
    ("RCO19", OUTPUT, P2021, "Offentliga byggnader med förbättrad energiprestanda",
     "Public buildings with improved energy performance", "kvadratmeter", "square metres"),
    ("RCO20", OUTPUT, P2021, "Nyanlagda eller förbättrade ledningar för fjärrvärme och fjärrkyla",
     "District heating and cooling network lines newly constructed or improved", "km", "km"),
    ("RCO22", OUTPUT, P2021, "Ytterligare produktionskapacitet för förnybar energi",
     "Additional production capacity for renewable energy", "MW", "MW"),
    ("RCO23", OUTPUT, P2021, "Digitala styrsystem för smarta energisystem",
     "Digital management systems for smart energy systems", "systemkomponenter", "system components"),
    ("RCO58", OUTPUT, P2021, "Särskild cykelinfrastruktur som får stöd", "Dedicated cycling infrastructure supported",
     "km", "km"),
    ("RCO59", OUTPUT, P2021, "Infrastruktur för alternativa bränslen (tank- och laddstationer)",
     "Alternative fuels infrastructure (refuelling/recharging points)", "tank- och laddpunkter",
     "refuelling/recharging points"),
    # 2021–2027, policy objective 2: result indicators
    ("RCR01", RESULT, P2021, "Arbetstillfällen som skapats i enheter som får stöd",
     "Jobs created in supported entities", "årliga heltidsekvivalenter", "annual FTEs"),
    ("RCR02", RESULT, P2021, "Privata investeringar som matchar offentligt stöd",
     "Private investments matching public support", "EUR", "EUR"),
    ("RCR26", RESULT, P2021, "Årlig primärenergianvändning", "Annual primary energy consumption",
     "MWh/år", "MWh/year"),
    ("RCR29", RESULT, P2021, "Uppskattade utsläpp av växthusgaser", "Estimated greenhouse gas emissions",
     "ton koldioxidekvivalenter/år", "tonnes CO2eq/year"),
    ("RCR31", RESULT, P2021, "Total mängd producerad förnybar energi", "Total renewable energy produced",
     "MWh/år", "MWh/year"),
    ("RCR32", RESULT, P2021, "Ytterligare driftskapacitet installerad för förnybar energi",
     "Additional operational capacity installed for renewable energy", "MW", "MW"),
    ("RCR33", RESULT, P2021, "Användare anslutna till smarta energisystem", "Users connected to smart energy systems",
     "slutanvändare/år", "end users/year"),
]

CODES = [entry[0] for entry in INDICATORS]
