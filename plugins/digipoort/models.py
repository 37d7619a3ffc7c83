"""Digipoort's own tables (``dienst_migraties``): the begeleiding chosen per aansluiting
and the periods of individuele begeleiding (DP tabel 1).

``aansluiting_id`` refers to core's aansluitingen without a foreign key: a plugin's
tables refer to core only through the afnemer (an aansluiting is never deleted on its
own; it goes with its afnemer, and so do these rows). The routes check that the
aansluiting is the afnemer's and a Digipoort one before writing.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.sdk.db import Tijdstempels, UuidPk, afnemer_kolom, basis

from .dienst import SLUG

Basis = basis(SLUG)


class Begeleidingskeuze(UuidPk, Tijdstempels, Basis):
    """One confirmed choice of begeleiding for an aansluiting; the newest one holds.
    A choice is never changed: a new one is recorded, so the history stays."""

    __tablename__ = "digipoort_begeleidingskeuzes"
    __audit__ = True

    afnemer_id = afnemer_kolom()
    aansluiting_id: Mapped[uuid.UUID] = mapped_column(index=True)
    keuze: Mapped[str] = mapped_column(String(20), info={"voorbeeld": "individueel"})
    gekozen_op: Mapped[datetime]
    gekozen_door: Mapped[str] = mapped_column(String(200))


class Begeleidingsperiode(UuidPk, Tijdstempels, Basis):
    """One period of individuele begeleiding: from the startmail, three calendar months
    (DP tabel 1); ``tot`` is its last day. The source of its cost line."""

    __tablename__ = "digipoort_begeleidingsperioden"
    __audit__ = True
    __table_args__ = (UniqueConstraint("aansluiting_id", "startmail"),)

    afnemer_id = afnemer_kolom()
    aansluiting_id: Mapped[uuid.UUID] = mapped_column(index=True)
    startmail: Mapped[date]
    tot: Mapped[date]
    soort: Mapped[str] = mapped_column(String(20), info={"voorbeeld": "startmail"})
    vastgelegd_op: Mapped[datetime]
    vastgelegd_door: Mapped[str] = mapped_column(String(200))
