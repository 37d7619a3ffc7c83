"""DigiD's shared capacity (hooks ``dienst_capaciteit``, ``dienst_instellingen`` and
``dienst_check_config``).

All afnemers together get at most 10,000 authentications a minute (SNO 1 Geldigheid);
each afnemer's prognosis states its expected peak a minute (``piekPerMinuut``, SNO 3
Capaciteitsbeheer). Core sums the peaks of the production aansluitingen and warns Logius
from a share of the limit that is a setting of this plugin,
``AFNEMERSPORTAAL_DIENST_DIGID_CAPACITEIT_WAARSCHUWING`` (percent, 80 by default): the SNO
sets the limit, not the moment to start worrying about it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.sdk import Capaciteit, Instelling, Waardesoort

from .dienst import CAPACITEIT_PER_MINUUT
from .voorwaarden import CAPACITEIT_ARTIKEL

#: The article that sets the limit.
LIMIET_ARTIKEL = "SNO 1 Geldigheid"
#: The form field of :class:`~plugins.digid.prognoses.PrognoseSchema` that holds the peak.
PIEK_VELD = "piekPerMinuut"
WAARSCHUWING = "capaciteit_waarschuwing"

INSTELLINGEN = [
    Instelling(WAARSCHUWING,
               "Vanaf welk percentage van de gedeelde capaciteit (de som van de verwachte "
               "pieken) Logius een waarschuwing krijgt",
               Waardesoort.GETAL, standaard=80, minimum=1),
]


def check_config(instellingen: Mapping[str, Any]) -> list[str]:
    if instellingen[WAARSCHUWING] > 100:
        waarde = instellingen[WAARSCHUWING]
        return [f"{WAARSCHUWING} is een percentage van 1 tot en met 100, niet {waarde}"]
    return []


def capaciteit(instellingen: Mapping[str, Any]) -> Capaciteit:
    return Capaciteit(
        veld=PIEK_VELD,
        limiet=CAPACITEIT_PER_MINUUT,
        eenheid="authenticaties per minuut",
        artikel=LIMIET_ARTIKEL,
        waarschuwing_artikel=CAPACITEIT_ARTIKEL,
        waarschuwing_procent=instellingen[WAARSCHUWING],
        omgeving="productie",
    )
