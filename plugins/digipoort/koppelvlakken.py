"""Digipoort's koppelvlakken (hook ``dienst_koppelvlakken``).

AV 14.1: Logius may phase out versions of its koppelvlakken. These are the versions the
plugin ships with; the productteam maintains later ones through the API.
"""

from __future__ import annotations

from datetime import date

from core.sdk import Koppelvlak, Versie

KOPPELVLAKKEN = [
    Koppelvlak(
        "aanleveren", "Aanleverkoppelvlak e-factureren en DigiInkoop", "AV 14.1",
        versies=(Versie("1.2", date(2016, 1, 1)), Versie("2.0", date(2022, 1, 1))),
    ),
]
