"""Rounding of cost lines: to cents, per line, half up; BTW from the year's rate.

The rule, for a line of quantity ``q`` at tariff ``t`` with BTW rate ``p`` percent
(``rond`` = to whole cents, ``ROUND_HALF_UP``: 0.005 becomes 0.01, -0.005 becomes -0.01):

- a tariff **including** BTW: ``incl = rond(q x t)``, ``excl = rond(incl / (1 + p/100))``,
  ``btw = incl - excl``; the amount incl. BTW is exactly what the tariff promises;
- a tariff **excluding** BTW: ``excl = rond(q x t)``, ``btw = rond(excl x p/100)``,
  ``incl = excl + btw``.

Every line is rounded on its own; totals are sums of rounded lines, so a total always
equals the sum of the lines an afnemer sees. A line of 0.00 needs no BTW rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HONDERD = Decimal(100)


def rond(bedrag: Decimal) -> Decimal:
    """To whole cents, half up (away from zero)."""
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Bedragen:
    """One line's amounts, or a total: excl. BTW + BTW = incl. BTW."""

    excl_btw: Decimal
    btw: Decimal
    incl_btw: Decimal

    def __add__(self, other: Bedragen) -> Bedragen:
        return Bedragen(self.excl_btw + other.excl_btw, self.btw + other.btw,
                        self.incl_btw + other.incl_btw)

    def __neg__(self) -> Bedragen:
        return Bedragen(-self.excl_btw, -self.btw, -self.incl_btw)


NUL = Bedragen(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))


class BtwOntbreekt(LookupError):
    """A line with an amount needs the BTW rate of a year that has not been set."""

    def __init__(self, jaar: int) -> None:
        super().__init__(f"het btw-tarief voor {jaar} is niet vastgesteld")
        self.jaar = jaar


def bedragen(hoeveelheid: int, tarief: Decimal, inclusief_btw: bool,
             btw_percentage: Decimal | None, jaar: int) -> Bedragen:
    """The amounts of one line, by the rule in this module's docstring.

    :raises BtwOntbreekt: the line has an amount and ``btw_percentage`` is ``None``.
    """
    bruto = rond(Decimal(hoeveelheid) * tarief)
    if bruto == 0:
        return NUL
    if btw_percentage is None:
        raise BtwOntbreekt(jaar)
    factor = btw_percentage / HONDERD
    if inclusief_btw:
        excl = rond(bruto / (1 + factor))
        return Bedragen(excl, bruto - excl, bruto)
    btw = rond(bruto * factor)
    return Bedragen(bruto, btw, bruto + btw)
