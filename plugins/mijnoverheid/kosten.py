"""MijnOverheid's tariff schema and cost rules (hooks ``dienst_tarieven``, ``dienst_kosten``).

What each onderdeel costs is a rule with its article (MO 5.2, 6.2, 7.2); the amounts are
tariff data, set every year (MO 3.8), and live in the tariff table per year.
"""

from __future__ import annotations

from core.sdk import (
    Berekening,
    KostenAansluiting,
    Kostenregel,
    Metriek,
    Periode,
    Tariefcode,
    Tariefschema,
    Tarieven,
    Verbruik,
)

from .dienst import BERICHTENBOX, LOPENDE_ZAKEN, PERSOONLIJKE_GEGEVENS, PRODUCTIE
from .voorwaarden import KOSTEN_VANAF

# Usage metric and tariff codes per onderdeel; the amounts are tariff data per year.
BERICHTEN = "berichten"
BERICHTENBOX_BERICHT = "berichtenbox-bericht"
BERICHTENBOX_JAARBEDRAG = "berichtenbox-jaarbedrag"
PERSOONLIJKE_GEGEVENS_AANSLUITING = "persoonlijke-gegevens-aansluiting"

METRIEKEN = (
    Metriek(BERICHTEN, "Berichten", "bericht", "MO 5.2",
            "Berichten die de afnemer via de Berichtenbox aan burgers verstuurt"),
)
TARIEFCODES = (
    # MO 5.2: a price per message and/or a fixed amount per afnemer; either may be zero.
    Tariefcode(BERICHTENBOX_BERICHT, "Berichtenbox: gebruik", "per bericht", "MO 5.2",
               inclusief_btw=False, metriek=BERICHTEN),
    Tariefcode(BERICHTENBOX_JAARBEDRAG, "Berichtenbox: vast bedrag", "per kalenderjaar",
               "MO 5.2", inclusief_btw=False,
               omschrijving="Eén keer per jaar, in de periode met de eerste dag van dat jaar "
               "waarop de aansluiting actief is."),
    # MO 6.2: connection costs, charged once, in the period of the activation.
    Tariefcode(PERSOONLIJKE_GEGEVENS_AANSLUITING, "Persoonlijke Gegevens: aansluitkosten",
               "eenmalig per aansluiting", "MO 6.2", inclusief_btw=False,
               omschrijving="In de periode waarin de aansluiting actief werd."),
)


def tariefschema(jaar: int) -> Tariefschema:
    """MO 3.8: no costs before 1 January 2018, so no tariff codes either."""
    if jaar < KOSTEN_VANAF.year:
        return Tariefschema(metrieken=METRIEKEN)
    return Tariefschema(metrieken=METRIEKEN, tarieven=TARIEFCODES)


def kosten(aansluiting: KostenAansluiting, periode: Periode, verbruik: Verbruik,
           tarieven: Tarieven, berekening: Berekening) -> list[Kostenregel]:
    """The lines per onderdeel. Nothing is invoiced in advance; only production use is
    charged; nothing before MO 3.8's start date."""
    if (berekening == Berekening.VOORSCHOT or aansluiting.omgeving != PRODUCTIE
            or periode.tot < KOSTEN_VANAF):
        return []
    if not aansluiting.actief_in(periode) and verbruik.leeg:
        return []
    onderdelen = set(aansluiting.onderdelen)
    regels = []
    if BERICHTENBOX in onderdelen:  # MO 5.2
        regels.append(tarieven.regel(BERICHTENBOX_BERICHT, verbruik.in_periode(BERICHTEN)))
        if periode.bevat(aansluiting.eerste_actieve_dag(periode.jaar)):
            regels.append(tarieven.regel(BERICHTENBOX_JAARBEDRAG, 1))
    if PERSOONLIJKE_GEGEVENS in onderdelen and periode.bevat(aansluiting.geactiveerd_op):
        regels.append(tarieven.regel(PERSOONLIJKE_GEGEVENS_AANSLUITING, 1))  # MO 6.2
    if LOPENDE_ZAKEN in onderdelen:  # MO 7.2: free, shown so that the afnemer sees why
        regels.append(Kostenregel.kosteloos("Lopende Zaken: kosteloos", "MO 7.2"))
    return regels
