"""Who the dienst is (``dienst_info``), what it publishes (``dienst_gebeurtenissen``) and
what can be set (``dienst_instellingen``, ``dienst_check_config``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.sdk import (
    DienstInfo,
    Gebeurtenistype,
    Instelling,
    Keuze,
    Ontvanger,
    Waardesoort,
)

SLUG = "certificaten"
BRON = "Voorwaarden Certificatenregister 1.0"

DIENST = DienstInfo(
    slug=SLUG,
    naam="Certificatenregister",
    omschrijving=(
        "Register van de PKIoverheid-servercertificaten waarmee een afnemer op de "
        "diensten van Logius aansluit, met een waarschuwing voordat een certificaat "
        "verloopt."
    ),
    bron=BRON,
    omgevingen=(Keuze("productie", "Productie"), Keuze("pre-productie", "Pre-productie")),
)

#: The one event: a registered certificate expires within the warning period (VC 4.1).
VERLOOPT = f"{SLUG}.certificaat-verloopt"

GEBEURTENISSEN = (
    Gebeurtenistype(VERLOOPT, "Een geregistreerd certificaat verloopt binnen de "
                    "waarschuwingstermijn", "VC 4.1", Ontvanger.AFNEMER, ("technisch",)),
)

#: VC 4.1: how many calendar days before its expiry a certificate is announced.
WAARSCHUWINGSDAGEN = "waarschuwingsdagen"
STANDAARD_WAARSCHUWINGSDAGEN = 30
#: PKIoverheid server certificates are issued for at most about a year; a warning
#: period longer than that would warn for every certificate on registration.
MAXIMUM_WAARSCHUWINGSDAGEN = 365

INSTELLINGEN = (
    Instelling(WAARSCHUWINGSDAGEN, "Hoeveel kalenderdagen voor het verlopen van een "
               "certificaat de afnemer een waarschuwing krijgt (VC 4.1)", Waardesoort.GETAL,
               standaard=STANDAARD_WAARSCHUWINGSDAGEN, minimum=1),
)


def check_config(instellingen: Mapping[str, Any]) -> list[str]:
    dagen = instellingen[WAARSCHUWINGSDAGEN]
    if dagen > MAXIMUM_WAARSCHUWINGSDAGEN:
        return [(f"{WAARSCHUWINGSDAGEN} is hooguit {MAXIMUM_WAARSCHUWINGSDAGEN} (een "
                 f"servercertificaat is niet langer geldig), niet {dagen}")]
    return []
