"""Fixtures for the cost tests: tariffs, BTW, active aansluitingen and usage, all set
through the API as a Logius beheerder would."""

from __future__ import annotations

import pytest


@pytest.fixture
def zet_tarief(api):
    def zet(dienst: str, jaar: int, code: str, bedrag: str, **extra) -> dict:
        response = api.request("PUT", f"/diensten/{dienst}/tarieven/{jaar}/{code}",
                               json={"bedrag": bedrag, **extra}, headers={"If-Match": "*"})
        assert response.status_code in (200, 201), response.get_json()
        return response.get_json()

    return zet


@pytest.fixture
def zet_btw(api):
    def zet(jaar: int, percentage: str = "21") -> None:
        response = api.request("PUT", f"/btw-tarieven/{jaar}", json={"percentage": percentage},
                               headers={"If-Match": "*"})
        assert response.status_code in (200, 201), response.get_json()

    return zet


@pytest.fixture
def digipoort_tarieven(zet_tarief, zet_btw):
    """DP tabel 1 for 2026-2028: EUR 0.59 incl. BTW per message, EUR 4,400 incl. BTW per
    begeleidingsperiode; BTW 21 %."""
    for jaar in (2026, 2027, 2028):
        zet_btw(jaar)
        zet_tarief("digipoort", jaar, "berichtenverkeer", "0.59")
        zet_tarief("digipoort", jaar, "individuele-begeleiding", "4400")


@pytest.fixture
def aangesloten(api, maak_aansluiting):
    """An aansluiting that Logius activated (today)."""

    def create(afnemer_id: str, dienst: str = "digipoort", onderdelen=("e-factureren",),
               omgeving: str = "productie") -> dict:
        aansluiting = maak_aansluiting(afnemer_id, dienst=dienst, onderdelen=onderdelen,
                                       omgeving=omgeving)
        response = api.post(
            f"/afnemers/{afnemer_id}/aansluitingen/{aansluiting['id']}/statuswijzigingen",
            json={"status": "actief"}, headers={"If-Match": "*"})
        assert response.status_code == 201, response.get_json()
        return api.get(f"/afnemers/{afnemer_id}/aansluitingen/{aansluiting['id']}").get_json()

    return create


@pytest.fixture
def laad_verbruik(api):
    def laad(*regels: tuple[str, str, str, int]) -> dict:
        body = {"regels": [{"aansluitingId": a, "metriek": m, "datum": d, "aantal": n}
                           for a, m, d, n in regels]}
        response = api.post("/verbruik", json=body)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return laad


@pytest.fixture
def voorcalculatie(api):
    def zet(afnemer_id: str, aansluiting_id: str, jaar: int, berichten: int) -> dict:
        response = api.request(
            "PUT", f"/afnemers/{afnemer_id}/aansluitingen/{aansluiting_id}/voorcalculaties/{jaar}",
            json={"volumes": [{"metriek": "berichten", "aantal": berichten}]},
            headers={"If-Match": "*"})
        assert response.status_code in (200, 201), response.get_json()
        return response.get_json()

    return zet


def maanden(aansluiting_id: str, jaar: int, totaal: int, metriek: str = "berichten"):
    """``totaal`` spread over twelve monthly rows (the remainder in December)."""
    per_maand = totaal // 12
    rijen = [(aansluiting_id, metriek, f"{jaar}-{m:02d}-01", per_maand) for m in range(1, 12)]
    rijen.append((aansluiting_id, metriek, f"{jaar}-12-01", totaal - 11 * per_maand))
    return rijen
