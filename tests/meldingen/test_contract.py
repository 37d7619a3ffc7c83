"""A real webhook delivery is what the OpenAPI document describes.

The worker delivers an event to a receiver; the body validates against the
``Gebeurtenisbericht`` schema of the callback of ``POST .../webhooks`` and against the
entry of its type in the catalogue ``x-webhooks``, and each Standard Webhooks header the
callback declares is sent, in its declared format. The catalogue holds every type an
afnemer can receive, the plugins' too, each with a schema of its ``data`` and an example
that is valid against it.
"""

from __future__ import annotations

import re

import jsonschema
import pytest

from core.meldingen import cloudevents
from core.meldingen.typen import SOORTEN, afnemer_typen
from core.uitbreidingen.bijdragen import uitbreidingen
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


def _valideer(waarde, schema, document) -> None:
    jsonschema.validate(waarde, _json_schema(schema, document["components"]["schemas"]),
                        format_checker=jsonschema.FormatChecker())


def _catalogusschema(document, ce_type: str) -> dict:
    inhoud = document["x-webhooks"][ce_type]["post"]["requestBody"]["content"]
    return inhoud[cloudevents.MEDIA_TYPE]


def test_a_delivery_is_what_the_callback_and_the_catalogue_document(app, api, maak_afnemer,
                                                                    ontvanger, smtp):
    document = api.get("/openapi.json").get_json()
    callback = _callback(document)
    afnemer = maak_afnemer()
    _webhook(api, afnemer["id"], ontvanger)
    _publiceer(app, afnemer["id"], type="aankondiging.onderhoud", dienst="digid",
               aankondigingId="6f1c2b7e-3d4a-4b8e-9c21-7a5e0d9f4b31", reactieVereist=False)
    _publiceer(app, afnemer["id"], type="incident.status-gewijzigd", incidentId="x",
               prioriteit="hoog")
    assert _werk(app) == 2

    onderhoud, incident = sorted(ontvanger.voor("/hook"), key=lambda o: o.json["type"])
    assert onderhoud.geldig
    assert onderhoud.headers["content-type"] == "application/cloudevents+json"
    schema = callback["requestBody"]["content"][cloudevents.MEDIA_TYPE]["schema"]
    _valideer(onderhoud.json, schema, document)
    _valideer(onderhoud.json, _catalogusschema(document, onderhoud.json["type"])["schema"],
              document)
    for parameter in callback["parameters"]:
        waarde = onderhoud.headers.get(parameter["name"])
        assert waarde is not None, parameter["name"]
        assert re.fullmatch(parameter["schema"]["pattern"], waarde), (parameter["name"], waarde)
    # The catalogue's data schema means something: a field of the wrong kind fails it.
    _valideer(incident.json, schema, document)
    with pytest.raises(jsonschema.ValidationError, match="prioriteit|'hoog'"):
        _valideer(incident.json, _catalogusschema(document, incident.json["type"])["schema"],
                  document)
    # The example of the callback's schema is a delivery too.
    _valideer(document["components"]["schemas"]["Gebeurtenisbericht"]["example"], schema,
              document)


def test_every_type_an_afnemer_receives_is_in_the_catalogue(app, api):
    """Made from the registry: core's types and every installed plugin's (vwo, and the
    example plugin the suite installs), each with its data schema and a valid example."""
    document = api.get("/openapi.json").get_json()
    assert document["openapi"].startswith("3.0")  # ADR ruleset 2.1.0: so no 'webhooks'
    catalogus = document["x-webhooks"]
    with app.app_context():
        plugintypen = {s.type for soorten in uitbreidingen().gebeurtenissen.values()
                       for s in soorten if s.ontvanger.value == "afnemer"}
    assert plugintypen and {t.split(".")[0] for t in plugintypen} >= {"vwo"}
    # The registry is one per process: a test app with another plugin may have added
    # types this app's document was written without. Core's and this app's plugins' are
    # all in it, and nothing else.
    kern = {t for t in afnemer_typen() if t.split(".")[0] in cloudevents.ONDERWERPEN}
    assert len(kern) > 20
    assert ({cloudevents.ce_type(t) for t in kern | plugintypen} <= set(catalogus)
            <= {cloudevents.ce_type(t) for t in afnemer_typen()})
    for ce_type, item in catalogus.items():
        kort = cloudevents.kort_type(ce_type)
        assert re.fullmatch(r"nl\.afnemersportaal(\.[a-z][a-z0-9-]*)+", ce_type)
        post = item["post"]
        assert post["x-typefilter"] == kort
        assert SOORTEN[kort].omschrijving in post["description"]
        inhoud = _catalogusschema(document, ce_type)
        data = inhoud["schema"]["allOf"][1]["properties"]["data"]
        assert {"id", "onderwerp", "tekst", "artikel"} <= set(data["required"])
        assert inhoud["example"]["type"] == ce_type
        _valideer(inhoud["example"], inhoud["schema"], document)
