"""The Voorwaarden MijnOverheid productieomgeving 2.9 (hook ``dienst_voorwaarden``)."""

from __future__ import annotations

from datetime import date

from core.sdk import (
    Eenheid,
    Partij,
    Termijn,
    Verplichting,
    VoorwaardenDocument,
    Wijzigingsregel,
)

from .dienst import BRON, SLUG

MO_ID = "mijnoverheid-voorwaarden"

# MO 8.1: a change to these terms is announced in writing at least one calendar month
# before the change date.
MO_AANKONDIGINGSTERMIJN = Termijn(1, Eenheid.KALENDERMAANDEN)
# MO 8.2: an afnemer that rejects a change stops receiving MijnOverheid two calendar
# months after the change date.
MO_EINDE_NA_AFWIJZING = Termijn(2, Eenheid.KALENDERMAANDEN)
# MO 3.8: Logius charges for MijnOverheid from this date on.
KOSTEN_VANAF = date(2018, 1, 1)

VOORWAARDEN = VoorwaardenDocument(
    id=MO_ID,
    titel="Voorwaarden MijnOverheid productieomgeving",
    versie="2.9",
    bron=BRON,
    dienst=SLUG,
    wijziging=Wijzigingsregel(
        aankondiging=MO_AANKONDIGINGSTERMIJN,
        aankondiging_artikel="MO 8.1",
        einde_na_afwijzing=MO_EINDE_NA_AFWIJZING,
        afwijzing_artikel="MO 8.2",
    ),
    verplichtingen=(
        Verplichting(
            "ingangsdatum",
            "MO 2.2",
            Partij.BEIDE,
            "Deze voorwaarden gelden vanaf de dag waarop het Aanvraagformulier MijnOverheid "
            "is ondertekend.",
        ),
        Verplichting(
            "wijziging-koppelvlak",
            "MO 3.5",
            Partij.LOGIUS,
            "Logius kan de koppelvlakspecificaties aanpassen, maar pas na overleg met het "
            "Afnemersoverleg.",
        ),
        Verplichting(
            "verwerker",
            "MO 3.7",
            Partij.LOGIUS,
            "Voor persoonsgegevens binnen MijnOverheid is Logius verwerker onder de AVG; "
            "voor de eigen functies van MijnOverheid is Logius zelf verantwoordelijke.",
        ),
        Verplichting(
            "kosten",
            "MO 3.8",
            Partij.AFNEMER,
            f"Sinds {KOSTEN_VANAF:%d-%m-%Y} brengt Logius kosten in rekening voor "
            "MijnOverheid. De tarieven worden elk jaar opnieuw vastgesteld.",
        ),
        Verplichting(
            "koppelvlakspecificaties",
            "MO 4.1",
            Partij.AFNEMER,
            "De afnemer sluit aan volgens de koppelvlakspecificaties die Logius met de "
            "afnemers heeft afgesproken.",
        ),
        Verplichting(
            "verwerkingsverantwoordelijke",
            "MO 4.2",
            Partij.AFNEMER,
            "De afnemer is onder de AVG verwerkingsverantwoordelijke voor de persoonsgegevens "
            "die hij via MijnOverheid verwerkt.",
        ),
        Verplichting(
            "inhoud-berichten",
            "MO 5.1",
            Partij.AFNEMER,
            "De afnemer staat in voor de inhoud van de berichten die hij via de Berichtenbox "
            "verstuurt.",
        ),
        Verplichting(
            "kosten-berichtenbox",
            "MO 5.2",
            Partij.AFNEMER,
            "Voor de Berichtenbox betaalt de afnemer aansluit- en gebruikskosten: een bedrag "
            "per bericht, een vast bedrag per afnemer, of beide.",
        ),
        Verplichting(
            "juistheid-persoonlijke-gegevens",
            "MO 6.1",
            Partij.AFNEMER,
            "De afnemer zorgt dat de getoonde persoonlijke gegevens kloppen en goed worden "
            "weergegeven.",
        ),
        Verplichting(
            "kosten-persoonlijke-gegevens",
            "MO 6.2",
            Partij.AFNEMER,
            "Voor Persoonlijke Gegevens betaalt de afnemer aansluitkosten.",
        ),
        Verplichting(
            "inhoud-lopende-zaken",
            "MO 7.1",
            Partij.AFNEMER,
            "De afnemer is verantwoordelijk voor de getoonde zaken en dossiers en voor "
            "werkende links daarnaar.",
        ),
        Verplichting(
            "kosten-lopende-zaken",
            "MO 7.2",
            Partij.LOGIUS,
            "Lopende Zaken is kosteloos: Logius rekent daarvoor niets.",
        ),
        Verplichting(
            "wijziging-voorwaarden",
            "MO 8.1",
            Partij.LOGIUS,
            "Logius wijzigt deze voorwaarden alleen na overleg met het Afnemersoverleg en "
            "laat de afnemer dat vooraf schriftelijk weten.",
            MO_AANKONDIGINGSTERMIJN,
        ),
        Verplichting(
            "afwijzing-voorwaarden",
            "MO 8.2",
            Partij.BEIDE,
            "Aanvaardt de afnemer de wijziging niet, dan stopt de levering van MijnOverheid "
            "na de wijzigingsdatum.",
            MO_EINDE_NA_AFWIJZING,
        ),
    ),
)
