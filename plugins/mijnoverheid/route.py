"""MijnOverheid's onboarding route (hook ``dienst_route``), after the Voorwaarden
MijnOverheid productieomgeving 2.9 (MO), kept minimal.

The terms start at the signing date of the Aanvraagformulier MijnOverheid (MO 2.2), the
form that orders the diensten (MO 1), and the afnemer must conform to the
koppelvlakspecificaties (MO 4.1): both ``brondocument``. That Logius then makes the
connection available is what the order asks for, but the terms describe no step for it
(``aanname``). MO sets no deadline for any of them.
"""

from __future__ import annotations

from core.sdk import Aansluitroute, Bewijssoort, Bronsoort, Partij, Routestap

from .dienst import PRODUCTIE

ROUTE = Aansluitroute(
    naam="Aansluiten op MijnOverheid",
    bron="Voorwaarden MijnOverheid productieomgeving 2.9",
    omgevingen=(PRODUCTIE,),
    stappen=(
        Routestap(
            "aanvraagformulier", "Aanvraagformulier MijnOverheid ondertekenen",
            Partij.AFNEMER, "MO 2.2", Bronsoort.BRONDOCUMENT,
            omschrijving="De voorwaarden gelden vanaf de ondertekening; vermeld het kenmerk "
                         "van het formulier.",
            bewijs=Bewijssoort.DOCUMENT, ontgrendelt="actief"),
        Routestap(
            "koppelvlakspecificaties", "Conform de koppelvlakspecificaties aansluiten",
            Partij.AFNEMER, "MO 4.1", Bronsoort.BRONDOCUMENT,
            omschrijving="Vermeld het kenmerk van het testrapport.",
            na=("aanvraagformulier",), bewijs=Bewijssoort.TESTRAPPORT, ontgrendelt="actief"),
        Routestap(
            "beschikbaarstelling", "Aansluiting beschikbaar stellen", Partij.LOGIUS,
            "Geen bron: MO 1 noemt de opdracht tot beschikbaarstelling, geen stap; minimaal "
            "gehouden", Bronsoort.AANNAME, na=("koppelvlakspecificaties",),
            ontgrendelt="actief"),
    ),
)
