"""Change requests (RfC): the afnemer submits and follows its own, Logius assesses them.

- ``/afnemers/{afnemerId}/wijzigingsverzoeken``: submit (``POST``), list and read the
  afnemer's own requests, each with its history;
- ``.../wijzigingsverzoeken/{id}/statuswijzigingen`` (Logius beheerders): a step, with
  If-Match: ``in-beoordeling``, ``geaccepteerd`` (into a maintenance window) or
  ``afgewezen`` (with a reason);
- ``/wijzigingsverzoeken`` (Logius beheerders): every afnemer's requests, with filters.

Not the same as ``/afnemers/{afnemerId}/wijzigingsmeldingen``, an afnemer's notice of a
change to its own service (AV 2.8).
"""

from __future__ import annotations

import uuid

from flask import url_for
from flask.views import MethodView
from sqlalchemy import select

from core.afnemers.namen import afnemer_namen
from core.api import Blueprint
from core.api.etag import check_if_match, etag_of
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import commit, met_etag
from core.auth.middleware import current_principal
from core.config import API_PREFIX
from core.errors import Problem
from core.tenancy import (
    TenantBlueprint,
    alleen_logius,
    huidige_afnemer,
    tenant_get_or_404,
    tenant_select,
)
from core.wijzigingsverzoeken import service
from core.wijzigingsverzoeken.models import Wijzigingsverzoek
from core.wijzigingsverzoeken.schemas import (
    LogiusWijzigingsverzoekFilterSchema,
    WijzigingsverzoekFilterSchema,
    WijzigingsverzoekInvoerSchema,
    WijzigingsverzoekSchema,
    WijzigingsverzoekStatusstapSchema,
    stap_fouten,
)
from core.wijzigingsverzoeken.status import Status

tenant = TenantBlueprint(
    "wijzigingsverzoeken", __name__, suffix="/wijzigingsverzoeken",
    description="Wijzigingsverzoeken (RfC) op een dienst: indienen met de vier onderdelen die "
                "het serviceniveau van de dienst vraagt, en de beoordeling volgen",
)
logius = Blueprint(
    "logius_wijzigingsverzoeken", __name__, url_prefix=f"{API_PREFIX}/wijzigingsverzoeken",
    description="Alle wijzigingsverzoeken (Logius): beoordelen, inplannen of afwijzen",
)


def weergave(verzoek: Wijzigingsverzoek, namen: dict | None = None) -> dict:
    namen = afnemer_namen([verzoek.afnemer_id]) if namen is None else namen
    artikel, release = service.artikelen(verzoek.dienst)
    gepland = None
    if verzoek.venster_datum is not None:
        gepland = {"onderhoudsvenster": f"{verzoek.venster_omgeving}-"
                                        f"{verzoek.venster_datum.isoformat()}",
                   "omgeving": verzoek.venster_omgeving, "datum": verzoek.venster_datum,
                   "begin_op": verzoek.gepland_begin, "einde_op": verzoek.gepland_eind,
                   "artikel": release}
    uit = {naam: getattr(verzoek, naam) for naam in (
        "id", "afnemer_id", "dienst", "voorgestelde_wijziging", "beoogde_voordelen",
        "huidige_nadelen", "status", "ingediend_op", "ingediend_door", "reden_afwijzing",
        "aangemaakt_op", "gewijzigd_op")}
    return {**uit, "afnemer_naam": namen.get(verzoek.afnemer_id), "artikel": artikel,
            "gepland": gepland, "geschiedenis": verzoek.stappen,
            "indiener": {"naam": verzoek.indiener_naam, "email": verzoek.indiener_email,
                         "telefoon": verzoek.indiener_telefoon}}


def _met_etag(verzoek: Wijzigingsverzoek, status: int = 200, **headers: str):
    antwoord = met_etag(verzoek, status, **headers)
    if not isinstance(antwoord, tuple):
        return antwoord  # 304 Not Modified
    _, code, kop = antwoord
    return weergave(verzoek), code, kop


def _pagina(query, args) -> dict:
    pagina = paginate(query, args)
    namen = afnemer_namen(v.afnemer_id for v in pagina["resultaten"])
    pagina["resultaten"] = [weergave(v, namen) for v in pagina["resultaten"]]
    return pagina


def _filter(query, args):
    for veld in ("status", "dienst", "afnemer_id"):
        if args.get(veld) is not None:
            query = query.where(getattr(Wijzigingsverzoek, veld) == args[veld])
    return query.order_by(Wijzigingsverzoek.ingediend_op.desc(), Wijzigingsverzoek.id)


class LijstArgs(PaginaArgs, WijzigingsverzoekFilterSchema):
    pass


class LogiusLijstArgs(PaginaArgs, LogiusWijzigingsverzoekFilterSchema):
    pass


@tenant.route("")
class Wijzigingsverzoeken(MethodView):
    @tenant.arguments(LijstArgs, location="query")
    @tenant.response(200, pagina_schema(WijzigingsverzoekSchema))
    def get(self, args):
        """De wijzigingsverzoeken van de afnemer, nieuwste eerst"""
        return _pagina(_filter(tenant_select(Wijzigingsverzoek), args), args)

    @tenant.arguments(WijzigingsverzoekInvoerSchema)
    @tenant.response(201, WijzigingsverzoekSchema)
    @tenant.problems(403, 409)
    def post(self, data):
        """Wijzigingsverzoek (RfC) indienen

        Vraag Logius een dienst te wijzigen. Een verzoek noemt de vier onderdelen die het
        serviceniveau van de dienst vraagt (het artikel staat in `artikel`): de indiener
        met naam en e-mailadres, de gewenste wijziging als resultaat beschreven, de
        beoogde voordelen en de huidige nadelen. Ontbreekt er een (of is het leeg), dan
        noemt het antwoord (400) elk ontbrekend onderdeel in `invalidParams`, met de regel.
        Het verzoek gaat over een dienst waarop de afnemer is aangesloten (anders 409). Elke
        stap van de beoordeling komt als gebeurtenis bij de afnemer en per e-mail bij de
        indiener.
        """
        verzoek = service.indienen(huidige_afnemer(), data, door=current_principal())
        commit()
        return _met_etag(verzoek, 201, Location=url_for(
            "wijzigingsverzoeken.WijzigingsverzoekView", _external=True,
            afnemer_id=verzoek.afnemer_id, wijzigingsverzoek_id=verzoek.id))


@tenant.route("/<uuid:wijzigingsverzoek_id>")
class WijzigingsverzoekView(MethodView):
    @tenant.response(200, WijzigingsverzoekSchema, headers={
        "ETag": {"description": "Versie van het wijzigingsverzoek; een stap (POST "
                                ".../statuswijzigingen) vraagt hem in If-Match",
                 "required": True, "schema": {"type": "string", "example": '"2"'}}})
    def get(self, wijzigingsverzoek_id: uuid.UUID):
        """Eén wijzigingsverzoek, met zijn geschiedenis"""
        return _met_etag(tenant_get_or_404(Wijzigingsverzoek, wijzigingsverzoek_id))


@tenant.route("/<uuid:wijzigingsverzoek_id>/statuswijzigingen")
class Statusstappen(MethodView):
    @alleen_logius
    @tenant.arguments(WijzigingsverzoekStatusstapSchema)
    @tenant.response(201, WijzigingsverzoekSchema, headers={
        "ETag": {"description": "De nieuwe ETag van het wijzigingsverzoek", "required": True,
                 "schema": {"type": "string", "example": '"3"'}},
        "Location": {"description": "Het adres van het wijzigingsverzoek", "required": True,
                     "schema": {"type": "string", "format": "uri"}}})
    @tenant.if_match()
    @tenant.problems(403, 409)
    def post(self, data, wijzigingsverzoek_id: uuid.UUID):
        """Een wijzigingsverzoek beoordelen (alleen Logius-beheerder)

        ingediend -> in-beoordeling -> geaccepteerd of afgewezen. Geaccepteerd vraagt
        `onderhoudsvenster`: het id van een komend onderhoudsvenster van de dienst (GET
        /diensten/{slug}/onderhoudsvensters), waarin de wijziging wordt doorgevoerd (het
        artikel staat in `gepland.artikel`); afgewezen vraagt een `reden`. Een stap die vanuit de
        huidige status niet bestaat, geeft 409; een venster dat de dienst niet heeft of dat
        al begon, 400. De afnemer en de indiener horen van elke stap.
        """
        verzoek = tenant_get_or_404(Wijzigingsverzoek, wijzigingsverzoek_id)
        check_if_match(verzoek)
        fouten = stap_fouten(data)
        if fouten:
            namen = ", ".join(dict.fromkeys(f["name"] for f in fouten))
            raise Problem(400, f"De invoer is ongeldig in: {namen}.", code="ongeldige-invoer",
                          invalid_params=fouten)
        service.stap(verzoek, Status(data["status"]), toelichting=data.get("toelichting"),
                     reden=data.get("reden"), onderhoudsvenster=data.get("onderhoudsvenster"),
                     door=current_principal())
        commit()
        return weergave(verzoek), 201, {
            "ETag": etag_of(verzoek),
            "Location": url_for("wijzigingsverzoeken.WijzigingsverzoekView", _external=True,
                                afnemer_id=verzoek.afnemer_id,
                                wijzigingsverzoek_id=verzoek.id)}


@logius.route("")
class AlleWijzigingsverzoeken(MethodView):
    @alleen_logius
    @logius.arguments(LogiusLijstArgs, location="query")
    @logius.response(200, pagina_schema(WijzigingsverzoekSchema))
    @logius.problems(403)
    def get(self, args):
        """Alle wijzigingsverzoeken, nieuwste eerst (alleen Logius-beheerder)"""
        return _pagina(_filter(select(Wijzigingsverzoek), args), args)
