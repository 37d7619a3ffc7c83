"""Working time: office hours, working days and clock hours, as service levels count them.

Rules that speak of office hours and working days are judged in Europe/Amsterdam
(:data:`core.tijd.AMSTERDAM`); every moment goes in and comes out timezone-aware, and
what comes out is UTC. A naive datetime is a :class:`ValueError`: it names no moment.

- A **working day** is Monday to Friday, minus the generally recognised public
  holidays of a :class:`Werkkalender`. Core keeps those holidays as data, a table per
  year (``core.feestdagen``), so this module only gets the set of dates.
- **Office hours** are a daily window (:class:`Kantoortijden`, e.g. 08:00-18:00 for
  the P2 and P3 incidents of a service level) on working days. An hour of office time is a real hour:
  a window is placed on its day in local wall time and measured in UTC.
- **Clock hours** (a P1 of 6 hours, 24x7) are counted in UTC, so the night the
  clocks go forward has 23 hours and the night they go back 25
  (:func:`plus_klokuren`).
- A month has its real number of hours (:func:`uren_in_maand`): in Europe/Amsterdam
  March has 743 and October 745, the other months 24 times their days.

Pure functions of their arguments: no clock, no database, no Flask. A plugin gets them
through :mod:`core.sdk`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Union

from core.tijd import AMSTERDAM

#: A number of hours (int, float or Decimal) or a duration.
Uren = Union[int, float, Decimal, timedelta]  # noqa: UP007 (readable in the docs)

_UUR = timedelta(hours=1)
_DAG = timedelta(days=1)


class BuitenKalender(ValueError):
    """A computation needs a day outside the years a :class:`Werkkalender` knows the
    holidays of: load a calendar over more years (``kalender(van_jaar, tot_jaar)``)."""


def _moment(moment: datetime, naam: str = "moment") -> datetime:
    """``moment`` in UTC; a naive datetime (or anything else) is refused."""
    if not isinstance(moment, datetime):
        raise TypeError(f"{naam} moet een datetime zijn, niet {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{naam} is naief ({moment.isoformat()}): geef een tijdzone mee")
    return moment.astimezone(UTC)


def _dag(dag: date | datetime) -> date:
    """A date as given, or the Amsterdam date of an aware moment."""
    if isinstance(dag, datetime):
        return _moment(dag, "dag").astimezone(AMSTERDAM).date()
    if not isinstance(dag, date):
        raise TypeError(f"dag moet een date zijn, niet {type(dag).__name__}")
    return dag


def _duur(uren: Uren) -> timedelta:
    """A number of hours or a duration as a duration; negative is refused."""
    if isinstance(uren, bool):
        raise TypeError("uren is een aantal uren of een timedelta, geen bool")
    if isinstance(uren, timedelta):
        duur = uren
    elif isinstance(uren, int):
        duur = timedelta(hours=uren)
    elif isinstance(uren, Decimal):
        duur = timedelta(microseconds=int(uren * 3_600_000_000))
    elif isinstance(uren, float):
        duur = timedelta(hours=uren)
    else:
        raise TypeError(f"uren moet een getal of timedelta zijn, niet {type(uren).__name__}")
    if duur < timedelta(0):
        raise ValueError(f"een negatief aantal uren ({uren}) telt niet vooruit")
    return duur


def _lokaal_naar_utc(dag: date, tijd: time) -> datetime:
    """Wall time ``tijd`` on ``dag`` in Amsterdam, as a UTC moment.

    A wall time that occurs twice (the night the clocks go back) is its first
    occurrence; one the clocks skip is read with the offset before the change, as
    :mod:`zoneinfo` does. Neither happens to a window that starts after 03:00.
    """
    return datetime.combine(dag, tijd, tzinfo=AMSTERDAM).astimezone(UTC)


@dataclass(frozen=True)
class Kantoortijden:
    """A daily window in local wall time, e.g. 08:00-18:00 (SNO 2.8: the office hours
    of P2 and P3 incidents) or 08:00-17:00 (its service window for afnemers).

    ``begin`` lies before ``eind`` on the same day: a window does not cross midnight.
    Both are naive times, read in Europe/Amsterdam on each working day.
    """

    begin: time
    eind: time

    def __post_init__(self) -> None:
        for naam in ("begin", "eind"):
            waarde = getattr(self, naam)
            if not isinstance(waarde, time):
                raise TypeError(f"{naam} moet een time zijn, niet {type(waarde).__name__}")
            if waarde.tzinfo is not None:
                raise ValueError(f"{naam} is een lokale kloktijd, zonder tijdzone")
        if not self.begin < self.eind:
            raise ValueError(f"het venster {self} begint niet voor het eindigt")

    def op(self, dag: date) -> tuple[datetime, datetime]:
        """The window on ``dag`` as two UTC moments (begin, eind)."""
        return _lokaal_naar_utc(dag, self.begin), _lokaal_naar_utc(dag, self.eind)

    def __str__(self) -> str:
        return f"{self.begin:%H:%M}-{self.eind:%H:%M}"


@dataclass(frozen=True)
class Werkkalender:
    """Which days are working days: Monday to Friday minus ``feestdagen``.

    ``jaren`` are the calendar years whose holidays the set holds (as
    ``kalender(van_jaar, tot_jaar)`` loads them); a computation that needs a day outside
    them raises :class:`BuitenKalender` rather than count a holiday as a working day.
    Without ``jaren`` every year is taken to be complete (tests, fixed data).
    """

    feestdagen: frozenset[date] = field(default_factory=frozenset)
    jaren: range | None = None

    def __post_init__(self) -> None:
        dagen = frozenset(self.feestdagen)
        for dag in dagen:
            if isinstance(dag, datetime) or not isinstance(dag, date):
                raise TypeError(f"een feestdag is een date, niet {dag!r}")
        object.__setattr__(self, "feestdagen", dagen)
        if self.jaren is not None and not isinstance(self.jaren, range):
            object.__setattr__(self, "jaren", range(min(self.jaren), max(self.jaren) + 1))

    @classmethod
    def van(cls, feestdagen: Iterable[date], jaren: range | None = None) -> Werkkalender:
        return cls(frozenset(feestdagen), jaren)

    def dekt(self, dag: date) -> bool:
        """The calendar knows the holidays of ``dag``'s year."""
        return self.jaren is None or dag.year in self.jaren

    def is_werkdag(self, dag: date | datetime) -> bool:
        dag = _dag(dag)
        if not self.dekt(dag):
            raise BuitenKalender(
                f"{dag.isoformat()} valt buiten de kalender ({self.jaren.start}-"
                f"{self.jaren.stop - 1}): laad de feestdagen van {dag.year}")
        return dag.weekday() < 5 and dag not in self.feestdagen


# --- working days ----------------------------------------------------------------------


def is_werkdag(dag: date | datetime, kalender: Werkkalender) -> bool:
    """Monday to Friday and no holiday of ``kalender``; a moment counts by its date in
    Europe/Amsterdam."""
    return kalender.is_werkdag(dag)


def plus_werkdagen(dag: date | datetime, n: int, kalender: Werkkalender) -> date:
    """The date ``n`` working days after ``dag`` (``dag`` itself not counted); a negative
    ``n`` counts back. ``n == 0`` is ``dag``, working day or not.

    Friday plus one working day is Monday; with Easter Monday a holiday, Good Friday
    plus one is the Tuesday after Easter.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("n is een geheel aantal werkdagen")
    dag = _dag(dag)
    stap = _DAG if n >= 0 else -_DAG
    over = abs(n)
    while over:
        dag += stap
        if kalender.is_werkdag(dag):
            over -= 1
    return dag


def werkdagen_tussen(van: date | datetime, tot: date | datetime,
                     kalender: Werkkalender) -> int:
    """The working days from ``van`` to ``tot``, as :func:`plus_werkdagen` steps them:
    those after ``van`` up to and including ``tot``; when ``tot`` lies before ``van``,
    minus those from ``tot`` up to (not including) ``van``. So
    ``werkdagen_tussen(d, plus_werkdagen(d, n)) == n`` for every ``n``."""
    van, tot = _dag(van), _dag(tot)
    if tot < van:
        return -sum(kalender.is_werkdag(tot + i * _DAG) for i in range((van - tot).days))
    return sum(kalender.is_werkdag(van + i * _DAG) for i in range(1, (tot - van).days + 1))


# --- office hours ------------------------------------------------------------------------


def plus_kantooruren(moment: datetime, uren: Uren, venster: Kantoortijden,
                     kalender: Werkkalender) -> datetime:
    """The moment ``uren`` office hours after ``moment``, in UTC: the deadline of a rule
    such as SNO 2.8's P2, 10 office hours, 08:00-18:00 on working days.

    ``moment`` may lie anywhere: inside the window, before or after it, in a weekend or
    on a holiday; office time starts counting at the next moment inside a window. For
    ``uren > 0`` the answer always lies inside a window of a working day, its end
    included: 10 office hours from Thursday 08:00 is Thursday 18:00, not Friday 08:00.
    ``uren == 0`` answers ``moment`` itself.
    """
    cursor = _moment(moment)
    rest = _duur(uren)
    if not rest:
        return cursor
    dag = cursor.astimezone(AMSTERDAM).date()
    while True:
        begin, eind = venster.op(dag)
        start = max(begin, cursor)
        # The window first: a day whose window lies behind the moment needs no calendar.
        if start < eind and kalender.is_werkdag(dag):
            if rest <= eind - start:
                return start + rest
            rest -= eind - start
        dag += _DAG


def kantooruren_tussen(van: datetime, tot: datetime, venster: Kantoortijden,
                       kalender: Werkkalender) -> timedelta:
    """The office time between two moments: the parts of ``[van, tot]`` inside a window
    of a working day, in real time; negative when ``tot`` lies before ``van``.

    ``kantooruren_tussen(m, plus_kantooruren(m, n)) == n`` hours. Summed over the
    stretches an incident was not paused, it is the elapsed office time.
    """
    a, b = _moment(van, "van"), _moment(tot, "tot")
    if b < a:
        return -kantooruren_tussen(b, a, venster, kalender)
    totaal = timedelta(0)
    dag, laatste = a.astimezone(AMSTERDAM).date(), b.astimezone(AMSTERDAM).date()
    while dag <= laatste:
        begin, eind = venster.op(dag)
        deel = min(eind, b) - max(begin, a)
        if deel > timedelta(0) and kalender.is_werkdag(dag):
            totaal += deel
        dag += _DAG
    return totaal


# --- clock hours -------------------------------------------------------------------------


def plus_klokuren(moment: datetime, uren: Uren) -> datetime:
    """``moment`` plus ``uren`` real hours, counted in UTC (SNO 2.8's P1: 6 clock hours,
    24x7). Across the night the clocks change the local time moves by one hour more or
    less, and the elapsed time stays exactly ``uren``."""
    return _moment(moment) + _duur(uren)


def klokuren_tussen(van: datetime, tot: datetime) -> timedelta:
    """The real time between two moments (UTC difference)."""
    return _moment(tot, "tot") - _moment(van, "van")


# --- measuring periods -------------------------------------------------------------------


def maand_grenzen(jaar: int, maand: int) -> tuple[datetime, datetime]:
    """The month in Europe/Amsterdam as UTC moments: its first midnight and the next
    month's first midnight."""
    if not 1 <= maand <= 12:
        raise ValueError(f"maand {maand} ligt niet in 1..12")
    volgende = date(jaar + maand // 12, maand % 12 + 1, 1)
    return _lokaal_naar_utc(date(jaar, maand, 1), time(0)), _lokaal_naar_utc(volgende, time(0))


def uren_in_maand(jaar: int, maand: int) -> int:
    """The real hours of a month in Europe/Amsterdam: 743 in March, 745 in October (the
    clocks' changes), 24 times the days otherwise. The base of SNO 2.8's availability
    formula for production, which runs 24x7."""
    van, tot = maand_grenzen(jaar, maand)
    uren, rest = divmod(tot - van, _UUR)
    assert not rest, (jaar, maand)  # Amsterdam's offsets differ by whole hours
    return uren


def als_uren(duur: timedelta) -> Decimal:
    """A duration as an exact number of hours (a report's unit)."""
    microseconden = (duur.days * 86_400 + duur.seconds) * 1_000_000 + duur.microseconds
    return Decimal(microseconden) / Decimal(3_600_000_000)


def venster_uren(van: datetime, tot: datetime, venster: Kantoortijden,
                 kalender: Werkkalender) -> Decimal:
    """The hours of ``[van, tot]`` inside the window on working days, as an exact
    number: a measurement that only counts the window, such as SNO 2.8's availability
    of pre-production (working days 08:00-18:00). For a whole month pass
    ``*maand_grenzen(jaar, maand)``; for an outage, its begin and end."""
    return als_uren(kantooruren_tussen(van, tot, venster, kalender))


__all__ = [
    "BuitenKalender",
    "Kantoortijden",
    "Uren",
    "Werkkalender",
    "als_uren",
    "is_werkdag",
    "kantooruren_tussen",
    "klokuren_tussen",
    "maand_grenzen",
    "plus_kantooruren",
    "plus_klokuren",
    "plus_werkdagen",
    "uren_in_maand",
    "venster_uren",
    "werkdagen_tussen",
]
