"""``/afnemers/{afnemerId}/api-tokens``: an afnemer's beheerder creates and revokes tokens."""

from __future__ import annotations

import uuid
from datetime import timedelta

import marshmallow as ma
from flask import current_app, url_for
from flask.views import MethodView

from core.api import fields
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import commit
from core.api.schemas import Schema
from core.auth import tokens
from core.auth.middleware import current_principal
from core.auth.models import ApiToken
from core.auth.principal import AFNEMER_ROLLEN, SCOPES, Rol
from core.db import db, utcnow
from core.errors import Problem, invalid
from core.quota import binnen_quotum
from core.tenancy import TenantBlueprint, huidige_afnemer, tenant_get_or_404, tenant_select

blp = TenantBlueprint(
    "api_tokens",
    __name__,
    suffix="/api-tokens",
    description="API-tokens van de afnemer: eenmalig getoond, gehasht bewaard, intrekbaar",
)


class ApiTokenSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    naam = fields.tekst(required=True, metadata={"description": "Waarvoor het token is, om het "
                                                 "terug te vinden",
                                                 "example": "Koppeling zaaksysteem"})
    rol = fields.keuze(
        [r.value for r in AFNEMER_ROLLEN],
        required=True,
        metadata={"description": "afnemer-medewerker mag alleen lezen"},
    )
    verloopt_op = ma.fields.AwareDateTime(
        metadata={"description": "Standaard over 90 dagen; maximaal 366 dagen vooruit"},
    )
    scopes = ma.fields.List(
        fields.keuze(SCOPES),
        validate=ma.validate.Length(min=1, error="Kies minstens één scope."),
        metadata={"description": "read: lezen; write: wijzigen. Standaard beide, voor een "
                  "afnemer-medewerker alleen read. Een scope verruimt nooit de rol."},
    )
    prefix = ma.fields.String(dump_only=True, metadata={"example": "afp_3k9Q",
                                                        "description": "Begin van het token"})
    laatst_gebruikt_op = ma.fields.AwareDateTime(
        dump_only=True, allow_none=True,
        metadata={"description": "Laatste gebruik, tot op een minuut nauwkeurig"},
    )
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    aangemaakt_door = ma.fields.String(dump_only=True)
    ingetrokken_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)


class NieuwApiTokenSchema(ApiTokenSchema):
    token = ma.fields.String(
        dump_only=True,
        metadata={"example": "afp_3k9Qx7TbLm2VwZc8RfHj4NsPe6YuAd1G",
                  "description": "Het token zelf. Alleen nu zichtbaar: bewaar het veilig."},
    )


@blp.route("")
class ApiTokens(MethodView):
    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(ApiTokenSchema))
    def get(self, args):
        """API-tokens opvragen (zonder de geheimen)"""
        return paginate(tenant_select(ApiToken).order_by(ApiToken.aangemaakt_op.desc()), args)

    @blp.arguments(ApiTokenSchema)
    @blp.response(201, NieuwApiTokenSchema)
    @blp.problems(403, 409)
    def post(self, data):
        """API-token aanmaken; het token wordt één keer getoond"""
        verloopt = data.get("verloopt_op")
        nu = utcnow()
        maximum = nu + timedelta(days=current_app.config["API_TOKEN_MAX_DAYS"])
        if verloopt is not None and not nu < verloopt <= maximum:
            raise invalid("verlooptOp", "Moet in de toekomst liggen, hooguit 366 dagen vooruit.")
        binnen_quotum(huidige_afnemer(), "tokens")
        nieuw = tokens.issue(
            naam=data["naam"],
            rol=Rol(data["rol"]),
            afnemer_id=huidige_afnemer().id,
            geldig_tot=verloopt,
            dagen=current_app.config["API_TOKEN_DEFAULT_DAYS"],
            door=current_principal().naam,
            scopes=data.get("scopes"),
        )
        commit()
        db.session.refresh(nieuw.record)  # as stored: the expiry in UTC, like every answer
        body = {**{c: getattr(nieuw.record, c) for c in (
            "id", "naam", "rol", "verloopt_op", "scopes", "prefix", "laatst_gebruikt_op",
            "aangemaakt_op", "aangemaakt_door", "ingetrokken_op")}, "token": nieuw.token}
        locatie = url_for("api_tokens.ApiTokenView", _external=True,
                          afnemer_id=nieuw.record.afnemer_id, token_id=nieuw.record.id)
        return body, 201, {"Location": locatie}


@blp.route("/<uuid:token_id>")
class ApiTokenView(MethodView):
    @blp.response(200, ApiTokenSchema)
    def get(self, token_id: uuid.UUID):
        """Eén API-token opvragen (zonder het geheim)"""
        return tenant_get_or_404(ApiToken, token_id)

    @blp.response(204)
    @blp.problems(403, 409)
    def delete(self, token_id: uuid.UUID):
        """API-token intrekken; het werkt direct niet meer"""
        record = tenant_get_or_404(ApiToken, token_id)
        if record.ingetrokken_op is not None:
            raise Problem(409, "Dit token is al ingetrokken.", code="al-ingetrokken")
        record.ingetrokken_op = utcnow()
        commit()
