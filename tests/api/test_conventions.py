"""API conventions that hold for every operation, checked by walking the document."""

from __future__ import annotations

import re

import pytest

from tests.conftest import geinstalleerd
from tests.support.plugins import maak_voorbeelden, plugin_operaties, voorbeeldbody

PARAM = re.compile(r"\{(\w+)\}")
VALID_BODIES = {
    ("put", "/diensten/{slug}/omgevingen/{omgeving}"): {"ingeschakeld": False,
                                                        "reden": "Conventietest"},
    ("patch", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}"): {"onderdelen": ["basis"]},
    ("post", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/statuswijzigingen"): {
        "status": "actief"},
    ("patch", "/afnemers/{afnemerId}/lidmaatschappen/{lidmaatschapId}"): {
        "rol": "afnemer-beheerder"},
    ("patch", "/afnemers/{afnemerId}/webhooks/{webhookId}"): {"actief": False},
    ("patch", "/diensten/{slug}/koppelvlakken/{koppelvlak}/versies/{versie}"): {
        "verouderdSinds": "2026-01-01"},
    ("put", "/diensten/{slug}/tarieven/{jaar}/{code}"): {"bedrag": "0.59"},
    ("put", "/btw-tarieven/{jaar}"): {"percentage": "21"},
    ("put", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/voorcalculaties/{jaar}"): {
        "volumes": []},
    ("patch", "/incidenten/{incidentId}"): {"impact": "midden"},
    ("post", "/incidenten/{incidentId}/statuswijzigingen"): {"status": "in-behandeling"},
    ("post", "/afnemers/{afnemerId}/wijzigingsverzoeken/{wijzigingsverzoekId}/"
             "statuswijzigingen"): {"status": "in-beoordeling"},
}
#: Path parameters that differ per path (Digipoort has no service level).
PER_PAD = {"/diensten/{slug}/onbeschikbaarheid/{onbeschikbaarheidId}": {"slug": "digid"}}


@pytest.fixture
def document(api):
    return api.get("/openapi.json").get_json()


@pytest.fixture
def ids(api, document, maak_afnemer, maak_aansluiting, maak_contactpersoon):
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"])  # the algemeen contact that must stay
    token = api.post(f"/afnemers/{afnemer['id']}/api-tokens",
                     json={"naam": "x", "rol": "afnemer-medewerker"}).get_json()
    aansluiting_id = maak_aansluiting(afnemer["id"])["id"]
    # The PUTs that create or replace need If-Match only once the resource exists.
    for url, body in ((f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting_id}"
                       "/voorcalculaties/2027", {"volumes": []}),
                      ("/btw-tarieven/2027", {"percentage": "21"}),
                      ("/diensten/digipoort/tarieven/2027/berichtenverkeer", {"bedrag": "0.59"})):
        assert api.request("PUT", url, json=body).status_code == 201
    def post(pad, body):
        response = api.post(pad, json=body)
        assert response.status_code == 201, (pad, response.get_json())
        return response.get_json()

    # A resource of every kind the installed plugins bring, from their own examples.
    return maak_voorbeelden(document, geinstalleerd(), {"afnemerId": afnemer["id"]}, post) | {
        "afnemerId": afnemer["id"],
        "aansluitingId": aansluiting_id,
        "contactpersoonId": maak_contactpersoon(afnemer["id"], rol="technisch")["id"],
        "tokenId": token["id"],
        "lidmaatschapId": api.post(f"/afnemers/{afnemer['id']}/lidmaatschappen",
                                   json={"email": "lid@voorbeeld.nl",
                                         "rol": "afnemer-medewerker"}).get_json()["id"],
        "machineClientId": api.post(f"/afnemers/{afnemer['id']}/machine-clients",
                                    json={"clientId": "conventie", "naam": "x"}).get_json()["id"],
        "webhookId": api.post(f"/afnemers/{afnemer['id']}/webhooks",
                              json={"url": "https://conventie.example/hook"}).get_json()["id"],
        "slug": "digipoort",
        "koppelvlak": "aanleveren",
        "versie": "1.2",
        "jaar": "2027",
        "code": "berichtenverkeer",
        "omgeving": "productie",
        "datum": "2027-05-05",
        "onbeschikbaarheidId": api.post("/diensten/digid/onbeschikbaarheid", json={
            "omgeving": "productie", "soort": "storing", "van": "2026-03-03T09:00:00+01:00",
            "functies": ["authenticatie-midden"]}).get_json()["id"],
        "incidentId": post(f"/afnemers/{afnemer['id']}/incidenten", {
            "dienst": "digid", "omgeving": "productie", "impact": "laag", "urgentie": "laag",
            "omschrijving": "Conventietest", "functies": ["authenticatie-midden"]})["id"],
        "wijzigingsverzoekId": post(f"/afnemers/{afnemer['id']}/wijzigingsverzoeken", {
            "dienst": "digid", "indiener": {"naam": "Conventie", "email": "c@voorbeeld.nl"},
            "voorgesteldeWijziging": "Resultaat", "beoogdeVoordelen": "Voordelen",
            "huidigeNadelen": "Nadelen"})["id"],
    }


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "patch", "put", "delete"}:
                yield path, method, operation


def test_every_write_needing_if_match_answers_428_without_it(api, document, ids, token_voor):
    """ETag/If-Match (DESIGN: API conventions): a write without If-Match is refused
    with 428 and changes nothing (sent by a Logius beheerder, or where the document leaves
    Logius out, by the afnemer's own role)."""
    from core.auth.principal import Rol

    checked = 0
    for path, method, operation in _operations(document):
        names = {p.get("name") for p in operation.get("parameters", [])
                 if isinstance(p, dict)} | {
            p["$ref"].rsplit("/", 1)[-1] for p in operation.get("parameters", []) if "$ref" in p}
        if not any(n and n.lower().replace("-", "") == "ifmatch" for n in names):
            continue
        waarden = {**ids, **PER_PAD.get(path, {})}
        url = PARAM.sub(lambda m: waarden[m.group(1)], path)
        body = VALID_BODIES.get((method, path), {})
        if (method, path) in plugin_operaties(document, geinstalleerd()):
            body = voorbeeldbody(document, path, method)
        rollen = operation.get("x-rollen") or ["logius-beheerder"]
        wie = api if "logius-beheerder" in rollen else api.as_(
            token_voor(ids["afnemerId"], Rol(rollen[0])))
        response = wie.request(method.upper(), url, json=body)
        assert response.status_code == 428, (method, path, response.get_json())
        assert response.get_json()["code"] == "if-match-vereist"
        checked += 1
    assert checked >= 5


def test_every_patch_documents_if_match(document):
    for path, method, operation in _operations(document):
        if method == "patch":
            text = str(operation.get("parameters", []))
            assert "If-Match" in text or "IfMatch" in text, (method, path)


def test_every_operation_documents_problem_responses_and_version_header(document):
    for path, method, operation in _operations(document):
        responses = operation["responses"]
        assert any(code.startswith(("4", "5")) for code in responses), (method, path)
        for code, response in responses.items():
            if code.startswith(("2", "3")):
                assert "API-Version" in response.get("headers", {}), (method, path, code)


def test_document_paths_have_no_trailing_slash_and_no_version(document):
    assert document["servers"][0]["url"].endswith("/api/v1")
    for path in document["paths"]:
        assert path == "/" or not path.endswith("/")
        assert not path.startswith("/api/")


@pytest.mark.parametrize("veld, waarde", [("actief", 0), ("actief", "true"), ("actief", 1)])
def test_a_boolean_field_takes_only_json_booleans(api, maak_afnemer, veld, waarde):
    afnemer = maak_afnemer()
    response = api.post(f"/afnemers/{afnemer['id']}/webhooks",
                        json={"url": "https://hooks.example/x", veld: waarde})
    assert response.status_code == 400, response.get_json()
    assert [p["name"] for p in response.get_json()["invalidParams"]] == [veld]


@pytest.mark.parametrize("aantal", [2.5, 2.589e-42, "3"])
def test_an_integer_field_takes_only_json_integers(api, maak_afnemer, aantal):
    afnemer = maak_afnemer()
    response = api.post(f"/afnemers/{afnemer['id']}/kosten/schattingen", json={
        "jaar": 2027, "volumes": [{"dienst": "digipoort", "metriek": "berichten",
                                   "aantal": aantal}]})
    assert response.status_code == 400, response.get_json()
    assert [p["name"] for p in response.get_json()["invalidParams"]] == ["volumes.0.aantal"]


def test_a_created_resource_and_a_list_link_to_the_operations_on_their_items(document):
    """The links the stateful contract test follows (core.api.links)."""
    paths = document["paths"]
    created = paths["/afnemers/{afnemerId}/contactpersonen"]["post"]["responses"]["201"]
    item_ops = {paths["/afnemers/{afnemerId}/contactpersonen/{contactpersoonId}"][m][
        "operationId"] for m in ("get", "patch", "delete")}
    assert set(created["links"]) == item_ops
    for link in created["links"].values():
        assert link["parameters"] == {"afnemerId": "$request.path.afnemerId",
                                      "contactpersoonId": "$response.body#/id"}
    listed = paths["/afnemers/{afnemerId}/contactpersonen"]["get"]["responses"]["200"]
    assert {link["parameters"]["contactpersoonId"] for link in listed["links"].values()} == {
        "$response.body#/resultaten/0/id"}
    operation_ids = {op["operationId"] for item in paths.values() for op in item.values()
                     if isinstance(op, dict) and "operationId" in op}
    for item in paths.values():
        for op in item.values():
            for response in (op.get("responses", {}) if isinstance(op, dict) else {}).values():
                for link in response.get("links", {}).values():
                    assert link["operationId"] in operation_ids


@pytest.mark.parametrize("client_id", ["koppeling\u0000x", "\ud8d8koppeling"])
def test_text_a_database_cannot_store_is_refused_with_400_not_500(api, maak_afnemer, client_id):
    """Found by Schemathesis over HTTP: a NUL in a text field was a 500 on PostgreSQL."""
    afnemer = maak_afnemer()
    response = api.post(f"/afnemers/{afnemer['id']}/machine-clients",
                        json={"clientId": client_id, "naam": "Koppeling"})
    assert response.status_code == 400, response.get_json()
    assert [p["name"] for p in response.get_json()["invalidParams"]] == ["clientId"]
    lijst = api.get(f"/afnemers/{afnemer['id']}/machine-clients?naam=a%00b")
    assert lijst.status_code in (200, 400)


def test_a_url_longer_than_the_api_takes_is_a_414_problem(api):
    response = api.get("/afnemers?naam=" + "a" * 9000)
    assert response.status_code == 414
    assert response.content_type == "application/problem+json"
    assert response.get_json()["code"] == "url-te-lang"


def test_no_parameter_documents_a_default_of_null(document):
    """A generated client would send ``paginaGrootte=null``; left out, the server's page
    size applies."""
    for path, item in document["paths"].items():
        for op in item.values():
            for parameter in (op.get("parameters", []) if isinstance(op, dict) else []):
                schema = parameter.get("schema", {})
                assert not ("default" in schema and schema["default"] is None), (
                    path, parameter["name"])
