"""Tenant isolation, walked over every endpoint of the app (OWASP API1, BOLA).

The walk reads the app's URL map, so a new endpoint is covered the moment it is
registered; a path variable the walk cannot fill fails the test until an id for
it is added below. For every tenant route and every method, a principal of
afnemer A sends a request that would succeed on its own afnemer, with:

- afnemer B's ids throughout: the answer is 404, exactly as for an id that does
  not exist, so nothing about B leaks;
- its own afnemer id but B's child ids: the same answer as for a child id that
  does not exist (404, or 403 for a read-only principal's write), so again nothing
  about B leaks.

Afterwards every one of B's resources reads exactly as before, and B's audit
trail has no new entry: the refused requests changed nothing.

The routes of installed plugins are walked the same way, with the bodies and ids their
own document's examples give (``tests/support/plugins.py``).
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from core.auth.principal import Rol
from core.tijd import vandaag
from tests.conftest import Api, geinstalleerd
from tests.support.plugins import (
    documentpad,
    maak_voorbeelden,
    plugin_endpoint,
    snake,
    voorbeeldbody,
)

API = "/api/v1"
VARIABLE = re.compile(r"<(?:\w+:)?(\w+)>")

# A body per (endpoint, method) that is valid for the principal's own afnemer.
BODIES = {
    # Digipoort's begeleiding takes one of the afnemer's Digipoort aansluitingen.
    ("digipoort-begeleidingen.Keuzes", "POST"): lambda ids: {
        "aansluitingId": ids["digipoort_aansluiting_id"], "keuze": "individueel"},
    ("digipoort-begeleidingen.Perioden", "POST"): lambda ids: {
        "aansluitingId": ids["digipoort_aansluiting_id"], "startmail": "2029-01-15"},
    ("afnemer.AfnemerView", "PATCH"): {"naam": "Overgenomen"},
    ("contactpersonen.Contactpersonen", "POST"): {
        "naam": "Indringer", "email": "x@voorbeeld.nl", "telefoon": "0701234567", "rol": "technisch"},
    ("contactpersonen.ContactpersoonView", "PATCH"): {"naam": "Overgenomen"},
    ("aansluitingen.Aansluitingen", "POST"): {
        "dienst": "mijnoverheid", "omgeving": "productie", "onderdelen": ["berichtenbox"],
        "aanvraagOndertekendOp": "2026-01-05"},
    ("aansluitingen.AansluitingView", "PATCH"): {"onderdelen": ["basis"]},
    # Activating, not ending: later requests (incidents, change requests) need the
    # aansluiting running.
    ("aansluitingen.Statuswijzigingen", "POST"): {"status": "actief"},
    ("api_tokens.ApiTokens", "POST"): {"naam": "indringer", "rol": "afnemer-beheerder"},
    ("lidmaatschappen.Lidmaatschappen", "POST"): {
        "email": "indringer@voorbeeld.nl", "rol": "afnemer-beheerder"},
    ("lidmaatschappen.LidmaatschapView", "PATCH"): {"rol": "afnemer-beheerder"},
    ("machine_clients.MachineClients", "POST"): {
        "clientId": "indringer", "naam": "Indringer", "scopes": ["read", "write"]},
    ("webhooks.Webhooks", "POST"): {"url": "https://indringer.example/hook"},
    ("webhooks.WebhookView", "PATCH"): {"url": "https://indringer.example/hook"},
    ("webhooks.Herhalen", "POST"): lambda _ids: {
        "vanaf": (datetime.now(UTC) - timedelta(hours=1)).isoformat()},
    ("afnemer_aankondigingen.Reactie", "POST"): {"besluit": "accepteren"},
    ("wijzigingsmeldingen.Wijzigingsmeldingen", "POST"): {
        "omschrijving": "Indringer",
        "realisatiedatum": (vandaag() + timedelta(days=200)).isoformat()},
    # The walk's aansluiting is on DigiD, which asks no voorcalculatie: an empty one is valid.
    ("voorcalculaties.VoorcalculatieView", "PUT"): {"volumes": []},
    # Bodies that name a resource of the afnemer are made from its ids.
    ("koppelvlakgebruik.Gebruik", "POST"): lambda ids: {
        "aansluitingId": ids["aansluiting_id"], "koppelvlak": "saml", "versie": "3.3"},
    ("prognoses.Prognoses", "POST"): lambda ids: {
        "aansluitingId": ids["aansluiting_id"], "periode": f"{vandaag().year + 1}-04",
        "formulier": {"authenticatiesPerMaand": [1000] * 12, "piekPerMinuut": 10}},
    ("kosten.Schattingen", "POST"): {
        "jaar": 2027, "volumes": [{"dienst": "digipoort", "metriek": "berichten", "aantal": 900}]},
    ("wijzigingsverzoeken.Wijzigingsverzoeken", "POST"): {
        "dienst": "digid", "indiener": {"naam": "Indringer", "email": "x@voorbeeld.nl"},
        "voorgesteldeWijziging": "Indringer", "beoogdeVoordelen": "Indringer",
        "huidigeNadelen": "Indringer"},
    ("wijzigingsverzoeken.Statusstappen", "POST"): {"status": "in-beoordeling"},
    ("incidenten.Incidenten", "POST"): {
        "dienst": "digid", "omgeving": "productie", "impact": "laag", "urgentie": "laag",
        "omschrijving": "Indringer", "functies": ["authenticatie-midden"]},
    ("vragen.Vragen", "POST"): {
        "dienst": "digid", "soort": "vraag", "onderwerp": "Indringer", "tekst": "Indringer"},
    ("aansluitroutes.Afronden", "POST"): {"bewijs": "AF-2027-0001"},
    ("aansluitroutes.Afwijzen", "POST"): {"reden": "Indringer"},
    ("mandaten.Mandaten", "POST"): lambda ids: {
        "intermediairId": ids["intermediair_id"], "diensten": ["digid"],
        "resources": ["aansluitingen"], "rechten": ["lezen"],
        "geldigTot": (vandaag() + timedelta(days=30)).isoformat()},
}


def _gebeurtenis_met_bezorging(app, afnemer_id: str) -> tuple[str, str]:
    """An event (and its delivery to the afnemer's webhook) as the outbox writes them."""
    from core.db import db
    from core.meldingen.models import Bezorging
    from core.meldingen.outbox import publiceer

    with app.app_context():
        gebeurtenis = publiceer(type="aankondiging.storing", afnemer_id=uuid.UUID(afnemer_id),
                                onderwerp="Storing", tekst="Test", data={})
        db.session.flush()
        bezorging = db.session.query(Bezorging).filter_by(gebeurtenis_id=gebeurtenis.id).first()
        db.session.commit()
        return str(gebeurtenis.id), str(bezorging.id)


@pytest.fixture
def twee_afnemers(app, api, maak_afnemer, maak_aansluiting, maak_contactpersoon):
    """Afnemers A and B, each with one resource of every kind."""
    # The tariffs of 2027, so that cost calculations of that year have what they need.
    for url, body in (("/btw-tarieven/2027", {"percentage": "21"}),
                      ("/diensten/digipoort/tarieven/2027/berichtenverkeer", {"bedrag": "0.59"}),
                      *((f"/diensten/mijnoverheid/tarieven/2027/{code}", {"bedrag": "0"})
                        for code in ("berichtenbox-bericht", "berichtenbox-jaarbedrag",
                                     "persoonlijke-gegevens-aansluiting"))):
        assert api.request("PUT", url, json=body).status_code == 201
    # This year's, for the price a choice of Digipoort begeleiding confirms (DP tabel 1).
    for url, body in ((f"/btw-tarieven/{vandaag().year}", {"percentage": "21"}),
                      (f"/diensten/digipoort/tarieven/{vandaag().year}/individuele-begeleiding",
                       {"bedrag": "4400"})):
        assert api.request("PUT", url, json=body).status_code == 201
    ids = {}
    document = api.get("/openapi.json").get_json()
    intermediair = api.post("/intermediairs", json={
        "naam": "Leverancier", "kvkNummer": f"{uuid.uuid4().int % 10**8:08d}",
        "email": "beheer@leverancier.example"})
    assert intermediair.status_code == 201, intermediair.get_json()

    def post(pad, body):
        response = api.post(pad, json=body)
        assert response.status_code == 201, (pad, response.get_json())
        return response.get_json()

    for naam in ("a", "b"):
        afnemer = maak_afnemer()
        aansluiting = maak_aansluiting(afnemer["id"], dienst="digid")
        digipoort = maak_aansluiting(afnemer["id"], dienst="digipoort",
                                     onderdelen=("e-factureren",))
        keuze = api.post(f"/afnemers/{afnemer['id']}/digipoort-begeleidingen/keuzes",
                         json={"aansluitingId": digipoort["id"], "keuze": "individueel"})
        assert keuze.status_code == 201, keuze.get_json()
        contact = maak_contactpersoon(afnemer["id"])
        token = api.post(f"/afnemers/{afnemer['id']}/api-tokens",
                         json={"naam": "koppeling", "rol": "afnemer-medewerker"})
        assert token.status_code == 201
        lid = api.post(f"/afnemers/{afnemer['id']}/lidmaatschappen",
                       json={"email": f"lid-{naam}@voorbeeld.nl", "rol": "afnemer-medewerker"})
        assert lid.status_code == 201, lid.get_json()
        client = api.post(f"/afnemers/{afnemer['id']}/machine-clients",
                          json={"clientId": f"koppeling-{naam}-{uuid.uuid4().hex[:6]}",
                                "naam": "Koppeling"})
        assert client.status_code == 201, client.get_json()
        webhook = api.post(f"/afnemers/{afnemer['id']}/webhooks",
                           json={"url": f"https://{naam}.example/hook"})
        assert webhook.status_code == 201, webhook.get_json()
        gebeurtenis_id, bezorging_id = _gebeurtenis_met_bezorging(app, afnemer["id"])
        aankondiging = api.post("/aankondigingen", json={
            "type": "dienstwijziging", "titel": "Wijziging", "omschrijving": "Alleen voor deze",
            "dienst": "digid", "wijzigingsdatum": (vandaag() + timedelta(days=7)).isoformat(),
            "afnemers": [afnemer["id"]]})
        assert aankondiging.status_code == 201, aankondiging.get_json()
        gebruik = api.post(f"/afnemers/{afnemer['id']}/koppelvlakgebruik", json={
            "aansluitingId": aansluiting["id"], "koppelvlak": "saml", "versie": "4.0"})
        assert gebruik.status_code == 200, gebruik.get_json()
        melding = api.post(f"/afnemers/{afnemer['id']}/wijzigingsmeldingen",
                           json=BODIES[("wijzigingsmeldingen.Wijzigingsmeldingen", "POST")])
        assert melding.status_code == 201, melding.get_json()
        prognose = api.post(f"/afnemers/{afnemer['id']}/prognoses", json=BODIES[
            ("prognoses.Prognoses", "POST")]({"aansluiting_id": aansluiting["id"]}))
        assert prognose.status_code == 201, prognose.get_json()
        incident = api.post(f"/afnemers/{afnemer['id']}/incidenten",
                            json=BODIES[("incidenten.Incidenten", "POST")])
        assert incident.status_code == 201, incident.get_json()
        # Resolved, so that its clock (and so its answer) stands still during the walk.
        opgelost = api.post(f"/incidenten/{incident.get_json()['id']}/statuswijzigingen",
                            json={"status": "opgelost"}, headers={"If-Match": "*"})
        assert opgelost.status_code == 201, opgelost.get_json()
        vraag = api.post(f"/afnemers/{afnemer['id']}/vragen",
                         json=BODIES[("vragen.Vragen", "POST")])
        assert vraag.status_code == 201, vraag.get_json()
        verzoek = api.post(f"/afnemers/{afnemer['id']}/wijzigingsverzoeken",
                           json=BODIES[("wijzigingsverzoeken.Wijzigingsverzoeken", "POST")])
        assert verzoek.status_code == 201, verzoek.get_json()
        mandaat = api.post(f"/afnemers/{afnemer['id']}/mandaten", json=BODIES[
            ("mandaten.Mandaten", "POST")]({"intermediair_id": intermediair.get_json()["id"]}))
        assert mandaat.status_code == 201, mandaat.get_json()
        ids[naam] = {
            "afnemer_id": afnemer["id"],
            "aansluiting_id": aansluiting["id"],
            "contactpersoon_id": contact["id"],
            "token_id": token.get_json()["id"],
            "lidmaatschap_id": lid.get_json()["id"],
            "machine_client_id": client.get_json()["id"],
            "webhook_id": webhook.get_json()["id"],
            "gebeurtenis_id": gebeurtenis_id,
            "bezorging_id": bezorging_id,
            "aankondiging_id": aankondiging.get_json()["id"],
            "wijzigingsmelding_id": melding.get_json()["id"],
            "gebruik_id": gebruik.get_json()["id"],
            "prognose_id": prognose.get_json()["id"],
            "incident_id": incident.get_json()["id"],
            "vraag_id": vraag.get_json()["id"],
            "wijzigingsverzoek_id": verzoek.get_json()["id"],
            "digipoort_aansluiting_id": digipoort["id"],
            "intermediair_id": intermediair.get_json()["id"],
            "mandaat_id": mandaat.get_json()["id"],
            "stap": "aanvraagformulier",
            "jaar": "2027",
        }
        # One resource of every kind that the installed plugins bring.
        eigen = maak_voorbeelden(document, geinstalleerd(), {"afnemerId": afnemer["id"]}, post)
        ids[naam].update({snake(k): v for k, v in eigen.items()})
    ids["document"] = document
    return ids


def _body(rule, method: str, ids: dict[str, str], document: dict):
    """The body of the walk's request: core's from BODIES, a plugin's from its examples."""
    body = BODIES.get((rule.endpoint, method))
    if body is None and plugin_endpoint(rule.endpoint, geinstalleerd()):
        return voorbeeldbody(document, documentpad(rule.rule), method.lower())
    return body(ids) if callable(body) else body


def tenant_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(f"{API}/afnemers/<"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def fill(rule, values: dict[str, str]) -> str:
    def value(match):
        name = match.group(1)
        assert name in values, f"the isolation walk has no id for <{name}> in {rule.rule}"
        return values[name]

    return VARIABLE.sub(value, rule.rule)


def snapshot(api: Api, app, ids: dict[str, str]) -> dict[str, object]:
    """Everything of one afnemer that a GET can read."""
    seen = {}
    for rule, method in tenant_routes(app):
        if method == "GET":
            path = fill(rule, ids)
            response = api.get(path)
            assert response.status_code == 200, path
            seen[path] = response.get_json()
    return seen


@pytest.mark.parametrize("rol", [Rol.AFNEMER_BEHEERDER, Rol.AFNEMER_MEDEWERKER])
def test_a_principal_of_afnemer_a_gets_404_for_everything_of_afnemer_b(
    app, api, token_voor, twee_afnemers, rol
):
    a, b = twee_afnemers["a"], twee_afnemers["b"]
    before = snapshot(api, app, b)
    als_a = api.as_(token_voor(a["afnemer_id"], rol))
    walked = 0
    for rule, method in tenant_routes(app):
        body = _body(rule, method, a, twee_afnemers["document"])  # A's ids, on B's path
        headers = {"If-Match": "*"}
        response = als_a.request(method, fill(rule, b), json=body, headers=headers)
        assert response.status_code == 404, (method, rule.rule, response.get_json())
        assert response.content_type == "application/problem+json"
        walked += 1
        if fill(rule, {**b, "afnemer_id": a["afnemer_id"]}) == fill(rule, a):
            continue  # the route has no child id
        children_of_b = als_a.request(method, fill(rule, {**b, "afnemer_id": a["afnemer_id"]}),
                                      json=body, headers=headers)
        # Ids that exist nowhere; a value that is no id (the year) stays what it was.
        nergens = {k: str(uuid.uuid4()) if k.endswith("_id") else v for k, v in b.items()}
        no_such_children = als_a.request(
            method, fill(rule, {**nergens, "afnemer_id": a["afnemer_id"]}),
            json=body, headers=headers)
        assert children_of_b.status_code in (403, 404)
        assert children_of_b.status_code == no_such_children.status_code, (method, rule.rule)
        assert children_of_b.get_json()["detail"] == no_such_children.get_json()["detail"]
        walked += 1
    assert walked >= 20
    assert snapshot(api, app, b) == before


def test_the_same_requests_succeed_on_the_own_afnemer(app, api, token_voor, twee_afnemers):
    """The walk above is meaningful: the same requests on A's own ids succeed (sent by a
    Logius beheerder, since a few, like renaming an afnemer, are Logius' to do; where the
    document leaves Logius out, by A's own role). An operation that ends what it is on
    (``x-eindigt``) is left out as DELETE is, so the others find A's resources as they
    were."""
    a = twee_afnemers["a"]
    document = twee_afnemers["document"]

    def operatie(rule, method) -> dict:
        return document["paths"].get(documentpad(rule.rule), {}).get(method.lower(), {})

    for rule, method in tenant_routes(app):
        if method == "DELETE" or operatie(rule, method).get("x-eindigt"):
            continue  # ending A's own resources would spoil the later requests
        rollen = operatie(rule, method).get("x-rollen") or ["logius-beheerder"]
        if (rule.endpoint, method) == ("aansluitroutes.Afronden", "POST"):
            rollen = ["afnemer-beheerder"]  # the walk's step (aanvraagformulier) is A's own
        als_a = api if "logius-beheerder" in rollen else api.as_(
            token_voor(a["afnemer_id"], Rol(rollen[0])))
        body = _body(rule, method, a, document)
        response = als_a.request(method, fill(rule, a), json=body, headers={"If-Match": "*"})
        assert response.status_code < 400, (method, rule.rule, response.get_json())


#: What an intermediair with a live mandate of A for another dienst than A's resources
#: (all on DigiD) gets besides 404: A itself (read only), and the lists of the kinds its
#: mandate names, empty.
NAMENS_A = {("afnemer.AfnemerView", "GET"): 200, ("afnemer.AfnemerView", "PATCH"): 403,
            ("aansluitingen.Aansluitingen", "GET"): 200, ("incidenten.Incidenten", "GET"): 200,
            ("koppelvlakgebruik.Gebruik", "GET"): 200, ("prognoses.Prognoses", "GET"): 200}


def test_an_intermediair_reaches_nothing_outside_its_mandate(app, api, twee_afnemers):
    """An intermediair whose mandate of A names every kind of resource, to read and write,
    but only MijnOverheid: every tenant route of A gets 404 (the lists of those kinds are
    empty, A itself reads), and every route of B, which gave it no mandate, 404. Nothing
    of A or B changes."""
    a, b = twee_afnemers["a"], twee_afnemers["b"]
    document = twee_afnemers["document"]
    intermediair = api.post("/intermediairs", json={
        "naam": "Buiten mandaat", "kvkNummer": f"{uuid.uuid4().int % 10**8:08d}",
        "email": "info@buiten.example"}).get_json()
    mandaat = api.post(f"/afnemers/{a['afnemer_id']}/mandaten", json={
        "intermediairId": intermediair["id"], "diensten": ["mijnoverheid"],
        "resources": ["aansluitingen", "incidenten", "koppelvlakgebruik", "prognoses"],
        "rechten": ["lezen", "schrijven"],
        "geldigTot": (vandaag() + timedelta(days=30)).isoformat()})
    assert mandaat.status_code == 201, mandaat.get_json()
    token = api.post(f"/intermediairs/{intermediair['id']}/api-tokens",
                     json={"naam": "walk"}).get_json()["token"]
    als_i = api.as_(token)
    before = {"a": snapshot(api, app, a), "b": snapshot(api, app, b)}
    walked = 0
    for rule, method in tenant_routes(app):
        body = _body(rule, method, a, document)
        if (rule.endpoint, method) == ("aansluitingen.Aansluitingen", "POST"):
            body = {**body, "dienst": "digid", "onderdelen": ["midden"]}  # outside it
        for wie, ids in (("a", a), ("b", b)):
            response = als_i.request(method, fill(rule, ids), json=body,
                                     headers={"If-Match": "*"})
            verwacht = NAMENS_A.get((rule.endpoint, method), 404) if wie == "a" else 404
            assert response.status_code == verwacht, (wie, method, rule.rule,
                                                      response.get_json())
            if verwacht == 200 and "resultaten" in response.get_json():
                assert response.get_json()["resultaten"] == [], (method, rule.rule)
            walked += 1
    assert walked >= 40
    assert snapshot(api, app, a) == before["a"] and snapshot(api, app, b) == before["b"]


def test_afnemer_list_shows_only_the_own_afnemer(api, token_voor, twee_afnemers):
    a, b = twee_afnemers["a"], twee_afnemers["b"]
    als_a = api.as_(token_voor(a["afnemer_id"], Rol.AFNEMER_MEDEWERKER))
    ids = [x["id"] for x in als_a.get("/afnemers?paginaGrootte=100").get_json()["resultaten"]]
    assert ids == [a["afnemer_id"]]
    assert b["afnemer_id"] not in ids


def test_only_logius_creates_afnemers(api, token_voor, twee_afnemers):
    a = twee_afnemers["a"]
    als_a = api.as_(token_voor(a["afnemer_id"], Rol.AFNEMER_BEHEERDER))
    response = als_a.post("/afnemers", json={"naam": "Nep", "oin": "00000001009999999000",
                                             "type": "gemeente"})
    assert response.status_code == 403
