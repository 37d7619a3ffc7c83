"""The clock of an incident: its deadline and elapsed time, derived from its history.

Nothing here is stored. Given the moment an incident was reported, its status steps,
the resolution time of its current priority and how those hours count (clock hours, or
the dienst's office hours on working days), :func:`bereken` answers the deadline, the
elapsed and the paused time, and whether it was (or is already known to be) late. Pure
functions of their arguments: no database, no clock, no Flask.

The rules (the SNO is silent on pausing; these are the platform's):

- **The clock runs** from the report (``gemeld``) in the states ``gemeld`` and
  ``in-behandeling``.
- **Waiting on the afnemer pauses it**: time in ``wacht-op-afnemer`` is not counted, so
  the deadline moves by the paused span *in the same kind of hours*. Four paused hours on
  a Saturday move an office-hours deadline by nothing; four paused office hours move it
  by four office hours.
- **Resolving stops it** (``opgelost``, and ``gesloten`` after it). Reopening
  (``opgelost`` -> ``in-behandeling``) lets it run again; the resolution that counts is
  the last one.
- **In time** means the elapsed time at resolution is at most the resolution time. For
  office hours that is the office time elapsed: a resolution on a Saturday after a
  deadline of Friday 18:00 took no office hour more, so it is in time. An open incident
  is known to be late once its elapsed time exceeds the resolution time; until then it
  is pending (``None``).
- **The deadline** is the moment the elapsed time reaches the resolution time. While the
  clock runs it is fixed; while it is paused it is given as if the clock ran again now;
  after resolution it is the deadline as it stood when the incident was resolved.
- **A changed priority** (Logius changes impact or urgency) recomputes all of this from
  the report time with the new resolution time and kind of hours; the pauses stay where
  they were, since they are part of the history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from core.serviceniveau.typen import Uursoort
from core.tijd import AMSTERDAM
from core.werktijd import Kantoortijden, Werkkalender, kantooruren_tussen, plus_kantooruren

_DAG = timedelta(days=1)


class Status(StrEnum):
    GEMELD = "gemeld"
    IN_BEHANDELING = "in-behandeling"
    WACHT_OP_AFNEMER = "wacht-op-afnemer"
    OPGELOST = "opgelost"
    GESLOTEN = "gesloten"


#: The steps Logius may take from each status. ``opgelost`` -> ``in-behandeling`` is a
#: reopening (the fix did not hold); ``gesloten`` is final.
OVERGANGEN: dict[Status, tuple[Status, ...]] = {
    Status.GEMELD: (Status.IN_BEHANDELING, Status.WACHT_OP_AFNEMER, Status.OPGELOST),
    Status.IN_BEHANDELING: (Status.WACHT_OP_AFNEMER, Status.OPGELOST),
    Status.WACHT_OP_AFNEMER: (Status.IN_BEHANDELING, Status.OPGELOST),
    Status.OPGELOST: (Status.GESLOTEN, Status.IN_BEHANDELING),
    Status.GESLOTEN: (),
}

#: The states in which the clock runs.
LOPEND = frozenset({Status.GEMELD, Status.IN_BEHANDELING})
#: The states of a resolved incident.
OPGELOST = frozenset({Status.OPGELOST, Status.GESLOTEN})


class Uurklok:
    """How hours of one kind are counted: :meth:`tussen` two moments and :meth:`plus`
    a duration from a moment."""

    def tussen(self, van: datetime, tot: datetime) -> timedelta:  # pragma: no cover
        raise NotImplementedError

    def plus(self, van: datetime, duur: timedelta) -> datetime:  # pragma: no cover
        raise NotImplementedError


class Klokuren(Uurklok):
    """Every hour, day and night, counted in UTC (the night the clocks change counts its
    real hours)."""

    def tussen(self, van: datetime, tot: datetime) -> timedelta:
        return tot - van

    def plus(self, van: datetime, duur: timedelta) -> datetime:
        return van + duur


@dataclass(frozen=True)
class _Dagtabel:
    """The office window of every day of a calendar's years, in UTC (``None`` on a day
    that is no working day), and the office time of all days before each one."""

    eerste: date
    vensters: tuple[tuple[datetime, datetime] | None, ...]
    opgeteld: tuple[timedelta, ...]


@lru_cache(maxsize=16)
def _dagtabel(venster: Kantoortijden, kalender: Werkkalender) -> _Dagtabel | None:
    """Built once per window and calendar (a calendar read again equals the one before)."""
    jaren = kalender.jaren
    if jaren is None or not jaren:
        return None
    eerste, laatste = date(jaren.start, 1, 1), date(jaren.stop - 1, 12, 31)
    vensters: list[tuple[datetime, datetime] | None] = []
    opgeteld, totaal, dag = [timedelta(0)], timedelta(0), eerste
    while dag <= laatste:
        dagvenster = venster.op(dag) if kalender.is_werkdag(dag) else None
        vensters.append(dagvenster)
        if dagvenster is not None:
            totaal += dagvenster[1] - dagvenster[0]
        opgeteld.append(totaal)
        dag += _DAG
    return _Dagtabel(eerste, tuple(vensters), tuple(opgeteld))


class Kantooruren(Uurklok):
    """The hours of the dienst's office window on working days (:mod:`core.werktijd`).

    With a calendar of known years, it reads each day's window from a table of those
    years (built once per window and calendar) instead of placing the window on the day
    again, and sums whole days between two moments from a running total: an incident
    open for months, judged now, costs no walk over its days. The answers are those of
    :func:`core.werktijd.kantooruren_tussen` and :func:`~core.werktijd.plus_kantooruren`
    (property tests hold them to that); outside the table's years it leaves the work to
    those functions, which raise :class:`core.werktijd.BuitenKalender`.
    """

    def __init__(self, venster: Kantoortijden, kalender: Werkkalender) -> None:
        self.venster, self.kalender = venster, kalender
        self._tabel = _dagtabel(venster, kalender)

    def _index(self, moment: datetime) -> int | None:
        if self._tabel is None:
            return None
        i = (moment.astimezone(AMSTERDAM).date() - self._tabel.eerste).days
        return i if 0 <= i < len(self._tabel.vensters) else None

    def _deel(self, i: int, van: datetime, tot: datetime) -> timedelta:
        venster = self._tabel.vensters[i]
        if venster is None:
            return timedelta(0)
        return max(timedelta(0), min(venster[1], tot) - max(venster[0], van))

    def tussen(self, van: datetime, tot: datetime) -> timedelta:
        i, j = self._index(van), self._index(tot)
        if tot < van or i is None or j is None:
            return kantooruren_tussen(van, tot, self.venster, self.kalender)
        if i == j:
            return self._deel(i, van, tot)
        heel = self._tabel.opgeteld[j] - self._tabel.opgeteld[i + 1]  # the days between
        return self._deel(i, van, tot) + heel + self._deel(j, van, tot)

    def plus(self, van: datetime, duur: timedelta) -> datetime:
        i = self._index(van)
        if i is None or duur < timedelta(0):
            return plus_kantooruren(van, duur, self.venster, self.kalender)
        cursor, rest = van.astimezone(UTC), duur
        if not rest:
            return cursor
        vensters = self._tabel.vensters
        while i < len(vensters):
            venster = vensters[i]
            if venster is not None:
                start = max(venster[0], cursor)
                if start < venster[1]:
                    if rest <= venster[1] - start:
                        return start + rest
                    rest -= venster[1] - start
            i += 1
        return plus_kantooruren(van, duur, self.venster, self.kalender)  # past the table


def uurklok(soort: Uursoort, venster: Kantoortijden, kalender: Werkkalender) -> Uurklok:
    return Klokuren() if soort == Uursoort.KLOKUREN else Kantooruren(venster, kalender)


class Stap(NamedTuple):
    """One status step: the incident went to ``status`` at ``op``. (A tuple: a report
    makes hundreds of thousands.)"""

    status: Status
    op: datetime


@dataclass(frozen=True)
class Klok:
    """What the history says about an incident's time (see the module docstring)."""

    oplossen_uiterlijk: datetime
    #: The clock runs now (not paused, not resolved).
    loopt: bool
    verstreken: timedelta
    gepauzeerd: timedelta
    #: Resolution time minus elapsed time; negative once it is exceeded.
    resterend: timedelta
    #: The last resolution, when the incident is resolved now.
    opgelost_op: datetime | None
    #: True or False once it is known; ``None`` while open and not (yet) late.
    binnen_termijn: bool | None


def trajecten(gemeld_op: datetime, stappen: Iterable[Stap]
              ) -> tuple[list[tuple[datetime, datetime | None]],
                         list[tuple[datetime, datetime | None]], Status, datetime]:
    """The stretches in which the clock ran and those in which it was paused, the status
    now and the moment of the last step. The last stretch of either kind may be open
    (``None``): that is where the incident is now. Steps come in the order they were
    taken; a step to the same kind of state (``gemeld`` -> ``in-behandeling``) continues
    the stretch."""
    lopend: list[tuple[datetime, datetime | None]] = []
    pauzes: list[tuple[datetime, datetime | None]] = []
    status, sinds = Status.GEMELD, gemeld_op
    for stap in stappen:
        if stap.op < sinds:
            raise ValueError(f"stap naar {stap.status} op {stap.op} ligt voor de vorige")
        if _SOORT[stap.status] != _SOORT[status]:
            if status in LOPEND:
                lopend.append((sinds, stap.op))
            elif status == Status.WACHT_OP_AFNEMER:
                pauzes.append((sinds, stap.op))
            sinds = stap.op
        status = stap.status
    if status in LOPEND:
        lopend.append((sinds, None))
    elif status == Status.WACHT_OP_AFNEMER:
        pauzes.append((sinds, None))
    return lopend, pauzes, status, sinds


#: Whether the clock runs, is paused or has stopped, per status.
_SOORT = {status: "loopt" if status in LOPEND else (
    "pauze" if status == Status.WACHT_OP_AFNEMER else "gestopt") for status in Status}


def bereken(gemeld_op: datetime, stappen: Sequence[Stap], oplostijd: timedelta,
            klok: Uurklok, nu: datetime) -> Klok:
    """The incident's clock at ``nu``: see the module docstring for the rules."""
    lopend, pauzes, status, sinds = trajecten(gemeld_op, stappen)
    rest = oplostijd
    verstreken = timedelta(0)
    uiterlijk: datetime | None = None
    open_sinds: datetime | None = None
    for van, tot in lopend:
        if tot is None:
            open_sinds = van
            break
        deel = klok.tussen(van, tot)
        if uiterlijk is None and deel >= rest:
            uiterlijk = klok.plus(van, rest)
        rest -= deel
        verstreken += deel
    if open_sinds is not None:  # running now
        if uiterlijk is None:
            uiterlijk = klok.plus(open_sinds, rest)
        verstreken += klok.tussen(open_sinds, max(nu, open_sinds))
    elif uiterlijk is None:
        # Paused: as if it ran again now. Resolved: as it stood at the resolution.
        anker = max(nu, sinds) if status == Status.WACHT_OP_AFNEMER else sinds
        uiterlijk = klok.plus(anker, rest)
    gepauzeerd = sum((klok.tussen(van, max(nu, van) if tot is None else tot)
                      for van, tot in pauzes), timedelta(0))
    opgelost_op = _laatste_oplossing(stappen) if status in OPGELOST else None
    te_laat = verstreken > oplostijd
    if opgelost_op is not None:
        binnen: bool | None = not te_laat
    else:
        binnen = False if te_laat else None
    return Klok(oplossen_uiterlijk=uiterlijk, loopt=open_sinds is not None,
                verstreken=verstreken, gepauzeerd=gepauzeerd,
                resterend=oplostijd - verstreken, opgelost_op=opgelost_op,
                binnen_termijn=binnen)


def _laatste_oplossing(stappen: Sequence[Stap]) -> datetime | None:
    return next((s.op for s in reversed(stappen) if s.status == Status.OPGELOST), None)


def jaren(gemeld_op: datetime, nu: datetime) -> tuple[int, int]:
    """The calendar years an office-hours clock may need, from the report to a year past
    ``nu`` (a deadline late in December runs into January): for ``kalender(van, tot)``."""
    return gemeld_op.year, max(nu.year, gemeld_op.year) + 1


__all__ = ["Klok", "Kantooruren", "Klokuren", "LOPEND", "OPGELOST", "OVERGANGEN", "Stap",
           "Status", "Uurklok", "bereken", "jaren", "trajecten", "uurklok"]
