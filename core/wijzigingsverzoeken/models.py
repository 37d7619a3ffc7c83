"""Wijzigingsverzoek (RfC): a change to a dienst that an afnemer asks Logius for, and the
history of its assessment.

What is stored are facts: what was asked, by whom, every step with who took it and when,
and for an accepted request the maintenance window it is planned into (its day and
times as the dienst's rule gave them when Logius planned it).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, Tijdstempels, UuidPk, Versie, utcnow


class Wijzigingsverzoek(UuidPk, Tijdstempels, Versie, Base):
    """One RfC of an afnemer on one dienst. ``status`` is the current one; each change
    of it is a :class:`WijzigingsverzoekStap`."""

    __tablename__ = "wijzigingsverzoeken"
    __audit__ = True

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True)
    dienst: Mapped[str] = mapped_column(String(40))
    indiener_naam: Mapped[str] = mapped_column(String(200))
    indiener_email: Mapped[str] = mapped_column(String(254))
    indiener_telefoon: Mapped[str | None] = mapped_column(String(40))
    #: The change as a result: what is there when it is done.
    voorgestelde_wijziging: Mapped[str] = mapped_column(Text)
    beoogde_voordelen: Mapped[str] = mapped_column(Text)
    huidige_nadelen: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    ingediend_op: Mapped[datetime]
    ingediend_door: Mapped[str] = mapped_column(String(200))
    #: An accepted request: the maintenance window it is planned into.
    venster_omgeving: Mapped[str | None] = mapped_column(String(40))
    venster_datum: Mapped[date | None]
    gepland_begin: Mapped[datetime | None]
    gepland_eind: Mapped[datetime | None]
    #: A rejected request: why.
    reden_afwijzing: Mapped[str | None] = mapped_column(Text)

    stappen: Mapped[list[WijzigingsverzoekStap]] = relationship(
        back_populates="wijzigingsverzoek", order_by="WijzigingsverzoekStap.volgnummer",
        cascade="all, delete-orphan", lazy="selectin")


class WijzigingsverzoekStap(UuidPk, Base):
    """One step of a request's history: its submission (``ingediend``) or a status that
    Logius gave it, with who and when."""

    __tablename__ = "wijzigingsverzoek_stappen"
    __table_args__ = (UniqueConstraint("wijzigingsverzoek_id", "volgnummer",
                                       name="uq_wijzigingsverzoek_stappen_volgnummer"),)

    # The conventional name would pass PostgreSQL's 63 characters.
    wijzigingsverzoek_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("wijzigingsverzoeken.id", ondelete="CASCADE",
                   name="fk_wijzigingsverzoek_stappen_verzoek"), index=True)
    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True)
    volgnummer: Mapped[int]
    status: Mapped[str] = mapped_column(String(20))
    toelichting: Mapped[str | None] = mapped_column(Text)
    op: Mapped[datetime] = mapped_column(default=utcnow)
    door: Mapped[str] = mapped_column(String(200))
    door_naam: Mapped[str] = mapped_column(String(200))

    wijzigingsverzoek: Mapped[Wijzigingsverzoek] = relationship(back_populates="stappen")
