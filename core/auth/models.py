"""API tokens: opaque secrets an afnemer creates for its integrations.

Only a SHA-256 hash is stored; the token itself is shown once, at creation.
A token with no ``afnemer_id`` belongs to Logius (created on the command line), or to
an intermediair when it has an ``intermediair_id``.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UuidPk, utcnow


class ApiToken(UuidPk, Base):
    __tablename__ = "api_tokens"
    __audit__ = True
    __audit_exclude__ = ("laatst_gebruikt_op",)

    afnemer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    #: A token of an intermediair (``rol`` ``intermediair``, no ``afnemer_id``): it acts
    #: only under the mandates afnemers granted that intermediair.
    intermediair_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("intermediairs.id", ondelete="CASCADE"), index=True
    )
    naam: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(40))
    #: For the productteam role: the dienst (slug) whose reference data it manages.
    productteam_dienst: Mapped[str | None] = mapped_column(String(40))
    # The first characters, to recognise a token in lists without revealing it.
    prefix: Mapped[str] = mapped_column(String(16))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    aangemaakt_door: Mapped[str] = mapped_column(String(200))
    verloopt_op: Mapped[datetime]
    ingetrokken_op: Mapped[datetime | None]
    #: ``read`` and/or ``write``: what the token may be used for, within its role.
    scopes: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["read", "write"])
    #: Updated at most once a minute, so that using a token costs no write per request.
    laatst_gebruikt_op: Mapped[datetime | None]
