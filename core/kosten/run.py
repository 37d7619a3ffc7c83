"""A cost run: every afnemer's costs of one calendar year, computed at once and stored.

The usage of all afnemers comes from one aggregate query, the tariffs and BTW rate of
the year are read once; each afnemer is then computed in memory and its lines are
written in bulk (``COPY`` on PostgreSQL). An afnemer whose costs cannot be computed (a tariff or the BTW rate is
missing) is recorded in ``fouten`` and the run is ``onvolledig``; the others are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import func, select

from core.afnemers.models import Afnemer
from core.db import bulk_laden, db, utcnow
from core.errors import Problem
from core.kosten.afronding import NUL, Bedragen
from core.kosten.berekening import Rekenaar, kosten_aansluitingen, met_verbruik
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
    run = Kostenrun(jaar=jaar, status="bezig", door=door, gestart_op=utcnow(), fouten=[])
    db.session.add(run)
    db.session.flush()
    afnemers = db.session.execute(select(Afnemer.id, Afnemer.naam).order_by(Afnemer.naam,
                                                                            Afnemer.id)).all()
    aansluitingen = kosten_aansluitingen()
    totalen = verbruik.totalen(periode)
    voorcalculaties = verbruik.voorcalculaties(jaar)
    rekenaar = Rekenaar(jaar)
    regels: list[dict] = []
    fouten: list[dict] = []
    som = NUL
    for afnemer_id, naam in afnemers:
        eigen = [k for _, k in aansluitingen.get(afnemer_id, [])]
        try:
            overzicht = rekenaar.overzicht(afnemer_id, met_verbruik(eigen, totalen,
                                                                    voorcalculaties),
                                           periode, Berekening.WERKELIJK)
        except Problem as exc:
            fouten.append({"afnemerId": str(afnemer_id), "afnemer": naam, "reden": exc.detail})
            voortgang(1)
            continue
        som = som + overzicht.totaal
        regels += [{
            "kostenrun_id": run.id, "afnemer_id": afnemer_id,
            "aansluiting_id": r.aansluiting_id, "dienst": r.dienst, "code": r.code,
            "metriek": r.metriek, "omschrijving": r.omschrijving, "artikel": r.artikel,
            "hoeveelheid": r.hoeveelheid, "eenheid": r.eenheid, "tarief": r.tarief,
            "inclusief_btw": r.inclusief_btw, "bedrag_excl_btw": r.bedrag_excl_btw,
            "btw": r.btw, "bedrag_incl_btw": r.bedrag_incl_btw,
        } for r in overzicht.regels]
        voortgang(1)
    # Derived lines, many of them: COPY on PostgreSQL (an INSERT per 1,000 rows was
    # most of the run's time), executemany on SQLite.
    bulk_laden(KostenrunRegel.__table__, KOLOMMEN, (tuple(r[k] for k in KOLOMMEN)
                                                    for r in regels))
    run.status = "onvolledig" if fouten else "voltooid"
    run.fouten = fouten
    run.aantal_afnemers = len(afnemers) - len(fouten)
    run.aantal_regels = len(regels)
    run.totaal_excl_btw, run.totaal_btw, run.totaal_incl_btw = (
        som.excl_btw, som.btw, som.incl_btw)
    run.afgerond_op = utcnow()
    return run


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
