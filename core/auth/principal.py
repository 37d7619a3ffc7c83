"""Who is asking: a principal per request, independent of how it authenticated.

An API token, and later an OIDC session or an issuer's access token, all resolve
to the same :class:`Principal`. Access decisions ask the principal, never the
credential.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Rol(StrEnum):
    LOGIUS_BEHEERDER = "logius-beheerder"
    PRODUCTTEAM = "productteam"
    AFNEMER_BEHEERDER = "afnemer-beheerder"
    AFNEMER_MEDEWERKER = "afnemer-medewerker"


#: Roles that hold for one afnemer.
AFNEMER_ROLLEN = (Rol.AFNEMER_BEHEERDER, Rol.AFNEMER_MEDEWERKER)
#: Roles that hold across afnemers (Logius staff).
LOGIUS_ROLLEN = (Rol.LOGIUS_BEHEERDER, Rol.PRODUCTTEAM)

#: Scopes of API credentials: ``read`` (safe methods) and ``write`` (changes).
SCOPES = ("read", "write")
ALLE_SCOPES = frozenset(SCOPES)


@dataclass(frozen=True)
class Principal:
    """An authenticated caller.

    :param id: stable identifier, e.g. ``token:<uuid>``; written to the audit log.
    :param naam: human-readable name for the audit log.
    :param logius_rollen: roles across all afnemers.
    :param afnemer_rollen: the role held per afnemer id.
    :param methode: how the caller authenticated (``api-token``...), for the record only.
    :param scopes: what the credential allows: ``read`` for safe methods, ``write``
        for changes. A role decides *where* one may act; the scopes of the credential
        (a token a client asked for narrowly) can only narrow that, never widen it.
    :param productteam_dienst: for the productteam role, the dienst (slug) whose
        reference data this principal manages.
    :param intermediair_id: for a principal of an intermediair: which one. It holds no
        afnemer role of its own; on an afnemer's route the tenant check makes it act for
        that afnemer within a live mandate (``core.intermediairs.toegang``).
    """

    id: str
    naam: str
    methode: str
    logius_rollen: frozenset[Rol] = frozenset()
    afnemer_rollen: Mapping[uuid.UUID, Rol] = field(default_factory=dict)
    scopes: frozenset[str] = ALLE_SCOPES
    productteam_dienst: str | None = None
    intermediair_id: uuid.UUID | None = None

    @property
    def is_logius_beheerder(self) -> bool:
        return Rol.LOGIUS_BEHEERDER in self.logius_rollen

    def heeft_scope_voor(self, method: str) -> bool:
        """May this credential be used for ``method`` at all? ``write`` implies ``read``."""
        if method in {"GET", "HEAD", "OPTIONS"}:
            return bool(self.scopes & ALLE_SCOPES)
        return "write" in self.scopes

    def beheert_dienst(self, dienst: str) -> bool:
        """May change the dienst's reference data (tariffs, koppelvlak versions)."""
        return self.is_logius_beheerder or (
            Rol.PRODUCTTEAM in self.logius_rollen and self.productteam_dienst == dienst
        )

    def rol_bij(self, afnemer_id: uuid.UUID) -> Rol | None:
        return self.afnemer_rollen.get(afnemer_id)

    def mag_lezen(self, afnemer_id: uuid.UUID) -> bool:
        return self.is_logius_beheerder or afnemer_id in self.afnemer_rollen

    def mag_beheren(self, afnemer_id: uuid.UUID) -> bool:
        return self.is_logius_beheerder or self.rol_bij(afnemer_id) == Rol.AFNEMER_BEHEERDER

    def afnemer_ids(self) -> frozenset[uuid.UUID]:
        return frozenset(self.afnemer_rollen)


#: The actor of writes made outside a request (CLI, demo data, workers).
SYSTEEM = Principal(
    id="systeem",
    naam="Afnemersportaal (systeem)",
    methode="systeem",
    logius_rollen=frozenset({Rol.LOGIUS_BEHEERDER}),
)
