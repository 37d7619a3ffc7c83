"""People and their access: gebruikers, lidmaatschappen and machine clients.

- A :class:`Gebruiker` is created at first login, keyed by the issuer's subject.
  E-mail and name come from userinfo and are refreshed at every login.
- A :class:`Lidmaatschap` gives a person a role at one afnemer. An afnemer-beheerder
  invites by e-mail; the lidmaatschap takes effect when someone logs in with that
  e-mail, verified by the issuer.
- A :class:`MachineClient` binds an issuer's client id (client credentials) to one
  afnemer; that afnemer's beheerder registers it with proof of holding the client
  (core.gebruikers.service.bind_client), or Logius does. Logius also binds client ids
  to an intermediair (then it has an ``intermediair_id`` and no ``afnemer_id``).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, Tijdstempels, UuidPk, Versie


class LidmaatschapStatus(StrEnum):
    UITGENODIGD = "uitgenodigd"
    ACTIEF = "actief"
    BEEINDIGD = "beeindigd"


class Gebruiker(UuidPk, Tijdstempels, Base):
    __tablename__ = "gebruikers"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    issuer: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    email_geverifieerd: Mapped[bool] = mapped_column(default=False)
    naam: Mapped[str | None] = mapped_column(String(200))
    #: logius-beheerder or productteam; None for afnemer staff.
    logius_rol: Mapped[str | None] = mapped_column(String(40))
    #: For the productteam role: the dienst (slug) whose reference data it manages.
    productteam_dienst: Mapped[str | None] = mapped_column(String(40))
    laatst_ingelogd_op: Mapped[datetime | None]

    lidmaatschappen: Mapped[list[Lidmaatschap]] = relationship(back_populates="gebruiker")


class Lidmaatschap(UuidPk, Tijdstempels, Versie, Base):
    __tablename__ = "lidmaatschappen"
    __audit__ = True
    __table_args__ = (
        # One live lidmaatschap per afnemer and e-mail address.
        Index(
            "uq_lidmaatschappen_lopend",
            "afnemer_id",
            "email",
            unique=True,
            sqlite_where=text("status != 'beeindigd'"),
            postgresql_where=text("status != 'beeindigd'"),
        ),
    )

    afnemer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    gebruiker_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("gebruikers.id", ondelete="SET NULL"), index=True
    )
    #: Lowercased; the invitation matches a login with this verified address.
    email: Mapped[str] = mapped_column(String(254))
    rol: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    uitgenodigd_door: Mapped[str] = mapped_column(String(200))
    geaccepteerd_op: Mapped[datetime | None]
    beeindigd_op: Mapped[datetime | None]

    gebruiker: Mapped[Gebruiker | None] = relationship(back_populates="lidmaatschappen")


class MachineClient(UuidPk, Tijdstempels, Versie, Base):
    __tablename__ = "machine_clients"
    __audit__ = True
    __audit_exclude__ = ("laatst_gebruikt_op",)
    __table_args__ = (
        # A client id is the issuer's: at one issuer it acts for one party (an afnemer or
        # an intermediair) at a time (a revoked binding frees it).
        Index(
            "uq_machine_clients_issuer_client",
            "issuer",
            "client_id",
            unique=True,
            sqlite_where=text("ingetrokken_op IS NULL"),
            postgresql_where=text("ingetrokken_op IS NULL"),
        ),
        # Bound to exactly one party: an afnemer or an intermediair.
        CheckConstraint("(afnemer_id IS NULL) <> (intermediair_id IS NULL)", name="een_partij"),
    )

    afnemer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("afnemers.id", ondelete="CASCADE"), index=True
    )
    #: A client of an intermediair: it acts only under the mandates afnemers granted it.
    intermediair_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("intermediairs.id", ondelete="CASCADE"), index=True
    )
    #: The issuer that gave out the client id (the configured OIDC_ISSUER).
    issuer: Mapped[str] = mapped_column(String(500))
    #: The client id at the issuer.
    client_id: Mapped[str] = mapped_column(String(255))
    naam: Mapped[str] = mapped_column(String(200))
    #: The most this client may do, whatever scopes its token carries.
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    aangemaakt_door: Mapped[str] = mapped_column(String(200))
    ingetrokken_op: Mapped[datetime | None]
    laatst_gebruikt_op: Mapped[datetime | None]
