"""Issuer access tokens at the API, with the real local provider (issue: identity).

A machine client gets a token from the provider with client credentials; the API
accepts it for the one afnemer that registered the client id. Tokens the API must
refuse are made with the provider's own signing key (or a stranger's), so that each
test breaks exactly one rule.
"""

from __future__ import annotations

import base64
import json
import socket
import threading
import time
import uuid

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import RSAKey

from core.auth import tokens
from core.auth.principal import Rol
from core.db import db
from core.gebruikers.models import Gebruiker, Lidmaatschap, MachineClient
from tests.conftest import make_app, nieuw_oin
from tests.support.oidc_fixtures import client_credentials_token

AUDIENCE = "urn:afnemersportaal:api"


class Http:
    def __init__(self, base: str, token: str | None) -> None:
        self.base, self.token = base, token

    def __call__(self, method: str, path: str, token: str | None = None, **kwargs):
        headers = kwargs.pop("headers", {})
        bearer = token or self.token
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        return requests.request(method, f"{self.base}/api/v1{path}", headers=headers,
                                timeout=10, **kwargs)


@pytest.fixture
def logius(live_app) -> Http:
    with live_app.app.app_context():
        nieuw = tokens.issue(naam="logius", rol=Rol.LOGIUS_BEHEERDER, afnemer_id=None, door="test")
        db.session.commit()
        return Http(live_app.url, nieuw.token)


def _afnemer_met_aansluiting(logius: Http) -> dict:
    afnemer = logius("POST", "/afnemers", json={"naam": f"Gemeente {uuid.uuid4().hex[:5]}",
                                                 "oin": nieuw_oin(), "type": "gemeente"}).json()
    aansluiting = logius("POST", f"/afnemers/{afnemer['id']}/aansluitingen", json={
        "dienst": "digid", "omgeving": "productie", "onderdelen": ["midden"],
        "aanvraagOndertekendOp": "2026-01-15"}).json()
    return {"id": afnemer["id"], "aansluiting": aansluiting["id"]}


@pytest.fixture
def twee(logius):
    a, b = _afnemer_met_aansluiting(logius), _afnemer_met_aansluiting(logius)
    for afnemer, client_id in ((a, "koppeling-a"), (b, "koppeling-b")):
        response = logius("POST", f"/afnemers/{afnemer['id']}/machine-clients",
                          json={"clientId": client_id, "naam": "Zaaksysteem",
                                "scopes": ["read", "write"]})
        assert response.status_code == 201, response.text
        afnemer["client"] = response.json()["id"]
    return a, b


def _assert_401(response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith('Bearer realm="afnemersportaal"')


def test_client_credentials_token_of_a_reads_a_and_gets_404_on_b(live_app, provider, logius, twee):
    """Done-when of the identity issue: A's machine token reads A's aansluitingen, 404 on B's."""
    a, b = twee
    http = Http(live_app.url, client_credentials_token(provider, "koppeling-a"))

    eigen = http("GET", f"/afnemers/{a['id']}/aansluitingen")
    assert eigen.status_code == 200
    assert [x["id"] for x in eigen.json()["resultaten"]] == [a["aansluiting"]]

    for path in (f"/afnemers/{b['id']}/aansluitingen",
                 f"/afnemers/{b['id']}/aansluitingen/{b['aansluiting']}",
                 f"/afnemers/{a['id']}/aansluitingen/{b['aansluiting']}",
                 f"/afnemers/{b['id']}"):
        response = http("GET", path)
        assert response.status_code == 404, path
        assert response.headers["Content-Type"] == "application/problem+json"
    lijst = http("GET", "/afnemers").json()["resultaten"]
    assert [x["id"] for x in lijst] == [a["id"]]


def test_machine_client_with_write_scope_can_write_for_its_afnemer(live_app, provider, twee):
    a, _b = twee
    http = Http(live_app.url, client_credentials_token(provider, "koppeling-a"))
    response = http("POST", f"/afnemers/{a['id']}/contactpersonen", json={
        "naam": "Jan Jansen", "email": "jan@voorbeeld.nl", "telefoon": "070 123 4567",
        "rol": "technisch"})
    assert response.status_code == 201, response.text
    audit = http("GET", f"/afnemers/{a['id']}/audit?resourceType=contactpersonen").json()
    assert audit["resultaten"][0]["actor"] == "client:koppeling-a"
    assert audit["resultaten"][0]["actie"] == "aangemaakt"


def test_token_asked_with_read_scope_only_cannot_write(live_app, provider, twee):
    """The token's scopes narrow what the registration allows: 403 insufficient_scope."""
    a, _b = twee
    token = client_credentials_token(provider, "koppeling-a", scope="read")
    http = Http(live_app.url, token)
    assert http("GET", f"/afnemers/{a['id']}/aansluitingen").status_code == 200
    response = http("POST", f"/afnemers/{a['id']}/contactpersonen", json={
        "naam": "Jan", "email": "jan@voorbeeld.nl", "telefoon": "0701234567", "rol": "technisch"})
    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]


def test_registration_with_read_scope_caps_a_write_token(live_app, provider, logius, twee):
    a, _b = twee
    assert logius("DELETE", f"/afnemers/{a['id']}/machine-clients/{a['client']}").status_code == 204
    # The same client id, registered again by A with read only.
    with live_app.app.app_context():
        db.session.query(MachineClient).filter_by(client_id="koppeling-a").delete()
        db.session.commit()
    assert logius("POST", f"/afnemers/{a['id']}/machine-clients",
                  json={"clientId": "koppeling-a", "naam": "x", "scopes": ["read"]}
                  ).status_code == 201
    http = Http(live_app.url, client_credentials_token(provider, "koppeling-a"))
    assert http("GET", f"/afnemers/{a['id']}/aansluitingen").status_code == 200
    assert http("DELETE", f"/afnemers/{a['id']}/machine-clients/{a['client']}"
                ).status_code == 403


def test_a_client_id_nobody_registered_gets_401(live_app, provider, twee):
    token = client_credentials_token(provider, "niet-geregistreerd")
    _assert_401(Http(live_app.url, token)("GET", "/afnemers"))


def test_a_revoked_machine_client_gets_401_at_once(live_app, provider, logius, twee):
    a, _b = twee
    token = client_credentials_token(provider, "koppeling-a")
    http = Http(live_app.url, token)
    assert http("GET", f"/afnemers/{a['id']}").status_code == 200
    assert logius("DELETE", f"/afnemers/{a['id']}/machine-clients/{a['client']}").status_code == 204
    _assert_401(http("GET", f"/afnemers/{a['id']}"))


def test_a_client_id_is_bound_to_one_afnemer(live_app, logius, twee):
    """Registering a client id that another afnemer holds is refused (409)."""
    a, _b = twee
    response = logius("POST", f"/afnemers/{a['id']}/machine-clients",
                      json={"clientId": "koppeling-b", "naam": "Kaping"})
    assert response.status_code == 409
    assert response.json()["code"] == "client-bestaat-al"


def test_use_of_a_machine_client_is_recorded(live_app, provider, logius, twee):
    a, _b = twee
    before = logius("GET", f"/afnemers/{a['id']}/machine-clients/{a['client']}").json()
    assert before["laatstGebruiktOp"] is None
    Http(live_app.url, client_credentials_token(provider, "koppeling-a"))("GET", "/afnemers")
    after = logius("GET", f"/afnemers/{a['id']}/machine-clients/{a['client']}").json()
    assert after["laatstGebruiktOp"] is not None
    # Recording the use is not a change of the registration: no audit line for it.
    audit = logius("GET", f"/afnemers/{a['id']}/audit?resourceType=machine_clients").json()
    assert [r["actie"] for r in audit["resultaten"]] == ["aangemaakt"]


# -- tokens the API must refuse ------------------------------------------------


def _sign(key: RSAKey, provider, alg: str = "RS256", **claims) -> str:
    now = int(time.time())
    payload = {"iss": provider.issuer, "aud": AUDIENCE, "sub": "koppeling-a",
               "client_id": "koppeling-a", "scope": "read write", "iat": now, "nbf": now,
               "exp": now + 300, "jti": uuid.uuid4().hex, **claims}
    return jwt.encode({"alg": alg, "kid": key.kid, "typ": "at+jwt"}, payload, key)


def _b64(value: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def _alg_none(key, provider) -> str:
    _header, payload, _signature = _sign(key, provider).split(".")
    return f"{_b64({'alg': 'none', 'kid': key.kid})}.{payload}."


def _forged(key, provider) -> str:
    """Another key that claims the provider's key id."""
    forger = RSAKey.generate_key(2048, parameters={"kid": key.kid}, private=True)
    return _sign(forger, provider)


def _unknown_key(key, provider) -> str:
    stranger = RSAKey.generate_key(2048, parameters={"kid": "niemand-kent-mij"}, private=True)
    return _sign(stranger, provider)


BAD_TOKENS = {
    "wrong issuer": lambda key, p: _sign(key, p, iss="http://127.0.0.1:1/nep"),
    "wrong audience": lambda key, p: _sign(key, p, aud="urn:een:andere:api"),
    "past expiry": lambda key, p: _sign(key, p, iat=int(time.time()) - 3600,
                                        nbf=int(time.time()) - 3600, exp=int(time.time()) - 600),
    "not yet valid": lambda key, p: _sign(key, p, nbf=int(time.time()) + 3600,
                                          exp=int(time.time()) + 7200),
    "alg none": _alg_none,
    "forged signature": _forged,
    "unknown key": _unknown_key,
}


def test_a_token_signed_like_the_provider_is_accepted(live_app, provider, signing_key, twee):
    """The control for the refusals below: the same construction, all rules kept."""
    a, _b = twee
    token = _sign(signing_key[0], provider)
    assert Http(live_app.url, token)("GET", f"/afnemers/{a['id']}").status_code == 200


@pytest.mark.parametrize("soort", sorted(BAD_TOKENS))
def test_bad_issuer_tokens_get_401(live_app, provider, signing_key, twee, soort):
    """Done-when: wrong issuer, wrong audience, past expiry, alg none, forged signature
    and an unknown key are each a 401 with WWW-Authenticate."""
    a, _b = twee
    token = BAD_TOKENS[soort](signing_key[0], provider)
    response = Http(live_app.url, token)("GET", f"/afnemers/{a['id']}")
    _assert_401(response)
    assert "Het token is onbekend, verlopen of ingetrokken." == response.json()["detail"]


def test_a_persons_access_token_carries_their_memberships(live_app, provider, signing_key, twee):
    """A token for a person (sub of a gebruiker) acts with that gebruiker's roles."""
    a, b = twee
    with live_app.app.app_context():
        gebruiker = Gebruiker(issuer=provider.issuer, subject="dev-persoon-1",
                              email="p@voorbeeld.nl", email_geverifieerd=True, naam="P")
        db.session.add(gebruiker)
        db.session.flush()
        db.session.add(Lidmaatschap(afnemer_id=uuid.UUID(a["id"]), gebruiker_id=gebruiker.id,
                                    email="p@voorbeeld.nl", rol="afnemer-medewerker",
                                    status="actief", uitgenodigd_door="test"))
        db.session.commit()
    token = _sign(signing_key[0], provider, sub="dev-persoon-1",
                  client_id="afnemersportaal-console")
    http = Http(live_app.url, token)
    assert http("GET", f"/afnemers/{a['id']}/aansluitingen").status_code == 200
    assert http("GET", f"/afnemers/{b['id']}/aansluitingen").status_code == 404
    assert http("DELETE", f"/afnemers/{a['id']}/machine-clients/{a['client']}"
                ).status_code == 403  # medewerker: read only
    stranger = _sign(signing_key[0], provider, sub="dev-nooit-ingelogd",
                     client_id="afnemersportaal-console")
    _assert_401(http("GET", "/afnemers", token=stranger))


def test_unreachable_issuer_is_503_not_401(database_urls, signing_key, provider):
    """When the issuer cannot be asked for the keys of a token that names it, the answer
    says so (503)."""
    app = make_app(database_urls["sqlite"], OIDC_ISSUER="http://127.0.0.1:9")
    token = _sign(signing_key[0], provider, iss="http://127.0.0.1:9")
    response = app.test_client().get("/api/v1/afnemers",
                                      headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert response.get_json()["code"] == "issuer-onbereikbaar"


@pytest.fixture
def stille_issuer():
    """A local port that accepts connections, records each and closes it at once without
    a word: an issuer that cannot be reached."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    verbindingen: list[tuple] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                verbinding, adres = listener.accept()
            except TimeoutError:
                continue
            verbindingen.append(adres)
            verbinding.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", verbindingen
    stop.set()
    thread.join(timeout=5)
    listener.close()


def _unsigned(**claims) -> str:
    """A JWT in form only: its signature is no signature at all."""
    now = int(time.time())
    payload = {k: v for k, v in {"aud": AUDIENCE, "client_id": "koppeling-a", "iat": now,
                                 "exp": now + 300, **claims}.items() if v is not None}
    header = {"alg": "RS256", "kid": "sleutel-1", "typ": "at+jwt"}
    return f"{_b64(header)}.{_b64(payload)}.{_b64({'geen': 'handtekening'})}"


@pytest.mark.parametrize("iss", ["https://idp.elders.example", "{issuer}/", "{issuer}x", None,
                                 ["{issuer}"]])
def test_a_token_of_another_issuer_is_401_without_asking_the_issuer(database_urls,
                                                                    stille_issuer, iss):
    """A token whose (unverified) iss is not the configured issuer is refused as it is: the
    issuer is not asked for keys, so it is a 401 even while the issuer is unreachable."""
    url, verbindingen = stille_issuer
    app = make_app(database_urls["sqlite"], OIDC_ISSUER=url)
    client = app.test_client()

    def get(token: str):
        return client.get("/api/v1/afnemers", headers={"Authorization": f"Bearer {token}"})

    if isinstance(iss, str):
        iss = iss.format(issuer=url)
    elif isinstance(iss, list):
        iss = [i.format(issuer=url) for i in iss]
    response = get(_unsigned(iss=iss))
    assert response.status_code == 401, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith('Bearer realm="afnemersportaal"')
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    assert verbindingen == []
    # The control: a token that names the configured issuer does make the API ask it.
    assert get(_unsigned(iss=url)).status_code == 503
    assert len(verbindingen) == 1
