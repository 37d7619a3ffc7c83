"""Incidents, their history of steps, and the notices of a P1 or calamity to every
afnemer of the dienst.

What is stored are facts: who reported what and when, every step with who took it and
when, and when a notice was written. The deadline, the elapsed and the paused time are
not stored: :mod:`core.serviceniveau.incidenten.klok` derives them from the steps each
time, so they cannot drift from the history.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, Tijdstempels, UuidPk, Versie, utcnow
from core.meldingen.models import Gebeurtenis


class Incident(UuidPk, Tijdstempels, Versie, Base):
    """An incident on a dienst in one omgeving.

    ``afnemer_id`` is the afnemer that reported it; ``None`` for one Logius detected
    itself (a calamity, an outage seen in monitoring). ``impact``, ``urgentie``,
    ``prioriteit`` and ``status`` are the current values; each change is a step.
    """

    __tablename__ = "incidenten"
    __audit__ = True
    __table_args__ = (Index("ix_incidenten_dienst_gemeld_op", "dienst", "gemeld_op"),)

    afnemer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True)
    dienst: Mapped[str] = mapped_column(String(40))
    omgeving: Mapped[str] = mapped_column(String(40))
    impact: Mapped[str] = mapped_column(String(10))
    urgentie: Mapped[str] = mapped_column(String(10))
    prioriteit: Mapped[int]
    calamiteit: Mapped[bool] = mapped_column(default=False)
    omschrijving: Mapped[str] = mapped_column(Text)
    functies: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20))
    #: When the clock starts: the request, or the moment a phoned-in report came in.
    gemeld_op: Mapped[datetime]
    gemeld_door: Mapped[str] = mapped_column(String(200))
    #: Logius made it public: it shows on the dienst's public status page (while open),
    #: with ``publieke_omschrijving`` (Logius' words, never the afnemer's description).
    publiek: Mapped[bool] = mapped_column(default=False, server_default=false())
    publieke_omschrijving: Mapped[str | None] = mapped_column(Text)

    stappen: Mapped[list[IncidentStap]] = relationship(
        back_populates="incident", order_by="IncidentStap.volgnummer",
        cascade="all, delete-orphan", lazy="selectin")
    kennisgevingen: Mapped[list[Kennisgeving]] = relationship(
        back_populates="incident", order_by="Kennisgeving.verstuurd_op",
        cascade="all, delete-orphan", lazy="selectin")


class IncidentStap(UuidPk, Base):
    """One step of an incident's history: its report (``gemeld``), a status step, a new
    impact/urgency (``prioriteit``), its marking as a calamity (``calamiteit``), or its
    making public or private again on the status page (``publiek``).

    ``op`` is when it happened (Logius may record a step that happened earlier, never
    before the one before it); ``vastgelegd_op`` is when it was recorded.
    """

    __tablename__ = "incident_stappen"
    __table_args__ = (UniqueConstraint("incident_id", "volgnummer",
                                       name="uq_incident_stappen_volgnummer"),)

    incident_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("incidenten.id", ondelete="CASCADE"), index=True)
    afnemer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True)
    volgnummer: Mapped[int]
    soort: Mapped[str] = mapped_column(String(20))
    #: The status after the step.
    status: Mapped[str] = mapped_column(String(20))
    #: Impact, urgency and priority after the step (set on ``gemeld`` and ``prioriteit``).
    impact: Mapped[str | None] = mapped_column(String(10))
    urgentie: Mapped[str | None] = mapped_column(String(10))
    prioriteit: Mapped[int | None]
    toelichting: Mapped[str | None] = mapped_column(Text)
    op: Mapped[datetime]
    vastgelegd_op: Mapped[datetime] = mapped_column(default=utcnow)
    door: Mapped[str] = mapped_column(String(200))
    door_naam: Mapped[str] = mapped_column(String(200))

    incident: Mapped[Incident] = relationship(back_populates="stappen")


class Kennisgeving(UuidPk, Base):
    """The notice of a P1 or a calamity to every afnemer of the dienst, with the moment
    it was detected and the moment the notice was written to the outbox (in the same
    transaction as what made it one). Whether that was within the dienst's term
    (``termijn_minuten``, as the service level said then) is derived."""

    __tablename__ = "incident_kennisgevingen"

    incident_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("incidenten.id", ondelete="CASCADE"), index=True)
    dienst: Mapped[str] = mapped_column(String(40))
    #: ``prioriteit-1`` or ``calamiteit``.
    reden: Mapped[str] = mapped_column(String(20))
    gedetecteerd_op: Mapped[datetime]
    verstuurd_op: Mapped[datetime]
    termijn_minuten: Mapped[int]
    aantal_afnemers: Mapped[int]

    incident: Mapped[Incident] = relationship(back_populates="kennisgevingen")


class KennisgevingGebeurtenis(Base):
    """Which outbox event carried a notice to which afnemer: the deliveries of those
    events say when the notice arrived."""

    __tablename__ = "incident_kennisgeving_gebeurtenissen"

    kennisgeving_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("incident_kennisgevingen.id", ondelete="CASCADE"), primary_key=True)
    gebeurtenis_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("gebeurtenissen.id", ondelete="CASCADE"), primary_key=True, index=True)

    # Only so that the unit of work writes the notice and the event first.
    kennisgeving: Mapped[Kennisgeving] = relationship()
    gebeurtenis: Mapped[Gebeurtenis] = relationship()
