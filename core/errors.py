"""One error shape for the whole API: RFC 9457 problem details.

Everything that goes wrong leaves as ``application/problem+json``: validation
errors (400, all fields at once in ``invalidParams``), authentication (401 with a
``WWW-Authenticate`` header), authorisation (403, or 404 where existence must not
leak), routing errors (404, 405), conflicts (409), preconditions (412, 428) and
crashes (500, without internals). Code raises :class:`Problem` or calls
:func:`abort`; the handlers registered by :func:`register_error_handlers` do the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, json, request
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from core import foutteksten

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:nl:logius:afnemersportaal:probleem:"

# Dutch titles for the statuses the API answers with.
TITLES = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet leverbaar formaat",
    409: "Conflict",
    412: "Voorwaarde niet vervuld",
    413: "Verzoek te groot",
    415: "Mediatype niet ondersteund",
    422: "Niet verwerkbaar",
    428: "Voorwaarde vereist",
    429: "Te veel verzoeken",
    500: "Interne fout",
    503: "Dienst niet beschikbaar",
}


@dataclass(frozen=True)
class Probleemcode:
    """One value of ``code`` (and of the last segment of ``type``) in a problem answer."""

    code: str
    statussen: tuple[int, ...]
    omschrijving: str


#: Every ``code`` the API answers with, in one place: the OpenAPI document lists them in
#: the Problem schema, and ``tests/test_errors.py`` checks that every code raised in the
#: code base is here. Add a code here before raising it. Clients should treat an unknown
#: code as its status (new codes may be added), so the document does not make it an enum.
CODES: dict[str, Probleemcode] = {c.code: c for c in (
    Probleemcode("ongeldige-invoer", (400,),
                 "De invoer is ongeldig; invalidParams noemt elk ongeldig veld tegelijk."),
    Probleemcode("ongeldig-verzoek", (400,),
                 "Het verzoek is niet te verwerken (bijvoorbeeld een onleesbare header)."),
    Probleemcode("niet-geauthenticeerd", (401,),
                 "Geen token, of een onbekend, verlopen of ingetrokken token."),
    Probleemcode("geen-toegang", (403,), "U mag deze bewerking niet uitvoeren."),
    Probleemcode("niet-de-eigenaar", (403,),
                 "Deze stap van de aansluitroute is van de andere partij (afnemer of "
                 "Logius); alleen die rondt hem af."),
    Probleemcode("onvoldoende-scope", (403,),
                 "Het token heeft niet de scope (read of write) die de bewerking vraagt."),
    Probleemcode("alleen-lezen", (403,),
                 "Uw rol bij deze afnemer (afnemer-medewerker) geeft alleen leesrechten."),
    Probleemcode("alleen-logius", (403,),
                 "Alleen een Logius-beheerder mag dit (bij verbruik ook het productteam van "
                 "de dienst)."),
    Probleemcode("geen-productteam", (403,),
                 "Alleen het productteam van deze dienst of een Logius-beheerder mag dit."),
    Probleemcode("geen-route", (404,),
                 "De dienst heeft voor deze omgeving geen aansluitroute."),
    Probleemcode("niet-gevonden", (404,),
                 "De resource bestaat niet, of u heeft er geen toegang toe (elke 404)."),
    Probleemcode("methode-niet-toegestaan", (405,),
                 "Deze methode is op deze resource niet toegestaan; zie de Allow-header."),
    Probleemcode("conflict", (409,), "De wijziging botst met bestaande gegevens."),
    Probleemcode("oin-bestaat-al", (409,), "Er is al een afnemer met dit OIN."),
    Probleemcode("aansluiting-bestaat-al", (409,),
                 "De afnemer heeft al een lopende aansluiting op deze dienst en omgeving."),
    Probleemcode("ongeldige-statusovergang", (409,),
                 "Deze statusovergang bestaat niet; huidigeStatus en toegestaneStatussen "
                 "zeggen wat wel kan."),
    Probleemcode("aansluiting-beeindigd", (409,), "Een beëindigde aansluiting wijzigt niet meer."),
    Probleemcode("dienst-niet-beschikbaar", (409,),
                 "De dienst van deze aansluiting is op dit portaal niet beschikbaar."),
    Probleemcode("dienst-uitgeschakeld", (409,),
                 "Logius heeft de dienst in deze omgeving uitgeschakeld: geen nieuwe "
                 "aansluitingen; bestaande en hun gegevens blijven."),
    Probleemcode("laatste-algemene-contactpersoon", (409,),
                 "De laatste algemene contactpersoon blijft (AV 2.4)."),
    Probleemcode("al-ingetrokken", (409,), "Dit token of deze client is al ingetrokken."),
    Probleemcode("mandaat-beeindigd", (409,), "Dit mandaat is al ingetrokken."),
    Probleemcode("kvk-bestaat-al", (409,), "Er is al een intermediair met dit KvK-nummer."),
    Probleemcode("al-lid", (409,),
                 "Dit e-mailadres is al lid of uitgenodigd; zie bestaandLidmaatschap."),
    Probleemcode("laatste-beheerder", (409,), "De laatste beheerder van een afnemer blijft."),
    Probleemcode("lidmaatschap-beeindigd", (409,), "Een beëindigd lidmaatschap wijzigt niet meer."),
    Probleemcode("client-bestaat-al", (409,),
                 "Deze client-id is al aan een afnemer of intermediair gebonden."),
    Probleemcode("versie-bestaat-al", (409,), "Deze koppelvlakversie bestaat al."),
    Probleemcode("wordt-verstuurd", (409,), "Deze bezorging wordt op dit moment verstuurd."),
    Probleemcode("webhook-verwijderd", (409,),
                 "Het webhook-endpoint van deze bezorging bestaat niet meer."),
    Probleemcode("webhook-inactief", (409,),
                 "Het webhook-endpoint staat uit; zet het eerst aan."),
    Probleemcode("geen-reactie-nodig", (409,),
                 "Op dit soort aankondiging wordt niet gereageerd."),
    Probleemcode("al-gereageerd", (409,),
                 "De afnemer heeft al gereageerd; besluit noemt het besluit."),
    Probleemcode("tarief-ontbreekt", (409,),
                 "Een tarief dat de berekening nodig heeft, is niet vastgesteld; dienst, jaar "
                 "en tariefcode noemen het."),
    Probleemcode("btw-tarief-ontbreekt", (409,),
                 "Het btw-tarief van het jaar (jaar) is niet vastgesteld."),
    Probleemcode("voorcalculatie-vastgelegd", (409,),
                 "De voorcalculatie ligt vast sinds het jaar begon; alleen Logius wijzigt hem."),
    Probleemcode("feestdag-bestaat-al", (409,),
                 "Deze datum is al een feestdag; wijzig die in plaats van er een toe te "
                 "voegen."),
    Probleemcode("ongeldige-verzoekstap", (409,),
                 "Deze stap bestaat niet vanuit de status die het wijzigingsverzoek nu heeft; "
                 "de detail noemt de stappen die wel kunnen."),
    Probleemcode("geen-aansluiting", (409,),
                 "De afnemer heeft (of had) geen aansluiting op deze dienst in deze omgeving."),
    Probleemcode("geen-serviceniveau", (409,),
                 "De dienst heeft (niet meer) een serviceniveau: er geldt geen termijn."),
    Probleemcode("ongeldige-incidentstap", (409,),
                 "Deze stap bestaat niet vanuit de status die het incident nu heeft; de "
                 "detail noemt de stappen die wel kunnen."),
    Probleemcode("al-beantwoord", (409,), "Deze vraag of klacht is al beantwoord."),
    Probleemcode("periode-overlapt", (409,),
                 "De nieuwe periode valt (deels) in een periode die al is vastgelegd; periode "
                 "noemt die periode met haar id en data."),
    Probleemcode("keuze-past-niet", (409,),
                 "Dit kan alleen bij een andere keuze dan de afnemer nu heeft gemaakt; de "
                 "detail noemt de keuze die nodig is."),
    Probleemcode("stap-al-afgerond", (409,), "Deze stap van de aansluitroute is al afgerond."),
    Probleemcode("stap-niet-afgerond", (409,),
                 "Alleen een afgeronde stap van de aansluitroute kan worden afgewezen."),
    Probleemcode("stap-wacht", (409,),
                 "De stap wacht nog op eerdere stappen van de aansluitroute; openStappen "
                 "noemt ze."),
    Probleemcode("route-niet-af", (409,),
                 "Deze statusovergang wacht op stappen van de aansluitroute die nog open "
                 "staan; openStappen noemt ze."),
    Probleemcode("quotum-bereikt", (409,),
                 "De afnemer heeft er al zoveel als het portaal per afnemer toestaat; "
                 "verwijder of trek er een in."),
    Probleemcode("idempotentie-bezig", (409,),
                 "Een verzoek met dezelfde Idempotency-Key wordt nog verwerkt; probeer het "
                 "na Retry-After opnieuw."),
    Probleemcode("verouderde-versie", (412,),
                 "De ETag in If-Match is niet (meer) die van de resource: haal hem opnieuw op."),
    Probleemcode("verzoek-te-groot", (413,), "De body van het verzoek is te groot."),
    Probleemcode("url-te-lang", (414,),
                 "Het pad met de queryparameters is langer dan het portaal aanneemt."),
    Probleemcode("mediatype-niet-ondersteund", (415,),
                 "De Content-Type van de body wordt hier niet aangenomen; "
                 "ondersteundeMediatypes noemt wat wel."),
    Probleemcode("idempotentie-sleutel-hergebruikt", (422,),
                 "Deze Idempotency-Key is al gebruikt voor een ander verzoek (ander pad of "
                 "andere body)."),
    Probleemcode("if-match-vereist", (428,),
                 "Deze wijziging vraagt If-Match met de ETag van de resource."),
    Probleemcode("te-veel-verzoeken", (429,),
                 "Meer verzoeken dan de limiet per token of per adres toestaat; de headers "
                 "RateLimit en Retry-After zeggen wanneer het weer kan."),
    Probleemcode("herbezorgen-beperkt", (429,),
                 "Het webhook-endpoint vroeg in de laatste minuut al zoveel herbezorgingen "
                 "en herhalingen als het portaal toestaat; Retry-After zegt wanneer het weer "
                 "kan."),
    Probleemcode("interne-fout", (500,),
                 "Er ging iets mis aan de kant van het portaal."),
    Probleemcode("database-bezet", (503,),
                 "De database wacht op een andere wijziging; er is niets veranderd, probeer "
                 "het na Retry-After opnieuw."),
    Probleemcode("issuer-onbereikbaar", (503,),
                 "De identity provider is niet bereikbaar; probeer het na Retry-After opnieuw."),
)}

#: The code of a problem raised without one, per status (one code for every 404).
STANDAARDCODES = {
    400: "ongeldig-verzoek",
    401: "niet-geauthenticeerd",
    403: "geen-toegang",
    404: "niet-gevonden",
    405: "methode-niet-toegestaan",
    409: "conflict",
    412: "verouderde-versie",
    413: "verzoek-te-groot",
    414: "url-te-lang",
    415: "mediatype-niet-ondersteund",
    428: "if-match-vereist",
    429: "te-veel-verzoeken",
    500: "interne-fout",
    503: "issuer-onbereikbaar",
}


def standaardcode(status: int) -> str:
    return STANDAARDCODES.get(status) or ("interne-fout" if status >= 500 else "ongeldig-verzoek")


#: The extension members (RFC 9457 section 3.2) a problem may carry beside the standard
#: ones, with their JSON Schema for the OpenAPI document. ``tests/test_errors.py``
#: checks that every member raised in the code base is here.
EXTENSIES: dict[str, dict[str, Any]] = {
    "huidigeStatus": {
        "type": "string", "enum": ["aangevraagd", "actief", "opgeschort", "beeindigd"],
        "description": "Bij ongeldige-statusovergang: de status die de aansluiting nu heeft"},
    "toegestaneStatussen": {
        "type": "array",
        "items": {"type": "string", "enum": ["aangevraagd", "actief", "opgeschort", "beeindigd"]},
        "description": "Bij ongeldige-statusovergang: de statussen waarnaar het wel kan"},
    "openStappen": {
        "type": "array", "items": {"type": "string"},
        "description": "Bij stap-wacht en route-niet-af: de stappen van de aansluitroute "
                       "die nog af moeten"},
    "bestaandeAansluiting": {
        "type": "string", "format": "uuid",
        "description": "Bij aansluiting-bestaat-al: de id van de lopende aansluiting"},
    "bestaandLidmaatschap": {
        "type": "string", "format": "uuid",
        "description": "Bij al-lid: de id van het bestaande lidmaatschap"},
    "besluit": {
        "type": "string", "enum": ["accepteren", "afwijzen"],
        "description": "Bij al-gereageerd: het besluit dat al is vastgelegd"},
    "dienst": {"type": "string", "description": "Bij tarief-ontbreekt: de dienst (slug)"},
    "jaar": {"type": "integer",
             "description": "Bij tarief-ontbreekt en btw-tarief-ontbreekt: het kalenderjaar"},
    "tariefcode": {"type": "string",
                   "description": "Bij tarief-ontbreekt: de code van het ontbrekende tarief"},
    "aantalOngeldigeRijen": {
        "type": "integer", "minimum": 0,
        "description": "Bij een ongeldige verbruiksupload (POST /verbruik): hoeveel rijen "
                       "ongeldig zijn; invalidParams noemt elke fout met haar rijnummer"},
    "aantalFouten": {
        "type": "integer", "minimum": 0,
        "description": "Bij meer dan 100 fouten: hoeveel er zijn; invalidParams noemt "
                       "alleen de eerste 100, zodat het antwoord klein blijft"},
    "ondersteundeMediatypes": {
        "type": "array", "items": {"type": "string"},
        "description": "Bij mediatype-niet-ondersteund: de Content-Types die hier wel mogen"},
    "periode": {
        "type": "object", "description": "Bij periode-overlapt: de periode waarin de nieuwe "
                                         "valt",
        "properties": {"id": {"type": "string", "format": "uuid",
                              "description": "De id van die periode"},
                       "van": {"type": "string", "format": "date",
                               "description": "De eerste dag (de startmail)"},
                       "tot": {"type": "string", "format": "date",
                               "description": "De laatste dag, inbegrepen"}}},
}


#: The most field errors one answer lists (invalidParams); ``aantalFouten`` counts all.
MAX_FOUTEN = 100


class Problem(Exception):
    """An error that leaves the API as problem+json.

    :param status: HTTP status code.
    :param detail: human-readable explanation for this occurrence (Dutch).
    :param code: stable machine-readable code, also used in ``type``: one of
        :data:`CODES` (without one, the status's code from :data:`STANDAARDCODES`).
    :param invalid_params: ``[{"name", "code", "reason"}]`` for field errors.
    :param headers: extra response headers (``WWW-Authenticate``, ``Allow``...).
    """

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        code: str | None = None,
        title: str | None = None,
        invalid_params: list[dict[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code or standaardcode(status)
        self.title = title or TITLES.get(status) or HTTPStatus(status).phrase
        self.invalid_params = invalid_params
        self.headers = dict(headers or {})
        self.extra = extra

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": TYPE_PREFIX + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "instance": request.path if request else None,
            "code": self.code,
        }
        if self.invalid_params is not None:
            body["invalidParams"] = self.invalid_params[:MAX_FOUTEN]
            if len(self.invalid_params) > MAX_FOUTEN:
                # A 22 MB upload once got an 18 MB answer: the first ones, and a count.
                body["aantalFouten"] = len(self.invalid_params)
        body.update(self.extra)
        return body


def abort(status: int, detail: str, **kwargs: Any):
    raise Problem(status, detail, **kwargs)


def invalid(field: str, reason: str, code: str = "invalid") -> Problem:
    """A 400 for one field, for rules checked outside marshmallow."""
    return Problem(
        400,
        f"Ongeldige invoer in: {field}.",
        code="ongeldige-invoer",
        invalid_params=[{"name": field, "code": code, "reason": reason}],
    )


def mediatype_niet_ondersteund(ondersteund: Iterable[str]) -> Problem:
    """415 for a body in a Content-Type the operation does not take, naming those it does."""
    typen = list(ondersteund)
    return Problem(
        415,
        f"Stuur de body als {' of '.join(typen)}"
        f"{'' if request.mimetype else ' en zet de Content-Type-header'}.",
        code="mediatype-niet-ondersteund",
        ondersteundeMediatypes=typen,
    )


def flatten_messages(messages: Any, prefix: str = "") -> Iterable[tuple[str, str]]:
    """Turn marshmallow's nested error dict into ``(dotted.name, message)`` pairs."""
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            name = prefix if key == "_schema" else (f"{prefix}.{key}" if prefix else str(key))
            yield from flatten_messages(value, name)
    elif isinstance(messages, (list, tuple)):
        for item in messages:
            yield from flatten_messages(item, prefix)
    else:
        yield prefix, str(messages)


def validation_problem(messages: Mapping[str, Any]) -> Problem:
    params = []
    # webargs nests by location ({"json": {...}, "query": {...}}); the location is not a name.
    for _location, per_location in messages.items():
        for name, message in flatten_messages(per_location):
            code, reason = foutteksten.uitleg(message)  # the code; Dutch also for webargs
            params.append({"name": name or "body", "code": code, "reason": reason})
    names = ", ".join(dict.fromkeys(p["name"] for p in params))
    return Problem(
        400,
        f"De invoer is ongeldig in: {names}.",
        code="ongeldige-invoer",
        invalid_params=params,
    )


def render(problem: Problem) -> Response:
    response = Response(
        json.dumps(problem.body(), ensure_ascii=False),
        status=problem.status,
        mimetype=PROBLEM_JSON,
    )
    for key, value in problem.headers.items():
        response.headers[key] = value
    return response


def _from_http_exception(error: HTTPException) -> Problem:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    if status in (400, 422) and "messages" in data:
        problem = validation_problem(data["messages"])
    else:
        detail = data.get("message") or _plain_detail(error)
        problem = Problem(status, detail)
    for key, value in error.get_headers():
        if key.lower() not in ("content-type", "content-length"):
            problem.headers[key] = value
    problem.headers.update(data.get("headers") or {})
    return problem


_DETAILS = {
    404: "Deze resource bestaat niet, of u heeft er geen toegang toe.",
    405: "Deze methode is op deze resource niet toegestaan; zie de Allow-header.",
    412: "De resource is gewijzigd sinds u hem las: haal hem opnieuw op en gebruik de nieuwe ETag.",
    428: "Deze wijziging vereist een If-Match-header met de ETag van de resource.",
    500: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
}


def _plain_detail(error: HTTPException) -> str:
    return _DETAILS.get(error.code or 500) or (error.description or HTTPStatus(error.code).phrase)


def _html(problem: Problem) -> Response:
    """Console pages answer errors as a page, not as JSON."""
    from flask import render_template

    html = render_template("console/fout.html", problem=problem)
    return Response(html, status=problem.status, mimetype="text/html")


#: Seconds a client is asked to wait after a 503 ``database-bezet``.
BEZET_RETRY_AFTER = 2
#: PostgreSQL's codes for "waited too long for a lock" and for a transaction that lost a
#: race it may simply run again (lock_not_available, serialization_failure,
#: deadlock_detected).
_BEZET_SQLSTATES = {"55P03", "40001", "40P01"}


def database_bezet(error: DBAPIError) -> bool:
    """Whether a database error means "busy, try again" rather than a fault: SQLite's
    ``database is locked`` after its busy timeout, or PostgreSQL's lock timeout,
    serialization failure or deadlock."""
    orig = error.orig
    if getattr(orig, "sqlstate", None) in _BEZET_SQLSTATES:
        return True
    tekst = str(orig).lower()
    return type(orig).__name__ == "OperationalError" and (
        "database is locked" in tekst or "database table is locked" in tekst
        or "database is busy" in tekst)


def register_error_handlers(app: Flask) -> None:
    from core.db import db

    @app.errorhandler(Problem)
    def _problem(error: Problem):
        return render(error)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        if error.response is not None:  # abort(redirect(...)) and the like
            return error.response
        problem = _from_http_exception(error)
        if request.path.startswith("/console"):
            return _html(problem)
        return render(problem)

    @app.errorhandler(IntegrityError)
    def _integrity(error: IntegrityError):
        db.session.rollback()
        log.info("integrity error mapped to 409: %s", error.orig)
        return render(
            Problem(409, "De wijziging botst met bestaande gegevens.", code="conflict")
        )

    @app.errorhandler(StaleDataError)
    def _stale(_error: StaleDataError):
        db.session.rollback()
        return render(Problem(412, _DETAILS[412], code="verouderde-versie"))

    @app.errorhandler(DBAPIError)
    def _database(error: DBAPIError):
        if not database_bezet(error):
            return _crash(error)
        db.session.rollback()
        log.warning("database busy on %s %s: %s", request.method, request.path, error.orig)
        return render(Problem(
            503, "De database is even bezet met een andere wijziging (bijvoorbeeld een grote "
                 "upload). Er is niets veranderd; probeer het na Retry-After opnieuw.",
            code="database-bezet", headers={"Retry-After": str(BEZET_RETRY_AFTER)}))

    @app.errorhandler(Exception)
    def _crash(error: Exception):
        if isinstance(error, HTTPException):  # pragma: no cover - handled above
            return _http(error)
        log.exception("unhandled error on %s %s", request.method, request.path)
        return render(Problem(500, _DETAILS[500], code="interne-fout"))
