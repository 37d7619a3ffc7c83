"""Tariffs are data: an amount per dienst, calendar year and tariff code, and a BTW rate
per year. Plugins declare which codes exist (``dienst_tarieven``); the amounts live here.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Tijdstempels, UuidPk, Versie


class Tarief(UuidPk, Tijdstempels, Versie, Base):
    __tablename__ = "tarieven"
    __table_args__ = (UniqueConstraint("dienst", "jaar", "code"),)

    dienst: Mapped[str] = mapped_column(String(40))
    # MO 3.8: tariffs are set per calendar year.
    jaar: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(60))
    bedrag: Mapped[Decimal] = mapped_column(Numeric(12, 4))
    inclusief_btw: Mapped[bool] = mapped_column(Boolean)
    omschrijving: Mapped[str] = mapped_column(String(500))
    artikel: Mapped[str] = mapped_column(String(40))
    gewijzigd_door: Mapped[str] = mapped_column(String(200))


class BtwTarief(Tijdstempels, Versie, Base):
    __tablename__ = "btw_tarieven"

    jaar: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: A percentage: 21 means 21 %.
    percentage: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    gewijzigd_door: Mapped[str] = mapped_column(String(200))
