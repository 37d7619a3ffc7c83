"""Individuele begeleiding in periods, on the served product over HTTP, both backends
(DP tabel 1): a startmail inside a running period is refused naming the period; two
consecutive periods of a niet-rijksoverheid bill 8,800.00 incl. BTW on the invoice, each
line with its period's dates; another afnemer gets 404."""

from __future__ import annotations

from tests.served.conftest import Served

JAAR = 2027


def _zet(served: Served, path: str, body: dict) -> None:
    bestaand = served.get(path, served.logius_token)
    headers = {"If-Match": bestaand.headers["ETag"]} if bestaand.status_code == 200 else {}
    response = served.request("PUT", path, served.logius_token, json=body, headers=headers)
    assert response.status_code in (200, 201), response.text


def test_dp_tabel_1_periods_refuse_overlap_and_bill_8800_with_their_dates(served: Served):
    _zet(served, f"/btw-tarieven/{JAAR}", {"percentage": "21"})
    _zet(served, f"/diensten/digipoort/tarieven/{JAAR}/berichtenverkeer", {"bedrag": "0.59"})
    _zet(served, f"/diensten/digipoort/tarieven/{JAAR}/individuele-begeleiding",
         {"bedrag": "4400"})
    logius = served.logius_token
    afnemer = served.maak_afnemer(type="gemeente")
    a = f"/afnemers/{afnemer['id']}"
    dp = served.post(f"{a}/aansluitingen", logius, json={
        "dienst": "digipoort", "omgeving": "productie", "onderdelen": ["e-factureren"],
        "aanvraagOndertekendOp": "2026-11-02"})
    assert dp.status_code == 201, dp.text
    dp_id = dp.json()["id"]
    beheerder = served.token_voor(afnemer["id"])
    b = f"{a}/digipoort-begeleidingen"

    offerte = served.post(f"{b}/offertes", beheerder, json={"keuze": "individueel",
                                                            "jaar": JAAR})
    assert offerte.status_code == 200, offerte.text
    assert (offerte.json()["bedragInclBtw"], offerte.json()["artikel"]) == ("4400.00",
                                                                            "DP tabel 1")
    keuze = served.post(f"{b}/keuzes", beheerder, json={"aansluitingId": dp_id,
                                                        "keuze": "individueel"})
    assert keuze.status_code == 201, keuze.text

    eerste = served.post(f"{b}/perioden", logius, json={"aansluitingId": dp_id,
                                                        "startmail": "2027-01-15"})
    assert eerste.status_code == 201, eerste.text
    assert (eerste.json()["startmail"], eerste.json()["tot"]) == ("2027-01-15", "2027-04-14")
    dubbel = served.post(f"{b}/perioden", logius, json={"aansluitingId": dp_id,
                                                        "startmail": "2027-03-01"})
    assert dubbel.status_code == 409, dubbel.text
    assert dubbel.headers["Content-Type"] == "application/problem+json"
    assert dubbel.json()["code"] == "periode-overlapt"
    assert dubbel.json()["periode"] == {"id": eerste.json()["id"], "van": "2027-01-15",
                                        "tot": "2027-04-14"}
    verlenging = served.post(f"{b}/perioden", beheerder, json={"aansluitingId": dp_id})
    assert verlenging.status_code == 201, verlenging.text
    assert (verlenging.json()["startmail"], verlenging.json()["soort"]) == ("2027-04-15",
                                                                          "verlenging")

    facturen = served.get(f"{a}/facturen/{JAAR}", beheerder)
    assert facturen.status_code == 200, facturen.text
    [verrekening] = [f for f in facturen.json()["facturen"] if f["soort"] == "verrekening"]
    assert [(r["omschrijving"], r["bedragInclBtw"]) for r in verrekening["regels"]
            if r["code"] == "individuele-begeleiding"] == [
        ("Individuele begeleiding 2027-01-15 t/m 2027-04-14", "4400.00"),
        ("Individuele begeleiding 2027-04-15 t/m 2027-07-14", "4400.00")]
    assert verrekening["totaal"]["bedragInclBtw"] == "8800.00"

    ander = served.token_voor(served.maak_afnemer(type="gemeente")["id"])
    for method, path, body in (("GET", f"{b}/perioden", None),
                               ("POST", f"{b}/perioden", {"aansluitingId": dp_id}),
                               ("POST", f"{b}/keuzes", {"aansluitingId": dp_id,
                                                        "keuze": "basis"})):
        response = served.request(method, path, ander, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert dp_id not in response.text.replace(path, "")
