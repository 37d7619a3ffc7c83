"""Incidents: the afnemer reports and reads its own, Logius reads all and moves them.

- ``/afnemers/{afnemerId}/incidenten``: report (``POST``), list and read the afnemer's
  own incidents; a Logius beheerder uses the same path to register a report that came
  in by phone (with ``gemeldOp``).
- ``/incidenten`` (Logius beheerders): every incident, with filters; register one Logius
  detected itself or a calamity; change impact and urgency or mark a calamity
  (``PATCH``, If-Match); take a status step (``POST .../statuswijzigingen``, If-Match).

Every answer carries the deadline and the elapsed time as the history says them now.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import url_for
from flask.views import MethodView
from sqlalchemy import select

from core import tijd
from core.api import Blueprint
from core.api.etag import check_if_match, etag_of
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import commit, met_etag
from core.auth.middleware import current_principal
from core.config import API_PREFIX
from core.db import db
from core.errors import Problem
from core.serviceniveau import meldregels
from core.serviceniveau.incidenten import service, volgorde
from core.serviceniveau.incidenten.klok import OPGELOST, Status
from core.serviceniveau.incidenten.models import Incident
from core.serviceniveau.incidenten.schemas import (
    IncidentFilterSchema,
    IncidentMeldingSchema,
    IncidentRegistratieSchema,
    IncidentSchema,
    IncidentWijzigingSchema,
    LogiusIncidentFilterSchema,
    StatusstapSchema,
)
from core.serviceniveau.typen import Uursoort
from core.tenancy import (
    NIET_GEVONDEN,
    TenantBlueprint,
    alleen_logius,
    huidige_afnemer,
    tenant_get_or_404,
    tenant_select,
)
from core.werktijd import Werkkalender

tenant = TenantBlueprint(
    "incidenten", __name__, suffix="/incidenten",
    description="Incidenten op een dienst met een serviceniveau: melden, met prioriteit en "
                "oplostermijn, en de geschiedenis volgen",
)
logius = Blueprint(
    "logius_incidenten", __name__, url_prefix=f"{API_PREFIX}/incidenten",
    description="Alle incidenten (Logius): registreren, prioriteren en afhandelen",
)


# --- answers -------------------------------------------------------------------------


def _kalender(incidenten: Iterable[Incident], nu: datetime) -> Werkkalender | None:
    """One working-day calendar for every office-hours clock of a page."""
    eerste = min((i.gemeld_op for i in incidenten), default=None)
    return meldregels.werkkalender(eerste, nu) if eerste is not None else None


def weergaven(incidenten: list[Incident], nu: datetime | None = None) -> list[dict]:
    nu = nu or tijd.utcnow()
    kantoor = [i for i in incidenten if _soort(i) == Uursoort.KANTOORUREN]
    kalender = _kalender(kantoor, nu) if kantoor else None
    bezorgd = service.bezorgingen(k for i in incidenten for k in i.kennisgevingen)
    return [_weergave(i, nu, kalender, bezorgd) for i in incidenten]


def weergave(incident: Incident) -> dict:
    return weergaven([incident])[0]


def _soort(incident: Incident) -> Uursoort | None:
    sn = meldregels.serviceniveau(incident.dienst)
    oplostijd = sn.oplostijd(incident.omgeving, incident.prioriteit) if sn else None
    return oplostijd.soort if oplostijd else None


def _weergave(incident: Incident, nu: datetime, kalender: Werkkalender | None,
              bezorgd: dict) -> dict:
    sn = meldregels.serviceniveau(incident.dienst)
    oplostijd = sn.oplostijd(incident.omgeving, incident.prioriteit) if sn else None
    stand = service.klok(incident, nu, kalender) if oplostijd else None
    definities = {("impact", d.niveau.value): d.omschrijving for d in sn.impact} if sn else {}
    definities |= {("urgentie", d.niveau.value): d.omschrijving for d in sn.urgentie} if sn else {}
    uit = {naam: getattr(incident, naam) for naam in (
        "id", "afnemer_id", "dienst", "omgeving", "impact", "urgentie", "prioriteit",
        "calamiteit", "omschrijving", "functies", "status", "gemeld_op", "gemeld_door",
        "publiek", "publieke_omschrijving", "aangemaakt_op", "gewijzigd_op")}
    uit |= {
        "impact_omschrijving": definities.get(("impact", incident.impact)),
        "urgentie_omschrijving": definities.get(("urgentie", incident.urgentie)),
        "prioriteit_artikel": sn.prioriteit_artikel if sn else None,
        "oplostijd": {"uren": oplostijd.uren, "soort": oplostijd.soort.value,
                      "artikel": oplostijd.artikel} if oplostijd else None,
        "oplossen_uiterlijk": stand.oplossen_uiterlijk if stand else None,
        "klok_loopt": stand.loopt if stand else None,
        "verstreken_uren": service.uren(stand.verstreken) if stand else None,
        "gepauzeerde_uren": service.uren(stand.gepauzeerd) if stand else None,
        "resterende_uren": service.uren(stand.resterend) if stand else None,
        "opgelost_op": stand.opgelost_op if stand else None,
        "binnen_termijn": stand.binnen_termijn if stand else None,
        "geschiedenis": incident.stappen,
        "kennisgevingen": [_kennisgeving(k, bezorgd.get(k.id, service.Bezorgd()), sn)
                           for k in incident.kennisgevingen],
    }
    return uit


def _kennisgeving(k, bezorgd: service.Bezorgd, sn) -> dict:
    uiterlijk = k.gedetecteerd_op + timedelta(minutes=k.termijn_minuten)
    return {"id": k.id, "reden": k.reden, "gedetecteerd_op": k.gedetecteerd_op,
            "verstuurd_op": k.verstuurd_op, "uiterlijk": uiterlijk,
            "termijn_minuten": k.termijn_minuten, "binnen_termijn": k.verstuurd_op <= uiterlijk,
            "aantal_afnemers": k.aantal_afnemers, "bezorgingen": bezorgd.totaal,
            "bezorgd": bezorgd.bezorgd, "laatst_bezorgd_op": bezorgd.laatste,
            "artikel": sn.meldtermijn_artikel if sn else "AV 2.6"}


def _pagina(query, args) -> dict:
    pagina = paginate(query, args)
    pagina["resultaten"] = weergaven(pagina["resultaten"])
    return pagina


def _filter(query, args):
    for veld in ("dienst", "omgeving", "status", "prioriteit", "afnemer_id", "calamiteit"):
        if args.get(veld) is not None:
            query = query.where(getattr(Incident, veld) == args[veld])
    if args.get("open") is not None:
        opgelost = Incident.status.in_([s.value for s in OPGELOST])
        query = query.where(~opgelost if args["open"] else opgelost)
    if args.get("sorteer") == "resterendeUren":
        # The least time left first, computed in the database (:mod:`.volgorde`); the
        # incidents without a resolution time last.
        rest = volgorde.resterend(query.with_only_columns(Incident.id), tijd.utcnow())
        if rest is not None:
            return query.order_by(rest.asc().nulls_last(), Incident.gemeld_op, Incident.id)
    return query.order_by(Incident.gemeld_op.desc(), Incident.id)


def _met_etag(incident: Incident, status: int = 200, **headers: str):
    antwoord = met_etag(incident, status, **headers)
    if not isinstance(antwoord, tuple):
        return antwoord  # 304 Not Modified
    _, code, kop = antwoord
    return weergave(incident), code, kop


# --- the afnemer's own ---------------------------------------------------------------------


class LijstArgs(PaginaArgs, IncidentFilterSchema):
    pass


class LogiusLijstArgs(PaginaArgs, LogiusIncidentFilterSchema):
    pass


@tenant.route("")
class Incidenten(MethodView):
    @tenant.arguments(LijstArgs, location="query")
    @tenant.response(200, pagina_schema(IncidentSchema))
    def get(self, args):
        """De incidenten van de afnemer, nieuwste melding eerst (of met `sorteer`)"""
        return _pagina(_filter(tenant_select(Incident), args), args)

    @tenant.arguments(IncidentMeldingSchema)
    @tenant.response(201, IncidentSchema)
    @tenant.problems(403, 409)
    def post(self, data):
        """Incident melden

        Meld een incident op een dienst met een serviceniveau, in een omgeving waarop de
        afnemer is aangesloten. Uit impact en urgentie volgt met de matrix van de dienst de
        prioriteit, en daaruit de oplostijd in klok- of kantooruren (`oplossenUiterlijk`).
        Een prioriteit die in de omgeving niet bestaat (zoals prioriteit 1 waar de dienst
        die niet kent) geeft 400 met de regel; een dienst zonder serviceniveau ook. Een
        Logius-beheerder die een telefonische melding vastlegt, geeft `gemeldOp` (in het
        verleden); voor ieder ander geldt het moment van het verzoek. Bij prioriteit 1
        krijgt elke afnemer van de dienst meteen een kennisgeving.
        """
        nu = tijd.utcnow()
        incident = service.melden(huidige_afnemer(), data, door=current_principal(), nu=nu)
        commit()
        return _met_etag(incident, 201, Location=url_for(
            "incidenten.IncidentView", _external=True, afnemer_id=incident.afnemer_id,
            incident_id=incident.id))


@tenant.route("/<uuid:incident_id>")
class IncidentView(MethodView):
    @tenant.response(200, IncidentSchema)
    def get(self, incident_id: uuid.UUID):
        """Eén incident, met zijn geschiedenis en zijn oplostermijn"""
        return weergave(tenant_get_or_404(Incident, incident_id))


# --- Logius --------------------------------------------------------------------------------


def _incident_of_404(incident_id: uuid.UUID) -> Incident:
    incident = db.session.get(Incident, incident_id)
    if incident is None:
        raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
    return incident


@logius.route("")
class AlleIncidenten(MethodView):
    @alleen_logius
    @logius.arguments(LogiusLijstArgs, location="query")
    @logius.response(200, pagina_schema(IncidentSchema))
    @logius.problems(403)
    def get(self, args):
        """Alle incidenten, nieuwste melding eerst (alleen Logius-beheerder)

        Met `sorteer=resterendeUren` komt de minste resterende tijd van de oplostijd eerst,
        zoals `resterendeUren` die nu geeft: te late incidenten voorop, incidenten zonder
        oplostijd achteraan.
        """
        return _pagina(_filter(select(Incident), args), args)

    @alleen_logius
    @logius.arguments(IncidentRegistratieSchema)
    @logius.response(201, IncidentSchema)
    @logius.problems(403)
    def post(self, data):
        """Incident of calamiteit registreren dat Logius zelf vaststelde (alleen Logius-beheerder)

        Een incident zonder meldende afnemer: `gemeldOp` is het moment van vaststellen. Bij
        prioriteit 1 of `calamiteit: true` krijgt elke afnemer van de dienst meteen een
        kennisgeving (bij een calamiteit ook de contactpersonen die 24x7 bereikbaar zijn);
        `kennisgevingen` zegt of die binnen de termijn van de dienst uitging.
        """
        nu = tijd.utcnow()
        incident = service.melden(None, data, door=current_principal(), nu=nu)
        commit()
        return _met_etag(incident, 201, Location=url_for(
            "logius_incidenten.LogiusIncidentView", _external=True, incident_id=incident.id))


@logius.route("/<uuid:incident_id>")
class LogiusIncidentView(MethodView):
    @alleen_logius
    @logius.response(200, IncidentSchema)
    @logius.problems(403)
    def get(self, incident_id: uuid.UUID):
        """Eén incident (alleen Logius-beheerder)"""
        return _met_etag(_incident_of_404(incident_id))

    @alleen_logius
    @logius.arguments(IncidentWijzigingSchema)
    @logius.response(200, IncidentSchema)
    @logius.if_match()
    @logius.problems(403, 409)
    def patch(self, data, incident_id: uuid.UUID):
        """Impact, urgentie, calamiteit of openbaarheid wijzigen (alleen Logius-beheerder)

        Een nieuwe impact of urgentie geeft een nieuwe prioriteit; de oplostermijn wordt
        opnieuw berekend vanaf de melding, met de tijd die de klok al stilstond. Wordt het
        prioriteit 1, of een calamiteit, dan krijgt elke afnemer van de dienst een
        kennisgeving. `publiek: true` toont het open incident op de openbare statuspagina
        van de dienst met `publiekeOmschrijving`. Elke wijziging is een stap in de
        geschiedenis, met wie en wanneer. Stuur alleen wat verandert.
        """
        incident = _incident_of_404(incident_id)
        check_if_match(incident)
        service.wijzig(incident, data, door=current_principal(), nu=tijd.utcnow())
        commit()
        return _met_etag(incident)


@logius.route("/<uuid:incident_id>/statuswijzigingen")
class Statusstappen(MethodView):
    @alleen_logius
    @logius.arguments(StatusstapSchema)
    @logius.response(201, IncidentSchema, headers={
        "ETag": {"description": "De nieuwe ETag van het incident", "required": True,
                 "schema": {"type": "string", "example": '"3"'}},
        "Location": {"description": "Het adres van het incident", "required": True,
                     "schema": {"type": "string", "format": "uri"}}})
    @logius.if_match()
    @logius.problems(403, 409)
    def post(self, data, incident_id: uuid.UUID):
        """Status van een incident wijzigen (alleen Logius-beheerder)

        gemeld -> in-behandeling -> (wacht-op-afnemer) -> opgelost -> gesloten; van
        wacht-op-afnemer terug naar in-behandeling, en van opgelost terug naar
        in-behandeling als de oplossing niet werkt. Zolang het incident op de afnemer wacht,
        staat de klok stil. `op` legt een stap vast die eerder plaatsvond. Het antwoord is
        het incident met zijn nieuwe oplostermijn; een stap die vanuit de huidige status
        niet kan, geeft 409.
        """
        incident = _incident_of_404(incident_id)
        check_if_match(incident)
        service.stap(incident, Status(data["status"]), toelichting=data.get("toelichting"),
                     op=data.get("op"), door=current_principal(), nu=tijd.utcnow())
        commit()
        return weergave(incident), 201, {
            "ETag": etag_of(incident),
            "Location": url_for("logius_incidenten.LogiusIncidentView", _external=True,
                                incident_id=incident.id)}
