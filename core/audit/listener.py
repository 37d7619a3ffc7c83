"""Record every write to tenant data, in the same transaction as the write.

A ``before_flush`` listener looks at every new, changed and deleted object whose
class sets ``__audit__ = True`` and prepares an audit row with the actor, the action
and the changed fields (old and new values); an ``after_flush`` listener appends those
rows to the hash chain (``core.audit.keten``) once the flush's own writes have run, in
the same transaction. Because it hooks the session, no view can forget it. Secrets are
never written (``__audit_exclude__``).
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from core.audit import keten
from core.auth.middleware import current_principal
from core.db import utcnow

ALWAYS_EXCLUDED = {"versie", "aangemaakt_op", "gewijzigd_op", "hash"}
#: ``session.info`` key of the rows a flush is about to append.
WACHTRIJ = "audit_wachtrij"


def _plain(value: Any) -> Any:
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _columns(obj: Any) -> list[str]:
    excluded = ALWAYS_EXCLUDED | set(getattr(obj, "__audit_exclude__", ()))
    return [a.key for a in inspect(obj).mapper.column_attrs if a.key not in excluded]


def _changes(obj: Any, action: str) -> dict[str, Any]:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for key in _columns(obj):
        if action == "aangemaakt":
            changes[key] = {"nieuw": _plain(getattr(obj, key))}
        elif action == "verwijderd":
            changes[key] = {"oud": _plain(getattr(obj, key))}
        else:
            history = state.attrs[key].history
            if history.has_changes():
                old = history.deleted[0] if history.deleted else None
                new = history.added[0] if history.added else None
                if old != new:
                    changes[key] = {"oud": _plain(old), "nieuw": _plain(new)}
    return changes


def _before_flush(session: Session, _context, _instances) -> None:
    # A fresh queue per flush: a flush that failed left its rows behind, never written.
    regels: list[dict[str, Any]] = []
    session.info[WACHTRIJ] = regels
    principal = current_principal()
    now = utcnow()
    batches = (
        ("aangemaakt", list(session.new)),
        ("gewijzigd", [o for o in session.dirty if session.is_modified(o)]),
        ("verwijderd", list(session.deleted)),
    )
    for action, objects in batches:
        for obj in objects:
            if not getattr(type(obj), "__audit__", False):
                continue
            if getattr(obj, "id", None) is None:
                obj.id = uuid.uuid4()
            afnemer_id = obj.afnemer_id
            if afnemer_id is None:
                continue  # Logius-wide objects (Logius tokens) have no tenant log
            changes = _changes(obj, action)
            if action == "gewijzigd" and not changes:
                continue
            regels.append({
                "afnemer_id": afnemer_id,
                "tijdstip": now,
                "actor": principal.id,
                "actor_naam": principal.naam,
                "actie": action,
                "resource_type": obj.__tablename__,
                "resource_id": str(obj.id),
                "wijzigingen": changes,
            })


def _after_flush(session: Session, _context) -> None:
    """Append the flush's audit rows to the chain; the flush's writes have run, so on
    SQLite this transaction already holds the write lock (the chain takes it anyway)."""
    regels = session.info.pop(WACHTRIJ, None)
    if regels:
        keten.toevoegen(session.connection(), regels)


def install() -> None:
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
    keten.installeer_bewaking()
