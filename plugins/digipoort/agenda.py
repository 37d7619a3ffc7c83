"""Digipoort's deadlines in an afnemer's calendar and iCalendar feed (``dienst_deadlines``):
the last day of every period of individuele begeleiding that has not ended yet (DP tabel 1).

A period runs three calendar months from the startmail; a longer need is another period,
which the afnemer's beheerder asks for while the current one runs. So the calendar shows
the period's end with that message, or, where the next period is already recorded, that
one. One query for all of the afnemer's periods, however many it has.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from core.sdk import Termijnpost
from core.sdk.api import db

from .begeleiding import ARTIKEL
from .models import Begeleidingsperiode

PAD = "/api/v1/afnemers/{afnemer}/digipoort-begeleidingen/perioden?aansluitingId={aansluiting}"


def deadlines(afnemer_id: uuid.UUID, vanaf: date) -> list[Termijnpost]:
    rij = Begeleidingsperiode
    perioden = list(db.session.scalars(
        select(rij).where(rij.afnemer_id == afnemer_id, rij.tot >= vanaf)
        .order_by(rij.aansluiting_id, rij.startmail, rij.id)))
    uit = []
    for plek, periode in enumerate(perioden):
        # Periods of an aansluiting never overlap: the next one in order follows this one.
        volgende = perioden[plek + 1] if plek + 1 < len(perioden) else None
        if volgende is not None and volgende.aansluiting_id != periode.aansluiting_id:
            volgende = None
        if volgende is None:
            vervolg = (f"Een volgende periode vraagt de beheerder aan vóór het einde van "
                       f"deze, uiterlijk {periode.tot.isoformat()}; daarna begint een nieuwe "
                       "periode pas bij een nieuwe startmail van het aansluitteam.")
        else:
            vervolg = (f"De volgende periode is al vastgelegd: {volgende.startmail.isoformat()}"
                       f" t/m {volgende.tot.isoformat()}.")
        uit.append(Termijnpost(
            id=f"begeleidingsperiode-{periode.id}", datum=periode.tot,
            soort="begeleidingsperiode-einde",
            titel="Digipoort: begeleidingsperiode loopt af",
            omschrijving=(f"De periode van individuele begeleiding "
                          f"{periode.startmail.isoformat()} t/m {periode.tot.isoformat()} "
                          f"(drie kalendermaanden vanaf de startmail) loopt af. {vervolg}"),
            artikel=ARTIKEL,
            bron=PAD.format(afnemer=afnemer_id, aansluiting=periode.aansluiting_id)))
    return uit
