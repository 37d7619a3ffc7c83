"""Time rules: store UTC, judge days in Europe/Amsterdam (DOMAIN.md, 'Reading periods').

A period of calendar months keeps the day number and is clamped to the last day of
the target month: 31 January plus one month is 28 (or 29) February. Every rule that
counts months (AV 2.8, AV 13.1, AV 13.2, MO 8.1, MO 8.2) goes through
:func:`plus_termijn`, so they all read periods the same way.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from core.types import Eenheid, Termijn

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def utcnow() -> datetime:
    """Now, aware, in UTC: what is stored (:mod:`core.db` uses this one too)."""
    return datetime.now(UTC)


def vandaag() -> date:
    """Today's date in the Netherlands."""
    return utcnow().astimezone(AMSTERDAM).date()


def lokaal(moment: datetime) -> datetime:
    return moment.astimezone(AMSTERDAM)


def plus_maanden(dag: date, maanden: int) -> date:
    """Calendar months: keep the day number, clamped to the target month's last day.

    ``maanden`` may be negative (counting back).
    """
    index = dag.month - 1 + maanden
    jaar, maand = dag.year + index // 12, index % 12 + 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def plus_termijn(dag: date, termijn: Termijn) -> date:
    """``dag`` plus a period of calendar months or calendar days."""
    if termijn.eenheid == Eenheid.KALENDERMAANDEN:
        return plus_maanden(dag, termijn.aantal)
    if termijn.eenheid == Eenheid.KALENDERDAGEN:
        return dag + timedelta(days=termijn.aantal)
    raise ValueError(f"een termijn van {termijn} is geen aantal kalenderdagen of -maanden")


def min_termijn(dag: date, termijn: Termijn) -> date:
    """The latest date from which ``termijn`` still reaches ``dag``.

    For months that is ``dag`` minus the months, clamped: 31 May minus three months is
    28 (or 29) February, because 1 March plus three months is already 1 June.
    """
    if termijn.eenheid == Eenheid.KALENDERMAANDEN:
        return plus_maanden(dag, -termijn.aantal)
    if termijn.eenheid == Eenheid.KALENDERDAGEN:
        return dag - timedelta(days=termijn.aantal)
    raise ValueError(f"een termijn van {termijn} is geen aantal kalenderdagen of -maanden")


_NAMEN = {
    Eenheid.KALENDERMAANDEN: ("kalendermaand", "kalendermaanden"),
    Eenheid.KALENDERDAGEN: ("kalenderdag", "kalenderdagen"),
    Eenheid.WERKDAGEN: ("werkdag", "werkdagen"),
    Eenheid.UREN: ("uur", "uur"),
    Eenheid.KANTOORUREN: ("kantooruur", "kantooruren"),
}


def beschrijf(termijn: Termijn) -> str:
    """A period as a reader says it: '1 kalendermaand', '3 kalendermaanden'."""
    enkel, meer = _NAMEN[termijn.eenheid]
    return f"{termijn.aantal} {enkel if termijn.aantal == 1 else meer}"


def iso(dag: date | datetime | None) -> str | None:
    """A date or aware timestamp as ISO 8601 text (event data, messages)."""
    return None if dag is None else dag.isoformat()
