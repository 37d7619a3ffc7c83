"""Tenant isolation of the deployed product, walked over every endpoint of its document.

The walk reads the served OpenAPI document, so a new endpoint is covered the moment
it is published; a path parameter it cannot fill fails the test until an id for it
is added below. Afnemers A and B are made through the API, each with a resource of
every kind. Then, for every operation under ``/afnemers/{afnemerId}``, a principal
of A (beheerder and medewerker) sends a request that would succeed on its own
afnemer:

- with B's ids throughout: 404, exactly as for an id that exists nowhere;
- with its own afnemer id but B's child ids: the same answer as for child ids that
  exist nowhere.

Before every request of A, Logius reads a page of B's contactpersonen, so a worker
that kept anything of one request for the next (a ``Link`` header, a session, an
afnemer) has B's ids at hand. No id of B may appear in any header or body that A
gets, on the refused requests and on A's reads of everything of its own. Afterwards
B reads exactly as before: the refused requests changed nothing.

The operations of installed plugins are walked the same way, with the bodies and ids of
their own document's examples (``tests/support/plugins.py``); which operations are a
plugin's the document's tags and ``GET /diensten`` say.
"""

from __future__ import annotations

import io
import re
import time
import uuid
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.served.conftest import Served
from tests.support.plugins import maak_voorbeelden, plugin_operaties, voorbeeldbody

PARAM = re.compile(r"\{(\w+)\}")
METHODS = ("get", "post", "put", "patch", "delete")
VANDAAG = date.today()

# A body per (path, method) that is valid for the principal's own afnemer; a callable
# gets the ids of the afnemer whose resources the body names (A's own, on B's path).
BODIES = {
    ("/afnemers/{afnemerId}", "patch"): {"naam": "Overgenomen"},
    ("/afnemers/{afnemerId}/contactpersonen", "post"): {
        "naam": "Indringer", "email": "x@voorbeeld.nl", "telefoon": "0701234567",
        "rol": "technisch"},
    ("/afnemers/{afnemerId}/contactpersonen/{contactpersoonId}", "patch"): {
        "naam": "Overgenomen"},
    ("/afnemers/{afnemerId}/aansluitingen", "post"): {
        "dienst": "mijnoverheid", "omgeving": "productie", "onderdelen": ["berichtenbox"],
        "aanvraagOndertekendOp": "2026-01-05"},
    ("/afnemers/{afnemerId}/aansluitingen/{aansluitingId}", "patch"): {"onderdelen": ["basis"]},
    ("/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/statuswijzigingen", "post"): {
        "status": "beeindigd"},
    ("/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/voorcalculaties/{jaar}", "put"): {
        "volumes": []},
    ("/afnemers/{afnemerId}/api-tokens", "post"): {"naam": "indringer",
                                                   "rol": "afnemer-beheerder"},
    ("/afnemers/{afnemerId}/lidmaatschappen", "post"): {
        "email": "indringer@voorbeeld.nl", "rol": "afnemer-beheerder"},
    ("/afnemers/{afnemerId}/lidmaatschappen/{lidmaatschapId}", "patch"): {
        "rol": "afnemer-beheerder"},
    ("/afnemers/{afnemerId}/machine-clients", "post"): {
        "clientId": "indringer", "naam": "Indringer", "scopes": ["read", "write"]},
    ("/afnemers/{afnemerId}/webhooks", "post"): {"url": "https://indringer.example/hook"},
    ("/afnemers/{afnemerId}/webhooks/{webhookId}", "patch"): {
        "url": "https://indringer.example/hook"},
    ("/afnemers/{afnemerId}/webhooks/{webhookId}/herhalen", "post"): lambda _ids: {
        "vanaf": (datetime.now(UTC) - timedelta(hours=1)).isoformat()},
    ("/afnemers/{afnemerId}/aankondigingen/{aankondigingId}/reactie", "post"): {
        "besluit": "accepteren"},
    ("/afnemers/{afnemerId}/wijzigingsmeldingen", "post"): {
        "omschrijving": "Indringer",
        "realisatiedatum": (VANDAAG + timedelta(days=200)).isoformat()},
    ("/afnemers/{afnemerId}/koppelvlakgebruik", "post"): lambda ids: {
        "aansluitingId": ids["aansluitingId"], "koppelvlak": "saml", "versie": "3.3"},
    ("/afnemers/{afnemerId}/prognoses", "post"): lambda ids: {
        "aansluitingId": ids["aansluitingId"], "periode": f"{VANDAAG.year + 1}-04",
        "formulier": {"authenticatiesPerMaand": [1000] * 12, "piekPerMinuut": 10}},
    ("/afnemers/{afnemerId}/kosten/schattingen", "post"): {
        "jaar": 2027, "volumes": [{"dienst": "digipoort", "metriek": "berichten",
                                   "aantal": 900}]},
    ("/afnemers/{afnemerId}/incidenten", "post"): {
        "dienst": "digid", "omgeving": "productie", "impact": "laag", "urgentie": "laag",
        "omschrijving": "Indringer", "functies": ["authenticatie-midden"]},
    ("/afnemers/{afnemerId}/vragen", "post"): {
        "dienst": "digid", "soort": "vraag", "onderwerp": "Indringer", "tekst": "Indringer"},
    ("/afnemers/{afnemerId}/wijzigingsverzoeken", "post"): {
        "dienst": "digid", "indiener": {"naam": "Indringer", "email": "x@voorbeeld.nl"},
        "voorgesteldeWijziging": "Indringer", "beoogdeVoordelen": "Indringer",
        "huidigeNadelen": "Indringer"},
    ("/afnemers/{afnemerId}/wijzigingsverzoeken/{wijzigingsverzoekId}/statuswijzigingen",
     "post"): {"status": "in-beoordeling"},
    ("/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/route/{stap}/afronden", "post"): {
        "bewijs": "AF-2026-0001"},
    ("/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/route/{stap}/afwijzen", "post"): {
        "reden": "Indringer"},
    ("/afnemers/{afnemerId}/mandaten", "post"): lambda ids: {
        "intermediairId": ids["intermediairId"], "diensten": ["digid"],
        "resources": ["aansluitingen"], "rechten": ["lezen"],
        "geldigTot": (VANDAAG + timedelta(days=30)).isoformat()},
}

# Reads whose answers move on their own (the worker delivers, the planner adds
# reminders; the export holds its own time and all of those): left out of the
# before/after comparison, not out of the walk.
BEWEEGT = ("/gebeurtenissen", "/bezorgingen", "/deadlines", "/prognoseplicht", "/export")


def _slugs(served: Served) -> list[str]:
    diensten = served.get("/diensten?paginaGrootte=100", served.logius_token).json()
    return [d["slug"] for d in diensten["resultaten"]]


def _body(path: str, method: str, ids: dict[str, str], document: dict | None = None,
          slugs: tuple[str, ...] = ()):
    """The walk's body: core's from BODIES, a plugin's from its document's example."""
    body = BODIES.get((path, method))
    if body is None and document and (method, path) in plugin_operaties(document, slugs):
        return voorbeeldbody(document, path, method)
    return body(ids) if callable(body) else body


def _fill(path: str, ids: dict[str, str]) -> str:
    def value(match):
        assert match.group(1) in ids, f"the walk has no id for {{{match.group(1)}}} in {path}"
        return ids[match.group(1)]

    return PARAM.sub(value, path)


def _tenant_operations(served: Served) -> list[tuple[str, str]]:
    document = served.get("/openapi.json").json()
    return [(path, method) for path, item in document["paths"].items()
            if path.startswith("/afnemers/{afnemerId}") for method in METHODS if method in item]


def _ok(response, *codes: int):
    assert response.status_code in (codes or (200, 201)), (response.request.method,
                                                           response.url, response.text)
    if not response.content:
        return None
    # A page (the VWO's printable Bijlage 1) or a CSV is compared as its text.
    json_ = "json" in response.headers.get("Content-Type", "")
    return response.json() if json_ else response.text


def _zet_tarieven_2027(served: Served) -> None:
    for path, body in (("/btw-tarieven/2027", {"percentage": "21"}),
                       ("/diensten/digipoort/tarieven/2027/berichtenverkeer", {"bedrag": "0.59"}),
                       *((f"/diensten/mijnoverheid/tarieven/2027/{code}", {"bedrag": "0"})
                         for code in ("berichtenbox-bericht", "berichtenbox-jaarbedrag",
                                      "persoonlijke-gegevens-aansluiting"))):
        bestaand = served.get(path, served.logius_token)
        headers = {"If-Match": bestaand.headers["ETag"]} if bestaand.status_code == 200 else {}
        _ok(served.request("PUT", path, served.logius_token, json=body, headers=headers))


def _wereld(served: Served, naam: str, gedeeld: dict[str, str]) -> dict[str, str]:
    """An afnemer with one resource of every kind, made through the API by Logius."""
    logius = served.logius_token
    afnemer = served.maak_afnemer(f"Gemeente {naam} {uuid.uuid4().hex[:4]}")
    a = f"/afnemers/{afnemer['id']}"
    aansluiting = _ok(served.post(f"{a}/aansluitingen", logius, json={
        "dienst": "digid", "omgeving": "productie", "onderdelen": ["midden"],
        "aanvraagOndertekendOp": "2026-01-15"}))
    for i in range(2):  # two, so that a page of one has a next page (and a Link)
        contact = _ok(served.post(f"{a}/contactpersonen", logius, json={
            "naam": f"Persoon {naam} {i}", "email": f"p{i}@{naam}.example",
            "telefoon": "070 123 4567", "rol": "technisch"}))
    token = _ok(served.post(f"{a}/api-tokens", logius,
                            json={"naam": "koppeling", "rol": "afnemer-medewerker"}))
    lid = _ok(served.post(f"{a}/lidmaatschappen", logius,
                          json={"email": f"lid@{naam}.example", "rol": "afnemer-medewerker"}))
    client = _ok(served.post(f"{a}/machine-clients", logius, json={
        "clientId": f"koppeling-{naam}-{uuid.uuid4().hex[:6]}", "naam": "Koppeling"}))
    webhook = _ok(served.post(f"{a}/webhooks", logius,
                              json={"url": f"{served.ontvanger.url}/{afnemer['id']}"}))
    aankondiging = _ok(served.post("/aankondigingen", logius, json={
        "type": "dienstwijziging", "titel": "Wijziging", "omschrijving": "Alleen voor deze",
        "dienst": "digid", "wijzigingsdatum": (VANDAAG + timedelta(days=7)).isoformat(),
        "afnemers": [afnemer["id"]]}))
    gebruik = _ok(served.post(f"{a}/koppelvlakgebruik", logius, json={
        "aansluitingId": aansluiting["id"], "koppelvlak": "saml", "versie": "4.0"}))
    melding = _ok(served.post(f"{a}/wijzigingsmeldingen", logius, json=BODIES[
        ("/afnemers/{afnemerId}/wijzigingsmeldingen", "post")]))
    prognose = _ok(served.post(f"{a}/prognoses", logius, json=BODIES[
        ("/afnemers/{afnemerId}/prognoses", "post")]({"aansluitingId": aansluiting["id"]})))
    incident = _ok(served.post(f"{a}/incidenten", logius, json=BODIES[
        ("/afnemers/{afnemerId}/incidenten", "post")]))
    # Resolved, so that its clock (and so its answer) stands still during the walk.
    _ok(served.request("POST", f"/incidenten/{incident['id']}/statuswijzigingen", logius,
                       json={"status": "opgelost"}, headers={"If-Match": "*"}))
    vraag = _ok(served.post(f"{a}/vragen", logius, json=BODIES[
        ("/afnemers/{afnemerId}/vragen", "post")]))
    verzoek = _ok(served.post(f"{a}/wijzigingsverzoeken", logius, json=BODIES[
        ("/afnemers/{afnemerId}/wijzigingsverzoeken", "post")]))
    mandaat = _ok(served.post(f"{a}/mandaten", logius, json=BODIES[
        ("/afnemers/{afnemerId}/mandaten", "post")](gedeeld)))
    gebeurtenis = bezorging = None
    for _ in range(100):  # the announcement's event, and its delivery to the webhook
        gebeurtenissen = _ok(served.get(f"{a}/gebeurtenissen", logius))["resultaten"]
        bezorgingen = _ok(served.get(f"{a}/bezorgingen", logius))["resultaten"]
        if gebeurtenissen and bezorgingen and all(b["status"] != "wachtend"
                                                  for b in bezorgingen):
            gebeurtenis, bezorging = gebeurtenissen[0]["id"], bezorgingen[0]["id"]
            break
        time.sleep(0.1)
    assert gebeurtenis and bezorging, "the worker delivered nothing"
    # One resource of every kind the installed plugins bring, from their own examples.
    document = served.get("/openapi.json").json()
    eigen = maak_voorbeelden(document, _slugs(served), {"afnemerId": afnemer["id"]},
                             lambda pad, body: _ok(served.post(pad, logius, json=body), 201))
    return eigen | {
        "afnemerId": afnemer["id"], "aansluitingId": aansluiting["id"],
        "contactpersoonId": contact["id"], "tokenId": token["id"], "lidmaatschapId": lid["id"],
        "machineClientId": client["id"], "webhookId": webhook["id"],
        "gebeurtenisId": gebeurtenis, "bezorgingId": bezorging,
        "aankondigingId": aankondiging["id"], "wijzigingsmeldingId": melding["id"],
        "gebruikId": gebruik["id"], "prognoseId": prognose["id"], "jaar": "2027",
        "incidentId": incident["id"], "vraagId": vraag["id"],
        "wijzigingsverzoekId": verzoek["id"], "stap": "aanvraagformulier",
        "mandaatId": mandaat["id"],
    }


#: Ids of what belongs to a dienst rather than to an afnemer: one record that both worlds
#: share, which every afnemer may read, so it is never the other afnemer's. Logius'
#: subverwerkers (VWO Bijlage 1 tabel 3) are the dienst's too: one made in B's world is
#: announced to every gemeente with a processing of its diensten, A among them (VWO 4.5).
#: The intermediair both mandate is in the register every afnemer reads.
GEDEELD = ("onbeschikbaarheidId", "subverwerkerId", "intermediairId", "intermediairTokenId",
           "medewerkerId", "intermediairClientId")


def _gedeeld(served: Served) -> dict[str, str]:
    onbeschikbaarheid = _ok(served.post("/diensten/digid/onbeschikbaarheid",
                                        served.logius_token, json={
        "omgeving": "productie", "soort": "storing", "van": "2026-03-03T09:00:00+01:00",
        "tot": "2026-03-03T10:00:00+01:00", "functies": ["authenticatie-midden"]}))
    intermediair = _ok(served.post("/intermediairs", served.logius_token, json={
        "naam": "Leverancier", "kvkNummer": f"{uuid.uuid4().int % 10**8:08d}",
        "email": "beheer@leverancier.example"}))
    token = _ok(served.post(f"/intermediairs/{intermediair['id']}/api-tokens",
                            served.logius_token, json={"naam": "walk"}))
    medewerker = _ok(served.post(f"/intermediairs/{intermediair['id']}/medewerkers",
                                 served.logius_token,
                                 json={"email": f"m-{uuid.uuid4().hex[:6]}@leverancier.example"}))
    client = _ok(served.post(f"/intermediairs/{intermediair['id']}/machine-clients",
                             served.logius_token, json={
        "clientId": f"leverancier-{uuid.uuid4().hex[:6]}", "naam": "Leverancier"}))
    return {"onbeschikbaarheidId": onbeschikbaarheid["id"], "intermediairId": intermediair["id"],
            "intermediairTokenId": token["id"], "intermediairToken": token["token"],
            "medewerkerId": medewerker["id"], "intermediairClientId": client["id"]}


@pytest.fixture(scope="module")
def twee(served: Served) -> dict[str, dict[str, str]]:
    _zet_tarieven_2027(served)
    gedeeld = _gedeeld(served)
    return {"a": _wereld(served, "a", gedeeld) | gedeeld,
            "b": _wereld(served, "b", gedeeld) | gedeeld}


def _vreemde_ids(ids: dict[str, str]) -> set[str]:
    return {v for k, v in ids.items() if k.endswith("Id") and k not in GEDEELD}


def _geen_vreemde_id(response, vreemd: set[str]) -> None:
    """No id of the other afnemer in any header or in the body."""
    for header, waarde in response.headers.items():
        for id_ in vreemd:
            assert id_ not in waarde, (response.request.method, response.url, header, waarde)
    tekst = response.text
    if response.headers.get("Content-Type") == "application/zip":  # the export: its files
        with zipfile.ZipFile(io.BytesIO(response.content)) as zip_:
            tekst = "".join(zip_.read(naam).decode() for naam in zip_.namelist())
    for id_ in vreemd:
        assert id_ not in tekst, (response.request.method, response.url, id_)


def _snapshot(served: Served, operations, ids) -> dict[str, object]:
    seen = {}
    for path, method in operations:
        if method == "get" and not any(deel in path for deel in BEWEEGT):
            url = _fill(path, ids)
            seen[url] = _ok(served.get(url, served.logius_token), 200)
    return seen


def _lok(served: Served, b: dict[str, str]) -> None:
    """A read of B's that sets a Link header with B's id, on whichever worker."""
    response = served.get(f"/afnemers/{b['afnemerId']}/contactpersonen?paginaGrootte=1",
                          served.logius_token)
    assert b["afnemerId"] in response.headers["Link"]


@pytest.mark.parametrize("rol", ["afnemer-beheerder", "afnemer-medewerker"])
def test_a_principal_of_afnemer_a_gets_404_for_everything_of_afnemer_b(served: Served, twee,
                                                                       rol):
    a, b = twee["a"], twee["b"]
    operations = _tenant_operations(served)
    before = _snapshot(served, operations, b)
    als_a = served.token_voor(a["afnemerId"], rol)
    vreemd = _vreemde_ids(b)
    nergens = {k: str(uuid.uuid4()) if k.endswith("Id") else v for k, v in b.items()}
    document, slugs = served.get("/openapi.json").json(), tuple(_slugs(served))
    walked = 0
    for path, method in operations:
        body = _body(path, method, a, document, slugs)  # A's own ids, on B's path
        headers = {"If-Match": "*"}
        _lok(served, b)
        response = served.request(method.upper(), _fill(path, b), als_a, json=body,
                                  headers=headers)
        assert response.status_code == 404, (method, path, response.text)
        assert response.headers["Content-Type"] == "application/problem+json"
        # The path A asked for holds B's ids; nothing else of B may come back.
        assert "Link" not in response.headers, (method, path)
        _geen_vreemde_id_behalve_pad(response, vreemd, _fill(path, b))
        walked += 1
        eigen_pad = _fill(path, {**b, "afnemerId": a["afnemerId"]})
        if eigen_pad == _fill(path, a):
            continue  # the operation has no child id
        _lok(served, b)
        children_of_b = served.request(method.upper(), eigen_pad, als_a, json=body,
                                       headers=headers)
        no_such = served.request(method.upper(),
                                 _fill(path, {**nergens, "afnemerId": a["afnemerId"]}),
                                 als_a, json=body, headers=headers)
        assert children_of_b.status_code in (403, 404), (method, path, children_of_b.text)
        assert children_of_b.status_code == no_such.status_code, (method, path)
        assert children_of_b.json()["detail"] == no_such.json()["detail"]
        _geen_vreemde_id_behalve_pad(children_of_b, vreemd, eigen_pad)
        walked += 1
    assert walked >= 60
    assert _snapshot(served, operations, b) == before


#: What an intermediair whose mandate of A names another dienst than A's resources (all on
#: DigiD) gets besides 404: A itself (read only), and the lists of the kinds it names, empty.
NAMENS_A = {("/afnemers/{afnemerId}", "get"): 200, ("/afnemers/{afnemerId}", "patch"): 403,
            **{(f"/afnemers/{{afnemerId}}/{soort}", "get"): 200 for soort in (
                "aansluitingen", "incidenten", "koppelvlakgebruik", "prognoses")}}
#: A's DigiD aansluiting and what hangs under it, which the walk's DigiD mandate reads.
DIGID_AANSLUITING = "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}"
#: A step of the DigiD aansluiting's route.
STAP = "aanvraagformulier"


def test_an_intermediair_reaches_nothing_outside_its_mandate(served: Served, twee):
    """The walk's intermediair holds from A a mandate for DigiD (aansluitingen, read) and,
    here, one for MijnOverheid of every kind, to read and write; from B the walk's DigiD
    mandate, revoked here. On B's paths every operation is 404. On A's, A itself reads
    (403 to change it), the lists of the four kinds answer, and A's DigiD aansluiting and
    what hangs under it read (403 to change them, the mandate for DigiD only reads):
    everything else is 404, A's DigiD incident, prognose and koppelvlakgebruik among
    them. Nothing of A or B changes, and no id of B comes back."""
    a, b = twee["a"], twee["b"]
    logius, token = served.logius_token, a["intermediairToken"]
    _ok(served.post(f"/afnemers/{a['afnemerId']}/mandaten", logius, json={
        "intermediairId": a["intermediairId"], "diensten": ["mijnoverheid"],
        "resources": ["aansluitingen", "incidenten", "koppelvlakgebruik", "prognoses"],
        "rechten": ["lezen", "schrijven"],
        "geldigTot": (VANDAAG + timedelta(days=30)).isoformat()}), 201)
    _ok(served.request("DELETE", f"/afnemers/{b['afnemerId']}/mandaten/{b['mandaatId']}",
                       logius), 204)
    operations = _tenant_operations(served)
    before = {"a": _snapshot(served, operations, a), "b": _snapshot(served, operations, b)}
    document, slugs = served.get("/openapi.json").json(), tuple(_slugs(served))
    vreemd = _vreemde_ids(b)
    walked = 0
    for path, method in operations:
        body = _body(path, method, a, document, slugs)
        if (path, method) == ("/afnemers/{afnemerId}/aansluitingen", "post"):
            body = {**body, "dienst": "digipoort", "onderdelen": []}  # outside both mandates
        for wie, ids in (("a", a), ("b", b)):
            url = _fill(path, {"stap": STAP, **ids})
            response = served.request(method.upper(), url, token, json=body,
                                      headers={"If-Match": "*"})
            verwacht = 404
            if wie == "a" and path.startswith(DIGID_AANSLUITING):
                verwacht = 200 if method == "get" else 403  # under the DigiD read mandate
            elif wie == "a":
                verwacht = NAMENS_A.get((path, method), 404)
            assert response.status_code == verwacht, (wie, method, path, response.text[:300])
            if wie == "a":
                _geen_vreemde_id(response, vreemd)
            else:  # the problem's instance repeats the path asked for, nothing else of B
                _geen_vreemde_id_behalve_pad(response, vreemd, url)
            walked += 1
    assert walked >= 120
    assert _snapshot(served, operations, a) == before["a"]
    assert _snapshot(served, operations, b) == before["b"]


def _geen_vreemde_id_behalve_pad(response, vreemd: set[str], pad: str) -> None:
    """The problem's ``instance`` repeats the path asked for; any other id of B is a leak."""
    body = response.json()
    assert body.get("instance", "").endswith(pad.split("?")[0]), body
    body.pop("instance", None)
    for header, waarde in response.headers.items():
        for id_ in vreemd:
            assert id_ not in waarde, (response.url, header, waarde)
    tekst = str(body)
    for id_ in vreemd:
        assert id_ not in tekst, (response.url, id_, body)


@pytest.mark.parametrize("rol", ["afnemer-beheerder", "afnemer-medewerker"])
def test_afnemer_a_reads_all_of_its_own_and_nothing_of_b(served: Served, twee, rol):
    """Every read A may do, its own and the shared ones (diensten, aankondigingen,
    tariffs), answers 200 without any id of B, however many of B's reads came first."""
    a, b = twee["a"], twee["b"]
    als_a = served.token_voor(a["afnemerId"], rol)
    document = served.get("/openapi.json").json()
    vreemd = _vreemde_ids(b)
    gelezen = 0
    for path, item in document["paths"].items():
        if "get" not in item or path.startswith("/agenda/"):
            continue  # the feed has its own capability URL, no token
        _lok(served, b)
        ids = {**a, "slug": "digid", "koppelvlak": "saml", "versie": "4.0",
               "omgeving": "productie", "code": "berichtenverkeer", "kostenrunId": str(uuid.uuid4()),
               "datum": "2027-05-05", "maand": "3"}
        response = served.get(_fill(path, ids), als_a)
        eigen = path.startswith("/afnemers/{afnemerId}")
        if eigen and rol not in item["get"].get("x-rollen", [rol]):
            assert response.status_code == 403, (path, response.text)  # the export
        elif path.startswith("/afnemers/{afnemerId}") or path in ("/diensten", "/afnemers"):
            assert response.status_code == 200, (path, response.text)
        _geen_vreemde_id(response, vreemd)
        gelezen += 1
    assert gelezen >= 40


def test_a_request_without_token_gets_nothing_of_anyone(served: Served, twee):
    vreemd = _vreemde_ids(twee["a"]) | _vreemde_ids(twee["b"])
    document, slugs = served.get("/openapi.json").json(), tuple(_slugs(served))
    for path, method in _tenant_operations(served):
        _lok(served, twee["b"])
        response = served.request(method.upper(), _fill(path, twee["a"]),
                                  json=_body(path, method, twee["a"], document, slugs))
        assert response.status_code == 401, (method, path)
        assert "Link" not in response.headers
        _geen_vreemde_id_behalve_pad(response, vreemd, _fill(path, twee["a"]))
