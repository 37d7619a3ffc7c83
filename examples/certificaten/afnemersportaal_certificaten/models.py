"""The dienst's one table: the certificates an afnemer registered (VC 2.1)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.sdk.db import Tijdstempels, UuidPk, Versie, afnemer_kolom, basis

from .dienst import SLUG

Basis = basis(SLUG)


class Certificaat(UuidPk, Tijdstempels, Versie, Basis):
    __tablename__ = "certificaten_servercertificaten"
    __audit__ = True

    afnemer_id = afnemer_kolom()
    naam: Mapped[str] = mapped_column(String(200))
    verloopt_op: Mapped[date]
