"""Verbruik and voorcalculaties.

A usage row is keyed by what it measures: aansluiting, metric and date. Sending the
same key again corrects the row; it never adds a second one. Rows are written in bulk
(``core.verbruik.service``), which also writes their audit lines.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Tijdstempels, UuidPk, Versie, utcnow


class VerbruikRegel(Base):
    __tablename__ = "verbruik"
    __audit__ = True
    __table_args__ = (Index("ix_verbruik_afnemer_id_datum", "afnemer_id", "datum"),)

    aansluiting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aansluitingen.id", ondelete="CASCADE"), primary_key=True
    )
    metriek: Mapped[str] = mapped_column(String(60), primary_key=True)
    #: The day measured; a monthly total is recorded on any day of its month.
    datum: Mapped[date] = mapped_column(primary_key=True)
    afnemer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("afnemers.id", ondelete="CASCADE"))
    aantal: Mapped[int] = mapped_column(BigInteger)
    gewijzigd_op: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def id(self) -> str:
        """The audit log's resource id of a usage row: its aansluiting."""
        return str(self.aansluiting_id)


class Voorcalculatie(UuidPk, Tijdstempels, Versie, Base):
    """The forecast volumes of one aansluiting for one calendar year (DP tabel 1)."""

    __tablename__ = "voorcalculaties"
    __audit__ = True
    __table_args__ = (UniqueConstraint("aansluiting_id", "jaar"),)

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    aansluiting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aansluitingen.id", ondelete="CASCADE")
    )
    jaar: Mapped[int] = mapped_column(Integer)
    #: ``{metriek: aantal}``
    volumes: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    gewijzigd_door: Mapped[str] = mapped_column(String(200))
