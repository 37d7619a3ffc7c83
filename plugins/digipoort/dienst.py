"""Digipoort's identity (hook ``dienst_info``): onderdelen, doelgroepen, support.

The source (published December 2017) is a web page without numbered articles, so
references name its section: ``DP Niet-rijksoverheden`` or ``DP tabel 1``.
"""

from __future__ import annotations

from core.sdk import DienstInfo, Eenheid, Kenmerk, Keuze, Termijn

SLUG = "digipoort"
BRON = "Aansluitondersteuning Digipoort e-factureren/DigiInkoop 2.5"
PRODUCTIE = "productie"

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
        Keuze(PRODUCTIE, "Productie"),
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
