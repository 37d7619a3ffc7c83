"""Prognoses through the API: versions, field errors, plicht, DigiD capacity, Digipoort's
voorcalculatie, Logius' overview, reminders and the agenda (AV 2.5, SNO 3, DP tabel 1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from core.auth import tokens
from core.auth.principal import Rol
from core.db import db
from core.meldingen.models import Gebeurtenis
from core.meldingen.planner import plan
from core.plugins import PluginError
from core.tijd import vandaag
from core.uitbreidingen.bijdragen import uitbreidingen
from tests.conftest import _empty_tables, make_app

JAAR = vandaag().year
DIGID_PERIODE = f"{JAAR + 1}-04"


def _digid(maanden, piek):
    return {"authenticatiesPerMaand": maanden, "piekPerMinuut": piek}


@pytest.fixture
def digid(api, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    return afnemer, maak_aansluiting(afnemer["id"], dienst="digid")


def _dien_in(api, afnemer, aansluiting, formulier, periode=DIGID_PERIODE):
    return api.post(f"/afnemers/{afnemer['id']}/prognoses", json={
        "aansluitingId": aansluiting["id"], "periode": periode, "formulier": formulier})


def _plicht(api, afnemer, aansluiting):
    items = api.get(f"/afnemers/{afnemer['id']}/prognoseplicht").get_json()["resultaten"]
    return next(i for i in items if i["aansluitingId"] == aansluiting["id"])


def _events(app, type_):
    with app.app_context():
        return [g.data for g in db.session.scalars(
            select(Gebeurtenis).where(Gebeurtenis.type == type_)
            .order_by(Gebeurtenis.aangemaakt_op))]


def test_done_when_digid_thresholds_are_strict(api, digid):
    """4,999,999 a year, at most 1,000,000 a month and a peak of exactly 1,000: no
    prognosis due. One more authentication in the year (in a full month) makes one due."""
    afnemer, aansluiting = digid
    assert _plicht(api, afnemer, aansluiting)["verplicht"] is False  # nothing known yet
    grens = [1_000_000] * 4 + [999_999] + [0] * 7
    assert sum(grens) == 4_999_999
    eerste = _dien_in(api, afnemer, aansluiting, _digid(grens, 1_000))
    assert eerste.status_code == 201, eerste.get_json()
    plicht = _plicht(api, afnemer, aansluiting)
    assert plicht["verplicht"] is False and plicht["status"] == "niet-verplicht"
    assert plicht["artikel"] == "SNO 3 Capaciteitsbeheer"
    een_meer = [1_000_001] + grens[1:]
    tweede = _dien_in(api, afnemer, aansluiting, _digid(een_meer, 1_000))
    assert tweede.status_code == 201
    plicht = _plicht(api, afnemer, aansluiting)
    assert plicht["verplicht"] is True
    assert "1.000.000 in één maand" in plicht["reden"]
    assert plicht["status"] in ("actueel", "verwacht", "te-laat")
    assert plicht["uiterlijk"] is not None


def _verbruik(api, aansluiting, *regels):
    body = {"regels": [{"aansluitingId": aansluiting["id"], "metriek": "authenticaties",
                        "datum": datum, "aantal": aantal} for datum, aantal in regels]}
    response = api.post("/verbruik", json=body)
    assert response.status_code == 200, response.get_json()


def test_done_when_digid_thresholds_judged_on_last_years_usage(api, digid):
    """SNO 3 Capaciteitsbeheer on recorded usage of the previous calendar year: 4,999,999
    authentications, no month above 1,000,000: nothing due. One more authentication, in
    a month that already had 1,000,000, makes that month exceed its threshold."""
    afnemer, aansluiting = digid
    vorig = JAAR - 1
    _verbruik(api, aansluiting, *[(f"{vorig}-{m:02d}-01", 1_000_000) for m in (1, 2, 3, 4)],
              (f"{vorig}-05-01", 999_999))
    plicht = _plicht(api, afnemer, aansluiting)
    assert plicht["verplicht"] is False, plicht
    _verbruik(api, aansluiting, (f"{vorig}-01-02", 1))
    plicht = _plicht(api, afnemer, aansluiting)
    assert plicht["verplicht"] is True
    assert plicht["reden"].endswith("verbruik vorig jaar: meer dan 1.000.000 in één maand "
                                    "(1.000.001).")


def test_sno_3_the_yearly_usage_threshold_is_strict(api, digid):
    """Exactly 5,000,000 authentications a year (no month above 1,000,000) is not above
    the threshold; 5,000,001 is."""
    afnemer, aansluiting = digid
    vorig = JAAR - 1
    _verbruik(api, aansluiting, *[(f"{vorig}-{m:02d}-01", 1_000_000) for m in range(1, 6)])
    assert _plicht(api, afnemer, aansluiting)["verplicht"] is False
    _verbruik(api, aansluiting, (f"{vorig}-06-01", 1))
    plicht = _plicht(api, afnemer, aansluiting)
    assert plicht["verplicht"] is True
    assert "meer dan 5.000.000 authenticaties per jaar (5.000.001)" in plicht["reden"]


def test_every_submission_is_a_new_version(api, digid):
    afnemer, aansluiting = digid
    for piek in (100, 200, 300):
        response = _dien_in(api, afnemer, aansluiting, _digid([10] * 12, piek))
        assert response.status_code == 201
    body = response.get_json()
    assert body["nummer"] == 3 and body["aantalVersies"] == 3
    assert [v["formulier"]["piekPerMinuut"] for v in body["versies"]] == [300, 200, 100]
    eerste = body["versies"][-1]["id"]
    detail = api.get(f"/afnemers/{afnemer['id']}/prognoses/{eerste}").get_json()
    assert detail["nummer"] == 1 and detail["formulier"]["piekPerMinuut"] == 100
    assert len(detail["versies"]) == 3
    lijst = api.get(f"/afnemers/{afnemer['id']}/prognoses").get_json()["resultaten"]
    assert [(p["nummer"], p["formulier"]["piekPerMinuut"]) for p in lijst] == [(3, 300)]


def test_an_invalid_form_gets_field_level_errors(api, digid):
    afnemer, aansluiting = digid
    response = _dien_in(api, afnemer, aansluiting,
                        {"authenticatiesPerMaand": [1] * 11, "piekPerMinuut": -5, "extra": 1})
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    namen = {p["name"] for p in response.get_json()["invalidParams"]}
    assert namen == {"formulier.authenticatiesPerMaand", "formulier.piekPerMinuut",
                     "formulier.extra"}
    onbekend = _dien_in(api, afnemer, aansluiting, _digid([1] * 12, 1), periode="1999-01")
    assert onbekend.status_code == 400
    assert onbekend.get_json()["invalidParams"][0]["name"] == "periode"


def test_done_when_capacity_headroom(app, api, maak_afnemer, maak_aansluiting, token_voor):
    """Three prognoses with peaks of 4,000, 3,500 and 2,000 a minute leave 500 of the shared
    10,000 (SNO 1 Geldigheid); the third passes the 80 % warning share."""
    waarschuwingen = []
    for piek in (4_000, 3_500, 2_000):
        afnemer = maak_afnemer()
        aansluiting = maak_aansluiting(afnemer["id"], dienst="digid")
        response = _dien_in(api, afnemer, aansluiting, _digid([1] * 12, piek))
        assert response.status_code == 201
        waarschuwingen.append(response.get_json().get("waarschuwing"))
    assert waarschuwingen[:2] == [None, None] and waarschuwingen[2]
    view = api.get("/diensten/digid/capaciteit").get_json()
    assert (view["veld"], view["omgeving"]) == ("piekPerMinuut", "productie")
    assert view["limiet"] == 10_000 and view["artikel"] == "SNO 1 Geldigheid"
    assert view["totaal"] == 9_500
    assert view["ruimte"] == 500 and view["aansluitingen"] == 3
    assert view["waarschuwing"] is True and view["waarschuwingsdrempel"] == 0.8
    assert [b["waarde"] for b in view["grootsteBijdragers"]] == [4_000, 3_500, 2_000]
    [event] = _events(app, "prognose.capaciteit")
    assert (event["dienst"], event["totaal"], event["limiet"]) == ("digid", 9_500, 10_000)
    assert event["artikel"] == "SNO 3 Capaciteitsbeheer"
    als_afnemer = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    weigering = als_afnemer.get("/diensten/digid/capaciteit")
    assert weigering.status_code == 403
    assert weigering.content_type == "application/problem+json"


def test_a_dienst_without_a_shared_capacity_has_no_capacity_view(api):
    """Only a dienst that declares one (dienst_capaciteit) has a capacity view; DigiD's is
    SNO 1 Geldigheid, MijnOverheid declares none."""
    for pad, code in (("/diensten/mijnoverheid/capaciteit", 404),
                      ("/diensten/bestaat-niet/capaciteit", 404)):
        response = api.get(pad)
        assert response.status_code == code
        assert response.content_type == "application/problem+json"


def test_the_warning_share_is_a_setting_of_the_digid_plugin(database_urls):
    """SNO 1 Geldigheid sets the 10,000 a minute; from which share Logius hears of it is
    DigiD's setting capaciteit_waarschuwing, in percent, checked at start-up."""
    app = make_app(database_urls["sqlite"], DIENST_DIGID_CAPACITEIT_WAARSCHUWING="50")
    with app.app_context():
        capaciteit = uitbreidingen().capaciteit("digid")
        assert (capaciteit.limiet, capaciteit.waarschuwing_procent) == (10_000, 50)
        token = tokens.issue(naam="t", rol=Rol.LOGIUS_BEHEERDER, afnemer_id=None, door="t")
        db.session.commit()
    view = app.test_client().get("/api/v1/diensten/digid/capaciteit",
                                 headers={"Authorization": f"Bearer {token.token}"})
    assert view.get_json()["waarschuwingsdrempel"] == 0.5
    _empty_tables(app)
    with pytest.raises(PluginError, match=r"plugin 'digid'.*capaciteit_waarschuwing.*150"):
        make_app(database_urls["sqlite"], DIENST_DIGID_CAPACITEIT_WAARSCHUWING="150")


def test_a_digipoort_prognosis_sets_the_voorcalculatie(api, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer(type="gemeente")
    aansluiting = maak_aansluiting(afnemer["id"], dienst="digipoort",
                                   onderdelen=("e-factureren",))
    assert _plicht(api, afnemer, aansluiting)["verplicht"] is True
    response = _dien_in(api, afnemer, aansluiting, {"berichten": 900}, periode=str(JAAR + 1))
    assert response.status_code == 201, response.get_json()
    lijst = api.get(f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}"
                    "/voorcalculaties").get_json()["resultaten"]
    [vc_body] = [v for v in lijst if v["jaar"] == JAAR + 1]
    assert vc_body["volumes"] == [{"metriek": "berichten", "aantal": 900}]
    assert _plicht(api, afnemer, aansluiting)["status"] == "actueel"


def test_mijnoverheid_form_and_logius_overview(api, maak_afnemer, maak_aansluiting,
                                               token_voor):
    afnemer = maak_afnemer()
    aansluiting = maak_aansluiting(afnemer["id"], dienst="mijnoverheid",
                                   onderdelen=("berichtenbox",))
    fout = _dien_in(api, afnemer, aansluiting, {"berichtenPerMaand": [1, 2]},
                    periode=str(JAAR + 1))
    assert fout.get_json()["invalidParams"][0]["name"] == "formulier.berichtenPerMaand"
    ok = _dien_in(api, afnemer, aansluiting, {"berichtenPerMaand": [100] * 12},
                  periode=str(JAAR + 1))
    assert ok.status_code == 201
    overzicht = api.get("/prognoses/overzicht?paginaGrootte=100").get_json()["resultaten"]
    rij = next(r for r in overzicht if r["aansluitingId"] == aansluiting["id"])
    assert rij["afnemerId"] == afnemer["id"] and rij["status"] == "actueel"
    als_afnemer = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    assert als_afnemer.get("/prognoses/overzicht").status_code == 403


def test_reminders_before_the_deadline_and_when_overdue_once_each(
        app, api, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=("berichtenbox",))
    uiterlijk = date(JAAR + 1, 11, 1)  # after the aansluiting was made
    with app.app_context():
        assert plan(uiterlijk - timedelta(days=30)) == 0
        assert plan(uiterlijk - timedelta(days=10)) == 1
        assert plan(uiterlijk - timedelta(days=9)) == 0, "a reminder goes out once"
        assert plan(uiterlijk + timedelta(days=1)) == 1
        assert plan(uiterlijk + timedelta(days=2)) == 0
    vooraf = _events(app, "prognose.herinnering")
    te_laat = _events(app, "prognose.te-laat")
    assert [e["periode"] for e in vooraf] == [str(JAAR + 2)]
    assert vooraf[0]["dagenTotUiterlijk"] == 10
    assert [e["periode"] for e in te_laat] == [str(JAAR + 2)]


def test_the_agenda_lists_the_coming_prognosis_deadline(api, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=("berichtenbox",))
    items = api.get(f"/afnemers/{afnemer['id']}/deadlines?paginaGrootte=100").get_json()
    items = items.get("resultaten", items)
    prognoses = [d for d in items if d["soort"] == "prognose"]
    assert prognoses and all(d["artikel"] == "AV 2.5" for d in prognoses)


def test_an_integrator_reads_the_form_and_open_periods(api, maak_afnemer, token_voor):
    """AV 2.5: what to send, for which period and by when, without reading the code."""
    medewerker = api.as_(token_voor(maak_afnemer()["id"], Rol.AFNEMER_MEDEWERKER))
    body = medewerker.get("/diensten/digid/prognoseformulier").get_json()
    assert body["dienst"] == "digid" and body["artikel"] == "AV 2.5"
    assert DIGID_PERIODE in [p["id"] for p in body["perioden"]]
    schema = body["schema"]
    assert set(schema["required"]) == {"authenticatiesPerMaand", "piekPerMinuut"}
    maanden = schema["properties"]["authenticatiesPerMaand"]
    assert (maanden["type"], maanden["minItems"], maanden["maxItems"]) == ("array", 12, 12)
    assert medewerker.get("/diensten/vwo/prognoseformulier").status_code == 404
    assert medewerker.get("/diensten/bestaat-niet/prognoseformulier").status_code == 404
