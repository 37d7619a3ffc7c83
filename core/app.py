"""The application factory."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, redirect, request, url_for

from core import config as settings
from core import idempotentie
from core.api import Api
from core.api.converters import DatumConverter, JaarConverter, datum_schema
from core.api.openapi import build_document
from core.audit import listener as audit_listener
from core.auth import middleware as auth
from core.config import API_PREFIX, API_VERSION
from core.db import db
from core.plugins import EXTENSION as DIENSTEN
from core.plugins import Diensten, build_plugin_manager
from core.uitbreidingen.bijdragen import EXTENSION as UITBREIDINGEN
from core.uitbreidingen.bijdragen import Uitbreidingen
from core.verzoek import EigenContext

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Referrer-Policy": "no-referrer",
}


def create_app(
    test_config: dict[str, Any] | None = None,
    *,
    plugins: Iterable[tuple[str, Any]] = (),
) -> Flask:
    """Build an app: defaults in code, then the environment, then ``test_config``.

    :param plugins: extra ``(name, plugin)`` pairs registered beside the installed
        entry points (tests use inline plugins this way).
    """
    # The instance folder (the SQLite file and the development secret key): the checkout's
    # instance/, or AFNEMERSPORTAAL_INSTANCE_PATH (./scripts/serve names its own).
    app = Flask(__name__, instance_relative_config=True,
                instance_path=os.environ.get("AFNEMERSPORTAAL_INSTANCE_PATH") or None)
    app.config.update(settings.load(app.instance_path, test_config))
    app.config.update(
        API_TITLE="Afnemersportaal API",
        API_VERSION=API_VERSION,
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=None,
        ETAG_DISABLED=True,  # ETags come from the version counter (core.api.etag)
    )
    app.json.sort_keys = False  # keep fields in schema order (type, title, status, ...)
    if app.config["DATABASE_URL"].startswith("sqlite:///"):
        os.makedirs(app.instance_path, exist_ok=True)

    db.init_app(app)
    audit_listener.install()

    pm = build_plugin_manager(
        app.config["BLOCKED_PLUGINS"].split(",") if app.config["BLOCKED_PLUGINS"] else (),
        plugins,
    )
    app.extensions[DIENSTEN] = Diensten(pm)
    app.extensions[UITBREIDINGEN] = Uitbreidingen(pm, app.extensions[DIENSTEN], app.config)

    # The console's cookie holds only an opaque session id (core.console.sessies);
    # outside development it is Secure and __Host- (host-only, path /).
    ontwikkeling = app.config["ENVIRONMENT"] == "development"
    app.config.update(
        SESSION_COOKIE_NAME=("" if ontwikkeling else "__Host-") + "afnemersportaal_sessie",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=not ontwikkeling,
        SESSION_COOKIE_PATH="/",
    )

    app.url_map.converters["jaar"] = JaarConverter
    app.url_map.converters["datum"] = DatumConverter
    api = Api(app)
    api.register_converter(DatumConverter, datum_schema)
    _register_blueprints(api)
    _register_plugin_blueprints(app, api)
    if not app.config["TESTING"]:
        # A served app documents every operation now, so that a plugin whose routes
        # cannot be documented stops start-up instead of its first document request;
        # a test's app documents them when a test first reads the document.
        api.spec  # noqa: B018
    auth.init_app(app)
    idempotentie.init_app(app)  # after authentication: a key is the principal's
    _register_console(app)
    app.add_url_rule(f"{API_PREFIX}/openapi.json", "openapi", auth.public(_openapi))
    app.after_request(_headers)
    app.before_request_funcs.setdefault(None, []).insert(0, _url_lengte)
    app.before_request_funcs[None].insert(1, _body_lengte)
    # A body without Content-Length (chunked) stops at the same size while it is read.
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY_BYTES"]
    # A request that begins inside an active app context would share g and the
    # database session with other requests: refused (core.verzoek).
    app.wsgi_app = EigenContext(app)

    if app.config["CHECK_SCHEMA"]:
        from core.migrate import check_schema

        with app.app_context():
            check_schema(db.engine)
            _check_plugin_schemas(app)
    return app


def _register_blueprints(api: Api) -> None:
    from core.aankondigingen.views import blp as aankondigingen
    from core.aankondigingen.views import tenant as afnemer_aankondigingen
    from core.aansluitingen.views import blp as aansluitingen
    from core.afnemers.views import blp as afnemers
    from core.afnemers.views import item as afnemer
    from core.agenda.views import deadlines
    from core.agenda.views import feed as agenda
    from core.agenda.views import sleutel as agenda_sleutel
    from core.audit.views import blp as audit
    from core.auth.views import blp as api_tokens
    from core.contactpersonen.views import blp as contactpersonen
    from core.diensten.views import blp as diensten
    from core.feestdagen.views import blp as feestdagen
    from core.feestdagen.views import wijzigingen as feestdagwijzigingen
    from core.gebruikers.views import clients as machine_clients
    from core.gebruikers.views import leden as lidmaatschappen
    from core.koppelvlakken.views import blp as koppelvlakken
    from core.koppelvlakken.views import gebruik as koppelvlakgebruik
    from core.kosten.runs import blp as kostenruns
    from core.kosten.views import facturen, kosten
    from core.meldingen.status import blp as status
    from core.meldingen.views import bezorgingen, gebeurtenissen, webhooks
    from core.prognoses.views import (
        blp as prognoses,
    )
    from core.prognoses.views import (
        formulieren as prognoseformulieren,
    )
    from core.prognoses.views import (
        gedeeld as capaciteit,
    )
    from core.prognoses.views import (
        logius as prognoseoverzicht,
    )
    from core.prognoses.views import (
        plicht,
    )
    from core.serviceniveau.beschikbaarheid_views import beschikbaarheid, onbeschikbaarheid
    from core.serviceniveau.onderhoud_views import blp as onderhoudsvensters
    from core.serviceniveau.statuspagina_views import blp as statuspagina
    from core.tarieven.views import blp as tarieven
    from core.tarieven.views import btw as btw_tarieven
    from core.verbruik.views import (
        afnemer_verbruik,
        verbruik,
        voorcalculaties,
    )
    from core.voorwaarden.views import blp as voorwaarden
    from core.wijzigingsmeldingen.views import blp as wijzigingsmeldingen
    from core.wijzigingsverzoeken.views import logius as logius_wijzigingsverzoeken
    from core.wijzigingsverzoeken.views import tenant as wijzigingsverzoeken

    for blueprint in (diensten, afnemers, afnemer, contactpersonen, aansluitingen, api_tokens,
                      lidmaatschappen, machine_clients, webhooks, bezorgingen, gebeurtenissen,
                      audit, voorwaarden, aankondigingen, afnemer_aankondigingen,
                      wijzigingsmeldingen, tarieven, btw_tarieven, verbruik, afnemer_verbruik,
                      voorcalculaties, kosten, facturen, kostenruns, koppelvlakken,
                      koppelvlakgebruik, deadlines, agenda_sleutel, agenda, prognoses, plicht,
                      prognoseoverzicht, prognoseformulieren, capaciteit, feestdagen,
                      feestdagwijzigingen, onbeschikbaarheid, beschikbaarheid,
                      onderhoudsvensters, wijzigingsverzoeken, logius_wijzigingsverzoeken,
                      statuspagina, status):
        api.register_blueprint(blueprint)
    from core.aansluitroutes.views import logius as aansluitroutes_pijplijn
    from core.aansluitroutes.views import tenant as aansluitroutes
    from core.export.views import blp as export
    from core.intermediairs.views import blp as intermediairs
    from core.intermediairs.views import mandaten
    from core.meldingen.logius import blp as alle_bezorgingen

    api.register_blueprint(export)
    api.register_blueprint(aansluitroutes)
    api.register_blueprint(aansluitroutes_pijplijn)
    api.register_blueprint(intermediairs)
    api.register_blueprint(mandaten)
    api.register_blueprint(alle_bezorgingen)
    _register_meldingen_blueprints(api)


def _register_meldingen_blueprints(api: Api) -> None:
    """Incidents and questions of the diensten with a service level, and their norms."""
    from core.serviceniveau.incidenten.views import logius as logius_incidenten
    from core.serviceniveau.incidenten.views import tenant as incidenten
    from core.serviceniveau.normen.views import blp as normen
    from core.serviceniveau.vragen.views import logius as logius_vragen
    from core.serviceniveau.vragen.views import tenant as vragen

    for blueprint in (incidenten, logius_incidenten, vragen, logius_vragen, normen):
        api.register_blueprint(blueprint)


def _register_plugin_blueprints(app: Flask, api: Api) -> None:
    """The diensten' own routes (``dienst_api``), after core's. A route that would
    answer a request core (or another plugin) answers already stops start-up, naming
    the plugin: each new rule is tried, with sample values in its variables, against
    the rules that were there before it."""
    from core.plugins import PluginError

    uitbreidingen: Uitbreidingen = app.extensions[UITBREIDINGEN]
    blueprints = list(uitbreidingen.blueprints())
    if not blueprints:
        return
    core_regels = _regels(app.url_map.iter_rules())
    plugin_regels = []
    for slug, blueprint in blueprints:
        try:
            api.register_blueprint(blueprint)
        except ValueError as exc:  # Flask: a blueprint name registered twice
            raise PluginError(f"plugin {uitbreidingen.plugin(slug)!r}: {exc}") from exc
        plugin_regels.append((slug, _regels(
            rule for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith(blueprint.name + "."))))
    for slug, dubbel in _al_bediend(core_regels, tuple(plugin_regels), app.url_map.converters):
        raise PluginError(f"plugin {uitbreidingen.plugin(slug)!r}: {', '.join(dubbel)} "
                          "worden al bediend")


def _regels(rules) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((rule.rule, tuple(sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})))
                 for rule in rules)


_bediend_cache: dict = {}


def _al_bediend(core_regels, plugin_regels, converters) -> list[tuple[str, list[str]]]:
    """Per plugin, in order, the ``METHOD path`` of its rules that a rule before it
    already answers. Compiling the rules into a matcher costs more than the rest of an
    app together, and every app of a process has the same rules: the answer is kept per
    set of rules."""
    from werkzeug.exceptions import HTTPException
    from werkzeug.routing import Map, Rule

    sleutel = (core_regels, plugin_regels)
    if sleutel in _bediend_cache:
        return _bediend_cache[sleutel]
    eerder = Map([Rule(pad, methods=methoden or None) for pad, methoden in core_regels],
                 converters=converters)
    gevonden = []
    for slug, regels in plugin_regels:
        adapter = eerder.bind("localhost")
        dubbel = []
        for pad, methoden in regels:
            voorbeeld = _voorbeeldpad(pad)
            for methode in methoden:
                try:
                    adapter.match(voorbeeld, method=methode)
                except HTTPException:
                    continue
                dubbel.append(f"{methode} {voorbeeld}")
        if dubbel:
            gevonden.append((slug, dubbel))
        for pad, methoden in regels:
            eerder.add(Rule(pad, methods=methoden or None))
    _bediend_cache[sleutel] = gevonden
    return gevonden


def _voorbeeldpad(regel: str) -> str:
    """The rule's path with a sample value for each variable."""
    import uuid as _uuid

    voorbeeld = {"uuid": str(_uuid.UUID(int=1)), "int": "1", "jaar": "2026",
                 "datum": "2026-12-25", "path": "x"}
    delen = []
    for deel in regel.split("/"):
        if deel.startswith("<") and deel.endswith(">"):
            soort = deel[1:-1].split(":")[0] if ":" in deel else "string"
            delen.append(voorbeeld.get(soort, "x"))
        else:
            delen.append(deel)
    return "/".join(delen)


def _register_console(app: Flask) -> None:
    from core.console import auth as console_auth
    from core.console.views import bp as console

    console_auth.init_app(app)
    app.register_blueprint(console)
    # The diensten' own console pages (dienst_console), after core's.
    for _slug, bijdrage in app.extensions[UITBREIDINGEN].console():
        app.register_blueprint(bijdrage.blueprint)
    app.add_url_rule("/", "root", lambda: redirect(url_for("console.index")))


def _check_plugin_schemas(app: Flask) -> None:
    from core.migrate import UPGRADE_COMMAND, SchemaNotCurrent
    from core.uitbreidingen import migraties

    achter = migraties.achter(db.engine, app.extensions[UITBREIDINGEN].migraties())
    if achter:
        raise SchemaNotCurrent("; ".join(achter) + f". Voer eerst uit: {UPGRADE_COMMAND}")


def openapi_document() -> dict[str, Any]:
    doc = current_app.extensions.get("afnemersportaal.openapi")
    if doc is None:
        api: Api = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
        doc = build_document(api.spec.to_dict(), current_app.config["PUBLIC_URL"])
        current_app.extensions["afnemersportaal.openapi"] = doc
    return doc


def _openapi():
    """The OpenAPI document; no login, readable from any origin."""
    response = jsonify(openapi_document())
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


#: The longest path with query string the API takes (the server itself takes any, so
#: that the answer is a problem like every other; a proxy in front may cap it lower).
MAX_URL = 8192


def _url_lengte() -> None:
    from core.errors import Problem

    lengte = len(request.environ.get("RAW_URI") or request.full_path)
    if lengte > MAX_URL:
        raise Problem(414, f"Het pad met de queryparameters is {lengte} tekens; het portaal "
                           f"neemt er hooguit {MAX_URL} aan.", code="url-te-lang")


def _body_lengte() -> None:
    """A body larger than ``MAX_BODY_BYTES`` is refused before a byte of it is read."""
    from core.errors import Problem

    grens = current_app.config["MAX_BODY_BYTES"]
    if request.content_length is not None and request.content_length > grens:
        raise Problem(413, f"De body is {request.content_length} bytes; het portaal neemt er "
                           f"hooguit {grens} aan (AFNEMERSPORTAAL_MAX_BODY_BYTES).",
                      code="verzoek-te-groot")


def _headers(response: Response) -> Response:
    for key, value in SECURITY_HEADERS.items():
        response.headers.setdefault(key, value)
    if request.path.startswith(API_PREFIX + "/") or request.path == API_PREFIX:
        response.headers["API-Version"] = API_VERSION
        response.headers.setdefault("Cache-Control", "no-store")
        link = g.get("link_header")
        if link:
            response.headers["Link"] = link
    return response
