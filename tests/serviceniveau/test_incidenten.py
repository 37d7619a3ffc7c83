"""Incidents through the API, on both backends, with DigiD's figures (DOMAIN.md, DigiD;
SNO 2.8): the priority matrix of SNO 3 Incidentbeheer, the resolution times of SNO 2
Oplostijden (P1 6 clock hours in production, P2 10 and P3 18 office hours, working days
08:00-18:00; no P1 in pre-production) and the notice within 30 minutes of a P1.

Reports in the past are what a Logius beheerder registers when a report came in by
phone (``gemeldOp``); steps in the past likewise (``op``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.auth.principal import Rol
from core.db import db

H, M, L = "hoog", "midden", "laag"


def _body(impact=H, urgentie=M, omgeving="productie", **extra) -> dict:
    return {"dienst": "digid", "omgeving": omgeving, "impact": impact, "urgentie": urgentie,
            "omschrijving": "Inloggen met sms-controle geeft een foutpagina.",
            "functies": ["authenticatie-midden"], **extra}


def _namen(response) -> set[str]:
    return {p["name"] for p in response.get_json()["invalidParams"]}


def _aantal(app, model_naam: str = "Incident") -> int:
    from core.serviceniveau.incidenten import models

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(getattr(models, model_naam)))


def _gebeurtenissen(app, afnemer_id=None) -> list:
    from core.meldingen.models import Gebeurtenis

    with app.app_context():
        query = select(Gebeurtenis.type, Gebeurtenis.afnemer_id, Gebeurtenis.data).order_by(
            Gebeurtenis.aangemaakt_op)
        return [(t, a, d) for t, a, d in db.session.execute(query)]


@pytest.fixture
def afnemer(maak_afnemer, maak_aansluiting, maak_contactpersoon) -> dict:
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"], omgeving="productie")
    maak_aansluiting(afnemer["id"], omgeving="pre-productie")
    maak_contactpersoon(afnemer["id"], rol="technisch", email="tech@voorbeeldstad.nl")
    return afnemer


@pytest.fixture
def als_afnemer(api, token_voor, afnemer):
    return api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))


def _url(afnemer, incident_id=None) -> str:
    url = f"/afnemers/{afnemer['id']}/incidenten"
    return f"{url}/{incident_id}" if incident_id else url


def _melden(api, afnemer, **body):
    response = api.post(_url(afnemer), json=_body(**body))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.mark.parametrize("impact, urgentie, prioriteit", [
    (H, H, 1), (H, M, 2), (H, L, 3),
    (M, H, 2), (M, M, 3), (M, L, 3),
    (L, H, 3), (L, M, 3), (L, L, 3),
])
def test_all_nine_pairs_give_the_priority_of_sno_3_incidentbeheer(als_afnemer, afnemer,
                                                                   impact, urgentie,
                                                                   prioriteit):
    incident = _melden(als_afnemer, afnemer, impact=impact, urgentie=urgentie)
    assert incident["prioriteit"] == prioriteit
    assert incident["prioriteitArtikel"] == "SNO 3 Incidentbeheer"
    assert incident["oplostijd"] == {
        1: {"uren": 6, "soort": "klokuren", "artikel": "SNO 2 Oplostijden"},
        2: {"uren": 10, "soort": "kantooruren", "artikel": "SNO 2 Oplostijden"},
        3: {"uren": 18, "soort": "kantooruren", "artikel": "SNO 2 Oplostijden"},
    }[prioriteit]
    assert incident["impactOmschrijving"] and incident["urgentieOmschrijving"]
    assert incident["status"] == "gemeld" and incident["klokLoopt"] is True


@pytest.mark.parametrize("gemeld, uiterlijk", [
    # Friday before Whit Monday (Tweede Pinksterdag, a holiday): 2 office hours on
    # Friday, nothing on Saturday, Sunday and Monday, 8 on Tuesday.
    ("2026-05-22T16:00:00+02:00", "2026-05-26T14:00:00+00:00"),
    # The day before Christmas 2025 (Thursday 25 and Friday 26 December): 3 hours on
    # Wednesday, then Monday 29 December from 08:00 CET.
    ("2025-12-24T15:00:00+01:00", "2025-12-29T14:00:00+00:00"),
])
def test_a_p2_before_a_long_weekend_with_a_holiday_skips_all_of_it_sno_2_oplostijden(
        api, afnemer, gemeld, uiterlijk):
    """P2: 10 office hours, working days 08:00-18:00 (SNO 2 Oplostijden)."""
    incident = _melden(api, afnemer, impact=H, urgentie=M, gemeldOp=gemeld)
    assert incident["prioriteit"] == 2
    assert incident["gemeldOp"] == datetime.fromisoformat(gemeld).astimezone(UTC).isoformat()
    assert incident["oplossenUiterlijk"] == uiterlijk


@pytest.mark.parametrize("gemeld, uiterlijk", [
    # Saturday 23:00 CET, the night the clocks go forward: 6 real hours later it is
    # 06:00 CEST on Sunday, seven hours later on the wall clock.
    ("2026-03-28T23:00:00+01:00", "2026-03-29T04:00:00+00:00"),
    # The night they go back: 6 real hours after 23:00 CEST is 04:00 CET.
    ("2026-10-24T23:00:00+02:00", "2026-10-25T03:00:00+00:00"),
])
def test_a_p1_in_production_runs_on_clock_hours_across_midnight_and_dst_sno_2_oplostijden(
        api, afnemer, gemeld, uiterlijk):
    """P1 in production: 6 clock hours, 24x7 (SNO 2 Oplostijden)."""
    incident = _melden(api, afnemer, impact=H, urgentie=H, gemeldOp=gemeld)
    assert incident["prioriteit"] == 1
    assert incident["oplostijd"]["soort"] == "klokuren"
    assert incident["oplossenUiterlijk"] == uiterlijk
    # Registered long after the report: the notice went out, but not within 30 minutes.
    [kennisgeving] = incident["kennisgevingen"]
    assert kennisgeving["reden"] == "prioriteit-1"
    assert kennisgeving["termijnMinuten"] == 30
    assert kennisgeving["binnenTermijn"] is False
    # Still open, long past six hours: known to be late.
    assert incident["binnenTermijn"] is False
    assert incident["resterendeUren"].startswith("-")


def test_a_p1_in_pre_production_is_refused_naming_the_rule_sno_2_oplostijden(
        app, als_afnemer, afnemer):
    """Pre-production has no P1 (SNO 2 Oplostijden: n.v.t.): refused, nothing recorded."""
    response = als_afnemer.post(_url(afnemer), json=_body(H, H, omgeving="pre-productie"))
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    assert _namen(response) == {"impact", "urgentie"}
    reden = response.get_json()["invalidParams"][0]["reason"]
    assert "prioriteit 1" in reden and "pre-productie" in reden
    assert "SNO 2 Oplostijden" in reden and "SNO 3 Incidentbeheer" in reden
    assert _aantal(app) == 0 and _gebeurtenissen(app) == []
    # One step down is a P2, which pre-production has: 10 office hours.
    incident = _melden(als_afnemer, afnemer, impact=H, urgentie=M, omgeving="pre-productie")
    assert incident["prioriteit"] == 2 and incident["oplostijd"]["uren"] == 10


def test_a_dienst_without_service_level_takes_no_incidents(app, api, maak_afnemer,
                                                           maak_aansluiting):
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=("berichtenbox",))
    response = api.post(_url(afnemer), json=_body() | {"dienst": "mijnoverheid",
                                                       "functies": ["berichtenbox"]})
    assert response.status_code == 400
    assert "dienst" in _namen(response)
    reden = next(p["reason"] for p in response.get_json()["invalidParams"]
                 if p["name"] == "dienst")
    assert "geen serviceniveau" in reden and "dienst_serviceniveau" in reden
    assert _aantal(app) == 0


def test_bad_input_names_every_field_at_once_and_changes_nothing(app, als_afnemer, afnemer):
    response = als_afnemer.post(_url(afnemer), json={
        "dienst": "digid", "omgeving": "productie", "impact": "heel-hoog", "urgentie": H,
        "omschrijving": "", "functies": ["inloggen", "authenticatie-basis"],
        "gemeldOp": "2026-01-05T09:00:00+01:00"})
    assert response.status_code == 400
    assert _namen(response) >= {"impact", "omschrijving", "functies.0", "gemeldOp"}
    reden = {p["name"]: p["reason"] for p in response.get_json()["invalidParams"]}
    assert "Logius-beheerder" in reden["gemeldOp"]
    assert _aantal(app) == 0 and _gebeurtenissen(app) == []


def test_a_moment_in_the_future_is_refused_for_logius_too(api, afnemer):
    later = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    response = api.post(_url(afnemer), json=_body(gemeldOp=later))
    assert response.status_code == 400 and _namen(response) == {"gemeldOp"}


def test_an_afnemer_reports_only_where_it_is_connected(app, api, maak_afnemer,
                                                       token_voor):
    afnemer = maak_afnemer()
    als = api.as_(token_voor(afnemer["id"]))
    response = als.post(_url(afnemer), json=_body())
    assert response.status_code == 409
    assert response.get_json()["code"] == "geen-aansluiting"
    assert _aantal(app) == 0


def test_the_report_is_an_event_for_the_afnemer_and_for_logius(app, als_afnemer, afnemer):
    incident = _melden(als_afnemer, afnemer, impact=M, urgentie=M)
    soorten = [(t, str(a) if a else None) for t, a, _ in _gebeurtenissen(app)]
    assert soorten == [("incident.gemeld", afnemer["id"]), ("incident.ontvangen", None)]
    from core.meldingen.models import Bezorging

    with app.app_context():
        adressen = set(db.session.scalars(select(Bezorging.adres)))
    assert "tech@voorbeeldstad.nl" in adressen  # the technical contact
    data = _gebeurtenissen(app)[0][2]
    assert data["incidentId"] == incident["id"] and data["prioriteit"] == 3
    assert data["oplossenUiterlijk"] == incident["oplossenUiterlijk"]


def test_waiting_on_the_afnemer_pauses_the_clock_in_office_hours(api, afnemer):
    """P2, 10 office hours (SNO 2 Oplostijden), reported Monday 2 November 2026 08:00:
    without a pause due Monday 18:00; four office hours waiting on the afnemer move it to
    Tuesday 12:00. A priority change (to P3, 18 office hours) recomputes from the report
    and keeps the pause: Wednesday 10:00."""
    incident = _melden(api, afnemer, impact=H, urgentie=M, gemeldOp="2026-11-02T08:00:00+01:00")
    assert incident["oplossenUiterlijk"] == "2026-11-02T17:00:00+00:00"
    url = f"/incidenten/{incident['id']}"

    def stap(status, op, **extra):
        etag = api.get(url).headers["ETag"]
        response = api.post(f"{url}/statuswijzigingen", headers={"If-Match": etag},
                            json={"status": status, "op": op, **extra})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    stap("in-behandeling", "2026-11-02T09:00:00+01:00")
    wacht = stap("wacht-op-afnemer", "2026-11-02T10:00:00+01:00",
                 toelichting="Graag de foutmelding met tijdstip.")
    assert wacht["klokLoopt"] is False
    na = stap("in-behandeling", "2026-11-02T14:00:00+01:00")
    assert na["klokLoopt"] is True and na["gepauzeerdeUren"] == "4.00"
    assert na["oplossenUiterlijk"] == "2026-11-03T11:00:00+00:00"
    etag = api.get(url).headers["ETag"]
    p3 = api.patch(url, headers={"If-Match": etag},
                   json={"impact": L})
    assert p3.status_code == 200, p3.get_json()
    p3 = p3.get_json()
    assert p3["prioriteit"] == 3 and p3["gepauzeerdeUren"] == "4.00"
    assert p3["oplossenUiterlijk"] == "2026-11-04T09:00:00+00:00"
    opgelost = stap("opgelost", "2026-11-03T15:00:00+01:00")
    # Mon 08-10 and 14-18 (6 h), Tue 08-15 (7 h): 13 of 18 office hours.
    assert opgelost["verstrekenUren"] == "13.00" and opgelost["binnenTermijn"] is True
    assert opgelost["opgelostOp"] == "2026-11-03T14:00:00+00:00"
    assert opgelost["oplossenUiterlijk"] == "2026-11-04T09:00:00+00:00"
    gesloten = stap("gesloten", "2026-11-04T10:00:00+01:00")
    assert [s["soort"] for s in gesloten["geschiedenis"]] == [
        "gemeld", "status", "status", "status", "prioriteit", "status", "status"]
    assert [s["status"] for s in gesloten["geschiedenis"]] == [
        "gemeld", "in-behandeling", "wacht-op-afnemer", "in-behandeling", "in-behandeling",
        "opgelost", "gesloten"]
    assert all(s["door"] and s["vastgelegdOp"] for s in gesloten["geschiedenis"])
    assert gesloten["binnenTermijn"] is True


def test_a_step_that_does_not_exist_is_409_and_a_step_before_the_last_is_400(app, api,
                                                                             afnemer):
    incident = _melden(api, afnemer, gemeldOp="2026-11-02T08:00:00+01:00")
    url = f"/incidenten/{incident['id']}"
    response = api.post(f"{url}/statuswijzigingen", headers={"If-Match": "*"},
                        json={"status": "gesloten"})
    assert response.status_code == 409
    assert response.get_json()["code"] == "ongeldige-incidentstap"
    assert "in-behandeling" in response.get_json()["detail"]
    vroeger = api.post(f"{url}/statuswijzigingen", headers={"If-Match": "*"},
                       json={"status": "in-behandeling", "op": "2026-11-01T08:00:00+01:00"})
    assert vroeger.status_code == 400 and _namen(vroeger) == {"op"}
    zonder = api.post(f"{url}/statuswijzigingen", json={"status": "in-behandeling"})
    assert zonder.status_code == 428
    wacht = api.post(f"{url}/statuswijzigingen", headers={"If-Match": "*"},
                     json={"status": "wacht-op-afnemer"})
    assert wacht.status_code == 400 and _namen(wacht) == {"toelichting"}
    assert api.get(url).get_json()["geschiedenis"] == incident["geschiedenis"]
    assert _aantal(app, "IncidentStap") == 1


def test_a_p1_goes_to_every_afnemer_of_the_dienst_and_their_24x7_contacts(
        app, api, afnemer, als_afnemer, maak_afnemer, maak_aansluiting, maak_contactpersoon):
    """SNO 2 Oplostijden: Logius informs the afnemers within 30 minutes of a P1."""
    ander = maak_afnemer()
    maak_aansluiting(ander["id"], omgeving="pre-productie")
    maak_contactpersoon(ander["id"], rol="algemeen", email="nacht@ander.nl",
                        bereikbaarheid="24x7")
    maak_contactpersoon(ander["id"], rol="algemeen", email="dag@ander.nl")
    los = maak_afnemer()  # no aansluiting on the dienst: not told
    incident = _melden(als_afnemer, afnemer, impact=H, urgentie=H)
    [kennisgeving] = incident["kennisgevingen"]
    assert kennisgeving["binnenTermijn"] is True
    assert kennisgeving["aantalAfnemers"] == 2
    assert kennisgeving["artikel"] == "SNO 2 Oplostijden"
    verstuurd = datetime.fromisoformat(kennisgeving["verstuurdOp"])
    assert verstuurd - datetime.fromisoformat(kennisgeving["gedetecteerdOp"]) < timedelta(
        minutes=1)
    events = [(t, str(a)) for t, a, _ in _gebeurtenissen(app) if t == "incident.kennisgeving"]
    assert sorted(events) == sorted([("incident.kennisgeving", afnemer["id"]),
                                     ("incident.kennisgeving", ander["id"])])
    assert los["id"] not in {a for _, a in events}
    data = next(d for t, a, d in _gebeurtenissen(app)
                if t == "incident.kennisgeving" and str(a) == ander["id"])
    # Nothing of the afnemer that reported it reaches the others.
    assert incident["id"] not in str(data) and afnemer["id"] not in str(data)
    assert "foutpagina" not in str(data)
    from core.meldingen.models import Bezorging

    with app.app_context():
        adressen = set(db.session.scalars(select(Bezorging.adres).where(
            Bezorging.afnemer_id == uuid.UUID(ander["id"]))))
    assert adressen == {"nacht@ander.nl"}  # the 24x7 contact, not the office-hours one
    assert kennisgeving["bezorgingen"] >= 2 and kennisgeving["bezorgd"] == 0


def test_a_calamity_registered_by_logius_goes_to_every_afnemer(app, api, afnemer):
    response = api.post("/incidenten", json=_body(L, L, calamiteit=True))
    assert response.status_code == 201, response.get_json()
    incident = response.get_json()
    assert incident["afnemerId"] is None and incident["calamiteit"] is True
    assert [k["reden"] for k in incident["kennisgevingen"]] == ["calamiteit"]
    assert [t for t, _, _ in _gebeurtenissen(app)] == ["incident.ontvangen",
                                                        "incident.kennisgeving"]
    # Raised to a P1 later: a second notice, once.
    url = f"/incidenten/{incident['id']}"
    for _ in range(2):
        etag = api.get(url).headers["ETag"]
        api.patch(url, headers={"If-Match": etag},
                  json={"impact": H, "urgentie": H})
    reden = [k["reden"] for k in api.get(url).get_json()["kennisgevingen"]]
    assert reden == ["calamiteit", "prioriteit-1"]


def test_an_afnemer_sees_only_its_own_incidents_and_logius_sees_all(
        api, afnemer, als_afnemer, maak_afnemer, maak_aansluiting, token_voor):
    eigen = _melden(als_afnemer, afnemer, impact=M, urgentie=M)
    ander = maak_afnemer()
    maak_aansluiting(ander["id"])
    vreemd = _melden(api.as_(token_voor(ander["id"])), ander, impact=L, urgentie=L)
    lijst = als_afnemer.get(_url(afnemer)).get_json()["resultaten"]
    assert [i["id"] for i in lijst] == [eigen["id"]]
    assert als_afnemer.get(_url(afnemer, vreemd["id"])).status_code == 404
    assert als_afnemer.get("/incidenten").status_code == 403
    alle = api.get("/incidenten").get_json()["resultaten"]
    assert {i["id"] for i in alle} == {eigen["id"], vreemd["id"]}
    gefilterd = api.get(f"/incidenten?afnemerId={ander['id']}&open=true").get_json()
    assert [i["id"] for i in gefilterd["resultaten"]] == [vreemd["id"]]
    assert api.get("/incidenten?prioriteit=1").get_json()["resultaten"] == []


def test_logius_makes_an_open_incident_public_with_its_own_words(app, api, client, afnemer):
    incident = _melden(api, afnemer, impact=M, urgentie=M)
    url = f"/incidenten/{incident['id']}"
    zonder = api.patch(url, headers={"If-Match": "*"}, json={"publiek": True})
    assert zonder.status_code == 400 and _namen(zonder) == {"publiekeOmschrijving"}
    tekst = "Inloggen met de sms-controle lukt bij een deel van de gebruikers niet."
    publiek = api.patch(url, headers={"If-Match": "*"},
                        json={"publiek": True, "publiekeOmschrijving": tekst})
    assert publiek.status_code == 200, publiek.get_json()
    assert publiek.get_json()["publiek"] is True
    assert publiek.get_json()["geschiedenis"][-1]["soort"] == "publiek"
    pagina = client.get("/api/v1/diensten/digid/status").get_json()
    [openbaar] = pagina["incidenten"]
    assert openbaar["omschrijving"] == tekst
    assert incident["id"] not in str(pagina) and "foutpagina" not in str(pagina)
    # Resolved, it leaves the page.
    assert api.post(f"{url}/statuswijzigingen", headers={"If-Match": "*"},
                    json={"status": "opgelost"}).status_code == 201
    assert client.get("/api/v1/diensten/digid/status").get_json()["incidenten"] == []
