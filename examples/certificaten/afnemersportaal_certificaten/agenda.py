"""The expiry dates in the afnemer's deadline calendar (``dienst_deadlines``, VC 4.2)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from core.sdk import Termijnpost
from core.sdk.api import db

from .models import Certificaat


def deadlines(afnemer_id: uuid.UUID, vanaf: date) -> list[Termijnpost]:
    certificaten = db.session.scalars(
        select(Certificaat)
        .where(Certificaat.afnemer_id == afnemer_id, Certificaat.verloopt_op >= vanaf)
        .order_by(Certificaat.verloopt_op, Certificaat.id))
    return [Termijnpost(
        id=f"certificaat-{c.id}", datum=c.verloopt_op, soort="certificaat-verloopt",
        titel=f"Certificaat {c.naam} verloopt",
        omschrijving=(f"Het servercertificaat {c.naam} is tot en met deze dag geldig; het "
                      "nieuwe moet dan in gebruik zijn (VC 5.1)."),
        artikel="VC 4.2", bron=f"/api/v1/afnemers/{afnemer_id}/certificaten/{c.id}")
        for c in certificaten]
