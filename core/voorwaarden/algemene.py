"""The Algemene Voorwaarden Logius (AV 1.1): they apply to every dienst.

Core owns this document because no single plugin does. The obligations are the
ones the product acts on, paraphrased; the article is the reference to the text.
"""

from __future__ import annotations

from core.types import (
    Eenheid,
    Partij,
    Termijn,
    Verplichting,
    VoorwaardenDocument,
    Wijzigingsregel,
)

AV_ID = "algemene-voorwaarden"

# AV 13.1: changes are announced at least one calendar month before they take effect.
AV_AANKONDIGINGSTERMIJN = Termijn(1, Eenheid.KALENDERMAANDEN)
# AV 13.2: an afnemer that does not accept a change stops receiving the dienst two
# calendar months after the change date.
AV_EINDE_NA_AFWIJZING = Termijn(2, Eenheid.KALENDERMAANDEN)
# AV 2.8: a change to the afnemer's own service that may affect a dienst is reported
# at least three calendar months before it is realised.
AV_WIJZIGINGSMELDING_TERMIJN = Termijn(3, Eenheid.KALENDERMAANDEN)

ALGEMENE_VOORWAARDEN = VoorwaardenDocument(
    id=AV_ID,
    titel="Algemene Voorwaarden Logius",
    versie="1.1",
    bron="Algemene Voorwaarden Logius, versie 1.1",
    dienst=None,
    wijziging=Wijzigingsregel(
        aankondiging=AV_AANKONDIGINGSTERMIJN,
        aankondiging_artikel="AV 13.1",
        einde_na_afwijzing=AV_EINDE_NA_AFWIJZING,
        afwijzing_artikel="AV 13.2",
    ),
    verplichtingen=(
        Verplichting(
            "contactpersoon",
            "AV 2.4",
            Partij.BEIDE,
            "Beide partijen benoemen een contactpersoon zolang de dienst wordt gebruikt.",
        ),
        Verplichting(
            "prognoses",
            "AV 2.5",
            Partij.AFNEMER,
            "De afnemer levert prognoses van zijn verwachte gebruik aan.",
        ),
        Verplichting(
            "informatieplicht",
            "AV 2.6",
            Partij.BEIDE,
            "Partijen houden elkaar op de hoogte van alles wat voor de levering ertoe doet, "
            "ook zonder dat erom gevraagd is.",
        ),
        Verplichting(
            "wijzigingsmelding",
            "AV 2.8",
            Partij.AFNEMER,
            "Een wijziging in de eigen dienstverlening die het gebruik van een Logius-dienst "
            "kan raken, meldt de afnemer vooraf bij Logius.",
            AV_WIJZIGINGSMELDING_TERMIJN,
        ),
        Verplichting(
            "kosten",
            "AV 2.9",
            Partij.AFNEMER,
            "Logius kan kosten rekenen; die worden in nadere afspraken vastgelegd.",
        ),
        Verplichting(
            "beveiligingseisen",
            "AV 5.2",
            Partij.AFNEMER,
            "Nieuwe technische of beveiligingseisen van Logius voert de afnemer door binnen "
            "de redelijke termijn die Logius daarvoor stelt.",
        ),
        Verplichting(
            "opschorting-bij-niet-naleven",
            "AV 5.3",
            Partij.LOGIUS,
            "Houdt de afnemer zich niet aan de eisen, dan kan Logius de levering schriftelijk "
            "en met redenen opschorten of beëindigen.",
        ),
        Verplichting(
            "opschorting-bij-beveiligingsincident",
            "AV 5.4",
            Partij.LOGIUS,
            "Bij een beveiligingsincident kan Logius de levering direct opschorten, zonder "
            "vooraankondiging.",
        ),
        Verplichting(
            "gepland-onderhoud",
            "AV 6.1",
            Partij.LOGIUS,
            "Logius kondigt gepland onderhoud vooraf aan.",
        ),
        Verplichting(
            "storing",
            "AV 7",
            Partij.LOGIUS,
            "Storingen kan Logius verhelpen zonder die vooraf aan te kondigen.",
        ),
        Verplichting(
            "ingangsdatum",
            "AV 11.1",
            Partij.BEIDE,
            "De voorwaarden gelden vanaf de ondertekening van het eerste aanvraagformulier.",
        ),
        Verplichting(
            "wijziging-voorwaarden",
            "AV 13.1",
            Partij.LOGIUS,
            "Logius maakt een wijziging van deze voorwaarden bekend voordat die ingaat.",
            AV_AANKONDIGINGSTERMIJN,
        ),
        Verplichting(
            "afwijzing-voorwaarden",
            "AV 13.2",
            Partij.BEIDE,
            "Aanvaardt de afnemer de wijziging niet, dan eindigt de levering na de "
            "wijzigingsdatum.",
            AV_EINDE_NA_AFWIJZING,
        ),
        Verplichting(
            "wijziging-diensten",
            "AV 14.1",
            Partij.LOGIUS,
            "Logius kan diensten wijzigen en versies uitfaseren en meldt dat zo vroeg als "
            "mogelijk.",
        ),
        Verplichting(
            "afwijzing-dienstwijziging",
            "AV 14.2",
            Partij.BEIDE,
            "Aanvaardt de afnemer een dienstwijziging niet, dan overleggen partijen over een "
            "einddatum.",
        ),
    ),
)
