"""``/afnemers/{id}/aansluitingen``: connections, their plugin-declared choices and lifecycle.

The lifecycle is aangevraagd -> actief -> opgeschort -> actief | beeindigd. Suspending
needs a ground and a written reason (AV 5.3, AV 5.4); the signing date of the
aanvraagformulier starts the terms and cannot lie ahead (AV 11.1).
"""

from __future__ import annotations

import threading
import uuid
from datetime import date, timedelta

import pytest

from core.auth.principal import Rol
from core.tijd import vandaag
from tests.support.gelijktijdig import houd_commits_samen


def _url(afnemer_id, aansluiting_id=None, suffix="") -> str:
    url = f"/afnemers/{afnemer_id}/aansluitingen"
    return (f"{url}/{aansluiting_id}" if aansluiting_id else url) + suffix


def _names(response) -> set[str]:
    return {p["name"] for p in response.get_json()["invalidParams"]}


def _body(**overrides) -> dict:
    return {"dienst": "digid", "omgeving": "productie", "onderdelen": ["midden"],
            "aanvraagOndertekendOp": "2026-01-15", **overrides}


def _etag(api, afnemer_id, aansluiting_id) -> str:
    return api.get(_url(afnemer_id, aansluiting_id)).headers["ETag"]


def _wijzig(api, afnemer_id, aansluiting_id, status, *, etag=None, **extra):
    """POST a statuswijziging with the aansluiting's current ETag (read as Logius)."""
    return api.post(
        _url(afnemer_id, aansluiting_id, "/statuswijzigingen"),
        json={"status": status, **extra},
        headers={"If-Match": etag or _etag(api, afnemer_id, aansluiting_id)},
    )


def _geschiedenis(api, afnemer_id, aansluiting_id) -> list[dict]:
    response = api.get(_url(afnemer_id, aansluiting_id, "/statuswijzigingen"))
    assert response.status_code == 200
    return response.get_json()["resultaten"]


OPSCHORTING = {"grondslag": "AV 5.3", "reden": "Beveiligingseisen (AV 5.2) niet op tijd gehaald."}


@pytest.fixture
def afnemer(maak_afnemer) -> dict:
    return maak_afnemer("gemeente")


@pytest.fixture
def actief(api, afnemer, maak_aansluiting) -> dict:
    """An aansluiting Logius has activated."""
    aansluiting = maak_aansluiting(afnemer["id"])
    assert _wijzig(api, afnemer["id"], aansluiting["id"], "actief").status_code == 201
    return api.get(_url(afnemer["id"], aansluiting["id"])).get_json()


# --- create ------------------------------------------------------------------------------


def test_a_new_aansluiting_starts_as_aangevraagd_with_one_history_step(api, afnemer):
    response = api.post(_url(afnemer["id"]), json=_body(onderdelen=["basis", "midden"]))
    assert response.status_code == 201
    created = response.get_json()
    assert created["dienst"] == "digid"
    assert created["omgeving"] == "productie"
    assert created["onderdelen"] == ["basis", "midden"]
    assert created["status"] == "aangevraagd"
    assert created["aanvraagOndertekendOp"] == "2026-01-15"
    assert created["geactiveerdOp"] is None and created["beeindigdOp"] is None
    assert created["opschortingGrondslag"] is None and created["opschortingReden"] is None
    assert response.headers["Location"].endswith(
        f"/api/v1/afnemers/{afnemer['id']}/aansluitingen/{created['id']}")
    assert response.headers["ETag"]
    assert api.get(_url(afnemer["id"], created["id"])).get_json() == created
    [stap] = _geschiedenis(api, afnemer["id"], created["id"])
    assert stap["van"] is None and stap["status"] == "aangevraagd"
    assert stap["door"] == "test logius-beheerder"


@pytest.mark.parametrize(("dienst", "omgeving", "onderdelen"), [
    ("digid", "productie", ["basis", "midden", "substantieel"]),
    ("digid", "pre-productie", ["substantieel"]),
    ("mijnoverheid", "productie", ["berichtenbox", "persoonlijke-gegevens", "lopende-zaken"]),
    ("mijnoverheid", "pre-productie", ["lopende-zaken"]),
    ("digipoort", "productie", ["e-factureren", "digiinkoop"]),
    ("digipoort", "pre-productie", ["digiinkoop"]),
    ("vwo", "productie", []),
])
def test_every_dienst_accepts_what_its_plugin_declares(api, afnemer, dienst, omgeving, onderdelen):
    response = api.post(_url(afnemer["id"]), json=_body(
        dienst=dienst, omgeving=omgeving, onderdelen=onderdelen))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["onderdelen"] == onderdelen


def test_signing_date_is_required_av_11_1(api, afnemer):
    body = _body()
    del body["aanvraagOndertekendOp"]
    response = api.post(_url(afnemer["id"]), json=body)
    assert response.status_code == 400
    assert _names(response) == {"aanvraagOndertekendOp"}
    assert response.get_json()["invalidParams"][0]["code"] == "required"
    for waarde in (None, "15-01-2026", "2026-02-30", "gisteren"):
        response = api.post(_url(afnemer["id"]), json=_body(aanvraagOndertekendOp=waarde))
        assert response.status_code == 400, waarde
        assert _names(response) == {"aanvraagOndertekendOp"}


def test_signing_date_in_the_future_is_refused_av_11_1(api, afnemer):
    morgen = vandaag() + timedelta(days=1)
    response = api.post(_url(afnemer["id"]), json=_body(aanvraagOndertekendOp=morgen.isoformat()))
    assert response.status_code == 400
    assert _names(response) == {"aanvraagOndertekendOp"}
    assert "toekomst" in response.get_json()["invalidParams"][0]["reason"]
    assert api.get(_url(afnemer["id"])).get_json()["resultaten"] == []


def test_signing_today_or_long_ago_is_accepted_av_11_1(api, maak_afnemer):
    for datum in (vandaag(), date(2004, 1, 1)):
        afnemer = maak_afnemer()
        response = api.post(_url(afnemer["id"]), json=_body(aanvraagOndertekendOp=datum.isoformat()))
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["aanvraagOndertekendOp"] == datum.isoformat()


def test_unknown_dienst_is_400_naming_dienst_and_listing_the_diensten(api, afnemer):
    response = api.post(_url(afnemer["id"]), json=_body(dienst="eherkenning"))
    assert response.status_code == 400
    assert _names(response) == {"dienst"}
    reason = response.get_json()["invalidParams"][0]["reason"]
    for slug in ("digid", "mijnoverheid", "digipoort", "vwo"):
        assert slug in reason


def test_unknown_omgeving_is_400_naming_omgeving(api, afnemer):
    response = api.post(_url(afnemer["id"]), json=_body(omgeving="acceptatie"))
    assert response.status_code == 400
    assert _names(response) == {"omgeving"}
    assert "pre-productie" in response.get_json()["invalidParams"][0]["reason"]


def test_an_onderdeel_of_another_dienst_is_400_naming_onderdelen(api, afnemer):
    response = api.post(_url(afnemer["id"]), json=_body(onderdelen=["midden", "berichtenbox"]))
    assert response.status_code == 400
    assert _names(response) == {"onderdelen"}
    assert "berichtenbox" in response.get_json()["invalidParams"][0]["reason"]


def test_a_duplicate_onderdeel_is_400_naming_onderdelen(api, afnemer):
    response = api.post(_url(afnemer["id"]), json=_body(onderdelen=["midden", "midden"]))
    assert response.status_code == 400
    assert _names(response) == {"onderdelen"}


def test_a_dienst_with_required_onderdelen_needs_at_least_one(api, afnemer):
    for dienst in ("digid", "mijnoverheid", "digipoort"):
        response = api.post(_url(afnemer["id"]), json=_body(dienst=dienst, onderdelen=[]))
        assert response.status_code == 400, dienst
        assert _names(response) == {"onderdelen"}


def test_vwo_has_no_onderdelen_and_only_productie(api, afnemer):
    response = api.post(_url(afnemer["id"]), json=_body(dienst="vwo", onderdelen=["midden"]))
    assert response.status_code == 400
    assert _names(response) == {"onderdelen"}
    response = api.post(_url(afnemer["id"]), json=_body(dienst="vwo", omgeving="pre-productie",
                                                         onderdelen=[]))
    assert response.status_code == 400
    assert _names(response) == {"omgeving"}


@pytest.mark.parametrize("soort", ["rijksoverheid", "provincie", "waterschap",
                                   "overige niet-rijksoverheid", "bedrijf"])
def test_the_verwerkersovereenkomst_gemeenten_is_only_for_gemeenten_vwo(api, maak_afnemer, soort):
    afnemer = maak_afnemer(soort)
    response = api.post(_url(afnemer["id"]), json=_body(dienst="vwo", onderdelen=[]))
    assert response.status_code == 400
    assert _names(response) == {"dienst"}
    assert "gemeente" in response.get_json()["invalidParams"][0]["reason"]
    # The other diensten are open to every type of afnemer.
    assert api.post(_url(afnemer["id"]), json=_body()).status_code == 201


def test_all_field_errors_come_at_once(api, afnemer):
    morgen = (vandaag() + timedelta(days=1)).isoformat()
    response = api.post(_url(afnemer["id"]), json={
        "dienst": "digid", "omgeving": "test", "onderdelen": ["hoog", "hoog"],
        "aanvraagOndertekendOp": morgen, "status": "actief"})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert _names(response) == {"omgeving", "onderdelen", "aanvraagOndertekendOp", "status"}
    for param in response.get_json()["invalidParams"]:
        assert set(param) == {"name", "code", "reason"}
    response = api.post(_url(afnemer["id"]), json={"onderdelen": "midden"})
    assert response.status_code == 400
    assert _names(response) == {"dienst", "omgeving", "onderdelen", "aanvraagOndertekendOp"}


# --- one live aansluiting per dienst and omgeving ----------------------------------------


def test_a_second_live_aansluiting_on_the_same_dienst_and_omgeving_is_409(
    api, afnemer, maak_aansluiting
):
    eerste = maak_aansluiting(afnemer["id"], dienst="digid", omgeving="productie")
    response = api.post(_url(afnemer["id"]), json=_body(onderdelen=["basis"]))
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "aansluiting-bestaat-al"
    assert response.get_json()["bestaandeAansluiting"] == eerste["id"]
    assert len(api.get(_url(afnemer["id"])).get_json()["resultaten"]) == 1


def test_the_other_omgeving_or_another_afnemer_is_no_conflict(api, maak_afnemer, maak_aansluiting):
    a, b = maak_afnemer(), maak_afnemer()
    maak_aansluiting(a["id"], dienst="digid", omgeving="productie")
    maak_aansluiting(a["id"], dienst="digid", omgeving="pre-productie")
    maak_aansluiting(a["id"], dienst="digipoort", omgeving="productie", onderdelen=["digiinkoop"])
    maak_aansluiting(b["id"], dienst="digid", omgeving="productie")


@pytest.mark.parametrize("pad", [["actief"], ["actief", "opgeschort"]])
def test_a_suspended_or_active_aansluiting_still_blocks_a_new_one(
    api, afnemer, maak_aansluiting, pad
):
    aansluiting = maak_aansluiting(afnemer["id"])
    for status in pad:
        extra = OPSCHORTING if status == "opgeschort" else {}
        assert _wijzig(api, afnemer["id"], aansluiting["id"], status, **extra).status_code == 201
    assert api.post(_url(afnemer["id"]), json=_body()).status_code == 409


def test_after_termination_the_same_dienst_can_be_requested_again(api, afnemer, maak_aansluiting):
    oud = maak_aansluiting(afnemer["id"])
    assert _wijzig(api, afnemer["id"], oud["id"], "beeindigd").status_code == 201
    response = api.post(_url(afnemer["id"]), json=_body())
    assert response.status_code == 201
    assert response.get_json()["id"] != oud["id"]
    assert api.post(_url(afnemer["id"]), json=_body()).status_code == 409
    statussen = sorted(a["status"] for a in api.get(_url(afnemer["id"])).get_json()["resultaten"])
    assert statussen == ["aangevraagd", "beeindigd"]


# --- read, list, filter ------------------------------------------------------------------


def test_list_filters_by_dienst_and_status(api, afnemer, maak_aansluiting, actief):
    mo = maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=["berichtenbox"])

    def ids(query):
        response = api.get(_url(afnemer["id"]) + query)
        assert response.status_code == 200
        return [a["id"] for a in response.get_json()["resultaten"]]

    assert ids("?dienst=mijnoverheid") == [mo["id"]]
    assert ids("?status=actief") == [actief["id"]]
    assert ids("?status=aangevraagd") == [mo["id"]]
    assert ids("?dienst=digid&status=aangevraagd") == []
    assert sorted(ids("")) == sorted([mo["id"], actief["id"]])
    response = api.get(_url(afnemer["id"]) + "?status=slapend")
    assert response.status_code == 400
    assert _names(response) == {"status"}


def test_an_unknown_aansluiting_is_404(api, afnemer):
    onbekend = uuid.uuid4()
    assert api.get(_url(afnemer["id"], onbekend)).status_code == 404
    assert api.get(_url(afnemer["id"], onbekend, "/statuswijzigingen")).status_code == 404
    response = api.post(_url(afnemer["id"], onbekend, "/statuswijzigingen"),
                        json={"status": "actief"}, headers={"If-Match": "*"})
    assert response.status_code == 404


# --- lifecycle ---------------------------------------------------------------------------


def test_logius_activates_an_aangevraagd_aansluiting(api, afnemer, maak_aansluiting):
    aansluiting = maak_aansluiting(afnemer["id"])
    etag = _etag(api, afnemer["id"], aansluiting["id"])
    response = _wijzig(api, afnemer["id"], aansluiting["id"], "actief", etag=etag)
    assert response.status_code == 201
    stap = response.get_json()
    assert stap["van"] == "aangevraagd" and stap["status"] == "actief"
    assert stap["grondslag"] is None
    assert stap["door"] == "test logius-beheerder"
    assert stap["tijdstip"].endswith("+00:00")
    now = api.get(_url(afnemer["id"], aansluiting["id"]))
    assert now.get_json()["status"] == "actief"
    assert now.get_json()["geactiveerdOp"] is not None
    assert now.headers["ETag"] != etag


def test_only_logius_activates_an_aansluiting(api, afnemer, maak_aansluiting, token_voor):
    aansluiting = maak_aansluiting(afnemer["id"])
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    response = _wijzig(beheerder, afnemer["id"], aansluiting["id"], "actief")
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "alleen-logius"
    assert api.get(_url(afnemer["id"], aansluiting["id"])).get_json() == aansluiting
    assert len(_geschiedenis(api, afnemer["id"], aansluiting["id"])) == 1


def test_suspension_needs_ground_and_reason_av_5_3(api, afnemer, actief):
    response = _wijzig(api, afnemer["id"], actief["id"], "opgeschort", **OPSCHORTING)
    assert response.status_code == 201
    assert response.get_json()["grondslag"] == "AV 5.3"
    assert response.get_json()["reden"] == OPSCHORTING["reden"]
    now = api.get(_url(afnemer["id"], actief["id"])).get_json()
    assert now["status"] == "opgeschort"
    assert now["opschortingGrondslag"] == "AV 5.3"
    assert now["opschortingReden"] == OPSCHORTING["reden"]


def test_suspension_after_a_security_incident_cites_av_5_4(api, afnemer, actief):
    response = _wijzig(api, afnemer["id"], actief["id"], "opgeschort",
                       grondslag="AV 5.4", reden="Gelekte sleutel van het PKIo-certificaat.")
    assert response.status_code == 201
    assert api.get(_url(afnemer["id"], actief["id"])).get_json()["opschortingGrondslag"] == "AV 5.4"


def test_suspension_without_ground_and_reason_is_400_naming_both_av_5_3(api, afnemer, actief):
    response = _wijzig(api, afnemer["id"], actief["id"], "opgeschort")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert _names(response) == {"grondslag", "reden"}
    reasons = " ".join(p["reason"] for p in response.get_json()["invalidParams"])
    assert "AV 5.3" in reasons and "AV 5.4" in reasons
    assert api.get(_url(afnemer["id"], actief["id"])).get_json() == actief


def test_suspension_without_reason_is_refused_av_5_3(api, afnemer, actief):
    for reden in ({}, {"reden": None}, {"reden": "   "}):
        response = _wijzig(api, afnemer["id"], actief["id"], "opgeschort", grondslag="AV 5.3",
                           **reden)
        assert response.status_code == 400, reden
        assert _names(response) == {"reden"}
    assert api.get(_url(afnemer["id"], actief["id"])).get_json()["status"] == "actief"


def test_suspension_without_ground_is_refused_av_5_4(api, afnemer, actief):
    for grondslag in ({}, {"grondslag": None}, {"grondslag": "AV 5.5"}, {"grondslag": "5.3"}):
        response = _wijzig(api, afnemer["id"], actief["id"], "opgeschort", reden="Incident.",
                           **grondslag)
        assert response.status_code == 400, grondslag
        assert _names(response) == {"grondslag"}
    assert api.get(_url(afnemer["id"], actief["id"])).get_json()["status"] == "actief"


def test_a_ground_belongs_only_to_a_suspension_av_5_3(api, afnemer, maak_aansluiting):
    aansluiting = maak_aansluiting(afnemer["id"])
    response = _wijzig(api, afnemer["id"], aansluiting["id"], "actief", grondslag="AV 5.3")
    assert response.status_code == 400
    assert _names(response) == {"grondslag"}
    assert api.get(_url(afnemer["id"], aansluiting["id"])).get_json()["status"] == "aangevraagd"


def test_only_logius_suspends_and_resumes_av_5_3(api, afnemer, actief, token_voor):
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    response = _wijzig(beheerder, afnemer["id"], actief["id"], "opgeschort", **OPSCHORTING)
    assert response.status_code == 403
    assert api.get(_url(afnemer["id"], actief["id"])).get_json()["status"] == "actief"
    assert _wijzig(api, afnemer["id"], actief["id"], "opgeschort", **OPSCHORTING).status_code == 201
    response = _wijzig(beheerder, afnemer["id"], actief["id"], "actief")
    assert response.status_code == 403
    assert api.get(_url(afnemer["id"], actief["id"])).get_json()["status"] == "opgeschort"


def test_resuming_clears_the_suspension_and_keeps_the_first_activation(api, afnemer, actief):
    assert _wijzig(api, afnemer["id"], actief["id"], "opgeschort", **OPSCHORTING).status_code == 201
    response = _wijzig(api, afnemer["id"], actief["id"], "actief")
    assert response.status_code == 201
    assert response.get_json()["van"] == "opgeschort"
    now = api.get(_url(afnemer["id"], actief["id"])).get_json()
    assert now["status"] == "actief"
    assert now["opschortingGrondslag"] is None and now["opschortingReden"] is None
    assert now["geactiveerdOp"] == actief["geactiveerdOp"]


@pytest.mark.parametrize("pad", [[], ["actief"], ["actief", "opgeschort"]])
def test_every_live_status_can_end(api, afnemer, maak_aansluiting, pad):
    aansluiting = maak_aansluiting(afnemer["id"])
    for status in pad:
        extra = OPSCHORTING if status == "opgeschort" else {}
        assert _wijzig(api, afnemer["id"], aansluiting["id"], status, **extra).status_code == 201
    response = _wijzig(api, afnemer["id"], aansluiting["id"], "beeindigd",
                       reden="Overgestapt op een andere dienst.")
    assert response.status_code == 201
    assert response.get_json()["reden"] == "Overgestapt op een andere dienst."
    now = api.get(_url(afnemer["id"], aansluiting["id"])).get_json()
    assert now["status"] == "beeindigd"
    assert now["beeindigdOp"] is not None


def test_an_afnemer_beheerder_may_withdraw_or_end_its_own_aansluiting(
    api, afnemer, maak_aansluiting, actief, token_voor
):
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    aanvraag = maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=["berichtenbox"])
    for aansluiting in (aanvraag, actief):
        response = _wijzig(beheerder, afnemer["id"], aansluiting["id"], "beeindigd")
        assert response.status_code == 201
        assert response.get_json()["door"] == "test afnemer-beheerder"
        assert api.get(_url(afnemer["id"], aansluiting["id"])).get_json()["status"] == "beeindigd"


@pytest.mark.parametrize(("pad", "naar", "toegestaan"), [
    ([], "opgeschort", ["actief", "beeindigd"]),
    ([], "aangevraagd", ["actief", "beeindigd"]),
    (["actief"], "actief", ["opgeschort", "beeindigd"]),
    (["actief"], "aangevraagd", ["opgeschort", "beeindigd"]),
    (["actief", "opgeschort"], "opgeschort", ["actief", "beeindigd"]),
    (["beeindigd"], "actief", []),
    (["beeindigd"], "beeindigd", []),
    (["actief", "beeindigd"], "opgeschort", []),
])
def test_an_illegal_transition_is_409_with_the_allowed_statuses(
    api, afnemer, maak_aansluiting, pad, naar, toegestaan
):
    aansluiting = maak_aansluiting(afnemer["id"])
    for status in pad:
        extra = OPSCHORTING if status == "opgeschort" else {}
        assert _wijzig(api, afnemer["id"], aansluiting["id"], status, **extra).status_code == 201
    voor = api.get(_url(afnemer["id"], aansluiting["id"])).get_json()
    extra = OPSCHORTING if naar == "opgeschort" else {}
    response = _wijzig(api, afnemer["id"], aansluiting["id"], naar, **extra)
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["code"] == "ongeldige-statusovergang"
    assert body["huidigeStatus"] == voor["status"]
    assert sorted(body["toegestaneStatussen"]) == sorted(toegestaan)
    assert api.get(_url(afnemer["id"], aansluiting["id"])).get_json() == voor
    assert len(_geschiedenis(api, afnemer["id"], aansluiting["id"])) == 1 + len(pad)


def test_an_unknown_status_is_400(api, afnemer, maak_aansluiting):
    aansluiting = maak_aansluiting(afnemer["id"])
    for body in ({"status": "gepauzeerd"}, {"status": None}, {}, {"naar": "actief"}):
        response = api.post(_url(afnemer["id"], aansluiting["id"], "/statuswijzigingen"),
                            json=body, headers={"If-Match": "*"})
        assert response.status_code == 400, body
        assert "status" in _names(response) or "naar" in _names(response)


def test_the_history_lists_every_step_in_order(api, afnemer, maak_aansluiting):
    aansluiting = maak_aansluiting(afnemer["id"])
    pad = [("actief", {}), ("opgeschort", OPSCHORTING), ("actief", {}),
           ("opgeschort", {"grondslag": "AV 5.4", "reden": "Incident."}), ("beeindigd", {})]
    for status, extra in pad:
        assert _wijzig(api, afnemer["id"], aansluiting["id"], status, **extra).status_code == 201
    stappen = _geschiedenis(api, afnemer["id"], aansluiting["id"])
    assert [(s["van"], s["status"]) for s in stappen] == [
        (None, "aangevraagd"), ("aangevraagd", "actief"), ("actief", "opgeschort"),
        ("opgeschort", "actief"), ("actief", "opgeschort"), ("opgeschort", "beeindigd")]
    assert [s["grondslag"] for s in stappen] == [None, None, "AV 5.3", None, "AV 5.4", None]
    assert stappen[2]["reden"] == OPSCHORTING["reden"]
    tijden = [s["tijdstip"] for s in stappen]
    assert tijden == sorted(tijden)
    page = api.get(_url(afnemer["id"], aansluiting["id"], "/statuswijzigingen?paginaGrootte=2"))
    assert page.get_json()["paginering"]["totaalAantal"] == 6
    assert [s["status"] for s in page.get_json()["resultaten"]] == ["aangevraagd", "actief"]


def test_a_statuswijziging_needs_the_aansluitings_etag(api, afnemer, maak_aansluiting):
    aansluiting = maak_aansluiting(afnemer["id"])
    url = _url(afnemer["id"], aansluiting["id"], "/statuswijzigingen")
    response = api.post(url, json={"status": "actief"})
    assert response.status_code == 428
    oud = _etag(api, afnemer["id"], aansluiting["id"])
    assert _wijzig(api, afnemer["id"], aansluiting["id"], "actief", etag=oud).status_code == 201
    stale = _wijzig(api, afnemer["id"], aansluiting["id"], "beeindigd", etag=oud)
    assert stale.status_code == 412
    assert api.get(_url(afnemer["id"], aansluiting["id"])).get_json()["status"] == "actief"
    assert len(_geschiedenis(api, afnemer["id"], aansluiting["id"])) == 2


# --- changing onderdelen -----------------------------------------------------------------


def test_patch_changes_the_onderdelen_with_if_match(api, afnemer, maak_aansluiting):
    aansluiting = maak_aansluiting(afnemer["id"])
    url = _url(afnemer["id"], aansluiting["id"])
    assert api.patch(url, json={"onderdelen": ["basis"]}).status_code == 428
    etag = _etag(api, afnemer["id"], aansluiting["id"])
    response = api.patch(url, json={"onderdelen": ["basis", "substantieel"]},
                         headers={"If-Match": etag})
    assert response.status_code == 200
    assert response.get_json()["onderdelen"] == ["basis", "substantieel"]
    assert response.headers["ETag"] != etag
    assert api.get(url).get_json()["onderdelen"] == ["basis", "substantieel"]
    stale = api.patch(url, json={"onderdelen": ["midden"]}, headers={"If-Match": etag})
    assert stale.status_code == 412
    assert api.get(url).get_json()["onderdelen"] == ["basis", "substantieel"]


@pytest.mark.parametrize("onderdelen", [["berichtenbox"], ["midden", "midden"], []])
def test_patch_validates_onderdelen_against_the_plugin(api, afnemer, maak_aansluiting, onderdelen):
    aansluiting = maak_aansluiting(afnemer["id"])
    url = _url(afnemer["id"], aansluiting["id"])
    etag = _etag(api, afnemer["id"], aansluiting["id"])
    response = api.patch(url, json={"onderdelen": onderdelen}, headers={"If-Match": etag})
    assert response.status_code == 400
    assert _names(response) == {"onderdelen"}
    assert api.get(url).get_json() == aansluiting
    assert _etag(api, afnemer["id"], aansluiting["id"]) == etag


def test_patch_changes_only_onderdelen(api, afnemer, maak_aansluiting):
    aansluiting = maak_aansluiting(afnemer["id"])
    url = _url(afnemer["id"], aansluiting["id"])
    etag = _etag(api, afnemer["id"], aansluiting["id"])
    for body in ({"status": "actief"}, {"dienst": "vwo"}, {"omgeving": "pre-productie"}, {}):
        response = api.patch(url, json=body, headers={"If-Match": etag})
        assert response.status_code == 400, body
    assert api.get(url).get_json() == aansluiting


def test_a_terminated_aansluiting_cannot_change(api, afnemer, maak_aansluiting):
    aansluiting = maak_aansluiting(afnemer["id"])
    assert _wijzig(api, afnemer["id"], aansluiting["id"], "beeindigd").status_code == 201
    url = _url(afnemer["id"], aansluiting["id"])
    response = api.patch(url, json={"onderdelen": ["basis"]},
                         headers={"If-Match": _etag(api, afnemer["id"], aansluiting["id"])})
    assert response.status_code == 409
    assert response.get_json()["code"] == "aansluiting-beeindigd"
    assert api.get(url).get_json()["onderdelen"] == ["midden"]


# --- who may do what ---------------------------------------------------------------------


def test_an_afnemer_beheerder_requests_and_changes_its_own_aansluiting(api, afnemer, token_voor):
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    response = beheerder.post(_url(afnemer["id"]), json=_body())
    assert response.status_code == 201
    created = response.get_json()
    assert created["status"] == "aangevraagd"
    response = beheerder.patch(_url(afnemer["id"], created["id"]), json={"onderdelen": ["basis"]},
                               headers={"If-Match": response.headers["ETag"]})
    assert response.status_code == 200


def test_an_afnemer_medewerker_reads_but_may_not_write(api, afnemer, actief, token_voor):
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    assert medewerker.get(_url(afnemer["id"], actief["id"])).get_json() == actief
    assert medewerker.get(_url(afnemer["id"])).status_code == 200
    assert len(_geschiedenis(medewerker, afnemer["id"], actief["id"])) == 2
    etag = _etag(api, afnemer["id"], actief["id"])
    writes = [
        medewerker.post(_url(afnemer["id"]), json=_body(omgeving="pre-productie")),
        medewerker.patch(_url(afnemer["id"], actief["id"]), json={"onderdelen": ["basis"]},
                         headers={"If-Match": etag}),
        medewerker.post(_url(afnemer["id"], actief["id"], "/statuswijzigingen"),
                        json={"status": "beeindigd"}, headers={"If-Match": etag}),
    ]
    for response in writes:
        assert response.status_code == 403
    assert api.get(_url(afnemer["id"], actief["id"])).get_json() == actief
    assert len(api.get(_url(afnemer["id"])).get_json()["resultaten"]) == 1


def test_afnemer_a_gets_404_on_afnemer_bs_aansluitingen(
    api, maak_afnemer, maak_aansluiting, token_voor
):
    a, b = maak_afnemer(), maak_afnemer()
    van_b = maak_aansluiting(b["id"])
    als_a = api.as_(token_voor(a["id"], Rol.AFNEMER_BEHEERDER))
    for afnemer_id in (b["id"], a["id"]):
        requests = [
            als_a.get(_url(afnemer_id, van_b["id"])),
            als_a.get(_url(afnemer_id, van_b["id"], "/statuswijzigingen")),
            als_a.patch(_url(afnemer_id, van_b["id"]), json={"onderdelen": ["basis"]},
                        headers={"If-Match": "*"}),
            als_a.post(_url(afnemer_id, van_b["id"], "/statuswijzigingen"),
                       json={"status": "beeindigd"}, headers={"If-Match": "*"}),
        ]
        for response in requests:
            assert response.status_code == 404, (afnemer_id, response.request.path)
    assert als_a.get(_url(b["id"])).status_code == 404
    assert als_a.post(_url(b["id"]), json=_body()).status_code == 404
    assert api.get(_url(b["id"], van_b["id"])).get_json() == van_b
    assert len(api.get(_url(b["id"])).get_json()["resultaten"]) == 1


# --- a failed request changes nothing ----------------------------------------------------


def test_failed_requests_change_nothing_and_leave_no_audit(api, afnemer, actief, token_voor):
    url = _url(afnemer["id"], actief["id"])
    etag = _etag(api, afnemer["id"], actief["id"])
    audit_url = f"/afnemers/{afnemer['id']}/audit?paginaGrootte=100"
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    audit = api.get(audit_url).get_json()  # after the token, which is audited itself
    failures = [
        (api.post(_url(afnemer["id"]), json=_body(onderdelen=["hoog"])), 400),
        (api.post(_url(afnemer["id"]), json=_body()), 409),
        (api.patch(url, json={"onderdelen": ["hoog"]}, headers={"If-Match": etag}), 400),
        (api.patch(url, json={"onderdelen": ["basis"]}, headers={"If-Match": '"999"'}), 412),
        (_wijzig(api, afnemer["id"], actief["id"], "opgeschort", etag=etag), 400),
        (_wijzig(api, afnemer["id"], actief["id"], "aangevraagd", etag=etag), 409),
        (_wijzig(beheerder, afnemer["id"], actief["id"], "opgeschort", etag=etag,
                 **OPSCHORTING), 403),
        (_wijzig(api, afnemer["id"], actief["id"], "beeindigd", etag='"999"'), 412),
    ]
    for response, status in failures:
        assert response.status_code == status, (status, response.get_json())
    assert api.get(url).get_json() == actief
    assert _etag(api, afnemer["id"], actief["id"]) == etag
    assert len(_geschiedenis(api, afnemer["id"], actief["id"])) == 2
    assert len(api.get(_url(afnemer["id"])).get_json()["resultaten"]) == 1
    assert api.get(audit_url).get_json() == audit


# --- a dienst whose plugin is no longer loaded ------------------------------------------


def test_an_aansluiting_on_a_dienst_whose_plugin_is_gone_is_readable_and_can_end(
    api, afnemer, maak_aansluiting, database_urls, backend, logius_token
):
    """An installation may block a plugin (BLOCKED_PLUGINS) while aansluitingen on its
    dienst remain: they stay readable and can end, but their onderdelen cannot be
    checked any more, so they cannot change (409, not a crash)."""
    from tests.conftest import Api, make_app

    aansluiting = maak_aansluiting(afnemer["id"], dienst="digipoort", onderdelen=["digiinkoop"])
    zonder = Api(make_app(database_urls[backend], BLOCKED_PLUGINS="digipoort").test_client(),
                 logius_token)
    url = _url(afnemer["id"], aansluiting["id"])
    assert zonder.get(url).get_json() == aansluiting
    response = zonder.patch(url, json={"onderdelen": ["e-factureren"]},
                            headers={"If-Match": _etag(zonder, afnemer["id"], aansluiting["id"])})
    assert response.status_code == 409, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert "digipoort" in response.get_json()["detail"]
    assert zonder.get(url).get_json()["onderdelen"] == ["digiinkoop"]
    assert _wijzig(zonder, afnemer["id"], aansluiting["id"], "beeindigd").status_code == 201
    # A new aanvraag for the missing dienst is refused as an unknown dienst.
    response = zonder.post(_url(afnemer["id"]), json=_body(dienst="digipoort",
                                                           onderdelen=["digiinkoop"]))
    assert response.status_code == 400
    assert _names(response) == {"dienst"}


# --- concurrency: one live aansluiting per dienst and omgeving, also when simultaneous ---


def test_two_simultaneous_aanvragen_give_one_aansluiting_and_one_409(
    app, api, afnemer, logius_token, monkeypatch
):
    """Both requests pass the 'no live aansluiting yet' check before either commits; the
    database's partial unique index refuses the second, answered as the same 409."""
    from core.aansluitingen import views
    from tests.conftest import Api

    houd_commits_samen(monkeypatch, views)
    answers: list = []

    def aanvragen(onderdeel):
        client = Api(app.test_client(), logius_token)
        response = client.post(_url(afnemer["id"]), json=_body(onderdelen=[onderdeel]))
        answers.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=aanvragen, args=(o,)) for o in ("basis", "midden")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=15)
    monkeypatch.undo()
    assert sorted(status for status, _ in answers) == [201, 409]
    [conflict] = [body for status, body in answers if status == 409]
    assert conflict["code"] == "aansluiting-bestaat-al"
    assert len(api.get(_url(afnemer["id"])).get_json()["resultaten"]) == 1
