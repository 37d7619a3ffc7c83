"""The table of the test dienst ``proef``."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.sdk.db import Tijdstempels, UuidPk, Versie, afnemer_kolom, basis

Basis = basis("proef")


class Notitie(UuidPk, Tijdstempels, Versie, Basis):
    __tablename__ = "proef_notities"
    __audit__ = True

    afnemer_id = afnemer_kolom()
    tekst: Mapped[str] = mapped_column(String(200))
    uiterlijk: Mapped[date | None]
