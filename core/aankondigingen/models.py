"""Aankondiging (Logius -> afnemers) and one Ontvanger row per afnemer it reaches."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint, false, func, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from core.aankondigingen.soorten import SOORTEN, Type
from core.afnemers.models import Afnemer
from core.db import Base, UuidPk, utcnow


class Aankondiging(UuidPk, Base):
    """Something Logius tells afnemers: a change of terms or dienst, maintenance, an outage.

    Which fields apply depends on ``type`` (see :mod:`core.aankondigingen.soorten`).
    """

    __tablename__ = "aankondigingen"

    type: Mapped[str] = mapped_column(String(30), index=True)
    titel: Mapped[str] = mapped_column(String(200))
    omschrijving: Mapped[str] = mapped_column(Text)
    #: The article that allows or requires the announcement (AV 13.1, AV 6.1...).
    artikel: Mapped[str] = mapped_column(String(40))
    dienst: Mapped[str | None] = mapped_column(String(40))
    #: onderhoud, storing: the omgeving of the dienst it concerns; ``None`` for all of them.
    omgeving: Mapped[str | None] = mapped_column(String(40))
    #: onderhoud: planned outside the dienst's maintenance window (or longer than it
    #: allows), deliberately, for the reason given; announced before it starts.
    afwijking: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    afwijking_reden: Mapped[str | None] = mapped_column(Text)
    #: voorwaardenwijziging: the document and its new version.
    document: Mapped[str | None] = mapped_column(String(60))
    versie: Mapped[str | None] = mapped_column(String(20))
    #: The date a change (of terms, dienst, koppelvlak) takes effect or a version ends.
    wijzigingsdatum: Mapped[date | None]
    #: Maintenance, suspension and outages: from when until when.
    begin_op: Mapped[datetime | None]
    einde_op: Mapped[datetime | None]
    #: koppelvlakwijziging: when the Afnemersoverleg was consulted (MO 3.5).
    afnemersoverleg_op: Mapped[date | None]
    aangemaakt_door: Mapped[str] = mapped_column(String(200))
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def reactie_vereist(self) -> bool:
        return SOORTEN[Type(self.type)].reactie_vereist

    ontvangers: Mapped[list[Ontvanger]] = relationship(
        back_populates="aankondiging", order_by="Ontvanger.afnemer_id",
        cascade="all, delete-orphan",
    )


class Ontvanger(UuidPk, Base):
    """One afnemer an announcement reached, and its answer where one is asked."""

    __tablename__ = "aankondiging_ontvangers"
    __audit__ = True
    __table_args__ = (UniqueConstraint("aankondiging_id", "afnemer_id"),)

    aankondiging_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("aankondigingen.id", ondelete="CASCADE")
    )
    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    #: open | geaccepteerd | afgewezen | consultatie | ter-kennisname
    status: Mapped[str] = mapped_column(String(20))
    besluit: Mapped[str | None] = mapped_column(String(20))
    toelichting: Mapped[str | None] = mapped_column(Text)
    gereageerd_door: Mapped[str | None] = mapped_column(String(200))
    gereageerd_op: Mapped[datetime | None]
    #: After rejecting a change of terms: the day delivery ends (AV 13.2, MO 8.2).
    einde_levering_op: Mapped[date | None]
    #: The article that decides what the answer means (AV 13.2, MO 8.2, AV 14.2).
    grondslag: Mapped[str | None] = mapped_column(String(40))
    #: The event that told the afnemer (the outbox row).
    gebeurtenis_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("gebeurtenissen.id", ondelete="SET NULL")
    )

    aankondiging: Mapped[Aankondiging] = relationship(back_populates="ontvangers")
    afnemer: Mapped[Afnemer] = relationship(lazy="joined", viewonly=True)


# How many afnemers an announcement reached, counted in the query that loads it.
Aankondiging.aantal_ontvangers = column_property(
    select(func.count(Ontvanger.id))
    .where(Ontvanger.aankondiging_id == Aankondiging.id)
    .correlate_except(Ontvanger)
    .scalar_subquery()
)
