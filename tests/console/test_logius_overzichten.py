"""Logius' overviews: prognoses by status, DigiD's capacity plot with its table and CSV,
and the onboarding pipeline; on both backends."""

from __future__ import annotations

import re

import pytest

from core.auth.principal import Rol
from core.tijd import vandaag
from tests.console.conftest import zichtbare_tekst


def _prognose(api, afnemer, aansluiting, piek):
    antwoord = api.post(f"/afnemers/{afnemer['id']}/prognoses", json={
        "aansluitingId": aansluiting["id"], "periode": f"{vandaag().year + 1}-04",
        "formulier": {"authenticatiesPerMaand": [1] * 12, "piekPerMinuut": piek}})
    assert antwoord.status_code == 201, antwoord.get_json()


def test_the_capacity_table_holds_the_apis_figures_and_the_limit(console_als, api,
                                                                  maak_afnemer,
                                                                  maak_aansluiting):
    for naam, piek in (("Gemeente Groot", 4_000), ("Gemeente Middel", 3_500)):
        afnemer = maak_afnemer(naam=naam)
        _prognose(api, afnemer, maak_aansluiting(afnemer["id"], dienst="digid"), piek)
    stand = api.get("/diensten/digid/capaciteit").get_json()
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    html = logius.tekst("/capaciteit")
    tabel = zichtbare_tekst(re.search(r'<table data-testid="capaciteit-tabel">.*?</table>',
                                      html, re.S).group(0))
    waarschuwing = int(stand["waarschuwingsdrempel"] * stand["limiet"])
    assert f"Verwachte piek 4000 3500 {stand['totaal']}" in tabel
    assert f"Limiet ({stand['artikel']}) {stand['limiet']}" in tabel
    assert f"{waarschuwing}" in tabel and "Waarschuwing vanaf" in tabel
    assert "<svg" in html
    csv = logius.get("/capaciteit?formaat=csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert f"grens: Limiet ({stand['artikel']}),{stand['limiet']}" in csv.get_data(as_text=True)


def test_the_prognosis_overview_filters_by_status(console_als, api, maak_afnemer,
                                                  maak_aansluiting):
    afnemer = maak_afnemer(naam="Gemeente Prognose")
    _prognose(api, afnemer, maak_aansluiting(afnemer["id"], dienst="digid"), 100)
    [rij] = [r for r in api.get("/prognoses/overzicht?paginaGrootte=100").get_json()[
        "resultaten"] if r["afnemerId"] == afnemer["id"]]
    ander = next(s for s in ("actueel", "te-laat") if s != rij["status"])
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    assert "Gemeente Prognose" in zichtbare_tekst(logius.tekst("/prognoses/overzicht"))
    assert "Gemeente Prognose" in zichtbare_tekst(
        logius.tekst(f"/prognoses/overzicht?status={rij['status']}"))
    assert "Gemeente Prognose" not in zichtbare_tekst(
        logius.tekst(f"/prognoses/overzicht?status={ander}"))


def test_the_pipeline_shows_the_steps_and_its_csv(console_als, maak_afnemer,
                                                  maak_aansluiting):
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"], dienst="digid")
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    html = logius.tekst("/aansluitroutes/pijplijn?dienst=digid")
    assert 'data-testid="pijplijn-digid"' in html and "<svg" in html
    csv = logius.get("/aansluitroutes/pijplijn?dienst=digid&formaat=csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert csv.get_data(as_text=True).startswith("dienst,stap,naam")


def test_the_capacity_page_without_any_prognosis(console_als):
    logius = console_als(Rol.LOGIUS_BEHEERDER)
    tabel = zichtbare_tekst(re.search(r'<table data-testid="capaciteit-tabel">.*?</table>',
                                      logius.tekst("/capaciteit"), re.S).group(0))
    assert "Aansluitingen met een prognose" in tabel and "Verwachte piek 0" in tabel


@pytest.mark.parametrize("pad", ["/prognoses/overzicht", "/capaciteit",
                                 "/aansluitroutes/pijplijn", "/aankondigingen/opstellen"])
def test_an_afnemer_beheerder_gets_403(console_als, maak_afnemer, pad):
    afnemer = maak_afnemer()
    assert console_als(Rol.AFNEMER_BEHEERDER, afnemer["id"]).get(pad).status_code == 403
