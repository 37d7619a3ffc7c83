"""Response schemas that say what every answer carries; request schemas that don't.

The API answers every field of a resource, ``null`` where it has no value, so for a
generated client each one is there: in a response schema every property is
``required`` (a nullable one may be ``null``). A request sends only what it must,
and never the read-only fields. One marshmallow schema describes both, so where a
component is used in a request body and in an answer and says something else as a
request (a read-only or an optional property), the request gets its own copy
(``<Name>Invoer``) without the read-only properties and with the schema's own
``required``; the answer keeps the name. Components only in requests or only in
answers are not copied.

Without this, ``id``, ``status`` and ``aangemaaktOp`` of an answer are
``T | undefined`` in a TypeScript client and ``T | Unset`` in a Python one, and a
client that marks them read-only would still have to send them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

_METHODS = ("get", "put", "post", "delete", "patch")
_PREFIX = "#/components/schemas/"
INVOER = "Invoer"


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_PREFIX):
            yield ref[len(_PREFIX):]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _closure(start: set[str], schemas: dict[str, Any]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        todo.extend(_refs(schemas[name]))
    return seen


def _media(operation: dict[str, Any], request: bool) -> Iterator[dict[str, Any]]:
    if request:
        yield from operation.get("requestBody", {}).get("content", {}).values()
        return
    for response in operation.get("responses", {}).values():
        yield from response.get("content", {}).values()
        for callback in operation.get("callbacks", {}).values():
            for item in callback.values():
                for sub in item.values():
                    if isinstance(sub, dict):
                        yield from sub.get("requestBody", {}).get("content", {}).values()


def _operations(paths: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for item in paths.values():
        for method in _METHODS:
            if method in item:
                yield item[method]


def _herschrijf(node: Any, namen: set[str]) -> None:
    """Point every reference to one of ``namen`` at its request copy."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_PREFIX) and ref[len(_PREFIX):] in namen:
            node["$ref"] = ref + INVOER
        for value in node.values():
            _herschrijf(value, namen)
    elif isinstance(node, list):
        for value in node:
            _herschrijf(value, namen)


def _zonder_alleen_lezen(schema: dict[str, Any]) -> dict[str, Any]:
    kopie = copy.deepcopy(schema)
    properties = kopie.get("properties", {})
    weg = {naam for naam, prop in properties.items() if prop.get("readOnly")}
    for naam in weg:
        del properties[naam]
    if "required" in kopie:
        kopie["required"] = [n for n in kopie["required"] if n not in weg]
        if not kopie["required"]:
            del kopie["required"]
    return kopie


def _verschilt(schema: dict[str, Any]) -> bool:
    """Whether a component says something else as a request: it has a read-only property,
    or an optional one (which an answer always carries, so it is ``required`` there)."""
    properties = schema.get("properties", {})
    optioneel = {n for n, p in properties.items() if not p.get("writeOnly")} - set(
        schema.get("required", []))
    return bool(optioneel) or any(p.get("readOnly") for p in properties.values())


def _te_kopieren(namen: set[str], schemas: dict[str, Any]) -> set[str]:
    """The components that differ as a request (:func:`_verschilt`), or refer to one that
    does. Enums and plain values are the same both ways."""
    kopie = {n for n in namen if _verschilt(schemas[n])}
    while True:
        erbij = {n for n in namen - kopie if set(_refs(schemas[n])) & kopie}
        if not erbij:
            return kopie
        kopie |= erbij


def splits_invoer_en_antwoord(doc: dict[str, Any]) -> None:
    schemas: dict[str, Any] = doc.get("components", {}).get("schemas", {})
    paths = doc.get("paths", {})
    in_requests = _closure({n for op in _operations(paths) for m in _media(op, True)
                            for n in _refs(m.get("schema", {}))}, schemas)
    in_answers = _closure({n for op in _operations(paths) for m in _media(op, False)
                           for n in _refs(m.get("schema", {}))}, schemas)
    beide = _te_kopieren(in_requests & in_answers, schemas)
    botsing = {naam for naam in beide if naam + INVOER in schemas}
    assert not botsing, f"request copies would replace existing schemas: {botsing}"
    for naam in sorted(beide):
        invoer = _zonder_alleen_lezen(schemas[naam])
        _herschrijf(invoer, beide)
        if "title" in invoer:
            invoer["title"] = invoer["title"] + INVOER
        schemas[naam + INVOER] = invoer
    for op in _operations(paths):
        for media in _media(op, True):
            _herschrijf(media, beide)
    for naam in in_requests - in_answers:  # a request schema of its own refers to copies
        _herschrijf(schemas[naam], beide)
    for naam in in_answers:
        schema = schemas[naam]
        properties = schema.get("properties")
        if properties and schema.get("type", "object") == "object":
            schema["required"] = [n for n, prop in properties.items()
                                  if not prop.get("writeOnly")]
