"""The figures of the costs issue, through the API (DP tabel 1, DP Bedrijven, MO 3.8).

Digipoort tariffs of the seed: EUR 0.59 incl. BTW per message and EUR 4,400 incl. BTW
per period of individuele begeleiding; set through the API, never in code.
"""

from __future__ import annotations

import pytest

from tests.kosten.conftest import maanden

JAAR = "van=2027-01-01&tot=2027-12-31"


def _kosten(api, afnemer_id: str, query: str = JAAR) -> dict:
    response = api.get(f"/afnemers/{afnemer_id}/kosten?{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _factuur(api, afnemer_id: str, jaar: int, soort: str) -> dict:
    response = api.get(f"/afnemers/{afnemer_id}/facturen/{jaar}")
    assert response.status_code == 200, response.get_json()
    [factuur] = [f for f in response.get_json()["facturen"] if f["soort"] == soort]
    return factuur


@pytest.fixture
def gemeente_met_voorcalculatie(maak_afnemer, aangesloten, voorcalculatie, digipoort_tarieven):
    """A niet-rijksoverheid with a Digipoort voorcalculatie of 10,000 messages for 2027."""
    afnemer = maak_afnemer("gemeente")
    aansluiting = aangesloten(afnemer["id"])
    voorcalculatie(afnemer["id"], aansluiting["id"], 2027, 10_000)
    return afnemer, aansluiting


def test_dp_tabel_1_niet_rijksoverheid_with_less_use_pays_the_voorcalculatie_5900(
        api, gemeente_met_voorcalculatie, laad_verbruik):
    """Voorcalculatie 10,000, actual 8,000: at least the voorcalculatie, 10,000 x 0.59."""
    afnemer, aansluiting = gemeente_met_voorcalculatie
    laad_verbruik(*maanden(aansluiting["id"], 2027, 8_000))
    kosten = _kosten(api, afnemer["id"])
    assert kosten["totaal"]["bedragInclBtw"] == "5900.00"
    berichten = [r for r in kosten["regels"] if r["code"] == "berichtenverkeer"]
    assert [(r["hoeveelheid"], r["bedragInclBtw"], r["artikel"]) for r in berichten] == [
        (8000, "4720.00", "DP tabel 1"), (2000, "1180.00", "DP tabel 1")]
    assert {f["soort"]: f["totaal"]["bedragInclBtw"]
            for f in api.get(f"/afnemers/{afnemer['id']}/facturen/2027").get_json()["facturen"]
            } == {"voorschot": "5900.00", "verrekening": "0.00"}


def test_dp_tabel_1_niet_rijksoverheid_with_more_use_pays_7080_and_settles_1180_in_q1(
        api, gemeente_met_voorcalculatie, laad_verbruik):
    """Actual 12,000: 12,000 x 0.59 = 7,080.00; Q1 2028 settles 7,080.00 - 5,900.00."""
    afnemer, aansluiting = gemeente_met_voorcalculatie
    laad_verbruik(*maanden(aansluiting["id"], 2027, 12_000))
    assert _kosten(api, afnemer["id"])["totaal"]["bedragInclBtw"] == "7080.00"
    voorschot = _factuur(api, afnemer["id"], 2027, "voorschot")
    assert voorschot["totaal"]["bedragInclBtw"] == "5900.00"
    assert voorschot["factuurperiodeVan"] == "2027-01-01"
    verrekening = _factuur(api, afnemer["id"], 2027, "verrekening")
    assert verrekening["totaal"]["bedragInclBtw"] == "1180.00"
    assert (verrekening["factuurperiodeVan"], verrekening["factuurperiodeTot"]) == (
        "2028-01-01", "2028-03-31")
    assert [r["bedragInclBtw"] for r in verrekening["regels"]
            if r["code"] == "berichtenverkeer"] == ["7080.00", "-5900.00"]


def test_dp_tabel_1_gemeente_with_two_begeleiding_periods_pays_8800(
        api, maak_afnemer, aangesloten, digipoort_tarieven, laad_verbruik):
    """Each period of 3 months from its startmail is one row of begeleidingsperioden."""
    afnemer = maak_afnemer("gemeente")
    aansluiting = aangesloten(afnemer["id"])
    laad_verbruik((aansluiting["id"], "begeleidingsperioden", "2027-02-15", 1),
                  (aansluiting["id"], "begeleidingsperioden", "2027-05-15", 1))
    kosten = _kosten(api, afnemer["id"])
    assert kosten["totaal"]["bedragInclBtw"] == "8800.00"
    [begeleiding] = [r for r in kosten["regels"] if r["code"] == "individuele-begeleiding"]
    assert (begeleiding["hoeveelheid"], begeleiding["tarief"], begeleiding["artikel"]) == (
        2, "4400.00", "DP tabel 1")
    basis = [r for r in kosten["regels"] if r["omschrijving"] == "Basis aansluitondersteuning"]
    assert [b["bedragInclBtw"] for b in basis] == ["0.00"]


def test_dp_bedrijven_a_bedrijf_pays_0(api, maak_afnemer, aangesloten, digipoort_tarieven,
                                       laad_verbruik, voorcalculatie):
    """DP Bedrijven: message traffic and connection support are free, shown as 0.00 lines."""
    afnemer = maak_afnemer("bedrijf", naam="Facturatie B.V.", kvkNummer="12345678")
    aansluiting = aangesloten(afnemer["id"])
    voorcalculatie(afnemer["id"], aansluiting["id"], 2027, 10_000)
    laad_verbruik(*maanden(aansluiting["id"], 2027, 12_000),
                  (aansluiting["id"], "begeleidingsperioden", "2027-03-01", 1))
    kosten = _kosten(api, afnemer["id"])
    assert kosten["totaal"] == {"bedragExclBtw": "0.00", "btw": "0.00", "bedragInclBtw": "0.00"}
    assert {r["artikel"] for r in kosten["regels"]} == {"DP Bedrijven", "DP tabel 1"}
    assert {f["totaal"]["bedragInclBtw"] for f in api.get(
        f"/afnemers/{afnemer['id']}/facturen/2027").get_json()["facturen"]} == {"0.00"}


def test_dp_rijksoverheden_a_rijksoverheid_pays_0(api, maak_afnemer, aangesloten,
                                                  digipoort_tarieven, laad_verbruik):
    afnemer = maak_afnemer("rijksoverheid")
    aansluiting = aangesloten(afnemer["id"])
    laad_verbruik(*maanden(aansluiting["id"], 2027, 5_000))
    kosten = _kosten(api, afnemer["id"])
    assert kosten["totaal"]["bedragInclBtw"] == "0.00"
    assert "DP Rijksoverheden" in {r["artikel"] for r in kosten["regels"]}


def test_mo_3_8_changing_a_2028_tariff_changes_no_2027_figure(
        api, gemeente_met_voorcalculatie, laad_verbruik, voorcalculatie):
    """Tariffs are set per calendar year: a new 2028 tariff leaves every 2027 figure."""
    afnemer, aansluiting = gemeente_met_voorcalculatie
    voorcalculatie(afnemer["id"], aansluiting["id"], 2028, 10_000)
    laad_verbruik(*maanden(aansluiting["id"], 2027, 12_000),
                  *maanden(aansluiting["id"], 2028, 12_000))
    urls = [f"/afnemers/{afnemer['id']}/kosten?{JAAR}",
            f"/afnemers/{afnemer['id']}/kosten?van=2027-04-01&tot=2027-06-30",
            f"/afnemers/{afnemer['id']}/facturen/2027",
            "/diensten/digipoort/tarieven/2027"]
    voor = [api.get(url).get_json() for url in urls]
    in_2028_voor = _kosten(api, afnemer["id"], "van=2028-01-01&tot=2028-12-31")
    assert in_2028_voor["totaal"]["bedragInclBtw"] == "7080.00"

    tarief = api.get("/diensten/digipoort/tarieven/2028/berichtenverkeer")
    response = api.request("PUT", "/diensten/digipoort/tarieven/2028/berichtenverkeer",
                           json={"bedrag": "0.65"}, headers={"If-Match": tarief.headers["ETag"]})
    assert response.status_code == 200, response.get_json()

    assert [api.get(url).get_json() for url in urls] == voor
    in_2028 = _kosten(api, afnemer["id"], "van=2028-01-01&tot=2028-12-31")
    assert in_2028["totaal"]["bedragInclBtw"] == "7800.00"  # 12,000 x 0.65
    assert _factuur(api, afnemer["id"], 2027, "verrekening")["totaal"]["bedragInclBtw"] == \
        "1180.00"
