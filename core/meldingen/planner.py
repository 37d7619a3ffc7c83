"""Reminders that are due by the calendar rather than by a request.

The worker calls :func:`plan` about once a minute (and ``afnemersportaal
herinneringen`` does once, for cron). Every reminder has a unique key, so running
it often, or on several workers at once, sends each reminder only once.
"""

from __future__ import annotations

from datetime import date

from core import tijd
from core.db import db


def plan(dag: date | None = None) -> int:
    """Write every reminder due on ``dag`` to the outbox; return how many."""
    from core.koppelvlakken import service as koppelvlakken
    from core.prognoses import service as prognoses

    dag = dag or tijd.vandaag()
    aantal = koppelvlakken.herinner(dag)
    aantal += prognoses.herinner(dag)
    db.session.commit()
    return aantal
