"""Stored cost runs: every afnemer's year, computed at once (``afnemersportaal kosten run``)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    Numeric,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UuidPk, utcnow
from core.kosten.afronding import Bedragen

BEDRAG = Numeric(14, 2)


class Kostenrun(UuidPk, Base):
    __tablename__ = "kostenruns"

    jaar: Mapped[int] = mapped_column(Integer, index=True)
    #: ``voltooid``, or ``onvolledig`` when some afnemers could not be computed
    status: Mapped[str] = mapped_column(String(20))
    gestart_op: Mapped[datetime] = mapped_column(default=utcnow)
    afgerond_op: Mapped[datetime | None]
    door: Mapped[str] = mapped_column(String(200))
    aantal_afnemers: Mapped[int] = mapped_column(Integer, default=0)
    aantal_regels: Mapped[int] = mapped_column(Integer, default=0)
    totaal_excl_btw: Mapped[Decimal] = mapped_column(BEDRAG, default=Decimal(0))
    totaal_btw: Mapped[Decimal] = mapped_column(BEDRAG, default=Decimal(0))
    totaal_incl_btw: Mapped[Decimal] = mapped_column(BEDRAG, default=Decimal(0))
    #: ``[{"afnemerId", "afnemer", "reden"}]`` for the afnemers left out
    fouten: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    @property
    def totaal(self) -> Bedragen:
        return Bedragen(self.totaal_excl_btw, self.totaal_btw, self.totaal_incl_btw)


class KostenrunRegel(Base):
    __tablename__ = "kostenrun_regels"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    kostenrun_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("kostenruns.id", ondelete="CASCADE"), index=True
    )
    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    aansluiting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("aansluitingen.id", ondelete="SET NULL")
    )
    dienst: Mapped[str] = mapped_column(String(40))
    code: Mapped[str | None] = mapped_column(String(60))
    metriek: Mapped[str | None] = mapped_column(String(60))
    omschrijving: Mapped[str] = mapped_column(String(300))
    artikel: Mapped[str] = mapped_column(String(40))
    hoeveelheid: Mapped[int] = mapped_column(BigInteger)
    eenheid: Mapped[str] = mapped_column(String(60))
    tarief: Mapped[Decimal] = mapped_column(Numeric(12, 4))
    inclusief_btw: Mapped[bool] = mapped_column(Boolean)
    bedrag_excl_btw: Mapped[Decimal] = mapped_column(BEDRAG)
    btw: Mapped[Decimal] = mapped_column(BEDRAG)
    bedrag_incl_btw: Mapped[Decimal] = mapped_column(BEDRAG)
