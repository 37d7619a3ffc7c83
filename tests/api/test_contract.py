"""The OpenAPI document as a contract that generated clients can trust.

Two kinds of check:

- the document itself: typed problems with the catalogue of codes, short unique
  operationIds, typed nullable objects, named enums without null, security and roles
  per operation, the feed and CSV media types, 415 where bodies are taken, the headers
  of 201 and of PUT/PATCH, the webhook delivery as a callback;
- the document against the app, in-process, in one world with a resource of every
  kind: every GET and every write that answers 201 (and every PUT and PATCH) sends each
  header it declares as required, and declares every ETag, Location, Link,
  Deprecation and Sunset it sends, in the declared format; every operation refuses a
  request without token (401) unless it is public; a body in another Content-Type is
  415; every role the document names may read, and every role it does not name is
  refused (403, or 404 on another's afnemer).
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from core.api.operaties import OPERATIE_IDS
from core.auth import tokens
from core.auth.principal import Rol
from core.db import Database, db
from core.errors import CODES, EXTENSIES
from core.tijd import vandaag
from tests.conftest import Api, geinstalleerd, nieuw_oin, upgrade_all
from tests.support.plugins import maak_voorbeelden, plugin_operaties, voorbeeldbody

PARAM = re.compile(r"\{(\w+)\}")
METHODS = ("get", "put", "post", "patch", "delete")
PUBLIEK = {("get", "/openapi.json"), ("get", "/agenda/{waarde}"),
           ("get", "/diensten/{slug}/statusfeed"), ("get", "/diensten/{slug}/onderhoudskalender")}
#: Operations for anyone without a token that take one too (the status page: a Logius
#: beheerder's token shows more).
OPTIONEEL = {("get", "/diensten/{slug}/status")}
ROLLEN = [r.value for r in Rol]
#: Headers whose presence a client relies on: declared wherever they are sent.
GEDECLAREERD_ALS_GESTUURD = ("ETag", "Location", "Link", "Deprecation", "Sunset")
#: Values for required query parameters in the walk.
QUERY = {"versie": "3.3", "jaar": "2027", "omgeving": "productie"}
#: Path parameters that differ per path (DigiD has no tariffs).
PER_PAD = {"/diensten/{slug}/tarieven/{jaar}/{code}": {"slug": "digipoort"}}
#: A change request with the four items (SNO 3 Wijzigingenbeheer).
WIJZIGINGSVERZOEK = {
    "dienst": "digid", "indiener": {"naam": "Contract", "email": "rfc@contract.example"},
    "voorgesteldeWijziging": "Een resultaat", "beoogdeVoordelen": "Voordelen",
    "huidigeNadelen": "Nadelen"}


@pytest.fixture(scope="module")
def wereld(tmp_path_factory):
    """An app on SQLite with one afnemer that has a resource of every kind, a token per
    role, and the ids to fill every path of the document."""
    from core.kosten.run import kostenrun
    from core.meldingen.models import Bezorging
    from core.meldingen.outbox import publiceer
    from tests.conftest import make_app

    url = f"sqlite:///{tmp_path_factory.mktemp('contract') / 'contract.sqlite'}"
    upgrade_all(url)
    app = make_app(url)
    with app.app_context():
        logius = tokens.issue(naam="contract", rol=Rol.LOGIUS_BEHEERDER, afnemer_id=None,
                              door="test").token
        productteam = tokens.issue(naam="contract", rol=Rol.PRODUCTTEAM, afnemer_id=None,
                                   door="test", productteam_dienst="digid").token
        db.session.commit()
    api = Api(app.test_client(), logius)

    def ok(response, *statussen):
        assert response.status_code in (statussen or (200, 201)), response.get_json()
        return response.get_json()

    for pad, body in (("/btw-tarieven/2027", {"percentage": "21"}),
                      ("/diensten/digipoort/tarieven/2027/berichtenverkeer", {"bedrag": "0.59"}),
                      *((f"/diensten/mijnoverheid/tarieven/2027/{code}", {"bedrag": "0"})
                        for code in ("berichtenbox-bericht", "berichtenbox-jaarbedrag",
                                     "persoonlijke-gegevens-aansluiting"))):
        ok(api.request("PUT", pad, json=body))
    afnemer = ok(api.post("/afnemers", json={"naam": "Gemeente Contract", "oin": nieuw_oin(),
                                             "type": "gemeente"}))
    a = f"/afnemers/{afnemer['id']}"
    aansluiting = ok(api.post(f"{a}/aansluitingen", json={
        "dienst": "digid", "omgeving": "productie", "onderdelen": ["midden"],
        "aanvraagOndertekendOp": "2026-01-15"}))
    ok(api.post(f"{a}/contactpersonen", json={
        "naam": "Algemeen", "email": "algemeen@contract.example", "telefoon": "0701234567",
        "rol": "algemeen"}))
    contact = ok(api.post(f"{a}/contactpersonen", json={
        "naam": "Technisch", "email": "techniek@contract.example", "telefoon": "0701234567",
        "rol": "technisch"}))
    token = ok(api.post(f"{a}/api-tokens", json={"naam": "koppeling",
                                                 "rol": "afnemer-medewerker"}))
    lid = ok(api.post(f"{a}/lidmaatschappen", json={"email": "lid@contract.example",
                                                    "rol": "afnemer-medewerker"}))
    client = ok(api.post(f"{a}/machine-clients", json={"clientId": "contract", "naam": "x"}))
    webhook = ok(api.post(f"{a}/webhooks", json={"url": "https://contract.example/hook"}))
    aankondiging = ok(api.post("/aankondigingen", json={
        "type": "dienstwijziging", "titel": "Wijziging", "omschrijving": "Voor deze afnemer",
        "dienst": "digid", "wijzigingsdatum": (vandaag() + timedelta(days=7)).isoformat(),
        "afnemers": [afnemer["id"]]}))
    # A version on its way out, so that Deprecation and Sunset are sent.
    versie = api.get("/diensten/digid/koppelvlakken/saml/versies/3.3")
    ok(api.patch("/diensten/digid/koppelvlakken/saml/versies/3.3",
                 headers={"If-Match": versie.headers["ETag"]},
                 json={"sunsetOp": (vandaag() + timedelta(days=400)).isoformat(),
                       "opvolger": "4.0"}))
    gebruik = ok(api.post(f"{a}/koppelvlakgebruik", json={
        "aansluitingId": aansluiting["id"], "koppelvlak": "saml", "versie": "3.3"}))
    melding = ok(api.post(f"{a}/wijzigingsmeldingen", json={
        "omschrijving": "Nieuw zaaksysteem",
        "realisatiedatum": (vandaag() + timedelta(days=200)).isoformat()}))
    prognose = ok(api.post(f"{a}/prognoses", json={
        "aansluitingId": aansluiting["id"], "periode": f"{vandaag().year + 1}-04",
        "formulier": {"authenticatiesPerMaand": [1000] * 12, "piekPerMinuut": 10}}))
    incident = ok(api.post(f"{a}/incidenten", json={
        "dienst": "digid", "omgeving": "productie", "impact": "laag", "urgentie": "laag",
        "omschrijving": "Contract", "functies": ["authenticatie-midden"]}))
    vraag = ok(api.post(f"{a}/vragen", json={
        "dienst": "digid", "soort": "klacht", "onderwerp": "Contract", "tekst": "Contract"}))
    verzoek = ok(api.post(f"{a}/wijzigingsverzoeken", json=WIJZIGINGSVERZOEK))
    onbeschikbaarheid = ok(api.post("/diensten/digid/onbeschikbaarheid", json={
        "omgeving": "productie", "soort": "storing", "van": "2026-03-03T09:00:00+01:00",
        "tot": "2026-03-03T10:00:00+01:00", "functies": ["authenticatie-midden"]}))
    sleutel = ok(api.post(f"{a}/agenda-sleutel"))
    intermediair = ok(api.post("/intermediairs", json={
        "naam": "Zaaksoftware Contract", "kvkNummer": "87654321",
        "email": "beheer@zaaksoftware.example"}))
    intermediair_token = ok(api.post(f"/intermediairs/{intermediair['id']}/api-tokens",
                                     json={"naam": "koppeling"}))
    intermediair_persoon = ok(api.post(f"/intermediairs/{intermediair['id']}/medewerkers",
                                       json={"email": "persoon@zaaksoftware.example"}))
    intermediair_client = ok(api.post(f"/intermediairs/{intermediair['id']}/machine-clients",
                                      json={"clientId": "contract-intermediair", "naam": "x"}))
    mandaat = ok(api.post(f"{a}/mandaten", json={
        "intermediairId": intermediair["id"], "diensten": ["digid"],
        "resources": ["aansluitingen"], "rechten": ["lezen"],
        "geldigTot": (vandaag() + timedelta(days=30)).isoformat()}))
    # Digipoort's begeleiding takes a Digipoort aansluiting, and a choice confirms this
    # year's price of a period (DP tabel 1).
    for url, body in ((f"/btw-tarieven/{vandaag().year}", {"percentage": "21"}),
                      (f"/diensten/digipoort/tarieven/{vandaag().year}/individuele-begeleiding",
                       {"bedrag": "4400"})):
        ok(api.request("PUT", url, json=body, headers={"If-Match": "*"}))
    digipoort = ok(api.post(f"{a}/aansluitingen", json={
        "dienst": "digipoort", "omgeving": "productie", "onderdelen": ["e-factureren"],
        "aanvraagOndertekendOp": "2026-01-15"}))
    with app.app_context():
        gebeurtenis = publiceer(type="aankondiging.storing", afnemer_id=uuid.UUID(afnemer["id"]),
                                onderwerp="Storing", tekst="Test", data={})
        db.session.flush()
        bezorging_id = db.session.scalars(select(Bezorging.id).where(
            Bezorging.gebeurtenis_id == gebeurtenis.id)).first()
        gebeurtenis_id = gebeurtenis.id
        run_id = kostenrun(2027, door="test").id
        afnemer_id = uuid.UUID(afnemer["id"])
        beheerder = tokens.issue(naam="contract", rol=Rol.AFNEMER_BEHEERDER,
                                 afnemer_id=afnemer_id, door="test").token
        medewerker = tokens.issue(naam="contract", rol=Rol.AFNEMER_MEDEWERKER,
                                  afnemer_id=afnemer_id, door="test").token
        db.session.commit()
    ids = {
        "afnemerId": afnemer["id"], "aansluitingId": aansluiting["id"],
        "contactpersoonId": contact["id"], "tokenId": token["id"], "lidmaatschapId": lid["id"],
        "machineClientId": client["id"], "webhookId": webhook["id"],
        "aankondigingId": aankondiging["id"], "gebruikId": gebruik["id"],
        "wijzigingsmeldingId": melding["id"], "prognoseId": prognose["id"],
        "incidentId": incident["id"], "vraagId": vraag["id"],
        "wijzigingsverzoekId": verzoek["id"],
        "gebeurtenisId": str(gebeurtenis_id), "bezorgingId": str(bezorging_id),
        "kostenrunId": str(run_id), "waarde": sleutel["feedUrl"].rsplit("/", 1)[1],
        "slug": "digid", "koppelvlak": "saml", "versie": "3.3", "jaar": "2027",
        "code": "berichtenverkeer", "omgeving": "productie", "datum": "2027-05-05",
        "stap": "aanvraagformulier",
        "onbeschikbaarheidId": onbeschikbaarheid["id"], "maand": "3",
        "intermediairId": intermediair["id"], "mandaatId": mandaat["id"],
        "intermediairTokenId": intermediair_token["id"],
        "medewerkerId": intermediair_persoon["id"],
        "intermediairClientId": intermediair_client["id"],
        "digipoortAansluitingId": digipoort["id"],
    }
    rollen = {Rol.LOGIUS_BEHEERDER.value: logius, Rol.PRODUCTTEAM.value: productteam,
              Rol.AFNEMER_BEHEERDER.value: beheerder, Rol.AFNEMER_MEDEWERKER.value: medewerker}
    document = api.get("/openapi.json").get_json()
    # A resource of every kind the installed plugins bring, from their own examples.
    ids.update(maak_voorbeelden(document, geinstalleerd(), ids,
                                lambda pad, body: ok(api.post(pad, json=body), 201)))
    yield {"app": app, "api": api, "ids": ids, "rollen": rollen, "document": document}
    Database.dispose(app)


@pytest.fixture(scope="module")
def document(wereld):
    return wereld["document"]


def _operations(document):
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def _resolve(document, node):
    while "$ref" in node:
        kind, name = node["$ref"].split("/")[-2:]
        node = document["components"][kind][name]
    return node


def _fill(wereld, path: str, **extra) -> str:
    ids = {**wereld["ids"], **PER_PAD.get(path, {}), **extra}
    url = PARAM.sub(lambda m: ids[m.group(1)], path)
    operation = wereld["document"]["paths"][path].get("get", {})
    query = [p["name"] for p in operation.get("parameters", [])
             if p.get("in") == "query" and p.get("required")]
    assert set(query) <= set(QUERY), f"the walk has no value for {query} of {path}"
    return url + ("?" + "&".join(f"{q}={QUERY[q]}" for q in query) if query else "")


def _check_headers(document, method, path, operation, response) -> None:
    """Every required header declared for this status is sent, in its format; every
    header clients rely on that is sent is declared."""
    declared = operation["responses"].get(str(response.status_code))
    assert declared is not None, (method, path, response.status_code, response.get_json())
    declared = _resolve(document, declared)
    headers = {naam: _resolve(document, h) for naam, h in declared.get("headers", {}).items()}
    for naam, header in headers.items():
        waarde = response.headers.get(naam)
        if header.get("required"):
            assert waarde is not None, (method, path, response.status_code, naam)
        pattern = header.get("schema", {}).get("pattern")
        if waarde is not None and pattern:
            assert re.fullmatch(pattern, waarde), (method, path, naam, waarde)
    gestuurd = {n for n in GEDECLAREERD_ALS_GESTUURD if n in response.headers}
    assert gestuurd <= {n for n in headers}, (method, path, response.status_code,
                                              gestuurd - set(headers))


# --- the document ------------------------------------------------------------------------

def test_problem_declares_every_member_and_lists_every_code(document):
    schemas = document["components"]["schemas"]
    problem = schemas["Problem"]
    assert {"type", "title", "status", "detail", "instance", "code", "invalidParams",
            *EXTENSIES} <= set(problem["properties"])
    assert {"type", "title", "status", "detail"} <= set(problem["required"])
    for code in CODES:
        assert f"`{code}`" in problem["description"], code
    assert problem["properties"]["invalidParams"]["items"] == {
        "$ref": "#/components/schemas/InvalidParam"}
    assert set(schemas["InvalidParam"]["required"]) == {"name", "code", "reason"}


def test_every_error_response_is_a_typed_problem(document):
    checked = 0
    for path, method, operation in _operations(document):
        for status, response in operation["responses"].items():
            if status[0] in "45":
                response = _resolve(document, response)
                assert list(response["content"]) == ["application/problem+json"], (path, status)
                schema = response["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}
                checked += 1
    assert checked > 300


def test_operation_ids_are_short_unique_and_named_here(document):
    """Core's operations are named in core/api/operaties.py; a plugin names its own, and
    every name is unique and short."""
    found = {(method, path): operation["operationId"]
             for path, method, operation in _operations(document)}
    van_plugins = plugin_operaties(document, geinstalleerd())
    core = {key: naam for key, naam in found.items() if key not in van_plugins}
    assert core == OPERATIE_IDS, "every core operation has its name in core/api/operaties.py"
    assert len(set(found.values())) == len(found)
    for naam in found.values():
        assert re.fullmatch(r"[a-z][a-zA-Z]{5,39}", naam), naam


def _walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key not in ("example", "examples"):
                yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}/{i}")


def test_nullable_objects_stay_typed_and_enums_have_usable_names(document):
    enums = 0
    for where, node in _walk(document):
        for branch in node.get("anyOf", []) + node.get("oneOf", []):
            assert "$ref" in branch or "properties" in branch or branch.get("type") not in (
                "object", None), f"an untyped branch at {where}"
        if "enum" in node:
            enums += 1
            assert None not in node["enum"], where
            # Inline, generated clients do not see the null: it is nullable allOf a schema.
            assert not node.get("nullable"), where
            if all(isinstance(v, str) for v in node["enum"]):
                names = node.get("x-enum-varnames")
                assert names and len(names) == len(node["enum"]) == len(set(names)), where
                assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", n) for n in names), (where, names)
    assert enums > 20
    termijn = document["components"]["schemas"]["Verplichting"]["properties"]["termijn"]
    assert termijn == {"nullable": True, "allOf": [{"$ref": "#/components/schemas/Termijn"}]}
    grondslag = document["components"]["schemas"]["Statuswijziging"]["properties"]["grondslag"]
    assert grondslag["nullable"] is True
    assert _resolve(document, grondslag["allOf"][0])["enum"] == ["AV 5.3", "AV 5.4"]
    bereikbaarheid = document["components"]["schemas"]["Contactpersoon"]["properties"][
        "bereikbaarheid"]
    assert dict(zip(bereikbaarheid["enum"], bereikbaarheid["x-enum-varnames"]))["24x7"] == \
        "DAG_EN_NACHT"


def test_every_operation_declares_its_scope_and_roles(wereld, document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearer"] == {**schemes["bearer"], "type": "http", "scheme": "bearer"}
    flow = schemes["oauth2"]["flows"]["clientCredentials"]
    assert flow["tokenUrl"] == wereld["app"].config["OIDC_ISSUER"].rstrip("/") + "/token"
    assert set(flow["scopes"]) == {"read", "write"}
    for path, method, operation in _operations(document):
        if (method, path) in PUBLIEK:
            assert operation["security"] == [] and operation["x-rollen"] == [], path
            continue
        scope = "read" if method == "get" else "write"
        zonder = [{}] if (method, path) in OPTIONEEL else []
        assert operation["security"] == [*zonder, {"bearer": []}, {"oauth2": [scope]}], (
            method, path)
        assert operation["x-rollen"] and set(operation["x-rollen"]) <= set(ROLLEN)
        for rol in operation["x-rollen"]:
            assert f"`{rol}`" in operation["description"], (method, path, rol)


def test_the_feed_and_the_csv_alternatives_have_their_media_types(document):
    feed = document["paths"]["/agenda/{waarde}"]["get"]
    assert feed["security"] == []
    assert list(feed["responses"]["200"]["content"]) == ["text/calendar"]
    assert "401" not in feed["responses"]
    verbruik = document["paths"]["/verbruik"]["post"]["requestBody"]["content"]
    assert set(verbruik) == {"application/json", "text/csv"}
    kosten = document["paths"]["/afnemers/{afnemerId}/kosten"]["get"]["responses"]["200"]
    assert set(kosten["content"]) == {"application/json", "text/csv"}


def test_415_is_declared_wherever_a_body_is_taken(document):
    for path, method, operation in _operations(document):
        assert ("requestBody" in operation) == ("415" in operation["responses"]), (method, path)


def test_writes_declare_etag_and_location(document):
    for path, method, operation in _operations(document):
        responses = operation["responses"]
        if "201" in responses:
            assert {"ETag", "Location"} <= set(responses["201"]["headers"]), (method, path)
        if method in ("put", "patch"):
            assert "ETag" in responses["200"]["headers"], (method, path)
    status = document["paths"][
        "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/statuswijzigingen"]["post"]
    assert "aansluiting" in status["responses"]["201"]["headers"]["ETag"]["description"]
    assert "ETag" not in document["paths"]["/diensten/{slug}"]["get"]["responses"]["200"][
        "headers"]
    headers = document["components"]["headers"]
    assert re.fullmatch(headers["Deprecation"]["schema"]["pattern"], "@1782856800")
    assert re.fullmatch(headers["Sunset"]["schema"]["pattern"], "Thu, 31 Dec 2026 23:00:00 GMT")


def test_the_webhook_delivery_is_a_callback_of_the_registration(document):
    registratie = document["paths"]["/afnemers/{afnemerId}/webhooks"]["post"]
    [levering] = registratie["callbacks"]["gebeurtenis"].values()
    post = levering["post"]
    assert {p["name"] for p in post["parameters"] if p["in"] == "header"} == {
        "webhook-id", "webhook-timestamp", "webhook-signature"}
    schema = post["requestBody"]["content"]["application/cloudevents+json"]["schema"]
    assert _resolve(document, schema)["required"] == [
        "specversion", "id", "source", "type", "time", "subject", "datacontenttype", "dataref",
        "data"]


# --- the document against the app --------------------------------------------------------

def test_every_get_sends_the_headers_it_declares(wereld, document):
    api = wereld["api"]
    walked = 0
    for path, method, operation in _operations(document):
        if method != "get":
            continue
        response = api.get(_fill(wereld, path))
        assert response.status_code == 200, (path, response.get_json())
        _check_headers(document, method, path, operation, response)
        walked += 1
    assert walked > 50


def test_every_operation_refuses_a_request_without_token_unless_public(wereld, document):
    client = wereld["api"].as_(None)
    for path, method, operation in _operations(document):
        response = client.request(method.upper(), _fill(wereld, path), json={})
        if (method, path) in PUBLIEK | OPTIONEEL:
            assert response.status_code == 200, path
        else:
            assert response.status_code == 401, (method, path)
            _check_headers(document, method, path, operation, response)


def test_a_body_in_another_content_type_is_415_naming_what_is_taken(wereld, document):
    api = wereld["api"]
    checked = 0
    for path, method, operation in _operations(document):
        if "requestBody" not in operation:
            continue
        response = api.request(method.upper(), _fill(wereld, path), data="naam=x",
                               content_type="text/plain", headers={"If-Match": "*"})
        assert response.status_code == 415, (method, path, response.get_json())
        assert response.mimetype == "application/problem+json"
        body = response.get_json()
        assert body["code"] == "mediatype-niet-ondersteund"
        assert body["ondersteundeMediatypes"] == list(operation["requestBody"]["content"])
        _check_headers(document, method, path, operation, response)
        checked += 1
    assert checked >= 25


def test_a_body_without_content_type_is_415_and_none_at_all_is_read_as_empty(wereld):
    api = wereld["api"]
    pad = f"/afnemers/{wereld['ids']['afnemerId']}/contactpersonen"
    zonder_type = api.post(pad, data=b'{"naam": "x"}')
    assert zonder_type.status_code == 415, zonder_type.get_json()
    leeg = api.post(pad)
    assert leeg.status_code == 400
    assert {p["code"] for p in leeg.get_json()["invalidParams"]} == {"required"}


@pytest.mark.parametrize("rol", ROLLEN)
def test_the_roles_of_an_operation_are_the_ones_the_app_lets_in(wereld, document, rol):
    """A role the document names reads with 200; a role it does not name is refused,
    and the refusal changes nothing (403, or 404 where the afnemer is not its own)."""
    api = wereld["api"].as_(wereld["rollen"][rol])
    ids = wereld["ids"]
    bodies = {(method, path): body for method, path, body, _ids in _schrijfgevallen(wereld)}
    bodies.update({
        ("post", "/afnemers/{afnemerId}/koppelvlakgebruik"): {
            "aansluitingId": ids["aansluitingId"], "koppelvlak": "saml", "versie": "4.0"},
        ("post", "/afnemers/{afnemerId}/kosten/schattingen"): {
            "jaar": 2027, "volumes": [{"dienst": "digid", "metriek": "authenticaties",
                                       "aantal": 1}]},
        ("post", "/verbruik"): {"regels": []},
    })
    for path, method, operation in _operations(document):
        if (method, path) in PUBLIEK:
            continue
        toegestaan = rol in operation["x-rollen"]
        if toegestaan and method != "get":
            continue  # the writes of the roles they name: test_every_write_...
        # A valid body, so that what refuses is the role and not the input.
        response = api.request(method.upper(), _fill(wereld, path), json=bodies.get(
            (method, path)), headers={"If-Match": '"0"'})
        if toegestaan:
            assert response.status_code == 200, (rol, method, path, response.get_json())
        else:
            assert response.status_code in (403, 404), (rol, method, path, response.status_code)


def _schrijfgevallen(wereld):
    """Every operation that answers 201, and every PUT and PATCH, with a valid body, in an
    order in which each one can succeed. ``None`` as body: no body."""
    ids = wereld["ids"]
    a = "/afnemers/{afnemerId}"
    morgen = (vandaag() + timedelta(days=1)).isoformat()
    return [
        ("post", "/afnemers", {"naam": "Waterschap Contract", "oin": nieuw_oin(),
                               "type": "waterschap"}, {}),
        ("patch", "/afnemers/{afnemerId}", {"naam": "Gemeente Contract-Oost"}, {}),
        ("post", "/aankondigingen", {
            "type": "dienstwijziging", "titel": "Nog een", "omschrijving": "Voor reactie",
            "dienst": "digid", "wijzigingsdatum": (vandaag() + timedelta(days=9)).isoformat(),
            "afnemers": [ids["afnemerId"]]}, {}),
        ("post", a + "/aankondigingen/{aankondigingId}/reactie", {"besluit": "accepteren"},
         {"aankondigingId": "uit:/aankondigingen"}),
        ("post", a + "/aansluitingen", {
            "dienst": "mijnoverheid", "omgeving": "productie", "onderdelen": ["berichtenbox"],
            "aanvraagOndertekendOp": "2026-01-15"}, {}),
        ("post", a + "/aansluitingen/{aansluitingId}/statuswijzigingen", {"status": "actief"},
         {"aansluitingId": "uit:" + a + "/aansluitingen"}),
        ("patch", a + "/aansluitingen/{aansluitingId}", {"onderdelen": ["basis"]}, {}),
        ("put", a + "/aansluitingen/{aansluitingId}/voorcalculaties/{jaar}", {"volumes": []},
         {"jaar": str(vandaag().year + 2)}),
        ("put", a + "/aansluitingen/{aansluitingId}/voorcalculaties/{jaar}", {"volumes": []},
         {"jaar": str(vandaag().year + 2)}),
        ("post", a + "/agenda-sleutel", None, {}),
        ("post", a + "/api-tokens", {"naam": "nog een", "rol": "afnemer-beheerder"}, {}),
        ("post", a + "/contactpersonen", {"naam": "Nieuw", "email": "nieuw@contract.example",
                                          "telefoon": "0701234567", "rol": "financieel"}, {}),
        ("patch", a + "/contactpersonen/{contactpersoonId}", {"functie": "Architect"}, {}),
        ("post", a + "/lidmaatschappen", {"email": "nieuw@contract.example",
                                          "rol": "afnemer-beheerder"}, {}),
        ("patch", a + "/lidmaatschappen/{lidmaatschapId}", {"rol": "afnemer-beheerder"}, {}),
        ("post", a + "/machine-clients", {"clientId": "contract-2", "naam": "Twee"}, {}),
        ("post", a + "/prognoses", {
            "aansluitingId": ids["aansluitingId"], "periode": f"{vandaag().year + 1}-04",
            "formulier": {"authenticatiesPerMaand": [2000] * 12, "piekPerMinuut": 20}}, {}),
        ("post", a + "/webhooks", {"url": "https://contract.example/nog-een"}, {}),
        ("patch", a + "/webhooks/{webhookId}", {"actief": False}, {}),
        ("post", a + "/wijzigingsmeldingen", {
            "omschrijving": "Nog een", "realisatiedatum": (
                vandaag() + timedelta(days=200)).isoformat()}, {}),
        ("post", a + "/wijzigingsverzoeken", WIJZIGINGSVERZOEK, {}),
        ("post", a + "/wijzigingsverzoeken/{wijzigingsverzoekId}/statuswijzigingen",
         {"status": "in-beoordeling"}, {"wijzigingsverzoekId": "uit:" + a +
                                        "/wijzigingsverzoeken"}),
        ("put", "/btw-tarieven/{jaar}", {"percentage": "21"}, {"jaar": "2030"}),
        ("put", "/btw-tarieven/{jaar}", {"percentage": "21.5"}, {"jaar": "2030"}),
        ("post", "/diensten/{slug}/koppelvlakken/{koppelvlak}/versies", {
            "versie": "9.9", "ondersteundSinds": morgen}, {}),
        ("patch", "/diensten/{slug}/koppelvlakken/{koppelvlak}/versies/{versie}",
         {"opvolger": None}, {"versie": "9.9"}),
        ("put", "/diensten/{slug}/tarieven/{jaar}/{code}", {"bedrag": "0.61"}, {"jaar": "2030"}),
        ("put", "/diensten/{slug}/tarieven/{jaar}/{code}", {"bedrag": "0.62"}, {"jaar": "2030"}),
        ("put", "/diensten/{slug}/omgevingen/{omgeving}",
         {"ingeschakeld": True, "reden": "Contracttest"}, {}),
        ("post", "/feestdagen", {"datum": "2027-12-31", "naam": "Oudejaarsdag"}, {}),
        ("patch", "/feestdagen/{datum}", {"naam": "Laatste dag"}, {"datum": "2027-12-31"}),
        ("post", "/diensten/{slug}/onbeschikbaarheid", {
            "omgeving": "pre-productie", "soort": "spoedonderhoud",
            "van": "2026-03-04T09:00:00+01:00", "functies": ["mijn-digid"]}, {}),
        ("patch", "/diensten/{slug}/onbeschikbaarheid/{onbeschikbaarheidId}",
         {"omschrijving": "Gecorrigeerd"}, {}),
        ("post", a + "/incidenten", {
            "dienst": "digid", "omgeving": "productie", "impact": "laag", "urgentie": "laag",
            "omschrijving": "Contract", "functies": ["authenticatie-midden"]}, {}),
        ("post", "/incidenten", {
            "dienst": "digid", "omgeving": "productie", "impact": "midden", "urgentie": "laag",
            "omschrijving": "Door Logius gezien", "functies": ["mijn-digid"]}, {}),
        ("patch", "/incidenten/{incidentId}", {"impact": "midden"}, {}),
        ("post", "/incidenten/{incidentId}/statuswijzigingen", {"status": "in-behandeling"},
         {}),
        ("post", a + "/vragen", {"dienst": "digid", "soort": "vraag", "onderwerp": "Contract",
                                 "tekst": "Contract"}, {}),
        ("post", "/vragen/{vraagId}/antwoord", {"antwoord": "Contract"},
         {"vraagId": "uit:" + a + "/vragen"}),
        ("post", "/intermediairs", {"naam": "Nog een leverancier", "kvkNummer": "12312312",
                                    "email": "info@leverancier.example"}, {}),
        ("post", "/intermediairs/{intermediairId}/api-tokens", {"naam": "nog een"}, {}),
        ("post", "/intermediairs/{intermediairId}/medewerkers",
         {"email": "nog-een@zaaksoftware.example"}, {}),
        ("post", "/intermediairs/{intermediairId}/machine-clients",
         {"clientId": "contract-intermediair-2", "naam": "Twee"}, {}),
        ("post", a + "/mandaten", {
            "intermediairId": ids["intermediairId"], "diensten": ["digid"],
            "resources": ["incidenten"], "rechten": ["lezen", "schrijven"],
            "geldigTot": (vandaag() + timedelta(days=60)).isoformat()}, {}),
        *_plugin_schrijfgevallen(wereld["document"], wereld["ids"]),
    ]


def _plugin_schrijfgevallen(document, ids):
    """The writes of the installed plugins, with their own examples: every POST (collections
    first), then every PUT and PATCH, then those that end what they are on (``x-eindigt``)
    where they create something (the others need no case, and would end what later cases
    of the same resource write to)."""
    volgorde = {"post": 0, "put": 1, "patch": 1}

    def eindigt(mp) -> bool:
        return bool(document["paths"][mp[1]][mp[0]].get("x-eindigt"))

    writes = sorted(((method, path) for method, path in plugin_operaties(document, geinstalleerd())
                     if method in volgorde and (not eindigt((method, path)) or "201" in
                                                document["paths"][path][method]["responses"])),
                    key=lambda mp: (eindigt(mp), volgorde[mp[0]], mp[1].count("/"), mp[1]))
    # Digipoort's begeleiding names a Digipoort aansluiting, which no example can know.
    begeleiding = "/afnemers/{afnemerId}/digipoort-begeleidingen"
    eigen = {("post", begeleiding + "/keuzes"): {
                 "aansluitingId": ids["digipoortAansluitingId"], "keuze": "individueel"},
             ("post", begeleiding + "/perioden"): {
                 "aansluitingId": ids["digipoortAansluitingId"], "startmail": "2029-01-15"}}
    return [(method, path, eigen.get((method, path)) or voorbeeldbody(document, path, method,
                                                                      ids), {})
            for method, path in writes]


def _leesbaar(document, locatie: str) -> bool:
    pad = locatie.removeprefix("/api/v1")
    for path, item in document["paths"].items():
        if re.fullmatch(PARAM.sub("[^/]+", path), pad):
            return "get" in item
    raise AssertionError(f"Location {locatie} is no path of the document")


def test_every_write_sends_the_headers_it_declares(wereld, document):
    """Each write that may answer 201, and each PUT and PATCH: its Location reads back
    the resource, with the ETag the write answered where the resource has a version.
    Sent by a Logius beheerder, or where the document leaves Logius out, by that role."""
    api = wereld["api"]
    gevallen = _schrijfgevallen(wereld)
    moet = {(method, path) for path, method, operation in _operations(document)
            if "201" in operation["responses"] or method in ("put", "patch")}
    assert moet <= {(m, p) for m, p, _body, _ids in gevallen}, "a write without a case"
    laatste: dict[str, str] = {}  # collection path -> id of the last resource made there
    statussen = set()
    beantwoord: dict[str, str | None] = {}
    for method, path, body, extra in gevallen:
        extra = {k: laatste[v[4:]] if v.startswith("uit:") else v for k, v in extra.items()}
        url = _fill(wereld, path, **extra)
        operation = document["paths"][path][method]
        headers = {}
        if any(p.get("name") == "If-Match" for p in operation.get("parameters", [])):
            bron = url.rsplit("/", 1)[0] if method == "post" else url
            # From a GET, or from the write that made it where the resource has no GET.
            etag = api.get(bron).headers.get("ETag") or beantwoord.get(bron)
            if etag:
                headers["If-Match"] = etag
        rollen = operation.get("x-rollen") or ["logius-beheerder"]
        wie = api if "logius-beheerder" in rollen else api.as_(wereld["rollen"][rollen[0]])
        response = wie.request(method.upper(), url, json=body, headers=headers)
        assert response.status_code in (200, 201), (method, path, response.get_json())
        statussen.add(response.status_code)
        _check_headers(document, method, path, operation, response)
        beantwoord[url] = response.headers.get("ETag")
        if response.status_code == 201:
            laatste[PARAM.sub(lambda m: "{" + m.group(1) + "}", path)] = \
                response.get_json().get("id", "")
            locatie = response.headers["Location"]
            assert locatie.startswith("http"), locatie
            locatie = urlsplit(locatie).path
            if not _leesbaar(document, locatie):
                continue  # created by PUT at its own URL, which has no GET
            if "/agenda/" in locatie:
                gelezen = api.as_(None).get(locatie)
            else:
                gelezen = api.get(locatie)
            assert gelezen.status_code == 200, (method, path, locatie)
            if "ETag" in gelezen.headers:
                assert gelezen.headers["ETag"] == response.headers["ETag"], (method, path)
        elif "ETag" in response.headers and "get" in document["paths"][path]:
            assert api.get(url).headers.get("ETag") == response.headers["ETag"], (method, path)
    assert statussen == {200, 201}


def test_a_status_change_answers_the_aansluitings_new_etag(wereld):
    api = wereld["api"]
    a = f"/afnemers/{wereld['ids']['afnemerId']}/aansluitingen"
    aansluiting = api.post(a, json={"dienst": "digid", "omgeving": "pre-productie",
                                    "onderdelen": ["basis"], "aanvraagOndertekendOp": "2026-01-15"})
    assert aansluiting.status_code == 201, aansluiting.get_json()
    pad = f"{a}/{aansluiting.get_json()['id']}"
    response = api.post(f"{pad}/statuswijzigingen", json={"status": "actief"},
                        headers={"If-Match": aansluiting.headers["ETag"]})
    assert response.status_code == 201, response.get_json()
    assert response.headers["ETag"] != aansluiting.headers["ETag"]
    assert response.headers["Location"].endswith(pad)
    assert api.get(pad).headers["ETag"] == response.headers["ETag"]
    # The ETag answered is the one the next change needs.
    volgende = api.post(f"{pad}/statuswijzigingen", json={"status": "beeindigd"},
                        headers={"If-Match": response.headers["ETag"]})
    assert volgende.status_code == 201, volgende.get_json()


def test_a_request_does_not_require_what_only_an_answer_always_carries(document):
    """A component in a request and an answer with an optional field (an indiener's
    telefoon): the answer always carries it, so it is required there; the request gets a
    copy that leaves it optional. (Shared, the request said it was required, and the
    served contract run caught a request without it being accepted.)"""
    from core.api.antwoorden import splits_invoer_en_antwoord

    doc = {"paths": {"/x": {
        "post": {"requestBody": {"content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Wie"}}}},
                 "responses": {"201": {"content": {"application/json": {"schema": {
                     "$ref": "#/components/schemas/Wie"}}}}}}}},
        "components": {"schemas": {"Wie": {"type": "object", "required": ["naam"],
                                           "properties": {"naam": {"type": "string"},
                                                          "telefoon": {"type": "string"}}}}}}
    splits_invoer_en_antwoord(doc)
    schemas = doc["components"]["schemas"]
    assert schemas["Wie"]["required"] == ["naam", "telefoon"]
    assert schemas["WieInvoer"]["required"] == ["naam"]
    indiener = document["components"]["schemas"]["WijzigingsverzoekIndienerInvoer"]
    assert "telefoon" not in indiener["required"]
    # The request schema refers to the copy, not to the answer's component.
    invoer = document["components"]["schemas"]["WijzigingsverzoekInvoer"]
    assert "WijzigingsverzoekIndienerInvoer" in invoer["properties"]["indiener"]["allOf"][0][
        "$ref"]
    assert "telefoon" in document["components"]["schemas"]["WijzigingsverzoekIndiener"][
        "required"]
