"""Costs through the API: the MijnOverheid rules (MO 5.2, 6.2, 7.2), periods, estimates,
CSV export and what happens when a tariff or the BTW rate is missing."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from core.aansluitingen.models import Aansluiting
from core.auth.principal import Rol
from core.db import db
from core.tijd import vandaag
from tests.kosten.conftest import maanden


def _kosten(api, afnemer_id: str, query: str) -> dict:
    response = api.get(f"/afnemers/{afnemer_id}/kosten?{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _regels(kosten: dict) -> list[tuple]:
    return [(r["artikel"], r["code"], r["hoeveelheid"], r["bedragInclBtw"])
            for r in kosten["regels"]]


@pytest.fixture
def geactiveerd_op(app):
    """Move an aansluiting's activation to a fixed moment (UTC)."""

    def zet(aansluiting_id: str, moment: datetime) -> None:
        import uuid

        with app.app_context():
            db.session.get(Aansluiting, uuid.UUID(aansluiting_id)).geactiveerd_op = moment
            db.session.commit()

    return zet


@pytest.fixture
def mijnoverheid(maak_afnemer, aangesloten, geactiveerd_op, zet_tarief, zet_btw):
    """A gemeente on all three onderdelen, activated on 10 March 2027; tariffs excl. BTW."""
    afnemer = maak_afnemer("gemeente")
    aansluiting = aangesloten(afnemer["id"], dienst="mijnoverheid",
                              onderdelen=["berichtenbox", "persoonlijke-gegevens",
                                          "lopende-zaken"])
    geactiveerd_op(aansluiting["id"], datetime(2027, 3, 10, 9, 0, tzinfo=UTC))
    zet_btw(2027)
    zet_tarief("mijnoverheid", 2027, "berichtenbox-bericht", "0.32")
    zet_tarief("mijnoverheid", 2027, "berichtenbox-jaarbedrag", "120")
    zet_tarief("mijnoverheid", 2027, "persoonlijke-gegevens-aansluiting", "500")
    return afnemer, aansluiting


def test_mo_5_2_6_2_7_2_lines_per_onderdeel_in_the_month_of_activation(
        api, mijnoverheid, laad_verbruik):
    afnemer, aansluiting = mijnoverheid
    laad_verbruik((aansluiting["id"], "berichten", "2027-03-20", 1000),
                  (aansluiting["id"], "berichten", "2027-04-20", 500))
    maart = _kosten(api, afnemer["id"], "van=2027-03-01&tot=2027-03-31")
    # 1,000 x 0.32 = 320.00 + 21 % = 387.20; 120 + 21 % = 145.20; 500 + 21 % = 605.00.
    assert _regels(maart) == [
        ("MO 5.2", "berichtenbox-bericht", 1000, "387.20"),
        ("MO 5.2", "berichtenbox-jaarbedrag", 1, "145.20"),
        ("MO 6.2", "persoonlijke-gegevens-aansluiting", 1, "605.00"),
        ("MO 7.2", None, 1, "0.00"),
    ]
    assert maart["totaal"] == {"bedragExclBtw": "940.00", "btw": "197.40",
                               "bedragInclBtw": "1137.40"}
    # MO 6.2: the connection fee once; MO 5.2: the fixed amount once a year.
    april = _kosten(api, afnemer["id"], "van=2027-04-01&tot=2027-04-30")
    assert _regels(april) == [("MO 5.2", "berichtenbox-bericht", 500, "193.60"),
                              ("MO 7.2", None, 1, "0.00")]
    # Before the activation there is nothing; over the whole year everything once.
    assert _kosten(api, afnemer["id"], "van=2027-01-01&tot=2027-02-28")["regels"] == []
    jaar = _kosten(api, afnemer["id"], "van=2027-01-01&tot=2027-12-31")
    assert jaar["totaal"]["bedragInclBtw"] == "1331.00"  # 580.80 + 145.20 + 605.00
    assert jaar["perDienst"] == [{"dienst": "mijnoverheid", "totaal": jaar["totaal"]}]


@pytest.mark.parametrize("per_bericht, jaarbedrag, totaal", [
    ("0", "120", "145.20"), ("0.32", "0", "387.20"), ("0", "0", "0.00")])
def test_mo_5_2_either_berichtenbox_amount_may_be_zero(
        api, mijnoverheid, laad_verbruik, per_bericht, jaarbedrag, totaal):
    afnemer, aansluiting = mijnoverheid
    for code, bedrag in (("berichtenbox-bericht", per_bericht),
                         ("berichtenbox-jaarbedrag", jaarbedrag)):
        huidig = api.get(f"/diensten/mijnoverheid/tarieven/2027/{code}")
        assert api.request("PUT", f"/diensten/mijnoverheid/tarieven/2027/{code}",
                           json={"bedrag": bedrag},
                           headers={"If-Match": huidig.headers["ETag"]}).status_code == 200
    laad_verbruik((aansluiting["id"], "berichten", "2027-05-20", 1000))
    kosten = _kosten(api, afnemer["id"], "van=2027-01-01&tot=2027-12-31")
    # Both MO 5.2 lines stay, also when their amount is zero; PG adds 605.00 (MO 6.2).
    assert [r["code"] for r in kosten["regels"] if r["artikel"] == "MO 5.2"] == [
        "berichtenbox-bericht", "berichtenbox-jaarbedrag"]
    assert Decimal(kosten["totaal"]["bedragInclBtw"]) == Decimal(totaal) + Decimal("605.00")


def test_the_fixed_amount_of_a_later_year_falls_on_1_january(api, mijnoverheid, zet_tarief,
                                                             zet_btw):
    afnemer, _ = mijnoverheid
    zet_btw(2028)
    zet_tarief("mijnoverheid", 2028, "berichtenbox-bericht", "0")
    zet_tarief("mijnoverheid", 2028, "berichtenbox-jaarbedrag", "150")
    zet_tarief("mijnoverheid", 2028, "persoonlijke-gegevens-aansluiting", "500")
    januari = _kosten(api, afnemer["id"], "van=2028-01-01&tot=2028-01-31")
    assert _regels(januari) == [("MO 5.2", "berichtenbox-bericht", 0, "0.00"),
                                ("MO 5.2", "berichtenbox-jaarbedrag", 1, "181.50"),
                                ("MO 7.2", None, 1, "0.00")]


def test_a_missing_tariff_is_409_naming_it(api, mijnoverheid):
    afnemer, _ = mijnoverheid
    response = api.get(f"/afnemers/{afnemer['id']}/kosten?van=2028-01-01&tot=2028-12-31")
    assert response.status_code == 409
    body = response.get_json()
    assert (body["code"], body["dienst"], body["jaar"]) == ("tarief-ontbreekt", "mijnoverheid",
                                                            2028)
    assert "/diensten/mijnoverheid/tarieven/2028/" in body["detail"]


def test_a_missing_btw_rate_is_409_but_zero_lines_need_none(api, maak_afnemer, aangesloten,
                                                            zet_tarief, laad_verbruik):
    afnemer = maak_afnemer("gemeente")
    dp = aangesloten(afnemer["id"])
    zet_tarief("digipoort", 2027, "berichtenverkeer", "0.59")
    assert _kosten(api, afnemer["id"], "van=2027-01-01&tot=2027-12-31")[
        "totaal"]["bedragInclBtw"] == "0.00"
    laad_verbruik((dp["id"], "berichten", "2027-02-01", 10))
    response = api.get(f"/afnemers/{afnemer['id']}/kosten?van=2027-01-01&tot=2027-12-31")
    assert response.status_code == 409
    assert response.get_json()["code"] == "btw-tarief-ontbreekt"


def test_digid_and_vwo_contribute_no_lines(api, maak_afnemer, aangesloten):
    afnemer = maak_afnemer("gemeente")
    aangesloten(afnemer["id"], dienst="digid", onderdelen=["midden"])
    aangesloten(afnemer["id"], dienst="vwo", onderdelen=[])
    kosten = _kosten(api, afnemer["id"], "van=2027-01-01&tot=2027-12-31")
    assert kosten["regels"] == [] and kosten["totaal"]["bedragInclBtw"] == "0.00"


def test_pre_productie_costs_nothing(api, maak_afnemer, aangesloten, digipoort_tarieven,
                                     laad_verbruik):
    afnemer = maak_afnemer("gemeente")
    test = aangesloten(afnemer["id"], omgeving="pre-productie")
    laad_verbruik((test["id"], "berichten", "2027-02-01", 5000))
    assert _kosten(api, afnemer["id"], "van=2027-01-01&tot=2027-12-31")["regels"] == []


def test_the_quarters_add_up_to_the_year_the_shortfall_falls_in_q4(
        api, maak_afnemer, aangesloten, digipoort_tarieven, voorcalculatie, laad_verbruik):
    """DP tabel 1: the minimum of the voorcalculatie settles with the last day of the year."""
    afnemer = maak_afnemer("waterschap")
    dp = aangesloten(afnemer["id"])
    voorcalculatie(afnemer["id"], dp["id"], 2027, 10_000)
    laad_verbruik(*maanden(dp["id"], 2027, 7_777),
                  (dp["id"], "begeleidingsperioden", "2027-08-01", 1))
    kwartalen = ["van=2027-01-01&tot=2027-03-31", "van=2027-04-01&tot=2027-06-30",
                 "van=2027-07-01&tot=2027-09-30", "van=2027-10-01&tot=2027-12-31"]
    totalen = [Decimal(_kosten(api, afnemer["id"], q)["totaal"]["bedragInclBtw"])
               for q in kwartalen]
    jaar = _kosten(api, afnemer["id"], "van=2027-01-01&tot=2027-12-31")
    assert sum(totalen) == Decimal(jaar["totaal"]["bedragInclBtw"]) == Decimal("10300.00")
    q4 = _kosten(api, afnemer["id"], kwartalen[3])
    assert any("voorcalculatie" in r["omschrijving"] and r["hoeveelheid"] == 2223
               for r in q4["regels"])


def test_the_period_defaults_to_this_year_and_stays_within_one_year(api, maak_afnemer):
    afnemer = maak_afnemer()
    standaard = _kosten(api, afnemer["id"], "")
    assert (standaard["van"], standaard["tot"]) == (f"{vandaag().year}-01-01",
                                                    f"{vandaag().year}-12-31")
    assert (_kosten(api, afnemer["id"], "van=2027-04-01")["tot"],
            _kosten(api, afnemer["id"], "tot=2027-04-30")["van"]) == ("2027-12-31",
                                                                      "2027-01-01")
    for query, naam in (("van=2027-01-01&tot=2028-01-01", "tot"),
                        ("van=2027-05-01&tot=2027-04-30", "tot"),
                        ("van=1999-01-01", "van"), ("van=morgen", "van")):
        response = api.get(f"/afnemers/{afnemer['id']}/kosten?{query}")
        assert response.status_code == 400, query
        assert [p["name"] for p in response.get_json()["invalidParams"]] == [naam]


def test_csv_export_with_accept_text_csv(api, maak_afnemer, aangesloten, digipoort_tarieven,
                                         laad_verbruik):
    afnemer = maak_afnemer("provincie")
    dp = aangesloten(afnemer["id"])
    laad_verbruik((dp["id"], "berichten", "2027-02-01", 1001),
                  (dp["id"], "begeleidingsperioden", "2027-02-01", 1))
    response = api.get(f"/afnemers/{afnemer['id']}/kosten?van=2027-01-01&tot=2027-06-30",
                       headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "kosten-2027-01-01-2027-06-30.csv" in response.headers["Content-Disposition"]
    rijen = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["code"], r["hoeveelheid"], r["tarief"], r["bedragExclBtw"], r["btw"],
             r["bedragInclBtw"]) for r in rijen] == [
        ("berichtenverkeer", "1001", "0.59", "488.09", "102.50", "590.59"),  # 590.59 / 1.21
        ("individuele-begeleiding", "1", "4400.00", "3636.36", "763.64", "4400.00"),
        ("", "1", "0.00", "0.00", "0.00", "0.00"),
    ]
    json_ = api.get(f"/afnemers/{afnemer['id']}/kosten?van=2027-01-01&tot=2027-06-30")
    assert json_.mimetype == "application/json"
    assert [r["bedragInclBtw"] for r in json_.get_json()["regels"]] == [
        r["bedragInclBtw"] for r in rijen]


def test_an_estimate_applies_the_rules_to_a_forecast(api, maak_afnemer, aangesloten,
                                                     digipoort_tarieven, voorcalculatie):
    afnemer = maak_afnemer("gemeente")
    dp = aangesloten(afnemer["id"])
    voorcalculatie(afnemer["id"], dp["id"], 2027, 10_000)
    url = f"/afnemers/{afnemer['id']}/kosten/schattingen"

    def schat(aantal: int) -> dict:
        response = api.post(url, json={"jaar": 2027, "volumes": [
            {"dienst": "digipoort", "metriek": "berichten", "aantal": aantal}]})
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    assert schat(12_000)["totaal"]["bedragInclBtw"] == "7080.00"
    minder = schat(8_000)
    assert minder["totaal"]["bedragInclBtw"] == "5900.00"  # at least the voorcalculatie
    assert (minder["soort"], minder["van"], minder["tot"]) == ("schatting", "2027-01-01",
                                                               "2027-12-31")
    # Nothing was stored: the actual costs of 2027 have no usage.
    assert _kosten(api, afnemer["id"], "van=2027-01-01&tot=2027-11-30")[
        "totaal"]["bedragInclBtw"] == "0.00"


def test_av_2_5_an_estimate_without_volumes_takes_the_berichtenbox_prognosis(
        api, maak_afnemer, aangesloten, zet_tarief, zet_btw):
    """MO 5.2 at EUR 0.32 per message: the newest MijnOverheid prognosis for 2027 (12 x
    1,000, then corrected to 12 x 1,500) feeds the estimate when the request gives no
    volume; a volume in the request wins."""
    for jaar in (2027, 2028):
        zet_btw(jaar)
        zet_tarief("mijnoverheid", jaar, "berichtenbox-bericht", "0.32")
        zet_tarief("mijnoverheid", jaar, "berichtenbox-jaarbedrag", "0")
    afnemer = maak_afnemer("gemeente")
    mo = aangesloten(afnemer["id"], dienst="mijnoverheid", onderdelen=("berichtenbox",))
    for per_maand in (1_000, 1_500):
        response = api.post(f"/afnemers/{afnemer['id']}/prognoses", json={
            "aansluitingId": mo["id"], "periode": "2027",
            "formulier": {"berichtenPerMaand": [per_maand] * 12}})
        assert response.status_code == 201, response.get_json()
    url = f"/afnemers/{afnemer['id']}/kosten/schattingen"
    schatting = api.post(url, json={"jaar": 2027}).get_json()
    # 18,000 x 0.32 = 5,760.00 excl.; + 21 % BTW = 6,969.60.
    assert schatting["totaal"]["bedragExclBtw"] == "5760.00"
    assert schatting["totaal"]["bedragInclBtw"] == "6969.60"
    [volume] = schatting["volumes"]
    assert (volume["dienst"], volume["metriek"], volume["aantal"], volume["bron"]) == (
        "mijnoverheid", "berichten", 18_000, "prognose")
    assert volume["aansluitingId"] == mo["id"]
    eigen = api.post(url, json={"jaar": 2027, "volumes": [
        {"dienst": "mijnoverheid", "metriek": "berichten", "aantal": 1_000}]}).get_json()
    assert eigen["totaal"]["bedragExclBtw"] == "320.00"
    assert [v["bron"] for v in eigen["volumes"]] == ["invoer"]
    # Another year has no prognosis: nothing to take, zero usage.
    assert api.post(url, json={"jaar": 2028}).get_json()["volumes"] == []


def test_an_estimate_for_a_dienst_not_yet_connected(api, maak_afnemer, digipoort_tarieven):
    afnemer = maak_afnemer("gemeente")
    response = api.post(f"/afnemers/{afnemer['id']}/kosten/schattingen", json={
        "jaar": 2027, "volumes": [{"dienst": "digipoort", "metriek": "berichten",
                                   "aantal": 1000}]})
    assert response.status_code == 200, response.get_json()
    regels = response.get_json()["regels"]
    assert {r["aansluitingId"] for r in regels} == {None}
    assert response.get_json()["totaal"]["bedragInclBtw"] == "590.00"


@pytest.mark.parametrize("volumes, naam", [
    ([{"dienst": "vwo", "metriek": "berichten", "aantal": 1}], "volumes.0.dienst"),
    ([{"dienst": "bestaat-niet", "metriek": "x", "aantal": 1}], "volumes.0.dienst"),
    ([{"dienst": "digipoort", "metriek": "stuks", "aantal": 1}], "volumes.0.metriek"),
    ([{"dienst": "digipoort", "metriek": "berichten", "aantal": 1},
      {"dienst": "digipoort", "metriek": "berichten", "aantal": 2}], "volumes.1.metriek"),
])
def test_an_estimate_with_unknown_volumes_is_400(api, maak_afnemer, volumes, naam):
    afnemer = maak_afnemer()
    response = api.post(f"/afnemers/{afnemer['id']}/kosten/schattingen",
                        json={"jaar": 2027, "volumes": volumes})
    assert response.status_code == 400
    assert [p["name"] for p in response.get_json()["invalidParams"]] == [naam]


def test_afnemer_reads_own_costs_and_invoices_not_another_afnemers(
        api, maak_afnemer, token_voor):
    a, b = maak_afnemer(), maak_afnemer()
    medewerker = api.as_(token_voor(a["id"], Rol.AFNEMER_MEDEWERKER))
    assert medewerker.get(f"/afnemers/{a['id']}/kosten").status_code == 200
    assert medewerker.get(f"/afnemers/{a['id']}/facturen/2027").status_code == 200
    for path in (f"/afnemers/{b['id']}/kosten", f"/afnemers/{b['id']}/facturen/2027"):
        assert medewerker.get(path).status_code == 404
    team = api.as_(token_voor(None, Rol.PRODUCTTEAM, productteam_dienst="digipoort"))
    assert team.get(f"/afnemers/{a['id']}/kosten").status_code == 404


def test_demo_data_holds_the_seed_tariffs(app, api):
    from core import demo

    with app.app_context():
        demo.load()
    dp = {t["code"]: (t["bedrag"], t["inclusiefBtw"])
          for t in api.get("/diensten/digipoort/tarieven/2027").get_json()["tarieven"]}
    assert dp == {"berichtenverkeer": ("0.59", True),
                  "individuele-begeleiding": ("4400.00", True)}
    mo_2022 = {t["code"]: t["bedrag"]
               for t in api.get("/diensten/mijnoverheid/tarieven/2022").get_json()["tarieven"]}
    assert mo_2022 == {"berichtenbox-bericht": "0.32", "berichtenbox-jaarbedrag": "0.00",
                       "persoonlijke-gegevens-aansluiting": None}
    for jaar in (2023, 2026):  # funded centrally since 2023: tariff 0
        assert {t["bedrag"] for t in api.get(
            f"/diensten/mijnoverheid/tarieven/{jaar}").get_json()["tarieven"]} == {"0.00"}
    assert api.get("/btw-tarieven/2027").get_json()["percentage"] == "21.00"
