"""Digipoort's tariff schema and cost rules (hooks ``dienst_tarieven``, ``dienst_kosten``).

What an afnemer pays depends on its doelgroep. The amounts in DP tabel 1 are tariff data
that core keeps per year; they are deliberately absent here.
"""

from __future__ import annotations

from datetime import date

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

from . import begeleiding
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
            "Vervangen door de perioden van POST /afnemers/{afnemerId}/"
            "digipoort-begeleidingen/perioden, die hun data op de factuur zetten. Rijen die "
            "al zijn vastgelegd (één per periode, gedateerd op de startmail, aantal 1; 0 trekt "
            "er een in) tellen nog mee; leg een periode niet op beide manieren vast.",
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
    production traffic is charged; pre-productie is where an afnemer tests. A period of
    individuele begeleiding is a service, not traffic: it is a line of its own wherever
    Logius recorded it, in the calculation whose days hold its startmail."""
    perioden = []
    if berekening == Berekening.WERKELIJK and aansluiting.id is not None:
        perioden = [begeleidingsregel(aansluiting.afnemertype, tarieven, van, tot)
                    for van, tot in _perioden(tarieven, aansluiting.id)
                    if periode.bevat(van)]
    if aansluiting.omgeving != PRODUCTIE:
        return perioden
    return perioden + _verkeer(aansluiting, periode, verbruik, tarieven, berekening)


def begeleidingsregel(afnemertype: Afnemertype, tarieven: Tarieven, van: date | None = None,
                      tot: date | None = None) -> Kostenregel:
    """One period of individuele begeleiding (DP tabel 1): the tariff for a
    niet-rijksoverheid, free for the other doelgroepen; with its dates when it has them."""
    omschrijving = (begeleiding.omschrijving(van, tot) if van and tot
                    else "Individuele begeleiding")
    if afnemertype not in NIET_RIJKSOVERHEDEN:
        artikel = KOSTELOZE_DOELGROEPEN.get(afnemertype, "DP Doelgroepen")
        return Kostenregel.kosteloos(omschrijving, artikel, 1, "periode")
    return tarieven.regel(INDIVIDUELE_BEGELEIDING, 1, omschrijving=omschrijving)


def _perioden(tarieven: Tarieven, aansluiting_id) -> list[tuple[date, date]]:
    from . import opslag  # the database layer loads here, not when the plugin is found

    return opslag.perioden(tarieven, aansluiting_id)


def _verkeer(aansluiting: KostenAansluiting, periode: Periode, verbruik: Verbruik,
             tarieven: Tarieven, berekening: Berekening) -> list[Kostenregel]:
    """Berichtenverkeer, basis ondersteuning and the periods recorded as usage rows of
    ``begeleidingsperioden`` (the way periods were recorded before they had dates)."""
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
