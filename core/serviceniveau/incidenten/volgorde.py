"""The time left of incidents as a SQL expression, so a list sorts by it in the database.

:mod:`.klok` derives an incident's clock in Python from its history; a queue that wants
the incidents with the least time left first cannot read every incident to sort them.
This module says the same rule in SQL, on both backends, for one statement:

- the **resolution time** of each (dienst, omgeving, prioriteit), in seconds, and the
  office window it counts in (none for clock hours), as a table of values from the
  diensten's service levels;
- the **stretches** of each incident: from its report (``gemeld``) and from each status
  step to the next one (or to now); the clock runs in those whose status is ``gemeld``
  or ``in-behandeling`` (:data:`.klok.LOPEND`);
- the **elapsed time** of a stretch: its seconds for clock hours; for office hours the
  office time in it, ``K(tot) - K(van)``, where ``K(t)`` is the office time of the
  calendar up to ``t``: the office time of the days before the day of the last window
  that began at or before ``t``, plus the part of that window before ``t``. The windows
  (in UTC, per working day) and their running totals come from the same table
  :class:`.klok.Kantooruren` reads (:func:`.klok._dagtabel`), as a table of values.

The time left is the resolution time minus the elapsed time (negative once it is
exceeded), as :attr:`.klok.Klok.resterend` says it; NULL for an incident whose dienst
gives no resolution time for its omgeving and priority. Tests hold the order to the
clock's ``resterendeUren``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import (
    Float,
    Integer,
    String,
    and_,
    case,
    column,
    func,
    literal,
    select,
    union_all,
    values,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from core.db import db
from core.serviceniveau import meldregels
from core.serviceniveau.incidenten import klok
from core.serviceniveau.incidenten.models import Incident, IncidentStap
from core.serviceniveau.typen import Uursoort
from core.uitbreidingen.bijdragen import uitbreidingen

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class seconden(FunctionElement):  # noqa: N801 (a SQL function)
    """Seconds since 1970 of a stored UTC moment."""

    type = Float()
    inherit_cache = True


@compiles(seconden, "sqlite")
def _seconden_sqlite(element, compiler, **kw):
    return f"((julianday({compiler.process(element.clauses, **kw)}) - 2440587.5) * 86400.0)"


@compiles(seconden)
def _seconden_postgresql(element, compiler, **kw):
    return f"EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)})"


def _sec(moment: datetime) -> float:
    return (moment - _EPOCH) / timedelta(seconds=1)


def _oplostijden() -> tuple[list[tuple], dict]:
    """Rows (dienst, omgeving, prioriteit, seconds, window number or -1) and the office
    windows by number."""
    rijen: list[tuple] = []
    vensters: dict = {}
    for slug in uitbreidingen().met_serviceniveau():
        sn = meldregels.serviceniveau(slug)
        for o in sn.oplostijden if sn else ():
            nummer = -1
            if o.soort == Uursoort.KANTOORUREN:
                nummer = vensters.setdefault(sn.kantooruren, len(vensters))
            rijen.append((slug, o.omgeving, o.prioriteit, float(o.uren * 3600), nummer))
    return rijen, vensters


def _kalenderrijen(vensters: dict, van: datetime, nu: datetime) -> list[tuple]:
    """Rows (window number, begin, end, office seconds before) of every working day from
    ``van``'s day to the day after ``nu``."""
    if not vensters:
        return []
    kalender = meldregels.werkkalender(van, nu)
    rijen = []
    for venster, nummer in vensters.items():
        tabel = klok._dagtabel(venster, kalender)
        if tabel is None:
            continue
        eerste = max(0, (van.astimezone(klok.AMSTERDAM).date() - tabel.eerste).days - 1)
        laatste = min(len(tabel.vensters),
                      (nu.astimezone(klok.AMSTERDAM).date() - tabel.eerste).days + 2)
        for i in range(eerste, laatste):
            dag = tabel.vensters[i]
            if dag is not None:
                rijen.append((nummer, _sec(dag[0]), _sec(dag[1]),
                              tabel.opgeteld[i] / timedelta(seconds=1)))
    return rijen


def resterend(incidenten, nu: datetime) -> ColumnElement | None:
    """The time left in seconds of the incident of the outer query's row (a correlated
    scalar subquery on :class:`Incident`), computed for the incidents ``incidenten`` (a
    select of their ids) at ``nu``; None when no incident matches."""
    eerste = db.session.scalar(select(func.min(Incident.gemeld_op)).where(
        Incident.id.in_(incidenten)))
    if eerste is None:
        return None
    rijen, vensters = _oplostijden()
    oplos = values(column("dienst", String), column("omgeving", String),
                   column("prioriteit", Integer), column("seconden", Float),
                   column("venster", Integer), name="oplostijden").data(
        rijen or [("", "", 0, 0.0, -1)]).cte("oplostijden")
    kalender = values(column("venster", Integer), column("begin", Float),
                      column("eind", Float), column("voor", Float), name="kantoordagen").data(
        _kalenderrijen(vensters, eerste, nu) or [(-2, 0.0, 0.0, 0.0)]).cte("kantoordagen")

    punten = union_all(
        select(Incident.id.label("incident_id"), Incident.gemeld_op.label("op"),
               literal(klok.Status.GEMELD.value).label("status"), literal(0).label("volg"))
        .where(Incident.id.in_(incidenten)),
        select(IncidentStap.incident_id, IncidentStap.op, IncidentStap.status,
               IncidentStap.volgnummer)
        .where(IncidentStap.soort == "status", IncidentStap.incident_id.in_(incidenten)),
    ).subquery("punten")
    van = seconden(punten.c.op)
    stukken = select(
        punten.c.incident_id, punten.c.status, van.label("van"),
        func.lead(van).over(partition_by=punten.c.incident_id,
                            order_by=punten.c.volg).label("tot"),
    ).subquery("stukken")

    tot = func.coalesce(stukken.c.tot, case((stukken.c.van > _sec(nu), stukken.c.van),
                                            else_=_sec(nu)))
    verstreken = case(
        (oplos.c.venster < 0, tot - stukken.c.van),
        else_=_kantoortijd(kalender, oplos.c.venster, tot)
        - _kantoortijd(kalender, oplos.c.venster, stukken.c.van))
    lopend = [s.value for s in klok.LOPEND]
    per_incident = (
        select(stukken.c.incident_id.label("incident_id"),
               (func.max(oplos.c.seconden) - func.coalesce(func.sum(case(
                   (stukken.c.status.in_(lopend), verstreken), else_=0.0)), 0.0)
                ).label("resterend"))
        .select_from(stukken)
        .join(Incident, Incident.id == stukken.c.incident_id)
        .join(oplos, and_(oplos.c.dienst == Incident.dienst,
                          oplos.c.omgeving == Incident.omgeving,
                          oplos.c.prioriteit == Incident.prioriteit))
        .group_by(stukken.c.incident_id)
    ).cte("resterend")
    return (select(per_incident.c.resterend)
            .where(per_incident.c.incident_id == Incident.id)
            .scalar_subquery())


def _kantoortijd(kalender, venster, moment) -> ColumnElement:
    """K(moment): the office time of the window ``venster`` up to ``moment``."""
    binnen = case((moment >= kalender.c.eind, kalender.c.eind - kalender.c.begin),
                  else_=moment - kalender.c.begin)
    return func.coalesce(
        select(kalender.c.voor + binnen)
        .where(kalender.c.venster == venster, kalender.c.begin <= moment)
        .order_by(kalender.c.begin.desc()).limit(1).scalar_subquery(), 0.0)
