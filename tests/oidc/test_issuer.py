"""Access-token validation against an issuer's JWKS, served over real HTTP.

A small issuer (discovery document and JWKS) runs on a loopback port; tokens are
signed here with its keys or with others. Every way a token can be wrong is refused.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from core.oidc.issuer import InvalidToken, Issuer

AUDIENCE = "urn:afnemersportaal:api"


class FakeIssuerServer:
    """A real HTTP server publishing a discovery document and a JWKS."""

    def __init__(self) -> None:
        self.keys = [RSAKey.generate_key(2048, parameters={"kid": "sleutel-1"}, private=True)]
        self.jwks_requests = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                if self.path == "/.well-known/openid-configuration":
                    body = {"issuer": outer.url, "jwks_uri": outer.url + "/jwks"}
                elif self.path == "/jwks":
                    outer.jwks_requests += 1
                    body = KeySet(list(outer.keys)).as_dict(private=False)
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def token(self, key=None, header=None, **claims) -> str:
        now = int(time.time())
        payload = {"iss": self.url, "aud": AUDIENCE, "sub": "machine-a", "client_id": "machine-a",
                   "iat": now, "nbf": now, "exp": now + 300, "scope": "read write", **claims}
        payload = {k: v for k, v in payload.items() if v is not None}
        key = key or self.keys[0]
        return jwt.encode({"alg": "RS256", "kid": key.kid, **(header or {})}, payload, key)


@pytest.fixture
def server():
    server = FakeIssuerServer()
    yield server
    server.close()


@pytest.fixture
def issuer(server):
    return Issuer(url=server.url, audience=AUDIENCE, refresh_interval=0)


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_valid_token_gives_its_claims(server, issuer):
    claims = issuer.validate(server.token())
    assert claims["client_id"] == "machine-a"
    assert claims["scope"] == "read write"


def test_wrong_issuer_is_refused(server, issuer):
    with pytest.raises(InvalidToken, match="iss"):
        issuer.validate(server.token(iss="http://evil.example"))


def test_wrong_audience_is_refused(server, issuer):
    with pytest.raises(InvalidToken, match="aud"):
        issuer.validate(server.token(aud="urn:iets:anders"))


def test_missing_audience_is_refused(server, issuer):
    with pytest.raises(InvalidToken):
        issuer.validate(server.token(aud=None))


def test_expired_token_is_refused(server, issuer):
    past = int(time.time()) - 3600
    with pytest.raises(InvalidToken, match="expired|exp"):
        issuer.validate(server.token(iat=past - 300, nbf=past - 300, exp=past))


def test_token_without_expiry_is_refused(server, issuer):
    with pytest.raises(InvalidToken):
        issuer.validate(server.token(exp=None))


def test_token_not_yet_valid_is_refused(server, issuer):
    future = int(time.time()) + 3600
    with pytest.raises(InvalidToken, match="not yet valid"):
        issuer.validate(server.token(nbf=future, exp=future + 300))


def test_alg_none_is_refused(server, issuer):
    signed = server.token()
    _header, payload, _signature = signed.split(".")
    unsigned = f"{_b64({'alg': 'none', 'kid': 'sleutel-1'})}.{payload}."
    with pytest.raises(InvalidToken, match="not allowed"):
        issuer.validate(unsigned)


def test_hmac_with_the_public_key_is_refused(server, issuer):
    """The classic confusion attack: HS256 'signed' with the issuer's public key."""
    import hashlib
    import hmac

    public_pem = server.keys[0].as_pem(private=False)
    signing_input = ".".join([
        _b64({"alg": "HS256", "kid": "sleutel-1"}),
        _b64({"iss": server.url, "aud": AUDIENCE, "exp": int(time.time()) + 60}),
    ])
    mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    token = signing_input + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
    with pytest.raises(InvalidToken, match="not allowed"):
        issuer.validate(token)


def test_forged_signature_is_refused(server, issuer):
    """Signed by another key that claims the issuer's key id."""
    forger = RSAKey.generate_key(2048, parameters={"kid": "sleutel-1"}, private=True)
    with pytest.raises(InvalidToken, match="signature"):
        issuer.validate(server.token(key=forger))


def test_tampered_payload_is_refused(server, issuer):
    header, payload, signature = server.token().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["client_id"] = "machine-b"
    with pytest.raises(InvalidToken, match="signature"):
        issuer.validate(f"{header}.{_b64(claims)}.{signature}")


def test_unknown_key_is_refused_after_one_refresh(server, issuer):
    stranger = RSAKey.generate_key(2048, parameters={"kid": "onbekend"}, private=True)
    issuer.validate(server.token())
    before = server.jwks_requests
    with pytest.raises(InvalidToken, match="unknown key"):
        issuer.validate(server.token(key=stranger))
    assert server.jwks_requests == before + 1


def test_rotated_key_is_picked_up_on_an_unknown_kid(server, issuer):
    issuer.validate(server.token())
    new = RSAKey.generate_key(2048, parameters={"kid": "sleutel-2"}, private=True)
    server.keys.append(new)
    assert issuer.validate(server.token(key=new))["sub"] == "machine-a"


def test_unknown_kids_do_not_hammer_the_issuer(server):
    issuer = Issuer(url=server.url, audience=AUDIENCE, refresh_interval=3600)
    issuer.validate(server.token())
    stranger = RSAKey.generate_key(2048, parameters={"kid": "onbekend"}, private=True)
    for _ in range(5):
        with pytest.raises(InvalidToken):
            issuer.validate(server.token(key=stranger))
    assert server.jwks_requests == 1


def test_garbage_is_refused(issuer):
    for token in ("", "abc", "a.b.c", "....", "eyJhbGciOiJSUzI1NiJ9.e30"):
        with pytest.raises(InvalidToken):
            issuer.validate(token)
