"""Availability per month, by the formula of a dienst's service level.

In the SNO 2.8 (SNO 2 Beschikbaarheid), the first service level declared, the figure of a
month is::

    (hours in month - hours unavailable - hours planned maintenance)
    / (hours in month - hours planned maintenance) x 100

Pure functions of their arguments (the records, the norm, the working-day calendar and
the moment that counts as now), so the API's month and year views, a report or a status
page compute it the same way. The decisions, each the SNO's or stated here:

- **Hours in the month are real hours**: the month in Europe/Amsterdam measured in UTC
  (:func:`core.werktijd.uren_in_maand`: 743 in March, 745 in October).
- **An omgeving measured over a window** (:attr:`Beschikbaarheidsnorm.venster`; in the
  SNO 2.8 pre-production: working days 08:00-18:00) counts only the hours inside that window on
  working days, for the month as for every record.
- **Emergency maintenance (spoedonderhoud) is unavailability**, as an outage (storing)
  is; only ``gepland-onderhoud`` counts as planned maintenance.
- **Overlap counts once**: the records of one kind are merged into a union of intervals
  before they are measured. An hour that is both planned maintenance and unavailable
  counts as **planned maintenance**: the SNO leaves the maintenance window out of the
  measured window (its availability window is the opening window minus the maintenance
  window), so an outage inside planned maintenance does not lower the figure.
- **A record still running** (no end yet) counts up to now; the month's figure then is
  the standing so far, and the month is not closed (:attr:`Maandmeting.afgesloten`).
- **Exact arithmetic**: durations in microseconds, the percentage as a fraction. The
  answer gives hours with 2 decimals (half up) and the percentage with 2 decimals
  **rounded down**, so the percentage shown never reaches a norm the month did not;
  ``gehaald`` compares the exact figure with the norm. A month whose measured hours are
  all planned maintenance has no percentage (``None``) and no verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from core.serviceniveau.typen import Beschikbaarheidsnorm, Onbeschikbaarheidssoort
from core.werktijd import Werkkalender, kantooruren_tussen, maand_grenzen

Interval = tuple[datetime, datetime]

#: Decimals of the hours and of the percentage in an answer.
DECIMALEN = 2
_US_PER_UUR = 3_600_000_000
_STAP = Decimal(1).scaleb(-DECIMALEN)


def vereniging(intervallen: Iterable[Interval]) -> list[Interval]:
    """The union of intervals, as sorted intervals that neither overlap nor touch.
    Empty and reversed intervals are left out."""
    uit: list[list[datetime]] = []
    for begin, eind in sorted((b, e) for b, e in intervallen if e > b):
        if uit and begin <= uit[-1][1]:
            uit[-1][1] = max(uit[-1][1], eind)
        else:
            uit.append([begin, eind])
    return [(b, e) for b, e in uit]


def verschil(a: Sequence[Interval], b: Sequence[Interval]) -> list[Interval]:
    """``a`` minus ``b``: the parts of ``a`` outside every interval of ``b`` (both
    unions, as :func:`vereniging` makes them)."""
    uit: list[Interval] = []
    for begin, eind in a:
        cursor = begin
        for b_begin, b_eind in b:
            if b_eind <= cursor or b_begin >= eind:
                continue
            if b_begin > cursor:
                uit.append((cursor, b_begin))
            cursor = max(cursor, b_eind)
            if cursor >= eind:
                break
        if cursor < eind:
            uit.append((cursor, eind))
    return uit


def knip(intervallen: Iterable[Interval], van: datetime, tot: datetime) -> list[Interval]:
    """The parts of the intervals within ``[van, tot)``."""
    return [(max(b, van), min(e, tot)) for b, e in intervallen if e > van and b < tot]


def _microseconden(duur: timedelta) -> int:
    return (duur.days * 86_400 + duur.seconds) * 1_000_000 + duur.microseconds


@dataclass(frozen=True)
class Record:
    """What the measurement needs of one recorded unavailability; ``tot`` is ``None``
    while it lasts."""

    van: datetime
    tot: datetime | None
    soort: Onbeschikbaarheidssoort


@dataclass(frozen=True)
class Maandmeting:
    """One month of one omgeving. Durations in microseconds (exact); the properties
    give what the API answers."""

    jaar: int
    maand: int
    norm: Beschikbaarheidsnorm
    #: The measured time of the month: every hour, or those of the window.
    gemeten_us: int
    onbeschikbaar_us: int
    gepland_onderhoud_us: int
    #: The month has ended (before now): its figure is final.
    afgesloten: bool

    @staticmethod
    def _uren(us: int) -> Decimal:
        return (Decimal(us) / Decimal(_US_PER_UUR)).quantize(_STAP, rounding=ROUND_HALF_UP)

    @property
    def uren_in_maand(self) -> Decimal:
        return self._uren(self.gemeten_us)

    @property
    def uren_onbeschikbaar(self) -> Decimal:
        return self._uren(self.onbeschikbaar_us)

    @property
    def uren_gepland_onderhoud(self) -> Decimal:
        return self._uren(self.gepland_onderhoud_us)

    @property
    def fractie(self) -> Fraction | None:
        """The formula's figure, exactly (in percent); ``None`` without measured hours
        outside planned maintenance."""
        noemer = self.gemeten_us - self.gepland_onderhoud_us
        if noemer <= 0:
            return None
        return Fraction(100 * (noemer - self.onbeschikbaar_us), noemer)

    @property
    def percentage(self) -> Decimal | None:
        """The figure with :data:`DECIMALEN` decimals, rounded down."""
        fractie = self.fractie
        if fractie is None:
            return None
        schaal = 10 ** DECIMALEN
        return (Decimal(fractie.numerator * schaal // fractie.denominator)
                .scaleb(-DECIMALEN).quantize(_STAP, rounding=ROUND_DOWN))

    @property
    def gehaald(self) -> bool | None:
        fractie = self.fractie
        return None if fractie is None else fractie >= Fraction(self.norm.norm)


def meet(norm: Beschikbaarheidsnorm, jaar: int, maand: int, records: Iterable[Record],
         kalender: Werkkalender | None, nu: datetime) -> Maandmeting:
    """The month's measurement of ``norm``'s omgeving from the records of that omgeving.

    :param kalender: the working days, for an omgeving measured over a window (holds
        the month's year); unused otherwise.
    :param nu: where a record without an end stops counting, and whether the month is
        closed.
    """
    begin, eind = maand_grenzen(jaar, maand)
    nu = nu.astimezone(UTC)
    gepland, onbeschikbaar = [], []
    for record in records:
        tot = record.tot if record.tot is not None else max(nu, record.van)
        doel = gepland if record.soort == Onbeschikbaarheidssoort.GEPLAND_ONDERHOUD \
            else onbeschikbaar
        doel.append((record.van.astimezone(UTC), tot.astimezone(UTC)))
    gepland = vereniging(knip(gepland, begin, eind))
    # Planned maintenance wins an hour that is both (see the module's docstring).
    onbeschikbaar = verschil(vereniging(knip(onbeschikbaar, begin, eind)), gepland)

    def gemeten(intervallen: Iterable[Interval]) -> int:
        if norm.venster is None:
            return sum(_microseconden(e - b) for b, e in intervallen)
        if kalender is None:
            raise ValueError(f"{norm.omgeving} wordt over een venster gemeten: geef de "
                             "werkkalender mee")
        return sum(_microseconden(kantooruren_tussen(b, e, norm.venster, kalender))
                   for b, e in intervallen)

    return Maandmeting(jaar, maand, norm, gemeten([(begin, eind)]), gemeten(onbeschikbaar),
                       gemeten(gepland), afgesloten=eind <= nu)


__all__ = [
    "DECIMALEN",
    "Interval",
    "Maandmeting",
    "Record",
    "knip",
    "meet",
    "vereniging",
    "verschil",
]
