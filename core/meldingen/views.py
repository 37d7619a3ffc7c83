"""Webhooks, the delivery log, redelivery, and the event feed of an afnemer.

- ``/afnemers/{id}/webhooks``: endpoints with event-type filters; the signing
  secret is shown once, at creation and at a rotation (``.../geheimrotatie``, the old
  one signs beside it for an overlap); ``.../herhalen`` queues every event since a
  moment again;
- ``/afnemers/{id}/bezorgingen``: every delivery to the afnemer (webhook and
  e-mail) with its attempts (``.../pogingen``, kept across redeliveries);
  ``POST .../{id}/opnieuw`` delivers it again. Redeliveries and replays are limited per
  endpoint (``WEBHOOK_HERBEZORGINGEN_PER_MINUUT``): one more is 429 with Retry-After;
- ``/afnemers/{id}/gebeurtenissen``: the events themselves, for clients that poll.
"""

from __future__ import annotations

import ipaddress
import math
import uuid
from datetime import timedelta
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
from core.db import db, utcnow, vergrendel
from core.errors import Problem, invalid
from core.meldingen.adressen import niet_publiek
from core.meldingen.geheimen import nieuw_geheim, versleutel
from core.meldingen.models import (
    Bezorging,
    BezorgStatus,
    Gebeurtenis,
    Kanaal,
    Poging,
    WebhookEndpoint,
)
from core.meldingen.outbox import abonneert_op
from core.meldingen.typen import ALLE_TYPEN, SOORTEN, TYPE_FILTERS, Ontvanger
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
    falend_sinds = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Sinds wanneer elke bezorging aan dit endpoint mislukt (UTC); null "
                       "als de laatste lukte. Na AFNEMERSPORTAAL_WEBHOOK_UITSCHAKELEN_NA "
                       "(standaard 5 dagen) schakelt het portaal het endpoint uit"})
    uitgeschakeld_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Wanneer het portaal het endpoint uitschakelde (UTC); null als het "
                       "aan staat of de afnemer het zelf uitzette"})
    uitgeschakeld_reden = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Waarom het portaal het endpoint uitschakelde",
        "example": "De ontvanger antwoordde 410 Gone: het endpoint bestaat niet meer."})
    vorig_geheim_geldig_tot = ma.fields.AwareDateTime(
        dump_only=True, allow_none=True, attribute="geheim_vorig_tot", metadata={
            "description": "Na een geheimrotatie: tot wanneer elke bezorging ook met het "
                           "vorige geheim is ondertekend (UTC)"})

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
        if data.get("actief"):  # switched on again: the portal's reason is history
            endpoint.uitgeschakeld_op = endpoint.uitgeschakeld_reden = None
            endpoint.falend_sinds = None
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


def binnen_herbezorglimiet(webhook_id: uuid.UUID) -> None:
    """Count one redelivery or replay of an endpoint in its current minute; past
    ``WEBHOOK_HERBEZORGINGEN_PER_MINUUT`` it is 429 with Retry-After. The endpoint's row
    is locked first, so requests at the same moment are counted one after the other.
    (Written as a plain update: a counter, no change of the endpoint or its ETag.)"""
    vergrendel(WebhookEndpoint, webhook_id)
    venster_op, aantal = db.session.execute(
        select(WebhookEndpoint.herbezorg_venster_op, WebhookEndpoint.herbezorg_aantal)
        .where(WebhookEndpoint.id == webhook_id)).one()
    nu, grens = utcnow(), current_app.config["WEBHOOK_HERBEZORGINGEN_PER_MINUUT"]
    if venster_op is None or nu - venster_op >= MINUUT:
        venster_op, aantal = nu, 0
    if aantal >= grens:
        wacht = max(1, math.ceil((venster_op + MINUUT - nu).total_seconds()))
        raise Problem(429, f"Dit endpoint vroeg al {aantal} herbezorgingen of herhalingen in "
                           f"een minuut; het portaal staat er {grens} per minuut toe. Probeer "
                           f"het over {wacht} seconden opnieuw.",
                      code="herbezorgen-beperkt", headers={"Retry-After": str(wacht)})
    db.session.execute(
        update(WebhookEndpoint).where(WebhookEndpoint.id == webhook_id)
        .values(herbezorg_venster_op=venster_op, herbezorg_aantal=aantal + 1)
        .execution_options(synchronize_session=False))


MINUUT = timedelta(minutes=1)


class GeheimrotatieSchema(Schema):
    overlap_uren = ma.fields.Integer(
        load_default=24, validate=ma.validate.Range(min=0, max=168), metadata={
            "description": "Hoe lang het vorige geheim geldig blijft (uren, 0 tot 168): zo "
                           "lang draagt elke bezorging beide handtekeningen", "example": 24})


class NieuwGeheimSchema(Schema):
    geheim = ma.fields.String(dump_only=True, metadata={
        "example": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "description": "Het nieuwe ondertekengeheim (whsec_...). Alleen nu zichtbaar."})
    vorig_geheim_geldig_tot = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Tot wanneer bezorgingen ook met het vorige geheim zijn ondertekend "
                       "(UTC); null bij een overlap van 0 uur"})


@webhooks.route("/<uuid:webhook_id>/geheimrotatie")
class Geheimrotatie(MethodView):
    @webhooks.arguments(GeheimrotatieSchema, required=False)
    @webhooks.response(200, NieuwGeheimSchema)
    @webhooks.problems(403)
    def post(self, data, webhook_id: uuid.UUID):
        """Ondertekengeheim vervangen; het nieuwe wordt één keer getoond

        Het vorige geheim blijft overlapUren (standaard 24) geldig: zo lang draagt elke
        bezorging in webhook-signature twee handtekeningen, gescheiden door een spatie
        (`v1,<met het nieuwe> v1,<met het vorige>`, Standard Webhooks), zodat de
        ontvanger het nieuwe geheim kan invoeren zonder bezorgingen te missen. Daarna
        alleen die met het nieuwe. Een tweede rotatie binnen de overlap vervangt het
        vorige geheim door het geheim van dat moment.
        """
        endpoint = tenant_get_or_404(WebhookEndpoint, webhook_id)
        geheim, sleutel = nieuw_geheim(), current_app.config["SECRET_KEY"]
        tot = utcnow() + timedelta(hours=data["overlap_uren"]) if data["overlap_uren"] else None
        endpoint.geheim_vorig_versleuteld = endpoint.geheim_versleuteld if tot else None
        endpoint.geheim_vorig_tot = tot
        endpoint.geheim_versleuteld = versleutel(geheim, sleutel)
        commit()
        return {"geheim": geheim, "vorig_geheim_geldig_tot": tot}


class HerhalenSchema(Schema):
    vanaf = ma.fields.AwareDateTime(required=True, metadata={
        "description": "Elke gebeurtenis vanaf dit moment die bij het typefilter van het "
                       "endpoint past, gaat er opnieuw heen. Ten hoogste "
                       "AFNEMERSPORTAAL_WEBHOOK_HERHALEN_MAX_DAGEN (standaard 30) dagen "
                       "terug en niet in de toekomst",
        "example": "2026-11-30T08:00:00+00:00"})


class HerhalingSchema(Schema):
    aantal = ma.fields.Integer(dump_only=True, metadata={
        "description": "Hoeveel gebeurtenissen opnieuw in de wachtrij staan (een bezorging "
                       "die al wacht telt niet en wordt niet dubbel ingepland)",
        "example": 12})
    vanaf = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Het moment vanaf wanneer gebeurtenissen opnieuw bezorgd worden"})


@webhooks.route("/<uuid:webhook_id>/herhalen")
class Herhalen(MethodView):
    @webhooks.arguments(HerhalenSchema)
    @webhooks.response(202, HerhalingSchema)
    @webhooks.problems(403, 409, 429)
    def post(self, data, webhook_id: uuid.UUID):
        """Gebeurtenissen sinds een moment opnieuw bezorgen

        Elke gebeurtenis van de afnemer sinds vanaf die bij het typefilter past, gaat
        (opnieuw) naar dit endpoint, met haar eigen bericht-id: ook een die het endpoint
        nooit kreeg (van voor het bestond of terwijl het uit stond). Een bezorging die
        al wacht, wordt niet dubbel ingepland. Telt mee in de limiet van
        herbezorgingen per endpoint (429 met Retry-After).
        """
        endpoint = tenant_get_or_404(WebhookEndpoint, webhook_id)
        nu, dagen = utcnow(), current_app.config["WEBHOOK_HERHALEN_MAX_DAGEN"]
        if data["vanaf"] < nu - timedelta(days=dagen):
            raise invalid("vanaf", f"Ligt meer dan {dagen} dagen terug; herhalen kan tot "
                                   f"{dagen} dagen terug.", code="range")
        if data["vanaf"] > nu:
            raise invalid("vanaf", "Ligt in de toekomst.", code="range")
        if not endpoint.actief:
            raise Problem(409, "Het endpoint staat uit; zet het eerst aan (PATCH actief).",
                          code="webhook-inactief")
        binnen_herbezorglimiet(endpoint.id)
        gebeurtenissen = [
            g for g in db.session.scalars(
                select(Gebeurtenis).where(Gebeurtenis.afnemer_id == endpoint.afnemer_id,
                                          Gebeurtenis.aangemaakt_op >= data["vanaf"])
                .order_by(Gebeurtenis.aangemaakt_op, Gebeurtenis.id))
            if (s := SOORTEN.get(g.type)) is not None and s.ontvanger == Ontvanger.AFNEMER
            and abonneert_op(endpoint, g.type)]
        bestaand = {b.gebeurtenis_id: b for b in db.session.scalars(
            select(Bezorging).where(Bezorging.webhook_id == endpoint.id,
                                    Bezorging.gebeurtenis_id.in_([g.id for g in gebeurtenissen])))}
        aantal = 0
        for gebeurtenis in gebeurtenissen:
            bezorging = bestaand.get(gebeurtenis.id)
            if bezorging is None:
                db.session.add(Bezorging(
                    id=uuid.uuid4(), gebeurtenis_id=gebeurtenis.id,
                    afnemer_id=endpoint.afnemer_id, kanaal=Kanaal.WEBHOOK.value,
                    webhook_id=endpoint.id, adres=endpoint.url,
                    status=BezorgStatus.WACHTEND.value, pogingen=0, pogingen_totaal=0,
                    volgende_poging_op=nu, aangemaakt_op=nu))
            elif bezorging.status == BezorgStatus.WACHTEND.value:
                continue  # already queued (or being sent): not twice
            else:
                _opnieuw(bezorging, endpoint.url, nu)
            aantal += 1
        commit()
        return {"aantal": aantal, "vanaf": data["vanaf"]}


def _opnieuw(bezorging: Bezorging, url: str | None, nu) -> None:
    """Queue a delivery again as a new series of attempts (its history goes on)."""
    if url is not None:  # to the endpoint's URL as it is now
        bezorging.adres = url
    bezorging.status = BezorgStatus.WACHTEND.value
    bezorging.pogingen = 0
    bezorging.volgende_poging_op = nu
    bezorging.geclaimd_tot = None


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
        "description": "Aantal pogingen in de huidige reeks (opnieuw bezorgen begint een "
                       "nieuwe reeks; .../pogingen geeft ze allemaal)",
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
    gebeurtenis_id = ma.fields.UUID(metadata={
        "description": "Alleen de bezorgingen van deze gebeurtenis (webhooks en e-mails)"})


@bezorgingen.route("")
class Bezorgingen(MethodView):
    @bezorgingen.arguments(BezorgingArgs, location="query")
    @bezorgingen.response(200, pagina_schema(BezorgingSchema))
    def get(self, args):
        """Bezorglog opvragen, nieuwste eerst"""
        query = (tenant_select(Bezorging)
                 .options(joinedload(Bezorging.gebeurtenis))  # its type, in the same query
                 .order_by(Bezorging.aangemaakt_op.desc(), Bezorging.id))
        for key in ("status", "kanaal", "gebeurtenis_id"):
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
    @bezorgingen.problems(403, 409, 429)
    def post(self, bezorging_id: uuid.UUID):
        """Opnieuw bezorgen, met hetzelfde bericht-id

        Een dode of al bezorgde bezorging gaat zo snel mogelijk opnieuw, met een nieuwe
        reeks pogingen; een wachtende wacht niet langer op haar volgende poging. Een die
        al klaarstaat, blijft zoals ze is (niet dubbel ingepland, telt niet mee). Per
        webhook-endpoint kan dit AFNEMERSPORTAAL_WEBHOOK_HERBEZORGINGEN_PER_MINUUT
        (standaard 10) keer per minuut, herhalen meegeteld; daarna 429 met Retry-After.
        """
        bezorging = tenant_get_or_404(Bezorging, bezorging_id)
        nu = utcnow()
        if bezorging.geclaimd_tot is not None and bezorging.geclaimd_tot > nu:
            raise Problem(409, "Deze bezorging wordt op dit moment verstuurd; vraag de "
                               "uitkomst straks op.", code="wordt-verstuurd")
        if bezorging.kanaal == Kanaal.WEBHOOK.value and bezorging.webhook_id is None:
            raise Problem(409, "Het webhook-endpoint van deze bezorging bestaat niet meer.",
                          code="webhook-verwijderd")
        if (bezorging.status == BezorgStatus.WACHTEND.value
                and bezorging.volgende_poging_op <= nu):
            return bezorging  # already due: queued once is enough
        url = None
        if bezorging.webhook_id is not None:
            binnen_herbezorglimiet(bezorging.webhook_id)
            url = db.session.get(WebhookEndpoint, bezorging.webhook_id).url
        _opnieuw(bezorging, url, nu)
        commit()
        return bezorging


class PogingSchema(Schema):
    nummer = ma.fields.Integer(dump_only=True, metadata={
        "description": "Volgnummer van de poging, doorlopend over alle reeksen (ook na "
                       "opnieuw bezorgen)", "example": 3})
    op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Begin van de poging (UTC)"})
    duur_ms = ma.fields.Integer(dump_only=True, metadata={
        "description": "Hoe lang de poging duurde, in milliseconden", "example": 182})
    uitkomst = ma.fields.String(dump_only=True, metadata={
        "description": "'bezorgd', of de fout zoals laatsteFout haar geeft (bij een webhook "
                       "een grove soort: 'timeout', 'tls', 'http-status <code>', 'geweigerd')",
        "example": "http-status 503"})
    http_status = ma.fields.Integer(dump_only=True, allow_none=True, metadata={
        "description": "De HTTP-status van de ontvanger; null als die niet antwoordde of "
                       "bij e-mail", "example": 503})
    adres = ma.fields.String(dump_only=True, metadata={
        "description": "Waar de poging heen ging: de URL van het endpoint op dat moment, of "
                       "het e-mailadres",
        "example": "https://zaken.voorbeeldstad.nl/logius/webhooks"})


@bezorgingen.route("/<uuid:bezorging_id>/pogingen")
class Pogingen(MethodView):
    @bezorgingen.arguments(PaginaArgs, location="query")
    @bezorgingen.response(200, pagina_schema(PogingSchema))
    def get(self, args, bezorging_id: uuid.UUID):
        """Pogingen van een bezorging opvragen, nieuwste eerst

        Elke poging blijft bewaard, ook na opnieuw bezorgen of herhalen (de nummers
        lopen door); van een bezorging blijven de laatste
        AFNEMERSPORTAAL_WEBHOOK_POGINGEN_BEWAARD (standaard 50).
        """
        bezorging = tenant_get_or_404(Bezorging, bezorging_id)
        return paginate(tenant_select(Poging).where(Poging.bezorging_id == bezorging.id)
                        .order_by(Poging.nummer.desc()), args)


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
