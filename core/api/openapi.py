"""The published OpenAPI document, shaped to the NL API Design Rules.

flask-smorest describes the routes; this module turns that into the document
integrators read at ``/api/v1/openapi.json``:

- paths relative to the versioned server URL (``servers[0].url`` ends in ``/v1``);
- every 4xx/5xx response is ``application/problem+json`` with status, title, detail;
- every 2xx/3xx response declares the ``API-Version`` header;
- 400 on every operation that takes input, 401/403 where a token is needed,
  404 where the path names a resource;
- the document itself is a path (``/openapi.json``, no login, CORS ``*``).

Both official rulesets in ``shared/adr`` pass it with 0 errors (see
``tests/api/test_openapi_lint.py``).
"""

from __future__ import annotations

import copy
import re
from http import HTTPStatus
from typing import Any

from core.config import API_PREFIX, API_VERSION

DESCRIPTION = """\
Selfservice-API voor afnemers van Logius-diensten (DigiD, MijnOverheid, Digipoort,
Standaard Verwerkersovereenkomst). Afnemers beheren hier hun aansluitingen en
contactpersonen; Logius-beheerders beheren afnemers.

Authenticatie: `Authorization: Bearer <token>`. Fouten volgen RFC 9457
(`application/problem+json`); ongeldige invoer geeft 400 met alle fouten tegelijk in
`invalidParams`. Wijzigingen vereisen `If-Match` met de ETag van de resource.
Lijsten zijn gepagineerd met `pagina` en `paginaGrootte`. Bedragen zijn tekst, nooit
JSON-getallen: geld in euro's met twee decimalen (`"5900.00"`), tarieven met twee tot
vier (`"0.59"`), het btw-tarief als percentage (`"21.00"`).
"""

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def _problem_response(status: int) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": HTTPStatus(status).phrase,
        "headers": {"API-Version": _ref("headers", "API-Version")},
        "content": {"application/problem+json": {"schema": _ref("schemas", "Problem")}},
    }
    if status == 401:
        response["headers"]["WWW-Authenticate"] = _ref("headers", "WWW-Authenticate")
    return response


def _components(doc: dict[str, Any]) -> None:
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
    headers = components.setdefault("headers", {})
    headers["API-Version"] = {
        "description": "Volledige versie van de API (semver)",
        "schema": {"type": "string", "example": API_VERSION},
    }
    headers["WWW-Authenticate"] = {
        "description": "Het vereiste authenticatieschema (Bearer)",
        "schema": {"type": "string"},
    }
    headers["ETag"] = {
        "description": "Versie van de resource; stuur hem terug in If-Match bij wijzigen",
        "schema": {"type": "string", "example": '"3"'},
    }
    headers["Link"] = {
        "description": "Links naar de eerste, vorige, volgende en laatste pagina (RFC 8288)",
        "schema": {"type": "string"},
    }
    headers["Access-Control-Allow-Origin"] = {
        "description": "Het document is vanaf elke origin op te halen",
        "schema": {"type": "string", "example": "*"},
    }
    # flask-smorest's own ETag/pagination header components are not used.
    for name in ("IF_MATCH", "IF_NONE_MATCH"):
        components.get("parameters", {}).pop(name, None)
    schemas = components.setdefault("schemas", {})
    problem = schemas.get("Problem", {})
    problem["required"] = ["type", "title", "status", "detail"]
    schemas["Problem"] = problem
    components["securitySchemes"] = {
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "Een API-token van de afnemer (`afp_...`).",
        }
    }


def _operation(path: str, path_item: dict[str, Any], method: str, op: dict[str, Any]) -> None:
    responses = op.setdefault("responses", {})
    for code in list(responses):
        if code == "default" or code == "422":
            del responses[code]
    path_params = [p for p in path_item.get("parameters", []) if p.get("in") == "path"]
    has_input = method in ("post", "put", "patch") or op.get("parameters") or path_params
    wanted = {500}
    if has_input:
        wanted.add(400)
    if op.get("security") != []:
        wanted.update((401, 403))
    if "{" in path:
        wanted.add(404)
    for status in wanted:
        responses.setdefault(str(status), {})
    for code, response in list(responses.items()):
        status = int(code)
        if status >= 400:
            responses[code] = _ref("responses", f"Problem{status}")
            continue
        headers = response.setdefault("headers", {})
        headers["API-Version"] = _ref("headers", "API-Version")
        if method == "get" and "{" in path.rsplit("/", 1)[-1]:
            headers["ETag"] = _ref("headers", "ETag")
        content = response.get("content", {}).get("application/json", {})
        if "Pagina" in content.get("schema", {}).get("$ref", ""):
            headers["Link"] = _ref("headers", "Link")
    if not op.get("summary"):
        op["summary"] = op.get("description", "").split("\n")[0] or f"{method.upper()} {path}"
    op.setdefault("description", op["summary"] + ".")
    op.setdefault("operationId", _operation_id(method, path))


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


def _operation_id(method: str, path: str) -> str:
    parts = [p for p in path.strip("/").split("/") if p]
    words = [method] + [p.strip("{}").replace("-", " ").replace("_", " ") for p in parts]
    text = " ".join(words).split()
    return text[0] + "".join(w[:1].upper() + w[1:] for w in text[1:])


def _openapi_path() -> dict[str, Any]:
    return {
        "get": {
            "tags": ["openapi"],
            "summary": "Dit OpenAPI-document",
            "description": "Het contract van deze API, zonder inloggen op te halen vanaf "
            "elke origin (CORS *).",
            "operationId": "getOpenapi",
            "security": [],
            "responses": {
                "200": {
                    "description": "Het OpenAPI 3-document van deze API",
                    "headers": {
                        "API-Version": _ref("headers", "API-Version"),
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


def build_document(raw: dict[str, Any], public_url: str) -> dict[str, Any]:
    """Turn flask-smorest's spec dict into the published document."""
    doc = copy.deepcopy(raw)
    doc["openapi"] = "3.0.3"
    doc["info"] = {
        "title": "Afnemersportaal API",
        "version": API_VERSION,
        "description": DESCRIPTION,
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
    doc["security"] = [{"bearer": []}]
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
    _components(doc)
    order = ("openapi", "info", "servers", "security", "tags", "paths", "components")
    return {key: doc[key] for key in order if key in doc} | {
        k: v for k, v in doc.items() if k not in order
    }
