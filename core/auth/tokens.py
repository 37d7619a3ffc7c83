"""Issuing and checking afnemer API tokens.

A token is ``afp_`` plus 43 URL-safe characters (256 bits of randomness). Because
it is random and long, a plain SHA-256 is the right hash: a salt or a slow hash
protects guessable passwords, not random keys, and would cost a lookup per request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from core.auth.models import ApiToken
from core.auth.principal import Principal, Rol
from core.db import db, utcnow

PREFIX = "afp_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NieuwToken:
    record: ApiToken
    token: str


def issue(
    *,
    naam: str,
    rol: Rol,
    afnemer_id: uuid.UUID | None,
    geldig_tot: datetime | None = None,
    dagen: int = 90,
    door: str,
) -> NieuwToken:
    """Create a token; the caller commits. The plain token is returned only here."""
    if afnemer_id is not None and not isinstance(afnemer_id, uuid.UUID):
        afnemer_id = uuid.UUID(str(afnemer_id))
    token = PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(
        id=uuid.uuid4(),
        afnemer_id=afnemer_id,
        naam=naam,
        rol=rol.value,
        prefix=token[:10],
        hash=hash_token(token),
        aangemaakt_door=door,
        verloopt_op=geldig_tot or utcnow() + timedelta(days=dagen),
    )
    db.session.add(record)
    return NieuwToken(record, token)


def resolve(token: str) -> Principal | None:
    """The principal for a presented token, or ``None`` if unknown, expired or revoked."""
    if not token.startswith(PREFIX):
        return None
    digest = hash_token(token)
    record = db.session.execute(
        select(ApiToken).where(ApiToken.hash == digest)
    ).scalar_one_or_none()
    if record is None or not hmac.compare_digest(record.hash, digest):
        return None
    if record.ingetrokken_op is not None or record.verloopt_op <= utcnow():
        return None
    rol = Rol(record.rol)
    if record.afnemer_id is None:
        return Principal(
            id=f"token:{record.id}",
            naam=record.naam,
            methode="api-token",
            logius_rollen=frozenset({rol}),
        )
    return Principal(
        id=f"token:{record.id}",
        naam=record.naam,
        methode="api-token",
        afnemer_rollen={record.afnemer_id: rol},
    )
