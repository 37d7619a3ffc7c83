"""A real webhook delivery is what the OpenAPI document's callback describes.

The worker delivers an event to a receiver; the body validates against the
``Gebeurtenisbericht`` schema of the callback of ``POST .../webhooks``, and each
Standard Webhooks header the callback declares is sent, in its declared format.
"""

from __future__ import annotations

import re

import jsonschema
import pytest

from tests.meldingen.test_bezorging import _publiceer, _webhook, _werk
from tests.support.ontvangers import WebhookOntvanger


@pytest.fixture
def ontvanger():
    server = WebhookOntvanger()
    yield server
    server.close()


def _callback(document) -> dict:
    registratie = document["paths"]["/afnemers/{afnemerId}/webhooks"]["post"]
    [levering] = registratie["callbacks"]["gebeurtenis"].values()
    return levering["post"]


def _json_schema(schema: dict, components: dict) -> dict:
    """OpenAPI 3.0 schema objects to JSON Schema: refs inlined, ``nullable`` as a type."""
    if isinstance(schema, list):
        return [_json_schema(s, components) for s in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return _json_schema(components[schema["$ref"].rsplit("/", 1)[1]], components)
    uit = {k: _json_schema(v, components) for k, v in schema.items()
           if k not in ("nullable", "example", "x-enum-varnames")}
    if schema.get("nullable") and "type" in uit:
        uit["type"] = [uit["type"], "null"]
    return uit


def test_a_delivery_is_what_the_callback_documents(app, api, maak_afnemer, ontvanger, smtp):
    document = api.get("/openapi.json").get_json()
    callback = _callback(document)
    afnemer = maak_afnemer()
    _webhook(api, afnemer["id"], ontvanger)
    _publiceer(app, afnemer["id"], type="aankondiging.onderhoud", dienst="digid")
    assert _werk(app) == 1

    [ontvangen] = ontvanger.voor("/hook")
    assert ontvangen.geldig
    schema = callback["requestBody"]["content"]["application/json"]["schema"]
    jsonschema.validate(ontvangen.json, _json_schema(schema, document["components"]["schemas"]),
                        format_checker=jsonschema.FormatChecker())
    for parameter in callback["parameters"]:
        waarde = ontvangen.headers.get(parameter["name"])
        assert waarde is not None, parameter["name"]
        assert re.fullmatch(parameter["schema"]["pattern"], waarde), (parameter["name"], waarde)
    # The example of the document is a delivery too.
    voorbeeld = document["components"]["schemas"]["Gebeurtenisbericht"]["example"]
    jsonschema.validate(voorbeeld, _json_schema(schema, document["components"]["schemas"]))
