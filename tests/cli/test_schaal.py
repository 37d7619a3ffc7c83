"""The scale data generator (``demo-data --scale N``): bulk loaded, realistic, and as
usable through the API as data made through the API."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from core import schaal
from core.aansluitingen.models import Aansluiting
from core.afnemers.models import Afnemer
from core.auth.principal import Rol
from core.db import db
from core.verbruik.models import VerbruikRegel

JAAR = 2025


@pytest.fixture
def gegenereerd(app):
    with app.app_context():
        return schaal.genereer(40, JAAR, webhook_url="http://127.0.0.1:9/hook")


def test_counts_mix_and_a_year_of_daily_usage(app, gegenereerd):
    assert gegenereerd["afnemers"] == 40
    assert gegenereerd["contactpersonen"] == 40 * len(schaal.ROLLEN)
    assert gegenereerd["webhooks"] == 40
    with app.app_context():
        typen = Counter(db.session.scalars(select(Afnemer.type)))
        assert typen["gemeente"] == round(0.26 * 40) and typen["bedrijf"] == round(0.27 * 40)
        lopend = db.session.scalars(select(Aansluiting).where(
            Aansluiting.status == "actief")).all()
        # At most one running aansluiting per afnemer, dienst and omgeving.
        assert len({(a.afnemer_id, a.dienst, a.omgeving) for a in lopend}) == len(lopend)
        dagen = db.session.execute(
            select(VerbruikRegel.aansluiting_id, VerbruikRegel.metriek, func.count(),
                   func.min(VerbruikRegel.datum), func.max(VerbruikRegel.datum))
            .group_by(VerbruikRegel.aansluiting_id, VerbruikRegel.metriek)).all()
        assert {(n, str(van), str(tot)) for _a, _m, n, van, tot in dagen} == {
            (365, f"{JAAR}-01-01", f"{JAAR}-12-31")}
        assert sum(n for _a, _m, n, _v, _t in dagen) == gegenereerd["verbruik"]


def test_generated_data_works_through_the_api_and_stays_in_its_tenant(
        app, api, gegenereerd, token_voor):
    with app.app_context():
        a, b = db.session.scalars(select(Afnemer.id).order_by(Afnemer.oin).limit(2)).all()
    eigen = api.as_(token_voor(a, Rol.AFNEMER_BEHEERDER))
    for pad in ("aansluitingen", "contactpersonen", "webhooks", "verbruik"):
        response = eigen.get(f"/afnemers/{a}/{pad}")
        assert response.status_code == 200, (pad, response.get_json())
        assert response.get_json()["paginering"]["totaalAantal"] > 0, pad
        assert eigen.get(f"/afnemers/{b}/{pad}").status_code == 404


def test_a_second_run_on_the_same_database_is_refused(app, gegenereerd):
    with app.app_context(), pytest.raises(ValueError, match="al schaaldata"):
        schaal.genereer(1, JAAR)
