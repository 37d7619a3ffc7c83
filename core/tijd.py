"""Time rules: store UTC, judge days in Europe/Amsterdam (DOMAIN.md, 'Reading periods')."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.db import utcnow

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def vandaag() -> date:
    """Today's date in the Netherlands."""
    return utcnow().astimezone(AMSTERDAM).date()


def lokaal(moment: datetime) -> datetime:
    return moment.astimezone(AMSTERDAM)


def plus_maanden(dag: date, maanden: int) -> date:
    """Calendar months: keep the day number, clamped to the target month's last day."""
    index = dag.month - 1 + maanden
    jaar, maand = dag.year + index // 12, index % 12 + 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))
