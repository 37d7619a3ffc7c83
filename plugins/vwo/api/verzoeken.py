"""Requests for help: a gemeente asks Logius to cooperate with a DPIA or a prior
consultation (VWO 4.7) or with a data subject's request (VWO 4.6), or gives a written
instruction (VWO 3.1); each is tracked to its answer.

An instruction Logius finds in conflict with the AVG is answered with
``strijdigMetAvg: true``, and the gemeente hears of it at once, as its own event
(VWO 3.1). For a data subject's request the gemeente decides within a month of receiving
it (AVG art. 12.3): that day is in its deadline calendar until Logius has answered.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from flask import url_for
from flask.views import MethodView
from sqlalchemy import select

from core.sdk import plus_maanden
from core.sdk.api import (
    Problem,
    afnemer_blueprint,
    afnemers,
    alleen_logius,
    commit,
    db,
    dienst_blueprint,
    huidige_afnemer,
    pagina_schema,
    paginate,
    publiceer,
    tenant_get_or_404,
    tenant_select,
)

from .. import register as reg
from ..catalogus import VERZOEKEN
from ..dienst import ANTWOORD, SLUG, STRIJDIG, VERZOEK
from ..models import Verzoek
from ..schemas import LogiusVerzoekSchema, VerzoekAntwoordSchema, VerzoekArgs, VerzoekSchema
from .gedeeld import ETAG, alleen_gemeente, door, met_versie, moment, vandaag

gemeente = afnemer_blueprint(SLUG, __name__, pad="/vwo-verzoeken", naam="verzoeken",
                             description="Hulpvragen en instructies van een gemeente aan "
                                         "Logius als verwerker (VWO 3.1, 4.6, 4.7)")
logius = dienst_blueprint(SLUG, __name__, naam="logius-verzoeken", pad="/verzoeken",
                          description="Alle hulpvragen en instructies van gemeenten (alleen "
                                      "Logius-beheerder): lezen en beantwoorden")

VERZOEK_ID = {"in": "path", "name": "verzoek_id", "description": "Id van het verzoek"}
#: AVG art. 12.3: the controller decides on a data subject's request within a month.
BESLISTERMIJN_MAANDEN = 1


def beslissen_uiterlijk(verzoek: Verzoek) -> date | None:
    if verzoek.soort != "verzoek-betrokkene" or verzoek.ontvangen_op is None:
        return None
    return plus_maanden(verzoek.ontvangen_op, BESLISTERMIJN_MAANDEN)


def weergave(verzoek: Verzoek) -> dict[str, Any]:
    return {"id": verzoek.id, "soort": verzoek.soort, "omschrijving": verzoek.omschrijving,
            "ontvangen_op": verzoek.ontvangen_op, "artikel": VERZOEKEN[verzoek.soort].artikel,
            "beslissen_uiterlijk": beslissen_uiterlijk(verzoek),
            "ingediend_op": verzoek.ingediend_op, "ingediend_door": verzoek.ingediend_door,
            "beantwoord": verzoek.beantwoord_op is not None, "antwoord": verzoek.antwoord,
            "strijdig_met_avg": verzoek.strijdig_met_avg,
            "beantwoord_op": verzoek.beantwoord_op, "beantwoord_door": verzoek.beantwoord_door}


def _filter(query, args):
    if args.get("beantwoord") is not None:
        query = query.where(Verzoek.beantwoord_op.is_not(None) if args["beantwoord"]
                            else Verzoek.beantwoord_op.is_(None))
    return query.order_by(Verzoek.ingediend_op.desc(), Verzoek.id)


@gemeente.route("")
class Verzoeken(MethodView):
    @gemeente.arguments(VerzoekArgs, location="query")
    @gemeente.response(200, pagina_schema(VerzoekSchema))
    @gemeente.doc(operationId="vwoVerzoekenOpvragen")
    def get(self, args):
        """De hulpvragen en instructies van de gemeente, de nieuwste eerst"""
        resultaat = paginate(_filter(tenant_select(Verzoek), args), args)
        resultaat["resultaten"] = [weergave(v) for v in resultaat["resultaten"]]
        return resultaat

    @gemeente.arguments(VerzoekSchema)
    @gemeente.response(201, VerzoekSchema)
    @gemeente.problems(409)
    @gemeente.doc(operationId="vwoVerzoekIndienen")
    def post(self, data):
        """Logius om hulp vragen, of een instructie geven

        Logius krijgt het als gebeurtenis en antwoordt hier; het antwoord komt als
        gebeurtenis naar de privacycontactpersoon van de gemeente.
        """
        alleen_gemeente()
        fouten: dict[str, list[str]] = {}
        if data["soort"] == "verzoek-betrokkene" and data["ontvangen_op"] is None:
            fouten["ontvangenOp"] = [("Noem wanneer de gemeente het verzoek van de betrokkene "
                                     "ontving: zij beslist binnen een maand (AVG art. 12).")]
        if data["soort"] != "verzoek-betrokkene" and data["ontvangen_op"] is not None:
            fouten["ontvangenOp"] = ["Alleen bij een verzoek van een betrokkene."]
        if data["ontvangen_op"] is not None and data["ontvangen_op"] > vandaag():
            fouten.setdefault("ontvangenOp", []).append("Ligt niet in de toekomst.")
        if fouten:
            raise reg.weiger(fouten)
        afnemer = huidige_afnemer()
        verzoek = Verzoek(id=uuid.uuid4(), afnemer_id=afnemer.id, **data,
                          ingediend_op=moment(), ingediend_door=door())
        db.session.add(verzoek)
        db.session.flush()
        soort = VERZOEKEN[verzoek.soort]
        publiceer(type=VERZOEK, afnemer_id=afnemer.id,
                  onderwerp=f"{afnemer.naam}: {soort.naam}",
                  tekst=f"{afnemer.naam} vraagt ({soort.artikel}): {verzoek.omschrijving}",
                  data={"verzoekId": str(verzoek.id), "soort": verzoek.soort,
                        "artikel": soort.artikel})
        commit()
        return met_versie(weergave(verzoek), verzoek.versie, 201, Location=url_for(
            f"{gemeente.name}.VerzoekView", _external=True, afnemer_id=afnemer.id,
            verzoek_id=verzoek.id))


@gemeente.route("/<uuid:verzoek_id>", parameters=[VERZOEK_ID])
class VerzoekView(MethodView):
    @gemeente.response(200, VerzoekSchema, headers=ETAG)
    @gemeente.doc(operationId="vwoVerzoekLezen")
    def get(self, verzoek_id: uuid.UUID):
        """Eén hulpvraag of instructie, met het antwoord"""
        verzoek = tenant_get_or_404(Verzoek, verzoek_id)
        return met_versie(weergave(verzoek), verzoek.versie)


@logius.route("")
class LogiusVerzoeken(MethodView):
    @alleen_logius
    @logius.arguments(VerzoekArgs, location="query")
    @logius.response(200, pagina_schema(LogiusVerzoekSchema))
    @logius.problems(403)
    @logius.doc(operationId="vwoAlleVerzoekenOpvragen")
    def get(self, args):
        """Alle hulpvragen en instructies, elk met haar gemeente (alleen Logius-beheerder)"""
        resultaat = paginate(_filter(select(Verzoek), args), args)
        namen = afnemers(v.afnemer_id for v in resultaat["resultaten"])
        resultaat["resultaten"] = [
            {**weergave(v), "afnemer_id": v.afnemer_id,
             "afnemer_naam": namen[v.afnemer_id].naam if v.afnemer_id in namen else None}
            for v in resultaat["resultaten"]]
        return resultaat


@logius.route("/<uuid:verzoek_id>/antwoord", parameters=[VERZOEK_ID])
class Antwoord(MethodView):
    @alleen_logius
    @logius.arguments(VerzoekAntwoordSchema)
    @logius.response(201, VerzoekSchema)
    @logius.problems(403, 409)
    @logius.doc(operationId="vwoVerzoekBeantwoorden")
    def post(self, data, verzoek_id: uuid.UUID):
        """Hulpvraag of instructie beantwoorden (alleen Logius-beheerder)

        Eén keer (een tweede antwoord geeft 409). Vindt Logius een instructie in strijd met
        de AVG, dan zegt het antwoord dat (strijdigMetAvg) en hoort de gemeente het meteen
        (VWO 3.1).
        """
        verzoek = db.session.get(Verzoek, verzoek_id)
        if verzoek is None:
            raise Problem(404, "Deze resource bestaat niet, of u heeft er geen toegang toe.",
                          code="niet-gevonden")
        if verzoek.beantwoord_op is not None:
            raise Problem(409, "Dit verzoek is al beantwoord.", code="al-beantwoord")
        if data["strijdig_met_avg"] and verzoek.soort != "instructie":
            raise reg.weiger({"strijdigMetAvg": ["Alleen bij een instructie (VWO 3.1)."]})
        verzoek.antwoord = data["antwoord"]
        verzoek.strijdig_met_avg = data["strijdig_met_avg"] if verzoek.soort == "instructie" \
            else None
        verzoek.beantwoord_op, verzoek.beantwoord_door = moment(), door()
        soort = VERZOEKEN[verzoek.soort]
        if verzoek.strijdig_met_avg:
            publiceer(type=STRIJDIG, afnemer_id=verzoek.afnemer_id,
                      onderwerp="Uw instructie is volgens Logius in strijd met de AVG",
                      tekst=(f"Logius voert uw instructie van "
                             f"{verzoek.ingediend_op.date().isoformat()} niet zo uit, want zij "
                             f"is volgens Logius in strijd met de AVG: {verzoek.antwoord} "
                             "(VWO 3.1)"),
                      data={"verzoekId": str(verzoek.id), "artikel": "VWO 3.1"})
        else:
            publiceer(type=ANTWOORD, afnemer_id=verzoek.afnemer_id,
                      onderwerp=f"Antwoord van Logius: {soort.naam}",
                      tekst=f"{verzoek.antwoord} ({soort.artikel})",
                      data={"verzoekId": str(verzoek.id), "soort": verzoek.soort,
                            "artikel": soort.artikel})
        commit()
        return met_versie(weergave(verzoek), verzoek.versie, 201, Location=url_for(
            f"{gemeente.name}.VerzoekView", _external=True, afnemer_id=verzoek.afnemer_id,
            verzoek_id=verzoek.id))
