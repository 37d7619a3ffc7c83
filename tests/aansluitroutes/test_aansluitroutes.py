"""Onboarding routes through the API, on both backends: deadlines in working days (with
holidays) and in calendar months after activation, late completion, dependencies,
evidence, owners, rejection with a reason, the status change a route holds back, the
calendar, reminders and Logius' pipeline.

The DigiD route is the public six-step route (DOMAIN.md 'How Logius works today'); the
Digipoort route follows DP 2.5, the MijnOverheid route MO 2.2 and MO 4.1.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from core.aansluitingen.models import Aansluiting
from core.aansluitroutes import service
from core.aansluitroutes.models import Routestand
from core.auth.principal import Rol
from core.db import db
from core.meldingen.models import Gebeurtenis

DIGID_STAPPEN = ["aanvraagformulier", "preproductie-gegevens", "preproductie-test",
                 "productie-aanvraag", "productie-aansluiting", "ict-beveiligingsassessment"]
BEWIJS = {"bewijs": "AF-2027-0001"}


@pytest.fixture
def digid(maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    return afnemer, maak_aansluiting(afnemer["id"])


def _pad(afnemer, aansluiting, suffix=""):
    return f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}/route{suffix}"


def _stappen(api, afnemer, aansluiting) -> dict[str, dict]:
    response = api.get(_pad(afnemer, aansluiting))
    assert response.status_code == 200, response.get_json()
    return {s["stap"]: s for s in response.get_json()["stappen"]}


def _afronden(api, afnemer, aansluiting, stap, **body):
    return api.post(_pad(afnemer, aansluiting, f"/{stap}/afronden"), json=body)


def _zet(app, aansluiting, stap=None, **waarden):
    """Move a recorded moment back in time, as if it had happened then."""
    with app.app_context():
        if stap is None:
            db.session.execute(update(Aansluiting).where(
                Aansluiting.id == uuid.UUID(aansluiting["id"])).values(**waarden))
        else:
            db.session.execute(update(Routestand).where(
                Routestand.aansluiting_id == uuid.UUID(aansluiting["id"]),
                Routestand.stap == stap).values(**waarden))
        db.session.commit()


def _activeer(api, afnemer, aansluiting):
    pad = f"/afnemers/{afnemer['id']}/aansluitingen/{aansluiting['id']}"
    return api.post(f"{pad}/statuswijzigingen", json={"status": "actief"},
                    headers={"If-Match": api.get(pad).headers["ETag"]})


def test_the_digid_route_has_six_steps_with_owner_source_and_kind_of_source(api, digid):
    """DOMAIN.md 'How Logius works today': aanvraagformulier first, pre-production
    credentials from Logius, the ICT security assessment last; the steps in between are
    marked as assumptions."""
    afnemer, aansluiting = digid
    body = api.get(_pad(afnemer, aansluiting)).get_json()
    assert [s["stap"] for s in body["stappen"]] == DIGID_STAPPEN
    stappen = {s["stap"]: s for s in body["stappen"]}
    assert stappen["aanvraagformulier"]["status"] == "open"
    assert stappen["aanvraagformulier"]["aanZet"] == "afnemer"
    assert stappen["preproductie-gegevens"]["status"] == "wacht-op-afhankelijkheid"
    assert stappen["preproductie-gegevens"]["wachtOp"] == ["aanvraagformulier"]
    assert stappen["preproductie-gegevens"]["eigenaar"] == "logius"
    assert stappen["preproductie-gegevens"]["termijn"] == "5 werkdagen na stap aanvraagformulier"
    assert {s["bronsoort"] for s in body["stappen"]} == {"publieke-informatie", "aanname"}
    assert stappen["preproductie-test"]["bronsoort"] == "aanname"
    assert stappen["ict-beveiligingsassessment"]["uiterlijk"] is None  # not active yet
    assert body["gevolgd"] is False


def test_pre_production_aansluiting_has_no_route(api, maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    pre = maak_aansluiting(afnemer["id"], omgeving="pre-productie")
    response = api.get(_pad(afnemer, pre))
    assert response.status_code == 404 and response.get_json()["code"] == "geen-route"


def test_credentials_due_5_working_days_later_skipping_easter_monday(app, api, digid,
                                                                     token_voor):
    """Public route, step 2: about 5 working days after the aanvraagformulier. Completed on
    Wednesday 24 March 2027, the fifth working day is Thursday 1 April: the weekend and
    Easter Monday (29 March) do not count."""
    afnemer, aansluiting = digid
    beheerder = api.as_(token_voor(afnemer["id"]))
    assert _afronden(beheerder, afnemer, aansluiting, "aanvraagformulier",
                     **BEWIJS).status_code == 200
    _zet(app, aansluiting, "aanvraagformulier",
         afgerond_op=datetime(2027, 3, 24, 9, 0, tzinfo=UTC))
    stap = _stappen(api, afnemer, aansluiting)["preproductie-gegevens"]
    assert stap["uiterlijk"] == "2027-04-01"
    assert stap["status"] == "open" and stap["aanZet"] == "logius"


@pytest.mark.parametrize(("geactiveerd", "uiterlijk"), [
    (datetime(2026, 12, 31, 12, 0, tzinfo=UTC), "2027-02-28"),  # clamped to February's end
    (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "2027-03-01"),  # 1 January in Amsterdam
])
def test_security_assessment_due_two_calendar_months_after_activation(
        app, api, digid, geactiveerd, uiterlijk):
    """Public route, step 6 (DOMAIN.md 'Reading periods'): two calendar months after going
    to production, the day number kept, the day taken in Europe/Amsterdam."""
    afnemer, aansluiting = digid
    assert _activeer(api, afnemer, aansluiting).status_code == 201  # route not followed
    _zet(app, aansluiting, geactiveerd_op=geactiveerd)
    stap = _stappen(api, afnemer, aansluiting)["ict-beveiligingsassessment"]
    assert stap["uiterlijk"] == uiterlijk
    assert stap["termijn"] == "2 kalendermaanden na activering"
    assert stap["bewijsGevraagd"] == "document"


def test_a_step_completed_after_its_deadline_is_recorded_late_not_refused(app, api, digid,
                                                                           token_voor):
    afnemer, aansluiting = digid
    beheerder = api.as_(token_voor(afnemer["id"]))
    _afronden(beheerder, afnemer, aansluiting, "aanvraagformulier", **BEWIJS)
    _zet(app, aansluiting, "aanvraagformulier",
         afgerond_op=datetime.now(UTC) - timedelta(days=30))
    open_ = _stappen(api, afnemer, aansluiting)["preproductie-gegevens"]
    assert open_["teLaat"] is True
    response = _afronden(api, afnemer, aansluiting, "preproductie-gegevens")
    assert response.status_code == 200, response.get_json()
    stap = {s["stap"]: s for s in response.get_json()["stappen"]}["preproductie-gegevens"]
    assert stap["status"] == "te-laat-afgerond" and stap["teLaat"] is True
    assert stap["uiterlijk"] == open_["uiterlijk"] and stap["afgerondOp"]
    op_tijd = _stappen(api, afnemer, aansluiting)["aanvraagformulier"]
    assert op_tijd["status"] == "afgerond" and op_tijd["teLaat"] is False


def test_evidence_is_required_where_the_step_asks_for_it(api, digid, token_voor):
    afnemer, aansluiting = digid
    beheerder = api.as_(token_voor(afnemer["id"]))
    response = _afronden(beheerder, afnemer, aansluiting, "aanvraagformulier")
    assert response.status_code == 400
    assert [p["name"] for p in response.get_json()["invalidParams"]] == ["bewijs"]
    assert _stappen(api, afnemer, aansluiting)["aanvraagformulier"]["status"] == "open"


def test_dependencies_must_be_done_409_naming_them(api, digid, token_voor):
    afnemer, aansluiting = digid
    beheerder = api.as_(token_voor(afnemer["id"]))
    response = _afronden(beheerder, afnemer, aansluiting, "preproductie-test",
                         bewijs="TR-1")
    assert response.status_code == 409
    assert response.get_json()["openStappen"] == ["preproductie-gegevens"]
    assert "preproductie-gegevens" in response.get_json()["detail"]


def test_only_the_owner_completes_a_step(api, digid, token_voor):
    afnemer, aansluiting = digid
    beheerder = api.as_(token_voor(afnemer["id"]))
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    assert _afronden(api, afnemer, aansluiting, "aanvraagformulier",
                     **BEWIJS).status_code == 403  # Logius, on the afnemer's step
    assert _afronden(medewerker, afnemer, aansluiting, "aanvraagformulier",
                     **BEWIJS).status_code == 403  # read only
    assert _afronden(beheerder, afnemer, aansluiting, "aanvraagformulier",
                     **BEWIJS).status_code == 200
    response = _afronden(beheerder, afnemer, aansluiting, "preproductie-gegevens")
    assert response.status_code == 403 and response.get_json()["code"] == "niet-de-eigenaar"
    assert _afronden(api, afnemer, aansluiting, "preproductie-gegevens").status_code == 200
    assert _afronden(api, afnemer, aansluiting, "bestaat-niet").status_code == 404


def test_logius_rejects_a_step_with_a_reason_and_it_is_open_again(app, api, digid,
                                                                  token_voor):
    afnemer, aansluiting = digid
    beheerder = api.as_(token_voor(afnemer["id"]))
    _afronden(beheerder, afnemer, aansluiting, "aanvraagformulier", **BEWIJS)
    pad = _pad(afnemer, aansluiting, "/aanvraagformulier/afwijzen")
    zonder = api.post(pad, json={})
    assert zonder.status_code == 400
    assert [p["name"] for p in zonder.get_json()["invalidParams"]] == ["reden"]
    assert beheerder.post(pad, json={"reden": "x"}).status_code == 403
    reden = "Het formulier is niet ondertekend door een bevoegd persoon."
    assert api.post(pad, json={"reden": reden}).status_code == 200
    stappen = _stappen(beheerder, afnemer, aansluiting)
    assert stappen["aanvraagformulier"]["status"] == "afgewezen"
    assert stappen["aanvraagformulier"]["redenAfwijzing"] == reden
    assert stappen["aanvraagformulier"]["aanZet"] == "afnemer"
    assert stappen["preproductie-gegevens"]["status"] == "wacht-op-afhankelijkheid"
    assert api.post(pad, json={"reden": reden}).status_code == 409  # not completed now
    with app.app_context():
        event = db.session.scalars(select(Gebeurtenis).where(
            Gebeurtenis.type == "aansluitroute.afgewezen")).one()
        assert event.data["reden"] == reden and str(event.afnemer_id) == afnemer["id"]
    assert _afronden(beheerder, afnemer, aansluiting, "aanvraagformulier",
                     bewijs="AF-2").status_code == 200
    assert _stappen(api, afnemer, aansluiting)["aanvraagformulier"]["status"] == "afgerond"


def test_activation_waits_for_the_steps_that_unlock_it_once_the_route_is_followed(
        api, digid, token_voor):
    afnemer, aansluiting = digid
    beheerder = api.as_(token_voor(afnemer["id"]))
    _afronden(beheerder, afnemer, aansluiting, "aanvraagformulier", **BEWIJS)
    response = _activeer(api, afnemer, aansluiting)
    assert response.status_code == 409, response.get_json()
    assert response.get_json()["openStappen"] == DIGID_STAPPEN[1:5]
    _afronden(api, afnemer, aansluiting, "preproductie-gegevens")
    _afronden(beheerder, afnemer, aansluiting, "preproductie-test", bewijs="TR-7")
    _afronden(beheerder, afnemer, aansluiting, "productie-aanvraag")
    assert _activeer(api, afnemer, aansluiting).get_json()["openStappen"] == [
        "productie-aansluiting"]
    _afronden(api, afnemer, aansluiting, "productie-aansluiting")
    assert _activeer(api, afnemer, aansluiting).status_code == 201
    stap = _stappen(api, afnemer, aansluiting)["ict-beveiligingsassessment"]
    assert stap["status"] == "open" and stap["uiterlijk"]


def test_open_deadlines_in_the_calendar_and_reminders_through_the_outbox(
        app, api, digid, token_voor):
    afnemer, aansluiting = digid
    beheerder = api.as_(token_voor(afnemer["id"]))
    _afronden(beheerder, afnemer, aansluiting, "aanvraagformulier", **BEWIJS)
    uiterlijk = date.fromisoformat(
        _stappen(api, afnemer, aansluiting)["preproductie-gegevens"]["uiterlijk"])
    items = api.get(f"/afnemers/{afnemer['id']}/deadlines?paginaGrootte=100").get_json()
    route = [d for d in items["resultaten"] if d["soort"] == "aansluitroute"]
    assert [d["datum"] for d in route] == [uiterlijk.isoformat()]
    assert route[0]["bron"].endswith(f"/aansluitingen/{aansluiting['id']}/route")
    with app.app_context():
        assert service.herinner(uiterlijk - timedelta(days=service.HERINNERING_DAGEN + 1)) == 0
        assert service.herinner(uiterlijk - timedelta(days=2)) == 1
        assert service.herinner(uiterlijk - timedelta(days=1)) == 0, "once"
        assert service.herinner(uiterlijk + timedelta(days=1)) == 1
        assert service.herinner(uiterlijk + timedelta(days=2)) == 0
        typen = [(g.type, g.afnemer_id) for g in db.session.scalars(
            select(Gebeurtenis).where(Gebeurtenis.type.like("aansluitroute.%"))
            .order_by(Gebeurtenis.aangemaakt_op))]
    # A step of Logius: the reminder and the overdue notice go to Logius.
    assert typen == [("aansluitroute.logius-herinnering", None),
                     ("aansluitroute.logius-te-laat", None)]


def test_an_afnemer_is_reminded_of_its_own_step_and_told_when_it_is_late(
        app, api, digid, token_voor):
    """Public route, step 6: the assessment is the afnemer's; its reminder and overdue
    notice are events for the afnemer (webhooks and e-mail), not for Logius."""
    afnemer, aansluiting = digid
    beheerder = api.as_(token_voor(afnemer["id"]))
    _afronden(beheerder, afnemer, aansluiting, "aanvraagformulier", **BEWIJS)
    _afronden(api, afnemer, aansluiting, "preproductie-gegevens")
    _afronden(beheerder, afnemer, aansluiting, "preproductie-test", bewijs="TR-7")
    _afronden(beheerder, afnemer, aansluiting, "productie-aanvraag")
    _afronden(api, afnemer, aansluiting, "productie-aansluiting")
    assert _activeer(api, afnemer, aansluiting).status_code == 201
    uiterlijk = date.fromisoformat(
        _stappen(api, afnemer, aansluiting)["ict-beveiligingsassessment"]["uiterlijk"])
    with app.app_context():
        assert service.herinner(uiterlijk - timedelta(days=3)) == 1
        assert service.herinner(uiterlijk + timedelta(days=1)) == 1
        typen = [(g.type, str(g.afnemer_id), g.data["stap"]) for g in db.session.scalars(
            select(Gebeurtenis).where(Gebeurtenis.type.like("aansluitroute.%"))
            .order_by(Gebeurtenis.aangemaakt_op))]
    assert typen == [("aansluitroute.herinnering", afnemer["id"], "ict-beveiligingsassessment"),
                     ("aansluitroute.te-laat", afnemer["id"], "ict-beveiligingsassessment")]


def test_the_pipeline_counts_times_and_overdue_steps_for_logius_only(
        app, api, maak_afnemer, maak_aansluiting, token_voor):
    afnemers = [maak_afnemer() for _ in range(3)]
    aansluitingen = [maak_aansluiting(a["id"]) for a in afnemers]
    for afnemer, aansluiting, dagen in zip(afnemers, aansluitingen, (1, 2, 10), strict=True):
        beheerder = api.as_(token_voor(afnemer["id"]))
        _afronden(beheerder, afnemer, aansluiting, "aanvraagformulier", **BEWIJS)
        _zet(app, aansluiting, "aanvraagformulier",
             open_sinds=datetime.now(UTC) - timedelta(days=dagen + 20),
             afgerond_op=datetime.now(UTC) - timedelta(days=20))
    # Two of three still at Logius' step, both overdue; the third got its credentials.
    _afronden(api, afnemers[2], aansluitingen[2], "preproductie-gegevens")
    response = api.get("/aansluitroutes/pijplijn?dienst=digid")
    assert response.status_code == 200, response.get_json()
    (dienst,) = response.get_json()["diensten"]
    stappen = {s["stap"]: s for s in dienst["stappen"]}
    assert stappen["aanvraagformulier"]["aantal"] == 0
    assert stappen["aanvraagformulier"]["afgerond"] == 3
    assert stappen["aanvraagformulier"]["doorlooptijdMediaanDagen"] == pytest.approx(2, abs=0.01)
    assert stappen["aanvraagformulier"]["doorlooptijdP90Dagen"] == pytest.approx(8.4, abs=0.01)
    assert stappen["preproductie-gegevens"]["aantal"] == 2
    te_laat = stappen["preproductie-gegevens"]["teLaat"]
    assert sorted(t["aansluitingId"] for t in te_laat) == sorted(
        a["id"] for a in aansluitingen[:2])
    assert {t["afnemerId"] for t in te_laat} == {a["id"] for a in afnemers[:2]}
    assert stappen["preproductie-test"]["aantal"] == 1
    csv = api.get("/aansluitroutes/pijplijn?dienst=digid", headers={"Accept": "text/csv"})
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    regels = csv.get_data(as_text=True).splitlines()
    assert regels[0].startswith("dienst,stap,naam,eigenaar,aantal")
    regel = next(r for r in regels if ",preproductie-gegevens," in r)
    assert f"{afnemers[0]['id']}/{aansluitingen[0]['id']}" in regel
    beheerder = api.as_(token_voor(afnemers[0]["id"]))
    assert beheerder.get("/aansluitroutes/pijplijn").status_code == 403
    assert api.get("/aansluitroutes/pijplijn?dienst=bestaat-niet").status_code == 404


def test_digipoort_and_mijnoverheid_routes_follow_their_documents(
        api, maak_afnemer, maak_aansluiting):
    """DP 2.5: aanvraag, begeleiding, startmail, kick-off, planning, network, chain tests;
    MO 2.2 and MO 4.1 for MijnOverheid."""
    afnemer = maak_afnemer()
    dp = maak_aansluiting(afnemer["id"], dienst="digipoort", onderdelen=("e-factureren",))
    stappen = list(_stappen(api, afnemer, dp).values())
    assert [s["stap"] for s in stappen] == [
        "aanvraag", "begeleiding-kiezen", "startmail", "kick-off", "aansluitplanning",
        "netwerkconfiguratie", "ketentest", "productie"]
    assert all(s["bron"].startswith("DP 2.5") for s in stappen[:-1])
    assert stappen[-1]["bronsoort"] == "aanname" and stappen[-1]["ontgrendelt"] == "actief"
    mo = maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=("berichtenbox",))
    stappen = list(_stappen(api, afnemer, mo).values())
    assert [s["bron"] for s in stappen[:2]] == ["MO 2.2", "MO 4.1"]


def _proefroute(**anders):
    from core.sdk import Aansluitroute, Bronsoort, Partij, Routestap

    return Aansluitroute(**{"naam": "Aansluiten op Proef", "bron": "Voorwaarden Proef 1.0",
                            "stappen": (Routestap("aanvraag", "Aanvraag", Partij.AFNEMER,
                                                  "Voorwaarden Proef 1.0 art. 1",
                                                  Bronsoort.BRONDOCUMENT),), **anders})


@pytest.mark.parametrize(("stappen", "fout"), [
    ((("b", ("a",)),), r"wacht op \['a'\], die niet eerder"),
    ((("a", ()), ("a", ())), "twee keer"),
    ((("a", ()), ("b", ("a",), "c")), "telt vanaf 'c'"),
])
def test_a_route_checks_its_own_steps(stappen, fout):
    from core.sdk import Bronsoort, Eenheid, Partij, Routestap, Routetermijn, Termijn

    def stap(slug, na, termijn_na=None):
        termijn = Routetermijn(Termijn(1, Eenheid.WERKDAGEN), termijn_na) if termijn_na else None
        return Routestap(slug, slug, Partij.AFNEMER, "art. 1", Bronsoort.AANNAME, na=na,
                         termijn=termijn)

    with pytest.raises(ValueError, match=fout):
        _proefroute(stappen=tuple(stap(*s) for s in stappen))
    with pytest.raises(ValueError, match="eigenaar is afnemer of logius"):
        Routestap("a", "a", Partij.BEIDE, "art. 1", Bronsoort.AANNAME)
    with pytest.raises(ValueError, match="eenheid is werkdagen"):
        Routetermijn(Termijn(1, Eenheid.UREN), "a")


def test_hook_dienst_route(database_urls):
    """A route is checked against its dienst at start-up, and kept for it; each built-in
    dienst declares one for production."""
    from core.app import create_app
    from core.hookspecs import hookimpl
    from core.plugins import Diensten, PluginError, build_plugin_manager
    from core.uitbreidingen.bijdragen import Uitbreidingen, uitbreidingen
    from tests import conftest
    from tests.plugins.proef import plugin as proef

    def plugin(route):
        hooks = {"dienst_info": proef.dienst_info, "dienst_voorwaarden": proef.dienst_voorwaarden,
                 "dienst_route": lambda: route}
        return type("Inline", (), {n: staticmethod(hookimpl(f)) for n, f in hooks.items()})

    def start(route):
        app = create_app({"DATABASE_URL": database_urls["sqlite"], "TESTING": True,
                          "SECRET_KEY": "test"}, plugins=[("proef", plugin(route))])
        conftest._open_apps.append(app)
        return app

    with pytest.raises(PluginError, match=r"plugin 'proef': dienst_route: omgevingen "
                                          r"\['acceptatie'\] heeft de dienst niet"):
        start(_proefroute(omgevingen=("acceptatie",)))
    with pytest.raises(PluginError, match="dienst_route gaf geen Aansluitroute"):
        start({"naam": "route"})
    app = start(_proefroute())
    with app.app_context():
        assert uitbreidingen().route("proef") == _proefroute()
    pm = build_plugin_manager()
    gedeeld = Uitbreidingen(pm, Diensten(pm), {})
    assert {s: gedeeld.route(s).omgevingen for s in ("digid", "digipoort", "mijnoverheid")} == {
        "digid": ("productie",), "digipoort": ("productie",), "mijnoverheid": ("productie",)}
    assert gedeeld.route("vwo") is None
