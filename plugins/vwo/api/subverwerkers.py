"""``/diensten/vwo/subverwerkers``: the subverwerkers Logius engages (Bijlage 1 tabel 3).

Logius maintains the list; everyone with a token reads it. A new subverwerker is
announced to every gemeente whose agreement covers one of its diensten, before it is
engaged (VWO 4.5): an event per gemeente (webhook, e-mail to the privacy contact, feed)
with the intended date. One that transfers outside the EER follows the rules of a
processing (instrument, additional measures; VWO 4.3).
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import url_for
from flask.views import MethodView
from sqlalchemy import select

from core.sdk.api import (
    PaginaArgs,
    Problem,
    alleen_logius,
    check_if_match,
    commit,
    db,
    dienst_blueprint,
    diensten,
    pagina_schema,
    paginate,
    publiceer,
)

from .. import regels, weergave
from .. import register as reg
from ..catalogus import DOORGIFTE_INSTRUMENTEN
from ..dienst import SLUG, SUBVERWERKER
from ..models import Overeenkomst, Subverwerker
from ..schemas import SubverwerkerSchema, SubverwerkerWijzigingSchema
from .gedeeld import door, met_versie, moment, vandaag

blp = dienst_blueprint(SLUG, __name__, naam="subverwerkers", pad="/subverwerkers",
                       description="De subverwerkers die Logius inschakelt (Bijlage 1 tabel 3)")

SUBVERWERKER_ID = {"in": "path", "name": "subverwerker_id",
                   "description": "Id van de subverwerker"}


def _niet_gevonden() -> Problem:
    return Problem(404, "Deze resource bestaat niet, of u heeft er geen toegang toe.",
                   code="niet-gevonden")


def _gemeenten(gekozen: list[str]) -> list[Overeenkomst]:
    """The agreements that run (or will) for one of ``gekozen``: one per gemeente."""
    uit: dict[uuid.UUID, Overeenkomst] = {}
    for overeenkomst in db.session.scalars(
            select(Overeenkomst).where(Overeenkomst.vervangen_door_id.is_(None),
                                       Overeenkomst.beeindigd_op.is_(None))
            .order_by(Overeenkomst.afnemer_id, Overeenkomst.id)):
        if set(overeenkomst.diensten) & set(gekozen):
            uit.setdefault(overeenkomst.afnemer_id, overeenkomst)
    return list(uit.values())


def _aankondigen(subverwerker: Subverwerker, gemeenten: list[Overeenkomst]) -> None:
    buiten = ""
    if subverwerker.doorgifte_buiten_eer:
        buiten = (f" Hij geeft gegevens door naar {', '.join(subverwerker.landen)} "
                  f"(instrument {subverwerker.doorgifte_instrument}: "
                  f"{DOORGIFTE_INSTRUMENTEN[subverwerker.doorgifte_instrument]}; VWO 4.3).")
    for overeenkomst in gemeenten:
        publiceer(type=SUBVERWERKER, afnemer_id=overeenkomst.afnemer_id,
                  onderwerp=f"Nieuwe subverwerker: {subverwerker.naam}",
                  tekst=(f"Logius wil {subverwerker.naam} (KvK {subverwerker.kvk_nummer}) "
                         f"vanaf {subverwerker.ingeschakeld_vanaf.isoformat()} inschakelen voor "
                         f"{subverwerker.toepassing}: "
                         f"{'; '.join(subverwerker.uitbestede_verwerkingen)}.{buiten} Zo meldt "
                         "Logius een nieuwe subverwerker vooraf (VWO 4.5)."),
                  data={"subverwerkerId": str(subverwerker.id),
                        "overeenkomstId": str(overeenkomst.id), "naam": subverwerker.naam,
                        "kvkNummer": subverwerker.kvk_nummer,
                        "ingeschakeldVanaf": subverwerker.ingeschakeld_vanaf.isoformat(),
                        "artikel": "VWO 4.5"})


def _fouten(data: dict[str, Any], gemeenten: list[Overeenkomst]) -> dict[str, list[str]]:
    fouten = regels.doorgifte_fouten(data)
    bekend = {slug for slug in diensten() if slug != SLUG}
    onbekend = [slug for slug in data["diensten"] if slug not in bekend]
    if onbekend:
        fouten["diensten"] = [(f"Onbekende dienst: {', '.join(onbekend)}. Kies uit "
                              f"{', '.join(sorted(bekend))}.")]
    if gemeenten and data["ingeschakeld_vanaf"] <= vandaag():
        fouten.setdefault("ingeschakeldVanaf", []).append(
            f"{len(gemeenten)} gemeente(n) hebben een overeenkomst voor deze diensten: een "
            "nieuwe subverwerker wordt aangekondigd voordat hij begint (VWO 4.5), dus op zijn "
            f"vroegst {vandaag().isoformat()} plus een dag.")
    return fouten


@blp.route("")
class Subverwerkers(MethodView):
    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(SubverwerkerSchema))
    @blp.doc(operationId="vwoSubverwerkersOpvragen")
    def get(self, args):
        """De subverwerkers van Logius"""
        resultaat = paginate(select(Subverwerker).order_by(Subverwerker.naam,
                                                           Subverwerker.id), args)
        resultaat["resultaten"] = [weergave.subverwerker(s) for s in resultaat["resultaten"]]
        return resultaat

    @alleen_logius
    @blp.arguments(SubverwerkerSchema)
    @blp.response(201, SubverwerkerSchema)
    @blp.problems(403)
    @blp.doc(operationId="vwoSubverwerkerRegistreren")
    def post(self, data):
        """Subverwerker registreren en aankondigen (alleen Logius-beheerder)

        Elke gemeente met een lopende overeenkomst voor een van zijn diensten krijgt de
        aankondiging, met de beoogde datum; die ligt dan na vandaag (VWO 4.5). Een
        subverwerker die buiten de EER doorgeeft, heeft een instrument en bij 3 tot en met 6
        aanvullende maatregelen nodig (VWO 4.3).
        """
        data = {"landen": [], "doorgifte_instrument": None, "aanvullende_maatregelen": None,
                **data}
        gemeenten = _gemeenten(data["diensten"])
        fouten = _fouten(data, gemeenten)
        if fouten:
            raise reg.weiger(fouten)
        subverwerker = Subverwerker(
            id=uuid.uuid4(), **data, aangekondigd_op=moment() if gemeenten else None,
            geregistreerd_door=door())
        db.session.add(subverwerker)
        db.session.flush()
        _aankondigen(subverwerker, gemeenten)
        commit()
        return met_versie(weergave.subverwerker(subverwerker), subverwerker.versie, 201,
                          Location=url_for(f"{blp.name}.SubverwerkerView", _external=True,
                                           subverwerker_id=subverwerker.id))


@blp.route("/<uuid:subverwerker_id>", parameters=[SUBVERWERKER_ID])
class SubverwerkerView(MethodView):
    @blp.response(200, SubverwerkerSchema)
    @blp.doc(operationId="vwoSubverwerkerLezen")
    def get(self, subverwerker_id: uuid.UUID):
        """Eén subverwerker"""
        subverwerker = db.session.get(Subverwerker, subverwerker_id)
        if subverwerker is None:
            raise _niet_gevonden()
        return met_versie(weergave.subverwerker(subverwerker), subverwerker.versie)

    @alleen_logius
    @blp.arguments(SubverwerkerWijzigingSchema)
    @blp.response(200, SubverwerkerSchema)
    @blp.if_match()
    @blp.problems(403)
    @blp.doc(operationId="vwoSubverwerkerBijwerken")
    def patch(self, data, subverwerker_id: uuid.UUID):
        """Subverwerker bijwerken of zijn einde vastleggen (alleen Logius-beheerder)"""
        subverwerker = db.session.get(Subverwerker, subverwerker_id)
        if subverwerker is None:
            raise _niet_gevonden()
        check_if_match(subverwerker)
        if (data.get("beeindigd_op") is not None
                and data["beeindigd_op"] < subverwerker.ingeschakeld_vanaf):
            raise reg.weiger({"beeindigdOp": [
                (f"Hij begint op {subverwerker.ingeschakeld_vanaf.isoformat()}; het einde ligt "
                "niet daarvoor.")]})
        for veld, waarde in data.items():
            setattr(subverwerker, veld, waarde)
        commit()
        return met_versie(weergave.subverwerker(subverwerker), subverwerker.versie)
