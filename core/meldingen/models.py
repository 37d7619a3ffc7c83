"""The outbox: events, their deliveries, and the afnemers' webhook endpoints.

A :class:`Gebeurtenis` is written in the same transaction as the change that causes
it, together with one :class:`Bezorging` per recipient (a webhook endpoint or an
e-mail address). The worker only ever reads deliveries from the database, so a
crash between the change and the delivery loses nothing: the rows are there, or
the change is not. The event's id is the message id of every delivery attempt.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, Tijdstempels, UuidPk, Versie, utcnow


class Kanaal(StrEnum):
    WEBHOOK = "webhook"
    EMAIL = "email"


class BezorgStatus(StrEnum):
    WACHTEND = "wachtend"  # due at volgende_poging_op (first try or a retry)
    BEZORGD = "bezorgd"
    DOOD = "dood"  # gave up after the maximum number of attempts


class Gebeurtenis(UuidPk, Base):
    """Something an afnemer (or Logius) must be told about (AV 2.6)."""

    __tablename__ = "gebeurtenissen"
    __table_args__ = (Index("ix_gebeurtenissen_afnemer_tijd", "afnemer_id", "aangemaakt_op"),)

    #: The afnemer it concerns; ``None`` for what goes to Logius itself.
    afnemer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE")
    )
    type: Mapped[str] = mapped_column(String(80))
    onderwerp: Mapped[str] = mapped_column(String(300))
    tekst: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)

    bezorgingen: Mapped[list[Bezorging]] = relationship(back_populates="gebeurtenis")


class WebhookEndpoint(UuidPk, Tijdstempels, Versie, Base):
    __tablename__ = "webhook_endpoints"
    __audit__ = True
    __audit_exclude__ = ("geheim_versleuteld", "geheim_vorig_versleuteld")

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(2000))
    omschrijving: Mapped[str | None] = mapped_column(String(200))
    #: Event types to receive; empty means all.
    typen: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: The signing secret (``whsec_...``), encrypted with the app's secret key.
    geheim_versleuteld: Mapped[str] = mapped_column(Text)
    actief: Mapped[bool] = mapped_column(default=True)
    #: After a rotation: the previous secret (encrypted the same way), still signed with
    #: beside the new one until ``geheim_vorig_tot``.
    geheim_vorig_versleuteld: Mapped[str | None] = mapped_column(Text)
    geheim_vorig_tot: Mapped[datetime | None]
    #: Since when every attempt to this endpoint failed (cleared by any success); past
    #: ``WEBHOOK_UITSCHAKELEN_NA`` the worker switches the endpoint off.
    falend_sinds: Mapped[datetime | None]
    #: When and why the portal switched the endpoint off (not when the afnemer did).
    uitgeschakeld_op: Mapped[datetime | None]
    uitgeschakeld_reden: Mapped[str | None] = mapped_column(String(300))
    #: Redelivery and replay requests in the current minute (a fixed window per endpoint).
    herbezorg_venster_op: Mapped[datetime | None]
    herbezorg_aantal: Mapped[int] = mapped_column(default=0)


class Bezorging(UuidPk, Base):
    """One delivery of one event to one recipient, with its attempts."""

    __tablename__ = "bezorgingen"
    __table_args__ = (
        Index("ix_bezorgingen_te_doen", "status", "volgende_poging_op"),
        Index("ix_bezorgingen_afnemer", "afnemer_id", "aangemaakt_op"),
    )

    gebeurtenis_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("gebeurtenissen.id", ondelete="CASCADE"), index=True
    )
    afnemer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE")
    )
    kanaal: Mapped[str] = mapped_column(String(20))
    #: Kept (as NULL) when the endpoint is removed, so the log stays complete.
    webhook_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("webhook_endpoints.id", ondelete="SET NULL")
    )
    #: The URL or e-mail address, as it was when the event was written.
    adres: Mapped[str] = mapped_column(String(2000))
    status: Mapped[str] = mapped_column(String(20), default=BezorgStatus.WACHTEND.value)
    #: Attempts in the current series (back to 0 on redelivery)...
    pogingen: Mapped[int] = mapped_column(default=0)
    #: ...and all attempts ever, across redeliveries: the number of the next one in
    #: ``webhook_pogingen`` is this plus one.
    pogingen_totaal: Mapped[int] = mapped_column(default=0)
    volgende_poging_op: Mapped[datetime] = mapped_column(default=utcnow)
    #: A worker that took this delivery holds it until then; after a crash the
    #: lease runs out and another worker takes it (at-least-once).
    geclaimd_tot: Mapped[datetime | None]
    laatste_fout: Mapped[str | None] = mapped_column(Text)
    laatste_poging_op: Mapped[datetime | None]
    bezorgd_op: Mapped[datetime | None]
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)

    gebeurtenis: Mapped[Gebeurtenis] = relationship(back_populates="bezorgingen")


class Poging(UuidPk, Base):
    """One attempt of one delivery, kept across redeliveries (at most
    ``WEBHOOK_POGINGEN_BEWAARD`` per delivery, the newest)."""

    __tablename__ = "webhook_pogingen"
    __table_args__ = (Index("ix_webhook_pogingen_bezorging", "bezorging_id", "nummer"),)

    bezorging_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("bezorgingen.id", ondelete="CASCADE")
    )
    #: The delivery's afnemer (tenant scoping); ``None`` for Logius' own mail.
    afnemer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE")
    )
    #: 1, 2, 3... across every series of attempts of the delivery.
    nummer: Mapped[int]
    op: Mapped[datetime] = mapped_column(default=utcnow)
    duur_ms: Mapped[int]
    #: ``bezorgd``, or the failure as ``laatste_fout`` gives it.
    uitkomst: Mapped[str] = mapped_column(String(300))
    http_status: Mapped[int | None]
    #: Where it went: the endpoint's URL (or e-mail address) at that attempt.
    adres: Mapped[str] = mapped_column(String(2000))


class WorkerHartslag(Base):
    """The pulse of one running delivery worker (``afnemersportaal worker``): written
    every few seconds while it runs, with its failures, so that Logius sees at
    ``GET /status`` whether deliveries are going out and a stopped worker is noticed."""

    __tablename__ = "worker_hartslagen"

    #: Host and process id: one row per worker process.
    naam: Mapped[str] = mapped_column(String(200), primary_key=True)
    gestart_op: Mapped[datetime] = mapped_column(default=utcnow)
    laatst_op: Mapped[datetime] = mapped_column(default=utcnow)
    rondes: Mapped[int] = mapped_column(default=0)
    #: Failed rounds in a row just now (0 when the last round went well).
    storingen: Mapped[int] = mapped_column(default=0)
    laatste_storing: Mapped[str | None] = mapped_column(Text)
    laatste_storing_op: Mapped[datetime | None]
