"""The Standaard Verwerkersovereenkomst Gemeenten 2.5 (hook ``dienst_voorwaarden``).

``Partij.AFNEMER`` stands for the controller (the gemeente) and ``Partij.LOGIUS`` for the
processor. The VWO text is CC BY-NC-SA: the obligations are our own short paraphrases
with the article they come from.
"""

from __future__ import annotations

from datetime import date

from core.sdk import Eenheid, Partij, Termijn, Verplichting, VoorwaardenDocument

from .dienst import BRON, SLUG

VWO_ID = "vwo"

# VWO 5.1: the processor informs the controller of a (suspected) breach within 24 hours
# of knowing about it; the clock does not run while suspicious activity is investigated.
MELDTERMIJN_INBREUK = Termijn(24, Eenheid.UREN)
# VWO 5.4 with AVG art. 33: the controller's own 72 hours to notify the Autoriteit
# Persoonsgegevens start when the controller learns of the breach.
MELDTERMIJN_AP = Termijn(72, Eenheid.UREN)

VOORWAARDEN = VoorwaardenDocument(
    id=VWO_ID,
    titel="Standaard Verwerkersovereenkomst Gemeenten",
    versie="2.5",
    bron=BRON,
    dienst=SLUG,
    ingangsdatum=date(2024, 2, 15),
    wijziging=None,
    verplichtingen=(
        Verplichting(
            "ingangsdatum",
            "VWO 2.1",
            Partij.BEIDE,
            "De overeenkomst loopt vanaf het ontstaan van de hoofdovereenkomst, behalve als "
            "partijen een andere datum afspreken.",
        ),
        Verplichting(
            "einde",
            "VWO 2.2",
            Partij.BEIDE,
            "De overeenkomst stopt zodra Logius niets meer verwerkt en de gegevens volgens "
            "afspraak zijn teruggegeven of gewist.",
        ),
        Verplichting(
            "vervanging",
            "VWO 2.3",
            Partij.BEIDE,
            "Sluiten partijen een nieuwe verwerkersovereenkomst, dan vervalt de vorige.",
        ),
        Verplichting(
            "verwerking-buiten-eer",
            "VWO 4.3",
            Partij.LOGIUS,
            "Verwerken buiten de EER mag alleen op grond van AVG art. 45 of 46, en Logius "
            "meldt het de gemeente vooraf.",
        ),
        Verplichting(
            "nieuwe-subverwerkers",
            "VWO 4.5",
            Partij.LOGIUS,
            "Logius houdt de gemeente op de hoogte als zij een nieuwe subverwerker wil "
            "inschakelen; bekende subverwerkers staan in Bijlage 1 tabel 3.",
        ),
        Verplichting(
            "dpia",
            "VWO 4.7",
            Partij.LOGIUS,
            "Vraagt de gemeente erom, dan helpt Logius mee aan een DPIA en een voorafgaande "
            "raadpleging (AVG art. 35 en 36).",
        ),
        Verplichting(
            "inbreuk-melden",
            "VWO 5.1",
            Partij.LOGIUS,
            "Logius meldt een (vermoedelijke) inbreuk aan de gemeente zodra zij ervan weet, "
            "en uiterlijk binnen deze termijn, met de vermoedelijke oorzaak, de soorten "
            "gegevens en de soort en het aantal betrokkenen. Zolang een verdachte activiteit "
            "nog wordt onderzocht, loopt de termijn niet.",
            MELDTERMIJN_INBREUK,
        ),
        Verplichting(
            "inbreuk-herstel",
            "VWO 5.2",
            Partij.LOGIUS,
            "Na een inbreuk herstelt Logius die, beperkt de gevolgen en houdt de gemeente "
            "daarover op de hoogte.",
        ),
        Verplichting(
            "inbreuk-logboek",
            "VWO 5.3",
            Partij.LOGIUS,
            "Logius houdt een uitgebreid logboek bij van inbreuken en de genomen maatregelen; "
            "de gemeente mag op verzoek de regels over haar eigen verwerkingen inzien.",
        ),
        Verplichting(
            "melding-ap",
            "VWO 5.4",
            Partij.AFNEMER,
            "Alleen de gemeente beslist of een inbreuk naar de Autoriteit Persoonsgegevens "
            "of naar betrokkenen gaat; Logius meldt nooit zelf aan de AP. De eigen termijn "
            "van de gemeente (AVG art. 33) begint pas als zij van de inbreuk hoort.",
            MELDTERMIJN_AP,
        ),
        Verplichting(
            "contactpersonen-buiten-kantooruren",
            "VWO Bijlage 1 tabel 2",
            Partij.BEIDE,
            "Gemeente en Logius geven elk een contactpersoon op die ook buiten kantooruren "
            "bereikbaar is, en melden een wijziging daarvan snel aan elkaar.",
        ),
    ),
)
