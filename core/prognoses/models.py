"""Prognoses: every submitted version is kept; the newest one counts."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UuidPk, utcnow


class Prognose(UuidPk, Base):
    """One version of the prognosis of one aansluiting for one period (AV 2.5).

    A new submission for the same aansluiting and period is a new row with the next
    ``nummer``; rows are never changed, so the history stays as it was delivered.
    """

    __tablename__ = "prognoses"
    __audit__ = True
    __table_args__ = (
        UniqueConstraint("aansluiting_id", "periode", "nummer"),
        Index("ix_prognoses_afnemer_id_dienst", "afnemer_id", "dienst"),
    )

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"))
    aansluiting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aansluitingen.id", ondelete="CASCADE"), index=True)
    dienst: Mapped[str] = mapped_column(String(40))
    periode: Mapped[str] = mapped_column(String(40))
    #: 1 for the first version of this aansluiting and period, then 2, 3...
    nummer: Mapped[int] = mapped_column(Integer)
    #: The form as the dienst's schema dumps it (lowerCamelCase).
    formulier: Mapped[dict] = mapped_column(JSON)
    ingediend_op: Mapped[datetime] = mapped_column(default=utcnow)
    ingediend_door: Mapped[str] = mapped_column(String(200))
