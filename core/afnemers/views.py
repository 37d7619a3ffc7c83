"""``/afnemers``: the tenants. Logius beheerders create them; others see their own."""

from __future__ import annotations

from flask.views import MethodView
from sqlalchemy import func, or_, select

from core.aansluitingen.lifecycle import Status as AansluitingStatus
from core.aansluitingen.models import Aansluiting
from core.afnemers.models import Afnemer
from core.afnemers.schemas import AfnemerFilterSchema, AfnemerSchema, AfnemerWijzigingSchema
from core.api import Blueprint
from core.api.etag import check_if_match
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import aangemaakt, commit, met_etag
from core.auth.middleware import current_principal
from core.config import API_PREFIX
from core.db import db
from core.errors import Problem
from core.tenancy import TenantBlueprint, alleen_logius, huidige_afnemer

blp = Blueprint(
    "afnemers",
    __name__,
    url_prefix=f"{API_PREFIX}/afnemers",
    description="Afnemers: de organisaties die Logius-diensten gebruiken (AV 1)",
)
item = TenantBlueprint("afnemer", __name__, suffix="", description="Eén afnemer")


class LijstArgs(PaginaArgs, AfnemerFilterSchema):
    pass


def _oin_vrij(oin: str, behalve=None) -> None:
    bestaand = db.session.execute(select(Afnemer.id).where(Afnemer.oin == oin)).scalar()
    if bestaand is not None and bestaand != behalve:
        raise Problem(
            409,
            f"Er is al een afnemer met OIN {oin}.",
            code="oin-bestaat-al",
            invalid_params=[{"name": "oin", "code": "unique", "reason": "Dit OIN is al in gebruik."}],
        )


@blp.route("")
class Afnemers(MethodView):
    @blp.arguments(LijstArgs, location="query")
    @blp.response(200, pagina_schema(AfnemerSchema))
    def get(self, args):
        """Afnemers opvragen

        Een Logius-beheerder ziet alle afnemers, anderen alleen de eigen afnemer(s); een
        intermediair de afnemers die hem een geldig mandaat gaven. Te zoeken op naam of
        OIN (`zoek`) en te filteren op type en op dienst (een lopende aansluiting erop).
        """
        principal = current_principal()
        query = select(Afnemer).order_by(Afnemer.naam, Afnemer.id)
        if principal.intermediair_id is not None:
            from core.intermediairs.toegang import levende_mandaten

            ids = {m.afnemer_id for m in levende_mandaten(principal.intermediair_id)}
            query = query.where(Afnemer.id.in_(ids))
        elif not principal.is_logius_beheerder:
            query = query.where(Afnemer.id.in_(principal.afnemer_ids()))
        if args.get("oin"):
            query = query.where(Afnemer.oin == args["oin"])
        if args.get("type"):
            query = query.where(Afnemer.type == args["type"])
        if args.get("zoek"):
            zoek = args["zoek"].strip()
            query = query.where(or_(func.lower(Afnemer.naam).contains(zoek.lower(),
                                                                       autoescape=True),
                                    Afnemer.oin.startswith(zoek, autoescape=True)))
        if args.get("dienst"):
            query = query.where(Afnemer.id.in_(
                select(Aansluiting.afnemer_id).where(
                    Aansluiting.dienst == args["dienst"],
                    Aansluiting.status != AansluitingStatus.BEEINDIGD.value)))
        return paginate(query, args)

    @alleen_logius
    @blp.arguments(AfnemerSchema)
    @blp.response(201, AfnemerSchema)
    @blp.problems(403, 409)
    def post(self, data):
        """Afnemer registreren (alleen Logius-beheerder)"""
        _oin_vrij(data["oin"])
        afnemer = Afnemer(**data)
        db.session.add(afnemer)
        commit()
        return aangemaakt(afnemer, "afnemer.AfnemerView", afnemer_id=afnemer.id)


@item.route("", tags=["afnemers"])
class AfnemerView(MethodView):
    @item.response(200, AfnemerSchema)
    def get(self):
        """Eén afnemer opvragen"""
        return met_etag(huidige_afnemer())

    @alleen_logius
    @item.arguments(AfnemerWijzigingSchema)
    @item.response(200, AfnemerSchema)
    @item.if_match()
    @item.problems(409)
    def patch(self, data):
        """Afnemer wijzigen (alleen Logius-beheerder)"""
        afnemer = huidige_afnemer()
        check_if_match(afnemer)
        if "oin" in data:
            _oin_vrij(data["oin"], behalve=afnemer.id)
        for key, value in data.items():
            setattr(afnemer, key, value)
        commit()
        return met_etag(afnemer)
