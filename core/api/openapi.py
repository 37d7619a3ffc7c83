"""The published OpenAPI document, shaped to the NL API Design Rules.

flask-smorest describes the routes; this module turns that into the document
integrators read at ``/api/v1/openapi.json``, and that clients are generated from:

- paths relative to the versioned server URL (``servers[0].url`` ends in ``/v1``);
- every 4xx/5xx response is ``application/problem+json`` with the ``Problem`` schema:
  every member the API sends, the extension members included, and the catalogue of
  ``code`` values (:data:`core.errors.CODES`);
- 400 on every operation that takes input, 401/403/503 where a token is needed, 404
  where the path names a resource, 415 where a body is taken;
- the response headers the server sends: ``API-Version`` on every 2xx, ``ETag`` and
  ``Location`` on every 201, ``ETag`` on every 200 of a PUT or PATCH and on the GET of a
  resource that changes with ``If-Match``, ``Link`` on every page;
- security per operation: a bearer token or an OAuth2 client-credentials token with
  scope ``read`` (GET) or ``write`` (changes), and in ``x-rollen`` (and the description)
  the roles that may call it;
- short operationIds (:mod:`core.api.operaties`), typed nullable objects and enums
  (``nullable`` ``allOf`` a schema), enums without ``null`` and with names
  (``x-enum-varnames``);
- the webhook delivery as a ``callback`` of the webhook registration, and the catalogue
  of event types in ``x-webhooks`` (OpenAPI 3.1's ``webhooks``, which 3.0 lacks; see
  :mod:`core.meldingen.contract`);
- the document itself is a path (``/openapi.json``, no login, CORS ``*``).

Both official rulesets in ``shared/adr`` pass it with 0 errors (see
``tests/api/test_openapi_lint.py``); ``tests/api/test_contract.py`` checks the
document against the running app.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from core import idempotentie
from core.api.antwoorden import splits_invoer_en_antwoord
from core.api.documentatie import beschrijf_parameters
from core.api.links import voeg_links_toe
from core.api.operaties import operatie_id
from core.auth.principal import Rol
from core.config import API_PREFIX, API_VERSION
from core.errors import CODES, EXTENSIES, TITLES, TYPE_PREFIX

DESCRIPTION = """\
Selfservice-API voor afnemers van Logius-diensten ({diensten}). Afnemers beheren hier hun aansluitingen en
contactpersonen; Logius-beheerders beheren afnemers.

Authenticatie: `Authorization: Bearer <token>`, met een API-token van de afnemer of een
access token van de identity provider (OAuth2 client credentials, scopes `read` en
`write`). Elke operatie noemt de rollen die haar mogen aanroepen (`x-rollen`). Fouten
volgen RFC 9457 (`application/problem+json`, schema `Problem`, met een stabiele `code`);
ongeldige invoer geeft 400 met alle fouten tegelijk in `invalidParams`. Wijzigingen
vereisen `If-Match` met de ETag van de resource. Lijsten zijn gepagineerd met `pagina`
en `paginaGrootte`. Bedragen zijn tekst, nooit JSON-getallen: geld in euro's met twee
decimalen (`"5900.00"`), tarieven met twee tot vier (`"0.59"`), het btw-tarief als
percentage (`"21.00"`). Een POST mag een `Idempotency-Key` meesturen (een eigen
sleutel, bijvoorbeeld een UUID): opnieuw versturen met dezelfde sleutel geeft het eerste
antwoord terug (met `Idempotency-Replayed: true`) en maakt niets dubbel aan; zie de
beschrijving van die header.

Intermediairs (leveranciers die zelf geen afnemer zijn) handelen met hun eigen tokens
namens een afnemer, alleen binnen een geldig mandaat van die afnemer
(`/afnemers/{afnemerId}/mandaten`): de afnemer in het pad bepaalt namens wie. Een
mandaat noemt diensten, soorten resources (`aansluitingen`, `koppelvlakgebruik`,
`prognoses`, `incidenten`), lezen en/of schrijven, en een einddatum. Daarbuiten is het
antwoord 404, ook voor wat wel bestaat; wijzigen met alleen leesrecht geeft 403.
"""

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
TENANT = "/afnemers/{afnemerId}"
WEBHOOKS = TENANT + "/webhooks"

#: Who may call an operation when its view says nothing else (``Blueprint.rollen``).
LEZERS = [Rol.AFNEMER_BEHEERDER.value, Rol.AFNEMER_MEDEWERKER.value, Rol.LOGIUS_BEHEERDER.value]
BEHEERDERS = [Rol.AFNEMER_BEHEERDER.value, Rol.LOGIUS_BEHEERDER.value]
IEDEREEN = [Rol.AFNEMER_BEHEERDER.value, Rol.AFNEMER_MEDEWERKER.value,
            Rol.LOGIUS_BEHEERDER.value, Rol.PRODUCTTEAM.value]

#: Names for enum values that make no identifier by themselves (``x-enum-varnames``).
ENUMNAMEN = {"24x7": "DAG_EN_NACHT"}

IMF_FIXDATE = (r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep"
               r"|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$")


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


# --- problems ---------------------------------------------------------------------------

def _problem_response(status: int) -> dict[str, Any]:
    codes = ", ".join(f"`{c.code}`" for c in CODES.values() if status in c.statussen)
    response: dict[str, Any] = {
        "description": TITLES.get(status, str(status)) + (f" (code: {codes})" if codes else ""),
        "headers": {"API-Version": _ref("headers", "API-Version")},
        "content": {"application/problem+json": {"schema": _ref("schemas", "Problem")}},
    }
    if status == 401:
        response["headers"]["WWW-Authenticate"] = _ref("headers", "WWW-Authenticate")
    elif status == 403:
        response["headers"]["WWW-Authenticate"] = {
            "description": "Bij een token zonder de nodige scope: "
                           "`Bearer error=\"insufficient_scope\", scope=\"...\"`",
            "schema": {"type": "string"}}
    elif status == 429:
        response["headers"]["Retry-After"] = {
            "description": "Over hoeveel seconden het venster van de limiet opnieuw begint",
            "required": True, "schema": {"type": "string", "pattern": r"^\d+$", "example": "42"}}
        response["headers"]["RateLimit"] = _ref("headers", "RateLimit")
        response["headers"]["RateLimit-Policy"] = _ref("headers", "RateLimit-Policy")
    elif status == 503:
        response["headers"]["Retry-After"] = {
            "description": "Over hoeveel seconden het zin heeft het opnieuw te proberen",
            "required": True, "schema": {"type": "string", "pattern": r"^\d+$", "example": "30"}}
    return response


def problem_schemas() -> dict[str, dict[str, Any]]:
    """``Problem`` and ``InvalidParam``, from the registries in :mod:`core.errors`."""
    catalogus = "\n".join(
        f"- `{c.code}` ({', '.join(map(str, c.statussen))}): {c.omschrijving}"
        for c in CODES.values())
    problem = {
        "type": "object",
        "description": "Probleemdetails volgens RFC 9457: het antwoord op elke fout van deze "
                       "API. `code` is stabiel en machineleesbaar (ook het laatste deel van "
                       "`type`); reageer op `code`, niet op `title` of `detail`. Nieuwe codes "
                       "kunnen erbij komen: behandel een onbekende code als zijn `status`. "
                       "Naast de vaste velden dragen sommige problemen extensievelden "
                       "(RFC 9457 3.2); ze staan hieronder, bij de code waar ze bij horen.\n\n"
                       "Codes:\n" + catalogus,
        "required": ["type", "title", "status", "detail", "instance", "code"],
        "properties": {
            "type": {"type": "string", "format": "uri",
                     "description": f"URI van het soort probleem: `{TYPE_PREFIX}<code>`",
                     "example": TYPE_PREFIX + "niet-gevonden"},
            "title": {"type": "string", "description": "Korte samenvatting van het soort "
                      "probleem (per status gelijk)", "example": TITLES[404]},
            "status": {"type": "integer", "minimum": 400, "maximum": 599,
                       "description": "De HTTP-statuscode", "example": 404},
            "detail": {"type": "string", "description": "Uitleg bij dit specifieke geval",
                       "example": "Deze resource bestaat niet, of u heeft er geen toegang toe."},
            "instance": {"type": "string", "format": "uri-reference",
                         "description": "Pad van het verzoek",
                         "example": "/api/v1/afnemers/3f0c2a4e-8b1d-4c6e-9a7f-2d5b8e1c4a90"},
            "code": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                     "description": "Stabiele, machineleesbare code: een van de codes in de "
                                    "beschrijving van dit schema", "example": "niet-gevonden"},
            "invalidParams": {
                "type": "array", "items": _ref("schemas", "InvalidParam"),
                "description": "Bij 400 (ongeldige-invoer): alle ongeldige velden tegelijk"},
            **copy.deepcopy(EXTENSIES),
        },
    }
    invalid_param = {
        "type": "object",
        "description": "Eén ongeldig veld (of rij, bij een CSV-upload) in de invoer.",
        "required": ["name", "code", "reason"],
        "properties": {
            "name": {"type": "string", "example": "contactpersonen.0.email",
                     "description": "Veldnaam zoals verstuurd; geneste velden en lijstindexen "
                                    "met punten, rijen van een CSV-upload als `rij.<n>.<veld>`"},
            "code": {"type": "string", "example": "required",
                     "description": "Soort fout, bijvoorbeeld `required`, `unknown`, `null`, "
                                    "`type`, `date`, `email`, `range` of `invalid`"},
            "reason": {"type": "string", "example": "Dit veld is verplicht.",
                       "description": "Uitleg in gewone taal"},
        },
    }
    return {"Problem": problem, "InvalidParam": invalid_param}


# --- components -------------------------------------------------------------------------

def _headers() -> dict[str, Any]:
    return {
        "API-Version": {"description": "Volledige versie van de API (semver)", "required": True,
                        "schema": {"type": "string", "example": API_VERSION}},
        "WWW-Authenticate": {"description": "Het vereiste authenticatieschema (RFC 6750)",
                             "required": True,
                             "schema": {"type": "string",
                                        "example": 'Bearer realm="afnemersportaal"'}},
        "ETag": {"description": "Versie van de resource; stuur hem terug in If-Match bij "
                                "wijzigen", "required": True,
                 "schema": {"type": "string", "example": '"3"'}},
        "Location": {"description": "Het adres van de aangemaakte resource", "required": True,
                     "schema": {"type": "string", "format": "uri"}},
        "Link": {"description": "Links naar de eerste, vorige, volgende en laatste pagina "
                                "(RFC 8288)", "required": True, "schema": {"type": "string"}},
        "Deprecation": {
            "description": "RFC 9745: sinds wanneer de versie verouderd is, als Structured "
                           "Field Date (`@` en Unix-seconden). Alleen bij een verouderde of "
                           "uitgefaseerde versie.",
            "schema": {"type": "string", "pattern": r"^@-?\d+$", "example": "@1782856800"}},
        "Sunset": {
            "description": "RFC 8594: vanaf wanneer de versie niet meer wordt bediend, als "
                           "HTTP-date (IMF-fixdate). Alleen als een einddatum is vastgesteld.",
            "schema": {"type": "string", "pattern": IMF_FIXDATE,
                       "example": "Thu, 31 Dec 2026 23:00:00 GMT"}},
        idempotentie.REPLAY_HEADER: idempotentie.replay_header(),
        "RateLimit-Policy": {
            "description": "De limiet die dit verzoek telde (IETF draft-ietf-httpapi-"
                           "ratelimit-headers): `\"token\"` per token of client, `\"adres\"` "
                           "per adres zonder geldig token; `q` verzoeken per `w` seconden",
            "schema": {"type": "string", "example": '"token";q=600;w=60'}},
        "RateLimit": {
            "description": "Wat er over is van die limiet: `r` verzoeken, tot het venster "
                           "over `t` seconden opnieuw begint",
            "schema": {"type": "string", "example": '"token";r=599;t=42'}},
        "Access-Control-Allow-Origin": {
            "description": "Het document is vanaf elke origin op te halen", "required": True,
            "schema": {"type": "string", "example": "*"}},
    }


def _security_schemes(issuer: str | None) -> dict[str, Any]:
    token_url = (issuer or "").rstrip("/") + "/token"
    return {
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "Een API-token van de afnemer (`afp_...`), of een access token "
                           "van de identity provider (zie `oauth2`).",
        },
        "oauth2": {
            "type": "oauth2",
            "description": "Een machine client van de afnemer (`POST /afnemers/{afnemerId}/"
                           "machine-clients`) haalt een access token bij de identity provider "
                           "en stuurt het als `Authorization: Bearer <token>`. Met alleen "
                           "`read` leest de client; `write` is nodig voor elke wijziging en "
                           "geeft de rechten van een afnemer-beheerder.",
            "flows": {"clientCredentials": {
                "tokenUrl": token_url,
                "scopes": {"read": "Lezen (GET)", "write": "Wijzigen (POST, PUT, PATCH, DELETE)"},
            }},
        },
    }


def _components(doc: dict[str, Any], issuer: str | None) -> None:
    components = doc.setdefault("components", {})
    used = {
        int(ref["$ref"].rsplit("Problem", 1)[1])
        for item in doc["paths"].values()
        for op in item.values()
        if isinstance(op, dict)
        for ref in op.get("responses", {}).values()
        if "#/components/responses/Problem" in ref.get("$ref", "")
    }
    components["responses"] = {f"Problem{status}": _problem_response(status) for status in sorted(used)}
    components.setdefault("headers", {}).update(_headers())
    # flask-smorest's own ETag/pagination header components are not used.
    for name in ("IF_MATCH", "IF_NONE_MATCH"):
        components.get("parameters", {}).pop(name, None)
    components.setdefault("schemas", {}).update(problem_schemas())
    components["securitySchemes"] = _security_schemes(issuer)


# --- operations -------------------------------------------------------------------------

def _if_match(operation: dict[str, Any]) -> bool | None:
    """Whether an operation takes If-Match: True (required), False (optional), None."""
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "header" and parameter.get("name", "").lower() == "if-match":
            return bool(parameter.get("required"))
    return None


def _etag_bij_lezen(path_item: dict[str, Any]) -> dict[str, Any] | None:
    """The ETag of a GET: sent where the resource changes with If-Match, as the change
    needs it; where If-Match is optional (a PUT that may create) only once it exists."""
    nodig = [_if_match(path_item[m]) for m in ("put", "patch", "delete") if m in path_item]
    if True in nodig:
        return _ref("headers", "ETag")
    if False in nodig:
        return {"description": "Versie van de resource, zodra die bestaat of is vastgesteld; "
                               "stuur hem terug in If-Match bij wijzigen",
                "schema": {"type": "string", "example": '"3"'}}
    return None


def _rollen(path: str, method: str, op: dict[str, Any]) -> list[str]:
    rollen = op.get("x-rollen")
    if rollen is None:
        if path == TENANT or path.startswith(TENANT + "/"):
            rollen = LEZERS if method == "get" else BEHEERDERS
        else:
            rollen = IEDEREEN
    return [r for r in IEDEREEN if r in rollen]


def _rollen_tekst(rollen: list[str], tenant: bool) -> str:
    if not rollen:
        return "Zonder token: het geheim in het pad geeft toegang."
    namen = []
    for rol in rollen:
        if rol == Rol.PRODUCTTEAM.value:
            namen.append(f"`{rol}` (van deze dienst)")
        elif tenant and rol in (Rol.AFNEMER_BEHEERDER.value, Rol.AFNEMER_MEDEWERKER.value):
            namen.append(f"`{rol}` (van deze afnemer)")
        else:
            namen.append(f"`{rol}`")
    return "Rollen: " + ", ".join(namen) + "."


def _operation(path: str, path_item: dict[str, Any], method: str, op: dict[str, Any]) -> None:
    responses = op.setdefault("responses", {})
    for code in list(responses):
        if code == "default" or code == "422":
            del responses[code]
    public = op.get("security") == []
    # core.auth.middleware.openbaar: no token needed, but one that is sent counts.
    openbaar = op.get("security") == [{}]
    path_params = [p for p in path_item.get("parameters", []) if p.get("in") == "path"]
    has_input = method in ("post", "put", "patch") or op.get("parameters") or path_params
    wanted = {414, 500}  # 414: a path with query parameters too long (core.app)
    if has_input:
        wanted.add(400)
    if not public:
        wanted.update((401, 403, 429, 503))
    if "{" in path:
        wanted.add(404)
    if op.get("requestBody"):
        wanted.add(415)
    # Idempotency-Key (core.idempotentie): on every POST that needs a token.
    idempotent = method == "post" and not public
    if idempotent:
        wanted.update((409, 422))
        parameters = op.setdefault("parameters", [])
        if not any(p.get("name") == idempotentie.HEADER for p in parameters):
            parameters.append(idempotentie.parameter())
    for status in wanted:
        responses.setdefault(str(status), {})
    for code, response in list(responses.items()):
        status = int(code)
        if status >= 400:
            responses[code] = _ref("responses", f"Problem{status}")
            continue
        headers = response.setdefault("headers", {})
        headers["API-Version"] = _ref("headers", "API-Version")
        if not public:
            headers["RateLimit-Policy"] = _ref("headers", "RateLimit-Policy")
            headers["RateLimit"] = _ref("headers", "RateLimit")
        if idempotent:
            headers[idempotentie.REPLAY_HEADER] = _ref("headers", idempotentie.REPLAY_HEADER)
        if status == 201:
            headers.setdefault("ETag", _ref("headers", "ETag"))
            headers.setdefault("Location", _ref("headers", "Location"))
        elif status == 200 and method in ("put", "patch"):
            headers.setdefault("ETag", _ref("headers", "ETag"))
        elif status == 200 and method == "get" and (etag := _etag_bij_lezen(path_item)):
            headers.setdefault("ETag", etag)
        content = response.get("content", {}).get("application/json", {})
        if "Pagina" in content.get("schema", {}).get("$ref", ""):
            headers["Link"] = _ref("headers", "Link")
    if not op.get("summary"):
        op["summary"] = op.get("description", "").split("\n")[0] or f"{method.upper()} {path}"
    op.setdefault("description", op["summary"] + ".")
    op.setdefault("operationId", operatie_id(method, path))
    rollen = [] if public else _rollen(path, method, op)
    op["x-rollen"] = rollen
    op["description"] += "\n\n" + _rollen_tekst(rollen, path.startswith(TENANT))
    if openbaar:
        op["description"] += " Ook zonder token."
    if not public:
        op["security"] = [*([{}] if openbaar else []), {"bearer": []},
                          {"oauth2": ["read" if method == "get" else "write"]}]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _camel_path(path: str, item: dict[str, Any]) -> str:
    """``{afnemer_id}`` -> ``{afnemerId}``, in the path and in its parameters."""
    for method_or_params in [item, *[item[m] for m in _METHODS if m in item]]:
        for parameter in method_or_params.get("parameters", []):
            if parameter.get("in") == "path":
                parameter["name"] = _camel(parameter["name"])
    return re.sub(r"\{(\w+)\}", lambda m: "{" + _camel(m.group(1)) + "}", path)


def _openapi_path() -> dict[str, Any]:
    return {
        "get": {
            "tags": ["openapi"],
            "summary": "Dit OpenAPI-document",
            "description": "Het contract van deze API, zonder inloggen op te halen vanaf "
            "elke origin (CORS *).",
            "operationId": operatie_id("get", "/openapi.json"),
            "security": [],
            "x-rollen": [],
            "responses": {
                "200": {
                    "description": "Het OpenAPI 3-document van deze API",
                    "headers": {
                        "API-Version": _ref("headers", "API-Version"),
                        # lower case: the rules' linter looks for this spelling
                        "access-control-allow-origin": _ref(
                            "headers", "Access-Control-Allow-Origin"
                        ),
                    },
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "500": _ref("responses", "Problem500"),
            },
        }
    }


# --- schemas ----------------------------------------------------------------------------

def _varnamen(waarden: list[str]) -> list[str]:
    namen: list[str] = []
    for waarde in waarden:
        naam = ENUMNAMEN.get(waarde) or re.sub(
            r"[^0-9A-Za-z]+", "_", waarde.replace("*", "alle")).strip("_").upper()
        if not naam or naam[0].isdigit():
            naam = "WAARDE_" + naam
        while naam in namen:
            naam += "_"
        namen.append(naam)
    return namen


def _schema_opschonen(node: Any) -> None:
    """Walk the document: typed nullable objects, enums without null and with names."""
    if isinstance(node, list):
        for item in node:
            _schema_opschonen(item)
        return
    if not isinstance(node, dict):
        return
    any_of = node.get("anyOf")
    if isinstance(any_of, list) and len(any_of) == 2 and {"type": "object", "nullable": True} in any_of:
        # apispec's 3.0 form of a nullable nested schema puts a free-form object beside the
        # $ref, which generators turn into an untyped union member.
        (echt,) = [s for s in any_of if s != {"type": "object", "nullable": True}]
        del node["anyOf"]
        node["nullable"] = True
        node["allOf"] = [echt]
    enum = node.get("enum")
    if isinstance(enum, list):
        if None in enum:
            node["enum"] = enum = [w for w in enum if w is not None]
            node["nullable"] = True
        if enum and all(isinstance(w, str) for w in enum):
            node.setdefault("x-enum-varnames", _varnamen(enum))
    for key, value in node.items():
        if key not in ("example", "examples", "x-enum-varnames"):
            _schema_opschonen(value)


_ENUM_KERN = ("type", "enum", "x-enum-varnames")


def _nullable_enums(schemas: dict[str, Any]) -> None:
    """A nullable enum becomes a schema of its own, referenced as ``nullable`` ``allOf``:
    inline, ``nullable`` beside ``enum`` is no null to openapi-python-client (it raises
    on a null while parsing), and null among the values is none to hey-api."""
    for naam in list(schemas):
        for veld, eigenschap in schemas[naam].get("properties", {}).items():
            for plek, schema in ((veld, eigenschap), (veld + "Item", eigenschap.get("items"))):
                if not (isinstance(schema, dict) and "enum" in schema and schema.get("nullable")):
                    continue
                enum_naam = naam + plek[:1].upper() + plek[1:]
                schemas[enum_naam] = {k: schema[k] for k in _ENUM_KERN if k in schema}
                schema.setdefault("example", schema["enum"][0])
                for k in (*_ENUM_KERN, "nullable"):
                    schema.pop(k, None)
                schema.update(nullable=True, allOf=[_ref("schemas", enum_naam)])


def _webhookbezorging(doc: dict[str, Any]) -> None:
    from core.meldingen import contract

    registratie = doc["paths"].get(WEBHOOKS, {}).get("post")
    if registratie is None:
        return
    registratie["callbacks"] = contract.callbacks()
    doc["components"]["schemas"]["Gebeurtenisbericht"] = contract.gebeurtenis_schema()
    doc["x-webhooks"] = contract.catalogus()
    _schema_opschonen(doc["x-webhooks"])  # enums with names, as in paths and components


def build_document(raw: dict[str, Any], public_url: str, *,
                   issuer: str | None = None) -> dict[str, Any]:
    """Turn flask-smorest's spec dict into the published document.

    :param issuer: the OpenID Provider whose ``/token`` issues client-credentials tokens;
        by default the app's ``OIDC_ISSUER``.
    """
    from flask import current_app, has_app_context

    if issuer is None:
        issuer = current_app.config.get("OIDC_ISSUER") if has_app_context() else None
    # The diensten the document speaks of are the installed ones.
    namen = "de geïnstalleerde diensten"
    if has_app_context():
        from core.plugins import diensten

        namen = ", ".join(info.naam for info in diensten().alle()) or namen
    doc = copy.deepcopy(raw)
    doc["openapi"] = "3.0.3"
    doc["info"] = {
        "title": "Afnemersportaal API",
        "version": API_VERSION,
        "description": DESCRIPTION.replace("{diensten}", namen),
        "contact": {
            "name": "Servicecentrum Logius",
            "email": "servicecentrum@logius.nl",
            "url": "https://www.logius.nl/contact",
        },
        "license": {
            "name": "EUPL-1.2",
            "url": "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
        },
    }
    doc["servers"] = [{"url": public_url.rstrip("/") + API_PREFIX, "description": "Deze omgeving"}]
    doc["security"] = [{"bearer": []}, {"oauth2": ["read"]}]
    paths: dict[str, Any] = {}
    for path, item in doc.get("paths", {}).items():
        if not path.startswith(API_PREFIX + "/"):
            continue
        relative = _camel_path(path[len(API_PREFIX):], item)
        for method in _METHODS:
            if method in item:
                _operation(relative, item, method, item[method])
        paths[relative] = item
    paths["/openapi.json"] = _openapi_path()
    doc["paths"] = dict(sorted(paths.items()))
    tags = {t["name"]: t for t in doc.get("tags", [])}
    tags.setdefault("openapi", {"name": "openapi", "description": "Het API-contract"})
    doc["tags"] = list(tags.values())
    _components(doc, issuer)
    _webhookbezorging(doc)
    _schema_opschonen(doc["paths"])
    _schema_opschonen(doc["components"])
    _nullable_enums(doc["components"]["schemas"])
    voeg_links_toe(doc["paths"], doc["components"].get("schemas", {}))
    splits_invoer_en_antwoord(doc)
    beschrijf_parameters(doc)
    order = ("openapi", "info", "servers", "security", "tags", "paths", "components")
    return {key: doc[key] for key in order if key in doc} | {
        k: v for k, v in doc.items() if k not in order
    }
