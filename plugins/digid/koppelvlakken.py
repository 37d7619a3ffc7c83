"""DigiD's koppelvlakken (hook ``dienst_koppelvlakken``).

AV 14.1: Logius may phase out versions of its koppelvlakken. These are the versions the
plugin ships with; the productteam maintains later ones through the API.
"""

from __future__ import annotations

from datetime import date

from core.sdk import Koppelvlak, Versie

KOPPELVLAKKEN = [
    Koppelvlak(
        "saml", "DigiD-koppelvlak op SAML", "AV 14.1",
        versies=(Versie("3.3", date(2017, 1, 1)), Versie("4.0", date(2023, 1, 1))),
    ),
    Koppelvlak(
        "oidc", "DigiD-koppelvlak op OpenID Connect", "AV 14.1",
        versies=(Versie("1.0", date(2025, 1, 1)),),
    ),
]
