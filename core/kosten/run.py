"""A cost run: every afnemer's costs of one calendar year, computed at once and stored.

The usage of all afnemers comes from one aggregate query, the tariffs and BTW rate of
the year are read once; each afnemer is then computed in memory and its lines are
written in bulk (``COPY`` on PostgreSQL). An afnemer whose costs cannot be computed (a
tariff or the BTW rate is missing) is recorded in ``fouten`` and the run is
``onvolledig``; the others are kept.

The aggregate is most of the database's part of the run, and reading the aansluitingen
most of Python's: when the session has no transaction of its own yet (so there is
nothing uncommitted a second connection could miss), the aggregate runs on a connection
of its own in a thread while the aansluitingen are read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal

from flask import Flask, current_app
from sqlalchemy import func, select

from core.afnemers.models import Afnemer
from core.db import bulk_laden, db, utcnow
from core.errors import Problem
from core.kosten.afronding import NUL, Bedragen
from core.kosten.berekening import Rekenaar, kosten_feiten, met_verbruik
from core.kosten.models import Kostenrun, KostenrunRegel
from core.types import Berekening, Periode
from core.verbruik import service as verbruik

KOLOMMEN = ("kostenrun_id", "afnemer_id", "aansluiting_id", "dienst", "code", "metriek",
            "omschrijving", "artikel", "hoeveelheid", "eenheid", "tarief", "inclusief_btw",
            "bedrag_excl_btw", "btw", "bedrag_incl_btw")


def aantal_afnemers() -> int:
    return db.session.execute(select(func.count(Afnemer.id))).scalar_one()


def kostenrun(jaar: int, door: str, voortgang: Callable[[int], None] = lambda _n: None
              ) -> Kostenrun:
    """Compute and store the run; ``voortgang(1)`` is called after every afnemer."""
    periode = Periode.kalenderjaar(jaar)
    with ThreadPoolExecutor(max_workers=1) as ernaast:
        totalen_later: Future | None = None
        if not db.session.in_transaction():
            totalen_later = ernaast.submit(_in_eigen_context,
                                           current_app._get_current_object(), periode)
        run = Kostenrun(jaar=jaar, status="bezig", door=door, gestart_op=utcnow(), fouten=[])
        db.session.add(run)
        db.session.flush()
        afnemers = db.session.execute(select(Afnemer.id, Afnemer.naam)
                                      .order_by(Afnemer.naam, Afnemer.id)).all()
        aansluitingen = kosten_feiten()
        voorcalculaties = verbruik.voorcalculaties(jaar)
        rekenaar = Rekenaar(jaar)
        totalen = (verbruik.totalen(periode) if totalen_later is None
                   else totalen_later.result())
    fouten: list[dict] = []
    som = NUL

    def regels() -> Iterator[tuple]:
        """Every afnemer's lines, in the order of KOLOMMEN, computed as they are loaded."""
        nonlocal som
        for afnemer_id, naam in afnemers:
            eigen = aansluitingen.get(afnemer_id, [])
            try:
                overzicht = rekenaar.overzicht(afnemer_id, met_verbruik(eigen, totalen,
                                                                        voorcalculaties),
                                               periode, Berekening.WERKELIJK)
            except Problem as exc:
                fouten.append({"afnemerId": str(afnemer_id), "afnemer": naam,
                               "reden": exc.detail})
                voortgang(1)
                continue
            som = som + overzicht.totaal
            for r in overzicht.regels:
                yield (run.id, afnemer_id, r.aansluiting_id, r.dienst, r.code, r.metriek,
                       r.omschrijving, r.artikel, r.hoeveelheid, r.eenheid, r.tarief,
                       r.inclusief_btw, r.bedrag_excl_btw, r.btw, r.bedrag_incl_btw)
            voortgang(1)

    # Derived lines, many of them: COPY on PostgreSQL (an INSERT per 1,000 rows was most
    # of the run's time), executemany on SQLite. The COPY is open while the lines are
    # computed, so the database stores one batch while Python computes the next; nothing
    # in the calculation reads the database (it was all loaded above).
    aantal_regels = bulk_laden(KostenrunRegel.__table__, KOLOMMEN, regels())
    run.status = "onvolledig" if fouten else "voltooid"
    run.fouten = fouten
    run.aantal_afnemers = len(afnemers) - len(fouten)
    run.aantal_regels = aantal_regels
    run.totaal_excl_btw, run.totaal_btw, run.totaal_incl_btw = (
        som.excl_btw, som.btw, som.incl_btw)
    run.afgerond_op = utcnow()
    return run


def _in_eigen_context(app: Flask, periode: Periode) -> verbruik.Totalen:
    """The usage totals, read in an app context (and so a session) of their own."""
    with app.app_context():
        return verbruik.totalen(periode)


def totalen_per_dienst(run: Kostenrun) -> list[tuple]:
    """(dienst, excl, btw, incl) of a stored run, from its lines."""
    return totalen_per_run([run.id]).get(run.id, [])


def totalen_per_run(run_ids: list) -> dict:
    """Per run: [(dienst, excl, btw, incl)], for many runs in one grouped query."""
    uit: dict = {run_id: [] for run_id in run_ids}
    if not run_ids:
        return uit
    for run_id, dienst, excl, btw, incl in db.session.execute(
            select(KostenrunRegel.kostenrun_id, KostenrunRegel.dienst,
                   func.sum(KostenrunRegel.bedrag_excl_btw), func.sum(KostenrunRegel.btw),
                   func.sum(KostenrunRegel.bedrag_incl_btw))
            .where(KostenrunRegel.kostenrun_id.in_(run_ids))
            .group_by(KostenrunRegel.kostenrun_id, KostenrunRegel.dienst)
            .order_by(KostenrunRegel.kostenrun_id, KostenrunRegel.dienst)):
        uit[run_id].append((dienst, Decimal(excl), Decimal(btw), Decimal(incl)))
    return uit


def per_dienst(run: Kostenrun, totalen: list[tuple] | None = None) -> list[dict]:
    totalen = totalen_per_dienst(run) if totalen is None else totalen
    return [{"dienst": dienst, "totaal": Bedragen(excl, btw, incl)}
            for dienst, excl, btw, incl in totalen]
