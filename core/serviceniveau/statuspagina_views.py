"""The status page of a dienst as feeds, without a token (feed readers and calendar
applications subscribe by URL and send none):

- ``GET /diensten/{slug}/statusfeed``: Atom (RFC 4287), an entry per open public incident,
  recorded unavailability of the last 30 days and announced maintenance;
- ``GET /diensten/{slug}/onderhoudskalender``: iCalendar (RFC 5545), the maintenance
  windows of the coming months and the announced maintenance.

The page itself is ``GET /diensten/{slug}/status`` (:mod:`core.diensten.views`). Both
feeds show only what that page shows anyone (:mod:`core.serviceniveau.statuspagina`).
"""

from __future__ import annotations

from flask import Response
from flask.views import MethodView

from core import voorbeelden
from core.api import Blueprint
from core.config import API_PREFIX
from core.errors import Problem
from core.plugins import diensten
from core.serviceniveau import statuspagina

blp = Blueprint(
    "statuspagina", __name__, url_prefix=f"{API_PREFIX}/diensten/<string:slug>",
    description="De statuspagina van een dienst als Atom-feed, en zijn onderhoud als "
                "iCalendar-feed: zonder token, om op te abonneren",
)

ATOM = "application/atom+xml"
ATOM_VOORBEELD = (
    '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
    f"<title>Status van {voorbeelden.DIENST_NAAM}</title><entry><title>Storing "
    f"{voorbeelden.DIENST_NAAM} (productie): Authenticatie Midden</title></entry></feed>")
ICAL_VOORBEELD = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Logius//Afnemersportaal//NL\r\n"
    "BEGIN:VEVENT\r\nUID:onderhoudsvenster-voorbeeld-productie-2027-03-08@afnemersportaal\r\n"
    "DTSTART:20270307T230000Z\r\nDTEND:20270308T050000Z\r\n"
    "SUMMARY:Onderhoudsvenster (productie) 00:00-06:00\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def _dienst(slug: str) -> None:
    if diensten().get(slug) is None:
        raise Problem(404, f"Er is geen dienst {slug!r}.", code="niet-gevonden")


def _antwoord(beschrijving: str, mediatype: str, voorbeeld: str) -> dict:
    return {"200": {"description": beschrijving,
                    "content": {mediatype: {"schema": {"type": "string"},
                                            "example": voorbeeld}}}}


@blp.route("/statusfeed")
class Statusfeed(MethodView):
    @blp.alt_response(404, description="Onbekende dienst")
    @blp.doc(security=[], responses=_antwoord(
        "De statuspagina als Atom-feed (RFC 4287)", ATOM, ATOM_VOORBEELD))
    @blp.rollen()
    def get(self, slug: str):
        """Statuspagina als Atom-feed (zonder token)

        Eén item per open incident dat Logius openbaar maakte, per vastgelegde
        onbeschikbaarheid van de laatste 30 dagen (of die nog niet voorbij is) en per
        aangekondigd onderhoud dat nog niet voorbij is; de ids blijven gelijk, zodat een
        feedlezer weet wat al gelezen is. Een dienst zonder serviceniveau heeft een lege
        feed.
        """
        _dienst(slug)
        return Response(statuspagina.atom(slug), mimetype=ATOM)


@blp.route("/onderhoudskalender")
class Onderhoudskalender(MethodView):
    @blp.alt_response(404, description="Onbekende dienst")
    @blp.doc(security=[], responses=_antwoord(
        "Onderhoudsvensters en aangekondigd onderhoud als iCalendar (RFC 5545)",
        "text/calendar", ICAL_VOORBEELD))
    @blp.rollen()
    def get(self, slug: str):
        """Onderhoud als iCalendar-feed (zonder token)

        De onderhoudsvensters uit het serviceniveau van de dienst voor de komende drie
        kalendermaanden (bij elke dienst zoals `GET /diensten/{slug}/onderhoudsvensters`
        ze per maand geeft), en het aangekondigde onderhoud dat nog niet voorbij is, elk
        met begin en einde en een herinnering een dag vooraf. De UID's blijven gelijk, zodat
        een agenda bijwerkt in plaats van verdubbelt.
        """
        _dienst(slug)
        return Response(statuspagina.ical(slug), mimetype="text/calendar")


Statusfeed._public = True  # a feed reader sends no token; the page is public
Onderhoudskalender._public = True  # likewise a calendar application
