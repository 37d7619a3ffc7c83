"""MijnOverheid's identity (hook ``dienst_info``): the three onderdelen of MO 3.1."""

from __future__ import annotations

from core.sdk import DienstInfo, Kenmerk, Keuze

SLUG = "mijnoverheid"
BRON = "Voorwaarden MijnOverheid productieomgeving 2.9"

# MO 3.1: the onderdelen an aansluiting chooses from.
BERICHTENBOX = "berichtenbox"
PERSOONLIJKE_GEGEVENS = "persoonlijke-gegevens"
LOPENDE_ZAKEN = "lopende-zaken"
PRODUCTIE = "productie"

DIENST = DienstInfo(
    slug=SLUG,
    naam="MijnOverheid",
    omschrijving=(
        "Persoonlijke omgeving van burgers op mijn.overheid.nl. Een aansluiting kiest "
        "welke onderdelen de afnemer gebruikt."
    ),
    bron=BRON,
    omgevingen=(
        Keuze(PRODUCTIE, "Productie"),
        Keuze("pre-productie", "Pre-productie"),
    ),
    onderdelen=(
        Keuze(
            BERICHTENBOX,
            "Berichtenbox",
            "Persoonlijke berichten van de afnemer aan de burger",
            "MO 5",
        ),
        Keuze(
            PERSOONLIJKE_GEGEVENS,
            "Persoonlijke Gegevens",
            "Toont de gegevens die de afnemer over de burger registreert",
            "MO 6",
        ),
        Keuze(
            LOPENDE_ZAKEN,
            "Lopende Zaken",
            "Toont de zaken die de burger bij de afnemer heeft lopen",
            "MO 7",
        ),
    ),
    onderdelen_verplicht=True,
    afnemertypes=None,
    kenmerken=(
        # MO 3.4: the minister of BZK sets the level after consulting the Afnemersoverleg;
        # MO 1 names the two levels on offer.
        Kenmerk("Vereist zekerheidsniveau", ("DigiD Basis", "DigiD Midden"), "MO 1, MO 3.4"),
    ),
)
