"""Aansluiting: one afnemer on one dienst in one omgeving, with its lifecycle."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, Tijdstempels, UuidPk, Versie, utcnow


class Aansluiting(UuidPk, Tijdstempels, Versie, Base):
    __tablename__ = "aansluitingen"
    __audit__ = True
    __table_args__ = (
        # At most one aansluiting per afnemer x dienst x omgeving that has not ended.
        Index(
            "uq_aansluitingen_lopend",
            "afnemer_id",
            "dienst",
            "omgeving",
            unique=True,
            sqlite_where=text("status != 'beeindigd'"),
            postgresql_where=text("status != 'beeindigd'"),
        ),
    )

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    dienst: Mapped[str] = mapped_column(String(40))
    omgeving: Mapped[str] = mapped_column(String(40))
    onderdelen: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20))
    # AV 11.1 / MO 2.2: the signing date of the aanvraagformulier starts the terms.
    aanvraag_ondertekend_op: Mapped[date]
    geactiveerd_op: Mapped[datetime | None]
    beeindigd_op: Mapped[datetime | None]
    opschorting_grondslag: Mapped[str | None] = mapped_column(String(20))
    opschorting_reden: Mapped[str | None] = mapped_column(Text)
    # AV 13.2, MO 8.2: after a rejected change of terms, delivery ends on this date.
    gepland_einde_op: Mapped[date | None]
    gepland_einde_grondslag: Mapped[str | None] = mapped_column(String(40))

    statuswijzigingen: Mapped[list[Statuswijziging]] = relationship(
        back_populates="aansluiting",
        order_by="Statuswijziging.tijdstip",
        cascade="all, delete-orphan",
    )


class Statuswijziging(UuidPk, Base):
    """One step in an aansluiting's lifecycle: who moved it from where to where, and why."""

    __tablename__ = "aansluiting_statuswijzigingen"

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    aansluiting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aansluitingen.id", ondelete="CASCADE"), index=True
    )
    van: Mapped[str | None] = mapped_column(String(20))
    naar: Mapped[str] = mapped_column(String(20))
    grondslag: Mapped[str | None] = mapped_column(String(20))
    reden: Mapped[str | None] = mapped_column(Text)
    door: Mapped[str] = mapped_column(String(200))
    tijdstip: Mapped[datetime] = mapped_column(default=utcnow)

    aansluiting: Mapped[Aansluiting] = relationship(back_populates="statuswijzigingen")
