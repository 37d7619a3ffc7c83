"""Afnemers' names for lists of tenant-owned rows across afnemers (Logius' views)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select

from core.afnemers.models import Afnemer
from core.db import db


def afnemer_namen(afnemer_ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """The names of these afnemers, in one query whatever the number of rows."""
    ids = {i for i in afnemer_ids if i is not None}
    if not ids:
        return {}
    return dict(db.session.execute(
        select(Afnemer.id, Afnemer.naam).where(Afnemer.id.in_(ids))).all())
