"""Tariffs per dienst per calendar year (MO 3.8) and the BTW rate per year, through the API.

Amounts are data: the dienst's productteam or a Logius beheerder sets them, for the
codes the dienst's plugin declares for that year. Anyone with a token reads them.
"""

from __future__ import annotations

import pytest

from core.auth.principal import Rol

URL = "/diensten/digipoort/tarieven/2027"


@pytest.fixture
def productteam(api, token_voor):
    def als(dienst: str):
        return api.as_(token_voor(None, Rol.PRODUCTTEAM, productteam_dienst=dienst))

    return als


def test_the_table_lists_the_plugins_codes_without_amounts_until_they_are_set(api):
    tabel = api.get(URL).get_json()
    assert (tabel["dienst"], tabel["jaar"], tabel["valuta"], tabel["btwPercentage"]) == (
        "digipoort", 2027, "EUR", None)
    assert {t["code"]: (t["bedrag"], t["vastgesteld"], t["inclusiefBtw"], t["artikel"])
            for t in tabel["tarieven"]} == {
        "berichtenverkeer": (None, False, True, "DP tabel 1"),
        "individuele-begeleiding": (None, False, True, "DP tabel 1"),
    }
    assert {m["code"] for m in tabel["metrieken"]} == {"berichten", "begeleidingsperioden"}


def test_vwo_has_an_empty_table_and_digid_one_code_per_authentication(api):
    """DigiD charges per authentication and also records its peak per minute (SNO 3
    Capaciteitsbeheer), a metric that carries no tariff."""
    tabel = api.get("/diensten/vwo/tarieven/2027").get_json()
    assert tabel["tarieven"] == [] and tabel["metrieken"] == []
    digid = api.get("/diensten/digid/tarieven/2027").get_json()
    assert [(t["code"], t["bedrag"]) for t in digid["tarieven"]] == [("authenticatie", None)]
    assert sorted(m["code"] for m in digid["metrieken"]) == ["authenticaties",
                                                             "piek-per-minuut"]
    assert [t["metriek"] for t in digid["tarieven"]] == ["authenticaties"]


def test_mo_3_8_mijnoverheid_has_no_tariff_codes_before_2018(api):
    assert api.get("/diensten/mijnoverheid/tarieven/2017").get_json()["tarieven"] == []
    assert api.request("PUT", "/diensten/mijnoverheid/tarieven/2017/berichtenbox-bericht",
                       json={"bedrag": "0.32"}).status_code == 404
    codes = {t["code"] for t in api.get("/diensten/mijnoverheid/tarieven/2022").get_json()[
        "tarieven"]}
    assert codes == {"berichtenbox-bericht", "berichtenbox-jaarbedrag",
                     "persoonlijke-gegevens-aansluiting"}


def test_setting_a_tariff_answers_201_with_etag_and_a_change_needs_if_match(api):
    created = api.request("PUT", f"{URL}/berichtenverkeer", json={"bedrag": "0.59"})
    assert created.status_code == 201, created.get_json()
    assert created.headers["Location"].endswith(f"/api/v1{URL}/berichtenverkeer")
    body = created.get_json()
    assert (body["bedrag"], body["inclusiefBtw"], body["vastgesteld"]) == ("0.59", True, True)
    etag = created.headers["ETag"]
    assert api.get(f"{URL}/berichtenverkeer").headers["ETag"] == etag

    zonder = api.request("PUT", f"{URL}/berichtenverkeer", json={"bedrag": "0.61"})
    assert zonder.status_code == 428
    gewijzigd = api.request("PUT", f"{URL}/berichtenverkeer", json={"bedrag": "0.61"},
                            headers={"If-Match": etag})
    assert gewijzigd.status_code == 200
    assert gewijzigd.get_json()["bedrag"] == "0.61"
    verouderd = api.request("PUT", f"{URL}/berichtenverkeer", json={"bedrag": "0.62"},
                            headers={"If-Match": etag})
    assert verouderd.status_code == 412
    assert api.get(f"{URL}/berichtenverkeer").get_json()["bedrag"] == "0.61"


def test_a_specific_etag_on_a_tariff_that_does_not_exist_is_412(api):
    response = api.request("PUT", f"{URL}/berichtenverkeer", json={"bedrag": "0.59"},
                           headers={"If-Match": '"3"'})
    assert response.status_code == 412
    assert api.get(f"{URL}/berichtenverkeer").get_json()["vastgesteld"] is False


def test_amounts_keep_four_decimals_and_may_be_excl_btw(api):
    response = api.request("PUT", "/diensten/mijnoverheid/tarieven/2022/berichtenbox-bericht",
                           json={"bedrag": "0.0125", "inclusiefBtw": True,
                                 "omschrijving": "Proeftarief"})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["bedrag"], body["inclusiefBtw"], body["omschrijving"]) == (
        "0.0125", True, "Proeftarief")
    standaard = api.request("PUT", "/diensten/mijnoverheid/tarieven/2022/berichtenbox-jaarbedrag",
                            json={"bedrag": "0"}).get_json()
    assert (standaard["bedrag"], standaard["inclusiefBtw"]) == ("0.00", False)


@pytest.mark.parametrize("bedrag", ["abc", "-1", "0.12345", "1,50", 0.59, "123456789"])
def test_an_invalid_amount_is_400(api, bedrag):
    response = api.request("PUT", f"{URL}/berichtenverkeer", json={"bedrag": bedrag})
    assert response.status_code == 400
    assert [p["name"] for p in response.get_json()["invalidParams"]] == ["bedrag"]


def test_unknown_code_dienst_or_year_is_404(api):
    assert api.request("PUT", f"{URL}/bestaat-niet", json={"bedrag": "1"}).status_code == 404
    assert api.get("/diensten/bestaat-niet/tarieven/2027").status_code == 404
    assert api.get("/diensten/digipoort/tarieven/1999").status_code == 404
    assert api.get("/diensten/digipoort/tarieven/2101").status_code == 404
    assert api.get(f"{URL}/bestaat-niet").status_code == 404


def test_the_productteam_of_the_dienst_sets_its_tariffs(api, productteam):
    team = productteam("digipoort")
    response = team.request("PUT", f"{URL}/individuele-begeleiding", json={"bedrag": "4400"})
    assert response.status_code == 201
    assert response.get_json()["gewijzigdDoor"] == "test productteam"


def test_a_productteam_of_another_dienst_gets_403_and_nothing_changes(api, productteam):
    response = productteam("digid").request("PUT", f"{URL}/berichtenverkeer",
                                            json={"bedrag": "0.01"})
    assert response.status_code == 403
    assert response.get_json()["code"] == "geen-productteam"
    assert api.get(f"{URL}/berichtenverkeer").get_json()["vastgesteld"] is False


@pytest.mark.parametrize("rol", [Rol.AFNEMER_BEHEERDER, Rol.AFNEMER_MEDEWERKER])
def test_afnemers_read_tariffs_but_do_not_set_them(api, maak_afnemer, token_voor, rol):
    afnemer = maak_afnemer()
    als_afnemer = api.as_(token_voor(afnemer["id"], rol))
    assert als_afnemer.get(URL).status_code == 200
    assert als_afnemer.request("PUT", f"{URL}/berichtenverkeer",
                               json={"bedrag": "0"}).status_code == 403


def test_a_productteam_token_names_exactly_one_dienst(app):
    from core.auth import tokens

    with app.app_context(), pytest.raises(ValueError):
        tokens.issue(naam="x", rol=Rol.PRODUCTTEAM, afnemer_id=None, door="test")
    with app.app_context(), pytest.raises(ValueError):
        tokens.issue(naam="x", rol=Rol.LOGIUS_BEHEERDER, afnemer_id=None, door="test",
                     productteam_dienst="digid")


# --- BTW ---------------------------------------------------------------------------------


def test_logius_sets_the_btw_rate_per_year(api):
    assert api.get("/btw-tarieven/2027").status_code == 404
    created = api.request("PUT", "/btw-tarieven/2027", json={"percentage": "21"})
    assert created.status_code == 201
    assert created.get_json() | {"gewijzigdOp": None} == {
        "jaar": 2027, "percentage": "21.00", "gewijzigdOp": None,
        "gewijzigdDoor": "test logius-beheerder"}
    etag = created.headers["ETag"]
    assert api.request("PUT", "/btw-tarieven/2027", json={"percentage": "9"}).status_code == 428
    assert api.request("PUT", "/btw-tarieven/2027", json={"percentage": "9"},
                       headers={"If-Match": etag}).status_code == 200
    assert api.get("/btw-tarieven/2027").get_json()["percentage"] == "9.00"
    assert api.get("/diensten/digipoort/tarieven/2027").get_json()["btwPercentage"] == "9.00"
    lijst = api.get("/btw-tarieven").get_json()
    assert [(b["jaar"], b["percentage"]) for b in lijst["resultaten"]] == [(2027, "9.00")]


@pytest.mark.parametrize("percentage", ["100", "-1", "21,5", 21, "abc"])
def test_an_invalid_btw_rate_is_400(api, percentage):
    response = api.request("PUT", "/btw-tarieven/2027", json={"percentage": percentage})
    assert response.status_code == 400


def test_only_logius_sets_the_btw_rate(api, productteam, maak_afnemer, token_voor):
    afnemer = maak_afnemer()
    for ander in (productteam("digipoort"), api.as_(token_voor(afnemer["id"]))):
        response = ander.request("PUT", "/btw-tarieven/2027", json={"percentage": "21"})
        assert response.status_code == 403
        assert ander.get("/btw-tarieven").status_code == 200
    assert api.get("/btw-tarieven/2027").status_code == 404
