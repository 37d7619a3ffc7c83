"""The audit log of the deployed product records every concurrent change, in order, in a
hash chain that ``afnemersportaal audit verify`` accepts.

Several Logius clients correct the same usage key at the same moment, each through its
own request (served by different workers and threads). Each correction must be audited
from the value the one before it wrote (old -> A, A -> B, ...), never two from the same
old value, and the value stored last is the last one audited."""

from __future__ import annotations

import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

from tests.served.conftest import CLI, Served

GELIJKTIJDIG = 8


def test_concurrent_corrections_of_one_key_are_audited_as_one_unbroken_sequence(
        served: Served, tmp_path):
    afnemer = served.maak_afnemer()
    pad = f"/afnemers/{afnemer['id']}"
    aansluiting = served.post(f"{pad}/aansluitingen", served.logius_token, json={
        "dienst": "digipoort", "omgeving": "productie", "onderdelen": ["e-factureren"],
        "aanvraagOndertekendOp": "2026-01-15"})
    assert aansluiting.status_code == 201, aansluiting.text
    aansluiting_id = aansluiting.json()["id"]

    def zet(aantal: int) -> dict:
        response = served.post("/verbruik", served.logius_token, json={"regels": [{
            "aansluitingId": aansluiting_id, "metriek": "berichten", "datum": "2027-01-31",
            "aantal": aantal}]})
        assert response.status_code == 200, response.text
        return response.json()

    assert zet(100)["nieuw"] == 1
    start = threading.Barrier(GELIJKTIJDIG)

    def correctie(aantal: int) -> dict:
        start.wait(timeout=30)
        return zet(aantal)

    waarden = [1_000 + i for i in range(GELIJKTIJDIG)]
    with ThreadPoolExecutor(GELIJKTIJDIG) as pool:
        uitkomsten = list(pool.map(correctie, waarden))
    assert all(u["gecorrigeerd"] == 1 for u in uitkomsten), uitkomsten

    regels = served.get(f"{pad}/audit?resourceType=verbruik&resourceId={aansluiting_id}"
                        "&paginaGrootte=100", served.logius_token).json()["resultaten"]
    correcties = sorted((r for r in regels if r["actie"] == "gewijzigd"), key=lambda r: r["id"])
    stappen = [(r["wijzigingen"]["aantal"]["oud"], r["wijzigingen"]["aantal"]["nieuw"])
               for r in correcties]
    assert len(stappen) == GELIJKTIJDIG, stappen
    assert stappen[0][0] == 100
    for (_, nieuw), (oud, _) in zip(stappen, stappen[1:], strict=False):
        assert oud == nieuw, stappen  # each from what the one before it wrote
    assert sorted(nieuw for _, nieuw in stappen) == waarden
    opgeslagen = served.get(f"{pad}/verbruik?aansluitingId={aansluiting_id}",
                            served.logius_token).json()["resultaten"]
    assert [r["aantal"] for r in opgeslagen] == [stappen[-1][1]]

    verify = subprocess.run([str(CLI), "audit", "verify"], env=served.env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert verify.returncode == 0, verify.stderr
    assert "auditregels gecontroleerd: OK" in verify.stdout
