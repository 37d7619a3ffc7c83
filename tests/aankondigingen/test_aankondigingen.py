"""``/aankondigingen`` and ``/afnemers/{id}/aankondigingen``: Logius announces, afnemers answer.

Rules (DOMAIN.md): a change of the AV or of MijnOverheid's terms is announced at least
one calendar month ahead (AV 13.1, MO 8.1); rejecting it ends delivery two calendar
months after the change date (AV 13.2, MO 8.2). Logius changes a dienst or phases out a
version as early as it can (AV 14.1); rejecting opens consultation (AV 14.2). Planned
maintenance is announced (AV 6.1); a suspension for a security incident (AV 5.4) and an
outage (AV 7) need no notice.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.auth.principal import Rol
from core.db import db
from core.tijd import plus_maanden, vandaag
from tests.support.gelijktijdig import houd_commits_samen

PROBLEM = "application/problem+json"


def _voorwaardenwijziging(datum: date, document="algemene-voorwaarden", versie="1.2",
                          **extra) -> dict:
    return {"type": "voorwaardenwijziging", "titel": f"Nieuwe versie {versie}",
            "omschrijving": "De voorwaarden worden op enkele punten verduidelijkt.",
            "document": document, "versie": versie, "wijzigingsdatum": datum.isoformat(),
            **extra}


def _kondig_aan(api, body: dict) -> dict:
    response = api.post("/aankondigingen", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _names(response) -> set[str]:
    return {p["name"] for p in response.get_json()["invalidParams"]}


def _reason(response, name: str) -> str:
    return " ".join(p["reason"] for p in response.get_json()["invalidParams"]
                    if p["name"] == name)


def _gebeurtenissen(api, afnemer_id, type_=None) -> list[dict]:
    url = f"/afnemers/{afnemer_id}/gebeurtenissen?paginaGrootte=100"
    if type_:
        url += f"&type={type_}"
    response = api.get(url)
    assert response.status_code == 200
    return response.get_json()["resultaten"]


def _logius_gebeurtenissen(app, type_: str) -> list[dict]:
    """Events for Logius itself carry no afnemer; read them from the outbox table."""
    from core.meldingen.models import Gebeurtenis

    with app.app_context():
        rows = db.session.scalars(select(Gebeurtenis).where(
            Gebeurtenis.type == type_, Gebeurtenis.afnemer_id.is_(None)))
        return [{"data": r.data, "onderwerp": r.onderwerp} for r in rows]


def _tellingen(app) -> dict[str, int]:
    from core.aankondigingen.models import Aankondiging, Ontvanger
    from core.aansluitingen.models import Aansluiting
    from core.meldingen.models import Bezorging, Gebeurtenis
    from core.voorwaarden.models import Acceptatie, Voorwaardenversie

    with app.app_context():
        tellingen = {m.__tablename__: db.session.scalar(select(func.count()).select_from(m))
                     for m in (Aankondiging, Ontvanger, Gebeurtenis, Bezorging, Acceptatie,
                               Voorwaardenversie)}
        tellingen["gepland_einde"] = db.session.scalar(select(func.count()).where(
            Aansluiting.gepland_einde_op.is_not(None)))
        return tellingen


def _aansluitingen(api, afnemer_id) -> list[dict]:
    return api.get(f"/afnemers/{afnemer_id}/aansluitingen").get_json()["resultaten"]


def _reageer(api, afnemer_id, aankondiging_id, besluit, **extra):
    return api.post(f"/afnemers/{afnemer_id}/aankondigingen/{aankondiging_id}/reactie",
                    json={"besluit": besluit, **extra})


@pytest.fixture
def afnemers(api, maak_afnemer, maak_aansluiting, maak_contactpersoon) -> dict[str, dict]:
    """digid: one live aansluiting on DigiD; beide: DigiD and MijnOverheid;
    mo: only MijnOverheid; beeindigd: a DigiD aansluiting that has ended; geen: none."""
    result = {}
    for naam, diensten in (("digid", ["digid"]), ("beide", ["digid", "mijnoverheid"]),
                           ("mo", ["mijnoverheid"]), ("beeindigd", ["digid"]), ("geen", [])):
        afnemer = maak_afnemer(naam=f"Gemeente {naam}")
        maak_contactpersoon(afnemer["id"], email=f"algemeen@{naam}.example")
        for dienst in diensten:
            onderdelen = ["midden"] if dienst == "digid" else ["berichtenbox"]
            aansluiting = maak_aansluiting(afnemer["id"], dienst=dienst, onderdelen=onderdelen)
            if naam == "beeindigd":
                etag = api.get(f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}"
                               ).headers["ETag"]
                response = api.post(
                    f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}"
                    "/statuswijzigingen", json={"status": "beeindigd"},
                    headers={"If-Match": etag})
                assert response.status_code == 201
        result[naam] = afnemer
    return result


# --- voorwaardenwijziging: notice (AV 13.1, MO 8.1) and who is told -------------------------


def test_av_change_40_days_ahead_reaches_every_afnemer_with_a_live_aansluiting_av_13_1(
    app, api, afnemers
):
    """40 days is more than one calendar month: accepted. Every afnemer with a live
    aansluiting gets one recipient row and one event, in the same transaction; an afnemer
    whose only aansluiting ended, or who has none, gets nothing."""
    datum = vandaag() + timedelta(days=40)
    aankondiging = _kondig_aan(api, _voorwaardenwijziging(datum))
    assert aankondiging["artikel"] == "AV 13.1"
    assert aankondiging["dienst"] is None
    assert aankondiging["reactieVereist"] is True
    assert aankondiging["aantalOntvangers"] == 3
    geraakt = {afnemers[n]["id"] for n in ("digid", "beide", "mo")}
    assert {o["afnemerId"] for o in aankondiging["ontvangers"]} == geraakt
    assert {o["status"] for o in aankondiging["ontvangers"]} == {"open"}
    for naam in ("digid", "beide", "mo"):
        [event] = _gebeurtenissen(api, afnemers[naam]["id"])
        assert event["type"] == "aankondiging.voorwaardenwijziging"
        assert event["data"]["aankondigingId"] == aankondiging["id"]
        assert event["data"]["wijzigingsdatum"] == datum.isoformat()
        assert event["data"]["document"] == "algemene-voorwaarden"
        assert event["data"]["versie"] == "1.2"
        assert event["data"]["artikel"] == "AV 13.1"
        # ... and the algemeen contactpersoon gets it by e-mail.
        bezorgingen = api.get(f"/afnemers/{afnemers[naam]['id']}/bezorgingen").get_json()
        assert [b["adres"] for b in bezorgingen["resultaten"]] == [f"algemeen@{naam}.example"]
    for naam in ("beeindigd", "geen"):
        assert _gebeurtenissen(api, afnemers[naam]["id"]) == []
    assert api.get(f"/aankondigingen/{aankondiging['id']}").get_json() == aankondiging


def test_av_change_20_days_ahead_is_refused_naming_wijzigingsdatum_and_av_13_1(
    app, api, afnemers
):
    before = _tellingen(app)
    datum = vandaag() + timedelta(days=20)
    response = api.post("/aankondigingen", json=_voorwaardenwijziging(datum))
    assert response.status_code == 400
    assert response.mimetype == PROBLEM
    assert _names(response) == {"wijzigingsdatum"}
    reden = _reason(response, "wijzigingsdatum")
    assert "AV 13.1" in reden
    assert plus_maanden(vandaag(), 1).isoformat() in reden
    # Nothing changed: no announcement, no version, no event, no delivery.
    assert _tellingen(app) == before
    assert api.get("/aankondigingen").get_json()["resultaten"] == []
    for afnemer in afnemers.values():
        assert _gebeurtenissen(api, afnemer["id"]) == []


def test_a_dry_run_names_whom_an_av_change_reaches_and_their_mail_and_writes_nothing_av_13_1(
    app, api, token_voor, afnemers
):
    """POST /aankondigingen/voorbeeld: the same input and rules as sending, nothing stored.
    40 days ahead it reaches the three afnemers with a live aansluiting (AV 13.1); 20 days
    ahead it gets the same 400 naming wijzigingsdatum; only Logius may ask."""
    before = _tellingen(app)
    response = api.post("/aankondigingen/voorbeeld",
                        json=_voorwaardenwijziging(vandaag() + timedelta(days=40)))
    assert response.status_code == 200, response.get_json()
    voorbeeld = response.get_json()
    assert voorbeeld["aantalOntvangers"] == 3
    assert [o["naam"] for o in voorbeeld["ontvangers"]] == [
        "Gemeente beide", "Gemeente digid", "Gemeente mo"]
    assert voorbeeld["gebeurtenis"] == "aankondiging.voorwaardenwijziging"
    assert voorbeeld["artikel"] == "AV 13.1"
    assert voorbeeld["mail"]["onderwerp"].endswith("Nieuwe versie 1.2")
    assert "AV 13.1" in voorbeeld["mail"]["tekst"]
    te_vroeg = api.post("/aankondigingen/voorbeeld",
                        json=_voorwaardenwijziging(vandaag() + timedelta(days=20)))
    assert te_vroeg.status_code == 400 and te_vroeg.mimetype == PROBLEM
    assert _names(te_vroeg) == {"wijzigingsdatum"}
    beheerder = api.as_(token_voor(afnemers["digid"]["id"], Rol.AFNEMER_BEHEERDER))
    assert beheerder.post("/aankondigingen/voorbeeld", json=_voorwaardenwijziging(
        vandaag() + timedelta(days=40))).status_code == 403
    assert _tellingen(app) == before


def test_exactly_one_calendar_month_ahead_is_enough_one_day_less_is_not_av_13_1(api, afnemers):
    grens = plus_maanden(vandaag(), 1)
    te_vroeg = api.post("/aankondigingen", json=_voorwaardenwijziging(grens - timedelta(days=1)))
    assert te_vroeg.status_code == 400
    assert _names(te_vroeg) == {"wijzigingsdatum"}
    _kondig_aan(api, _voorwaardenwijziging(grens))


def test_the_month_of_notice_is_a_calendar_month_clamped_to_month_end(api, afnemers,
                                                                      monkeypatch):
    """Announced on 31 January 2027, the change may take effect on 28 February (AV 13.1
    with 'Reading periods'), not a day earlier."""
    monkeypatch.setattr("core.tijd.vandaag", lambda: date(2027, 1, 31))
    response = api.post("/aankondigingen", json=_voorwaardenwijziging(date(2027, 2, 27)))
    assert response.status_code == 400
    assert "2027-02-28" in _reason(response, "wijzigingsdatum")
    _kondig_aan(api, _voorwaardenwijziging(date(2027, 2, 28)))


def test_mo_change_reaches_only_afnemers_on_mijnoverheid_and_cites_mo_8_1(api, afnemers):
    datum = vandaag() + timedelta(days=20)
    body = _voorwaardenwijziging(datum, document="mijnoverheid-voorwaarden", versie="3.0")
    response = api.post("/aankondigingen", json=body)
    assert response.status_code == 400
    assert "MO 8.1" in _reason(response, "wijzigingsdatum")
    aankondiging = _kondig_aan(api, {**body, "wijzigingsdatum": (
        vandaag() + timedelta(days=40)).isoformat()})
    assert aankondiging["artikel"] == "MO 8.1"
    assert aankondiging["dienst"] == "mijnoverheid"
    assert {o["afnemerId"] for o in aankondiging["ontvangers"]} == {
        afnemers["beide"]["id"], afnemers["mo"]["id"]}
    assert _gebeurtenissen(api, afnemers["digid"]["id"]) == []


def test_a_change_of_terms_needs_a_known_document_and_a_new_version(api, afnemers):
    datum = vandaag() + timedelta(days=40)
    response = api.post("/aankondigingen", json=_voorwaardenwijziging(datum, versie="1.1"))
    assert response.status_code == 400
    assert _names(response) == {"versie"}
    response = api.post("/aankondigingen", json=_voorwaardenwijziging(
        datum, document="onbekend-document"))
    assert response.status_code == 400
    assert _names(response) == {"document"}
    _kondig_aan(api, _voorwaardenwijziging(datum))
    # The announced version now exists too: announcing it twice is refused.
    again = api.post("/aankondigingen", json=_voorwaardenwijziging(datum))
    assert again.status_code == 400
    assert _names(again) == {"versie"}


def test_every_missing_or_foreign_field_is_named_at_once(api, afnemers):
    response = api.post("/aankondigingen", json={
        "type": "dienstwijziging", "titel": "x", "omschrijving": "y",
        "document": "algemene-voorwaarden", "beginOp": "2030-01-01T10:00:00+01:00"})
    assert response.status_code == 400
    assert _names(response) == {"dienst", "wijzigingsdatum", "document", "beginOp"}
    assert "AV 14.1" in _reason(response, "dienst")
    response = api.post("/aankondigingen", json={"type": "onweer", "titel": " "})
    assert response.status_code == 400
    assert _names(response) == {"type", "titel", "omschrijving"}


def test_an_explicit_list_reaches_only_those_afnemers_and_unknown_ids_are_refused(
    app, api, afnemers
):
    body = {"type": "dienstwijziging", "titel": "Nieuwe beheermodule",
            "omschrijving": "De module voor beheer verandert.", "dienst": "digid",
            "wijzigingsdatum": (vandaag() + timedelta(days=7)).isoformat()}
    before = _tellingen(app)
    onbekend = str(uuid.uuid4())
    response = api.post("/aankondigingen", json={**body, "afnemers": [
        afnemers["digid"]["id"], onbekend]})
    assert response.status_code == 400
    assert _names(response) == {"afnemers"}
    assert onbekend in _reason(response, "afnemers")
    assert _tellingen(app) == before
    aankondiging = _kondig_aan(api, {**body, "afnemers": [afnemers["geen"]["id"]]})
    assert [o["afnemerId"] for o in aankondiging["ontvangers"]] == [afnemers["geen"]["id"]]
    assert len(_gebeurtenissen(api, afnemers["geen"]["id"])) == 1
    assert _gebeurtenissen(api, afnemers["digid"]["id"]) == []


def test_afnemers_null_is_refused_naming_the_field_not_read_as_everyone(api, afnemers, app):
    """"afnemers": null is no list of afnemers: a client that sends it by mistake must
    not reach every afnemer of the dienst (AV 2.6 makes the whole group the default only
    when the field is left out). 400 naming the field, and nothing is announced."""
    body = {"type": "dienstwijziging", "titel": "Nieuwe beheermodule",
            "omschrijving": "De module voor beheer verandert.", "dienst": "digid",
            "wijzigingsdatum": (vandaag() + timedelta(days=7)).isoformat()}
    before = _tellingen(app)
    response = api.post("/aankondigingen", json={**body, "afnemers": None})
    assert response.status_code == 400
    assert _names(response) == {"afnemers"}
    assert _tellingen(app) == before
    zonder = _kondig_aan(api, body)
    assert afnemers["digid"]["id"] in {o["afnemerId"] for o in zonder["ontvangers"]}


# --- the other types ------------------------------------------------------------------------


def test_opschorting_for_a_security_incident_needs_no_notice_av_5_4(api, afnemers):
    nu = datetime.now(UTC).replace(microsecond=0)
    aankondiging = _kondig_aan(api, {
        "type": "opschorting", "titel": "Levering opgeschort",
        "omschrijving": "Wegens een beveiligingsincident is de levering opgeschort.",
        "beginOp": nu.isoformat(), "afnemers": [afnemers["digid"]["id"]]})
    assert aankondiging["artikel"] == "AV 5.4"
    assert aankondiging["reactieVereist"] is False
    assert [o["status"] for o in aankondiging["ontvangers"]] == ["ter-kennisname"]
    [event] = _gebeurtenissen(api, afnemers["digid"]["id"])
    assert event["type"] == "aankondiging.opschorting"
    assert event["data"]["artikel"] == "AV 5.4"
    gisteren = api.post("/aankondigingen", json={
        "type": "opschorting", "titel": "x", "omschrijving": "y", "dienst": "digid",
        "beginOp": (nu - timedelta(days=2)).isoformat()})
    assert gisteren.status_code == 400
    assert _names(gisteren) == {"beginOp"}
    assert "AV 5.4" in _reason(gisteren, "beginOp")


def test_storing_needs_no_notice_av_7(api, afnemers):
    begonnen = datetime.now(UTC) - timedelta(hours=1)
    aankondiging = _kondig_aan(api, {
        "type": "storing", "titel": "Storing inloggen", "omschrijving": "Inloggen faalt.",
        "dienst": "digid", "beginOp": begonnen.isoformat()})
    assert aankondiging["artikel"] == "AV 7"
    assert aankondiging["aantalOntvangers"] == 2  # digid and beide
    assert len(_gebeurtenissen(api, afnemers["beide"]["id"], "aankondiging.storing")) == 1


def test_planned_maintenance_lies_ahead_and_ends_after_it_starts_av_6_1(app, api, afnemers):
    before = _tellingen(app)
    morgen = datetime.now(UTC) + timedelta(days=1)
    response = api.post("/aankondigingen", json={
        "type": "onderhoud", "titel": "Onderhoud", "omschrijving": "Gepland onderhoud.",
        "dienst": "digid", "beginOp": (morgen - timedelta(days=2)).isoformat(),
        "eindeOp": (morgen - timedelta(days=3)).isoformat()})
    assert response.status_code == 400
    assert _names(response) == {"beginOp", "eindeOp"}
    assert "AV 6.1" in _reason(response, "beginOp")
    assert _tellingen(app) == before
    # Digipoort sets no maintenance windows; DigiD's are in tests/serviceniveau.
    aankondiging = _kondig_aan(api, {
        "type": "onderhoud", "titel": "Onderhoud", "omschrijving": "Gepland onderhoud.",
        "dienst": "digipoort", "beginOp": morgen.isoformat(),
        "eindeOp": (morgen + timedelta(hours=6)).isoformat()})
    assert aankondiging["artikel"] == "AV 6.1"


def test_a_mijnoverheid_koppelvlak_changes_only_after_the_afnemersoverleg_mo_3_5(api, afnemers):
    body = {"type": "koppelvlakwijziging", "titel": "Nieuwe berichtversie",
            "omschrijving": "Het berichtformaat krijgt een nieuwe versie.",
            "dienst": "mijnoverheid",
            "wijzigingsdatum": (vandaag() + timedelta(days=60)).isoformat()}
    response = api.post("/aankondigingen", json=body)
    assert response.status_code == 400
    assert _names(response) == {"afnemersoverlegOp"}
    assert "MO 3.5" in _reason(response, "afnemersoverlegOp")
    morgen = api.post("/aankondigingen", json={
        **body, "afnemersoverlegOp": (vandaag() + timedelta(days=1)).isoformat()})
    assert _names(morgen) == {"afnemersoverlegOp"}
    aankondiging = _kondig_aan(api, {
        **body, "afnemersoverlegOp": (vandaag() - timedelta(days=14)).isoformat()})
    assert aankondiging["artikel"] == "MO 3.5"
    # A dienst without that duty falls under AV 14.1 and needs no consultation date.
    digid = _kondig_aan(api, {**body, "dienst": "digid"})
    assert digid["artikel"] == "AV 14.1"


# --- reactions ------------------------------------------------------------------------------


def test_one_afnemer_rejects_delivery_ends_two_months_after_the_change_date_av_13_2(
    app, api, afnemers
):
    datum = vandaag() + timedelta(days=40)
    einde = plus_maanden(datum, 2)
    aankondiging = _kondig_aan(api, _voorwaardenwijziging(datum))
    beide = afnemers["beide"]["id"]
    response = _reageer(api, beide, aankondiging["id"], "afwijzen",
                        toelichting="Wij kunnen artikel 5 niet aanvaarden.")
    assert response.status_code == 201, response.get_json()
    reactie = response.get_json()["reactie"]
    assert reactie["status"] == "afgewezen"
    assert reactie["besluit"] == "afwijzen"
    assert reactie["eindeLeveringOp"] == einde.isoformat()
    assert reactie["grondslag"] == "AV 13.2"
    assert response.headers["Location"].endswith(
        f"/api/v1/afnemers/{beide}/aankondigingen/{aankondiging['id']}")
    # The afnemer's view of its terms shows the end of delivery ...
    [av] = [v for v in api.get(f"/afnemers/{beide}/voorwaarden").get_json()["resultaten"]
            if v["document"] == "algemene-voorwaarden"]
    [wijziging] = av["aangekondigdeWijzigingen"]
    assert wijziging["eindeLeveringOp"] == einde.isoformat()
    assert wijziging["status"] == "afgewezen"
    # ... and every live aansluiting of it (the AV cover every dienst) ends then.
    for aansluiting in _aansluitingen(api, beide):
        assert aansluiting["geplandEindeOp"] == einde.isoformat()
        assert aansluiting["geplandEindeGrondslag"] == "AV 13.2"
    for naam in ("digid", "mo"):
        assert {a["geplandEindeOp"] for a in _aansluitingen(api, afnemers[naam]["id"])} == {None}
    # One event to the afnemer, one to Logius.
    [afgewezen] = _gebeurtenissen(api, beide, "voorwaarden.afgewezen")
    assert afgewezen["data"]["eindeLeveringOp"] == einde.isoformat()
    assert afgewezen["data"]["artikel"] == "AV 13.2"
    assert len(afgewezen["data"]["aansluitingen"]) == 2
    [aan_logius] = _logius_gebeurtenissen(app, "aankondiging.reactie")
    assert aan_logius["data"]["afnemerId"] == beide
    assert aan_logius["data"]["besluit"] == "afwijzen"
    # Logius sees every afnemer's reaction.
    ontvangers = {o["afnemerId"]: o for o in
                  api.get(f"/aankondigingen/{aankondiging['id']}").get_json()["ontvangers"]}
    assert ontvangers[beide]["status"] == "afgewezen"
    assert ontvangers[beide]["toelichting"] == "Wij kunnen artikel 5 niet aanvaarden."
    assert ontvangers[beide]["afnemerNaam"] == "Gemeente beide"
    assert ontvangers[afnemers["digid"]["id"]]["status"] == "open"


def test_rejecting_a_mijnoverheid_change_ends_only_mijnoverheid_mo_8_2(api, afnemers):
    datum = plus_maanden(vandaag(), 1)
    einde = plus_maanden(datum, 2)
    aankondiging = _kondig_aan(api, _voorwaardenwijziging(
        datum, document="mijnoverheid-voorwaarden", versie="3.0"))
    beide = afnemers["beide"]["id"]
    reactie = _reageer(api, beide, aankondiging["id"], "afwijzen").get_json()["reactie"]
    assert reactie["grondslag"] == "MO 8.2"
    assert reactie["eindeLeveringOp"] == einde.isoformat()
    gepland = {a["dienst"]: a["geplandEindeOp"] for a in _aansluitingen(api, beide)}
    assert gepland == {"digid": None, "mijnoverheid": einde.isoformat()}


def test_accepting_a_change_records_the_new_version_from_the_change_date_av_13_1(api, afnemers):
    datum = vandaag() + timedelta(days=45)
    aankondiging = _kondig_aan(api, _voorwaardenwijziging(datum))
    digid = afnemers["digid"]["id"]
    response = _reageer(api, digid, aankondiging["id"], "accepteren")
    assert response.status_code == 201
    assert response.get_json()["reactie"]["status"] == "geaccepteerd"
    assert response.get_json()["reactie"]["eindeLeveringOp"] is None
    [av] = [v for v in api.get(f"/afnemers/{digid}/voorwaarden").get_json()["resultaten"]
            if v["document"] == "algemene-voorwaarden"]
    assert av["versie"] == "1.1"  # still in force until the change date
    assert [(a["versie"], a["geldtVanaf"]) for a in av["acceptaties"]] == [
        ("1.1", "2026-01-15"), ("1.2", datum.isoformat())]
    assert av["acceptaties"][1]["aankondigingId"] == aankondiging["id"]
    assert av["acceptaties"][1]["grondslag"] == "AV 13.1"
    assert {a["geplandEindeOp"] for a in _aansluitingen(api, digid)} == {None}


def test_an_answer_is_final_and_only_asked_where_one_is_needed(app, api, afnemers):
    digid = afnemers["digid"]["id"]
    aankondiging = _kondig_aan(api, _voorwaardenwijziging(vandaag() + timedelta(days=40)))
    assert _reageer(api, digid, aankondiging["id"], "accepteren").status_code == 201
    before = _tellingen(app)
    again = _reageer(api, digid, aankondiging["id"], "afwijzen")
    assert again.status_code == 409
    assert again.mimetype == PROBLEM
    assert again.get_json()["code"] == "al-gereageerd"
    storing = _kondig_aan(api, {"type": "storing", "titel": "Storing", "omschrijving": "x",
                                "dienst": "digid",
                                "beginOp": datetime.now(UTC).isoformat()})
    before = _tellingen(app)
    response = _reageer(api, digid, storing["id"], "accepteren")
    assert response.status_code == 409
    assert response.get_json()["code"] == "geen-reactie-nodig"
    assert _tellingen(app) == before
    invalid = _reageer(api, digid, aankondiging["id"], "misschien")
    assert invalid.status_code == 400
    assert _names(invalid) == {"besluit"}


def test_rejecting_a_dienstwijziging_opens_consultation_without_a_date_av_14_2(app, api,
                                                                              afnemers):
    aankondiging = _kondig_aan(api, {
        "type": "uitfasering", "titel": "Oude koppelvlakversie vervalt",
        "omschrijving": "Versie 3 van het koppelvlak wordt uitgefaseerd.", "dienst": "digid",
        "wijzigingsdatum": (vandaag() + timedelta(days=90)).isoformat()})
    assert aankondiging["artikel"] == "AV 14.1"
    digid = afnemers["digid"]["id"]
    reactie = _reageer(api, digid, aankondiging["id"], "afwijzen",
                       toelichting="Wij hebben meer tijd nodig.").get_json()["reactie"]
    assert reactie["status"] == "consultatie"
    assert reactie["grondslag"] == "AV 14.2"
    assert reactie["eindeLeveringOp"] is None
    assert {a["geplandEindeOp"] for a in _aansluitingen(api, digid)} == {None}
    [event] = _gebeurtenissen(api, digid, "dienstwijziging.consultatie")
    assert event["data"]["artikel"] == "AV 14.2"
    assert len(_logius_gebeurtenissen(app, "aankondiging.reactie")) == 1


# --- who may do what ------------------------------------------------------------------------


def test_only_logius_announces_and_reads_all_announcements(api, token_voor, afnemers):
    digid = afnemers["digid"]["id"]
    beheerder = api.as_(token_voor(digid, Rol.AFNEMER_BEHEERDER))
    body = _voorwaardenwijziging(vandaag() + timedelta(days=40))
    assert beheerder.post("/aankondigingen", json=body).status_code == 403
    assert beheerder.get("/aankondigingen").status_code == 403
    aankondiging = _kondig_aan(api, body)
    assert beheerder.get(f"/aankondigingen/{aankondiging['id']}").status_code == 403


def test_a_medewerker_reads_but_only_a_beheerder_or_logius_answers(api, token_voor, afnemers):
    digid = afnemers["digid"]["id"]
    aankondiging = _kondig_aan(api, _voorwaardenwijziging(vandaag() + timedelta(days=40)))
    medewerker = api.as_(token_voor(digid, Rol.AFNEMER_MEDEWERKER))
    gezien = medewerker.get(f"/afnemers/{digid}/aankondigingen/{aankondiging['id']}")
    assert gezien.status_code == 200
    assert gezien.get_json()["reactie"]["status"] == "open"
    assert gezien.get_json()["reactieVereist"] is True
    assert _reageer(medewerker, digid, aankondiging["id"], "accepteren").status_code == 403
    beheerder = api.as_(token_voor(digid, Rol.AFNEMER_BEHEERDER))
    response = _reageer(beheerder, digid, aankondiging["id"], "accepteren")
    assert response.status_code == 201
    assert response.get_json()["reactie"]["gereageerdDoor"] == "test afnemer-beheerder"


def test_an_afnemer_sees_only_announcements_that_reached_it(api, token_voor, afnemers):
    """Tenant isolation (OWASP API1): another afnemer's announcement, reaction and list
    entries do not exist for this afnemer (404), even with the right ids."""
    digid, mo = afnemers["digid"]["id"], afnemers["mo"]["id"]
    alleen_mo = _kondig_aan(api, _voorwaardenwijziging(
        vandaag() + timedelta(days=40), document="mijnoverheid-voorwaarden", versie="3.0"))
    voor_allen = _kondig_aan(api, _voorwaardenwijziging(vandaag() + timedelta(days=40)))
    als_digid = api.as_(token_voor(digid, Rol.AFNEMER_BEHEERDER))
    lijst = als_digid.get(f"/afnemers/{digid}/aankondigingen").get_json()["resultaten"]
    assert [a["id"] for a in lijst] == [voor_allen["id"]]
    assert "ontvangers" not in lijst[0]
    assert als_digid.get(f"/afnemers/{digid}/aankondigingen/{alleen_mo['id']}"
                         ).status_code == 404
    assert _reageer(als_digid, digid, alleen_mo["id"], "afwijzen").status_code == 404
    assert als_digid.get(f"/afnemers/{mo}/aankondigingen").status_code == 404
    assert als_digid.get(f"/afnemers/{mo}/aankondigingen/{alleen_mo['id']}").status_code == 404
    assert _reageer(als_digid, mo, alleen_mo["id"], "afwijzen").status_code == 404
    # mo's own answer stays open, and is not visible to digid.
    assert _reageer(als_digid, mo, voor_allen["id"], "afwijzen").status_code == 404
    assert api.get(f"/afnemers/{mo}/aankondigingen/{voor_allen['id']}"
                   ).get_json()["reactie"]["status"] == "open"


def test_the_afnemer_list_filters_by_type_and_status(api, afnemers):
    digid = afnemers["digid"]["id"]
    wijziging = _kondig_aan(api, _voorwaardenwijziging(vandaag() + timedelta(days=40)))
    _kondig_aan(api, {"type": "storing", "titel": "Storing", "omschrijving": "x",
                      "dienst": "digid", "beginOp": datetime.now(UTC).isoformat()})
    url = f"/afnemers/{digid}/aankondigingen"
    assert len(api.get(url).get_json()["resultaten"]) == 2
    assert [a["type"] for a in api.get(url + "?type=storing").get_json()["resultaten"]] == [
        "storing"]
    assert [a["id"] for a in api.get(url + "?status=open").get_json()["resultaten"]] == [
        wijziging["id"]]
    assert len(api.get("/aankondigingen?type=voorwaardenwijziging").get_json()[
        "resultaten"]) == 1


def test_two_simultaneous_answers_record_one_and_refuse_the_other(app, api, afnemers,
                                                                  logius_token, monkeypatch):
    """Both requests arrive before either commits; the lock on the afnemer's row of the
    announcement makes the second wait and then see the first answer: 201 and 409, and
    one end of delivery, not two different outcomes."""
    import threading

    from core.aankondigingen import views
    from tests.conftest import Api

    digid = afnemers["digid"]["id"]
    aankondiging = _kondig_aan(api, _voorwaardenwijziging(vandaag() + timedelta(days=40)))
    houd_commits_samen(monkeypatch, views)
    answers: list = []

    def reageer(besluit):
        client = Api(app.test_client(), logius_token)
        response = _reageer(client, digid, aankondiging["id"], besluit)
        answers.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=reageer, args=(b,)) for b in ("accepteren", "afwijzen")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=15)
    monkeypatch.undo()
    assert sorted(status for status, _ in answers) == [201, 409]
    [(_, gegeven)] = [a for a in answers if a[0] == 201]
    [(_, conflict)] = [a for a in answers if a[0] == 409]
    assert conflict["code"] == "al-gereageerd"
    assert len(_logius_gebeurtenissen(app, "aankondiging.reactie")) == 1
    stand = api.get(f"/afnemers/{digid}/aankondigingen/{aankondiging['id']}").get_json()
    assert stand["reactie"] == gegeven["reactie"]


def test_a_change_date_more_than_ten_years_ahead_is_refused(api, afnemers):
    response = api.post("/aankondigingen", json=_voorwaardenwijziging(
        date(9999, 12, 31), document="onbekend"))
    assert response.status_code == 400
    assert _names(response) == {"wijzigingsdatum", "document"}
    _kondig_aan(api, _voorwaardenwijziging(plus_maanden(vandaag(), 12 * 10)))
