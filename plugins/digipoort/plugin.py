"""Digipoort for e-factureren and DigiInkoop, per the Aansluitondersteuning Digipoort 2.5.

The source (published December 2017) is a web page without numbered articles, so
references name its section: ``DP Niet-rijksoverheden`` or ``DP tabel 1``. What an afnemer
pays depends on its doelgroep. The amounts in tabel 1 are tariff data that core keeps per
year; they are deliberately absent here.
"""

from __future__ import annotations

from datetime import date

import marshmallow as _ma

from core.sdk import (
    Afnemertype,
    Berekening,
    DienstInfo,
    Eenheid,
    Kenmerk,
    Keuze,
    Koppelvlak,
    KostenAansluiting,
    Kostenregel,
    Metriek,
    Partij,
    Periode,
    Prognoseperiode,
    Prognoseplicht,
    Schema,
    Tariefcode,
    Tariefschema,
    Tarieven,
    Termijn,
    Verbruik,
    Verplichting,
    Versie,
    VoorwaardenDocument,
    hookimpl,
)

SLUG = "digipoort"
BRON = "Aansluitondersteuning Digipoort e-factureren/DigiInkoop 2.5"
DP_ID = "digipoort-aansluitondersteuning"

# DP tabel 1: individuele begeleiding is bought per period of 3 months, starting at the
# startmail of the aansluitteam; a longer need means requesting another period.
BEGELEIDINGSPERIODE = Termijn(3, Eenheid.KALENDERMAANDEN)
# DP tabel 1 (definitie bericht): one message includes an attachment of at most 20 MB.
BERICHT_MAX_BIJLAGE_MB = 20

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
PRODUCTIE = "productie"

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

DIENST = DienstInfo(
    slug=SLUG,
    naam="Digipoort",
    omschrijving=(
        "Berichtenverkeer met de overheid voor e-facturen en digitaal inkopen, met "
        "ondersteuning bij het aansluiten."
    ),
    bron=BRON,
    omgevingen=(
        Keuze("productie", "Productie"),
        Keuze("pre-productie", "Pre-productie"),
    ),
    onderdelen=(
        Keuze("e-factureren", "E-factureren", "Digitale facturen aan en van de overheid"),
        Keuze("digiinkoop", "DigiInkoop", "Digitaal bestellen en inkopen bij de overheid"),
    ),
    onderdelen_verplicht=True,
    afnemertypes=None,
    kenmerken=(
        Kenmerk(
            "Doelgroepen",
            ("Bedrijven", "Rijksoverheden", "Niet-rijksoverheden"),
            "DP Doelgroepen",
        ),
        Kenmerk(
            "Aansluitondersteuning",
            (
                "Basis aansluitondersteuning: kosteloos",
                f"Individuele begeleiding: per periode van {BEGELEIDINGSPERIODE}",
            ),
            "DP tabel 1",
        ),
    ),
)

VOORWAARDEN = VoorwaardenDocument(
    id=DP_ID,
    titel="Aansluitondersteuning Digipoort e-factureren/DigiInkoop",
    versie="2.5",
    bron=BRON,
    dienst=SLUG,
    wijziging=None,
    verplichtingen=(
        Verplichting(
            "basis-aansluitondersteuning",
            "DP tabel 1",
            Partij.LOGIUS,
            "Iedere doelgroep krijgt vanaf de start van het aansluittraject de basis "
            "aansluitondersteuning, zonder kosten. Vragen lopen via het Servicecentrum.",
        ),
        Verplichting(
            "individuele-begeleiding",
            "DP tabel 1",
            Partij.LOGIUS,
            "Individuele begeleiding loopt per periode vanaf de startmail van het "
            "aansluitteam. Is meer tijd nodig, dan vraagt de afnemer een nieuwe periode "
            "aan bij het Servicecentrum.",
            BEGELEIDINGSPERIODE,
        ),
        Verplichting(
            "bedrijven-kosteloos",
            "DP Bedrijven",
            Partij.LOGIUS,
            "Bedrijven, intermediairs en softwareleveranciers betalen niets voor het "
            "berichtenverkeer of de aansluitondersteuning; de overheid draagt die kosten.",
        ),
        Verplichting(
            "rijksoverheden-kosteloos",
            "DP Rijksoverheden",
            Partij.LOGIUS,
            "Rijksoverheden zijn verplicht e-facturen via Digipoort te ontvangen (Besluit "
            "Digipoort voor E-facturen, art. 2 lid 2). Daarom vallen zij buiten de Wet Markt "
            "en Overheid en dragen zij geen directe kosten.",
        ),
        Verplichting(
            "niet-rijksoverheden-kosten",
            "DP Niet-rijksoverheden",
            Partij.AFNEMER,
            "Op niet-rijksoverheden is de Wet Markt en Overheid van toepassing: Logius "
            "rekent hun de kosten van individuele begeleiding en berichtenverkeer door. "
            "De tarieven worden per jaar vastgesteld.",
        ),
        Verplichting(
            "definitie-bericht",
            "DP tabel 1",
            Partij.BEIDE,
            "Als één bericht telt elke verwerking en validatie door Digipoort, elke "
            "aflevering bij de niet-rijksoverheid en elke aanlevering door haar, steeds "
            f"inclusief een bijlage van ten hoogste {BERICHT_MAX_BIJLAGE_MB} MB.",
        ),
        Verplichting(
            "voorcalculatie",
            "DP tabel 1",
            Partij.LOGIUS,
            "Het berichtenverkeer van een niet-rijksoverheid factureert Logius vooraf, op "
            "basis van een voorcalculatie per jaar.",
        ),
        Verplichting(
            "verrekening",
            "DP tabel 1",
            Partij.AFNEMER,
            "In het eerste kwartaal van het jaar daarna volgt verrekening op het werkelijke "
            "gebruik. De afnemer betaalt minstens de voorcalculatie, ook bij minder gebruik.",
        ),
    ),
)


@hookimpl
def dienst_info() -> DienstInfo:
    return DIENST


@hookimpl
def dienst_voorwaarden() -> list[VoorwaardenDocument]:
    return [VOORWAARDEN]


@hookimpl
def dienst_tarieven(jaar: int) -> Tariefschema:
    return TARIEFSCHEMA


@hookimpl
def dienst_kosten(
    aansluiting: KostenAansluiting,
    periode: Periode,
    verbruik: Verbruik,
    tarieven: Tarieven,
    berekening: Berekening,
) -> list[Kostenregel]:
    # Only production traffic is charged; pre-productie is where an afnemer tests.
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


# AV 14.1: Logius may phase out versions of its koppelvlakken. Versions shipped with
# the plugin; the productteam maintains later ones through the API.
KOPPELVLAKKEN = [
    Koppelvlak(
        "aanleveren", "Aanleverkoppelvlak e-factureren en DigiInkoop", "AV 14.1",
        versies=(Versie("1.2", date(2016, 1, 1)), Versie("2.0", date(2022, 1, 1))),
    ),
]


@hookimpl
def dienst_koppelvlakken() -> list[Koppelvlak]:
    return KOPPELVLAKKEN


# --- prognoses: the yearly voorcalculatie (DP tabel 1; AV 2.5) ------------------------
#
# A niet-rijksoverheid's berichtenverkeer is invoiced in advance on a yearly forecast in
# messages. The voorcalculatie of a year is fixed once the year begins, so the prognosis
# is asked by 1 December of the year before; submitting it sets the voorcalculatie.

PROGNOSE_UITERLIJK = (12, 1)  # (month, day) in the year before


class PrognoseSchema(Schema):
    berichten = _ma.fields.Integer(
        strict=True, required=True, validate=_ma.validate.Range(min=0, max=10**10),
        metadata={"description": "Verwachte berichten in het kalenderjaar (de voorcalculatie)"})


@hookimpl
def dienst_prognose_schema():
    return PrognoseSchema


@hookimpl
def dienst_prognose_perioden(jaar: int) -> list[Prognoseperiode]:
    volgend = jaar + 1
    return [Prognoseperiode(str(volgend), f"Voorcalculatie {volgend}", date(volgend, 1, 1),
                            date(volgend, 12, 31), date(jaar, *PROGNOSE_UITERLIJK))]


@hookimpl
def dienst_prognose_plicht(aansluiting: KostenAansluiting) -> Prognoseplicht:
    if aansluiting.omgeving != PRODUCTIE or aansluiting.afnemertype not in NIET_RIJKSOVERHEDEN:
        return Prognoseplicht(False, "Alleen het berichtenverkeer van een niet-rijksoverheid "
                              "in productie wordt vooraf gefactureerd.", "DP tabel 1")
    return Prognoseplicht(True, "Het berichtenverkeer wordt vooraf gefactureerd op een "
                          "voorcalculatie per jaar.", "DP tabel 1")


@hookimpl
def dienst_prognose_voorcalculatie(periode: Prognoseperiode, formulier) -> dict[str, int]:
    return {BERICHTEN: int(formulier["berichten"])}


@hookimpl
def dienst_prognose_volumes(periode: Prognoseperiode, formulier) -> dict[str, int]:
    return {BERICHTEN: int(formulier["berichten"])}
