"""``POST /kostenruns``: Logius starts the run the CLI runs, through the API."""

from __future__ import annotations

from core.auth.principal import Rol
from tests.kosten.conftest import maanden


def test_logius_starts_a_run_and_finds_it_at_its_location(
        api, maak_afnemer, aangesloten, digipoort_tarieven, laad_verbruik, token_voor):
    afnemer = maak_afnemer("gemeente")
    dp = aangesloten(afnemer["id"])
    laad_verbruik(*maanden(dp["id"], 2027, 1000))
    antwoord = api.post("/kostenruns", json={"jaar": 2027})
    assert antwoord.status_code == 202, antwoord.get_json()
    run = antwoord.get_json()
    assert (run["jaar"], run["status"], run["aantalAfnemers"]) == (2027, "voltooid", 1)
    assert run["totaal"]["bedragInclBtw"] == "590.00"
    assert antwoord.headers["Location"].endswith(f"/api/v1/kostenruns/{run['id']}")
    assert api.get(f"/kostenruns/{run['id']}").get_json() == run
    # Only Logius; a year outside the API's range names the field.
    afnemer_token = token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER)
    assert api.as_(afnemer_token).post("/kostenruns", json={"jaar": 2027}).status_code == 403
    fout = api.post("/kostenruns", json={"jaar": 1999})
    assert fout.status_code == 400
    assert [p["name"] for p in fout.get_json()["invalidParams"]] == ["jaar"]
    assert len(api.get("/kostenruns").get_json()["resultaten"]) == 1
