"""Logius starts a cost run in the console and follows it to its lines, on both
backends."""

from __future__ import annotations

from core.auth.principal import Rol
from tests.console.conftest import zichtbare_tekst


def _digipoort_met_verbruik(api, maak_afnemer, maak_aansluiting) -> dict:
    """A gemeente with an active Digipoort aansluiting, 120 messages in 2027 at 0.59."""
    afnemer = maak_afnemer("gemeente")
    dp = maak_aansluiting(afnemer["id"], dienst="digipoort", onderdelen=("e-factureren",))
    pad = f"/afnemers/{afnemer['id']}/aansluitingen/{dp['id']}/statuswijzigingen"
    assert api.post(pad, json={"status": "actief"}, headers={"If-Match": "*"}).status_code == 201
    api.put("/btw-tarieven/2027", json={"percentage": "21"})
    api.put("/diensten/digipoort/tarieven/2027/berichtenverkeer", json={"bedrag": "0.59"})
    api.put("/diensten/digipoort/tarieven/2027/individuele-begeleiding", json={"bedrag": "4400"})
    assert api.post("/verbruik", json={"regels": [{
        "aansluitingId": dp["id"], "metriek": "berichten", "datum": "2027-03-01",
        "aantal": 120}]}).status_code == 200
    return afnemer


def test_logius_starts_a_run_and_sees_its_status_totals_and_lines(
        console_als, api, maak_afnemer, maak_aansluiting):
    afnemer = _digipoort_met_verbruik(api, maak_afnemer, maak_aansluiting)
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    assert "Nog geen kostenruns" in logius.tekst("/kostenruns")
    fout = logius.post("/kostenruns", {"jaar": "1999"})
    assert fout.status_code == 400 and 'data-veldfout="jaar"' in fout.get_data(True)
    assert api.get("/kostenruns").get_json()["resultaten"] == []
    gestart = logius.post("/kostenruns", {"jaar": "2027"})
    assert gestart.status_code == 302
    [run] = api.get("/kostenruns").get_json()["resultaten"]
    assert gestart.headers["Location"].endswith(f"/console/kostenruns/{run['id']}")
    tekst = zichtbare_tekst(logius.tekst(f"/kostenruns/{run['id']}"))
    assert "Status voltooid" in tekst and "€ 70,80 inclusief btw" in tekst
    assert afnemer["id"] in tekst and "digipoort" in tekst
    assert "Kostenrun 2027" in logius.tekst("/kostenruns")


def test_cost_runs_are_logius_only(console_als, maak_afnemer, api):
    team = console_als(Rol.PRODUCTTEAM, dienst="digid")
    assert team.get("/kostenruns").status_code == 403
    assert team.post("/kostenruns", {"jaar": "2027"}).status_code == 403
    assert api.get("/kostenruns").get_json()["resultaten"] == []
