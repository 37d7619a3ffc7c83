"""Digipoort's onboarding route (hook ``dienst_route``), after the Aansluitondersteuning
Digipoort e-factureren/DigiInkoop 2.5 (DP 2.5).

Every step but the last comes from DP 2.5 (``brondocument``): the aanvraag at the
Servicecentrum, the choice between basis ondersteuning and individuele begeleiding, the
startmail of the aansluitteam (where a period of individuele begeleiding begins), the
kick-off, and the subjects the aansluitspecialist helps with that are steps of the
connection itself: the connection planning, the network configuration and the chain
tests. DP 2.5 sets no deadline for any of them, so none has one. Going to production is
not described there (``aanname``); it unlocks the activation, with every step before it.

The begeleiding itself (its periods and their costs) is not this module's: the route
only records that the choice and the startmail happened.
"""

from __future__ import annotations

from core.sdk import Aansluitroute, Bewijssoort, Bronsoort, Partij, Routestap

from .dienst import PRODUCTIE

DP = "DP 2.5"
BEGELEIDING = f"{DP} Aansluitondersteuning: individuele begeleiding"

ROUTE = Aansluitroute(
    naam="Aansluiten op Digipoort",
    bron=f"{DP} Aansluitondersteuning Digipoort e-factureren/DigiInkoop",
    omgevingen=(PRODUCTIE,),
    stappen=(
        Routestap(
            "aanvraag", "Aanvraag indienen bij het Servicecentrum", Partij.AFNEMER,
            f"{DP} Tabel 1, toelichting", Bronsoort.BRONDOCUMENT,
            omschrijving="Wie besluit aan te sluiten, vraagt dat aan bij het Servicecentrum "
                         "van Logius."),
        Routestap(
            "begeleiding-kiezen", "Basisondersteuning of individuele begeleiding kiezen",
            Partij.AFNEMER, f"{DP} Aansluitondersteuning", Bronsoort.BRONDOCUMENT,
            omschrijving="Basisondersteuning (zelfstandig aansluiten, vragen via het "
                         "Servicecentrum) of individuele begeleiding door het aansluitteam; "
                         "zeg in de toelichting welke.",
            na=("aanvraag",)),
        Routestap(
            "startmail", "Startmail van het aansluitteam", Partij.LOGIUS,
            f"{DP} Tabel 1, toelichting", Bronsoort.BRONDOCUMENT,
            omschrijving="Het aansluitteam meldt de afnemer aan en stuurt de startmail; bij "
                         "individuele begeleiding begint daar de periode van drie maanden.",
            na=("begeleiding-kiezen",)),
        Routestap(
            "kick-off", "Kick-off (startbijeenkomst)", Partij.LOGIUS, BEGELEIDING,
            Bronsoort.BRONDOCUMENT,
            omschrijving="Bij individuele begeleiding; bij basisondersteuning rondt Logius de "
                         "stap af met die toelichting.",
            na=("startmail",)),
        Routestap(
            "aansluitplanning", "Aansluitplanning opzetten", Partij.AFNEMER, BEGELEIDING,
            Bronsoort.BRONDOCUMENT, omschrijving="Vermeld het kenmerk van de planning.",
            na=("kick-off",), bewijs=Bewijssoort.DOCUMENT),
        Routestap(
            "netwerkconfiguratie", "Netwerkconfiguratie inrichten", Partij.AFNEMER,
            BEGELEIDING, Bronsoort.BRONDOCUMENT, na=("aansluitplanning",)),
        Routestap(
            "ketentest", "Ketentests uitvoeren", Partij.AFNEMER, BEGELEIDING,
            Bronsoort.BRONDOCUMENT, omschrijving="Vermeld het kenmerk van het testrapport.",
            na=("netwerkconfiguratie",), bewijs=Bewijssoort.TESTRAPPORT),
        Routestap(
            "productie", "Aansluiting op productie", Partij.LOGIUS,
            "Geen bron: DP 2.5 beschrijft de livegang niet; minimaal gehouden",
            Bronsoort.AANNAME, na=("ketentest",), ontgrendelt="actief"),
    ),
)
