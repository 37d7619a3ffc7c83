"""The progress of one aansluiting along its dienst's onboarding route.

One row per step of the route, made when the aansluiting is requested. What is stored
are facts: when the step could start (its dependencies done), when and by whom it was
completed, with which evidence, its deadline as it stood then and whether it was late,
and the last rejection with its reason. Which steps wait for which, and the deadline
rules, stay the plugin's (``dienst_route``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Tijdstempels, UuidPk, Versie


class Routestand(UuidPk, Tijdstempels, Versie, Base):
    """One step of one aansluiting's route. ``status`` is ``open``, ``afgerond`` or
    ``afgewezen`` (open again after Logius rejected it, with ``reden_afwijzing``)."""

    __tablename__ = "aansluitroute_stappen"
    __audit__ = True
    __table_args__ = (UniqueConstraint("aansluiting_id", "stap",
                                       name="uq_aansluitroute_stappen_stap"),)

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True)
    aansluiting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aansluitingen.id", ondelete="CASCADE"), index=True)
    dienst: Mapped[str] = mapped_column(String(40), index=True)
    stap: Mapped[str] = mapped_column(String(60))
    volgnummer: Mapped[int]
    status: Mapped[str] = mapped_column(String(20))
    #: When every step it waits for was done (the aanvraag for a first step).
    open_sinds: Mapped[datetime | None]
    afgerond_op: Mapped[datetime | None]
    afgerond_door: Mapped[str | None] = mapped_column(String(200))
    #: The deadline when it was completed, and whether it was completed after it.
    uiterlijk: Mapped[date | None]
    te_laat: Mapped[bool] = mapped_column(default=False)
    bewijs: Mapped[str | None] = mapped_column(String(500))
    toelichting: Mapped[str | None] = mapped_column(Text)
    afgewezen_op: Mapped[datetime | None]
    afgewezen_door: Mapped[str | None] = mapped_column(String(200))
    reden_afwijzing: Mapped[str | None] = mapped_column(Text)
