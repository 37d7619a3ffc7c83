"""DigiD's identity (hook ``dienst_info``): zekerheidsniveaus, omgevingen, capacity."""

from __future__ import annotations

from core.sdk import DienstInfo, Kenmerk, Keuze

SLUG = "digid"
BRON = "Serviceniveauovereenkomst DigiD 2.8"

# SNO 1 Geldigheid: all afnemers together get at most this many authentications per
# minute; above it the service levels of the SNO no longer apply.
CAPACITEIT_PER_MINUUT = 10_000

# SNO 2 Beschikbaarheid: minimum availability per month, in percent.
BESCHIKBAARHEID_PRODUCTIE = "99,5 %"  # 24x7 minus the onderhoudsvenster
BESCHIKBAARHEID_PRE_PRODUCTIE = "99 %"  # working days 08:00-18:00


def getal(n: int) -> str:
    """Dutch notation: 10000 -> '10.000'."""
    return f"{n:,}".replace(",", ".")


DIENST = DienstInfo(
    slug=SLUG,
    naam="DigiD",
    omschrijving=(
        "Inlogmiddel van de overheid voor burgers. Een aansluiting kiest de "
        "zekerheidsniveaus waarop burgers bij de afnemer inloggen."
    ),
    bron=BRON,
    omgevingen=(
        Keuze(
            "productie",
            "Productie",
            f"24x7 minus onderhoudsvenster, {BESCHIKBAARHEID_PRODUCTIE} per maand",
            "SNO 2 Beschikbaarheid",
        ),
        Keuze(
            "pre-productie",
            "Pre-productie",
            f"Werkdagen 08:00-18:00, {BESCHIKBAARHEID_PRE_PRODUCTIE} per maand",
            "SNO 2 Beschikbaarheid",
        ),
    ),
    onderdelen=(
        Keuze("basis", "Basis", "Gebruikersnaam en wachtwoord", "SNO 1 Doel"),
        Keuze(
            "midden",
            "Midden",
            "Gebruikersnaam en wachtwoord plus sms-code, of de DigiD App",
            "SNO 1 Doel",
        ),
        Keuze("substantieel", "Substantieel", "DigiD App met extra controle", "SNO 1 Doel"),
    ),
    onderdelen_verplicht=True,
    afnemertypes=None,
    kenmerken=(
        Kenmerk("Zekerheidsniveaus", ("Basis", "Midden", "Substantieel"), "SNO 1 Doel"),
        Kenmerk(
            "Capaciteit",
            ((f"{getal(CAPACITEIT_PER_MINUUT)} authenticaties per minuut, gedeeld door "
              "alle afnemers"),),
            "SNO 1 Geldigheid",
        ),
        Kenmerk(
            "Beschikbaarheid",
            (
                f"Productie: {BESCHIKBAARHEID_PRODUCTIE} per maand",
                (f"Pre-productie: {BESCHIKBAARHEID_PRE_PRODUCTIE} per maand, op werkdagen "
                 "08:00-18:00"),
            ),
            "SNO 2 Beschikbaarheid",
        ),
    ),
)
