"""The VWO's part of a gemeente's data export (``dienst_export``): its agreements, the
Bijlage 1 register with every version, its requests, and the breaches it is part of
with its own side and the logboek entries it may read (about the whole breach or about
this gemeente)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_, select

from core.sdk.api import db

from .models import (
    Betrokkenheid,
    Inbreuk,
    Logboekregel,
    Overeenkomst,
    Verwerking,
    Verwerkingsversie,
    Verzoek,
)


def _rijen(model: type, *voorwaarden: Any) -> list[dict[str, Any]]:
    tabel = model.__table__
    statement = select(tabel).where(*voorwaarden).order_by(*tabel.primary_key.columns)
    return [dict(rij) for rij in db.session.execute(statement).mappings()]


def export(afnemer_id: uuid.UUID) -> dict[str, Any]:
    eigen_inbreuken = select(Betrokkenheid.inbreuk_id).where(
        Betrokkenheid.afnemer_id == afnemer_id)
    return {
        "overeenkomsten.json": _rijen(Overeenkomst, Overeenkomst.afnemer_id == afnemer_id),
        "verwerkingen.json": _rijen(Verwerking, Verwerking.afnemer_id == afnemer_id),
        "verwerkingsversies.json": _rijen(Verwerkingsversie,
                                          Verwerkingsversie.afnemer_id == afnemer_id),
        "verzoeken.json": _rijen(Verzoek, Verzoek.afnemer_id == afnemer_id),
        "inbreuken.json": _rijen(Inbreuk, Inbreuk.id.in_(eigen_inbreuken)),
        "inbreuk-gemeente.json": _rijen(Betrokkenheid, Betrokkenheid.afnemer_id == afnemer_id),
        "logboek.json": _rijen(Logboekregel, Logboekregel.inbreuk_id.in_(eigen_inbreuken),
                               or_(Logboekregel.afnemer_id.is_(None),
                                   Logboekregel.afnemer_id == afnemer_id)),
    }
