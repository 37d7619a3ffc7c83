"""``/kostenruns``: the stored cost runs, for Logius beheerders, who also start one
(``POST``: the same run as ``afnemersportaal kosten run --jaar N``)."""

from __future__ import annotations

import uuid

import marshmallow as ma
from flask import url_for
from flask.views import MethodView
from sqlalchemy import select

from core.api import Blueprint
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import commit
from core.api.schemas import Schema
from core.auth.middleware import current_principal
from core.config import API_PREFIX
from core.db import db
from core.errors import Problem
from core.kosten.models import Kostenrun, KostenrunRegel
from core.kosten.run import kostenrun, per_dienst, totalen_per_run
from core.kosten.schemas import KostenrunRegelArgs, KostenrunRegelSchema, KostenrunSchema
from core.tenancy import NIET_GEVONDEN, alleen_logius

blp = Blueprint(
    "kostenruns", __name__, url_prefix=f"{API_PREFIX}/kostenruns",
    description="Kostenruns: de kosten van alle afnemers over een jaar (alleen Logius)",
)


def _met_totalen(run: Kostenrun, totalen: list[tuple] | None = None) -> dict:
    """The run's fields plus its totals per dienst (summed from its stored lines)."""
    velden = {name: getattr(run, name) for name in KostenrunSchema().fields
              if name not in ("per_dienst", "valuta")}
    return {**velden, "per_dienst": per_dienst(run, totalen)}


def _run_of_404(kostenrun_id: uuid.UUID) -> Kostenrun:
    run = db.session.get(Kostenrun, kostenrun_id)
    if run is None:
        raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
    return run


class KostenrunStartSchema(Schema):
    jaar = ma.fields.Integer(required=True, validate=ma.validate.Range(min=2000, max=2100),
                             metadata={"description": "Het kalenderjaar om te berekenen",
                                       "example": 2027})


@blp.route("")
class Kostenruns(MethodView):
    @alleen_logius
    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(KostenrunSchema))
    def get(self, args):
        """Kostenruns, nieuwste eerst (alleen Logius-beheerder)

        Een kostenrun start met `POST /kostenruns` of `afnemersportaal kosten run --jaar N`.
        """
        pagina = paginate(select(Kostenrun).order_by(Kostenrun.gestart_op.desc(),
                                                      Kostenrun.id), args)
        totalen = totalen_per_run([run.id for run in pagina["resultaten"]])
        pagina["resultaten"] = [_met_totalen(run, totalen[run.id])
                                for run in pagina["resultaten"]]
        return pagina

    @alleen_logius
    @blp.arguments(KostenrunStartSchema)
    @blp.response(202, KostenrunSchema, headers={
        "Location": {"description": "Het adres van de kostenrun", "required": True,
                     "schema": {"type": "string", "format": "uri"}}})
    @blp.problems(403)
    def post(self, data):
        """Een kostenrun starten (alleen Logius-beheerder)

        Berekent de kosten van alle afnemers over het kalenderjaar en bewaart ze, zoals
        `afnemersportaal kosten run --jaar N`. Location wijst naar de run; `status` zegt
        hoe hij afliep: voltooid, of onvolledig met in `fouten` de afnemers die niet konden
        worden berekend (een ontbrekend tarief of btw-tarief). De regels staan in
        `.../regels`.
        """
        run = kostenrun(data["jaar"], door=current_principal().naam)
        commit()
        return _met_totalen(run), 202, {"Location": url_for(
            "kostenruns.KostenrunView", kostenrun_id=run.id, _external=True)}


@blp.route("/<uuid:kostenrun_id>")
class KostenrunView(MethodView):
    @alleen_logius
    @blp.response(200, KostenrunSchema)
    def get(self, kostenrun_id: uuid.UUID):
        """Eén kostenrun, met de totalen per dienst (alleen Logius-beheerder)"""
        return _met_totalen(_run_of_404(kostenrun_id))


class RegelArgs(PaginaArgs, KostenrunRegelArgs):
    pass


@blp.route("/<uuid:kostenrun_id>/regels")
class KostenrunRegels(MethodView):
    @alleen_logius
    @blp.arguments(RegelArgs, location="query")
    @blp.response(200, pagina_schema(KostenrunRegelSchema))
    def get(self, args, kostenrun_id: uuid.UUID):
        """De kostenregels van een kostenrun (alleen Logius-beheerder)"""
        run = _run_of_404(kostenrun_id)
        query = (select(KostenrunRegel).where(KostenrunRegel.kostenrun_id == run.id)
                 .order_by(KostenrunRegel.afnemer_id, KostenrunRegel.id))
        if args.get("afnemer_id"):
            query = query.where(KostenrunRegel.afnemer_id == args["afnemer_id"])
        if args.get("dienst"):
            query = query.where(KostenrunRegel.dienst == args["dienst"])
        return paginate(query, args)
