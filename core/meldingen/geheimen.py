"""Webhook signing secrets: generated here, shown once, stored encrypted.

The worker needs the secret itself to sign (a hash would not do), so it is kept
encrypted with a key derived from the app's SECRET_KEY (Fernet: AES-CBC + HMAC).
A database dump alone does not reveal it. The key may be rotated: the new one encrypts
what is stored from then on, the old ones (``OUDE_SECRET_KEYS``) still decrypt.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.fernet import Fernet, MultiFernet


def nieuw_geheim() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _fernet(secret_key: str) -> Fernet:
    digest = hashlib.sha256(b"afnemersportaal webhook-geheimen\0" + secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def versleutel(geheim: str, secret_key: str) -> str:
    return _fernet(secret_key).encrypt(geheim.encode()).decode()


def ontsleutel(versleuteld: str, secret_key: str, oude: tuple[str, ...] = ()) -> str:
    """Decrypt with the current key or, after a rotation, with one of the old ones
    (``AFNEMERSPORTAAL_OUDE_SECRET_KEYS``); ``InvalidToken`` if none fits."""
    sleutels = [_fernet(secret_key), *(_fernet(k) for k in oude)]
    return MultiFernet(sleutels).decrypt(versleuteld.encode()).decode()
