"""The demo accessibility statement: partially compliant, with the problems we know of."""

import datetime

STATEMENT = {
    "organisation": "Klimatnätverkets kansli",
    "website": "samverka.example.org",
    "compliance": "partial",
    "non_accessible": """\
**Bilagor i PDF-format.** Anteckningar och presentationer från träffar laddas upp som PDF-filer av samordnare och projekt. Många av dem är inte taggade för skärmläsare och saknar beskrivningar av bilder. Det strider mot WCAG 2.1 kriterium 1.1.1 och 1.3.1. Vi arbetar med att ta fram tillgängliga mallar och publicerar anteckningarnas viktigaste innehåll också som text på webbsidan.

**Projekttexter från importer.** Projektbeskrivningar som läses in från den förvaltande myndighetens projektlista kan innehålla engelska stycken utan språkmärkning (WCAG 3.1.2). Projektledare kan rätta texterna på sina projektsidor.

**Videomöten.** Länkar till digitala träffar leder till en extern videotjänst som vi inte styr över. Inspelningar saknar ibland textning (WCAG 1.2.2).

**Bakom inloggning för samordnare.** Administrationsgränssnittet som samordnarna använder har inte granskats lika noga som de publika sidorna; vissa sidor med många fält kan vara svåra att använda med skärmläsare.""",
    "non_accessible_en": """\
**PDF attachments.** Notes and presentations from meetings are uploaded as PDF files by coordinators and projects. Many of them are not tagged for screen readers and lack descriptions of images. This fails WCAG 2.1 success criteria 1.1.1 and 1.3.1. We are preparing accessible templates and publish the main content of the notes as text on the web page as well.

**Project texts from imports.** Project descriptions read from the managing authority's list of operations may contain English passages without language markup (WCAG 3.1.2). Project leaders can correct the texts on their project pages.

**Video meetings.** Links to digital meetings lead to an external video service that we do not control. Recordings sometimes lack captions (WCAG 1.2.2).

**The coordinators' back office.** The administration interface used by coordinators has not been reviewed as closely as the public pages; some pages with many fields can be hard to use with a screen reader.""",
    "disproportionate_burden": "",
    "disproportionate_burden_en": "",
    "assessment_method": "self",
    "assessment_description": """\
Varje publik sida testas automatiskt med axe-core i webbläsaren Chromium, mot WCAG 2.1 nivå AA, varje gång koden ändras. Dessutom har vi själva gått igenom sidorna med enbart tangentbord, med skärmläsaren NVDA och med förstoring till 400 procent.""",
    "assessment_description_en": """\
Every public page is tested automatically with axe-core in the Chromium browser against WCAG 2.1 level AA each time the code changes. We have also reviewed the pages ourselves using only the keyboard, with the NVDA screen reader and with zoom at 400 per cent.""",
    "assessed_on": datetime.date(2026, 11, 16),
    "statement_prepared_on": datetime.date(2026, 11, 20),
    "contact_email": "tillganglighet@example.org",
    # A number from the series the Swedish Post and Telecom Authority keeps for fiction.
    "contact_phone": "08-465 004 50",
    "response_time": "Vi svarar inom fem arbetsdagar.",
    "response_time_en": "We reply within five working days.",
    "supervisory_url": "https://www.digg.se/tdosanmalan",
}
