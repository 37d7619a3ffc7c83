"""``GET /status``: whether notifications are going out, for Logius.

A worker that stopped once went unnoticed until someone missed a webhook. This page
says at a glance:

- the workers: each one's last pulse (``worker_hartslagen``, written every few seconds
  by :class:`core.meldingen.worker.Hartslag`), whether it is alive (a pulse within
  :data:`LEVEND_BINNEN`), and its failures in a row with the last one;
- the outbox: what is pending, what is due now and how long the oldest due delivery
  has waited (the lag);
- the dead letters: deliveries that gave up after their attempts, which wait for a
  redelivery (``POST .../bezorgingen/{id}/opnieuw``).
"""

from __future__ import annotations

from datetime import timedelta

import marshmallow as ma
from flask.views import MethodView
from sqlalchemy import func, select

from core.api import Blueprint
from core.api.schemas import Schema
from core.config import API_PREFIX
from core.db import db, utcnow
from core.meldingen.models import Bezorging, BezorgStatus, WorkerHartslag
from core.tenancy import alleen_logius

#: A worker whose last pulse is older than this is not alive.
LEVEND_BINNEN = timedelta(seconds=30)
#: Workers silent for longer than this are no longer shown.
VERGETEN_NA = timedelta(days=1)

blp = Blueprint("status", __name__, url_prefix=f"{API_PREFIX}/status",
                description="Of meldingen de deur uitgaan: de bezorgworkers, de outbox en "
                            "de dode bezorgingen (alleen Logius-beheerder)")


class WerkerSchema(Schema):
    naam = ma.fields.String(metadata={"description": "Host en proces-id van de worker",
                                      "example": "portaal-1:4242"})
    levend = ma.fields.Boolean(metadata={
        "description": "Een hartslag in de laatste 30 seconden"})
    gestart_op = ma.fields.AwareDateTime()
    laatst_op = ma.fields.AwareDateTime(metadata={"description": "De laatste hartslag"})
    rondes = ma.fields.Integer(metadata={"description": "Geslaagde rondes sinds de start",
                                         "example": 5120})
    storingen = ma.fields.Integer(metadata={
        "description": "Mislukte rondes op rij op dit moment (0: de laatste ging goed)",
        "example": 0})
    laatste_storing = ma.fields.String(allow_none=True, metadata={
        "description": "De laatste mislukte ronde, met de fout", "example": None})
    laatste_storing_op = ma.fields.AwareDateTime(allow_none=True)


class WorkersSchema(Schema):
    levend = ma.fields.Boolean(metadata={"description": "Minstens één worker leeft"})
    werkers = ma.fields.List(ma.fields.Nested(WerkerSchema), metadata={
        "description": "De workers die de laatste dag een hartslag schreven, nieuwste eerst"})


class OutboxSchema(Schema):
    wachtend = ma.fields.Integer(metadata={"description": "Bezorgingen die nog gaan",
                                           "example": 3})
    nu_aan_de_beurt = ma.fields.Integer(metadata={
        "description": "Daarvan nu aan de beurt (niet op een latere poging wachtend)",
        "example": 0})
    achterstand_seconden = ma.fields.Float(allow_none=True, metadata={
        "description": "Hoe lang de oudste bezorging die aan de beurt is al wacht; null "
                       "als er geen is", "example": None})
    dood = ma.fields.Integer(metadata={
        "description": "Bezorgingen die na al hun pogingen zijn opgegeven en op opnieuw "
                       "bezorgen wachten", "example": 0})


class StatusSchema(Schema):
    worker = ma.fields.Nested(WorkersSchema)
    outbox = ma.fields.Nested(OutboxSchema)
    gemeten_op = ma.fields.AwareDateTime()


@blp.route("")
class Status(MethodView):
    @alleen_logius
    @blp.response(200, StatusSchema)
    @blp.problems(403)
    def get(self):
        """De bezorging van meldingen: workers, outbox, dode bezorgingen

        Een worker leeft als hij de laatste 30 seconden een hartslag schreef. De
        achterstand is de wachttijd van de oudste bezorging die aan de beurt is.
        """
        nu = utcnow()
        werkers = db.session.scalars(
            select(WorkerHartslag).where(WorkerHartslag.laatst_op >= nu - VERGETEN_NA)
            .order_by(WorkerHartslag.laatst_op.desc())).all()
        wachtend = Bezorging.status == BezorgStatus.WACHTEND.value
        aan_de_beurt = wachtend & (Bezorging.volgende_poging_op <= nu)
        aantal, beurt, oudste, dood = db.session.execute(select(
            func.count().filter(wachtend), func.count().filter(aan_de_beurt),
            func.min(Bezorging.volgende_poging_op).filter(aan_de_beurt),
            func.count().filter(Bezorging.status == BezorgStatus.DOOD.value),
        )).one()
        rijen = [{**{k: getattr(w, k) for k in ("naam", "gestart_op", "laatst_op", "rondes",
                                                "storingen", "laatste_storing",
                                                "laatste_storing_op")},
                  "levend": w.laatst_op >= nu - LEVEND_BINNEN} for w in werkers]
        return {"worker": {"levend": any(r["levend"] for r in rijen), "werkers": rijen},
                "outbox": {"wachtend": aantal, "nu_aan_de_beurt": beurt,
                           "achterstand_seconden": (round((nu - oudste).total_seconds(), 1)
                                                    if oudste else None),
                           "dood": dood},
                "gemeten_op": nu}
