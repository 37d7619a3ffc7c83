"""Maintenance windows through the API, on both backends: the windows of a month
(``GET /diensten/{slug}/onderhoudsvensters``), the rule an ``onderhoud`` announcement
must meet, and the windows and announced maintenance in the afnemers' calendar.

Figures from DOMAIN.md (DigiD, SNO 2 Onderhoudsvenster): production at most twice a
month, at most 6 hours, 00:00-06:00, planned on the second Monday and the second
Wednesday; deviations are announced beforehand. Planned maintenance is announced
beforehand (AV 6.1).
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from core.aankondigingen.models import Aankondiging, Ontvanger
from core.db import db
from core.meldingen.models import Gebeurtenis
from core.tijd import AMSTERDAM, plus_maanden, vandaag

ARTIKEL = "SNO 2 Onderhoudsvenster"


def _tweede(jaar: int, maand: int, weekdag: int) -> date:
    """The second ``weekdag`` of the month, counted with the calendar module."""
    dagen = [d for d in calendar.Calendar().itermonthdates(jaar, maand)
             if d.month == maand and d.weekday() == weekdag]
    return dagen[1]


def _straks() -> tuple[int, int]:
    """A month whose windows all lie ahead."""
    dag = plus_maanden(vandaag(), 2)
    return dag.year, dag.month


def _lokaal(dag: date, uur: int, minuut: int = 0) -> str:
    return datetime(dag.year, dag.month, dag.day, uur, minuut, tzinfo=AMSTERDAM).isoformat()


def _onderhoud(begin: str, einde: str, **extra) -> dict:
    return {"type": "onderhoud", "titel": "Onderhoud DigiD", "omschrijving": "Gepland "
            "onderhoud.", "dienst": "digid", "beginOp": begin, "eindeOp": einde, **extra}


def _redenen(response) -> dict[str, str]:
    uit: dict[str, str] = {}
    for p in response.get_json()["invalidParams"]:
        uit[p["name"]] = (uit.get(p["name"], "") + " " + p["reason"]).strip()
    return uit


def _tellingen(app) -> tuple[int, ...]:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m))
                     for m in (Aankondiging, Ontvanger, Gebeurtenis))


@pytest.fixture
def afnemers(maak_afnemer, maak_aansluiting):
    productie, pre = maak_afnemer(), maak_afnemer()
    maak_aansluiting(productie["id"], dienst="digid", omgeving="productie")
    maak_aansluiting(pre["id"], dienst="digid", omgeving="pre-productie")
    return {"productie": productie, "pre-productie": pre}


def test_sno_2_onderhoudsvenster_the_windows_are_the_second_monday_and_wednesday(api):
    response = api.get("/diensten/digid/onderhoudsvensters?maand=2027-03")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["dienst"] == "digid" and body["maand"] == "2027-03"
    assert [(v["datum"], v["beginOp"], v["eindeOp"]) for v in body["vensters"]] == [
        ("2027-03-08", "2027-03-07T23:00:00+00:00", "2027-03-08T05:00:00+00:00"),
        ("2027-03-10", "2027-03-09T23:00:00+00:00", "2027-03-10T05:00:00+00:00")]
    assert {v["omgeving"] for v in body["vensters"]} == {"productie"}
    assert all(v["maxUren"] == 6 and v["artikel"] == ARTIKEL for v in body["vensters"])
    assert body["regels"] == [{
        "omgeving": "productie", "maxPerMaand": 2, "maxUren": 6, "artikel": ARTIKEL,
        "omschrijving": "de tweede maandag en de tweede woensdag van de maand, 00:00-06:00"}]


@pytest.mark.parametrize("maand", ["2027-01", "2027-06", "2027-09", "2028-02"])
def test_sno_2_onderhoudsvenster_in_any_month(api, maand):
    jaar, m = (int(x) for x in maand.split("-"))
    body = api.get(f"/diensten/digid/onderhoudsvensters?maand={maand}").get_json()
    assert sorted(v["datum"] for v in body["vensters"]) == sorted(
        [_tweede(jaar, m, 0).isoformat(), _tweede(jaar, m, 2).isoformat()])


def test_the_current_month_without_maand_and_an_omgeving_without_a_rule(api):
    body = api.get("/diensten/digid/onderhoudsvensters").get_json()
    assert body["maand"] == f"{vandaag():%Y-%m}" and len(body["vensters"]) == 2
    body = api.get("/diensten/digid/onderhoudsvensters?omgeving=pre-productie").get_json()
    assert body["vensters"] == [] and body["regels"] == []


@pytest.mark.parametrize(("query", "veld"), [("maand=2027-13", "maand"), ("maand=3-2027", "maand"),
                                             ("maand=1999-01", "maand"),
                                             ("omgeving=acceptatie", "omgeving")])
def test_bad_query_names_the_parameter(api, query, veld):
    response = api.get(f"/diensten/digid/onderhoudsvensters?{query}")
    assert response.status_code == 400
    assert [p["name"] for p in response.get_json()["invalidParams"]] == [veld]


def test_sno_2_onderhoudsvenster_tuesday_10_to_18_is_refused_naming_the_rule(app, api,
                                                                            afnemers):
    """The issue's case: maintenance on a Tuesday 10:00-18:00 was accepted without a word."""
    jaar, maand = _straks()
    dinsdag = _tweede(jaar, maand, 1)
    before = _tellingen(app)
    for extra in ({"omgeving": "productie"}, {}):  # without omgeving: every omgeving's rule
        response = api.post("/aankondigingen", json=_onderhoud(
            _lokaal(dinsdag, 10), _lokaal(dinsdag, 18), **extra))
        assert response.status_code == 400, response.get_json()
        assert response.mimetype == "application/problem+json"
        redenen = _redenen(response)
        assert set(redenen) == {"beginOp", "eindeOp"}
        assert ARTIKEL in redenen["beginOp"] and "onderhoudsvenster" in redenen["beginOp"]
        assert "tweede maandag en de tweede woensdag" in redenen["beginOp"]
        assert ARTIKEL in redenen["eindeOp"] and "6 uur" in redenen["eindeOp"]
    assert _tellingen(app) == before


def test_sno_2_onderhoudsvenster_inside_the_window_is_announced(api, afnemers):
    jaar, maand = _straks()
    maandag = _tweede(jaar, maand, 0)
    response = api.post("/aankondigingen", json=_onderhoud(
        _lokaal(maandag, 1), _lokaal(maandag, 5), omgeving="productie"))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["omgeving"], body["afwijking"], body["afwijkingReden"]) == ("productie", False,
                                                                             None)
    # Only afnemers with an aansluiting in production hear of it.
    assert {o["afnemerId"] for o in body["ontvangers"]} == {afnemers["productie"]["id"]}


def test_sno_2_onderhoudsvenster_at_most_6_hours_together_in_one_window(api, afnemers):
    jaar, maand = _straks()
    woensdag = _tweede(jaar, maand, 2)
    assert api.post("/aankondigingen", json=_onderhoud(
        _lokaal(woensdag, 0), _lokaal(woensdag, 4), omgeving="productie")).status_code == 201
    response = api.post("/aankondigingen", json=_onderhoud(
        _lokaal(woensdag, 3), _lokaal(woensdag, 6, 0), omgeving="productie"))
    assert response.status_code == 201, response.get_json()  # 00:00-06:00 together
    # Announced without omgeving, it still counts for production's window.
    response = api.post("/aankondigingen", json=_onderhoud(
        _lokaal(woensdag, 0), _lokaal(woensdag, 6)))
    assert response.status_code == 201, response.get_json()


def test_sno_2_onderhoudsvenster_a_deviation_needs_a_reason_and_is_announced_beforehand(
        app, api, afnemers):
    jaar, maand = _straks()
    dinsdag = _tweede(jaar, maand, 1)
    before = _tellingen(app)
    response = api.post("/aankondigingen", json=_onderhoud(
        _lokaal(dinsdag, 10), _lokaal(dinsdag, 18), omgeving="productie", afwijking=True))
    assert response.status_code == 400
    assert set(_redenen(response)) == {"afwijkingReden"}
    gisteren = datetime.now(UTC) - timedelta(days=1)
    response = api.post("/aankondigingen", json=_onderhoud(
        gisteren.isoformat(), (gisteren + timedelta(hours=2)).isoformat(), afwijking=True,
        afwijkingReden="Een beveiligingsupdate."))
    assert response.status_code == 400
    assert "afwijking" in _redenen(response)["beginOp"].lower()
    response = api.post("/aankondigingen", json=_onderhoud(
        _lokaal(dinsdag, 10), _lokaal(dinsdag, 12), omgeving="productie",
        afwijkingReden="Zonder afwijking"))
    assert set(_redenen(response)) >= {"afwijkingReden"}
    assert _tellingen(app) == before
    response = api.post("/aankondigingen", json=_onderhoud(
        _lokaal(dinsdag, 10), _lokaal(dinsdag, 18), omgeving="productie", afwijking=True,
        afwijkingReden="Een beveiligingsupdate die niet tot het venster kan wachten."))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["afwijking"] is True and body["afwijkingReden"].startswith("Een beveiliging")
    # The afnemer reads it, and its event says so.
    ontvanger = afnemers["productie"]["id"]
    gelezen = api.get(f"/afnemers/{ontvanger}/aankondigingen/{body['id']}").get_json()
    assert (gelezen["afwijking"], gelezen["omgeving"]) == (True, "productie")
    gebeurtenis = api.get(f"/afnemers/{ontvanger}/gebeurtenissen?type=aankondiging.onderhoud"
                          ).get_json()["resultaten"][0]
    assert gebeurtenis["data"]["afwijking"] is True
    assert gebeurtenis["data"]["omgeving"] == "productie"


def test_pre_productie_and_a_dienst_without_windows_take_any_time(api, afnemers):
    jaar, maand = _straks()
    dinsdag = _tweede(jaar, maand, 1)
    response = api.post("/aankondigingen", json=_onderhoud(
        _lokaal(dinsdag, 10), _lokaal(dinsdag, 18), omgeving="pre-productie"))
    assert response.status_code == 201, response.get_json()
    assert {o["afnemerId"] for o in response.get_json()["ontvangers"]} == {
        afnemers["pre-productie"]["id"]}
    response = api.post("/aankondigingen", json={**_onderhoud(
        _lokaal(dinsdag, 10), _lokaal(dinsdag, 18)), "dienst": "digipoort"})
    assert response.status_code == 201, response.get_json()


def test_an_unknown_omgeving_and_fields_of_other_types_are_named(api):
    jaar, maand = _straks()
    maandag = _tweede(jaar, maand, 0)
    response = api.post("/aankondigingen", json=_onderhoud(
        _lokaal(maandag, 1), _lokaal(maandag, 2), omgeving="acceptatie"))
    assert set(_redenen(response)) == {"omgeving"}
    response = api.post("/aankondigingen", json={
        "type": "dienstwijziging", "titel": "x", "omschrijving": "y", "dienst": "digid",
        "wijzigingsdatum": (vandaag() + timedelta(days=30)).isoformat(),
        "omgeving": "productie", "afwijking": True})
    assert set(_redenen(response)) == {"omgeving", "afwijking"}


def test_windows_and_announced_maintenance_are_in_the_affected_afnemers_calendar(api, afnemers):
    jaar, maand = _straks()
    maandag = _tweede(jaar, maand, 0)
    aankondiging = api.post("/aankondigingen", json=_onderhoud(
        _lokaal(maandag, 1), _lokaal(maandag, 3), omgeving="productie")).get_json()
    productie = afnemers["productie"]["id"]
    items = api.get(f"/afnemers/{productie}/deadlines?paginaGrootte=100").get_json()[
        "resultaten"]
    vensters = [i for i in items if i["soort"] == "onderhoudsvenster"]
    # The windows of this month and the next three months, from today.
    assert len(vensters) >= 6
    dit = next(v for v in vensters if v["datum"] == maandag.isoformat())
    assert dit["beginOp"] == datetime(maandag.year, maandag.month, maandag.day,
                                      tzinfo=AMSTERDAM).astimezone(UTC).isoformat()
    assert dit["artikel"] == ARTIKEL and "digid" in dit["titel"]
    aangekondigd = next(i for i in items if i["id"] == f"aankondiging-{aankondiging['id']}-begin")
    for veld in ("beginOp", "eindeOp"):
        assert datetime.fromisoformat(aangekondigd[veld]) == datetime.fromisoformat(
            aankondiging[veld])
    # Pre-production has no windows: that afnemer sees none.
    pre = api.get(f"/afnemers/{afnemers['pre-productie']['id']}/deadlines?paginaGrootte=100"
                  ).get_json()["resultaten"]
    assert not [i for i in pre if i["soort"] == "onderhoudsvenster"]
    # The iCalendar feed has the same windows, as events of their hours.
    feed = api.post(f"/afnemers/{productie}/agenda-sleutel").get_json()["feedUrl"]
    ics = api.get(feed.split("/api/v1", 1)[1])
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    events = {str(e["uid"]): e for e in Calendar.from_ical(ics.data).walk("VEVENT")}
    event = events[f"{dit['id']}@afnemersportaal"]
    assert event.decoded("dtstart") == datetime.fromisoformat(dit["beginOp"])
    assert event.decoded("dtend") == datetime.fromisoformat(dit["eindeOp"])
    onderhoud = events[f"aankondiging-{aankondiging['id']}-begin@afnemersportaal"]
    assert onderhoud.decoded("dtend") - onderhoud.decoded("dtstart") == timedelta(hours=2)


def test_a_window_id_is_stable(api, afnemers):
    productie = afnemers["productie"]["id"]
    eerst = api.get(f"/afnemers/{productie}/deadlines?paginaGrootte=100").get_json()
    dan = api.get(f"/afnemers/{productie}/deadlines?paginaGrootte=100").get_json()
    assert [i["id"] for i in eerst["resultaten"]] == [i["id"] for i in dan["resultaten"]]


def test_afwijking_false_is_the_default_any_type_may_carry(api):
    """A generated client sends the documented default with every type."""
    response = api.post("/aankondigingen", json={
        "type": "dienstwijziging", "titel": "x", "omschrijving": "y", "dienst": "digid",
        "wijzigingsdatum": (vandaag() + timedelta(days=30)).isoformat(), "afwijking": False})
    assert response.status_code == 201, response.get_json()
