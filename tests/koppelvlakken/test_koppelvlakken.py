"""Koppelvlak versions, sunsets with notice, the check, and reminders (MO 3.5, MO 4.1,
AV 14.1; notice as AV 13.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from sqlalchemy import select

from core import tijd
from core.auth.principal import Rol
from core.db import db
from core.meldingen.models import Gebeurtenis
from core.meldingen.planner import plan

MO = "/diensten/mijnoverheid/koppelvlakken"
KV = "berichtenbox"


@pytest.fixture
def productteam(api, token_voor):
    return api.as_(token_voor(None, Rol.PRODUCTTEAM, productteam_dienst="mijnoverheid"))


@pytest.fixture
def gebruiker(api, maak_afnemer, maak_aansluiting):
    """An afnemer whose MijnOverheid aansluiting uses berichtenbox 2.0."""
    afnemer = maak_afnemer()
    aansluiting = maak_aansluiting(afnemer["id"], dienst="mijnoverheid",
                                   onderdelen=("berichtenbox",))
    response = api.post(f"/afnemers/{afnemer['id']}/koppelvlakgebruik", json={
        "aansluitingId": aansluiting["id"], "koppelvlak": KV, "versie": "2.0"})
    assert response.status_code == 200, response.get_json()
    return {"afnemer": afnemer, "aansluiting": aansluiting, "gebruik": response.get_json()}


@dataclass
class Event:
    afnemer_id: object
    data: dict


def _events(app, type_: str) -> list[Event]:
    with app.app_context():
        return [Event(g.afnemer_id, g.data) for g in db.session.scalars(
            select(Gebeurtenis).where(Gebeurtenis.type == type_)
            .order_by(Gebeurtenis.aangemaakt_op))]


def _sunset(productteam, versie: str, dag, **extra):
    return productteam.patch(f"{MO}/{KV}/versies/{versie}", headers={"If-Match": "*"},
                             json={"sunsetOp": dag.isoformat(), **extra})


def test_the_plugin_declares_its_koppelvlakken_mo_4_1(api):
    lijst = api.get(MO).get_json()["resultaten"]
    berichtenbox = next(k for k in lijst if k["id"] == KV)
    assert berichtenbox["artikel"] == "MO 3.5"
    assert [v["versie"] for v in berichtenbox["versies"]] == ["2.0", "3.0"]
    assert {v["status"] for v in berichtenbox["versies"]} == {"ondersteund"}
    assert api.get("/diensten/bestaat-niet/koppelvlakken").status_code == 404


def test_only_the_dienst_productteam_or_logius_adds_versions(api, productteam, token_voor,
                                                              maak_afnemer):
    body = {"versie": "3.1", "ondersteundSinds": "2027-01-01"}
    ander_team = api.as_(token_voor(None, Rol.PRODUCTTEAM, productteam_dienst="digid"))
    afnemer = api.as_(token_voor(maak_afnemer()["id"], Rol.AFNEMER_BEHEERDER))
    for wie in (ander_team, afnemer):
        assert wie.post(f"{MO}/{KV}/versies", json=body).status_code == 403
    response = productteam.post(f"{MO}/{KV}/versies", json=body)
    assert response.status_code == 201
    assert response.get_json()["status"] == "onbekend"  # not available before its date
    again = productteam.post(f"{MO}/{KV}/versies", json=body)
    assert again.status_code == 409
    assert api.post(f"{MO}/{KV}/versies", json={**body, "versie": "3.2"}).status_code == 201


def test_a_sunset_without_the_notice_of_the_terms_is_refused_av_14_1(productteam, gebruiker,
                                                                      app):
    """AV 14.1 with the notice of AV 13.1: one calendar month; an earlier date is 400."""
    te_vroeg = tijd.plus_maanden(tijd.vandaag(), 1) - timedelta(days=1)
    response = _sunset(productteam, "2.0", te_vroeg)
    assert response.status_code == 400
    [fout] = response.get_json()["invalidParams"]
    assert fout["name"] == "sunsetOp" and "AV 14.1" in fout["reason"]
    assert productteam.get(f"{MO}/{KV}/versies/2.0").get_json()["sunsetOp"] is None
    assert _events(app, "koppelvlak.uitfasering") == []


def test_announcing_a_sunset_tells_the_afnemers_using_the_version(
    app, api, productteam, gebruiker, maak_afnemer, maak_aansluiting
):
    ander = maak_afnemer()
    aansluiting = maak_aansluiting(ander["id"], dienst="mijnoverheid",
                                   onderdelen=("berichtenbox",))
    api.post(f"/afnemers/{ander['id']}/koppelvlakgebruik", json={
        "aansluitingId": aansluiting["id"], "koppelvlak": KV, "versie": "3.0"})
    sunset = tijd.vandaag() + timedelta(days=45)
    response = _sunset(productteam, "2.0", sunset, opvolger="3.0")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "verouderd"
    [event] = _events(app, "koppelvlak.uitfasering")
    assert str(event.afnemer_id) == gebruiker["afnemer"]["id"]
    assert event.data["sunsetOp"] == sunset.isoformat() and event.data["opvolger"] == "3.0"


def test_done_when_sunset_30_days_away_check_headers_and_reminder(
    app, api, productteam, gebruiker, monkeypatch
):
    """Issue 6 done-when: a version with a sunset 30 days away: the check says so, with
    Deprecation and Sunset headers, and the afnemer gets a reminder event."""
    sunset = tijd.vandaag() + timedelta(days=40)
    assert _sunset(productteam, "2.0", sunset, opvolger="3.0").status_code == 200
    later = sunset - timedelta(days=30)
    monkeypatch.setattr(tijd, "vandaag", lambda: later)

    response = api.get(f"{MO}/{KV}/controle?versie=2.0")
    assert response.status_code == 200
    check = response.get_json()
    assert (check["status"], check["dagenTotSunset"], check["opvolger"]) == ("verouderd", 30, "3.0")
    assert check["sunsetOp"] == sunset.isoformat()
    assert "30 dagen" in check["toelichting"]
    assert response.headers["Deprecation"].startswith("@")
    assert parsedate_to_datetime(response.headers["Sunset"]).astimezone(tijd.AMSTERDAM).date() \
        == sunset

    eigen = api.get(f"/afnemers/{gebruiker['afnemer']['id']}/koppelvlakgebruik/"
                    f"{gebruiker['gebruik']['id']}")
    assert eigen.get_json()["status"] == "verouderd"
    assert "Sunset" in eigen.headers and "Deprecation" in eigen.headers

    with app.app_context():
        assert plan(later) == 1
        assert plan(later) == 0, "a reminder goes out once"
        assert plan(later + timedelta(days=1)) == 0
    [herinnering] = _events(app, "koppelvlak.herinnering")
    assert str(herinnering.afnemer_id) == gebruiker["afnemer"]["id"]
    assert (herinnering.data["herinnering"], herinnering.data["dagenTotSunset"]) == (30, 30)
    with app.app_context():
        assert plan(sunset - timedelta(days=7)) == 1
    assert [e.data["herinnering"] for e in _events(app, "koppelvlak.herinnering")] == [30, 7]


def test_reminder_moments_are_90_30_and_7_days(app, productteam, gebruiker):
    sunset = tijd.vandaag() + timedelta(days=120)
    assert _sunset(productteam, "2.0", sunset).status_code == 200
    with app.app_context():
        assert plan(sunset - timedelta(days=91)) == 0
        assert [plan(sunset - timedelta(days=d)) for d in (90, 60, 30, 8, 7, 1)] == [
            1, 0, 1, 0, 1, 0]


def test_check_answers_supported_unknown_and_sunset(api, productteam, monkeypatch):
    ok = api.get(f"{MO}/{KV}/controle?versie=3.0")
    assert ok.get_json()["status"] == "ondersteund"
    assert "Deprecation" not in ok.headers and "Sunset" not in ok.headers
    assert api.get(f"{MO}/{KV}/controle?versie=9.9").get_json()["status"] == "onbekend"
    assert api.get(f"{MO}/bestaat-niet/controle?versie=1").status_code == 404
    sunset = tijd.vandaag() + timedelta(days=40)
    _sunset(productteam, "2.0", sunset)
    monkeypatch.setattr(tijd, "vandaag", lambda: sunset)
    voorbij = api.get(f"{MO}/{KV}/controle?versie=2.0")
    assert voorbij.get_json()["status"] == "uitgefaseerd"
    assert "Sunset" in voorbij.headers


def test_registration_is_validated_and_replaced(api, gebruiker, maak_afnemer, maak_aansluiting):
    afnemer_id = gebruiker["afnemer"]["id"]
    url = f"/afnemers/{afnemer_id}/koppelvlakgebruik"
    vreemd = maak_aansluiting(maak_afnemer()["id"], dienst="mijnoverheid",
                              onderdelen=("berichtenbox",))
    for body, veld in (
        ({"aansluitingId": vreemd["id"], "koppelvlak": KV, "versie": "2.0"}, "aansluitingId"),
        ({"aansluitingId": gebruiker["aansluiting"]["id"], "koppelvlak": "x", "versie": "2.0"},
         "koppelvlak"),
        ({"aansluitingId": gebruiker["aansluiting"]["id"], "koppelvlak": KV, "versie": "8"},
         "versie"),
    ):
        response = api.post(url, json=body)
        assert response.status_code == 400
        assert response.get_json()["invalidParams"][0]["name"] == veld
    opnieuw = api.post(url, json={"aansluitingId": gebruiker["aansluiting"]["id"],
                                  "koppelvlak": KV, "versie": "3.0"})
    assert opnieuw.get_json()["id"] == gebruiker["gebruik"]["id"]
    assert [g["versie"] for g in api.get(url).get_json()["resultaten"]] == ["3.0"]
