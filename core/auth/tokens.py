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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import g
from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError

from core.afnemers.models import Afnemer
from core.auth.models import ApiToken
from core.auth.principal import SCOPES, Principal, Rol
from core.db import db, utcnow
from core.errors import database_bezet

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
    scopes: Iterable[str] | None = None,
    productteam_dienst: str | None = None,
) -> NieuwToken:
    """Create a token; the caller commits. The plain token is returned only here.

    A productteam token names the dienst (slug) whose reference data it manages.
    """
    if (rol == Rol.PRODUCTTEAM) != (productteam_dienst is not None):
        raise ValueError("een productteam-token hoort bij precies één dienst; "
                         "andere rollen hebben geen dienst")
    if afnemer_id is not None and not isinstance(afnemer_id, uuid.UUID):
        afnemer_id = uuid.UUID(str(afnemer_id))
    token = PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(
        id=uuid.uuid4(),
        afnemer_id=afnemer_id,
        naam=naam,
        rol=rol.value,
        productteam_dienst=productteam_dienst,
        prefix=token[:10],
        hash=hash_token(token),
        aangemaakt_door=door,
        verloopt_op=geldig_tot or utcnow() + timedelta(days=dagen),
        scopes=sorted(set(scopes)) if scopes is not None else standaard_scopes(rol),
    )
    db.session.add(record)
    return NieuwToken(record, token)


def standaard_scopes(rol: Rol) -> list[str]:
    """A medewerker only reads, so its tokens default to ``read``; others get both."""
    return ["read"] if rol == Rol.AFNEMER_MEDEWERKER else list(SCOPES)


#: ``laatst_gebruikt_op`` is written at most this often per token.
GEBRUIK_RESOLUTIE = timedelta(minutes=1)


def _noteer_gebruik(record: ApiToken) -> None:
    """Record the use outside the request's unit of work, without an audit line."""
    nu = utcnow()
    if record.laatst_gebruikt_op is not None and nu - record.laatst_gebruikt_op < GEBRUIK_RESOLUTIE:
        return
    try:
        db.session.execute(
            update(ApiToken).where(ApiToken.id == record.id).values(laatst_gebruikt_op=nu),
            execution_options={"synchronize_session": False},
        )
        db.session.commit()
    except DBAPIError as exc:
        # A note, not the request: while another transaction holds the write lock (a
        # large upload on SQLite) the request goes on without it; the next use writes it.
        if not database_bezet(exc):
            raise
        db.session.rollback()


def resolve(token: str) -> Principal | None:
    """The principal for a presented token, or ``None`` if unknown, expired or revoked."""
    if not token.startswith(PREFIX):
        return None
    digest = hash_token(token)
    # The token's afnemer comes along in the same query: the tenant check of an
    # afnemer's own routes (core.tenancy) then needs no query of its own.
    rij = db.session.execute(
        select(ApiToken, Afnemer).outerjoin(Afnemer, Afnemer.id == ApiToken.afnemer_id)
        .where(ApiToken.hash == digest)
    ).one_or_none()
    if rij is None or not hmac.compare_digest(rij[0].hash, digest):
        return None
    record, afnemer = rij
    if record.ingetrokken_op is not None or record.verloopt_op <= utcnow():
        return None
    g.afnemer_van_token = afnemer
    if record.intermediair_id is not None:
        _noteer_gebruik(record)
        return Principal(
            id=f"intermediair:{record.intermediair_id}:token:{record.id}", naam=record.naam,
            methode="api-token", scopes=frozenset(record.scopes or ()),
            intermediair_id=record.intermediair_id,
        )
    rol = Rol(record.rol)
    principal_id, naam, afnemer_id = f"token:{record.id}", record.naam, record.afnemer_id
    scopes = frozenset(record.scopes or ())
    _noteer_gebruik(record)
    if afnemer_id is None:
        return Principal(
            id=principal_id, naam=naam, methode="api-token",
            logius_rollen=frozenset({rol}), scopes=scopes,
            productteam_dienst=record.productteam_dienst,
        )
    return Principal(
        id=principal_id, naam=naam, methode="api-token",
        afnemer_rollen={afnemer_id: rol}, scopes=scopes,
    )
