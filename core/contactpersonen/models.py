"""Contactpersonen of an afnemer (AV 2.4; reachability per the processing agreement, Bijlage 1 tabel 2)."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Tijdstempels, UuidPk, Versie


class Contactpersoon(UuidPk, Tijdstempels, Versie, Base):
    __tablename__ = "contactpersonen"
    __audit__ = True

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    naam: Mapped[str] = mapped_column(String(200))
    functie: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    telefoon: Mapped[str] = mapped_column(String(32))
    rol: Mapped[str] = mapped_column(String(40))
    bereikbaarheid: Mapped[str] = mapped_column(String(20))
