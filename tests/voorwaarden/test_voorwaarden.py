"""``/afnemers/{id}/voorwaarden``: which version of which terms binds an afnemer, from when.

An aanvraag accepts the versions in force on its signing date. The Algemene Voorwaarden
bind from the signing date of the afnemer's *first* aanvraagformulier (AV 11.1); the
terms of a dienst from the aanvraag for that dienst (MO 2.2 for MijnOverheid).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from core.auth.principal import Rol
from core.db import db
from core.tijd import plus_maanden, vandaag


def _voorwaarden(api, afnemer_id) -> dict[str, dict]:
    response = api.get(f"/afnemers/{afnemer_id}/voorwaarden")
    assert response.status_code == 200, response.get_json()
    return {v["document"]: v for v in response.get_json()["resultaten"]}


@pytest.fixture
def afnemer(maak_afnemer) -> dict:
    return maak_afnemer("gemeente")


def test_an_afnemer_without_aansluitingen_is_bound_by_nothing_yet(api, afnemer):
    assert _voorwaarden(api, afnemer["id"]) == {}


def test_an_aanvraag_accepts_the_av_and_the_diensts_terms_from_its_signing_date(
    api, afnemer, maak_aansluiting
):
    """AV 11.1 and MO 2.2: both bind from the signing date of the aanvraagformulier."""
    maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=["berichtenbox"],
                     ondertekend=date(2026, 3, 10))
    stand = _voorwaarden(api, afnemer["id"])
    assert list(stand) == ["algemene-voorwaarden", "mijnoverheid-voorwaarden"]
    av, mo = stand["algemene-voorwaarden"], stand["mijnoverheid-voorwaarden"]
    assert (av["versie"], av["geldtVanaf"], av["grondslag"], av["dienst"]) == (
        "1.1", "2026-03-10", "AV 11.1", None)
    assert (mo["versie"], mo["geldtVanaf"], mo["grondslag"], mo["dienst"]) == (
        "2.9", "2026-03-10", "MO 2.2", "mijnoverheid")
    [acceptatie] = mo["acceptaties"]
    assert acceptatie["geaccepteerdDoor"] == "test logius-beheerder"
    assert acceptatie["aankondigingId"] is None
    assert av["aangekondigdeWijzigingen"] == []


def test_the_av_bind_from_the_first_aanvraagformulier_av_11_1(api, afnemer, maak_aansluiting):
    """A later aanvraag leaves the AV's start alone; an earlier-signed one (registered
    afterwards) moves it back. A dienst's terms start at that dienst's own aanvraag."""
    maak_aansluiting(afnemer["id"], dienst="digid", ondertekend=date(2026, 2, 1))
    maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=["lopende-zaken"],
                     ondertekend=date(2026, 5, 1))
    stand = _voorwaarden(api, afnemer["id"])
    assert stand["algemene-voorwaarden"]["geldtVanaf"] == "2026-02-01"
    assert stand["mijnoverheid-voorwaarden"]["geldtVanaf"] == "2026-05-01"
    assert stand["digid-sno"]["geldtVanaf"] == "2026-02-01"
    assert stand["digid-sno"]["versie"] == "2.8"
    assert stand["digid-sno"]["grondslag"] == "AV 11.1"  # the SNO states no start of its own
    maak_aansluiting(afnemer["id"], dienst="digipoort", onderdelen=["e-factureren"],
                     ondertekend=date(2025, 12, 1))
    stand = _voorwaarden(api, afnemer["id"])
    assert stand["algemene-voorwaarden"]["geldtVanaf"] == "2025-12-01"
    assert len(stand["algemene-voorwaarden"]["acceptaties"]) == 1
    assert stand["mijnoverheid-voorwaarden"]["geldtVanaf"] == "2026-05-01"


def test_a_second_aansluiting_on_the_same_dienst_records_no_second_acceptance(
    api, afnemer, maak_aansluiting
):
    maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=["berichtenbox"],
                     omgeving="pre-productie", ondertekend=date(2026, 1, 5))
    maak_aansluiting(afnemer["id"], dienst="mijnoverheid", onderdelen=["berichtenbox"],
                     ondertekend=date(2026, 4, 5))
    stand = _voorwaarden(api, afnemer["id"])
    assert [a["geldtVanaf"] for a in stand["mijnoverheid-voorwaarden"]["acceptaties"]] == [
        "2026-01-05"]


def test_an_announced_change_shows_until_answered_and_accepting_binds_from_its_date(
    api, afnemer, maak_aansluiting
):
    """AV 13.1: the new version binds from the change date once accepted."""
    maak_aansluiting(afnemer["id"], dienst="digid")
    datum = plus_maanden(vandaag(), 2)
    aankondiging = api.post("/aankondigingen", json={
        "type": "voorwaardenwijziging", "titel": "AV 1.2", "omschrijving": "Verduidelijking.",
        "document": "algemene-voorwaarden", "versie": "1.2",
        "wijzigingsdatum": datum.isoformat()}).get_json()
    av = _voorwaarden(api, afnemer["id"])["algemene-voorwaarden"]
    [wijziging] = av["aangekondigdeWijzigingen"]
    assert wijziging == {"aankondigingId": aankondiging["id"], "versie": "1.2",
                         "wijzigingsdatum": datum.isoformat(), "artikel": "AV 13.1",
                         "status": "open", "eindeLeveringOp": None, "grondslag": None}
    response = api.post(f"/afnemers/{afnemer['id']}/aankondigingen/{aankondiging['id']}"
                        "/reactie", json={"besluit": "accepteren"})
    assert response.status_code == 201
    av = _voorwaarden(api, afnemer["id"])["algemene-voorwaarden"]
    assert av["versie"] == "1.1"
    assert av["acceptaties"][-1]["versie"] == "1.2"
    assert av["acceptaties"][-1]["geldtVanaf"] == datum.isoformat()
    assert av["aangekondigdeWijzigingen"][0]["status"] == "geaccepteerd"


def test_a_version_in_force_binds_from_its_change_date(app, api, afnemer, maak_aansluiting,
                                                       monkeypatch):
    """Once the change date has passed, the accepted version is the one in force."""
    maak_aansluiting(afnemer["id"], dienst="digid")
    datum = vandaag() + timedelta(days=40)
    aankondiging = api.post("/aankondigingen", json={
        "type": "voorwaardenwijziging", "titel": "AV 1.2", "omschrijving": "Verduidelijking.",
        "document": "algemene-voorwaarden", "versie": "1.2",
        "wijzigingsdatum": datum.isoformat()}).get_json()
    api.post(f"/afnemers/{afnemer['id']}/aankondigingen/{aankondiging['id']}/reactie",
             json={"besluit": "accepteren"})
    monkeypatch.setattr("core.tijd.vandaag", lambda: datum)
    av = _voorwaarden(api, afnemer["id"])["algemene-voorwaarden"]
    assert (av["versie"], av["geldtVanaf"], av["grondslag"]) == ("1.2", datum.isoformat(),
                                                                 "AV 13.1")
    # Past its date and answered, the change is no longer 'announced'.
    monkeypatch.setattr("core.tijd.vandaag", lambda: datum + timedelta(days=1))
    assert _voorwaarden(api, afnemer["id"])["algemene-voorwaarden"][
        "aangekondigdeWijzigingen"] == []
    # The new version is in the register with its change date.
    from core.voorwaarden.models import Voorwaardenversie

    with app.app_context():
        versies = {v.versie: v.ingangsdatum for v in db.session.scalars(
            select(Voorwaardenversie).where(Voorwaardenversie.document ==
                                            "algemene-voorwaarden"))}
    assert versies == {"1.1": None, "1.2": datum}


def test_a_medewerker_reads_the_terms_another_afnemer_gets_404(api, token_voor, afnemer,
                                                               maak_afnemer, maak_aansluiting):
    maak_aansluiting(afnemer["id"], dienst="digid")
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    assert "algemene-voorwaarden" in _voorwaarden(medewerker, afnemer["id"])
    ander = maak_afnemer()
    maak_aansluiting(ander["id"], dienst="digid")
    response = medewerker.get(f"/afnemers/{ander['id']}/voorwaarden")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_a_refused_aanvraag_records_no_acceptance(api, afnemer, maak_aansluiting):
    maak_aansluiting(afnemer["id"], dienst="digid", ondertekend=date(2026, 2, 1))
    response = api.post(f"/afnemers/{afnemer['id']}/aansluitingen", json={
        "dienst": "digid", "omgeving": "productie", "onderdelen": ["midden"],
        "aanvraagOndertekendOp": "2025-06-01"})
    assert response.status_code == 409  # a live aansluiting exists already
    assert _voorwaarden(api, afnemer["id"])["algemene-voorwaarden"]["geldtVanaf"] == "2026-02-01"
