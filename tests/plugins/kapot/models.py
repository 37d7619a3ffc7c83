"""The table of the broken test dienst ``kapot``."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.sdk.db import Tijdstempels, UuidPk, Versie, afnemer_kolom, basis

Basis = basis("kapot")


class Notitie(UuidPk, Tijdstempels, Versie, Basis):
    __tablename__ = "kapot_notities"

    afnemer_id = afnemer_kolom()
    tekst: Mapped[str] = mapped_column(String(200))
