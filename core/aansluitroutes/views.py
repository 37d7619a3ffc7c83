"""Onboarding routes.

- ``/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/route``: the aansluiting's steps,
  their status, who must act and by when;
- ``.../route/{stap}/afronden``: the step's owner completes it (with evidence where it
  asks for it);
- ``.../route/{stap}/afwijzen``: Logius rejects a completed step with a reason;
- ``/aansluitroutes/pijplijn`` (Logius beheerders): per dienst and step how many stand
  at it, how long it takes and which are overdue; JSON, or CSV with ``Accept: text/csv``.
"""

from __future__ import annotations

import uuid

from flask import Response, request
from flask.views import MethodView

from core import voorbeelden
from core.aansluitingen.models import Aansluiting
from core.aansluitroutes import service
from core.aansluitroutes.schemas import (
    AansluitrouteSchema,
    AfrondenSchema,
    AfwijzenSchema,
    PijplijnArgs,
    PijplijnSchema,
)
from core.api import Blueprint
from core.api.responses import commit
from core.auth.middleware import current_principal
from core.auth.principal import Rol
from core.config import API_PREFIX
from core.errors import Problem
from core.plugins import diensten
from core.tenancy import TenantBlueprint, alleen_logius, tenant_get_or_404

tenant = TenantBlueprint(
    "aansluitroutes", __name__, suffix="/aansluitingen/<uuid:aansluiting_id>/route",
    description="De aansluitroute van een aansluiting: stappen met eigenaar, termijn, bewijs "
                "en bron, en wie nu aan zet is",
)
logius = Blueprint(
    "aansluitroutes_pijplijn", __name__, url_prefix=f"{API_PREFIX}/aansluitroutes",
    description="De pijplijn van alle aansluitroutes (Logius): waar aansluitingen staan, "
                "hoe lang stappen duren en wat te laat is",
)

CSV = "text/csv"
CSV_VOORBEELD = (",".join(service.KOLOMMEN) + "\r\n"
                 f"{voorbeelden.DIENST},preproductie-gegevens,Aansluitgegevens pre-productie "
                 "verstrekken,logius,3,12,4.5,7.25,1,6f1c2b7e-3d4a-4b8e-9c21-7a5e0d9f4b31/"
                 "3f0c2a4e-8b1d-4c6e-9a7f-2d5b8e1c4a90\r\n")


@tenant.route("")
class Route(MethodView):
    @tenant.response(200, AansluitrouteSchema)
    @tenant.problems(404)
    def get(self, aansluiting_id: uuid.UUID):
        """De aansluitroute van een aansluiting

        De stappen die de dienst voor deze omgeving vraagt, in volgorde: per stap wie hem
        afrondt, de status, wie nu aan zet is, de uiterste datum uit de termijnregel
        (werkdagen zonder weekend en feestdagen; kalendermaanden na de activering met
        behoud van het dagnummer), wanneer en door wie hij is afgerond en of dat te laat
        was, het bewijs, de reden van een afwijzing, en het artikel of de bron (en welk
        soort bron). Een dienst zonder route voor deze omgeving geeft 404.
        """
        return service.weergave(tenant_get_or_404(Aansluiting, aansluiting_id))


@tenant.route("/<string:stap>/afronden")
class Afronden(MethodView):
    @tenant.arguments(AfrondenSchema)
    @tenant.response(200, AansluitrouteSchema)
    @tenant.problems(403, 404, 409)
    def post(self, data, aansluiting_id: uuid.UUID, stap: str):
        """Een stap van de aansluitroute afronden

        Alleen de eigenaar rondt een stap af: de beheerder van de afnemer een stap van de
        afnemer, een Logius-beheerder een stap van Logius (anders 403). Een stap die bewijs
        vraagt (`bewijsGevraagd`), vraagt het kenmerk in `bewijs` (anders 400). Eerdere
        stappen waarop hij wacht moeten af zijn (anders 409 met `openStappen`). Een stap
        die na zijn uiterste datum wordt afgerond, wordt niet geweigerd maar als te laat
        vastgelegd. Het antwoord is de hele route.
        """
        aansluiting = tenant_get_or_404(Aansluiting, aansluiting_id)
        service.afronden(aansluiting, stap, bewijs=data.get("bewijs"),
                         toelichting=data.get("toelichting"), door=current_principal())
        commit()
        return service.weergave(aansluiting)


@tenant.route("/<string:stap>/afwijzen")
class Afwijzen(MethodView):
    @tenant.doc(**{"x-rollen": [Rol.LOGIUS_BEHEERDER.value]})
    @tenant.arguments(AfwijzenSchema)
    @tenant.response(200, AansluitrouteSchema)
    @tenant.problems(403, 404, 409)
    def post(self, data, aansluiting_id: uuid.UUID, stap: str):
        """Een afgeronde stap afwijzen (alleen Logius-beheerder)

        De stap is weer open, met de `reden` (verplicht, anders 400) zichtbaar bij de stap;
        de afnemer krijgt de gebeurtenis aansluitroute.afgewezen. Een stap die niet is
        afgerond, geeft 409.
        """
        # First the aansluiting (404 for what is not the afnemer's), then the role (403).
        aansluiting = tenant_get_or_404(Aansluiting, aansluiting_id)
        service.afwijzen(aansluiting, stap, reden=data.get("reden"), door=current_principal())
        commit()
        return service.weergave(aansluiting)


@logius.route("/pijplijn")
class Pijplijn(MethodView):
    @alleen_logius
    @logius.arguments(PijplijnArgs, location="query")
    @logius.response(200, PijplijnSchema)
    @logius.doc(responses={"200": {
        "description": "De pijplijn als JSON, of als CSV bij Accept: text/csv",
        "content": {"application/json": {"schema": PijplijnSchema},
                    CSV: {"schema": {"type": "string"}, "example": CSV_VOORBEELD}}}})
    @logius.problems(403, 404)
    def get(self, args):
        """De pijplijn van de aansluitroutes (alleen Logius-beheerder)

        Per dienst en per stap van zijn route: hoeveel lopende aansluitingen er nu staan,
        hoe lang de stap duurt (mediaan en 90e percentiel in dagen, van aan de beurt tot
        afgerond) en welke aansluitingen te laat zijn (met afnemer en aansluiting). Met
        `dienst` alleen die dienst (404 als hij geen route heeft). Met `Accept: text/csv`
        als CSV: een regel per dienst en stap.
        """
        dienst = args.get("dienst")
        if dienst is not None and (diensten().get(dienst) is None
                                   or service.route_van(dienst) is None):
            raise Problem(404, f"De dienst {dienst!r} bestaat niet of heeft geen "
                          "aansluitroute.", code="niet-gevonden")
        overzicht = service.pijplijn(dienst)
        if request.accept_mimetypes.best_match(["application/json", CSV]) == CSV:
            return Response(service.als_csv(overzicht), mimetype=CSV, headers={
                "Content-Disposition": 'attachment; filename="pijplijn.csv"'})
        return overzicht
