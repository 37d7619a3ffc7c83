"""Tables for a plugin (``dienst_migraties``): a declarative base of its own and the
column kinds core uses.

::

    from sqlalchemy import String
    from sqlalchemy.orm import Mapped, mapped_column
    from core.sdk.db import Tijdstempels, UuidPk, Versie, afnemer_kolom, basis

    Basis = basis("voorbeeld")

    class Notitie(UuidPk, Tijdstempels, Versie, Basis):
        __tablename__ = "voorbeeld_notities"
        __audit__ = True
        afnemer_id = afnemer_kolom()
        tekst: Mapped[str] = mapped_column(String(500))

The plugin's tables are in ``Basis.metadata``, not in core's: core's migrations never
see them, and the plugin's own Alembic history (``core.sdk.Migraties``) creates them.
Every table's name starts with the slug (``-`` as ``_``). Date-times are stored in UTC
and come back timezone-aware, as in core.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from core.afnemers.models import Afnemer
from core.db import NAMING_CONVENTION, Tijdstempels, UTCDateTime, UuidPk, Versie, db

__all__ = ["basis", "afnemer_kolom", "UuidPk", "Tijdstempels", "Versie", "UTCDateTime", "db"]


def basis(slug: str) -> type[DeclarativeBase]:
    """A declarative base with a MetaData of its own, for the tables of dienst ``slug``."""

    class Basis(DeclarativeBase):
        metadata = MetaData(naming_convention=NAMING_CONVENTION, info={"dienst": slug})
        type_annotation_map = {datetime: UTCDateTime()}

    Basis.__name__ = Basis.__qualname__ = f"Basis_{slug.replace('-', '_')}"
    return Basis


def afnemer_kolom(**kwargs: Any) -> Mapped[uuid.UUID]:
    """The column that ties a row to its afnemer (``afnemers.id``), indexed; the row goes
    when the afnemer goes. :func:`core.sdk.api.tenant_select` filters on it."""
    return mapped_column(ForeignKey(Afnemer.__table__.c.id, ondelete="CASCADE"), index=True,
                         **kwargs)
