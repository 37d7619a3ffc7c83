"""Validating the issuer's access tokens (JWT, RFC 9068) against its JWKS.

Nothing here is specific to one provider: the issuer URL, the audience and the
accepted algorithms are configuration. A token is accepted only when all hold:

- the header's ``alg`` is on the allow-list (so ``none`` and HMAC tricks are out),
  and its ``kid`` names a key in the issuer's JWKS;
- the signature verifies with that key;
- ``iss`` is the configured issuer and ``aud`` holds the configured audience;
- ``exp`` is in the future and ``nbf``/``iat`` are not, within a small leeway.

Keys are fetched from the ``jwks_uri`` in the issuer's discovery document and
cached, and only for a token whose (as yet unverified) ``iss`` names this issuer: a
token of another issuer is refused without a call, even while the issuer is down.
A token with an unknown ``kid`` refreshes the cache (the issuer may have rotated its
keys), at most once per ``refresh_interval`` seconds, so a flood of forged kids
cannot make us hammer the issuer.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import requests
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

DEFAULT_ALGORITHMS = ("RS256", "PS256", "ES256")


class InvalidToken(Exception):
    """The token is not acceptable; ``reason`` is for logs, never for the client."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Issuer:
    url: str
    audience: str
    algorithms: tuple[str, ...] = DEFAULT_ALGORITHMS
    leeway: int = 30
    refresh_interval: float = 30.0
    timeout: float = 5.0
    _metadata: dict[str, Any] | None = field(default=None, init=False, repr=False)
    _keys: KeySet | None = field(default=None, init=False, repr=False)
    _fetched_at: float = field(default=0.0, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    # -- discovery and keys -------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        if self._metadata is None:
            url = self.url.rstrip("/") + "/.well-known/openid-configuration"
            response = requests.get(url, timeout=self.timeout)
            response.raise_for_status()
            metadata = response.json()
            if metadata.get("issuer") != self.url:
                raise InvalidToken(f"discovery names issuer {metadata.get('issuer')!r}")
            self._metadata = metadata
        return self._metadata

    def _fetch_keys(self) -> KeySet:
        response = requests.get(self.metadata()["jwks_uri"], timeout=self.timeout)
        response.raise_for_status()
        return KeySet.import_key_set(response.json())

    def keys(self, *, refresh: bool = False) -> KeySet:
        with self._lock:
            stale = time.monotonic() - self._fetched_at >= self.refresh_interval
            if self._keys is None or (refresh and stale):
                self._keys = self._fetch_keys()
                self._fetched_at = time.monotonic()
            return self._keys

    def _key_for(self, kid: str):
        for refresh in (False, True):
            try:
                return self.keys(refresh=refresh).get_by_kid(kid)
            except (ValueError, KeyError, JoseError):
                continue
        raise InvalidToken(f"unknown key id {kid!r}")

    # -- validation ---------------------------------------------------------

    def validate(self, token: str) -> dict[str, Any]:
        """Return the claims of a valid access token, or raise :class:`InvalidToken`."""
        try:
            compact = jws.extract_compact(token.encode())
        except (JoseError, ValueError, UnicodeError) as exc:
            raise InvalidToken(f"not a compact JWS: {exc}") from exc
        header = compact.protected
        alg, kid = header.get("alg"), header.get("kid")
        if alg not in self.algorithms:
            raise InvalidToken(f"algorithm {alg!r} is not allowed")
        if not isinstance(kid, str) or not kid:
            raise InvalidToken("no key id in the header")
        # Only a token that names this issuer is worth its keys: one of another issuer
        # is refused without a call to it, so it stays a refusal (401) while the issuer
        # is unreachable. The same check on the verified claims follows below.
        iss = _unverified_claims(compact.payload).get("iss")
        if iss != self.url:
            raise InvalidToken(f"issued by {iss!r}, not by this issuer")
        key = self._key_for(kid)
        try:
            decoded = jwt.decode(token, key, algorithms=list(self.algorithms))
        except (JoseError, ValueError) as exc:
            raise InvalidToken(f"signature: {exc}") from exc
        claims = decoded.claims
        registry = jwt.JWTClaimsRegistry(
            leeway=self.leeway,
            iss={"essential": True, "value": self.url},
            aud={"essential": True, "value": self.audience},
            exp={"essential": True},
        )
        try:
            registry.validate(claims)
        except JoseError as exc:
            raise InvalidToken(f"claims: {exc}") from exc
        return claims


def _unverified_claims(payload: bytes) -> dict[str, Any]:
    """The claims of a JWS payload before its signature is checked: only to decide
    whether to check it at all."""
    try:
        claims = json.loads(payload)
    except (ValueError, UnicodeError) as exc:
        raise InvalidToken(f"payload is not JSON: {exc}") from exc
    if not isinstance(claims, dict):
        raise InvalidToken("payload is not a JSON object")
    return claims
