"""The voorcalculatie per aansluiting per year (DP tabel 1): the advance invoice is based
on it and at least it is charged, so the afnemer fixes it before the year starts."""

from __future__ import annotations

import pytest

from core.auth.principal import Rol
from core.tijd import vandaag

VOLGEND_JAAR = vandaag().year + 1
DIT_JAAR = vandaag().year


@pytest.fixture
def afnemer(maak_afnemer):
    return maak_afnemer("gemeente")


@pytest.fixture
def dp(afnemer, maak_aansluiting):
    return maak_aansluiting(afnemer["id"], dienst="digipoort", onderdelen=["e-factureren"])


def url(afnemer, aansluiting, jaar=None) -> str:
    base = f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}/voorcalculaties"
    return base if jaar is None else f"{base}/{jaar}"


def berichten(aantal: int) -> dict:
    return {"volumes": [{"metriek": "berichten", "aantal": aantal}]}


def test_the_beheerder_sets_next_years_voorcalculatie_and_changes_it_with_if_match(
        api, afnemer, dp, token_voor):
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    created = beheerder.request("PUT", url(afnemer, dp, VOLGEND_JAAR), json=berichten(10_000))
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["volumes"] == [{"metriek": "berichten", "aantal": 10_000}]
    assert created.get_json()["dienst"] == "digipoort"
    etag = created.headers["ETag"]
    assert beheerder.request("PUT", url(afnemer, dp, VOLGEND_JAAR),
                             json=berichten(9_000)).status_code == 428
    changed = beheerder.request("PUT", url(afnemer, dp, VOLGEND_JAAR), json=berichten(9_000),
                                headers={"If-Match": etag})
    assert changed.status_code == 200
    lijst = beheerder.get(url(afnemer, dp)).get_json()["resultaten"]
    assert [(v["jaar"], v["volumes"]) for v in lijst] == [
        (VOLGEND_JAAR, [{"metriek": "berichten", "aantal": 9_000}])]
    soorten = {r["resourceType"] for r in api.get(
        f"/afnemers/{afnemer['id']}/audit?resourceType=voorcalculaties").get_json()["resultaten"]}
    assert soorten == {"voorcalculaties"}


def test_dp_tabel_1_once_the_year_has_begun_only_logius_changes_it(api, afnemer, dp,
                                                                   token_voor):
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    response = beheerder.request("PUT", url(afnemer, dp, DIT_JAAR), json=berichten(5))
    assert response.status_code == 409
    assert response.get_json()["code"] == "voorcalculatie-vastgelegd"
    assert api.request("PUT", url(afnemer, dp, DIT_JAAR), json=berichten(5)).status_code == 201


def test_a_medewerker_reads_but_does_not_set_it(api, afnemer, dp, token_voor):
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    assert medewerker.get(url(afnemer, dp)).status_code == 200
    assert medewerker.request("PUT", url(afnemer, dp, VOLGEND_JAAR),
                              json=berichten(1)).status_code == 403


@pytest.mark.parametrize("volumes, naam", [
    ([{"metriek": "begeleidingsperioden", "aantal": 2}], "volumes.0.metriek"),
    ([{"metriek": "stuks", "aantal": 2}], "volumes.0.metriek"),
    ([{"metriek": "berichten", "aantal": 1}, {"metriek": "berichten", "aantal": 2}],
     "volumes.1.metriek"),
    ([{"metriek": "berichten", "aantal": -1}], "volumes.0.aantal"),
])
def test_only_the_metrics_the_dienst_forecasts_are_accepted(api, afnemer, dp, volumes, naam):
    response = api.request("PUT", url(afnemer, dp, VOLGEND_JAAR), json={"volumes": volumes})
    assert response.status_code == 400
    assert [p["name"] for p in response.get_json()["invalidParams"]] == [naam]


def test_a_dienst_without_voorcalculatie_accepts_only_an_empty_one(api, afnemer,
                                                                   maak_aansluiting):
    digid = maak_aansluiting(afnemer["id"], dienst="digid")
    assert api.request("PUT", url(afnemer, digid, VOLGEND_JAAR),
                       json=berichten(5)).status_code == 400
    assert api.request("PUT", url(afnemer, digid, VOLGEND_JAAR),
                       json={"volumes": []}).status_code == 201


def test_another_afnemers_aansluiting_is_404(api, afnemer, dp, maak_afnemer, token_voor):
    ander = maak_afnemer()
    als_ander = api.as_(token_voor(ander["id"], Rol.AFNEMER_BEHEERDER))
    zijn_url = url(ander, dp, VOLGEND_JAAR)
    assert als_ander.request("PUT", zijn_url, json=berichten(5)).status_code == 404
    assert als_ander.get(url(ander, dp)).status_code == 404
