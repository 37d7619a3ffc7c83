"""The secret that opens an afnemer's calendar feed to a calendar application."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UuidPk, utcnow


class AgendaSleutel(UuidPk, Base):
    """Calendar apps subscribe by URL and cannot send a bearer token, so the feed URL
    carries a secret of its own: read-only, for this feed only, replaceable. Only its
    hash is kept."""

    __tablename__ = "agenda_sleutels"
    __audit__ = True
    __audit_exclude__ = ("hash",)

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), unique=True
    )
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    aangemaakt_door: Mapped[str] = mapped_column(String(200))
