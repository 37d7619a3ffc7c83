"""Digipoort for e-factureren and DigiInkoop, per the Aansluitondersteuning Digipoort 2.5.

The source (published December 2017) is a web page without numbered articles, so
references name its section: ``DP Niet-rijksoverheden`` or ``DP tabel 1``. What an afnemer
pays depends on its doelgroep. The amounts in tabel 1 are tariff data that core keeps per
year; they are deliberately absent here.
"""

from __future__ import annotations

from core.hookspecs import hookimpl
from core.types import (
    DienstInfo,
    Eenheid,
    Keuze,
    Kenmerk,
    Partij,
    Termijn,
    Verplichting,
    VoorwaardenDocument,
)

SLUG = "digipoort"
BRON = "Aansluitondersteuning Digipoort e-factureren/DigiInkoop 2.5"
DP_ID = "digipoort-aansluitondersteuning"

# DP tabel 1: individuele begeleiding is bought per period of 3 months, starting at the
# startmail of the aansluitteam; a longer need means requesting another period.
BEGELEIDINGSPERIODE = Termijn(3, Eenheid.KALENDERMAANDEN)
# DP tabel 1 (definitie bericht): one message includes an attachment of at most 20 MB.
BERICHT_MAX_BIJLAGE_MB = 20

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
