"""Digipoort's prognoses: the yearly voorcalculatie (DP tabel 1; AV 2.5).

A niet-rijksoverheid's berichtenverkeer is invoiced in advance on a yearly forecast in
messages. The voorcalculatie of a year is fixed once the year begins, so the prognosis
is asked by 1 December of the year before; submitting it sets the voorcalculatie.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import marshmallow as ma

from core.sdk import KostenAansluiting, Prognoseperiode, Prognoseplicht, Schema

from .dienst import PRODUCTIE
from .kosten import BERICHTEN, NIET_RIJKSOVERHEDEN

PROGNOSE_UITERLIJK = (12, 1)  # (month, day) in the year before


class PrognoseSchema(Schema):
    berichten = ma.fields.Integer(
        strict=True, required=True, validate=ma.validate.Range(min=0, max=10**10),
        metadata={"description": "Verwachte berichten in het kalenderjaar (de voorcalculatie)"})


def perioden(jaar: int) -> list[Prognoseperiode]:
    """The next calendar year, due by 1 December of ``jaar``."""
    volgend = jaar + 1
    return [Prognoseperiode(str(volgend), f"Voorcalculatie {volgend}", date(volgend, 1, 1),
                            date(volgend, 12, 31), date(jaar, *PROGNOSE_UITERLIJK))]


def plicht(aansluiting: KostenAansluiting) -> Prognoseplicht:
    if aansluiting.omgeving != PRODUCTIE or aansluiting.afnemertype not in NIET_RIJKSOVERHEDEN:
        return Prognoseplicht(False, "Alleen het berichtenverkeer van een niet-rijksoverheid "
                              "in productie wordt vooraf gefactureerd.", "DP tabel 1")
    return Prognoseplicht(True, "Het berichtenverkeer wordt vooraf gefactureerd op een "
                          "voorcalculatie per jaar.", "DP tabel 1")


def volumes(formulier: Mapping[str, Any]) -> dict[str, int]:
    """The forecast messages of the year: the voorcalculatie it sets, and the volume of a
    cost estimate."""
    return {BERICHTEN: int(formulier["berichten"])}
