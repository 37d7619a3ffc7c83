"""Switching a dienst on and off per environment, kept as an append-only history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UuidPk, utcnow


class Schakeling(UuidPk, Base):
    """One decision of a Logius beheerder: dienst X in omgeving Y on or off, and why.

    The newest row of a (dienst, omgeving) is its state; without one the dienst is on.
    Rows are never changed or removed, so the table is its own audit trail.
    """

    __tablename__ = "dienst_schakelingen"
    __table_args__ = (Index("ix_dienst_schakelingen_dienst_omgeving_op",
                            "dienst", "omgeving", "op"),)

    dienst: Mapped[str] = mapped_column(String(40))
    omgeving: Mapped[str] = mapped_column(String(40))
    ingeschakeld: Mapped[bool]
    reden: Mapped[str] = mapped_column(String(500))
    door: Mapped[str] = mapped_column(String(200))
    door_naam: Mapped[str] = mapped_column(String(200))
    op: Mapped[datetime] = mapped_column(default=utcnow)


