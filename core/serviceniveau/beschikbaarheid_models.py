"""Recorded unavailability of a dienst, and every change Logius made to those records."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Tijdstempels, UuidPk, Versie, utcnow
from core.werktijd import als_uren


class Onbeschikbaarheid(UuidPk, Tijdstempels, Versie, Base):
    """A stretch of time in which (functions of) a dienst were not available in one
    omgeving: an outage, planned maintenance or emergency maintenance, as Logius records
    it. The availability of a month (:mod:`core.serviceniveau.beschikbaarheid`) is
    computed from these rows, never stored.

    Not in the per-afnemer audit log (it is no afnemer's data): every change is kept in
    :class:`OnbeschikbaarheidWijziging`, in the same transaction.
    """

    __tablename__ = "onbeschikbaarheden"
    __table_args__ = (Index("ix_onbeschikbaarheden_dienst_omgeving_van",
                            "dienst", "omgeving", "van"),)

    dienst: Mapped[str] = mapped_column(String(40))
    omgeving: Mapped[str] = mapped_column(String(40))
    #: storing | gepland-onderhoud | spoedonderhoud
    soort: Mapped[str] = mapped_column(String(20))
    van: Mapped[datetime]
    #: ``None`` while it lasts.
    tot: Mapped[datetime | None]
    #: Slugs of the dienst's functions that were affected (its service level's).
    functies: Mapped[list[str]] = mapped_column(JSON, default=list)
    omschrijving: Mapped[str | None] = mapped_column(Text)
    geregistreerd_door: Mapped[str] = mapped_column(String(200))
    gewijzigd_door: Mapped[str] = mapped_column(String(200))

    @property
    def duur_uren(self) -> Decimal | None:
        """How long it lasted, in hours; ``None`` while it lasts."""
        return None if self.tot is None else als_uren(self.tot - self.van)


class OnbeschikbaarheidWijziging(UuidPk, Base):
    """One change to a record of unavailability: who, when, and the old and new values
    (as in the audit log). Kept when the record itself is deleted; never changed."""

    __tablename__ = "onbeschikbaarheid_wijzigingen"
    __table_args__ = (Index("ix_onbeschikbaarheid_wijzigingen_dienst_op", "dienst", "op"),)

    onbeschikbaarheid_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    dienst: Mapped[str] = mapped_column(String(40))
    #: aangemaakt | gewijzigd | verwijderd
    actie: Mapped[str] = mapped_column(String(20))
    wijzigingen: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    door: Mapped[str] = mapped_column(String(200))
    door_naam: Mapped[str] = mapped_column(String(200))
    op: Mapped[datetime] = mapped_column(default=utcnow)
