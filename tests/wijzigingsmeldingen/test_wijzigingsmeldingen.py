"""``/afnemers/{id}/wijzigingsmeldingen``: an afnemer reports a change of its own service
that may affect a dienst at least three calendar months before realisation (AV 2.8).

A late report is still recorded (201), marked ``teLaat`` with the rule it breaks and
the last day it was due; a realisation date in the past is refused.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.auth.principal import Rol
from core.db import db
from core.tijd import plus_maanden, vandaag


def _url(afnemer_id, melding_id=None) -> str:
    url = f"/afnemers/{afnemer_id}/wijzigingsmeldingen"
    return f"{url}/{melding_id}" if melding_id else url


def _body(realisatiedatum, **extra) -> dict:
    return {"omschrijving": "Wij stappen over op een nieuw zaaksysteem.",
            "dienst": "digid", "realisatiedatum": realisatiedatum.isoformat(), **extra}


def _names(response) -> set[str]:
    return {p["name"] for p in response.get_json()["invalidParams"]}


def _logius_events(app) -> list[tuple[str, dict]]:
    from core.meldingen.models import Gebeurtenis

    with app.app_context():
        return [(g.type, g.data) for g in db.session.scalars(
            select(Gebeurtenis).where(Gebeurtenis.afnemer_id.is_(None))
            .order_by(Gebeurtenis.aangemaakt_op))]


def _aantal(app) -> int:
    from core.wijzigingsmeldingen.models import Wijzigingsmelding

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Wijzigingsmelding))


@pytest.fixture
def afnemer(maak_afnemer) -> dict:
    return maak_afnemer("gemeente")


def test_two_months_ahead_is_recorded_but_late_av_2_8(app, api, afnemer):
    realisatie = plus_maanden(vandaag(), 2)
    response = api.post(_url(afnemer["id"]), json=_body(realisatie))
    assert response.status_code == 201, response.get_json()
    melding = response.get_json()
    assert melding["teLaat"] is True
    assert melding["geschondenRegel"] == "AV 2.8"
    uiterlijk = plus_maanden(realisatie, -3)
    assert melding["uiterlijkMeldenOp"] == uiterlijk.isoformat()
    assert "AV 2.8" in melding["toelichting"]
    assert uiterlijk.isoformat() in melding["toelichting"]
    assert "3 kalendermaanden" in melding["toelichting"]
    assert melding["gemeldOp"] == vandaag().isoformat()
    assert response.headers["Location"].endswith(_url(afnemer["id"], melding["id"]))
    assert api.get(_url(afnemer["id"], melding["id"])).get_json() == melding
    # Logius hears of it twice: the report, and that it came late.
    events = _logius_events(app)
    assert [t for t, _ in events] == ["wijzigingsmelding.ontvangen", "wijzigingsmelding.te-laat"]
    for _, data in events:
        assert data["wijzigingsmeldingId"] == melding["id"]
        assert data["afnemerId"] == afnemer["id"]
        assert data["teLaat"] is True
        assert data["artikel"] == "AV 2.8"


def test_four_months_ahead_is_on_time_av_2_8(app, api, afnemer):
    response = api.post(_url(afnemer["id"]), json=_body(plus_maanden(vandaag(), 4)))
    assert response.status_code == 201
    melding = response.get_json()
    assert melding["teLaat"] is False
    assert melding["geschondenRegel"] is None
    assert [t for t, _ in _logius_events(app)] == ["wijzigingsmelding.ontvangen"]


def test_exactly_three_calendar_months_is_on_time_one_day_less_is_late_av_2_8(api, afnemer):
    grens = plus_maanden(vandaag(), 3)
    op_tijd = api.post(_url(afnemer["id"]), json=_body(grens)).get_json()
    assert op_tijd["teLaat"] is False
    assert op_tijd["uiterlijkMeldenOp"] == vandaag().isoformat()
    te_laat = api.post(_url(afnemer["id"]), json=_body(grens - timedelta(days=1))).get_json()
    assert te_laat["teLaat"] is True


def test_realisation_today_is_late_and_in_the_past_is_refused(app, api, afnemer):
    vandaag_gemeld = api.post(_url(afnemer["id"]), json=_body(vandaag()))
    assert vandaag_gemeld.status_code == 201
    assert vandaag_gemeld.get_json()["teLaat"] is True
    before, events = _aantal(app), _logius_events(app)
    response = api.post(_url(afnemer["id"]), json=_body(vandaag() - timedelta(days=1)))
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert _names(response) == {"realisatiedatum"}
    assert "AV 2.8" in response.get_json()["invalidParams"][0]["reason"]
    assert _aantal(app) == before
    assert _logius_events(app) == events


def test_every_invalid_field_is_named_at_once_and_nothing_is_stored(app, api, afnemer):
    response = api.post(_url(afnemer["id"]), json={
        "omschrijving": "  ", "dienst": "eherkenning",
        "realisatiedatum": (vandaag() - timedelta(days=3)).isoformat()})
    assert response.status_code == 400
    assert _names(response) == {"omschrijving", "dienst", "realisatiedatum"}
    response = api.post(_url(afnemer["id"]), json={})
    assert _names(response) == {"omschrijving", "realisatiedatum"}
    assert _aantal(app) == 0
    assert _logius_events(app) == []


def test_the_dienst_is_optional(api, afnemer):
    body = _body(plus_maanden(vandaag(), 5))
    del body["dienst"]
    response = api.post(_url(afnemer["id"]), json=body)
    assert response.status_code == 201
    assert response.get_json()["dienst"] is None


def test_the_list_is_newest_first_and_filters_late_reports(api, afnemer):
    op_tijd = api.post(_url(afnemer["id"]), json=_body(plus_maanden(vandaag(), 6))).get_json()
    te_laat = api.post(_url(afnemer["id"]), json=_body(plus_maanden(vandaag(), 1))).get_json()
    lijst = api.get(_url(afnemer["id"])).get_json()["resultaten"]
    assert [m["id"] for m in lijst] == [te_laat["id"], op_tijd["id"]]
    assert [m["id"] for m in api.get(_url(afnemer["id"]) + "?teLaat=true").get_json()[
        "resultaten"]] == [te_laat["id"]]
    assert [m["id"] for m in api.get(_url(afnemer["id"]) + "?teLaat=false").get_json()[
        "resultaten"]] == [op_tijd["id"]]


def test_a_medewerker_reads_a_beheerder_reports(api, token_voor, afnemer):
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    assert medewerker.post(_url(afnemer["id"]), json=_body(plus_maanden(vandaag(), 4))
                           ).status_code == 403
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    response = beheerder.post(_url(afnemer["id"]), json=_body(plus_maanden(vandaag(), 4)))
    assert response.status_code == 201
    assert response.get_json()["gemeldDoor"] == "test afnemer-beheerder"
    assert len(medewerker.get(_url(afnemer["id"])).get_json()["resultaten"]) == 1


def test_another_afnemers_meldingen_do_not_exist_for_this_one(api, token_voor, maak_afnemer,
                                                              afnemer):
    """Tenant isolation (OWASP API1): 404 exactly as for an id that does not exist."""
    ander = maak_afnemer()
    melding = api.post(_url(ander["id"]), json=_body(plus_maanden(vandaag(), 4))).get_json()
    als_afnemer = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    assert als_afnemer.get(_url(ander["id"])).status_code == 404
    assert als_afnemer.get(_url(ander["id"], melding["id"])).status_code == 404
    eigen_pad = als_afnemer.get(_url(afnemer["id"], melding["id"]))
    onbekend = als_afnemer.get(_url(afnemer["id"], uuid.uuid4()))
    assert eigen_pad.status_code == onbekend.status_code == 404
    assert eigen_pad.get_json()["detail"] == onbekend.get_json()["detail"]
    assert als_afnemer.get(_url(afnemer["id"])).get_json()["resultaten"] == []
