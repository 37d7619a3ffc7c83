"""Digipoort's tariff schema and cost rules (hooks ``dienst_tarieven``, ``dienst_kosten``).

What an afnemer pays depends on its doelgroep. The amounts in DP tabel 1 are tariff data
that core keeps per year; they are deliberately absent here.
"""

from __future__ import annotations

from core.sdk import (
    Afnemertype,
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

from .dienst import BEGELEIDINGSPERIODE, BERICHT_MAX_BIJLAGE_MB, PRODUCTIE

# DP Niet-rijksoverheden: the Wet Markt en Overheid applies to these afnemer types, so
# Logius charges them for berichtenverkeer and individuele begeleiding (DP tabel 1).
NIET_RIJKSOVERHEDEN = frozenset({
    Afnemertype.GEMEENTE,
    Afnemertype.PROVINCIE,
    Afnemertype.WATERSCHAP,
    Afnemertype.OVERIGE_NIET_RIJKSOVERHEID,
})
# DP Bedrijven, DP Rijksoverheden: these doelgroepen bear no direct costs.
KOSTELOZE_DOELGROEPEN = {
    Afnemertype.BEDRIJF: "DP Bedrijven",
    Afnemertype.RIJKSOVERHEID: "DP Rijksoverheden",
}

# Usage metrics and tariff codes (DP tabel 1). The amounts are tariff data per year.
BERICHTEN = "berichten"
BEGELEIDINGSPERIODEN = "begeleidingsperioden"
BERICHTENVERKEER = "berichtenverkeer"
INDIVIDUELE_BEGELEIDING = "individuele-begeleiding"

TARIEFSCHEMA = Tariefschema(
    metrieken=(
        Metriek(
            BERICHTEN, "Berichten", "bericht", "DP tabel 1",
            "Elke verwerking en validatie door Digipoort, aflevering bij of aanlevering door "
            f"de afnemer, met een bijlage van ten hoogste {BERICHT_MAX_BIJLAGE_MB} MB. De "
            "afnemer geeft er per jaar een voorcalculatie van.",
            voorcalculatie=True,
        ),
        Metriek(
            BEGELEIDINGSPERIODEN, "Perioden individuele begeleiding", "periode", "DP tabel 1",
            "Eén rij per periode, gedateerd op de startmail van het aansluitteam, met aantal "
            "1 (0 trekt een ten onrechte vastgelegde periode weer in).",
            maximum=1,
        ),
    ),
    tarieven=(
        Tariefcode(
            BERICHTENVERKEER, "Exploitatie berichtenverkeer", "per bericht", "DP tabel 1",
            inclusief_btw=True, metriek=BERICHTEN,
            omschrijving="Alleen voor niet-rijksoverheden. Vooraf gefactureerd op de "
            "voorcalculatie, in het eerste kwartaal daarna verrekend met het werkelijke "
            "gebruik; minstens de voorcalculatie wordt betaald.",
        ),
        Tariefcode(
            INDIVIDUELE_BEGELEIDING, "Individuele begeleiding",
            f"per periode van {BEGELEIDINGSPERIODE}", "DP tabel 1",
            inclusief_btw=True, metriek=BEGELEIDINGSPERIODEN,
            omschrijving="Alleen voor niet-rijksoverheden; de periode begint bij de startmail.",
        ),
    ),
)


def tariefschema(jaar: int) -> Tariefschema:
    """The same codes every year; only the amounts (data) differ."""
    return TARIEFSCHEMA


def kosten(aansluiting: KostenAansluiting, periode: Periode, verbruik: Verbruik,
           tarieven: Tarieven, berekening: Berekening) -> list[Kostenregel]:
    """The lines of one aansluiting by doelgroep (DP Doelgroepen, DP tabel 1). Only
    production traffic is charged; pre-productie is where an afnemer tests."""
    if aansluiting.omgeving != PRODUCTIE:
        return []
    if berekening == Berekening.VOORSCHOT:
        return _voorschot(aansluiting, verbruik, tarieven)
    if not aansluiting.actief_in(periode) and verbruik.leeg:
        return []
    berichten = verbruik.in_periode(BERICHTEN)
    perioden = verbruik.in_periode(BEGELEIDINGSPERIODEN)
    basis = Kostenregel.kosteloos("Basis aansluitondersteuning", "DP tabel 1")
    if aansluiting.afnemertype not in NIET_RIJKSOVERHEDEN:
        artikel = KOSTELOZE_DOELGROEPEN.get(aansluiting.afnemertype, "DP Doelgroepen")
        regels = [Kostenregel.kosteloos("Berichtenverkeer", artikel, berichten, "bericht",
                                        BERICHTEN)]
        if perioden:
            regels.append(Kostenregel.kosteloos("Individuele begeleiding", artikel, perioden,
                                                "periode", BEGELEIDINGSPERIODEN))
        return [*regels, basis]
    regels = [tarieven.regel(BERICHTENVERKEER, berichten)]
    # DP tabel 1: at least the voorcalculatie is charged. The shortfall of the year is
    # added in the period that closes the year, so the periods of a year add up to it.
    if periode.sluit_jaar_af:
        voorcalculatie = verbruik.voorcalculatie_van(BERICHTEN)
        tekort = voorcalculatie - verbruik.in_jaar(BERICHTEN)
        if tekort > 0:
            regels.append(tarieven.regel(
                BERICHTENVERKEER, tekort,
                omschrijving=f"Aanvulling tot de voorcalculatie van {voorcalculatie} berichten",
            ))
    if perioden:
        regels.append(tarieven.regel(INDIVIDUELE_BEGELEIDING, perioden))
    return [*regels, basis]


def _voorschot(aansluiting: KostenAansluiting, verbruik: Verbruik,
               tarieven: Tarieven) -> list[Kostenregel]:
    """DP tabel 1: a niet-rijksoverheid's berichtenverkeer is invoiced in advance."""
    voorcalculatie = verbruik.voorcalculatie_van(BERICHTEN)
    if aansluiting.afnemertype not in NIET_RIJKSOVERHEDEN or voorcalculatie <= 0:
        return []
    return [tarieven.regel(
        BERICHTENVERKEER, voorcalculatie,
        omschrijving=f"Berichtenverkeer {tarieven.jaar} volgens de voorcalculatie",
    )]
