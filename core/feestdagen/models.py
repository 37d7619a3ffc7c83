"""Holidays as data: one row per day, the years seeded, and every change a beheerder made."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Tijdstempels, UuidPk, Versie, utcnow


class Feestdag(UuidPk, Tijdstempels, Versie, Base):
    """A generally recognised public holiday (Algemene termijnenwet art. 3): no working
    day. Seeded from the ``holidays`` package per year, or added by a Logius beheerder.

    Not in the per-afnemer audit log (it is no afnemer's data): every change a beheerder
    makes is kept in :class:`FeestdagWijziging` instead, in the same transaction.
    """

    __tablename__ = "feestdagen"

    #: One row a day: also what makes seeding a year twice impossible.
    datum: Mapped[date] = mapped_column(Date, unique=True)
    naam: Mapped[str] = mapped_column(String(100))
    #: ``holidays`` (seeded) or ``beheerder`` (added by a Logius beheerder).
    bron: Mapped[str] = mapped_column(String(20))
    gewijzigd_door: Mapped[str] = mapped_column(String(200))


class Feestdagjaar(Base):
    """A year whose holidays have been seeded: seeding happens once, so a day a beheerder
    deleted does not come back."""

    __tablename__ = "feestdagjaren"

    jaar: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: The package and version the year was seeded from ("holidays 0.109").
    bron: Mapped[str] = mapped_column(String(60))
    gevuld_op: Mapped[datetime] = mapped_column(default=utcnow)


class FeestdagWijziging(UuidPk, Base):
    """One change of a Logius beheerder to the holidays, with who, when and what
    (old and new values, as in the audit log). Rows are never changed or removed."""

    __tablename__ = "feestdag_wijzigingen"
    __table_args__ = (Index("ix_feestdag_wijzigingen_datum", "datum"),)

    datum: Mapped[date] = mapped_column(Date)
    #: aangemaakt | gewijzigd | verwijderd
    actie: Mapped[str] = mapped_column(String(20))
    wijzigingen: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    door: Mapped[str] = mapped_column(String(200))
    door_naam: Mapped[str] = mapped_column(String(200))
    op: Mapped[datetime] = mapped_column(default=utcnow)
