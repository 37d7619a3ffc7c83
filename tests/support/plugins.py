"""The routes that installed dienst plugins bring (``dienst_api``), for the tests that walk
every route: the isolation walks, the contract tests, the conventions, the partial
updates and the statement counts, in-process and in the served tier.

Those tests know core's routes by name: a body for each write, an id for each path
parameter. A plugin's routes they cannot know, since any installed package may bring
some (``./scripts/test`` installs ``examples/certificaten``). What the walks need of them
comes from the OpenAPI document, which describes a plugin's routes as it does core's:

- which operations are a plugin's: those tagged with its blueprint's name, which is the
  dienst's slug or starts with ``<slug>-`` (core refuses any other, and a blueprint name
  that core uses);
- a request body: the example of the operation's request body, composed from the
  examples of its fields (:func:`tests.api.test_openapi_examples.voorbeeld`);
- an id for a path parameter: the ``id`` of the resource that a ``POST`` of that example
  to the collection above it creates (:func:`maak_voorbeelden`).

So a plugin's routes are walked with its own document's examples; an example the plugin
itself refuses fails the walk, naming the operation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

PARAM = re.compile(r"\{(\w+)\}")
VARIABELE = re.compile(r"<(?:\w+:)?(\w+)>")
METHODS = ("get", "put", "post", "patch", "delete")
API = "/api/v1"


def _camel(naam: str) -> str:
    kop, *rest = naam.split("_")
    return kop + "".join(deel[:1].upper() + deel[1:] for deel in rest)


def snake(naam: str) -> str:
    """``certificaatId`` -> ``certificaat_id`` (a document parameter as a rule variable)."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", naam).lower()


def documentpad(regel: str) -> str:
    """A URL rule as the document names its path:
    ``/api/v1/afnemers/<uuid:afnemer_id>/x`` -> ``/afnemers/{afnemerId}/x``."""
    return VARIABELE.sub(lambda m: "{" + _camel(m.group(1)) + "}", regel.removeprefix(API))


def van_plugin(tags: Iterable[str], slugs: Iterable[str]) -> bool:
    """Whether an operation with these tags (blueprint names) is a plugin's."""
    slugs = tuple(slugs)
    return any(tag == slug or tag.startswith(slug + "-") for tag in tags for slug in slugs)


def plugin_operaties(document: dict, slugs: Iterable[str]) -> set[tuple[str, str]]:
    """``(method, path)`` of every operation of the document that a plugin brings."""
    slugs = tuple(slugs)
    return {(method, path) for path, item in document["paths"].items()
            for method in METHODS
            if method in item and van_plugin(item[method].get("tags", ()), slugs)}


def plugin_paden(document: dict, slugs: Iterable[str]) -> set[str]:
    return {path for _method, path in plugin_operaties(document, slugs)}


def plugin_endpoint(endpoint: str, slugs: Iterable[str]) -> bool:
    """Whether a Flask endpoint (``blueprint.View``) belongs to a plugin's blueprint."""
    return van_plugin([endpoint.split(".", 1)[0]], slugs)


def voorbeeldbody(document: dict, path: str, method: str,
                  ids: dict[str, str] | None = None) -> Any:
    """The example request body of an operation (``None`` when it takes none).

    A body field that takes the value of a path parameter says so in the document
    (``x-padparameter``, such as a list of afnemer ids that a Logius route takes): with
    ``ids`` it gets the known value of that parameter instead of the example's."""
    from tests.api.test_openapi_examples import voorbeeld

    body = document["paths"][path][method].get("requestBody")
    if body is None:
        return None
    media = body["content"].get("application/json")
    assert media is not None, f"{method.upper()} {path} takes no JSON body"
    waarde = media["example"] if "example" in media else voorbeeld(document, media["schema"],
                                                                   "request")
    if ids:
        _vul_padparameters(document, media["schema"], waarde, ids)
    return waarde


def _los_op(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _los_op(document, schema["allOf"][0])
    return schema


def _vul_padparameters(document: dict, schema: dict, waarde: Any, ids: dict[str, str]) -> None:
    schema = _los_op(document, schema)
    if not isinstance(waarde, dict):
        return
    for naam, prop in schema.get("properties", {}).items():
        if naam not in waarde:
            continue
        prop = _los_op(document, prop)
        param = prop.get("x-padparameter")
        if param in ids:
            waarde[naam] = [ids[param]] if prop.get("type") == "array" else ids[param]
        else:
            _vul_padparameters(document, prop, waarde[naam], ids)


def _antwoordschema(operatie: dict, status: str) -> str | None:
    """The component an operation answers with ``status`` (``None`` for another shape)."""
    inhoud = operatie.get("responses", {}).get(status, {}).get("content", {})
    ref = inhoud.get("application/json", {}).get("schema", {}).get("$ref")
    return ref.rsplit("/", 1)[1] if ref else None


def maak_voorbeelden(document: dict, slugs: Iterable[str], ids: dict[str, str],
                     post: Callable[[str, Any], dict]) -> dict[str, str]:
    """An id for every path parameter of a plugin's paths that ``ids`` lacks.

    For ``.../{xId}`` the collection ``...`` gets a ``POST`` of its example body; the
    ``id`` of what it creates is the value of ``xId``. Shorter paths go first, so a
    nested collection finds the id above it. A collection without a ``POST`` (a list
    that another route fills) waits for a path with the same parameter that has one, or
    else for any ``POST`` of the plugin that answers 201 with the schema the item's
    ``GET`` answers (a measure that becomes a logboek entry, say). ``post(path, body)``
    sends one request (``path`` filled, relative to ``/api/v1``) and returns the created
    resource.
    """
    slugs = tuple(slugs)
    paden = sorted(plugin_paden(document, slugs), key=lambda p: (p.count("/"), p))
    gevonden = dict(ids)
    nieuw: dict[str, str] = {}

    def maak(collectie: str, naam: str) -> None:
        gevuld = PARAM.sub(lambda m: gevonden[m.group(1)], collectie)
        gemaakt = post(gevuld, voorbeeldbody(document, collectie, "post", gevonden))
        assert "id" in gemaakt, (collectie, gemaakt)
        gevonden[naam] = nieuw[naam] = str(gemaakt["id"])

    def open_namen() -> list[tuple[str, str]]:
        return [(pad, naam) for pad in paden for naam in PARAM.findall(pad)
                if naam not in gevonden]

    while True:
        voor = len(gevonden)
        for pad, naam in open_namen():
            if naam in gevonden:
                continue
            collectie = pad[: pad.index("{" + naam + "}")].rstrip("/")
            if "post" in document["paths"].get(collectie, {}) and all(
                    n in gevonden for n in PARAM.findall(collectie)):
                maak(collectie, naam)
        if len(gevonden) == voor:
            for pad, naam in open_namen():
                if naam in gevonden:
                    continue
                schema = _antwoordschema(document["paths"][pad].get("get", {}), "200")
                bron = next((p for p in paden if schema and "post" in document["paths"][p]
                             and _antwoordschema(document["paths"][p]["post"], "201") == schema
                             and all(n in gevonden for n in PARAM.findall(p))), None)
                if bron is not None:
                    maak(bron, naam)
        if len(gevonden) == voor:
            break
    onbekend = sorted({f"{{{naam}}} of {pad}" for pad, naam in open_namen()})
    assert not onbekend, (
        f"no id for {', '.join(onbekend)}: the walk makes one with a POST to the "
        "collection above it, to another path with that parameter, or to a POST that "
        "answers the item's schema, and the document has none of these")
    return nieuw
