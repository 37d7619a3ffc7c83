"""The demo data tells one coherent Digipoort story (DP tabel 1).

Gemeente Voorbeeldstad signed its aanvraag, the aansluitteam's startmail started a
period of individuele begeleiding, Logius activated the aansluiting and the gemeente
delivered its prognosis for next year, which sets the voorcalculatie. So the estimate,
the advance invoice and the settlement agree: nothing is charged and then refunded.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.tijd import vandaag

DP = "digipoort"


def _demo(app, api) -> tuple[str, dict]:
    from core import demo

    with app.app_context():
        afnemer_id = str(demo.load().id)
    aansluitingen = api.get(f"/afnemers/{afnemer_id}/aansluitingen").get_json()["resultaten"]
    dp = next(a for a in aansluitingen if a["dienst"] == DP and a["omgeving"] == "productie")
    return afnemer_id, dp


def _facturen(api, afnemer_id: str, jaar: int) -> dict[str, dict]:
    response = api.get(f"/afnemers/{afnemer_id}/facturen/{jaar}")
    assert response.status_code == 200, response.get_json()
    return {f["soort"]: f for f in response.get_json()["facturen"]}


def _schatting(api, afnemer_id: str, jaar: int, volumes: list[dict] | None = None) -> dict:
    response = api.post(f"/afnemers/{afnemer_id}/kosten/schattingen",
                        json={"jaar": jaar, "volumes": volumes or []})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _dp(regels: list[dict]) -> list[dict]:
    return [r for r in regels if r["dienst"] == DP]


def _som(regels: list[dict]) -> Decimal:
    return sum((Decimal(r["bedragInclBtw"]) for r in regels), Decimal("0"))


def test_the_demo_digipoort_aansluiting_is_active_and_prognosed(app, api):
    afnemer_id, dp = _demo(app, api)
    assert dp["status"] == "actief"
    plicht = api.get(f"/afnemers/{afnemer_id}/prognoseplicht").get_json()["resultaten"]
    stand = next(p for p in plicht if p["aansluitingId"] == dp["id"])
    assert stand["status"] == "actueel"  # DP tabel 1: the voorcalculatie came with it


def test_dp_tabel_1_the_estimate_advance_and_settlement_of_next_year_agree(app, api):
    afnemer_id, dp = _demo(app, api)
    jaar = vandaag().year + 1
    voorcalculaties = api.get(f"/afnemers/{afnemer_id}/aansluitingen/{dp['id']}"
                              "/voorcalculaties").get_json()["resultaten"]
    berichten = next(v for v in voorcalculaties if v["jaar"] == jaar)["volumes"]
    assert berichten == [{"metriek": "berichten", "aantal": 10_000}]

    facturen = _facturen(api, afnemer_id, jaar)
    voorschot = _dp(facturen["voorschot"]["regels"])
    assert [(r["code"], r["hoeveelheid"], r["bedragInclBtw"]) for r in voorschot] == [
        ("berichtenverkeer", 10_000, "5900.00")]

    # The settlement charges at least the voorcalculatie (no usage of next year yet) and
    # deducts the advance: what was invoiced stays invoiced, nothing is refunded.
    verrekening = _dp(facturen["verrekening"]["regels"])
    kosten = [r for r in verrekening if not r["omschrijving"].startswith("Af: voorschot")]
    aftrek = [r for r in verrekening if r["omschrijving"].startswith("Af: voorschot")]
    assert _som(kosten) == _som(voorschot) == Decimal("5900.00")
    assert _som(aftrek) == -_som(voorschot)
    assert _som(verrekening) == 0

    # The estimate takes the same volumes from the prognosis and arrives at the same sum.
    schatting = _schatting(api, afnemer_id, jaar)
    assert [(v["dienst"], v["metriek"], v["aantal"], v["bron"]) for v in schatting["volumes"]
            if v["dienst"] == DP] == [(DP, "berichten", 10_000, "prognose")]
    assert _som(_dp(schatting["regels"])) == _som(kosten)
    assert schatting["totaal"]["bedragInclBtw"] == facturen["voorschot"]["totaal"][
        "bedragInclBtw"]


def test_dp_tabel_1_the_begeleiding_is_charged_once_from_the_startmail(app, api):
    afnemer_id, dp = _demo(app, api)
    verbruik = api.get(f"/afnemers/{afnemer_id}/verbruik?aansluitingId={dp['id']}"
                       "&metriek=begeleidingsperioden").get_json()["resultaten"]
    assert [v["aantal"] for v in verbruik] == [1]  # one period, dated on the startmail
    startmail = date.fromisoformat(verbruik[0]["datum"])
    assert date.fromisoformat(dp["aanvraagOndertekendOp"]) < startmail <= vandaag()

    facturen = _facturen(api, afnemer_id, startmail.year)
    # Begeleiding is not part of the voorcalculatie: the advance does not charge it.
    assert not [r for r in _dp(facturen["voorschot"]["regels"])
                if r["code"] == "individuele-begeleiding"]
    verrekening = _dp(facturen["verrekening"]["regels"])
    assert [(r["hoeveelheid"], r["bedragInclBtw"]) for r in verrekening
            if r["code"] == "individuele-begeleiding"] == [(1, "4400.00")]
    assert all(Decimal(r["bedragInclBtw"]) >= 0 for r in verrekening)  # nothing refunded

    # An estimate of that year on the usage recorded comes to the settlement's sum.
    gebruik = api.get(f"/afnemers/{afnemer_id}/verbruik?aansluitingId={dp['id']}"
                      f"&van={startmail.year}-01-01&tot={startmail.year}-12-31"
                      ).get_json()["resultaten"]
    volumes: dict[str, int] = {}
    for rij in gebruik:
        volumes[rij["metriek"]] = volumes.get(rij["metriek"], 0) + rij["aantal"]
    schatting = _schatting(api, afnemer_id, startmail.year, [
        {"dienst": DP, "metriek": metriek, "aantal": aantal}
        for metriek, aantal in sorted(volumes.items())])
    assert _som(_dp(schatting["regels"])) == _som(verrekening)
