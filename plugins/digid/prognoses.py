"""DigiD's capacity prognoses (SNO 3 Capaciteitsbeheer; AV 2.5).

An afnemer forecasts its authentications per month for the next 12 months and its
expected peak per minute. It must do so twice a year as soon as one of the thresholds
of SNO 3 Capaciteitsbeheer is exceeded (strictly), judged on its recorded usage or on its
last prognosis. Recorded usage has the authentications (summed over the year and per
month) and the peak per minute (metric ``piek-per-minuut``, the year's highest row). The SNO says "twice a year" without dates; this plugin asks for them by
1 April (ahead of the busy income-tax season) and by 1 October, each covering the 12
months from then.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import marshmallow as ma

from core.sdk import (
    KostenAansluiting,
    Prognoseperiode,
    Prognoseplicht,
    Schema,
    Verbruik,
    plus_maanden,
)

from .kosten import AUTHENTICATIES, PIEK_PER_MINUUT
from .voorwaarden import (
    CAPACITEIT_ARTIKEL,
    PROGNOSE_DREMPEL_JAAR,
    PROGNOSE_DREMPEL_MAAND,
    PROGNOSE_DREMPEL_PIEK,
)

#: (month, label) of the two yearly deadlines; the day is the 1st.
PROGNOSEMOMENTEN = ((4, "voorjaar"), (10, "najaar"))


class PrognoseSchema(Schema):
    authenticaties_per_maand = ma.fields.List(
        ma.fields.Integer(strict=True, validate=ma.validate.Range(min=0, max=10**9)),
        required=True, validate=ma.validate.Length(equal=12),
        metadata={"description": "Verwachte authenticaties in elk van de 12 maanden van de "
                                 "periode, de eerste maand voorop"})
    piek_per_minuut = ma.fields.Integer(
        strict=True, required=True, validate=ma.validate.Range(min=0, max=10**7),
        metadata={"description": "Verwachte hoogste aantal authenticaties in één minuut"})


def perioden(jaar: int) -> list[Prognoseperiode]:
    """The two periods whose deadline (1 April, 1 October) falls in ``jaar``."""
    uit = []
    for maand, label in PROGNOSEMOMENTEN:
        van = date(jaar, maand, 1)
        uit.append(Prognoseperiode(
            f"{jaar}-{maand:02d}", f"Prognose {label} {jaar} (12 maanden vanaf {van.isoformat()})",
            van, plus_maanden(van, 12) - timedelta(days=1), van))
    return uit


def drempels_overschreden(jaar: int, hoogste_maand: int, piek: int) -> list[str]:
    """Which thresholds of SNO 3 Capaciteitsbeheer are exceeded; each is strict (more than)."""
    redenen = []
    if jaar > PROGNOSE_DREMPEL_JAAR:
        redenen.append(f"meer dan {PROGNOSE_DREMPEL_JAAR:,} authenticaties per jaar ({jaar:,})")
    if hoogste_maand > PROGNOSE_DREMPEL_MAAND:
        redenen.append(f"meer dan {PROGNOSE_DREMPEL_MAAND:,} in één maand ({hoogste_maand:,})")
    if piek > PROGNOSE_DREMPEL_PIEK:
        redenen.append(f"een piek boven {PROGNOSE_DREMPEL_PIEK:,} per minuut ({piek:,})")
    return [r.replace(",", ".") for r in redenen]


def plicht(aansluiting: KostenAansluiting, verbruik: Verbruik,
           laatste: dict[str, Any] | None) -> Prognoseplicht:
    """Due in production once recorded usage or the last prognosis exceeds a threshold."""
    redenen = []
    gebruikt = verbruik.in_jaar(AUTHENTICATIES)
    for reden in drempels_overschreden(gebruikt, verbruik.hoogste_maand(AUTHENTICATIES),
                                       verbruik.in_jaar(PIEK_PER_MINUUT)):
        redenen.append(f"verbruik vorig jaar: {reden}")
    if laatste is not None:
        maanden = list(laatste.get("authenticaties_per_maand") or [])
        for reden in drempels_overschreden(sum(maanden), max(maanden, default=0),
                                           int(laatste.get("piek_per_minuut") or 0)):
            redenen.append(f"laatste prognose: {reden}")
    if aansluiting.omgeving != "productie":
        return Prognoseplicht(False, "Alleen productie telt mee voor de capaciteit.",
                              CAPACITEIT_ARTIKEL)
    if not redenen:
        return Prognoseplicht(False, "Geen van de drempels voor een prognose is overschreden.",
                              CAPACITEIT_ARTIKEL)
    return Prognoseplicht(True, "Twee keer per jaar een prognose, want: " + "; ".join(redenen)
                          + ".", CAPACITEIT_ARTIKEL)
