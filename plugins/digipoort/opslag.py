"""The periods of individuele begeleiding as a cost calculation reads them.

Core's cost engine loads everything up front and then asks ``dienst_kosten`` per
aansluiting; in a cost run the lines stream into the database while they are computed
(``COPY`` on PostgreSQL), so the session's connection is busy then. The periods are
therefore read once per calculation, on the first question, and kept with that
calculation's :class:`~core.sdk.Tarieven` (a new object per calculation): on
PostgreSQL over a connection of their own (the periods were committed by the requests
that recorded them), elsewhere through the session.
"""

from __future__ import annotations

import uuid
import weakref
from datetime import date

from flask import has_app_context
from sqlalchemy import select

from core.sdk import Tarieven
from core.sdk.db import db

from .models import Begeleidingsperiode

Perioden = dict[uuid.UUID, list[tuple[date, date]]]

#: Per calculation (the id of its Tarieven, dropped with it): the periods of its year.
_per_berekening: dict[int, Perioden] = {}


def perioden(tarieven: Tarieven, aansluiting_id: uuid.UUID) -> list[tuple[date, date]]:
    """``(startmail, tot)`` of the aansluiting's periods whose startmail falls in the
    calculation's year, in order."""
    if not has_app_context():
        return []
    sleutel = id(tarieven)
    geladen = _per_berekening.get(sleutel)
    if geladen is None:
        geladen = _per_berekening[sleutel] = _laad(tarieven.jaar)
        weakref.finalize(tarieven, _per_berekening.pop, sleutel, None)
    return geladen.get(aansluiting_id, [])


def _laad(jaar: int) -> Perioden:
    rij = Begeleidingsperiode
    statement = (select(rij.aansluiting_id, rij.startmail, rij.tot)
                 .where(rij.startmail >= date(jaar, 1, 1), rij.startmail <= date(jaar, 12, 31))
                 .order_by(rij.aansluiting_id, rij.startmail))
    uit: Perioden = {}
    if db.session.get_bind().dialect.name == "postgresql":
        with db.engine.connect() as verbinding:
            rijen = verbinding.execute(statement).all()
    else:
        rijen = db.session.execute(statement).all()
    for aansluiting_id, startmail, tot in rijen:
        uit.setdefault(aansluiting_id, []).append((startmail, tot))
    return uit
