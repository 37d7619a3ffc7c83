"""Wijzigingsmelding: an afnemer tells Logius of a change to its own service (AV 2.8)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UuidPk, utcnow


class Wijzigingsmelding(UuidPk, Base):
    """A reported change. Reported late (less than three calendar months ahead, AV 2.8),
    it is still recorded, marked with the rule it breaks and the date it was due."""

    __tablename__ = "wijzigingsmeldingen"
    __audit__ = True

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    omschrijving: Mapped[str] = mapped_column(Text)
    #: The dienst the change may affect, if the afnemer knows which.
    dienst: Mapped[str | None] = mapped_column(String(40))
    realisatiedatum: Mapped[date]
    #: The day it was reported, in Europe/Amsterdam.
    gemeld_op: Mapped[date]
    #: AV 2.8: the last day on which reporting was on time.
    uiterlijk_melden_op: Mapped[date]
    te_laat: Mapped[bool]
    geschonden_regel: Mapped[str | None] = mapped_column(String(40))
    toelichting: Mapped[str] = mapped_column(Text)
    gemeld_door: Mapped[str] = mapped_column(String(200))
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
