"""MijnOverheid's koppelvlakken (hook ``dienst_koppelvlakken``).

MO 4.1: the afnemer conforms to the koppelvlakspecificaties; MO 3.5: Logius changes them
after consulting the Afnemersoverleg. These are the versions the plugin ships with; the
productteam maintains later ones through the API.
"""

from __future__ import annotations

from datetime import date

from core.sdk import Koppelvlak, Versie

KOPPELVLAKKEN = [
    Koppelvlak(
        "berichtenbox", "Koppelvlak Berichtenbox (berichten aanleveren)", "MO 3.5",
        versies=(Versie("2.0", date(2019, 1, 1)), Versie("3.0", date(2024, 1, 1))),
    ),
    Koppelvlak(
        "lopende-zaken", "Koppelvlak Lopende Zaken (zaakstatus aanleveren)", "MO 3.5",
        versies=(Versie("1.0", date(2020, 1, 1)),),
    ),
]
