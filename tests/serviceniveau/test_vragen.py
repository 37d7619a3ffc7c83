"""Questions and complaints through the API, on both backends: DigiD answers within 3
working days (DOMAIN.md, DigiD; SNO 2 Reactietijden), counted after the day asked, in
Europe/Amsterdam, without weekends and holidays."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.auth.principal import Rol
from core.db import db


def _body(**extra) -> dict:
    return {"dienst": "digid", "soort": "vraag", "onderwerp": "Testen in pre-productie",
            "tekst": "Wanneer kunnen wij de nieuwe versie testen?", **extra}


@pytest.fixture
def afnemer(maak_afnemer, maak_contactpersoon) -> dict:
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"], rol="algemeen", email="info@voorbeeldstad.nl")
    return afnemer


@pytest.fixture
def als_afnemer(api, token_voor, afnemer):
    return api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))


def _stel(api, afnemer, **extra) -> dict:
    response = api.post(f"/afnemers/{afnemer['id']}/vragen", json=_body(**extra))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _antwoord(api, vraag, **extra):
    return api.post(f"/vragen/{vraag['id']}/antwoord",
                    json={"antwoord": "Vanaf 1 maart.", **extra})


@pytest.mark.parametrize("gesteld, uiterlijk", [
    ("2026-11-02T10:00:00+01:00", "2026-11-05"),  # Monday: Thursday
    ("2026-11-07T10:00:00+01:00", "2026-11-11"),  # Saturday: Wednesday
    ("2025-12-24T16:00:00+01:00", "2025-12-31"),  # before Christmas: Mon, Tue, Wed
])
def test_a_question_is_due_three_working_days_after_the_day_asked_sno_2_reactietijden(
        api, afnemer, gesteld, uiterlijk):
    vraag = _stel(api, afnemer, gesteldOp=gesteld)
    assert vraag["beantwoordenUiterlijk"] == uiterlijk
    assert vraag["reactietermijn"] == {"werkdagen": 3, "norm": "99.00",
                                       "artikel": "SNO 2 Reactietijden"}
    # Long past: known to be late while unanswered.
    assert vraag["beantwoord"] is False and vraag["binnenTermijn"] is False


def test_an_answer_on_the_last_day_is_in_time_and_one_day_later_is_not(api, afnemer):
    op_tijd = _stel(api, afnemer, gesteldOp="2026-11-02T10:00:00+01:00")
    antwoord = _antwoord(api, op_tijd, beantwoordOp="2026-11-05T23:30:00+01:00")
    assert antwoord.status_code == 201, antwoord.get_json()
    assert antwoord.get_json()["binnenTermijn"] is True
    laat = _stel(api, afnemer, soort="klacht", gesteldOp="2026-11-02T10:00:00+01:00")
    antwoord = _antwoord(api, laat, beantwoordOp="2026-11-06T00:30:00+01:00")
    assert antwoord.get_json()["binnenTermijn"] is False
    assert antwoord.get_json()["beantwoordDoor"]


def test_a_fresh_question_is_pending_and_an_answer_comes_once(app, api, afnemer,
                                                              als_afnemer):
    vraag = _stel(als_afnemer, afnemer)
    assert vraag["binnenTermijn"] is None and vraag["beantwoord"] is False
    eerste = _antwoord(api, vraag)
    assert eerste.status_code == 201 and eerste.get_json()["binnenTermijn"] is True
    tweede = _antwoord(api, vraag)
    assert tweede.status_code == 409 and tweede.get_json()["code"] == "al-beantwoord"
    assert als_afnemer.get(f"/afnemers/{afnemer['id']}/vragen/{vraag['id']}").get_json()[
        "antwoord"] == "Vanaf 1 maart."
    from core.meldingen.models import Bezorging, Gebeurtenis

    with app.app_context():
        typen = list(db.session.scalars(select(Gebeurtenis.type).order_by(
            Gebeurtenis.aangemaakt_op)))
        adressen = set(db.session.scalars(select(Bezorging.adres)))
    assert typen == ["vraag.gesteld", "vraag.beantwoord"]
    assert "info@voorbeeldstad.nl" in adressen


def test_only_logius_answers_and_an_afnemer_sees_only_its_own(api, afnemer, als_afnemer,
                                                              maak_afnemer, token_voor):
    eigen = _stel(als_afnemer, afnemer)
    ander = maak_afnemer()
    vreemd = _stel(api.as_(token_voor(ander["id"])), ander)
    assert _antwoord(als_afnemer, eigen).status_code == 403
    assert als_afnemer.get("/vragen").status_code == 403
    lijst = als_afnemer.get(f"/afnemers/{afnemer['id']}/vragen").get_json()["resultaten"]
    assert [v["id"] for v in lijst] == [eigen["id"]]
    assert als_afnemer.get(f"/afnemers/{afnemer['id']}/vragen/{vreemd['id']}").status_code == 404
    alle = api.get("/vragen?beantwoord=false").get_json()["resultaten"]
    assert {v["id"] for v in alle} == {eigen["id"], vreemd["id"]}


def test_bad_input_names_the_fields_and_rules_and_changes_nothing(app, als_afnemer, afnemer):
    response = als_afnemer.post(f"/afnemers/{afnemer['id']}/vragen", json=_body(
        dienst="mijnoverheid", soort="opmerking", gesteldOp="2026-01-05T09:00:00+01:00"))
    assert response.status_code == 400
    reden = {p["name"]: p["reason"] for p in response.get_json()["invalidParams"]}
    assert set(reden) == {"dienst", "soort", "gesteldOp"}
    assert "geen serviceniveau" in reden["dienst"]
    assert "Logius-beheerder" in reden["gesteldOp"]
    from core.serviceniveau.vragen.models import Vraag

    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Vraag)) == 0
