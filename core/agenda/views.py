"""``/afnemers/{id}/deadlines`` (JSON) and the iCalendar feed of the same dates.

The feed lives at ``/agenda/{sleutel}``: calendar applications subscribe by URL
and cannot send a bearer token, so the afnemer's beheerder creates a feed key
(``POST /afnemers/{id}/agenda-sleutel``), shown once; a new key replaces the old one.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import marshmallow as ma
from flask import Response, current_app
from flask.views import MethodView
from icalendar import Alarm, Calendar, Event
from sqlalchemy import select

from core import voorbeelden
from core.agenda import service
from core.agenda.models import AgendaSleutel
from core.api import Blueprint
from core.api.pagination import PaginaArgs, pagina_schema, paginate_list
from core.api.responses import commit
from core.api.schemas import Schema
from core.auth.middleware import current_principal
from core.config import API_PREFIX
from core.db import db, utcnow
from core.errors import Problem
from core.tenancy import TenantBlueprint, huidige_afnemer

deadlines = TenantBlueprint(
    "deadlines", __name__, suffix="/deadlines",
    description="Komende termijnen van de afnemer, uit alle onderdelen van het portaal",
)
sleutel = TenantBlueprint(
    "agenda_sleutel", __name__, suffix="/agenda-sleutel",
    description="Sleutel voor het abonneren op de termijnen in een agenda (iCalendar)",
)
feed = Blueprint("agenda", __name__, url_prefix=f"{API_PREFIX}/agenda",
                 description="Termijnen als iCalendar-feed, om op te abonneren")

PRODID = "-//Logius//Afnemersportaal//NL"


class DeadlineSchema(Schema):
    id = ma.fields.String(metadata={
        "description": "Stabiele id van de deadline",
        "example": "prognose-2027-04-6f1c2b7e"})
    datum = ma.fields.Date(metadata={
        "description": "De dag van de deadline"})
    soort = ma.fields.String(metadata={
        "description": "Soort deadline",
        "example": "prognose"})
    titel = ma.fields.String(metadata={
        "description": "Korte titel",
        "example": voorbeelden.DEADLINE})
    omschrijving = ma.fields.String(metadata={
        "description": "Wat er op die dag moet zijn gebeurd",
        "example": "Lever de prognose voor april 2027 in (AV 2.5)."})
    artikel = ma.fields.String(metadata={
        "description": "Het artikel achter de deadline",
        "example": "AV 2.5"})
    bron = ma.fields.String(metadata={
        "example": "/afnemers/6f1c2b7e-3d4a-4b8e-9c21-7a5e0d9f4b31/prognoseplicht",
                                      "description": "Pad van de resource in deze API"})
    begin_op = ma.fields.AwareDateTime(attribute="begin", allow_none=True, metadata={
        "description": "Bij een termijn met een tijdvak (gepland onderhoud, een "
        "onderhoudsvenster): het begin (UTC); anders null"})
    einde_op = ma.fields.AwareDateTime(attribute="einde", allow_none=True, metadata={
        "description": "Bij een termijn met een tijdvak: het einde (UTC), null als het "
        "niet bekend is"})


class DeadlineArgs(PaginaArgs):
    soort = ma.fields.String(validate=ma.validate.Length(min=1, max=60), metadata={
        "description": "Alleen deadlines van deze soort (zoals `soort` in het antwoord)",
        "example": "prognose"})


class SleutelSchema(Schema):
    feed_url = ma.fields.String(metadata={
        "example": "https://afnemersportaal.logius.nl/api/v1/agenda/4f9c2a7d1e.ics",
        "description": "Het adres om op te abonneren; alleen nu zichtbaar"})
    aangemaakt_op = ma.fields.AwareDateTime()


def _hash(waarde: str) -> str:
    return hashlib.sha256(waarde.encode()).hexdigest()


def ical(afnemer_naam: str, items: list[service.Deadline]) -> bytes:
    """An iCalendar document: one all-day event per deadline, with a reminder a week
    ahead; a deadline with a time span (maintenance, a maintenance window) is an event
    of that span (in UTC; an hour when its end is unknown) with a reminder a day ahead.
    UIDs are stable, so a refreshed subscription updates instead of duplicating."""
    kalender = Calendar()
    kalender.add("prodid", PRODID)
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("x-wr-calname", f"Afnemersportaal: {afnemer_naam}")
    nu = utcnow()
    basis = current_app.config["PUBLIC_URL"].rstrip("/")
    for item in items:
        event = Event()
        event.add("uid", f"{item.id}@afnemersportaal")
        event.add("dtstamp", nu)
        if item.begin is not None:
            event.add("dtstart", item.begin)
            event.add("dtend", item.einde or item.begin + timedelta(hours=1))
        else:
            event.add("dtstart", item.datum)
            event.add("dtend", item.datum + timedelta(days=1))
        event.add("summary", item.titel)
        event.add("description", f"{item.omschrijving}\n\nGrondslag: {item.artikel}.")
        event.add("categories", [item.soort])
        event.add("url", basis + item.bron)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.titel)
        alarm.add("trigger", timedelta(days=-1 if item.begin is not None else -7))
        event.add_component(alarm)
        kalender.add_component(event)
    return kalender.to_ical()


@deadlines.route("")
class Deadlines(MethodView):
    @deadlines.arguments(DeadlineArgs, location="query")
    @deadlines.response(200, pagina_schema(DeadlineSchema))
    def get(self, args):
        """Komende termijnen, eerstvolgende eerst; met `soort` alleen die soort"""
        items = [vars(d) for d in service.deadlines(huidige_afnemer().id)
                 if not args.get("soort") or d.soort == args["soort"]]
        return paginate_list(items, args)


@sleutel.route("")
class Sleutel(MethodView):
    @sleutel.response(201, SleutelSchema)
    @sleutel.problems(403)
    def post(self):
        """Agenda-sleutel aanmaken of vervangen; de feed-URL wordt één keer getoond"""
        afnemer = huidige_afnemer()
        waarde = "agd_" + secrets.token_urlsafe(32)
        record = db.session.execute(
            select(AgendaSleutel).where(AgendaSleutel.afnemer_id == afnemer.id)
        ).scalar_one_or_none()
        if record is None:
            record = AgendaSleutel(afnemer_id=afnemer.id, hash=_hash(waarde),
                                   aangemaakt_door=current_principal().naam)
            db.session.add(record)
        else:
            record.hash = _hash(waarde)
            record.aangemaakt_op = utcnow()
            record.aangemaakt_door = current_principal().naam
        commit()
        url = f"{current_app.config['PUBLIC_URL'].rstrip('/')}{API_PREFIX}/agenda/{waarde}"
        # What is created is the feed: Location is its address (also in the body).
        return {"feed_url": url, "aangemaakt_op": record.aangemaakt_op}, 201, {"Location": url}

    @sleutel.response(204)
    @sleutel.problems(403)
    def delete(self):
        """Agenda-sleutel intrekken; de feed werkt direct niet meer"""
        record = db.session.execute(
            select(AgendaSleutel).where(AgendaSleutel.afnemer_id == huidige_afnemer().id)
        ).scalar_one_or_none()
        if record is not None:
            db.session.delete(record)
            commit()


ICAL_VOORBEELD = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Logius//Afnemersportaal//NL\r\n"
    "BEGIN:VEVENT\r\nUID:prognose-2027@afnemersportaal\r\nDTSTART;VALUE=DATE:20261001\r\n"
    f"SUMMARY:{voorbeelden.ICAL_SAMENVATTING}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@feed.route("/<waarde>")
class Feed(MethodView):
    @feed.alt_response(404, description="Onbekende of ingetrokken sleutel")
    @feed.doc(security=[], responses={"200": {
        "description": "De termijnen als iCalendar (RFC 5545)",
        "content": {"text/calendar": {"schema": {"type": "string"}, "example": ICAL_VOORBEELD}},
        "headers": {"Content-Disposition": {
            "description": "De bestandsnaam van de agenda", "required": True,
            "schema": {"type": "string", "example": 'inline; filename="termijnen.ics"'}}}}})
    @feed.rollen()
    def get(self, waarde: str):
        """Termijnen als iCalendar-feed (met de agenda-sleutel in het pad, zonder token)"""
        record = db.session.execute(
            select(AgendaSleutel).where(AgendaSleutel.hash == _hash(waarde))
        ).scalar_one_or_none()
        if record is None:
            raise Problem(404, "Onbekende of ingetrokken agenda-sleutel.", code="niet-gevonden")
        from core.afnemers.models import Afnemer

        afnemer = db.session.get(Afnemer, record.afnemer_id)
        body = ical(afnemer.naam, service.deadlines(afnemer.id))
        return Response(body, mimetype="text/calendar",
                        headers={"Content-Disposition": 'inline; filename="termijnen.ics"'})


Feed._public = True  # the key in the path is the credential (see the module doc)
