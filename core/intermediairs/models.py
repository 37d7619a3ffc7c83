"""Intermediairs and the mandates afnemers grant them.

An :class:`Intermediair` is an organisation that is not an afnemer itself (a software
supplier, known by its KvK-nummer) registered by Logius. Its API tokens
(``core.auth.models.ApiToken.intermediair_id``) act for no afnemer of their own: only
for an afnemer that granted the intermediair a live :class:`Mandaat`, and only within
it (``core.intermediairs.toegang``). So do its people (:class:`IntermediairMedewerker`,
invited by Logius by e-mail, in effect at their login) and its machine clients (client
ids of the issuer, ``core.gebruikers.models.MachineClient.intermediair_id``), bound by
Logius.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Tijdstempels, UuidPk, Versie


class Intermediair(UuidPk, Tijdstempels, Versie, Base):
    __tablename__ = "intermediairs"

    naam: Mapped[str] = mapped_column(String(200))
    kvk_nummer: Mapped[str] = mapped_column(String(8), unique=True)
    #: Where notices about its mandates go (it has no webhooks of its own).
    email: Mapped[str] = mapped_column(String(254))
    aangemaakt_door: Mapped[str] = mapped_column(String(200))


class Mandaat(UuidPk, Tijdstempels, Versie, Base):
    """An afnemer lets an intermediair act for it: for some diensten, some kinds of
    resource, reading and/or writing, until a date (inclusive, in Europe/Amsterdam)."""

    __tablename__ = "mandaten"
    __audit__ = True
    __table_args__ = (
        Index("ix_mandaten_intermediair_afnemer", "intermediair_id", "afnemer_id"),
    )

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    intermediair_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("intermediairs.id", ondelete="CASCADE")
    )
    #: Dienst slugs.
    diensten: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Kinds of resource (``core.intermediairs.toegang.RESOURCES``).
    resources: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: ``lezen`` and/or ``schrijven``.
    rechten: Mapped[list[str]] = mapped_column(JSON, default=list)
    geldig_tot: Mapped[date]
    verleend_door: Mapped[str] = mapped_column(String(200))
    ingetrokken_op: Mapped[datetime | None]
    ingetrokken_door: Mapped[str | None] = mapped_column(String(200))
    #: When its end (revoked or expired) was announced to both sides.
    einde_gemeld_op: Mapped[datetime | None]

    @property
    def status(self) -> str:
        from core.tijd import vandaag

        if self.ingetrokken_op is not None:
            return "ingetrokken"
        return "verlopen" if self.geldig_tot < vandaag() else "actief"


class IntermediairMedewerker(UuidPk, Tijdstempels, Versie, Base):
    """A person of an intermediair: invited by Logius by e-mail, a member from the first
    login with that e-mail, verified by the issuer (as an afnemer's lidmaatschap is).

    A person is a member of at most one intermediair at a time (one live row per e-mail,
    the unique index below), and then acts for no afnemer of their own
    (``core.intermediairs.service.nodig_medewerker_uit``).
    """

    __tablename__ = "intermediair_medewerkers"
    __table_args__ = (
        Index(
            "uq_intermediair_medewerkers_lopend",
            "email",
            unique=True,
            sqlite_where=text("status != 'beeindigd'"),
            postgresql_where=text("status != 'beeindigd'"),
        ),
    )

    intermediair_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("intermediairs.id", ondelete="CASCADE"), index=True
    )
    gebruiker_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("gebruikers.id", ondelete="SET NULL"), index=True
    )
    #: Lowercased; the invitation matches a login with this verified address.
    email: Mapped[str] = mapped_column(String(254))
    #: ``core.gebruikers.models.LidmaatschapStatus``: uitgenodigd, actief, beeindigd.
    status: Mapped[str] = mapped_column(String(20))
    uitgenodigd_door: Mapped[str] = mapped_column(String(200))
    geaccepteerd_op: Mapped[datetime | None]
    beeindigd_op: Mapped[datetime | None]
