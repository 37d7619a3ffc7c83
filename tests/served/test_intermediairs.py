"""An intermediair acting for afnemers under mandates, against the deployed product (both
backends): what the issue's done-when asks, over HTTP with the product's own worker.

An intermediair with a read mandate for MijnOverheid of afnemer A reads A's MijnOverheid
aansluitingen, cannot change them (403), and gets 404 on A's DigiD aansluiting and on
everything of afnemer B; the audit says "intermediair X namens afnemer Y"; revoking the
mandate takes effect on the next request; an expired mandate is 404 everywhere. Both
sides hear of the mandate: A's feed, and the intermediair's contact address by e-mail.
A machine client Logius bound to the intermediair, with a client-credentials token of the
provider, acts the same way.
"""

from __future__ import annotations

import subprocess
import time
import uuid
from datetime import date, timedelta

from sqlalchemy import create_engine, text

from tests.served.conftest import CLI, Served


def _wacht(vind, seconden: float = 15):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if gevonden := vind():
            return gevonden
        time.sleep(0.1)
    raise AssertionError("niet binnen de tijd")


def _aansluiting(served: Served, afnemer_id: str, dienst: str, onderdelen: list[str]) -> str:
    response = served.post(f"/afnemers/{afnemer_id}/aansluitingen", served.logius_token, json={
        "dienst": dienst, "omgeving": "productie", "onderdelen": onderdelen,
        "aanvraagOndertekendOp": "2026-01-15"})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _mandaat(served: Served, afnemer_id: str, token: str, intermediair_id: str,
             **velden) -> dict:
    response = served.post(f"/afnemers/{afnemer_id}/mandaten", token, json={
        "intermediairId": intermediair_id, "diensten": ["mijnoverheid"],
        "resources": ["aansluitingen"], "rechten": ["lezen"],
        "geldigTot": (date.today() + timedelta(days=30)).isoformat(), **velden})
    assert response.status_code == 201, response.text
    return response.json()


def test_an_intermediair_acts_for_afnemer_a_within_its_mandate_only(served: Served):
    logius = served.logius_token
    a, b = served.maak_afnemer("Gemeente Aa"), served.maak_afnemer("Gemeente Bee")
    beheerder_a = served.token_voor(a["id"])
    a_mo = _aansluiting(served, a["id"], "mijnoverheid", ["berichtenbox"])
    a_digid = _aansluiting(served, a["id"], "digid", ["midden"])
    b_mo = _aansluiting(served, b["id"], "mijnoverheid", ["berichtenbox"])
    adres = f"beheer-{uuid.uuid4().hex[:6]}@zaaksoftware.example"
    intermediair = served.post("/intermediairs", logius, json={
        "naam": "Zaaksoftware B.V.", "kvkNummer": f"{uuid.uuid4().int % 10**8:08d}",
        "email": adres}).json()
    token = served.post(f"/intermediairs/{intermediair['id']}/api-tokens", logius,
                        json={"naam": "Koppeling", "scopes": ["read", "write"]}).json()["token"]
    pad_a, pad_b = f"/afnemers/{a['id']}", f"/afnemers/{b['id']}"
    assert served.get(f"{pad_a}/aansluitingen", token).status_code == 404  # no mandate yet

    mandaat = _mandaat(served, a["id"], beheerder_a, intermediair["id"])
    lijst = served.get(f"{pad_a}/aansluitingen", token)
    assert lijst.status_code == 200, lijst.text
    assert [x["id"] for x in lijst.json()["resultaten"]] == [a_mo]
    assert served.get(f"{pad_a}/aansluitingen/{a_mo}", token).status_code == 200
    wijzig = served.patch(f"{pad_a}/aansluitingen/{a_mo}", token,
                          json={"onderdelen": ["berichtenbox", "lopende-zaken"]},
                          headers={"If-Match": "*"})
    assert wijzig.status_code == 403, wijzig.text
    for pad in (f"{pad_a}/aansluitingen/{a_digid}", f"{pad_a}/contactpersonen",
                f"{pad_a}/incidenten", pad_b, f"{pad_b}/aansluitingen",
                f"{pad_b}/aansluitingen/{b_mo}"):
        response = served.get(pad, token)
        assert response.status_code == 404, (pad, response.text)
    assert served.patch(f"{pad_a}/aansluitingen/{a_digid}", token, json={"onderdelen": ["midden"]},
                        headers={"If-Match": "*"}).status_code == 404
    assert [x["id"] for x in served.get("/afnemers", token).json()["resultaten"]] == [a["id"]]

    # Both sides hear of it: A's feed, and the intermediair's contact address by e-mail.
    feed = served.get(f"{pad_a}/gebeurtenissen", beheerder_a).json()["resultaten"]
    assert "mandaat.verleend" in {g["type"] for g in feed}
    mails = _wacht(lambda: served.smtp.aan(adres))
    assert "Zaaksoftware B.V. handelt namens Gemeente Aa" in mails[0]["Subject"]

    # With a write mandate the change goes through, and the audit says who for whom.
    schrijven = _mandaat(served, a["id"], beheerder_a, intermediair["id"],
                         rechten=["lezen", "schrijven"])
    wijzig = served.patch(f"{pad_a}/aansluitingen/{a_mo}", token,
                          json={"onderdelen": ["berichtenbox", "lopende-zaken"]},
                          headers={"If-Match": "*"})
    assert wijzig.status_code == 200, wijzig.text
    regel = served.get(f"{pad_a}/audit?resourceId={a_mo}", beheerder_a).json()["resultaten"][0]
    assert regel["actorNaam"] == "Zaaksoftware B.V. namens Gemeente Aa"
    assert regel["actor"].startswith(f"intermediair:{intermediair['id']}:token:")

    # Revoked: the very next request is a 404.
    for m in (mandaat, schrijven):
        assert served.request("DELETE", f"{pad_a}/mandaten/{m['id']}",
                              beheerder_a).status_code == 204
    assert served.get(f"{pad_a}/aansluitingen/{a_mo}", token).status_code == 404
    assert served.get("/afnemers", token).json()["resultaten"] == []
    feed = served.get(f"{pad_a}/gebeurtenissen?type=mandaat.beeindigd",
                      beheerder_a).json()["resultaten"]
    assert feed and feed[0]["data"]["reden"] == "ingetrokken"


def test_an_expired_mandate_is_404_everywhere(served: Served):
    logius = served.logius_token
    a = served.maak_afnemer()
    a_mo = _aansluiting(served, a["id"], "mijnoverheid", ["berichtenbox"])
    intermediair = served.post("/intermediairs", logius, json={
        "naam": "Verlopen B.V.", "kvkNummer": f"{uuid.uuid4().int % 10**8:08d}",
        "email": "info@verlopen.example"}).json()
    token = served.post(f"/intermediairs/{intermediair['id']}/api-tokens", logius,
                        json={"naam": "Koppeling"}).json()["token"]
    mandaat = _mandaat(served, a["id"], logius, intermediair["id"],
                       resources=["aansluitingen", "prognoses", "incidenten"])
    pad = f"/afnemers/{a['id']}"
    assert served.get(f"{pad}/aansluitingen/{a_mo}", token).status_code == 200
    # A day passes the mandate's last day: moved back in the database, as time would.
    engine = create_engine(served.env["AFNEMERSPORTAAL_DATABASE_URL"])
    with engine.begin() as verbinding:
        verbinding.execute(text("UPDATE mandaten SET geldig_tot = :dag WHERE id = :id"), {
            "dag": date.today() - timedelta(days=2),
            "id": uuid.UUID(mandaat["id"]).hex if served.backend == "sqlite" else mandaat["id"]})
    engine.dispose()
    for sub in ("", "/aansluitingen", f"/aansluitingen/{a_mo}", "/prognoses", "/incidenten"):
        response = served.get(pad + sub, token)
        assert response.status_code == 404, (sub, response.text)
    assert served.get("/afnemers", token).json()["resultaten"] == []
    assert served.get(f"{pad}/mandaten/{mandaat['id']}", logius).json()["status"] == "verlopen"
    # The worker's planner announces the end; run once, as cron would.
    subprocess.run([str(CLI), "worker", "--eenmalig"], env=served.env, cwd=served.workdir,
                   check=True, capture_output=True, timeout=60)
    einde = served.get(f"{pad}/gebeurtenissen?type=mandaat.beeindigd", logius).json()
    assert [g["data"]["reden"] for g in einde["resultaten"]] == ["verlopen"]


def test_a_machine_client_of_an_intermediair_acts_within_the_mandate_only(served: Served):
    """The intermediair's own system, with a client-credentials token of the provider:
    bound by Logius, it reads A's MijnOverheid aansluitingen under A's read mandate and
    nothing else, and after the revocation not even that."""
    logius = served.logius_token
    a, b = served.maak_afnemer("Gemeente Aa"), served.maak_afnemer("Gemeente Bee")
    a_mo = _aansluiting(served, a["id"], "mijnoverheid", ["berichtenbox"])
    a_digid = _aansluiting(served, a["id"], "digid", ["midden"])
    intermediair = served.post("/intermediairs", logius, json={
        "naam": "Koppelsoftware B.V.", "kvkNummer": f"{uuid.uuid4().int % 10**8:08d}",
        "email": "beheer@koppelsoftware.example"}).json()
    gebonden = served.post(f"/intermediairs/{intermediair['id']}/machine-clients", logius, json={
        "clientId": "intermediair-koppeling", "naam": "Koppeling", "scopes": ["read", "write"]})
    assert gebonden.status_code == 201, gebonden.text
    mandaat = _mandaat(served, a["id"], logius, intermediair["id"])
    token = served.oauth_token("intermediair-koppeling")
    pad_a = f"/afnemers/{a['id']}"

    lijst = served.get(f"{pad_a}/aansluitingen", token)
    assert lijst.status_code == 200, lijst.text
    assert [x["id"] for x in lijst.json()["resultaten"]] == [a_mo]
    for pad in (f"{pad_a}/aansluitingen/{a_digid}", f"/afnemers/{b['id']}/aansluitingen"):
        assert served.get(pad, token).status_code == 404, pad
    wijzig = served.patch(f"{pad_a}/aansluitingen/{a_mo}", token,
                          json={"onderdelen": ["berichtenbox", "lopende-zaken"]},
                          headers={"If-Match": "*"})
    assert wijzig.status_code == 403, wijzig.text

    assert served.request("DELETE", f"{pad_a}/mandaten/{mandaat['id']}",
                          logius).status_code == 204
    assert served.get(f"{pad_a}/aansluitingen", token).status_code == 404
