"""DigiD's service level (hook ``dienst_serviceniveau``): the SNO DigiD 2.8 as data.

References name the SNO's chapter and section, as in :mod:`.voorwaarden`. The figures
that the terms document states are taken from there, so each is defined once.
"""

from __future__ import annotations

from datetime import time
from decimal import Decimal

from core.sdk import (
    Beschikbaarheidsnorm,
    Definitie,
    Kantoortijden,
    Keuze,
    Niveau,
    Onderhoudsregel,
    Oplostijd,
    Reactietermijn,
    Serviceniveau,
    Uursoort,
)

from .dienst import BRON
from .voorwaarden import (
    ONDERHOUD_MAX_DUUR,
    ONDERHOUD_MAX_PER_MAAND,
    OPLOSTIJD_P1,
    OPLOSTIJD_P2,
    OPLOSTIJD_P3,
    P1_INFORMATIE_MINUTEN,
    REACTIETERMIJN_VRAGEN,
)

FUNCTIES_ARTIKEL = "SNO 1 Doel"
PRIORITEIT_ARTIKEL = "SNO 3 Incidentbeheer"
OPLOSTIJDEN_ARTIKEL = "SNO 2 Oplostijden"
BESCHIKBAARHEID_ARTIKEL = "SNO 2 Beschikbaarheid"
ONDERHOUD_ARTIKEL = "SNO 2 Onderhoudsvenster"
#: The four items a change request (RfC) names; accepted changes are planned on the
#: release calendar into the maintenance window.
WIJZIGINGSVERZOEK_ARTIKEL = "SNO 3 Wijzigingenbeheer"
RELEASE_ARTIKEL = "SNO 3 Releasebeheer"

#: The functions of DigiD that an incident or an outage can affect (SNO 1 Doel).
FUNCTIES = (
    Keuze("authenticatie-basis", "Authenticatie Basis",
          "Inloggen met gebruikersnaam en wachtwoord", FUNCTIES_ARTIKEL),
    Keuze("authenticatie-midden", "Authenticatie Midden",
          "Inloggen met wachtwoord en sms-code, of met de DigiD App", FUNCTIES_ARTIKEL),
    Keuze("authenticatie-substantieel", "Authenticatie Substantieel",
          "Inloggen met de DigiD App met extra controle", FUNCTIES_ARTIKEL),
    Keuze("aanvragen-basis", "Aanvragen, herstellen en activeren Basis", "",
          FUNCTIES_ARTIKEL),
    Keuze("aanvragen-midden-substantieel",
          "Aanvragen, herstellen, activeren en upgraden Midden en Substantieel", "",
          FUNCTIES_ARTIKEL),
    Keuze("mijn-digid", "Mijn DigiD", "Accountbeheer voor burgers", FUNCTIES_ARTIKEL),
    Keuze("website", "Website digid.nl", "De informatiewebsite van DigiD", FUNCTIES_ARTIKEL),
    Keuze("balie", "DigiD Balie", "Uitgifte van activeringscodes aan de balie",
          FUNCTIES_ARTIKEL),
)

#: What the levels mean (SNO 3 Incidentbeheer), in our words.
IMPACT = (
    Definitie(Niveau.HOOG, "DigiD werkt helemaal niet: het hele systeem of een van de "
                           "primaire functies (SNO 1 Doel) is uitgevallen."),
    Definitie(Niveau.MIDDEN, "DigiD geeft ongewenste uitkomsten, zonder schade voor de "
                             "afnemer of de gebruiker."),
    Definitie(Niveau.LAAG, "DigiD heeft hinderlijke of storende gebreken die niet onder "
                           "hoog of midden vallen."),
)
URGENTIE = (
    Definitie(Niveau.HOOG, "Herstel kan niet wachten: het systeem is onbruikbaar, maakt "
                           "schadelijke gegevens of er is een veiligheids- of "
                           "beveiligingsrisico."),
    Definitie(Niveau.MIDDEN, "Herstel kan even wachten, bijvoorbeeld tot het eind van de "
                             "dag, zodat er 's nachts hersteld kan worden."),
    Definitie(Niveau.LAAG, "Herstel kan wachten; wanneer, spreken Logius en de afnemer af "
                           "(dagen tot maanden)."),
)

H, M, L = Niveau.HOOG, Niveau.MIDDEN, Niveau.LAAG
#: (impact, urgentie) -> prioriteit (SNO 3 Incidentbeheer): only high-high is a P1, one
#: step down on either is a P2, everything else a P3.
PRIORITEITEN = {
    (H, H): 1, (H, M): 2, (H, L): 3,
    (M, H): 2, (M, M): 3, (M, L): 3,
    (L, H): 3, (L, M): 3, (L, L): 3,
}

#: Office hours for P2 and P3 (SNO 2 Oplostijden): working days 08:00-18:00.
KANTOORUREN = Kantoortijden(time(8), time(18))


def _oplostijden() -> tuple[Oplostijd, ...]:
    uit = [Oplostijd("productie", 1, OPLOSTIJD_P1.aantal, Uursoort.KLOKUREN,
                     OPLOSTIJDEN_ARTIKEL)]
    # P2 and P3 count office hours in both environments; pre-production has no P1.
    for omgeving in ("productie", "pre-productie"):
        uit += [Oplostijd(omgeving, 2, OPLOSTIJD_P2.aantal, Uursoort.KANTOORUREN,
                          OPLOSTIJDEN_ARTIKEL),
                Oplostijd(omgeving, 3, OPLOSTIJD_P3.aantal, Uursoort.KANTOORUREN,
                          OPLOSTIJDEN_ARTIKEL)]
    return tuple(uit)


SERVICENIVEAU = Serviceniveau(
    bron=BRON,
    functies=FUNCTIES,
    impact=IMPACT,
    urgentie=URGENTIE,
    prioriteiten=PRIORITEITEN,
    prioriteit_artikel=PRIORITEIT_ARTIKEL,
    oplostijden=_oplostijden(),
    # SNO 2 Oplostijden: 85 % of the incidents of a month resolved in time.
    oplosnorm=Decimal(85),
    oplosnorm_artikel=OPLOSTIJDEN_ARTIKEL,
    kantooruren=KANTOORUREN,
    kantooruren_artikel=OPLOSTIJDEN_ARTIKEL,
    # SNO 2 Reactietijden: 3 working days, 99 % per month.
    reactietermijn=Reactietermijn(REACTIETERMIJN_VRAGEN.aantal, Decimal(99),
                                  "SNO 2 Reactietijden"),
    meldtermijn_minuten=P1_INFORMATIE_MINUTEN,
    meldtermijn_artikel=OPLOSTIJDEN_ARTIKEL,
    beschikbaarheid=(
        # 24x7 minus the maintenance window, 99.5 % a month.
        Beschikbaarheidsnorm("productie", Decimal("99.5"), BESCHIKBAARHEID_ARTIKEL),
        # Only working days 08:00-18:00, 99 % a month.
        Beschikbaarheidsnorm("pre-productie", Decimal(99), BESCHIKBAARHEID_ARTIKEL,
                             Kantoortijden(time(8), time(18))),
    ),
    onderhoud=(
        # Second Monday and second Wednesday, 00:00-06:00, at most twice a month and at
        # most 6 hours each.
        Onderhoudsregel("productie", ((2, 0), (2, 2)), time(0), time(6),
                        ONDERHOUD_MAX_PER_MAAND, ONDERHOUD_MAX_DUUR.aantal, ONDERHOUD_ARTIKEL),
    ),
    wijzigingsverzoek_artikel=WIJZIGINGSVERZOEK_ARTIKEL,
    release_artikel=RELEASE_ARTIKEL,
)
