"""Webhooks, the delivery log, redelivery, and the event feed of an afnemer.

- ``/afnemers/{id}/webhooks``: endpoints with event-type filters; the signing
  secret is shown once, at creation;
- ``/afnemers/{id}/bezorgingen``: every delivery to the afnemer (webhook and
  e-mail) with its attempts; ``POST .../{id}/opnieuw`` delivers it again;
- ``/afnemers/{id}/gebeurtenissen``: the events themselves, for clients that poll.
"""

from __future__ import annotations

import ipaddress
import uuid
from urllib.parse import urlsplit

import marshmallow as ma
from flask import current_app
from flask.views import MethodView
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from core.api import fields
from core.api.etag import check_if_match
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import aangemaakt, commit, met_etag
from core.api.schemas import Schema, WijzigingMixin
from core.db import db, utcnow
from core.errors import Problem
from core.meldingen.adressen import niet_publiek
from core.meldingen.geheimen import nieuw_geheim, versleutel
from core.meldingen.models import Bezorging, BezorgStatus, Gebeurtenis, Kanaal, WebhookEndpoint
from core.meldingen.typen import ALLE_TYPEN, TYPE_FILTERS
from core.quota import binnen_quotum
from core.tenancy import TenantBlueprint, huidige_afnemer, tenant_get_or_404, tenant_select

webhooks = TenantBlueprint(
    "webhooks", __name__, suffix="/webhooks",
    description="Webhook-endpoints van de afnemer: ondertekend volgens Standard Webhooks",
)
bezorgingen = TenantBlueprint(
    "bezorgingen", __name__, suffix="/bezorgingen",
    description="Bezorglog: elke webhook- en e-mailbezorging met haar pogingen",
)
gebeurtenissen = TenantBlueprint(
    "gebeurtenissen", __name__, suffix="/gebeurtenissen",
    description="Gebeurtenissen voor de afnemer, om op te vragen in plaats van te ontvangen",
)



class _LiveOneOf(ma.validate.OneOf):
    """OneOf whose message lists the choices as they are now, not as at import."""

    @property
    def choices_text(self) -> str:
        return ", ".join(str(choice) for choice in self.choices)

    @choices_text.setter
    def choices_text(self, _value: str) -> None:
        pass


def _live_keuze(waarden: list[str], **kwargs) -> ma.fields.String:
    """A choice from a list that grows when a plugin declares event types (the list
    object itself is kept, not a copy; see core.meldingen.typen)."""
    return ma.fields.String(validate=_LiveOneOf(waarden, error="Kies een van: {choices}."),
                            metadata={"enum": waarden, **kwargs.pop("metadata", {})}, **kwargs)


def _url_fout(url: str) -> str | None:
    """An https URL to a public address, or in development also http to loopback."""
    parts = urlsplit(url)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        return "Moet een volledige https-URL zijn."
    if parts.username or parts.password:
        return "Zet geen inloggegevens in de URL; controleer de handtekening."
    if parts.scheme == "http":
        try:
            loopback = ipaddress.ip_address(parts.hostname).is_loopback
        except ValueError:
            loopback = parts.hostname == "localhost"
        if not loopback or current_app.config["ENVIRONMENT"] != "development":
            return "Moet https zijn (http alleen naar localhost, in development)."
    if current_app.config["ENVIRONMENT"] != "development":
        return niet_publiek(parts.hostname)  # no internal address (core.meldingen.adressen)
    return None


class WebhookSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    url = fields.tekst(2000, required=True,
                       metadata={"description": "Het https-adres waar de bezorgingen naartoe "
                                 "gaan",
                                 "example": "https://zaken.voorbeeldstad.nl/logius/webhooks"})
    omschrijving = fields.tekst(200, load_default=None, allow_none=True, metadata={
        "description": "Waarvoor het endpoint is",
        "example": "Zaaksysteem"})
    typen = ma.fields.List(
        _live_keuze(TYPE_FILTERS), load_default=list,
        metadata={"description": "Alleen deze gebeurtenistypen (of families als "
                  "'aankondiging.*'); leeg is alles", "default": []},
    )
    actief = ma.fields.Boolean(load_default=True, metadata={
        "description": "Alleen actieve endpoints krijgen bezorgingen",
        "example": False})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)

    @ma.validates("url")
    def _url(self, value, **_kwargs):
        fout = _url_fout(value)
        if fout:
            raise ma.ValidationError(fout)


class NieuweWebhookSchema(WebhookSchema):
    geheim = ma.fields.String(
        dump_only=True,
        metadata={"example": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                  "description": "Het ondertekengeheim (whsec_...). Alleen nu zichtbaar."},
    )


class WebhookWijzigingSchema(WijzigingMixin, WebhookSchema):
    pass


@webhooks.route("")
class Webhooks(MethodView):
    @webhooks.arguments(PaginaArgs, location="query")
    @webhooks.response(200, pagina_schema(WebhookSchema))
    def get(self, args):
        """Webhooks opvragen"""
        return paginate(tenant_select(WebhookEndpoint).order_by(WebhookEndpoint.aangemaakt_op,
                                                                WebhookEndpoint.id), args)

    @webhooks.arguments(WebhookSchema)
    @webhooks.response(201, NieuweWebhookSchema)
    @webhooks.problems(403, 409)
    def post(self, data):
        """Webhook registreren; het ondertekengeheim wordt één keer getoond

        Elke bezorging draagt de headers webhook-id (gelijk bij elke nieuwe poging),
        webhook-timestamp en webhook-signature volgens Standard Webhooks.
        """
        binnen_quotum(huidige_afnemer(), "webhooks")
        geheim = nieuw_geheim()
        endpoint = WebhookEndpoint(
            afnemer_id=huidige_afnemer().id, url=data["url"], omschrijving=data["omschrijving"],
            typen=sorted(set(data["typen"])), actief=data["actief"],
            geheim_versleuteld=versleutel(geheim, current_app.config["SECRET_KEY"]),
        )
        db.session.add(endpoint)
        commit()
        response, status, headers = aangemaakt(endpoint, "webhooks.WebhookView",
                                               afnemer_id=endpoint.afnemer_id,
                                               webhook_id=endpoint.id)
        body = {k: getattr(endpoint, k) for k in (
            "id", "url", "omschrijving", "typen", "actief", "aangemaakt_op", "gewijzigd_op")}
        return {**body, "geheim": geheim}, status, headers


@webhooks.route("/<uuid:webhook_id>")
class WebhookView(MethodView):
    @webhooks.response(200, WebhookSchema)
    def get(self, webhook_id: uuid.UUID):
        """Eén webhook opvragen (zonder geheim)"""
        return met_etag(tenant_get_or_404(WebhookEndpoint, webhook_id))

    @webhooks.arguments(WebhookWijzigingSchema)
    @webhooks.response(200, WebhookSchema)
    @webhooks.if_match()
    @webhooks.problems(403)
    def patch(self, data, webhook_id: uuid.UUID):
        """Webhook wijzigen (URL, filter, actief)"""
        endpoint = tenant_get_or_404(WebhookEndpoint, webhook_id)
        check_if_match(endpoint)
        for key, value in data.items():
            setattr(endpoint, key, sorted(set(value)) if key == "typen" else value)
        if "url" in data:
            # What is still to be sent (or may be resent) goes to the new URL, and says
            # so; the worker reads the endpoint's URL at each attempt as well.
            db.session.execute(
                update(Bezorging)
                .where(Bezorging.webhook_id == endpoint.id,
                       Bezorging.status != BezorgStatus.BEZORGD.value)
                .values(adres=endpoint.url)
                .execution_options(synchronize_session=False))
        commit()
        return met_etag(endpoint)

    @webhooks.response(204)
    @webhooks.if_match()
    @webhooks.problems(403)
    def delete(self, webhook_id: uuid.UUID):
        """Webhook verwijderen; openstaande bezorgingen eraan worden niet meer verstuurd"""
        endpoint = tenant_get_or_404(WebhookEndpoint, webhook_id)
        check_if_match(endpoint)
        db.session.delete(endpoint)
        commit()


class BezorgingSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    gebeurtenis_id = ma.fields.UUID(dump_only=True)
    type = ma.fields.String(dump_only=True, attribute="gebeurtenis.type", metadata={
        "description": "Type van de gebeurtenis",
        "example": "aankondiging.voorwaardenwijziging"})
    kanaal = ma.fields.String(dump_only=True, metadata={"description": "webhook of e-mail",
                                                        "enum": [k.value for k in Kanaal]})
    webhook_id = ma.fields.UUID(dump_only=True, allow_none=True)
    adres = ma.fields.String(dump_only=True, metadata={
        "description": "De URL of het e-mailadres",
        "example": "https://zaken.voorbeeldstad.nl/logius/webhooks"})
    status = ma.fields.String(dump_only=True, metadata={"description": "Waar de bezorging staat",
                                                        "enum": [s.value for s in BezorgStatus]})
    pogingen = ma.fields.Integer(dump_only=True, metadata={
        "description": "Aantal pogingen tot nu toe",
        "example": 1})
    volgende_poging_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Tijdstip van de volgende poging (UTC)"})
    laatste_poging_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Tijdstip van de laatste poging (UTC)"})
    laatste_fout = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "De fout van de laatste poging, als die mislukte. Bij een webhook "
                       "een grove soort: 'timeout', 'tls', 'http-status <code>', 'geweigerd' "
                       "(geen verbinding) of 'geweigerd: geen publiek adres'; de precieze "
                       "fout staat alleen in het serverlog",
        "example": "http-status 503"})
    bezorgd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Tijdstip van bezorgen (UTC); null zolang niet bezorgd"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)


class BezorgingArgs(PaginaArgs):
    status = fields.keuze([s.value for s in BezorgStatus], metadata={
        "description": "Alleen bezorgingen met deze status"})
    kanaal = fields.keuze([k.value for k in Kanaal], metadata={
        "description": "Alleen bezorgingen via dit kanaal"})


@bezorgingen.route("")
class Bezorgingen(MethodView):
    @bezorgingen.arguments(BezorgingArgs, location="query")
    @bezorgingen.response(200, pagina_schema(BezorgingSchema))
    def get(self, args):
        """Bezorglog opvragen, nieuwste eerst"""
        query = (tenant_select(Bezorging)
                 .options(joinedload(Bezorging.gebeurtenis))  # its type, in the same query
                 .order_by(Bezorging.aangemaakt_op.desc(), Bezorging.id))
        for key in ("status", "kanaal"):
            if args.get(key):
                query = query.where(getattr(Bezorging, key) == args[key])
        return paginate(query, args)


@bezorgingen.route("/<uuid:bezorging_id>")
class BezorgingView(MethodView):
    @bezorgingen.response(200, BezorgingSchema)
    def get(self, bezorging_id: uuid.UUID):
        """Eén bezorging opvragen"""
        return tenant_get_or_404(Bezorging, bezorging_id)


@bezorgingen.route("/<uuid:bezorging_id>/opnieuw")
class Opnieuw(MethodView):
    @bezorgingen.response(202, BezorgingSchema)
    @bezorgingen.problems(403, 409)
    def post(self, bezorging_id: uuid.UUID):
        """Opnieuw bezorgen, met hetzelfde bericht-id

        Een dode of al bezorgde bezorging gaat zo snel mogelijk opnieuw, met een nieuwe
        reeks pogingen; een wachtende wacht niet langer op haar volgende poging.
        """
        bezorging = tenant_get_or_404(Bezorging, bezorging_id)
        if bezorging.geclaimd_tot is not None and bezorging.geclaimd_tot > utcnow():
            raise Problem(409, "Deze bezorging wordt op dit moment verstuurd; vraag de "
                               "uitkomst straks op.", code="wordt-verstuurd")
        if bezorging.kanaal == Kanaal.WEBHOOK.value and bezorging.webhook_id is None:
            raise Problem(409, "Het webhook-endpoint van deze bezorging bestaat niet meer.",
                          code="webhook-verwijderd")
        if bezorging.webhook_id is not None:  # to the endpoint's URL as it is now
            bezorging.adres = db.session.get(WebhookEndpoint, bezorging.webhook_id).url
        bezorging.status = BezorgStatus.WACHTEND.value
        bezorging.pogingen = 0
        bezorging.volgende_poging_op = utcnow()
        bezorging.geclaimd_tot = None
        commit()
        return bezorging


class GebeurtenisSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    type = ma.fields.String(dump_only=True, metadata={"description": "Type van de gebeurtenis",
                                                      "enum": ALLE_TYPEN})
    onderwerp = ma.fields.String(dump_only=True, metadata={
        "description": "Onderwerp, zoals in de e-mail",
        "example": "Nieuwe versie van de Algemene Voorwaarden"})
    tekst = ma.fields.String(dump_only=True, metadata={
        "description": "De tekst, zoals in de e-mail",
        "example": "Per 1 juli 2027 geldt versie 1.2 van de Algemene Voorwaarden."})
    data = ma.fields.Dict(dump_only=True, metadata={
        "description": "De gegevens van de gebeurtenis (data van het CloudEvent)",
        "example": {'aankondigingId': '6f1c2b7e-3d4a-4b8e-9c21-7a5e0d9f4b31'}})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)


class GebeurtenisArgs(PaginaArgs):
    type = _live_keuze(ALLE_TYPEN, metadata={
        "description": "Alleen gebeurtenissen van dit type"})
    na = ma.fields.AwareDateTime(metadata={"description": "Alleen gebeurtenissen na dit moment"})


@gebeurtenissen.route("")
class Gebeurtenissen(MethodView):
    @gebeurtenissen.arguments(GebeurtenisArgs, location="query")
    @gebeurtenissen.response(200, pagina_schema(GebeurtenisSchema))
    def get(self, args):
        """Gebeurtenissen opvragen, oudste eerst (om bij te houden met 'na')"""
        query = tenant_select(Gebeurtenis).order_by(Gebeurtenis.aangemaakt_op, Gebeurtenis.id)
        if args.get("type"):
            query = query.where(Gebeurtenis.type == args["type"])
        if args.get("na"):
            query = query.where(Gebeurtenis.aangemaakt_op > args["na"])
        return paginate(query, args)


@gebeurtenissen.route("/<uuid:gebeurtenis_id>")
class GebeurtenisView(MethodView):
    @gebeurtenissen.response(200, GebeurtenisSchema)
    def get(self, gebeurtenis_id: uuid.UUID):
        """Eén gebeurtenis opvragen"""
        return tenant_get_or_404(Gebeurtenis, gebeurtenis_id)


__all__ = ["bezorgingen", "gebeurtenissen", "select", "webhooks"]
