"""Reminders that are due by the calendar rather than by a request.

The worker calls :func:`plan` about once a minute (and ``afnemersportaal
herinneringen`` does once, for cron). Every reminder has a unique key, so running
it often, or on several workers at once, sends each reminder only once.

The sources are core's own (:data:`BRONNEN`: koppelvlak sunsets and prognoses, each
a ``module:function`` that writes its reminders and says how many) and every plugin
that implements ``dienst_herinneringen``; the planner sends the reminders a plugin
hands back, once per key.
"""

from __future__ import annotations

import uuid
from datetime import date
from importlib import import_module

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core import tijd
from core.db import db

#: Core's reminder sources: ``module:function(dag) -> int``.
BRONNEN = ("core.koppelvlakken.service:herinner", "core.prognoses.service:herinner",
           "core.intermediairs.service:meld_verlopen")

#: The deadlines of the steps of aansluitingen' onboarding routes.
BRONNEN += ("core.aansluitroutes.service:herinner",)


def _bron(naam: str):
    module, functie = naam.split(":")
    return getattr(import_module(module), functie)


def plan(dag: date | None = None) -> int:
    """Write every reminder due on ``dag`` to the outbox; return how many."""
    dag = dag or tijd.vandaag()
    aantal = sum(_bron(naam)(dag) for naam in BRONNEN)
    aantal += _plugins(dag)
    db.session.commit()
    return aantal


def eenmalig(sleutel: str) -> bool:
    """Claim the reminder ``sleutel``: ``True`` the first time, ``False`` when it was
    sent already (also by another worker at the same moment: the unique key decides)."""
    from core.koppelvlakken.models import Herinnering

    if db.session.execute(select(Herinnering.id).where(Herinnering.sleutel == sleutel)
                          ).scalar() is not None:
        return False
    try:
        with db.session.begin_nested():  # another worker may be at it too
            db.session.add(Herinnering(id=uuid.uuid4(), sleutel=sleutel))
    except IntegrityError:
        return False
    return True


def _plugins(dag: date) -> int:
    from core.meldingen.outbox import publiceer
    from core.uitbreidingen.bijdragen import uitbreidingen

    aantal = 0
    for slug, herinnering in uitbreidingen().herinneringen(dag):
        if not eenmalig(f"dienst:{slug}:{herinnering.sleutel}"):
            continue
        publiceer(type=herinnering.type, afnemer_id=herinnering.afnemer_id,
                  onderwerp=herinnering.onderwerp, tekst=herinnering.tekst,
                  data=dict(herinnering.data))
        aantal += 1
    return aantal
