"""Afnemer: the tenant. Every tenant-owned row points here with ``afnemer_id``."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Tijdstempels, UuidPk, Versie


class Afnemer(UuidPk, Tijdstempels, Versie, Base):
    __tablename__ = "afnemers"
    __audit__ = True

    naam: Mapped[str] = mapped_column(String(200))
    # Organisatie-identificatienummer: exactly 20 digits, unique (Logius' OIN register).
    oin: Mapped[str] = mapped_column(String(20), unique=True)
    type: Mapped[str] = mapped_column(String(40))
    # KvK-nummer, 8 digits, optional (the processing agreement, Bijlage 1 tabel 3, uses it for subverwerkers).
    kvk_nummer: Mapped[str | None] = mapped_column(String(8))

    @property
    def afnemer_id(self):
        """An afnemer owns itself, so audit and scoping treat it like any tenant row."""
        return self.id
