"""Versions of koppelvlakken, which version each aansluiting uses, and sent reminders."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Tijdstempels, UuidPk, Versie, utcnow


class KoppelvlakVersie(UuidPk, Tijdstempels, Versie, Base):
    """One version of one specification, with its lifecycle.

    Rows start as a copy of what the plugin declares; the productteam changes them.
    Not in the per-afnemer audit log (it is no afnemer's data); a sunset reaches the
    afnemers concerned as an event instead.
    """

    __tablename__ = "koppelvlak_versies"
    __table_args__ = (UniqueConstraint("dienst", "koppelvlak", "nummer"),)

    dienst: Mapped[str] = mapped_column(String(40))
    koppelvlak: Mapped[str] = mapped_column(String(80))
    #: The version number ("3.1"); ``versie`` is the row's own change counter.
    nummer: Mapped[str] = mapped_column(String(40))
    ondersteund_sinds: Mapped[date]
    #: From this date the version is deprecated: still served, no longer advised.
    verouderd_sinds: Mapped[date | None]
    #: From this date the version is no longer served.
    sunset_op: Mapped[date | None]
    opvolger: Mapped[str | None] = mapped_column(String(40))
    #: When the sunset was announced (the notice runs from here).
    sunset_aangekondigd_op: Mapped[date | None]


class KoppelvlakGebruik(UuidPk, Tijdstempels, Versie, Base):
    """Which version of a koppelvlak one aansluiting uses, as the afnemer registered it."""

    __tablename__ = "koppelvlak_gebruik"
    __audit__ = True
    __table_args__ = (UniqueConstraint("aansluiting_id", "koppelvlak"),)

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    aansluiting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aansluitingen.id", ondelete="CASCADE")
    )
    koppelvlak: Mapped[str] = mapped_column(String(80))
    #: The version number in use; ``versie`` is the row's own change counter.
    nummer: Mapped[str] = mapped_column(String(40))


class Herinnering(UuidPk, Base):
    """A reminder that was sent: its key makes sending it twice impossible."""

    __tablename__ = "herinneringen"

    sleutel: Mapped[str] = mapped_column(String(300), unique=True)
    verstuurd_op: Mapped[datetime] = mapped_column(default=utcnow)
