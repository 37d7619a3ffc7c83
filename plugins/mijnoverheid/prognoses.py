"""MijnOverheid's Berichtenbox prognoses (AV 2.5).

An afnemer on the Berichtenbox in production forecasts its messages per month of the
coming calendar year; tariffs are set per year (MO 3.8) and the Berichtenbox is charged
per message (MO 5.2), so the forecast is asked by 1 November of the year before.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import marshmallow as ma

from core.sdk import KostenAansluiting, Prognoseperiode, Prognoseplicht, Schema

from .dienst import BERICHTENBOX, PRODUCTIE
from .kosten import BERICHTEN

PROGNOSE_UITERLIJK = (11, 1)  # (month, day) in the year before the forecast year


class PrognoseSchema(Schema):
    berichten_per_maand = ma.fields.List(
        ma.fields.Integer(strict=True, validate=ma.validate.Range(min=0, max=10**10)),
        required=True, validate=ma.validate.Length(equal=12),
        metadata={"description": "Verwachte Berichtenbox-berichten in januari tot en met "
                                 "december van het jaar"})


def perioden(jaar: int) -> list[Prognoseperiode]:
    """The next calendar year, due by 1 November of ``jaar``."""
    volgend = jaar + 1
    return [Prognoseperiode(str(volgend), f"Berichtenbox-berichten {volgend}",
                            date(volgend, 1, 1), date(volgend, 12, 31),
                            date(jaar, *PROGNOSE_UITERLIJK))]


def plicht(aansluiting: KostenAansluiting) -> Prognoseplicht:
    if aansluiting.omgeving != PRODUCTIE or BERICHTENBOX not in aansluiting.onderdelen:
        return Prognoseplicht(False, "Alleen de Berichtenbox in productie vraagt een prognose.",
                              "AV 2.5")
    return Prognoseplicht(True, "De Berichtenbox rekent per bericht (MO 5.2); de afnemer "
                          "geeft elk jaar zijn verwachte aantal berichten per maand.", "AV 2.5")


def volumes(formulier: Mapping[str, Any]) -> dict[str, int]:
    """The forecast year's Berichtenbox messages, for the cost estimate (MO 5.2)."""
    return {BERICHTEN: sum(int(n) for n in formulier["berichten_per_maand"])}
