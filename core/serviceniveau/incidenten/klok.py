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
from datetime import date, datetime, timedelta
from enum import StrEnum

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


class Kantooruren(Uurklok):
    """The hours of the dienst's office window on working days (:mod:`core.werktijd`).

    :meth:`tussen` over a long span (an incident open for months, judged now) would walk
    every day; with a calendar of known years it instead sums the office time of the
    whole days from a running total over those years, built once per instance (a report
    makes one for all its incidents), and adds the two partial days at the ends. The
    answer is the same as :func:`core.werktijd.kantooruren_tussen`'s (a property test
    holds it to that).
    """

    #: Spans of fewer days than this are walked day by day.
    KORT = 4

    def __init__(self, venster: Kantoortijden, kalender: Werkkalender) -> None:
        self.venster, self.kalender = venster, kalender
        self._eerste: date | None = None
        self._vensters: list[tuple[datetime, datetime] | None] = []
        self._opgeteld: list[timedelta] = []

    def _totalen(self) -> bool:
        """Build the running total of office time per day, once; whether there is one."""
        if self._eerste is not None:
            return True
        jaren = self.kalender.jaren
        if jaren is None or not jaren:
            return False
        eerste, laatste = date(jaren.start, 1, 1), date(jaren.stop - 1, 12, 31)
        totaal, dag = timedelta(0), eerste
        self._opgeteld.append(totaal)
        while dag <= laatste:
            venster = self.venster.op(dag) if self.kalender.is_werkdag(dag) else None
            self._vensters.append(venster)
            if venster is not None:
                totaal += venster[1] - venster[0]
            self._opgeteld.append(totaal)
            dag += _DAG
        self._eerste = eerste
        return True

    def _deel(self, i: int, van: datetime, tot: datetime) -> timedelta:
        venster = self._vensters[i]
        if venster is None:
            return timedelta(0)
        return max(timedelta(0), min(venster[1], tot) - max(venster[0], van))

    def tussen(self, van: datetime, tot: datetime) -> timedelta:
        a, b = van.astimezone(AMSTERDAM).date(), tot.astimezone(AMSTERDAM).date()
        if tot < van or (b - a).days < self.KORT or not self._totalen():
            return kantooruren_tussen(van, tot, self.venster, self.kalender)
        i, j = (a - self._eerste).days, (b - self._eerste).days
        if i < 0 or j >= len(self._vensters):
            return kantooruren_tussen(van, tot, self.venster, self.kalender)  # raises
        heel = self._opgeteld[j] - self._opgeteld[i + 1]  # the days between a and b
        return self._deel(i, van, tot) + heel + self._deel(j, van, tot)

    def plus(self, van: datetime, duur: timedelta) -> datetime:
        return plus_kantooruren(van, duur, self.venster, self.kalender)


def uurklok(soort: Uursoort, venster: Kantoortijden, kalender: Werkkalender) -> Uurklok:
    return Klokuren() if soort == Uursoort.KLOKUREN else Kantooruren(venster, kalender)


@dataclass(frozen=True)
class Stap:
    """One status step: the incident went to ``status`` at ``op``."""

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
        if _soort(stap.status) != _soort(status):
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


def _soort(status: Status) -> str:
    return "loopt" if status in LOPEND else (
        "pauze" if status == Status.WACHT_OP_AFNEMER else "gestopt")


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
