"""The answer deadline of questions as a SQL sort key, so a list sorts by it in the
database (on both backends) instead of reading every question.

A question is due ``werkdagen`` working days after the day it was asked
(:func:`.service.uiterlijk`). Number the working days of the calendar in order; the
working day ``n`` after a day ``d`` is the one numbered ``W(d) + n``, where ``W(d)`` is
the number of the last working day on or before ``d``. So the deadlines sort as
``W(day asked) + werkdagen`` does. ``W`` is looked up in a table of values: the start
of each working day (midnight in Europe/Amsterdam, in seconds since 1970) with its
number, from the same calendar the API's answer uses; ``werkdagen`` per dienst is a
second table of values from the diensten' service levels. A question of a dienst
without a service level has no key (NULL).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import Float, Integer, String, column, func, select, values
from sqlalchemy.sql.expression import ColumnElement

from core.db import db
from core.serviceniveau import meldregels
from core.serviceniveau.incidenten.volgorde import seconden
from core.serviceniveau.vragen.models import Vraag
from core.tijd import AMSTERDAM
from core.uitbreidingen.bijdragen import uitbreidingen

_DAG = timedelta(days=1)


def _werkdagrijen(van: datetime, nu: datetime) -> list[tuple[float, int]]:
    """(start of the day in seconds since 1970, its number) of every working day from a
    week before ``van``'s day to ``nu``'s day."""
    kalender = meldregels.werkkalender(van, nu)
    # A week back, so a question asked on a weekend finds the working day before it; but
    # not before the calendar's first day (a question may be dated back to it).
    dag = max(van.astimezone(AMSTERDAM).date() - 7 * _DAG, meldregels.VROEGST.date())
    laatste = max(nu, van).astimezone(AMSTERDAM).date()
    rijen, nummer = [], 0
    while dag <= laatste:
        if kalender.is_werkdag(dag):
            nummer += 1
            rijen.append((datetime.combine(dag, time(), AMSTERDAM).timestamp(), nummer))
        dag += _DAG
    return rijen


def uiterlijk_sleutel(vragen, nu: datetime) -> ColumnElement | None:
    """A key that sorts the question of the outer query's row by its answer deadline (a
    correlated scalar expression on :class:`Vraag`), for the questions ``vragen`` (a
    select of their ids); None when no question matches."""
    eerste = db.session.scalar(select(func.min(Vraag.gesteld_op)).where(Vraag.id.in_(vragen)))
    if eerste is None:
        return None
    termijnen = [(slug, sn.reactietermijn.werkdagen) for slug in uitbreidingen().met_serviceniveau()
                 if (sn := meldregels.serviceniveau(slug)) is not None]
    termijn = values(column("dienst", String), column("werkdagen", Integer),
                     name="reactietermijnen").data(termijnen or [("", 0)]).cte("reactietermijnen")
    werkdagen = values(column("begin", Float), column("nummer", Integer),
                       name="werkdagen").data(_werkdagrijen(eerste, nu)).cte("werkdagen")
    gesteld = seconden(Vraag.gesteld_op)
    nummer = func.coalesce(select(werkdagen.c.nummer).where(werkdagen.c.begin <= gesteld)
                           .order_by(werkdagen.c.begin.desc()).limit(1).scalar_subquery(), 0)
    n = select(termijn.c.werkdagen).where(termijn.c.dienst == Vraag.dienst).scalar_subquery()
    return nummer + n
