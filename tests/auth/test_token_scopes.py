"""Scopes and last use of the afnemer API tokens (issue: identity, item 4)."""

from __future__ import annotations

import uuid

import pytest

from core.auth import tokens
from core.auth.models import ApiToken
from core.auth.principal import Rol
from core.db import db


def _maak(api, afnemer_id, **body):
    return api.post(f"/afnemers/{afnemer_id}/api-tokens",
                    json={"naam": "koppeling", "rol": "afnemer-beheerder", **body})


@pytest.mark.parametrize("rol, scopes", [("afnemer-beheerder", ["read", "write"]),
                                         ("afnemer-medewerker", ["read"])])
def test_default_scopes_follow_the_role(api, maak_afnemer, rol, scopes):
    afnemer = maak_afnemer()
    response = _maak(api, afnemer["id"], rol=rol)
    assert response.status_code == 201
    assert response.get_json()["scopes"] == scopes
    listed = api.get(f"/afnemers/{afnemer['id']}/api-tokens").get_json()["resultaten"]
    assert listed[0]["scopes"] == scopes and "token" not in listed[0]


def test_a_read_scoped_beheerder_token_reads_but_cannot_write(api, maak_afnemer):
    afnemer = maak_afnemer()
    token = _maak(api, afnemer["id"], scopes=["read"]).get_json()["token"]
    lezer = api.as_(token)
    assert lezer.get(f"/afnemers/{afnemer['id']}/contactpersonen").status_code == 200
    response = lezer.post(f"/afnemers/{afnemer['id']}/contactpersonen", json={
        "naam": "X", "email": "x@voorbeeld.nl", "telefoon": "0701234567", "rol": "technisch"})
    assert response.status_code == 403
    assert response.get_json()["code"] == "onvoldoende-scope"
    assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]
    assert 'scope="write"' in response.headers["WWW-Authenticate"]


def test_a_write_scope_does_not_lift_a_medewerker_to_beheerder(api, maak_afnemer):
    afnemer = maak_afnemer()
    token = _maak(api, afnemer["id"], rol="afnemer-medewerker",
                  scopes=["read", "write"]).get_json()["token"]
    response = api.as_(token).post(f"/afnemers/{afnemer['id']}/api-tokens",
                                   json={"naam": "x", "rol": "afnemer-beheerder"})
    assert response.status_code == 403
    assert response.get_json()["code"] == "alleen-lezen"


def test_a_logius_token_without_write_cannot_create_afnemers(api, token_voor):
    token = token_voor(None, Rol.LOGIUS_BEHEERDER, scopes=["read"])
    response = api.as_(token).post("/afnemers", json={"naam": "X", "oin": "00000001009999999001",
                                                      "type": "gemeente"})
    assert response.status_code == 403
    assert response.get_json()["code"] == "onvoldoende-scope"
    assert api.as_(token).get("/afnemers").status_code == 200


def test_read_only_token_of_a_still_gets_404_for_b(api, maak_afnemer):
    """Tenant isolation comes before the scope check: B's resources stay unknown."""
    a, b = maak_afnemer(), maak_afnemer()
    token = _maak(api, a["id"], scopes=["read"]).get_json()["token"]
    response = api.as_(token).post(f"/afnemers/{b['id']}/api-tokens",
                                   json={"naam": "x", "rol": "afnemer-beheerder"})
    assert response.status_code == 404


@pytest.mark.parametrize("scopes", [[], ["admin"], "read"])
def test_bad_scopes_are_refused_by_field(api, maak_afnemer, scopes):
    afnemer = maak_afnemer()
    response = _maak(api, afnemer["id"], scopes=scopes)
    assert response.status_code == 400
    assert response.get_json()["invalidParams"][0]["name"].startswith("scopes")
    assert api.get(f"/afnemers/{afnemer['id']}/api-tokens").get_json()["resultaten"] == []


def test_last_use_is_recorded_at_most_once_a_minute(app, api, maak_afnemer):
    afnemer = maak_afnemer()
    nieuw = _maak(api, afnemer["id"]).get_json()
    url = f"/afnemers/{afnemer['id']}/api-tokens/{nieuw['id']}"
    assert api.get(url).get_json()["laatstGebruiktOp"] is None
    api.as_(nieuw["token"]).get(f"/afnemers/{afnemer['id']}")
    eerste = api.get(url).get_json()["laatstGebruiktOp"]
    assert eerste is not None
    api.as_(nieuw["token"]).get(f"/afnemers/{afnemer['id']}")
    assert api.get(url).get_json()["laatstGebruiktOp"] == eerste
    with app.app_context():  # a minute later, the next use is written again
        record = db.session.get(ApiToken, uuid.UUID(nieuw["id"]))
        record.laatst_gebruikt_op = record.laatst_gebruikt_op - tokens.GEBRUIK_RESOLUTIE
        db.session.commit()
    api.as_(nieuw["token"]).get(f"/afnemers/{afnemer['id']}")
    assert api.get(url).get_json()["laatstGebruiktOp"] > eerste
    # Use is not a change: the audit log only holds the creation.
    regels = api.get(f"/afnemers/{afnemer['id']}/audit?resourceType=api_tokens"
                     ).get_json()["resultaten"]
    assert [r["actie"] for r in regels] == ["aangemaakt"]
