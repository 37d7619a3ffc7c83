"""``/afnemers/{afnemerId}/lidmaatschappen`` and ``.../machine-clients``."""

from __future__ import annotations

import uuid

from flask.views import MethodView

from core.api.etag import check_if_match
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import aangemaakt, commit, met_etag
from core.auth.middleware import current_principal
from core.auth.principal import Rol
from core.db import db, utcnow
from core.errors import Problem
from core.gebruikers import service, uitnodiging
from core.gebruikers.models import Lidmaatschap, MachineClient
from core.gebruikers.schemas import (
    LidmaatschapFilterSchema,
    LidmaatschapSchema,
    MachineClientSchema,
    RolWijzigingSchema,
)
from core.tenancy import TenantBlueprint, huidige_afnemer, tenant_get_or_404, tenant_select

leden = TenantBlueprint(
    "lidmaatschappen", __name__, suffix="/lidmaatschappen",
    description="Wie namens de afnemer het portaal gebruikt, met welke rol",
)
clients = TenantBlueprint(
    "machine_clients", __name__, suffix="/machine-clients",
    description="Systemen van de afnemer die met client credentials van de identity provider "
    "de API aanroepen",
)


class LedenArgs(PaginaArgs, LidmaatschapFilterSchema):
    pass


@leden.route("")
class Lidmaatschappen(MethodView):
    @leden.arguments(LedenArgs, location="query")
    @leden.response(200, pagina_schema(LidmaatschapSchema))
    def get(self, args):
        """Lidmaatschappen opvragen"""
        query = tenant_select(Lidmaatschap).order_by(Lidmaatschap.email, Lidmaatschap.id)
        if args.get("status"):
            query = query.where(Lidmaatschap.status == args["status"])
        return paginate(query, args)

    @leden.arguments(LidmaatschapSchema)
    @leden.response(201, LidmaatschapSchema)
    @leden.problems(403, 409)
    def post(self, data):
        """Iemand uitnodigen met een rol

        Het lidmaatschap gaat in zodra iemand inlogt met dit e-mailadres, geverifieerd door
        de identity provider; is die persoon al bekend, dan direct. De uitgenodigde krijgt
        een e-mail met wie uitnodigde, voor welke afnemer, met welke rol, en de link naar de
        console (gebeurtenis `lidmaatschap.uitgenodigd`).
        """
        afnemer = huidige_afnemer()
        lid = service.uitnodigen(afnemer.id, data["email"], Rol(data["rol"]),
                                 door=current_principal())
        db.session.flush()
        uitnodiging.meld(lid, afnemer.naam, current_principal())
        commit()
        return aangemaakt(lid, "lidmaatschappen.LidmaatschapView",
                          afnemer_id=lid.afnemer_id, lidmaatschap_id=lid.id)


@leden.route("/<uuid:lidmaatschap_id>")
class LidmaatschapView(MethodView):
    @leden.response(200, LidmaatschapSchema)
    def get(self, lidmaatschap_id: uuid.UUID):
        """Eén lidmaatschap opvragen"""
        return met_etag(tenant_get_or_404(Lidmaatschap, lidmaatschap_id))

    @leden.arguments(RolWijzigingSchema)
    @leden.response(200, LidmaatschapSchema)
    @leden.if_match()
    @leden.problems(403, 409)
    def patch(self, data, lidmaatschap_id: uuid.UUID):
        """De rol van een lid wijzigen; de laatste beheerder blijft beheerder"""
        lid = tenant_get_or_404(Lidmaatschap, lidmaatschap_id)
        check_if_match(lid)
        service.wijzig_rol(lid, Rol(data["rol"]))
        commit()
        return met_etag(lid)

    @leden.response(204)
    @leden.if_match()
    @leden.problems(403, 409)
    def delete(self, lidmaatschap_id: uuid.UUID):
        """Een lidmaatschap beëindigen; niet dat van de laatste beheerder"""
        lid = tenant_get_or_404(Lidmaatschap, lidmaatschap_id)
        check_if_match(lid)
        service.beeindig(lid)
        commit()


@clients.route("")
class MachineClients(MethodView):
    @clients.arguments(PaginaArgs, location="query")
    @clients.response(200, pagina_schema(MachineClientSchema))
    def get(self, args):
        """Machine clients opvragen"""
        return paginate(tenant_select(MachineClient).order_by(MachineClient.aangemaakt_op,
                                                              MachineClient.id), args)

    @clients.arguments(MachineClientSchema)
    @clients.response(201, MachineClientSchema)
    @clients.problems(403, 409, 503)
    def post(self, data):
        """Een client van de identity provider aan deze afnemer binden

        Tokens die de identity provider met client credentials aan deze client geeft,
        werken daarna voor deze afnemer, met hoogstens de gekozen scopes. Een client-id
        hoort bij precies één afnemer tegelijk. Een afnemer bewijst dat de client de zijne
        is met een access token van die client (`bewijs`); zonder geldig bewijs is het
        antwoord steeds hetzelfde, of de client-id nu vrij is, al bij een andere afnemer
        hoort of niet bestaat. 409 hoort alleen wie de client in handen heeft.
        """
        client = service.bind_client(
            huidige_afnemer().id, data["client_id"], data["naam"], data["scopes"],
            bewijs=data.get("bewijs"), door=current_principal())
        commit()
        return aangemaakt(client, "machine_clients.MachineClientView",
                          afnemer_id=client.afnemer_id, machine_client_id=client.id)


@clients.route("/<uuid:machine_client_id>")
class MachineClientView(MethodView):
    @clients.response(200, MachineClientSchema)
    def get(self, machine_client_id: uuid.UUID):
        """Eén machine client opvragen"""
        return tenant_get_or_404(MachineClient, machine_client_id)

    @clients.response(204)
    @clients.problems(403, 409)
    def delete(self, machine_client_id: uuid.UUID):
        """Een machine client intrekken; zijn tokens werken direct niet meer"""
        client = tenant_get_or_404(MachineClient, machine_client_id)
        if client.ingetrokken_op is not None:
            raise Problem(409, "Deze client is al ingetrokken.", code="al-ingetrokken")
        client.ingetrokken_op = utcnow()
        commit()
