"""Digipoort's part of an afnemer's data export (``dienst_export``): its confirmed choices
of begeleiding and its periods of individuele begeleiding (DP tabel 1), every row of each
in one query."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from core.sdk.api import db

from .models import Begeleidingskeuze, Begeleidingsperiode


def _rijen(model: type, afnemer_id: uuid.UUID) -> list[dict[str, Any]]:
    tabel = model.__table__
    statement = (select(tabel).where(tabel.c.afnemer_id == afnemer_id)
                 .order_by(*tabel.primary_key.columns))
    return [dict(rij) for rij in db.session.execute(statement).mappings()]


def export(afnemer_id: uuid.UUID) -> dict[str, Any]:
    return {"begeleidingskeuzes.json": _rijen(Begeleidingskeuze, afnemer_id),
            "begeleidingsperioden.json": _rijen(Begeleidingsperiode, afnemer_id)}
