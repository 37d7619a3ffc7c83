"""``/intermediairs`` (registered by Logius) and ``/afnemers/{afnemerId}/mandaten``.

An intermediair's own principals see the intermediair, its mandates, its people and its
machine clients; Logius sees every intermediair and registers them, their tokens, their
people (by e-mail) and their machine clients (client ids of the issuer); an afnemer's
people see the
register (to find the supplier they mandate, by KvK-nummer) and grant and revoke their
afnemer's mandates. What an intermediair's principal may do on an afnemer's routes is
decided in one place, by :mod:`core.intermediairs.toegang`.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask import current_app, url_for
from flask.views import MethodView
from sqlalchemy import select

from core.api import Blueprint
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import aangemaakt, commit
from core.auth.middleware import current_principal
from core.auth.models import ApiToken
from core.auth.principal import Rol
from core.config import API_PREFIX
from core.db import db, utcnow
from core.errors import Problem, invalid
from core.gebruikers.models import MachineClient
from core.gebruikers.schemas import MachineClientSchema
from core.gebruikers.service import bind_client
from core.intermediairs import service, uitnodiging
from core.intermediairs.models import Intermediair, IntermediairMedewerker, Mandaat
from core.intermediairs.schemas import (
    IntermediairFilterSchema,
    IntermediairMedewerkerFilterSchema,
    IntermediairMedewerkerSchema,
    IntermediairSchema,
    IntermediairTokenSchema,
    MandaatFilterSchema,
    MandaatSchema,
    NieuwIntermediairTokenSchema,
)
from core.tenancy import (
    NIET_GEVONDEN,
    TenantBlueprint,
    alleen_logius,
    huidige_afnemer,
    tenant_get_or_404,
    tenant_select,
)
from core.tijd import vandaag

blp = Blueprint(
    "intermediairs", __name__, url_prefix=f"{API_PREFIX}/intermediairs",
    description="Intermediairs: leveranciers die namens afnemers handelen, binnen de mandaten "
    "die afnemers hun geven",
)
mandaten = TenantBlueprint(
    "mandaten", __name__, suffix="/mandaten",
    description="Mandaten van de afnemer aan intermediairs: welke diensten, welke soorten "
    "resources, lezen en/of schrijven, tot wanneer",
)
LOGIUS = [Rol.LOGIUS_BEHEERDER.value]


def _zichtbare_intermediair(intermediair_id: uuid.UUID, *, alleen_eigen: bool = False
                            ) -> Intermediair:
    """The intermediair, for Logius and its own principals (and, unless ``alleen_eigen``,
    for an afnemer's people); 404 for another intermediair's principals."""
    principal = current_principal()
    intermediair = db.session.get(Intermediair, intermediair_id)
    eigen = principal.intermediair_id == intermediair_id
    mag = principal.is_logius_beheerder or eigen or (
        not alleen_eigen and principal.intermediair_id is None)
    if intermediair is None or not mag:
        raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
    return intermediair


def _filter_status(query, status: str | None):
    if status == "actief":
        return query.where(Mandaat.ingetrokken_op.is_(None), Mandaat.geldig_tot >= vandaag())
    if status == "ingetrokken":
        return query.where(Mandaat.ingetrokken_op.is_not(None))
    if status == "verlopen":
        return query.where(Mandaat.ingetrokken_op.is_(None), Mandaat.geldig_tot < vandaag())
    return query


class IntermediairLijstArgs(PaginaArgs, IntermediairFilterSchema):
    pass


class MandaatLijstArgs(PaginaArgs, MandaatFilterSchema):
    pass


class MedewerkerLijstArgs(PaginaArgs, IntermediairMedewerkerFilterSchema):
    pass


@blp.route("")
class Intermediairs(MethodView):
    @blp.arguments(IntermediairLijstArgs, location="query")
    @blp.response(200, pagina_schema(IntermediairSchema))
    def get(self, args):
        """Intermediairs opvragen

        Het register van intermediairs, om de leverancier te vinden die u een mandaat wilt
        geven (op KvK-nummer). Een intermediair ziet alleen zichzelf.
        """
        principal = current_principal()
        query = select(Intermediair).order_by(Intermediair.naam, Intermediair.id)
        if principal.intermediair_id is not None:
            query = query.where(Intermediair.id == principal.intermediair_id)
        if args.get("kvk_nummer"):
            query = query.where(Intermediair.kvk_nummer == args["kvk_nummer"])
        return paginate(query, args)

    @alleen_logius
    @blp.arguments(IntermediairSchema)
    @blp.response(201, IntermediairSchema)
    @blp.problems(403, 409)
    def post(self, data):
        """Intermediair registreren (alleen Logius-beheerder)

        Een organisatie die zelf geen afnemer is (een softwareleverancier), met haar
        KvK-nummer. Zij handelt namens een afnemer alleen binnen een mandaat van die afnemer.
        """
        intermediair = service.registreer(door=current_principal(), **data)
        commit()
        return aangemaakt(intermediair, "intermediairs.IntermediairView",
                          intermediair_id=intermediair.id)


@blp.route("/<uuid:intermediair_id>")
class IntermediairView(MethodView):
    @blp.response(200, IntermediairSchema)
    def get(self, intermediair_id: uuid.UUID):
        """Eén intermediair opvragen"""
        return _zichtbare_intermediair(intermediair_id)


@blp.route("/<uuid:intermediair_id>/api-tokens")
class IntermediairTokens(MethodView):
    @alleen_logius
    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(IntermediairTokenSchema))
    def get(self, args, intermediair_id: uuid.UUID):
        """API-tokens van een intermediair opvragen (alleen Logius-beheerder)"""
        _zichtbare_intermediair(intermediair_id)
        return paginate(select(ApiToken).where(ApiToken.intermediair_id == intermediair_id)
                        .order_by(ApiToken.aangemaakt_op.desc(), ApiToken.id), args)

    @alleen_logius
    @blp.arguments(IntermediairTokenSchema)
    @blp.response(201, NieuwIntermediairTokenSchema)
    @blp.problems(403)
    def post(self, data, intermediair_id: uuid.UUID):
        """API-token voor een intermediair aanmaken (alleen Logius-beheerder)

        Het token wordt één keer getoond. Het handelt voor geen enkele afnemer uit zichzelf:
        alleen namens een afnemer die de intermediair een mandaat gaf, binnen dat mandaat.
        """
        intermediair = _zichtbare_intermediair(intermediair_id)
        nu = utcnow()
        verloopt = data.get("verloopt_op")
        maximum = nu + timedelta(days=current_app.config["API_TOKEN_MAX_DAYS"])
        if verloopt is not None and not nu < verloopt <= maximum:
            raise invalid("verlooptOp", "Moet in de toekomst liggen, hooguit 366 dagen vooruit.")
        nieuw = service.geef_token(
            intermediair, naam=data["naam"], scopes=data.get("scopes") or ["read", "write"],
            verloopt_op=verloopt or nu + timedelta(
                days=current_app.config["API_TOKEN_DEFAULT_DAYS"]),
            door=current_principal().naam)
        commit()
        db.session.refresh(nieuw.record)
        body = {**{c: getattr(nieuw.record, c) for c in (
            "id", "naam", "verloopt_op", "scopes", "prefix", "laatst_gebruikt_op",
            "aangemaakt_op", "aangemaakt_door", "ingetrokken_op")}, "token": nieuw.token}
        locatie = url_for("intermediairs.IntermediairTokenView", _external=True,
                          intermediair_id=intermediair.id,
                          intermediair_token_id=nieuw.record.id)
        return body, 201, {"Location": locatie}


@blp.route("/<uuid:intermediair_id>/api-tokens/<uuid:intermediair_token_id>")
class IntermediairTokenView(MethodView):
    def _token(self, intermediair_id: uuid.UUID, token_id: uuid.UUID) -> ApiToken:
        _zichtbare_intermediair(intermediair_id)
        token = db.session.get(ApiToken, token_id)
        if token is None or token.intermediair_id != intermediair_id:
            raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
        return token

    @alleen_logius
    @blp.response(200, IntermediairTokenSchema)
    def get(self, intermediair_id: uuid.UUID, intermediair_token_id: uuid.UUID):
        """Eén API-token van een intermediair opvragen (alleen Logius-beheerder)"""
        return self._token(intermediair_id, intermediair_token_id)

    @alleen_logius
    @blp.response(204)
    @blp.problems(403, 409)
    def delete(self, intermediair_id: uuid.UUID, intermediair_token_id: uuid.UUID):
        """API-token van een intermediair intrekken (alleen Logius-beheerder)"""
        token = self._token(intermediair_id, intermediair_token_id)
        if token.ingetrokken_op is not None:
            raise Problem(409, "Dit token is al ingetrokken.", code="al-ingetrokken")
        token.ingetrokken_op = utcnow()
        commit()


@blp.route("/<uuid:intermediair_id>/mandaten")
class IntermediairMandaten(MethodView):
    @blp.rollen(*LOGIUS)
    @blp.arguments(MandaatLijstArgs, location="query")
    @blp.response(200, pagina_schema(MandaatSchema))
    def get(self, args, intermediair_id: uuid.UUID):
        """De mandaten die afnemers een intermediair gaven

        Voor de intermediair zelf (zijn tokens) en Logius-beheerders; voor anderen bestaat
        deze lijst niet (404).
        """
        _zichtbare_intermediair(intermediair_id, alleen_eigen=True)
        query = select(Mandaat).where(Mandaat.intermediair_id == intermediair_id).order_by(
            Mandaat.aangemaakt_op.desc(), Mandaat.id)
        return paginate(_filter_status(query, args.get("status")), args)


@blp.route("/<uuid:intermediair_id>/medewerkers")
class IntermediairMedewerkers(MethodView):
    @blp.rollen(*LOGIUS)
    @blp.arguments(MedewerkerLijstArgs, location="query")
    @blp.response(200, pagina_schema(IntermediairMedewerkerSchema))
    def get(self, args, intermediair_id: uuid.UUID):
        """Personen van een intermediair opvragen

        Voor Logius-beheerders en de intermediair zelf; voor anderen bestaat deze lijst
        niet (404).
        """
        _zichtbare_intermediair(intermediair_id, alleen_eigen=True)
        query = select(IntermediairMedewerker).where(
            IntermediairMedewerker.intermediair_id == intermediair_id).order_by(
            IntermediairMedewerker.email, IntermediairMedewerker.id)
        if args.get("status"):
            query = query.where(IntermediairMedewerker.status == args["status"])
        return paginate(query, args)

    @alleen_logius
    @blp.arguments(IntermediairMedewerkerSchema)
    @blp.response(201, IntermediairMedewerkerSchema)
    @blp.problems(403, 409)
    def post(self, data, intermediair_id: uuid.UUID):
        """Een persoon van een intermediair uitnodigen (alleen Logius-beheerder)

        Het lidmaatschap gaat in zodra iemand inlogt met dit e-mailadres, geverifieerd door
        de identity provider; is die persoon al bekend, dan direct. Die persoon handelt dan
        namens elke afnemer die de intermediair een mandaat gaf, binnen dat mandaat, en
        voor geen afnemer uit zichzelf. Een persoon hoort bij hooguit één intermediair en
        is dan geen lid van een afnemer: een e-mailadres dat elders al lid of uitgenodigd
        is, geeft 409. De uitgenodigde krijgt een e-mail met wie uitnodigde, voor welke
        intermediair, en de link naar de console (gebeurtenis
        `intermediair.medewerker-uitgenodigd`).
        """
        intermediair = _zichtbare_intermediair(intermediair_id)
        medewerker = service.nodig_medewerker_uit(intermediair, data["email"],
                                                  door=current_principal())
        db.session.flush()
        uitnodiging.meld(medewerker, intermediair, current_principal())
        commit()
        return aangemaakt(medewerker, "intermediairs.IntermediairMedewerkerView",
                          intermediair_id=intermediair.id, medewerker_id=medewerker.id)


@blp.route("/<uuid:intermediair_id>/medewerkers/<uuid:medewerker_id>")
class IntermediairMedewerkerView(MethodView):
    def _medewerker(self, intermediair_id: uuid.UUID,
                    medewerker_id: uuid.UUID) -> IntermediairMedewerker:
        _zichtbare_intermediair(intermediair_id, alleen_eigen=True)
        medewerker = db.session.get(IntermediairMedewerker, medewerker_id)
        if medewerker is None or medewerker.intermediair_id != intermediair_id:
            raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
        return medewerker

    @blp.rollen(*LOGIUS)
    @blp.response(200, IntermediairMedewerkerSchema)
    def get(self, intermediair_id: uuid.UUID, medewerker_id: uuid.UUID):
        """Eén persoon van een intermediair opvragen"""
        return self._medewerker(intermediair_id, medewerker_id)

    @alleen_logius
    @blp.response(204)
    @blp.problems(403, 409)
    def delete(self, intermediair_id: uuid.UUID, medewerker_id: uuid.UUID):
        """Het lidmaatschap van een persoon van een intermediair beëindigen (alleen
        Logius-beheerder)

        Het volgende verzoek van die persoon handelt niet meer namens de intermediair.
        """
        service.beeindig_medewerker(self._medewerker(intermediair_id, medewerker_id))
        commit()


@blp.route("/<uuid:intermediair_id>/machine-clients")
class IntermediairMachineClients(MethodView):
    @blp.rollen(*LOGIUS)
    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(MachineClientSchema))
    def get(self, args, intermediair_id: uuid.UUID):
        """Machine clients van een intermediair opvragen

        Voor Logius-beheerders en de intermediair zelf; voor anderen bestaat deze lijst
        niet (404).
        """
        _zichtbare_intermediair(intermediair_id, alleen_eigen=True)
        return paginate(select(MachineClient).where(
            MachineClient.intermediair_id == intermediair_id).order_by(
            MachineClient.aangemaakt_op, MachineClient.id), args)

    @alleen_logius
    @blp.arguments(MachineClientSchema)
    @blp.response(201, MachineClientSchema)
    @blp.problems(403, 409, 503)
    def post(self, data, intermediair_id: uuid.UUID):
        """Een client van de identity provider aan een intermediair binden (alleen
        Logius-beheerder)

        Tokens die de identity provider met client credentials aan deze client geeft,
        handelen daarna namens elke afnemer die de intermediair een mandaat gaf, binnen dat
        mandaat en met hoogstens de gekozen scopes; voor geen afnemer uit zichzelf. Een
        client-id hoort bij precies één afnemer of intermediair tegelijk (409). Een
        meegestuurd `bewijs` wordt gecontroleerd, zoals bij een afnemer.
        """
        intermediair = _zichtbare_intermediair(intermediair_id)
        client = bind_client(None, data["client_id"], data["naam"], data["scopes"],
                             bewijs=data.get("bewijs"), door=current_principal(),
                             intermediair_id=intermediair.id)
        commit()
        return aangemaakt(client, "intermediairs.IntermediairMachineClientView",
                          intermediair_id=intermediair.id, intermediair_client_id=client.id)


@blp.route("/<uuid:intermediair_id>/machine-clients/<uuid:intermediair_client_id>")
class IntermediairMachineClientView(MethodView):
    def _client(self, intermediair_id: uuid.UUID, client_id: uuid.UUID) -> MachineClient:
        _zichtbare_intermediair(intermediair_id, alleen_eigen=True)
        client = db.session.get(MachineClient, client_id)
        if client is None or client.intermediair_id != intermediair_id:
            raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
        return client

    @blp.rollen(*LOGIUS)
    @blp.response(200, MachineClientSchema)
    def get(self, intermediair_id: uuid.UUID, intermediair_client_id: uuid.UUID):
        """Eén machine client van een intermediair opvragen"""
        return self._client(intermediair_id, intermediair_client_id)

    @alleen_logius
    @blp.response(204)
    @blp.problems(403, 409)
    def delete(self, intermediair_id: uuid.UUID, intermediair_client_id: uuid.UUID):
        """Een machine client van een intermediair intrekken (alleen Logius-beheerder)

        Zijn tokens werken direct niet meer.
        """
        client = self._client(intermediair_id, intermediair_client_id)
        if client.ingetrokken_op is not None:
            raise Problem(409, "Deze client is al ingetrokken.", code="al-ingetrokken")
        client.ingetrokken_op = utcnow()
        commit()


@mandaten.route("")
class Mandaten(MethodView):
    @mandaten.arguments(MandaatLijstArgs, location="query")
    @mandaten.response(200, pagina_schema(MandaatSchema))
    def get(self, args):
        """Mandaten van de afnemer opvragen"""
        query = tenant_select(Mandaat).order_by(Mandaat.aangemaakt_op.desc(), Mandaat.id)
        return paginate(_filter_status(query, args.get("status")), args)

    @mandaten.arguments(MandaatSchema)
    @mandaten.response(201, MandaatSchema)
    @mandaten.problems(403)
    def post(self, data):
        """Een intermediair een mandaat geven

        De intermediair handelt dan namens de afnemer: alleen voor de genoemde diensten en
        soorten resources, lezend en/of schrijvend, tot en met `geldigTot`. Afnemer en
        intermediair krijgen er bericht van (`mandaat.verleend`).
        """
        intermediair = db.session.get(Intermediair, data["intermediair_id"])
        if intermediair is None:
            raise invalid("intermediairId", "Er is geen intermediair met deze id.")
        mandaat = service.verleen(
            huidige_afnemer(), intermediair, diensten=data["diensten"],
            resources=data["resources"], rechten=data["rechten"],
            geldig_tot=data["geldig_tot"], door=current_principal())
        commit()
        return aangemaakt(mandaat, "mandaten.MandaatView", afnemer_id=mandaat.afnemer_id,
                          mandaat_id=mandaat.id)


@mandaten.route("/<uuid:mandaat_id>")
class MandaatView(MethodView):
    @mandaten.response(200, MandaatSchema)
    def get(self, mandaat_id: uuid.UUID):
        """Eén mandaat opvragen"""
        return tenant_get_or_404(Mandaat, mandaat_id)

    @mandaten.response(204)
    @mandaten.problems(403, 409)
    def delete(self, mandaat_id: uuid.UUID):
        """Een mandaat intrekken; het werkt direct niet meer

        Het volgende verzoek van de intermediair voor deze afnemer krijgt 404. Afnemer en
        intermediair krijgen er bericht van (`mandaat.beeindigd`).
        """
        service.trek_in(tenant_get_or_404(Mandaat, mandaat_id), door=current_principal())
        commit()
