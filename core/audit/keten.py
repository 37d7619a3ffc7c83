"""The audit log as one append-only hash chain.

Every audit row carries ``vorige_hash``, the ``hash`` of the row before it (the first
row: :data:`GENESIS`), and its own ``hash``: the hex SHA-256 of the canonical JSON
(:func:`canoniek`) of its content fields and ``vorige_hash``. Changing a stored row
breaks its own hash; removing, inserting or reordering rows breaks the next row's
``vorige_hash``. :func:`controleer` (``afnemersportaal audit verify``) walks the chain.

**One chain for the whole log**, not one per afnemer. It is the simplest to verify (one
walk in id order, one head), the head is the last row by primary key, and a writer
takes a single lock, so a transaction that audits several afnemers (a usage upload, an
announcement) can never deadlock on two chain locks taken in different orders. The
price is that audited writes of different afnemers append one after another; the lock
is taken only when the audit rows are written, at the end of a flush, and held until
the commit, which is short. An afnemer's rows in its export carry their hashes, so each
row can be checked on its own, but the links between them pass through other
afnemers' rows.

**Order under concurrency.** Appending is serialised, so the chain order is the id
order and no two rows name the same predecessor (``vorige_hash`` is unique as well, so
a writer that did not serialise fails instead of forking the chain):

- PostgreSQL: :func:`vergrendel` takes the transaction-level advisory lock
  ``pg_advisory_xact_lock(SLOT)`` before the head is read; it is released at commit or
  rollback, after the rows are visible to the next holder (READ COMMITTED: the next
  holder's head query is a new statement and sees them).
- SQLite: writers are serialised by the database's write lock, but the driver begins a
  transaction only at the first write, so a read before it may be stale. :func:`vergrendel`
  makes sure this transaction holds the write lock (a write that changes nothing) before
  the head is read.

**Append-only.** The app never updates or deletes an audit row: mapper events refuse a
flush that would, and a session hook refuses an UPDATE or DELETE statement on the table
(:func:`installeer_bewaking`). On PostgreSQL a trigger (migration 0015) also refuses
UPDATE and DELETE from any client; TRUNCATE stays for the table's owner. A chain
without an outside anchor cannot show that its newest rows were cut off: keep the head
hash that ``audit verify`` prints elsewhere to detect that too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ORMExecuteState, Session

from core.audit.models import AuditRegel
from core.tijd import utcnow

#: The ``vorige_hash`` of the first row.
GENESIS = "0" * 64
#: The advisory lock key of the chain on PostgreSQL ("AUDIT" in ASCII).
SLOT = 0x4155444954
#: The fields a row's hash covers, besides ``vorige_hash``.
INHOUD = ("afnemer_id", "tijdstip", "actor", "actor_naam", "actie", "resource_type",
          "resource_id", "wijzigingen")
#: Rows per INSERT executemany.
BLOK = 10_000


class AlleenToevoegen(RuntimeError):
    """Raised when code tries to change or delete an audit row."""


def _tijd(waarde: datetime) -> str:
    if waarde.tzinfo is None:
        raise ValueError("naive datetime in an audit row; use an aware datetime (UTC)")
    return waarde.astimezone(UTC).isoformat(timespec="microseconds")


def canoniek(regel: Mapping[str, Any], vorige_hash: str) -> bytes:
    """The bytes a row's hash is computed over: JSON with sorted keys, no spaces, UTF-8,
    of the content fields (UUID as text, time as UTC ISO 8601 with microseconds) and
    the previous row's hash."""
    inhoud = {
        "afnemer_id": str(regel["afnemer_id"]),
        "tijdstip": _tijd(regel["tijdstip"]),
        "actor": regel["actor"],
        "actor_naam": regel["actor_naam"],
        "actie": regel["actie"],
        "resource_type": regel["resource_type"],
        "resource_id": regel["resource_id"],
        "wijzigingen": regel["wijzigingen"],
        "vorige_hash": vorige_hash,
    }
    return json.dumps(inhoud, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode()


def bereken_hash(regel: Mapping[str, Any], vorige_hash: str) -> str:
    return hashlib.sha256(canoniek(regel, vorige_hash)).hexdigest()


def vergrendel(verbinding: Connection) -> None:
    """Serialise this transaction's appends with everyone else's, until it ends.

    PostgreSQL: the chain's transaction-level advisory lock (re-entrant within one
    transaction). SQLite: a write that changes nothing, so the transaction holds the
    database's write lock from here on and reads after it see the latest commit.
    """
    if verbinding.dialect.name == "postgresql":
        verbinding.execute(text("SELECT pg_advisory_xact_lock(:slot)"), {"slot": SLOT})
    else:
        schrijfslot(verbinding)


def schrijfslot(verbinding: Connection) -> None:
    """SQLite: begin the transaction as a write, if it has not written yet.

    The driver sends BEGIN (deferred) before the first INSERT, UPDATE or DELETE only,
    and a deferred transaction takes the write lock at its first write. This statement
    is such a write, on no row; another writer waits for the lock (busy timeout).
    """
    verbinding.execute(text("UPDATE audit_regels SET id = id WHERE 0 = 1"))


def kop(verbinding: Connection) -> str:
    """The hash of the newest row (the chain's head), or :data:`GENESIS`."""
    laatste = verbinding.execute(
        select(AuditRegel.hash).order_by(AuditRegel.id.desc()).limit(1)).scalar()
    return laatste or GENESIS


def toevoegen(verbinding: Connection, regels: Iterable[Mapping[str, Any]]) -> int:
    """Append ``regels`` (dicts of the content fields) to the chain, in this order, in
    the connection's transaction; the caller commits. Returns the number of rows."""
    rijen = [dict(regel) for regel in regels]
    if not rijen:
        return 0
    vergrendel(verbinding)
    vorige = kop(verbinding)
    nu = utcnow()
    for rij in rijen:
        rij.setdefault("tijdstip", nu)
        rij.setdefault("wijzigingen", {})
        rij["vorige_hash"] = vorige
        rij["hash"] = vorige = bereken_hash(rij, vorige)
    tabel = AuditRegel.__table__
    for start in range(0, len(rijen), BLOK):
        # One statement per row, in order (executemany), so ids follow the chain.
        verbinding.execute(insert(tabel), rijen[start:start + BLOK])
    return len(rijen)


@dataclass(frozen=True)
class Uitkomst:
    """What :func:`controleer` found: the rows checked, the head, or the first break."""

    gecontroleerd: int
    kop: str
    kop_id: int | None = None
    breuk_id: int | None = None
    reden: str | None = None

    @property
    def in_orde(self) -> bool:
        return self.breuk_id is None


def controleer(verbinding: Connection, per: int = 5_000) -> Uitkomst:
    """Walk the chain in id order and check every row's link and hash.

    Stops at the first break: a row whose ``vorige_hash`` is not the hash of the row
    before it (a row was removed, inserted or moved) or whose ``hash`` does not match
    its content (the row was changed). Reads in pages by id, so memory stays flat.
    """
    tabel = AuditRegel.__table__
    vorige, vorige_id, aantal, na = GENESIS, None, 0, None
    while True:
        query = select(tabel).order_by(tabel.c.id).limit(per)
        if na is not None:
            query = query.where(tabel.c.id > na)
        rijen = verbinding.execute(query).mappings().all()
        if not rijen:
            return Uitkomst(aantal, vorige, vorige_id)
        for rij in rijen:
            if rij["vorige_hash"] != vorige:
                waar = f"regel {vorige_id}" if vorige_id is not None else "het begin"
                return Uitkomst(aantal, vorige, vorige_id, rij["id"],
                                f"vorige_hash {rij['vorige_hash']} is niet de hash van "
                                f"{waar} ({vorige}): een regel ervoor is verwijderd, "
                                "ingevoegd of verplaatst")
            verwacht = bereken_hash(rij, vorige)
            if rij["hash"] != verwacht:
                return Uitkomst(aantal, vorige, vorige_id, rij["id"],
                                f"de inhoud is gewijzigd: hash {rij['hash']} opgeslagen, "
                                f"{verwacht} berekend")
            vorige, vorige_id, aantal = rij["hash"], rij["id"], aantal + 1
        na = rijen[-1]["id"]


# --- the guard ---------------------------------------------------------------------------


def _weiger(actie: str) -> None:
    raise AlleenToevoegen(f"auditregels worden alleen toegevoegd, nooit {actie}")


def _geen_update(_mapper, _connection, _target) -> None:
    _weiger("gewijzigd")


def _geen_delete(_mapper, _connection, _target) -> None:
    _weiger("verwijderd")


def _geen_bulk(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    tabel = getattr(state.statement, "table", None)
    if getattr(tabel, "name", None) == AuditRegel.__tablename__:
        _weiger("gewijzigd" if state.is_update else "verwijderd")


def installeer_bewaking() -> None:
    """Refuse, in this process, every ORM update or delete of an audit row: a flush of a
    changed or deleted :class:`AuditRegel` and an UPDATE/DELETE statement on the table
    run through a session. Raw SQL on a connection is not seen here (PostgreSQL's
    trigger refuses that too)."""
    for naam, functie in (("before_update", _geen_update), ("before_delete", _geen_delete)):
        if not event.contains(AuditRegel, naam, functie):
            event.listen(AuditRegel, naam, functie)
    if not event.contains(Session, "do_orm_execute", _geen_bulk):
        event.listen(Session, "do_orm_execute", _geen_bulk)
