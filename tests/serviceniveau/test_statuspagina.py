"""The public status page of a dienst with a service level, its Atom feed and the
iCalendar feed of its maintenance windows, through the API on both backends.

``GET /diensten/{slug}/status`` answers anyone, without a token: per function (SNO 1 Doel)
and omgeving its state now, the open incidents Logius made public, and the coming
maintenance (announced, and DigiD's windows: the second Monday and the second Wednesday,
00:00-06:00, SNO 2 Onderhoudsvenster). A Logius beheerder's token adds the configuration,
health and switches that the route showed Logius before; for anyone else those are null.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

import pytest
from icalendar import Calendar

from core.auth.principal import Rol
from core.tijd import AMSTERDAM, plus_maanden, vandaag

ATOM = "{http://www.w3.org/2005/Atom}"
BEHEER = ("plugin", "geconfigureerd", "configuratiefouten", "instellingen", "gezond",
          "meldingen", "tabellen", "omgevingen")
#: DigiD's functions (SNO 1 Doel) in its two omgevingen.
FUNCTIES = 8


@pytest.fixture
def anoniem(api):
    return api.as_(None)


def _status(client, slug="digid"):
    response = client.get(f"/diensten/{slug}/status")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _stand(body, functie, omgeving):
    return next(f for f in body["functies"] if (f["functie"], f["omgeving"]) == (
        functie, omgeving))


def _onbeschikbaar(api, **body):
    response = api.post("/diensten/digid/onbeschikbaarheid", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _eerste_venster_volgende_maand(api) -> dict:
    maand = plus_maanden(vandaag().replace(day=1), 1)
    return api.get(f"/diensten/digid/onderhoudsvensters?maand={maand:%Y-%m}"
                   "&omgeving=productie").get_json()["vensters"][0]


def test_sno_1_anyone_reads_the_state_of_every_function_without_a_token(anoniem):
    body = _status(anoniem)
    assert body["dienst"] == "digid" and body["naam"] == "DigiD"
    assert body["serviceniveau"] == "Serviceniveauovereenkomst DigiD 2.8"
    assert body["stand"] == "beschikbaar"
    assert len(body["functies"]) == FUNCTIES * 2
    assert {f["omgeving"] for f in body["functies"]} == {"productie", "pre-productie"}
    assert all(f["stand"] == "beschikbaar" and f["sinds"] is None for f in body["functies"])
    assert body["incidenten"] == []
    for veld in BEHEER:
        assert body[veld] is None, veld
    assert body["statusfeedUrl"].endswith("/api/v1/diensten/digid/statusfeed")
    assert body["onderhoudskalenderUrl"].endswith("/api/v1/diensten/digid/onderhoudskalender")


def test_sno_2_the_coming_maintenance_windows_are_the_second_monday_and_wednesday(anoniem, api):
    """SNO 2 Onderhoudsvenster: every coming window starts at 00:00 Amsterdam on the
    second Monday or the second Wednesday and lasts 6 hours; next month's two are there."""
    vensters = [o for o in _status(anoniem)["onderhoud"] if o["soort"] == "venster"]
    assert vensters, "no coming windows"
    for venster in vensters:
        begin = datetime.fromisoformat(venster["beginOp"]).astimezone(AMSTERDAM)
        einde = datetime.fromisoformat(venster["eindeOp"]).astimezone(AMSTERDAM)
        assert (begin.hour, begin.minute, einde.hour) == (0, 0, 6)
        assert begin.weekday() in (0, 2) and 8 <= begin.day <= 14
        assert venster["omgeving"] == "productie"
        assert venster["artikel"] == "SNO 2 Onderhoudsvenster"
    volgende = _eerste_venster_volgende_maand(api)
    assert volgende["id"] in {v["id"] for v in vensters}


def test_a_logius_beheerder_also_gets_configuration_health_and_switches(api, client,
                                                                        token_voor,
                                                                        maak_afnemer):
    logius = _status(api)
    assert logius["geconfigureerd"] is True and logius["gezond"] is True
    assert [o["omgeving"] for o in logius["omgevingen"]] == ["productie", "pre-productie"]
    assert logius["plugin"] == "digid"
    assert len(logius["functies"]) == FUNCTIES * 2  # and the public part
    afnemer = maak_afnemer()
    als_afnemer = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    eigen = _status(als_afnemer)
    assert all(eigen[veld] is None for veld in BEHEER)
    assert len(eigen["functies"]) == FUNCTIES * 2


def test_a_token_that_is_sent_is_checked(anoniem):
    response = anoniem.get("/diensten/digid/status",
                           headers={"Authorization": "Bearer afp_onbekend"})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert "WWW-Authenticate" in response.headers


def test_a_recorded_outage_and_maintenance_in_progress_set_the_state(api, anoniem):
    """A storing on Authenticatie Midden in production since an hour ago, with no end
    yet, makes that function storing; planned maintenance in pre-production on Mijn
    DigiD makes that one onderhoud; the rest stays beschikbaar, and the page's state is
    the worst: storing. An outage that ended is history, not a state."""
    nu = datetime.now(UTC).replace(microsecond=0)
    _onbeschikbaar(api, omgeving="productie", soort="storing",
                   van=(nu - timedelta(hours=1)).isoformat(),
                   functies=["authenticatie-midden"], omschrijving="Sms-codes komen niet aan")
    _onbeschikbaar(api, omgeving="pre-productie", soort="gepland-onderhoud",
                   van=(nu - timedelta(minutes=30)).isoformat(), functies=["mijn-digid"])
    _onbeschikbaar(api, omgeving="productie", soort="storing",
                   van=(nu - timedelta(days=2)).isoformat(),
                   tot=(nu - timedelta(days=2) + timedelta(hours=1)).isoformat(),
                   functies=["balie"])
    body = _status(anoniem)
    midden = _stand(body, "authenticatie-midden", "productie")
    assert midden["stand"] == "storing"
    assert datetime.fromisoformat(midden["sinds"]) == nu - timedelta(hours=1)
    assert midden["tot"] is None
    assert "Sms-codes komen niet aan" in midden["toelichting"]
    assert _stand(body, "mijn-digid", "pre-productie")["stand"] == "onderhoud"
    assert _stand(body, "authenticatie-midden", "pre-productie")["stand"] == "beschikbaar"
    assert _stand(body, "balie", "productie")["stand"] == "beschikbaar"
    assert body["stand"] == "storing"


def test_announced_maintenance_is_on_the_page_in_the_feed_and_in_the_calendar(api, anoniem):
    """Maintenance announced in next month's first window (AV 6.1, SNO 2
    Onderhoudsvenster), 01:00-03:00: on the page as coming, an entry of the Atom feed and
    an event of the iCalendar feed, none of which needs a token."""
    venster = _eerste_venster_volgende_maand(api)
    begin = datetime.fromisoformat(venster["beginOp"]) + timedelta(hours=1)
    aankondiging = api.post("/aankondigingen", json={
        "type": "onderhoud", "titel": "Nieuwe databaseversie", "omschrijving": "Intern.",
        "dienst": "digid", "omgeving": "productie", "beginOp": begin.isoformat(),
        "eindeOp": (begin + timedelta(hours=2)).isoformat()})
    assert aankondiging.status_code == 201, aankondiging.get_json()
    body = _status(anoniem)
    aangekondigd = [o for o in body["onderhoud"] if o["soort"] == "aangekondigd"]
    assert [(o["titel"], o["omgeving"], o["afwijking"]) for o in aangekondigd] == [
        ("Nieuwe databaseversie", "productie", False)]
    assert datetime.fromisoformat(aangekondigd[0]["beginOp"]) == begin
    assert "Intern." not in str(body)  # the announcement's description stays out
    assert aankondiging.get_json()["id"] not in str(body)
    # Not begun: the functions are still available.
    assert body["stand"] == "beschikbaar"

    feed = anoniem.get("/diensten/digid/statusfeed")
    assert feed.status_code == 200
    assert feed.mimetype == "application/atom+xml"
    xml = ET.fromstring(feed.get_data())
    assert xml.tag == f"{ATOM}feed"
    assert xml.find(f"{ATOM}title").text == "Status van DigiD"
    titels = [e.find(f"{ATOM}title").text for e in xml.findall(f"{ATOM}entry")]
    assert titels == ["Onderhoud DigiD (productie): Nieuwe databaseversie"]
    ids = [e.find(f"{ATOM}id").text for e in xml.findall(f"{ATOM}entry")]
    opnieuw = ET.fromstring(anoniem.get("/diensten/digid/statusfeed").get_data())
    assert [e.find(f"{ATOM}id").text for e in opnieuw.findall(f"{ATOM}entry")] == ids

    kalender = anoniem.get("/diensten/digid/onderhoudskalender")
    assert kalender.status_code == 200
    assert kalender.mimetype == "text/calendar"
    events = Calendar.from_ical(kalender.get_data()).walk("VEVENT")
    samenvattingen = [str(e["SUMMARY"]) for e in events]
    assert "Onderhoud DigiD (productie): Nieuwe databaseversie" in samenvattingen
    vensters = [e for e in events if str(e["SUMMARY"]).startswith("Onderhoudsvenster")]
    assert vensters
    for event in vensters:
        start = event.decoded("DTSTART").astimezone(AMSTERDAM)
        assert (start.hour, start.weekday() in (0, 2), 8 <= start.day <= 14) == (0, True, True)
        assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=6)
    assert f"onderhoudsvenster-digid-{venster['id']}@afnemersportaal" in {
        str(e["UID"]) for e in events}


def test_the_feed_lists_recorded_unavailability_of_the_last_30_days(api, anoniem):
    nu = datetime.now(UTC).replace(microsecond=0)
    _onbeschikbaar(api, omgeving="productie", soort="spoedonderhoud",
                   van=(nu - timedelta(days=3)).isoformat(),
                   tot=(nu - timedelta(days=3) + timedelta(hours=2)).isoformat(),
                   functies=["website"])
    _onbeschikbaar(api, omgeving="productie", soort="storing",
                   van=(nu - timedelta(days=40)).isoformat(),
                   tot=(nu - timedelta(days=40) + timedelta(hours=2)).isoformat(),
                   functies=["website"])
    xml = ET.fromstring(anoniem.get("/diensten/digid/statusfeed").get_data())
    titels = [e.find(f"{ATOM}title").text for e in xml.findall(f"{ATOM}entry")]
    assert titels == ["Spoedonderhoud DigiD (productie): Website digid.nl"]


def test_an_incident_logius_made_public_is_on_the_page_until_it_is_resolved(
        api, anoniem, maak_afnemer, maak_aansluiting):
    """A P1 (impact and urgency hoog, SNO 3 Incidentbeheer) on Authenticatie
    Substantieel in production: not on the page while only the afnemer and Logius know
    it; once Logius makes it public, with its own words, it is, the function is
    verstoord, and the feed has an entry. Resolved, it leaves the page."""
    afnemer = maak_afnemer(naam="Gemeente Meldstad")
    maak_aansluiting(afnemer["id"], dienst="digid")
    gemeld = api.post(f"/afnemers/{afnemer['id']}/incidenten", json={
        "dienst": "digid", "omgeving": "productie", "impact": "hoog", "urgentie": "hoog",
        "omschrijving": "Bij Gemeente Meldstad faalt de app", "functies": [
            "authenticatie-substantieel"]})
    assert gemeld.status_code == 201, gemeld.get_json()
    incident = gemeld.get_json()
    assert _status(anoniem)["incidenten"] == []
    pad = f"/incidenten/{incident['id']}"
    openbaar = api.patch(pad, json={"publiek": True, "publiekeOmschrijving":
                                    "Inloggen met de app faalt soms."},
                         headers={"If-Match": api.get(pad).headers["ETag"]})
    assert openbaar.status_code == 200, openbaar.get_json()
    body = _status(anoniem)
    [getoond] = body["incidenten"]
    assert (getoond["omgeving"], getoond["functies"], getoond["prioriteit"],
            getoond["omschrijving"]) == ("productie", ["authenticatie-substantieel"], 1,
                                         "Inloggen met de app faalt soms.")
    assert getoond["id"] != incident["id"]
    assert _stand(body, "authenticatie-substantieel", "productie")["stand"] == "verstoord"
    assert _stand(body, "authenticatie-substantieel", "pre-productie")["stand"] == "beschikbaar"
    assert body["stand"] == "verstoord"
    tekst = anoniem.get("/diensten/digid/status").get_data(as_text=True)
    for geheim in (afnemer["id"], incident["id"], "Gemeente Meldstad"):
        assert geheim not in tekst
    xml = ET.fromstring(anoniem.get("/diensten/digid/statusfeed").get_data())
    [entry] = xml.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == (
        "Verstoring DigiD (productie): Authenticatie Substantieel")
    assert "Inloggen met de app faalt soms." in entry.find(f"{ATOM}summary").text
    opgelost = api.post(f"{pad}/statuswijzigingen", json={"status": "opgelost"},
                        headers={"If-Match": api.get(pad).headers["ETag"]})
    assert opgelost.status_code == 201, opgelost.get_json()
    body = _status(anoniem)
    assert body["incidenten"] == [] and body["stand"] == "beschikbaar"


def test_an_afnemers_incident_is_not_public(api, anoniem, maak_afnemer, maak_aansluiting):
    """An incident an afnemer reports holds its words and its id: neither is on the page."""
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"], dienst="digid")
    incident = api.post(f"/afnemers/{afnemer['id']}/incidenten", json={
        "dienst": "digid", "omgeving": "productie", "impact": "hoog", "urgentie": "hoog",
        "omschrijving": "Bij Gemeente Geheim faalt alles", "functies": ["authenticatie-midden"]})
    assert incident.status_code == 201, incident.get_json()
    tekst = anoniem.get("/diensten/digid/status").get_data(as_text=True)
    for geheim in (afnemer["id"], incident.get_json()["id"], "Gemeente Geheim"):
        assert geheim not in tekst
    assert geheim not in anoniem.get("/diensten/digid/statusfeed").get_data(as_text=True)


def test_a_dienst_without_a_service_level_has_an_empty_page(anoniem):
    body = _status(anoniem, "mijnoverheid")
    assert (body["serviceniveau"], body["stand"], body["functies"], body["incidenten"],
            body["onderhoud"]) == (None, None, [], [], [])
    feed = ET.fromstring(anoniem.get("/diensten/mijnoverheid/statusfeed").get_data())
    assert feed.findall(f"{ATOM}entry") == []
    kalender = Calendar.from_ical(anoniem.get("/diensten/mijnoverheid/onderhoudskalender")
                                  .get_data())
    assert kalender.walk("VEVENT") == []


def test_an_unknown_dienst_is_404_on_each_route(anoniem):
    for pad in ("status", "statusfeed", "onderhoudskalender"):
        response = anoniem.get(f"/diensten/bestaat-niet/{pad}")
        assert response.status_code == 404, pad
        assert response.mimetype == "application/problem+json"
