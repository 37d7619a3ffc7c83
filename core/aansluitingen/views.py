"""``/afnemers/{afnemerId}/aansluitingen``: connections and their lifecycle."""

from __future__ import annotations

import uuid

from flask import url_for
from flask.views import MethodView
from sqlalchemy.exc import IntegrityError

from core.aansluitingen import service
from core.aansluitingen.lifecycle import Status
from core.aansluitingen.models import Aansluiting, Statuswijziging
from core.aansluitingen.schemas import (
    AansluitingFilterSchema,
    AansluitingSchema,
    AansluitingWijzigingSchema,
    StatuswijzigingSchema,
    _onderdelen_fouten,
)
from core.api.etag import check_if_match, etag_of
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import aangemaakt, commit, met_etag
from core.auth.middleware import current_principal
from core.db import db
from core.errors import Problem, invalid
from core.plugins import diensten
from core.tenancy import TenantBlueprint, huidige_afnemer, tenant_get_or_404, tenant_select

blp = TenantBlueprint(
    "aansluitingen",
    __name__,
    suffix="/aansluitingen",
    description="Aansluitingen: een afnemer op een dienst in een omgeving",
)


class LijstArgs(PaginaArgs, AansluitingFilterSchema):
    pass


@blp.route("")
class Aansluitingen(MethodView):
    @blp.arguments(LijstArgs, location="query")
    @blp.response(200, pagina_schema(AansluitingSchema))
    def get(self, args):
        """Aansluitingen opvragen"""
        query = tenant_select(Aansluiting).order_by(
            Aansluiting.dienst, Aansluiting.omgeving, Aansluiting.aangemaakt_op, Aansluiting.id
        )
        if args.get("dienst"):
            query = query.where(Aansluiting.dienst == args["dienst"])
        if args.get("status"):
            query = query.where(Aansluiting.status == args["status"])
        return paginate(query, args)

    @blp.arguments(AansluitingSchema)
    @blp.response(201, AansluitingSchema)
    @blp.problems(403, 409)
    def post(self, data):
        """Aansluiting aanvragen

        De aansluiting begint met status aangevraagd. De ondertekeningsdatum van het
        aanvraagformulier is de datum waarop de voorwaarden gaan gelden (AV 11.1).
        """
        aansluiting = service.aanvragen(huidige_afnemer(), door=current_principal(), **data)
        try:
            commit()
        except IntegrityError:
            # A simultaneous aanvraag won the race; the partial unique index refused this one.
            db.session.rollback()
            raise service.bestaat_al(data["dienst"], data["omgeving"]) from None
        return aangemaakt(
            aansluiting,
            "aansluitingen.AansluitingView",
            afnemer_id=aansluiting.afnemer_id,
            aansluiting_id=aansluiting.id,
        )


@blp.route("/<uuid:aansluiting_id>")
class AansluitingView(MethodView):
    @blp.response(200, AansluitingSchema)
    def get(self, aansluiting_id: uuid.UUID):
        """Eén aansluiting opvragen"""
        return met_etag(tenant_get_or_404(Aansluiting, aansluiting_id))

    @blp.arguments(AansluitingWijzigingSchema)
    @blp.response(200, AansluitingSchema)
    @blp.if_match()
    @blp.problems(403, 409)
    def patch(self, data, aansluiting_id: uuid.UUID):
        """Onderdelen van een aansluiting wijzigen"""
        aansluiting = tenant_get_or_404(Aansluiting, aansluiting_id)
        check_if_match(aansluiting)
        info = diensten().get(aansluiting.dienst)
        if info is None:
            raise Problem(
                409,
                f"De dienst {aansluiting.dienst} is op dit portaal niet beschikbaar; de "
                "onderdelen van deze aansluiting kunnen daarom niet wijzigen.",
                code="dienst-niet-beschikbaar",
            )
        if aansluiting.status == Status.BEEINDIGD:
            raise Problem(409, "Een beëindigde aansluiting wijzigt niet meer.",
                          code="aansluiting-beeindigd")
        fouten = _onderdelen_fouten(info, data["onderdelen"])
        if fouten:
            raise invalid("onderdelen", " ".join(fouten))
        aansluiting.onderdelen = list(data["onderdelen"])
        commit()
        return met_etag(aansluiting)


@blp.route("/<uuid:aansluiting_id>/statuswijzigingen")
class Statuswijzigingen(MethodView):
    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(StatuswijzigingSchema))
    def get(self, args, aansluiting_id: uuid.UUID):
        """De levensloop van een aansluiting"""
        aansluiting = tenant_get_or_404(Aansluiting, aansluiting_id)
        query = (
            tenant_select(Statuswijziging)
            .where(Statuswijziging.aansluiting_id == aansluiting.id)
            .order_by(Statuswijziging.tijdstip, Statuswijziging.id)
        )
        return paginate(query, args)

    @blp.arguments(StatuswijzigingSchema)
    @blp.response(201, StatuswijzigingSchema, headers={
        "ETag": {"description": "De nieuwe ETag van de aansluiting: stuur hem in If-Match bij "
                                "de volgende wijziging ervan", "required": True,
                 "schema": {"type": "string", "example": '"4"'}},
        "Location": {"description": "Het adres van de aansluiting", "required": True,
                     "schema": {"type": "string", "format": "uri"}}})
    @blp.if_match()
    @blp.problems(403, 409)
    def post(self, data, aansluiting_id: uuid.UUID):
        """Status van een aansluiting wijzigen

        Activeren, opschorten en hervatten doet Logius; opschorten vraagt een grondslag
        (AV 5.3 of AV 5.4) en een reden. Een afnemer kan zijn aanvraag intrekken of de
        aansluiting beëindigen. Een niet-toegestane overgang geeft 409. Stuur de ETag van
        de aansluiting mee in If-Match. Het antwoord draagt in `ETag` de nieuwe ETag van
        de aansluiting (voor een volgende wijziging) en in `Location` haar adres.
        """
        aansluiting = tenant_get_or_404(Aansluiting, aansluiting_id)
        check_if_match(aansluiting)
        wijziging = service.wijzig_status(
            aansluiting,
            Status(data["naar"]),
            door=current_principal(),
            grondslag=data.get("grondslag"),
            reden=data.get("reden"),
        )
        commit()
        # The status change is part of the aansluiting's history: the answer points at the
        # aansluiting, with the ETag the next change of it needs.
        return wijziging, 201, {
            "ETag": etag_of(aansluiting),
            "Location": url_for("aansluitingen.AansluitingView", _external=True,
                                afnemer_id=aansluiting.afnemer_id, aansluiting_id=aansluiting.id)}
