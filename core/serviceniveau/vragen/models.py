"""A question or complaint of an afnemer about a dienst, and Logius' answer."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Tijdstempels, UuidPk, Versie


class Vraag(UuidPk, Tijdstempels, Versie, Base):
    """``soort`` is ``vraag`` or ``klacht``. The term to answer (working days from the
    day it was asked) is derived from the dienst's service level, not stored."""

    __tablename__ = "vragen"
    __audit__ = True
    __table_args__ = (Index("ix_vragen_dienst_gesteld_op", "dienst", "gesteld_op"),)

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True)
    dienst: Mapped[str] = mapped_column(String(40))
    soort: Mapped[str] = mapped_column(String(10))
    onderwerp: Mapped[str] = mapped_column(String(200))
    tekst: Mapped[str] = mapped_column(Text)
    gesteld_op: Mapped[datetime]
    gesteld_door: Mapped[str] = mapped_column(String(200))
    antwoord: Mapped[str | None] = mapped_column(Text)
    beantwoord_op: Mapped[datetime | None]
    beantwoord_door: Mapped[str | None] = mapped_column(String(200))
