"""``/afnemers/{id}/api-tokens`` and bearer authentication with afnemer API tokens.

A token is shown once (in the answer to its creation), stored only as a SHA-256
hash, expires (90 days by default, at most 366 days ahead) and can be revoked.
An unusable token of any kind is a 401 with a ``WWW-Authenticate`` challenge
(RFC 6750); the tokens of one afnemer are invisible to another (OWASP API1).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from core.auth.models import ApiToken
from core.auth.principal import Rol
from core.db import db, utcnow

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _url(afnemer_id, token_id=None) -> str:
    url = f"/afnemers/{afnemer_id}/api-tokens"
    return f"{url}/{token_id}" if token_id else url


def _names(response) -> set[str]:
    return {p["name"] for p in response.get_json()["invalidParams"]}


def _tijd(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _assert_401(response, error: str | None = "invalid_token") -> None:
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 401 and body["code"] == "niet-geauthenticeerd"
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith('Bearer realm="afnemersportaal"')
    if error:
        assert f'error="{error}"' in challenge
    else:
        assert "error=" not in challenge


@pytest.fixture
def afnemer(maak_afnemer) -> dict:
    return maak_afnemer()


@pytest.fixture
def nieuw(api, afnemer):
    """Create a token over the API; answer its 201 body."""

    def create(**body) -> dict:
        response = api.post(_url(afnemer["id"]),
                            json={"naam": "Koppeling zaaksysteem", "rol": "afnemer-beheerder",
                                  **body})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return create


def _row(app, token_id) -> dict:
    """The raw database row of a token, every column."""
    with app.app_context():
        return dict(db.session.execute(
            select(ApiToken.__table__).where(ApiToken.__table__.c.id == uuid.UUID(token_id))
        ).mappings().one())


# --- shown once, stored hashed ----------------------------------------------------------


def test_the_token_is_in_the_creation_answer_only(api, afnemer, nieuw):
    created = nieuw()
    token = created["token"]
    assert token.startswith("afp_") and len(token) >= 40
    assert created["prefix"] == token[:10]
    assert created["naam"] == "Koppeling zaaksysteem" and created["rol"] == "afnemer-beheerder"
    assert created["ingetrokkenOp"] is None
    detail = api.get(_url(afnemer["id"], created["id"]))
    lijst = api.get(_url(afnemer["id"]))
    for response in (detail, lijst):
        assert response.status_code == 200
        assert token not in response.get_data(as_text=True)
        assert token[10:] not in response.get_data(as_text=True)
    assert "token" not in detail.get_json()
    [in_lijst] = [t for t in lijst.get_json()["resultaten"] if t["id"] == created["id"]]
    assert "token" not in in_lijst
    def zonder(body, *keys):
        return {k: v for k, v in body.items() if k not in keys}

    assert zonder(created, "token", "laatstGebruiktOp") == zonder(detail.get_json(),
                                                                  "laatstGebruiktOp")


def test_the_token_works_for_its_afnemer(api, afnemer, nieuw):
    token = nieuw()["token"]
    response = api.as_(token).get(f"/afnemers/{afnemer['id']}")
    assert response.status_code == 200
    assert response.get_json()["id"] == afnemer["id"]


def test_the_database_holds_only_the_sha256_hash(app, nieuw):
    created = nieuw()
    token = created["token"]
    row = _row(app, created["id"])
    assert row["hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert row["prefix"] == token[:10]
    secret = token[10:]
    for column, value in row.items():
        assert token not in str(value), column
        assert secret not in str(value), column


def test_two_tokens_are_different(nieuw):
    assert nieuw()["token"] != nieuw()["token"]


def test_created_by_names_the_creating_principal(api, afnemer, token_voor):
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    response = beheerder.post(_url(afnemer["id"]), json={"naam": "CI", "rol": "afnemer-medewerker"})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["aangemaaktDoor"] == "test afnemer-beheerder"


# --- expiry -----------------------------------------------------------------------------


def test_default_expiry_is_90_days(nieuw):
    voor = utcnow()
    created = nieuw()
    na = utcnow()
    verloopt = _tijd(created["verlooptOp"])
    assert verloopt.utcoffset() is not None
    assert voor + timedelta(days=90) - timedelta(seconds=1) <= verloopt
    assert verloopt <= na + timedelta(days=90) + timedelta(seconds=1)


def test_an_expiry_within_366_days_is_kept(nieuw):
    gewenst = (utcnow() + timedelta(days=365)).replace(microsecond=0)
    assert _tijd(nieuw(verlooptOp=_iso(gewenst))["verlooptOp"]) == gewenst
    grens = (utcnow() + timedelta(days=366, minutes=-1)).replace(microsecond=0)
    assert _tijd(nieuw(verlooptOp=_iso(grens))["verlooptOp"]) == grens
    dichtbij = (utcnow() + timedelta(hours=1)).replace(microsecond=0)
    assert _tijd(nieuw(verlooptOp=_iso(dichtbij))["verlooptOp"]) == dichtbij


def _in_amsterdam(nieuw) -> tuple[datetime, dict]:
    gewenst = (utcnow() + timedelta(days=30)).replace(microsecond=0)
    return gewenst, nieuw(verlooptOp=gewenst.astimezone(AMSTERDAM).isoformat())


def test_an_expiry_in_another_offset_is_kept_and_read_back_in_utc(api, afnemer, nieuw):
    """DESIGN: times are stored and answered in UTC with an offset."""
    gewenst, created = _in_amsterdam(nieuw)
    assert _tijd(created["verlooptOp"]) == gewenst
    verloopt = _tijd(api.get(_url(afnemer["id"], created["id"])).get_json()["verlooptOp"])
    assert verloopt == gewenst
    assert verloopt.utcoffset() == timedelta(0)


def test_the_creation_answer_gives_the_expiry_in_utc_too(nieuw):
    _gewenst, created = _in_amsterdam(nieuw)
    assert _tijd(created["verlooptOp"]).utcoffset() == timedelta(0)


@pytest.mark.parametrize("verschil", [timedelta(days=367), timedelta(days=366, minutes=5),
                                      timedelta(days=3650)])
def test_an_expiry_more_than_366_days_ahead_is_400_naming_the_field(api, afnemer, verschil):
    response = api.post(_url(afnemer["id"]), json={
        "naam": "Te lang", "rol": "afnemer-beheerder",
        "verlooptOp": _iso(utcnow() + verschil)})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert _names(response) == {"verlooptOp"}
    assert "verlooptOp" in response.get_json()["detail"]
    assert api.get(_url(afnemer["id"])).get_json()["paginering"]["totaalAantal"] == 0


@pytest.mark.parametrize("verschil", [timedelta(seconds=-5), timedelta(days=-1)])
def test_an_expiry_in_the_past_is_400(api, afnemer, verschil):
    response = api.post(_url(afnemer["id"]), json={
        "naam": "Al verlopen", "rol": "afnemer-beheerder",
        "verlooptOp": _iso(utcnow() + verschil)})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert _names(response) == {"verlooptOp"}
    assert api.get(_url(afnemer["id"])).get_json()["paginering"]["totaalAantal"] == 0


def test_an_expiry_without_offset_is_400(api, afnemer):
    naive = (datetime.now(UTC) + timedelta(days=10)).replace(tzinfo=None)
    response = api.post(_url(afnemer["id"]), json={
        "naam": "Zonder zone", "rol": "afnemer-beheerder", "verlooptOp": naive.isoformat()})
    assert response.status_code == 400
    assert _names(response) == {"verlooptOp"}


def test_all_field_errors_come_at_once(api, afnemer):
    response = api.post(_url(afnemer["id"]), json={"rol": "logius-beheerder", "extra": 1})
    assert response.status_code == 400
    assert _names(response) == {"naam", "rol", "extra"}


@pytest.mark.parametrize("rol", ["logius-beheerder", "productteam"])
def test_an_afnemer_token_cannot_get_a_logius_role(api, afnemer, token_voor, rol):
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    response = beheerder.post(_url(afnemer["id"]), json={"naam": "Escalatie", "rol": rol})
    assert response.status_code == 400
    assert _names(response) == {"rol"}


def test_an_expired_token_is_401(api, afnemer, token_voor):
    verlopen = token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER,
                          geldig_tot=utcnow() - timedelta(seconds=1))
    _assert_401(api.as_(verlopen).get(f"/afnemers/{afnemer['id']}"))
    _assert_401(api.as_(verlopen).get("/diensten"))


def test_a_token_works_until_its_expiry(api, afnemer, token_voor):
    geldig = token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER,
                        geldig_tot=utcnow() + timedelta(minutes=1))
    assert api.as_(geldig).get(f"/afnemers/{afnemer['id']}").status_code == 200


# --- revocation -------------------------------------------------------------------------


def test_a_revoked_token_is_401_at_once(api, afnemer, nieuw):
    created = nieuw()
    als_token = api.as_(created["token"])
    assert als_token.get(f"/afnemers/{afnemer['id']}").status_code == 200
    response = api.delete(_url(afnemer["id"], created["id"]))
    assert response.status_code == 204
    assert response.get_data() == b""
    _assert_401(als_token.get(f"/afnemers/{afnemer['id']}"))
    _assert_401(als_token.get("/diensten"))
    ingetrokken = api.get(_url(afnemer["id"], created["id"])).get_json()["ingetrokkenOp"]
    assert ingetrokken is not None
    assert abs(_tijd(ingetrokken) - utcnow()) < timedelta(minutes=1)


def test_a_token_can_revoke_itself(api, afnemer, nieuw):
    created = nieuw()
    als_token = api.as_(created["token"])
    assert als_token.delete(_url(afnemer["id"], created["id"])).status_code == 204
    _assert_401(als_token.get(_url(afnemer["id"])))


def test_revoking_twice_changes_nothing(app, api, afnemer, nieuw):
    """Revoking is idempotent in effect: a repeat keeps the first revocation time and the
    token stays unusable. The repeat is answered 409 ``al-ingetrokken`` (problem+json)."""
    created = nieuw()
    url = _url(afnemer["id"], created["id"])
    assert api.delete(url).status_code == 204
    eerste = _row(app, created["id"])
    again = api.delete(url)
    assert again.status_code == 409
    assert again.mimetype == "application/problem+json"
    assert again.get_json()["code"] == "al-ingetrokken"
    assert _row(app, created["id"]) == eerste
    _assert_401(api.as_(created["token"]).get(_url(afnemer["id"])))


def test_revoking_one_token_leaves_the_others_working(api, afnemer, nieuw):
    a, b = nieuw(), nieuw()
    assert api.delete(_url(afnemer["id"], a["id"])).status_code == 204
    assert api.as_(b["token"]).get(_url(afnemer["id"])).status_code == 200


def test_an_unknown_token_id_is_404(api, afnemer):
    for method in ("GET", "DELETE"):
        response = api.request(method, _url(afnemer["id"], uuid.uuid4()))
        assert response.status_code == 404
        assert response.mimetype == "application/problem+json"


# --- the Authorization header -----------------------------------------------------------


def test_no_authorization_header_is_401(api, afnemer):
    _assert_401(api.as_(None).get(_url(afnemer["id"])), error=None)
    _assert_401(api.as_(None).post(_url(afnemer["id"]),
                                   json={"naam": "X", "rol": "afnemer-beheerder"}), error=None)


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Token {token}", "{token}",
                                    "Bearer", "Bearer   "])
def test_a_non_bearer_or_empty_authorization_is_401(api, afnemer, nieuw, header):
    token = nieuw()["token"]
    response = api.as_(None).get(_url(afnemer["id"]),
                                 headers={"Authorization": header.format(token=token)})
    _assert_401(response, error="invalid_request")


@pytest.mark.parametrize("kapot", ["afp_onbekend", "zomaar-iets", "afp_" + "A" * 43])
def test_an_unknown_token_is_401(api, afnemer, kapot):
    _assert_401(api.as_(kapot).get(_url(afnemer["id"])))


def test_a_token_that_differs_in_one_character_is_401(api, afnemer, nieuw):
    token = nieuw()["token"]
    other = token[:-1] + ("a" if token[-1] != "a" else "b")
    _assert_401(api.as_(other).get(_url(afnemer["id"])))


def test_the_bearer_scheme_is_case_insensitive(api, afnemer, nieuw):
    """RFC 9110 11.1: the auth scheme is case-insensitive."""
    token = nieuw()["token"]
    response = api.as_(None).get(_url(afnemer["id"]), headers={"Authorization": f"bearer {token}"})
    assert response.status_code == 200


# --- roles and tenants ------------------------------------------------------------------


@pytest.mark.parametrize("scopes", [None, ["read", "write"]])
def test_a_medewerker_reads_the_tokens_but_every_write_is_403(api, afnemer, nieuw, token_voor,
                                                              scopes):
    """afnemer-medewerker is read-only; a write scope on its token does not widen that."""
    bestaand = nieuw()
    extra = {} if scopes is None else {"scopes": scopes}
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER, **extra))
    lijst = medewerker.get(_url(afnemer["id"]))
    assert lijst.status_code == 200
    assert bestaand["id"] in [t["id"] for t in lijst.get_json()["resultaten"]]
    assert medewerker.get(_url(afnemer["id"], bestaand["id"])).status_code == 200
    writes = [
        ("POST", _url(afnemer["id"]), {"naam": "Eigen", "rol": "afnemer-medewerker"}),
        ("POST", _url(afnemer["id"]), {"naam": "Eigen", "rol": "afnemer-beheerder"}),
        ("DELETE", _url(afnemer["id"], bestaand["id"]), None),
    ]
    for method, path, body in writes:
        response = medewerker.request(method, path, json=body)
        assert response.status_code == 403, (method, path, response.get_json())
        assert response.mimetype == "application/problem+json"
    # Nothing changed: no new token, the existing one not revoked and still working.
    assert api.get(_url(afnemer["id"])).get_json()["paginering"]["totaalAantal"] == 2
    assert api.get(_url(afnemer["id"], bestaand["id"])).get_json()["ingetrokkenOp"] is None
    assert api.as_(bestaand["token"]).get(_url(afnemer["id"])).status_code == 200


def test_tokens_cannot_be_patched(api, afnemer, nieuw, token_voor):
    """There is no PATCH on a token (a new expiry means a new token): 405 for everyone."""
    bestaand = nieuw()
    medewerker = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_MEDEWERKER))
    for als in (api, medewerker):
        response = als.patch(_url(afnemer["id"], bestaand["id"]), json={"naam": "Anders"},
                             headers={"If-Match": "*"})
        assert response.status_code == 405
        assert response.mimetype == "application/problem+json"
        assert "PATCH" not in response.headers["Allow"]
    assert api.get(_url(afnemer["id"], bestaand["id"])).get_json()["naam"] == bestaand["naam"]


def test_a_beheerder_creates_and_revokes_its_own_afnemers_tokens(api, afnemer, token_voor):
    beheerder = api.as_(token_voor(afnemer["id"], Rol.AFNEMER_BEHEERDER))
    created = beheerder.post(_url(afnemer["id"]), json={"naam": "CI", "rol": "afnemer-medewerker"})
    assert created.status_code == 201
    token_id = created.get_json()["id"]
    assert beheerder.delete(_url(afnemer["id"], token_id)).status_code == 204


def test_a_new_medewerker_token_can_only_read(api, afnemer, nieuw):
    medewerker = api.as_(nieuw(rol="afnemer-medewerker")["token"])
    assert medewerker.get(_url(afnemer["id"])).status_code == 200
    response = medewerker.post(_url(afnemer["id"]), json={"naam": "X", "rol": "afnemer-medewerker"})
    assert response.status_code == 403


def test_afnemer_a_gets_404_on_the_tokens_of_b(api, maak_afnemer, token_voor):
    a, b = maak_afnemer(), maak_afnemer()
    van_b = api.post(_url(b["id"]), json={"naam": "B", "rol": "afnemer-beheerder"}).get_json()
    beheerder_a = api.as_(token_voor(a["id"], Rol.AFNEMER_BEHEERDER))
    requests = [
        ("GET", _url(b["id"]), None),
        ("GET", _url(b["id"], van_b["id"]), None),
        ("POST", _url(b["id"]), {"naam": "Indringer", "rol": "afnemer-beheerder"}),
        ("DELETE", _url(b["id"], van_b["id"]), None),
        # B's token id under A's own afnemer: as unknown as a random id.
        ("GET", _url(a["id"], van_b["id"]), None),
        ("DELETE", _url(a["id"], van_b["id"]), None),
    ]
    onbekend = beheerder_a.get(_url(a["id"], uuid.uuid4())).get_json()
    for method, path, body in requests:
        response = beheerder_a.request(method, path, json=body)
        assert response.status_code == 404, (method, path)
        assert response.mimetype == "application/problem+json"
        # Exactly the answer for something that does not exist: nothing about B leaks.
        answer = response.get_json()
        assert answer.pop("instance") == "/api/v1" + path
        assert answer == {k: v for k, v in onbekend.items() if k != "instance"}
    # B's tokens are untouched: still one, not revoked, still working.
    tokens_b = api.get(_url(b["id"])).get_json()
    assert [t["id"] for t in tokens_b["resultaten"]] == [van_b["id"]]
    assert tokens_b["resultaten"][0]["ingetrokkenOp"] is None
    assert api.as_(van_b["token"]).get(_url(b["id"])).status_code == 200
    # And A's list does not show B's token.
    ids_a = [t["id"] for t in beheerder_a.get(_url(a["id"])).get_json()["resultaten"]]
    assert van_b["id"] not in ids_a


def test_a_token_of_afnemer_a_does_not_open_afnemer_b(api, maak_afnemer, token_voor):
    a, b = maak_afnemer(), maak_afnemer()
    token_a = api.post(_url(a["id"]), json={"naam": "A", "rol": "afnemer-beheerder"}).get_json()
    response = api.as_(token_a["token"]).get(f"/afnemers/{b['id']}")
    assert response.status_code == 404


def test_the_list_shows_only_the_own_tokens_newest_first(api, afnemer, maak_afnemer, nieuw):
    eerste, tweede = nieuw(naam="Eerste"), nieuw(naam="Tweede")
    api.post(_url(maak_afnemer()["id"]), json={"naam": "Ander", "rol": "afnemer-beheerder"})
    body = api.get(_url(afnemer["id"])).get_json()
    assert [t["id"] for t in body["resultaten"]] == [tweede["id"], eerste["id"]]
    assert body["paginering"]["totaalAantal"] == 2


def test_creation_answers_201_with_the_location_of_the_token(api, maak_afnemer):
    afnemer = maak_afnemer()
    response = api.post(f"/afnemers/{afnemer['id']}/api-tokens",
                        json={"naam": "x", "rol": "afnemer-medewerker"})
    assert response.status_code == 201
    location = response.headers["Location"]
    assert location.endswith(f"/api/v1/afnemers/{afnemer['id']}/api-tokens/"
                             f"{response.get_json()['id']}")
    assert api.get(location.split("/api/v1", 1)[1]).status_code == 200
