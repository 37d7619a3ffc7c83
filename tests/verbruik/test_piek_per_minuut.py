"""DigiD's peak per minute as recorded usage (SNO 3 Capaciteitsbeheer), and metrics that
aggregate by maximum.

A prognosis is due when, at any moment of the year, the peak passes 1,000 a minute.
Usage ingest takes that peak as DigiD's metric ``piek-per-minuut``: each row is the
highest minute of its day, and a year's peak is its highest row, never the sum of its
rows. Such a metric has no tariff, so the costs stay what the authentications make them.
"""

from __future__ import annotations

import pytest

from core.plugins import Diensten, PluginError
from core.sdk import Aggregatie, Metriek, Tariefcode, Tariefschema
from core.tijd import vandaag

JAAR = vandaag().year
VORIG = JAAR - 1


@pytest.fixture
def digid(api, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    return afnemer, maak_aansluiting(afnemer["id"], dienst="digid")


def _verbruik(api, aansluiting, metriek, *regels):
    body = {"regels": [{"aansluitingId": aansluiting["id"], "metriek": metriek,
                        "datum": datum, "aantal": aantal} for datum, aantal in regels]}
    response = api.post("/verbruik", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _plicht(api, afnemer, aansluiting):
    items = api.get(f"/afnemers/{afnemer['id']}/prognoseplicht").get_json()["resultaten"]
    return next(i for i in items if i["aansluitingId"] == aansluiting["id"])


def test_sno_3_a_recorded_peak_above_1000_a_minute_makes_a_prognosis_due(api, digid):
    """SNO 3 Capaciteitsbeheer: a peak of exactly 1,000 a minute is not above the
    threshold; a day with 1,001 is, judged on last year's recorded usage alone (no
    prognosis, 12 authentications)."""
    afnemer, aansluiting = digid
    _verbruik(api, aansluiting, "authenticaties", (f"{VORIG}-03-01", 12))
    _verbruik(api, aansluiting, "piek-per-minuut", (f"{VORIG}-03-01", 1_000),
              (f"{VORIG}-03-02", 640))
    plicht = _plicht(api, afnemer, aansluiting)
    assert plicht["verplicht"] is False, plicht
    _verbruik(api, aansluiting, "piek-per-minuut", (f"{VORIG}-11-20", 1_001))
    plicht = _plicht(api, afnemer, aansluiting)
    assert plicht["verplicht"] is True
    assert plicht["artikel"] == "SNO 3 Capaciteitsbeheer"
    assert plicht["reden"].endswith("verbruik vorig jaar: een piek boven 1.000 per minuut "
                                    "(1.001).")


def test_sno_3_peaks_are_not_added_up(api, digid):
    """Twelve days of 900 a minute add up to 10,800, but the year's peak is 900: below the
    threshold of 1,000 a minute (SNO 3 Capaciteitsbeheer), so nothing is due."""
    afnemer, aansluiting = digid
    _verbruik(api, aansluiting, "piek-per-minuut",
              *[(f"{VORIG}-{m:02d}-15", 900) for m in range(1, 13)])
    plicht = _plicht(api, afnemer, aansluiting)
    assert plicht["verplicht"] is False, plicht


def test_a_corrected_peak_replaces_the_row(api, digid):
    """The same key again is a correction, also for a peak: 1,500 corrected to 800 leaves
    no peak above 1,000 (SNO 3 Capaciteitsbeheer)."""
    afnemer, aansluiting = digid
    _verbruik(api, aansluiting, "piek-per-minuut", (f"{VORIG}-02-01", 1_500))
    assert _plicht(api, afnemer, aansluiting)["verplicht"] is True
    resultaat = _verbruik(api, aansluiting, "piek-per-minuut", (f"{VORIG}-02-01", 800))
    assert resultaat["gecorrigeerd"] == 1
    assert _plicht(api, afnemer, aansluiting)["verplicht"] is False


def test_the_tariff_table_says_how_each_metric_adds_up(api):
    schema = api.get(f"/diensten/digid/tarieven/{JAAR}").get_json()
    metrieken = {m["code"]: m for m in schema["metrieken"]}
    assert metrieken["authenticaties"]["aggregatie"] == "som"
    assert metrieken["piek-per-minuut"]["aggregatie"] == "maximum"
    assert metrieken["piek-per-minuut"]["artikel"] == "SNO 3 Capaciteitsbeheer"
    assert not any(t["metriek"] == "piek-per-minuut" for t in schema["tarieven"])


def test_a_peak_costs_nothing_and_leaves_the_authentication_costs_as_they_were(
        api, maak_afnemer, maak_aansluiting):
    """With a tariff per authentication of 0.13 (the published 2022 figure, here for a
    year of the test), 1,000 authentications cost 130.00 excl. BTW; a peak of 5,000 a
    minute in the same days adds no line and no amount."""
    afnemer = maak_afnemer()
    aansluiting = maak_aansluiting(afnemer["id"], dienst="digid")
    actief = api.post(f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}/"
                      "statuswijzigingen", json={"status": "actief"}, headers={"If-Match": "*"})
    assert actief.status_code == 201, actief.get_json()
    for pad, body in ((f"/diensten/digid/tarieven/{JAAR}/authenticatie",
                       {"bedrag": "0.13", "inclusiefBtw": False}),
                      (f"/btw-tarieven/{JAAR}", {"percentage": "21"})):
        zet = api.request("PUT", pad, json=body, headers={"If-Match": "*"})
        assert zet.status_code in (200, 201), zet.get_json()
    dag = vandaag().isoformat()
    _verbruik(api, aansluiting, "authenticaties", (dag, 1_000))
    def kosten():
        return api.get(f"/afnemers/{afnemer['id']}/kosten?van={JAAR}-01-01"
                       f"&tot={JAAR}-12-31").get_json()

    voor = kosten()
    _verbruik(api, aansluiting, "piek-per-minuut", (dag, 5_000))
    na = kosten()
    assert na == voor
    regels = [r for r in na["regels"] if r["dienst"] == "digid"]
    assert [(r["metriek"], r["hoeveelheid"], r["bedragExclBtw"]) for r in regels] == [
        ("authenticaties", 1_000, "130.00")]


# --- the types -------------------------------------------------------------------------


def _piek(**kw) -> Metriek:
    return Metriek("piek", "Piek", "per minuut", "XY 1", aggregatie=Aggregatie.MAXIMUM, **kw)


def test_a_maximum_metric_carries_no_tariff():
    with pytest.raises(ValueError, match="maximum is en geen som"):
        Tariefschema(metrieken=(_piek(),), tarieven=(
            Tariefcode("p", "Piek", "per piek", "XY 1", inclusief_btw=False, metriek="piek"),))


def test_a_maximum_metric_has_no_voorcalculatie():
    with pytest.raises(ValueError, match="geen voorcalculatie"):
        _piek(voorcalculatie=True)


def test_the_aggregation_is_a_choice_of_the_type():
    with pytest.raises(TypeError):
        Metriek("piek", "Piek", "per minuut", "XY 1", aggregatie="max")
    assert Metriek("telling", "Telling", "stuk", "XY 1").aggregatie == Aggregatie.SOM


def test_one_code_adds_up_the_same_way_at_every_dienst(monkeypatch):
    """Usage rows carry the code, not the dienst: a code summed by one dienst and taken
    as a maximum by another in the same year stops the manager, naming both plugins."""
    class Nep:
        def __init__(self) -> None:
            self._met_kosten = {"een", "twee"}
            self._plugin = {"een": "plugin-een", "twee": "plugin-twee"}
            self._maxima: dict = {}

        def tariefschema(self, slug, jaar):
            if slug == "een":
                return Tariefschema(metrieken=(Metriek("piek", "Piek", "stuk", "XY 1"),))
            return Tariefschema(metrieken=(_piek(),))

    with pytest.raises(PluginError, match="plugin-twee.*piek.*maximum.*plugin-een.*som"):
        Diensten.maximum_metrieken(Nep(), JAAR)
