"""The deadline calendar: JSON and an iCalendar feed an afnemer can subscribe to."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest

from core import tijd
from core.auth.principal import Rol


@pytest.fixture
def afnemer_met_termijnen(api, token_voor, maak_afnemer, maak_aansluiting):
    """A MijnOverheid afnemer on berichtenbox 2.0 (sunset in 45 days) that rejects an AV
    change 40 days ahead, and reported a change of its own 200 days ahead."""
    afnemer = maak_afnemer(naam="Gemeente Termijn")
    aansluiting = maak_aansluiting(afnemer["id"], dienst="mijnoverheid",
                                   onderdelen=("berichtenbox",))
    api.post(f"/afnemers/{afnemer['id']}/koppelvlakgebruik", json={
        "aansluitingId": aansluiting["id"], "koppelvlak": "berichtenbox", "versie": "2.0"})
    sunset = tijd.vandaag() + timedelta(days=45)
    assert api.patch("/diensten/mijnoverheid/koppelvlakken/berichtenbox/versies/2.0",
                     headers={"If-Match": "*"},
                     json={"sunsetOp": sunset.isoformat(), "opvolger": "3.0"}).status_code == 200
    wijziging = tijd.vandaag() + timedelta(days=40)
    aankondiging = api.post("/aankondigingen", json={
        "type": "voorwaardenwijziging", "titel": "AV 1.2", "omschrijving": "Nieuwe AV.",
        "document": "algemene-voorwaarden", "versie": "1.2",
        "wijzigingsdatum": wijziging.isoformat()}).get_json()
    assert api.post(f"/afnemers/{afnemer['id']}/aankondigingen/{aankondiging['id']}/reactie",
                    json={"besluit": "afwijzen"}).status_code == 201
    realisatie = tijd.vandaag() + timedelta(days=200)
    api.post(f"/afnemers/{afnemer['id']}/wijzigingsmeldingen",
             json={"omschrijving": "Nieuw zaaksysteem", "realisatiedatum": realisatie.isoformat()})
    return {"afnemer": afnemer, "sunset": sunset, "wijziging": wijziging,
            "einde": tijd.plus_maanden(wijziging, 2), "realisatie": realisatie}


def test_deadlines_as_json_soonest_first(api, afnemer_met_termijnen):
    t = afnemer_met_termijnen
    lijst = api.get(f"/afnemers/{t['afnemer']['id']}/deadlines").get_json()["resultaten"]
    per_soort = {}
    for item in lijst:
        per_soort.setdefault(item["soort"], []).append(date.fromisoformat(item["datum"]))
    assert per_soort["koppelvlak-sunset"] == [t["sunset"]]
    assert per_soort["voorwaardenwijziging"] == [t["wijziging"]]
    assert per_soort["einde-levering"] == [t["einde"]]  # AV 13.2: change + 2 months
    assert per_soort["aansluiting-einde"] == [t["einde"]]
    assert per_soort["wijziging-realisatie"] == [t["realisatie"]]
    datums = [item["datum"] for item in lijst]
    assert datums == sorted(datums)
    assert {item["artikel"] for item in lijst} >= {"AV 14.1", "AV 13.1", "AV 2.8"}
    alleen = api.get(f"/afnemers/{t['afnemer']['id']}/deadlines?soort=koppelvlak-sunset")
    assert [(i["soort"], i["datum"]) for i in alleen.get_json()["resultaten"]] == [
        ("koppelvlak-sunset", t["sunset"].isoformat())]


def test_the_ical_feed_parses_and_holds_the_dates(api, client, afnemer_met_termijnen):
    """Issue 6 done-when: the iCalendar feed parses with the icalendar package and holds
    those dates."""
    t = afnemer_met_termijnen
    response = api.post(f"/afnemers/{t['afnemer']['id']}/agenda-sleutel")
    assert response.status_code == 201
    feed_url = response.get_json()["feedUrl"]
    pad = feed_url.split("127.0.0.1:5000", 1)[-1]
    ics = client.get(pad)  # no token: the key in the URL is the credential
    assert ics.status_code == 200
    assert ics.mimetype == "text/calendar"
    kalender = icalendar.Calendar.from_ical(ics.data)
    events = list(kalender.walk("VEVENT"))
    datums = {e.decoded("dtstart") for e in events}
    assert {t["sunset"], t["wijziging"], t["einde"], t["realisatie"]} <= datums
    sunset = next(e for e in events if e.decoded("dtstart") == t["sunset"])
    assert "berichtenbox 2.0" in str(sunset["summary"])
    assert "AV 14.1" in str(sunset["description"])
    assert str(sunset["uid"]).endswith("@afnemersportaal")
    assert list(sunset.walk("VALARM")), "a reminder a week ahead"

    # A new key replaces the old one; a revoked key opens nothing.
    nieuw = api.post(f"/afnemers/{t['afnemer']['id']}/agenda-sleutel").get_json()["feedUrl"]
    assert client.get(pad).status_code == 404
    assert client.get(nieuw.split("127.0.0.1:5000", 1)[-1]).status_code == 200
    assert api.delete(f"/afnemers/{t['afnemer']['id']}/agenda-sleutel").status_code == 204
    assert client.get(nieuw.split("127.0.0.1:5000", 1)[-1]).status_code == 404


def test_only_a_beheerder_creates_the_feed_key_and_no_one_sees_anothers(
    api, token_voor, maak_afnemer, afnemer_met_termijnen
):
    eigen = afnemer_met_termijnen["afnemer"]["id"]
    medewerker = api.as_(token_voor(eigen, Rol.AFNEMER_MEDEWERKER))
    assert medewerker.get(f"/afnemers/{eigen}/deadlines").status_code == 200
    assert medewerker.post(f"/afnemers/{eigen}/agenda-sleutel").status_code == 403
    ander = api.as_(token_voor(maak_afnemer()["id"], Rol.AFNEMER_BEHEERDER))
    assert ander.get(f"/afnemers/{eigen}/deadlines").status_code == 404
    assert ander.post(f"/afnemers/{eigen}/agenda-sleutel").status_code == 404
