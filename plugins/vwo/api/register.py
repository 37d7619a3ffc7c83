"""``/afnemers/{afnemerId}/vwo-overeenkomsten/{overeenkomstId}/verwerkingen``: Bijlage 1
tabel 1, the processings Logius performs for the gemeente, and only those (VWO 3.2).

Every change is a new version (``POST .../versies``, the whole processing as it is
from the day it applies) and earlier versions stay readable (``GET .../versies``, or the
whole register on a day with ``?peildatum=``). A
transfer outside the EER needs an instrument, instruments 3 to 6 need additional
measures, and a new transfer is announced to the gemeente's privacy contact before it
starts (VWO 4.3). The register comes as JSON or, with ``Accept: text/csv``, as CSV.
"""

from __future__ import annotations

import csv
import io
import uuid

from flask import Response, request, url_for
from flask.views import MethodView
from sqlalchemy import select

from core.sdk.api import (
    PaginaArgs,
    Problem,
    afnemer_blueprint,
    check_if_match,
    commit,
    db,
    pagina_schema,
    paginate,
    tenant_get_or_404,
)

from .. import register as reg
from .. import weergave
from ..dienst import SLUG
from ..models import Overeenkomst, Verwerking, Verwerkingsversie
from ..schemas import RegisterArgs, VerwerkingSchema
from .gedeeld import door, met_versie, moment, vandaag

blp = afnemer_blueprint(
    SLUG, __name__, pad="/vwo-overeenkomsten/<uuid:overeenkomst_id>/verwerkingen",
    naam="register",
    description="Bijlage 1 tabel 1 van een verwerkersovereenkomst: het register van "
                "verwerkingen, met elke eerdere versie")

OVEREENKOMST_ID = {"in": "path", "name": "overeenkomst_id",
                   "description": "Id van de verwerkersovereenkomst"}
VERWERKING_ID = {"in": "path", "name": "verwerking_id", "description": "Id van de verwerking"}

CSV = "text/csv"
KOLOMMEN = ("naam", "dienst", "doeleinden", "categorieenBetrokkenen",
            "categorieenPersoonsgegevens", "bijzonderePersoonsgegevens", "bevatBsn",
            "overigePersoonsgegevens", "doorgifteBuitenEer", "landen", "doorgifteInstrument",
            "aanvullendeMaatregelen", "geldigVanaf", "versie", "status", "vastgelegdOp",
            "vastgelegdDoor")


def _overeenkomst(overeenkomst_id: uuid.UUID, *, schrijven: bool = False) -> Overeenkomst:
    overeenkomst = tenant_get_or_404(Overeenkomst, overeenkomst_id)
    if schrijven and not weergave.lopend(overeenkomst):
        raise Problem(409, "Deze overeenkomst is vervangen of beëindigd; leg verwerkingen "
                           "vast bij de overeenkomst die nu loopt (VWO 2.3).", code="conflict")
    return overeenkomst


def _verwerking(overeenkomst: Overeenkomst, verwerking_id: uuid.UUID) -> Verwerking:
    verwerking = tenant_get_or_404(Verwerking, verwerking_id)
    if verwerking.overeenkomst_id != overeenkomst.id:
        raise Problem(404, "Deze resource bestaat niet, of u heeft er geen toegang toe.",
                      code="niet-gevonden")
    return verwerking


def _csv(rijen: list[dict]) -> Response:
    uit = io.StringIO()
    schrijver = csv.writer(uit)
    schrijver.writerow(KOLOMMEN)
    for rij in rijen:
        waarden = VerwerkingSchema().dump(rij)
        schrijver.writerow(["; ".join(map(str, w)) if isinstance(w, list) else
                            ("" if w is None else w) for w in (waarden[k] for k in KOLOMMEN)])
    return Response(uit.getvalue(), mimetype=CSV, headers={
        "Content-Disposition": 'attachment; filename="bijlage-1-tabel-1.csv"'})


@blp.route("", parameters=[OVEREENKOMST_ID])
class Verwerkingen(MethodView):
    @blp.arguments(RegisterArgs, location="query")
    @blp.response(200, pagina_schema(VerwerkingSchema))
    @blp.alt_response(200, content_type=CSV, success=True, description=(
        "Met Accept: text/csv het hele register (alle pagina's) als CSV, een rij per "
        "verwerking"))
    @blp.doc(operationId="vwoRegisterOpvragen")
    def get(self, args, overeenkomst_id: uuid.UUID):
        """Het register van verwerkingen (Bijlage 1 tabel 1)

        Zonder peildatum elke verwerking in haar nieuwste versie, ook geplande en beëindigde
        (zie status); met peildatum het register zoals het die dag gold. Logius voert alleen
        deze verwerkingen uit (VWO 3.2).
        """
        overeenkomst = _overeenkomst(overeenkomst_id)
        peildatum = args.get("peildatum")
        query = (reg.op_peildatum(overeenkomst.id, peildatum) if peildatum
                 else reg.nieuwste(overeenkomst.id))
        query = query.order_by(Verwerkingsversie.naam, Verwerking.id)
        dag = peildatum or vandaag()
        if request.accept_mimetypes.best_match(["application/json", CSV]) == CSV:
            return _csv([reg.weergave(v, versie, dag) for v, versie in
                         db.session.execute(query)])
        resultaat = paginate(query, args, scalars=False)
        resultaat["resultaten"] = [reg.weergave(v, versie, dag)
                                   for v, versie in resultaat["resultaten"]]
        return resultaat

    @blp.arguments(VerwerkingSchema)
    @blp.response(201, VerwerkingSchema)
    @blp.problems(409)
    @blp.doc(operationId="vwoVerwerkingVastleggen")
    def post(self, data, overeenkomst_id: uuid.UUID):
        """Verwerking vastleggen in Bijlage 1 tabel 1

        Alle regels tegelijk: een doorgifte buiten de EER heeft landen en een instrument,
        instrument 3 tot en met 6 aanvullende maatregelen, de dienst hoort bij de
        overeenkomst. Een doorgifte buiten de EER gaat vooraf als melding naar de
        privacycontactpersoon van de gemeente (VWO 4.3) en begint dus op zijn vroegst
        morgen.
        """
        overeenkomst = _overeenkomst(overeenkomst_id, schrijven=True)
        return _vastleggen(overeenkomst, data, None)


def _huidig(verwerking: Verwerking) -> Verwerkingsversie:
    return db.session.scalars(select(Verwerkingsversie).where(
        Verwerkingsversie.verwerking_id == verwerking.id,
        Verwerkingsversie.nummer == verwerking.laatste_versie)).one()


@blp.route("/<uuid:verwerking_id>", parameters=[OVEREENKOMST_ID, VERWERKING_ID])
class VerwerkingView(MethodView):
    @blp.response(200, VerwerkingSchema)
    @blp.doc(operationId="vwoVerwerkingLezen")
    def get(self, overeenkomst_id: uuid.UUID, verwerking_id: uuid.UUID):
        """Eén verwerking, in haar nieuwste versie"""
        verwerking = _verwerking(_overeenkomst(overeenkomst_id), verwerking_id)
        return met_versie(reg.weergave(verwerking, _huidig(verwerking), vandaag()),
                          verwerking.versie)

    @blp.response(204)
    @blp.if_match()
    @blp.problems(409)
    @blp.doc(operationId="vwoVerwerkingBeeindigen")
    def delete(self, overeenkomst_id: uuid.UUID, verwerking_id: uuid.UUID):
        """Verwerking beëindigen

        Vanaf vandaag voert Logius haar niet meer uit: een laatste versie die haar beëindigt.
        Haar eerdere versies blijven leesbaar.
        """
        overeenkomst = _overeenkomst(overeenkomst_id)
        verwerking = _verwerking(overeenkomst, verwerking_id)
        check_if_match(verwerking)  # 428/412 before the rules of the agreement's state
        _overeenkomst(overeenkomst_id, schrijven=True)
        oud = _huidig(verwerking)
        if oud.beeindigd:
            raise Problem(409, "Deze verwerking is al beëindigd.", code="conflict")
        reg.vastleggen(overeenkomst, reg.inhoud(oud), verwerking=verwerking,
                       geldig_vanaf=max(vandaag(), oud.geldig_vanaf), beeindigd=True,
                       door=door(), nu=moment(), vandaag=vandaag())
        commit()


@blp.route("/<uuid:verwerking_id>/versies", parameters=[OVEREENKOMST_ID, VERWERKING_ID])
class Versies(MethodView):
    @blp.arguments(VerwerkingSchema)
    @blp.response(201, VerwerkingSchema)
    @blp.problems(409)
    @blp.doc(operationId="vwoVerwerkingVersieVastleggen")
    def post(self, data, overeenkomst_id: uuid.UUID, verwerking_id: uuid.UUID):
        """Nieuwe versie van een verwerking vastleggen

        De hele verwerking zoals ze vanaf geldigVanaf (zonder waarde vandaag) is; de vorige
        versie blijft leesbaar. Dezelfde regels als bij vastleggen; een nieuwe doorgifte of
        een land erbij wordt vooraf gemeld (VWO 4.3). Location wijst naar de verwerking,
        die nu deze versie toont.
        """
        overeenkomst = _overeenkomst(overeenkomst_id, schrijven=True)
        verwerking = _verwerking(overeenkomst, verwerking_id)
        if _huidig(verwerking).beeindigd:
            raise Problem(409, "Deze verwerking is beëindigd; leg een nieuwe vast.",
                          code="conflict")
        return _vastleggen(overeenkomst, data, verwerking)

    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(VerwerkingSchema))
    @blp.doc(operationId="vwoVerwerkingVersies")
    def get(self, args, overeenkomst_id: uuid.UUID, verwerking_id: uuid.UUID):
        """Elke versie van een verwerking, de eerste eerst"""
        verwerking = _verwerking(_overeenkomst(overeenkomst_id), verwerking_id)
        resultaat = paginate(select(Verwerkingsversie).where(
            Verwerkingsversie.verwerking_id == verwerking.id)
            .order_by(Verwerkingsversie.nummer), args)
        dag = vandaag()
        versies = resultaat["resultaten"]
        volgende = db.session.execute(select(Verwerkingsversie.nummer,
                                             Verwerkingsversie.geldig_vanaf).where(
            Verwerkingsversie.verwerking_id == verwerking.id,
            Verwerkingsversie.nummer.in_([v.nummer + 1 for v in versies]))).all()
        tot = {nummer - 1: vanaf for nummer, vanaf in volgende}
        resultaat["resultaten"] = [{**reg.weergave(verwerking, v, dag),
                                    "geldig_tot": tot.get(v.nummer)} for v in versies]
        return resultaat


def _vastleggen(overeenkomst, data: dict, verwerking):
    """A new processing (``verwerking`` None) or a new version of one, answered 201 with
    the processing as it now reads and its Location."""
    verwerking, versie = reg.vastleggen(overeenkomst, data, verwerking=verwerking,
                                        geldig_vanaf=data.pop("geldig_vanaf"), beeindigd=False,
                                        door=door(), nu=moment(), vandaag=vandaag())
    commit()
    return met_versie(reg.weergave(verwerking, versie, vandaag()), verwerking.versie, 201,
                      Location=url_for(f"{blp.name}.VerwerkingView", _external=True,
                                       afnemer_id=overeenkomst.afnemer_id,
                                       overeenkomst_id=overeenkomst.id,
                                       verwerking_id=verwerking.id))
