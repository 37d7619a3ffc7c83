"""Deadlines as words for console pages: the time left (or over) before a deadline the
API computed, as people say it ("nog 3 uur 20 min")."""

from __future__ import annotations

from decimal import Decimal


def duur_tekst(uren: Decimal) -> str:
    """Hours (a decimal) as Dutch words: 3.3333 is '3 uur 20 min'."""
    minuten = int((abs(uren) * 60).to_integral_value())
    heel, rest = divmod(minuten, 60)
    if heel and rest:
        return f"{heel} uur {rest} min"
    return f"{heel} uur" if heel else f"{rest} min"
