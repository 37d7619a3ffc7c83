"""Versions of terms documents, and which version each afnemer accepted from when."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UuidPk, utcnow


class Voorwaardenversie(UuidPk, Base):
    """One version of a terms document.

    The versions the plugins declare are copied in when they are first needed
    (:func:`core.voorwaarden.service.synchroniseer`); a newer version arrives with a
    Logius announcement of a voorwaardenwijziging (AV 13.1, MO 8.1) and takes effect
    on its change date.
    """

    __tablename__ = "voorwaarden_versies"
    __table_args__ = (UniqueConstraint("document", "versie"),)

    document: Mapped[str] = mapped_column(String(60))
    versie: Mapped[str] = mapped_column(String(20))
    titel: Mapped[str] = mapped_column(String(200))
    #: ``None`` for the Algemene Voorwaarden, which apply to every dienst.
    dienst: Mapped[str | None] = mapped_column(String(40))
    ingangsdatum: Mapped[date | None]
    #: The announcement that introduced this version; ``None`` for a plugin's own.
    aankondiging_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("aankondigingen.id", ondelete="SET NULL")
    )
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)


class Acceptatie(UuidPk, Base):
    """An afnemer accepted one version of a document; it binds the afnemer from ``geldt_vanaf``.

    At an aanvraag the version in force on the signing date is accepted: the AV from
    the first aanvraagformulier (AV 11.1), a dienst's own terms from the aanvraag for
    that dienst (MO 2.2). Accepting an announced change binds from its change date.
    """

    __tablename__ = "voorwaarden_acceptaties"
    __audit__ = True
    __table_args__ = (UniqueConstraint("afnemer_id", "document", "versie"),)

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    document: Mapped[str] = mapped_column(String(60))
    versie: Mapped[str] = mapped_column(String(20))
    dienst: Mapped[str | None] = mapped_column(String(40))
    geldt_vanaf: Mapped[date]
    #: The article that sets ``geldt_vanaf``: AV 11.1, MO 2.2, AV 13.1...
    grondslag: Mapped[str] = mapped_column(String(40))
    geaccepteerd_door: Mapped[str] = mapped_column(String(200))
    geaccepteerd_door_id: Mapped[str] = mapped_column(String(200))
    geaccepteerd_op: Mapped[datetime] = mapped_column(default=utcnow)
    #: Set when the acceptance answered an announced change.
    aankondiging_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("aankondigingen.id", ondelete="SET NULL")
    )
