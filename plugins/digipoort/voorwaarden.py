"""The Aansluitondersteuning Digipoort 2.5 as a terms document (hook ``dienst_voorwaarden``)."""

from __future__ import annotations

from core.sdk import Partij, Verplichting, VoorwaardenDocument

from .dienst import BEGELEIDINGSPERIODE, BERICHT_MAX_BIJLAGE_MB, BRON, SLUG

DP_ID = "digipoort-aansluitondersteuning"

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
