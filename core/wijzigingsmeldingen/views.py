"""``/afnemers/{afnemerId}/wijzigingsmeldingen``: changes reported to Logius (AV 2.8)."""

from __future__ import annotations

import uuid

from flask import url_for
from flask.views import MethodView

from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import commit
from core.auth.middleware import current_principal
from core.tenancy import TenantBlueprint, huidige_afnemer, tenant_get_or_404, tenant_select
from core.wijzigingsmeldingen import service
from core.wijzigingsmeldingen.models import Wijzigingsmelding
from core.wijzigingsmeldingen.schemas import WijzigingsmeldingFilterSchema, WijzigingsmeldingSchema

blp = TenantBlueprint(
    "wijzigingsmeldingen", __name__, suffix="/wijzigingsmeldingen",
    description="Wijzigingen in de eigen dienstverlening, vooraf gemeld aan Logius (AV 2.8)",
)


class LijstArgs(PaginaArgs, WijzigingsmeldingFilterSchema):
    pass


@blp.route("")
class Wijzigingsmeldingen(MethodView):
    @blp.arguments(LijstArgs, location="query")
    @blp.response(200, pagina_schema(WijzigingsmeldingSchema))
    def get(self, args):
        """Wijzigingsmeldingen opvragen, nieuwste eerst"""
        query = tenant_select(Wijzigingsmelding).order_by(
            Wijzigingsmelding.aangemaakt_op.desc(), Wijzigingsmelding.id)
        if args.get("te_laat") is not None:
            query = query.where(Wijzigingsmelding.te_laat.is_(args["te_laat"]))
        if args.get("dienst"):
            query = query.where(Wijzigingsmelding.dienst == args["dienst"])
        return paginate(query, args)

    @blp.arguments(WijzigingsmeldingSchema)
    @blp.response(201, WijzigingsmeldingSchema)
    @blp.problems(403)
    def post(self, data):
        """Wijziging melden aan Logius

        Meld een wijziging in de eigen dienstverlening die een Logius-dienst kan raken
        minstens drie kalendermaanden voor de realisatie (AV 2.8). Een latere melding wordt
        ook vastgelegd (201), maar met `teLaat: true`, `geschondenRegel: "AV 2.8"` en in de
        toelichting de datum waarop uiterlijk gemeld had moeten worden.
        """
        melding = service.melden(huidige_afnemer(), door=current_principal(), **data)
        commit()
        location = url_for("wijzigingsmeldingen.WijzigingsmeldingView",
                           afnemer_id=melding.afnemer_id, wijzigingsmelding_id=melding.id,
                           _external=True)
        return melding, 201, {"Location": location}


@blp.route("/<uuid:wijzigingsmelding_id>")
class WijzigingsmeldingView(MethodView):
    @blp.response(200, WijzigingsmeldingSchema)
    def get(self, wijzigingsmelding_id: uuid.UUID):
        """Eén wijzigingsmelding opvragen"""
        return tenant_get_or_404(Wijzigingsmelding, wijzigingsmelding_id)
