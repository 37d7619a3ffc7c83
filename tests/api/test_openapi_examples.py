"""Every request body and every 2xx response of the OpenAPI document has an example that
validates against its schema, and every parameter and property is described (issue 13).

The document is loaded in-process. An example is the media type's ``example`` or
``examples``; without one, it is composed from the schema: an object from an example of
each of its properties (read-only ones left out of a request, write-only ones out of a
response), an array from one example item, a value from its ``example`` or else the
first of its ``enum``. A property without any of these fails, naming its path. Each
example is validated with ``jsonschema`` against the schema, converted from OpenAPI 3.0
(``nullable``) to JSON Schema.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module")
def document(database_urls) -> dict[str, Any]:
    from tests.conftest import make_app

    response = make_app(database_urls["sqlite"]).test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def _component(document: dict, ref: str) -> tuple[str, dict]:
    naam = ref.rsplit("/", 1)[1]
    return naam, document["components"]["schemas"][naam]


class GeenVoorbeeld(Exception):
    pass


def voorbeeld(document: dict, schema: dict, richting: str, pad: str = "",
              bezig: frozenset[str] = frozenset()) -> Any:
    """An example for ``schema``, composed from the examples of its parts.

    ``richting`` is ``request`` or ``response``: what the example is for. Raises
    :class:`GeenVoorbeeld` naming every part without one.
    """
    ontbreekt: list[str] = []
    waarde = _stel_samen(document, schema, richting, pad, bezig, ontbreekt)
    if ontbreekt:
        raise GeenVoorbeeld(", ".join(ontbreekt))
    return waarde


def _stel_samen(document: dict, schema: dict, richting: str, pad: str,
                bezig: frozenset[str], ontbreekt: list[str]) -> Any:
    if "example" in schema:
        return copy.deepcopy(schema["example"])
    if "$ref" in schema:
        naam, doel = _component(document, schema["$ref"])
        if naam in bezig:  # a recursive schema: stop at its first repetition
            ontbreekt.append(f"{pad} (recursion through {naam})")
            return None
        return _stel_samen(document, doel, richting, f"{pad}->{naam}", bezig | {naam}, ontbreekt)
    if "allOf" in schema:
        samen: dict = {}
        for i, deel in enumerate(schema["allOf"]):
            samen.update(_stel_samen(document, deel, richting, f"{pad}/allOf{i}", bezig,
                                     ontbreekt) or {})
        return samen
    for soort in ("oneOf", "anyOf"):
        if soort in schema:
            takken = [t for t in schema[soort] if t.get("type") != "null"]
            return _stel_samen(document, takken[0], richting, f"{pad}/{soort}0", bezig,
                               ontbreekt)
    if schema.get("type") == "array":
        return [_stel_samen(document, schema.get("items", {}), richting, f"{pad}[]", bezig,
                            ontbreekt)]
    if schema.get("type") == "object" or "properties" in schema:
        overslaan = "readOnly" if richting == "request" else "writeOnly"
        uit = {}
        for naam, prop in schema.get("properties", {}).items():
            if _resolved(document, prop).get(overslaan):
                continue
            uit[naam] = _stel_samen(document, prop, richting, f"{pad}.{naam}", bezig, ontbreekt)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra and not schema.get("properties"):
            uit["sleutel"] = _stel_samen(document, extra, richting, f"{pad}{{}}", bezig,
                                         ontbreekt)
        return uit
    waarden = [w for w in schema.get("enum", []) if w is not None]
    if waarden:
        return waarden[0]
    ontbreekt.append(pad or "(schema)")
    return None


def _resolved(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = _component(document, schema["$ref"])[1]
    return schema


def json_schema(document: dict, schema: Any) -> Any:
    """OpenAPI 3.0 -> JSON Schema: ``nullable`` becomes a null type, refs point into
    ``$defs``. Other OpenAPI keywords (example, readOnly...) are annotations there."""
    if isinstance(schema, list):
        return [json_schema(document, s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    uit = {k: json_schema(document, v) for k, v in schema.items()
           if k not in ("nullable", "example", "discriminator", "xml", "externalDocs")}
    for key in ("properties", "patternProperties"):
        if key in schema:
            uit[key] = {n: json_schema(document, s) for n, s in schema[key].items()}
    if "$ref" in schema:
        uit["$ref"] = "#/$defs/" + schema["$ref"].rsplit("/", 1)[1]
    if schema.get("nullable"):
        if "enum" in uit and None not in uit["enum"]:
            uit["enum"] = [*uit["enum"], None]
        if "type" in uit:
            soorten = uit["type"] if isinstance(uit["type"], list) else [uit["type"]]
            uit["type"] = [*soorten, "null"]
        else:  # a $ref or a combination: null or that
            uit = {"anyOf": [uit, {"type": "null"}]}
    return uit


def _validator(document: dict, schema: dict) -> jsonschema.Draft202012Validator:
    defs = {n: json_schema(document, s) for n, s in document["components"]["schemas"].items()}
    return jsonschema.Draft202012Validator(
        {**json_schema(document, schema), "$defs": defs},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _bodies(document: dict):
    """(label, direction, media type, media type object) for every request body and 2xx
    response with a body."""
    for path, item in document["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
                yield f"{method.upper()} {path} request {media_type}", "request", media_type, media
            for status, response in operation.get("responses", {}).items():
                if not status.startswith("2"):
                    continue
                response = _resolved_response(document, response)
                for media_type, media in response.get("content", {}).items():
                    yield (f"{method.upper()} {path} {status} {media_type}", "response",
                           media_type, media)


def _resolved_response(document: dict, response: dict) -> dict:
    while "$ref" in response:
        response = document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return response


def _voorbeelden(document: dict, richting: str, media: dict) -> list[Any]:
    if "example" in media:
        return [media["example"]]
    if "examples" in media:
        return [v["value"] for v in media["examples"].values() if "value" in v]
    return [voorbeeld(document, media.get("schema", {}), richting)]


def _alleen_lezen_in_request(document: dict, schema: dict, waarde: Any, pad: str) -> list[str]:
    """Read-only properties sent in a request example (JSON Schema does not check it)."""
    schema = _resolved(document, schema)
    fout = []
    if isinstance(waarde, dict):
        for naam, sub in waarde.items():
            prop = schema.get("properties", {}).get(naam)
            if prop is None:
                continue
            if _resolved(document, prop).get("readOnly"):
                fout.append(f"{pad}.{naam}")
            fout += _alleen_lezen_in_request(document, prop, sub, f"{pad}.{naam}")
    elif isinstance(waarde, list) and "items" in schema:
        for item in waarde:
            fout += _alleen_lezen_in_request(document, schema["items"], item, f"{pad}[]")
    return fout


def test_every_body_has_an_example_that_validates(document):
    problemen = []
    aantal = 0
    for label, richting, media_type, media in _bodies(document):
        if not _is_json(media_type):
            if not isinstance(media.get("example"), str) or not media["example"]:
                problemen.append(f"{label}: no text example")
            continue
        try:
            voorbeelden = _voorbeelden(document, richting, media)
        except GeenVoorbeeld as exc:
            problemen.append(f"{label}: no example for {exc}")
            continue
        validator = _validator(document, media.get("schema", {}))
        for waarde in voorbeelden:
            aantal += 1
            for fout in validator.iter_errors(waarde):
                pad = "/".join(map(str, fout.absolute_path))
                problemen.append(f"{label}: {pad}: {fout.message[:200]}")
            if richting == "request":
                problemen += [f"{label}: read-only {p} in the example"
                              for p in _alleen_lezen_in_request(
                                  document, media.get("schema", {}), waarde, "")]
    assert aantal > 80  # the walk does reach the bodies
    assert problemen == [], "\n".join(problemen)


def test_every_parameter_has_a_description(document):
    zonder = []
    for path, item in document["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            for parameter in [*item.get("parameters", []), *item[method].get("parameters", [])]:
                if "$ref" in parameter:
                    parameter = document["components"]["parameters"][
                        parameter["$ref"].rsplit("/", 1)[1]]
                if not (parameter.get("description") or "").strip():
                    zonder.append(f"{method.upper()} {path} {parameter['in']} {parameter['name']}")
    for naam, header in document["components"].get("headers", {}).items():
        if not (header.get("description") or "").strip():
            zonder.append(f"header {naam}")
    assert zonder == [], "\n".join(zonder)


def _eigenschappen(schema: dict, pad: str):
    for naam, prop in schema.get("properties", {}).items():
        yield f"{pad}.{naam}", prop
        yield from _eigenschappen(prop, f"{pad}.{naam}")
    if isinstance(schema.get("items"), dict):
        yield from _eigenschappen(schema["items"], f"{pad}[]")
    for soort in ("allOf", "anyOf", "oneOf"):
        for i, deel in enumerate(schema.get(soort, [])):
            yield from _eigenschappen(deel, f"{pad}/{soort}{i}")


def _alleen_verwijzing(prop: dict) -> bool:
    """A property that only refers to a component (``$ref``, or nullable as an allOf of
    one ``$ref``): its description is the component's."""
    if "$ref" in prop:
        return len(prop) == 1
    delen = prop.get("allOf", [])
    return len(delen) == 1 and "$ref" in delen[0] and set(prop) <= {"allOf", "nullable"}


def test_every_property_has_a_description(document):
    zonder = []
    for naam, schema in document["components"]["schemas"].items():
        for pad, prop in _eigenschappen(schema, naam):
            if _alleen_verwijzing(prop):
                continue  # described where the component is; 3.0 allows no siblings
            if not (prop.get("description") or "").strip():
                zonder.append(pad)
    assert zonder == [], f"{len(zonder)} properties without a description:\n" + "\n".join(zonder)


def test_the_checks_do_fail(document):
    """The composition and the validation catch what they are meant to catch."""
    doc = {"components": {"schemas": {
        "A": {"type": "object", "properties": {
            "n": {"type": "integer", "example": "geen getal"},
            "d": {"type": "string", "nullable": True, "example": None},
            "r": {"type": "string", "readOnly": True, "example": "x"}}},
        "B": {"type": "object", "properties": {"zonder": {"type": "string"}}}}}}
    waarde = voorbeeld(doc, {"$ref": "#/components/schemas/A"}, "request")
    assert waarde == {"n": "geen getal", "d": None}
    fouten = list(_validator(doc, {"$ref": "#/components/schemas/A"}).iter_errors(waarde))
    assert [list(f.absolute_path) for f in fouten] == [["n"]]
    with pytest.raises(GeenVoorbeeld, match="zonder"):
        voorbeeld(doc, {"$ref": "#/components/schemas/B"}, "response")
    assert _alleen_lezen_in_request(doc, {"$ref": "#/components/schemas/A"}, {"r": "x"}, "") == [
        ".r"]
    assert json.dumps(json_schema(doc, {"type": "string", "enum": ["a"], "nullable": True})) == (
        '{"type": ["string", "null"], "enum": ["a", null]}')
