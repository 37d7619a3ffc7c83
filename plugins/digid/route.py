"""DigiD's onboarding route (hook ``dienst_route``): six steps from the aanvraagformulier
to the ICT security assessment after going to production.

Sources, marked on every step:

- ``publieke-informatie``: Logius' public description of connecting to DigiD (the
  six-step route: the aanvraagformulier first, pre-production credentials in about five
  working days, an ICT security assessment within two months of going to production).
  These are public facts, not articles of the SNO DigiD 2.8, which says nothing about
  connecting.
- ``aanname``: the three steps in between, which that description counts but does not
  spell out here (testing in pre-production, asking for production, the production
  connection). They are kept minimal: who acts and what they wait for, no deadline.

The route is for the production aansluiting: going to production is its activation, so
the production step unlocks ``actief`` and the assessment counts from the activation.
"""

from __future__ import annotations

from core.sdk import (
    ACTIVERING,
    Aansluitroute,
    Bewijssoort,
    Bronsoort,
    Eenheid,
    Partij,
    Routestap,
    Routetermijn,
    Termijn,
)

#: Where the public facts come from: Logius' description of the DigiD connection route.
PUBLIEK = "Logius, aansluitroute DigiD (publieke informatie)"
AANNAME = "Geen bron: stap van de zesstappenroute, minimaal gehouden"

#: Pre-production credentials follow the aanvraagformulier in about five working days.
PREPRODUCTIE_TERMIJN = Termijn(5, Eenheid.WERKDAGEN)
#: The ICT security assessment is due within two calendar months of going to production.
ASSESSMENT_TERMIJN = Termijn(2, Eenheid.KALENDERMAANDEN)

ROUTE = Aansluitroute(
    naam="Aansluiten op DigiD",
    bron=PUBLIEK,
    omgevingen=("productie",),
    stappen=(
        Routestap(
            "aanvraagformulier", "Aanvraagformulier indienen", Partij.AFNEMER,
            f"{PUBLIEK}, stap 1", Bronsoort.PUBLIEK,
            omschrijving="Dien het ondertekende aanvraagformulier in; vermeld het kenmerk.",
            bewijs=Bewijssoort.DOCUMENT, ontgrendelt="actief"),
        Routestap(
            "preproductie-gegevens", "Aansluitgegevens pre-productie verstrekken",
            Partij.LOGIUS, f"{PUBLIEK}, stap 2", Bronsoort.PUBLIEK,
            omschrijving="Logius verstrekt de gegevens om op pre-productie aan te sluiten, "
                         "ongeveer vijf werkdagen na het aanvraagformulier.",
            na=("aanvraagformulier",),
            termijn=Routetermijn(PREPRODUCTIE_TERMIJN, "aanvraagformulier"),
            ontgrendelt="actief"),
        Routestap(
            "preproductie-test", "Aansluiting testen op pre-productie", Partij.AFNEMER,
            AANNAME, Bronsoort.AANNAME,
            omschrijving="Test de aansluiting op pre-productie; vermeld het testrapport.",
            na=("preproductie-gegevens",), bewijs=Bewijssoort.TESTRAPPORT,
            ontgrendelt="actief"),
        Routestap(
            "productie-aanvraag", "Aansluiting op productie aanvragen", Partij.AFNEMER,
            AANNAME, Bronsoort.AANNAME, na=("preproductie-test",), ontgrendelt="actief"),
        Routestap(
            "productie-aansluiting", "Aansluiting op productie inrichten", Partij.LOGIUS,
            AANNAME, Bronsoort.AANNAME, na=("productie-aanvraag",), ontgrendelt="actief"),
        Routestap(
            "ict-beveiligingsassessment", "ICT-beveiligingsassessment aanleveren",
            Partij.AFNEMER, f"{PUBLIEK}, stap 6", Bronsoort.PUBLIEK,
            omschrijving="Lever binnen twee maanden na de livegang het rapport van het "
                         "ICT-beveiligingsassessment aan; vermeld het kenmerk.",
            na=("productie-aansluiting",),
            termijn=Routetermijn(ASSESSMENT_TERMIJN, ACTIVERING),
            bewijs=Bewijssoort.DOCUMENT),
    ),
)
