"""The audit log: every write to tenant data, with who, when and what changed.

Append-only and hash-chained (``core.audit.keten``). ``afnemer_id`` is a plain column,
not a foreign key: the log outlives the afnemer it is about, so deleting an afnemer
leaves its rows.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, utcnow


class AuditRegel(Base):
    __tablename__ = "audit_regels"
    __table_args__ = (Index("ix_audit_regels_afnemer_tijdstip", "afnemer_id", "tijdstip"),)

    # BigInteger on PostgreSQL, INTEGER on SQLite (where only INTEGER PRIMARY KEY autoincrements).
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    afnemer_id: Mapped[uuid.UUID] = mapped_column()
    tijdstip: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    actor_naam: Mapped[str] = mapped_column(String(200))
    actie: Mapped[str] = mapped_column(String(20))
    resource_type: Mapped[str] = mapped_column(String(60))
    resource_id: Mapped[str] = mapped_column(String(64))
    wijzigingen: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: The ``hash`` of the row before this one (the first row: 64 zeros); unique, so
    #: the chain cannot fork.
    vorige_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Hex SHA-256 over this row's content and ``vorige_hash`` (``keten.canoniek``).
    hash: Mapped[str] = mapped_column(String(64))
