"""Asking and answering questions and complaints, and their term.

The term (the dienst's ``Reactietermijn``, e.g. 3 working days) counts working days
after the day the question was asked, in Europe/Amsterdam: a question of Monday is due
on Thursday, one of Saturday on Wednesday, one of the day before a holiday a day later.
It is answered in time when the day of the answer is at most that day. A question not
answered yet is known to be late once that day has passed; until then it is pending.
Nothing of this is stored: it is derived from the moments asked and answered.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from core import tijd
from core.afnemers.models import Afnemer
from core.auth.principal import Principal
from core.db import db
from core.errors import Problem
from core.meldingen.outbox import publiceer
from core.serviceniveau import meldregels
from core.serviceniveau.typen import Reactietermijn
from core.serviceniveau.vragen.models import Vraag
from core.werktijd import Werkkalender, plus_werkdagen


def stellen(afnemer: Afnemer, data: dict[str, Any], *, door: Principal,
            nu: datetime) -> Vraag:
    vraag = Vraag(id=uuid.uuid4(), afnemer_id=afnemer.id, dienst=data["dienst"],
                  soort=data["soort"], onderwerp=data["onderwerp"], tekst=data["tekst"],
                  gesteld_op=meldregels.moment_van_melding(data.get("gesteld_op"), door, nu),
                  gesteld_door=door.naam)
    db.session.add(vraag)
    termijn = stand(vraag, nu)
    publiceer(type="vraag.gesteld", afnemer_id=None,
              onderwerp=f"{vraag.soort.capitalize()} over {vraag.dienst} van {afnemer.naam}: "
                        f"{vraag.onderwerp}",
              tekst=vraag.tekst, data=_data(vraag, termijn))
    return vraag


def beantwoorden(vraag: Vraag, antwoord: str, *, op: datetime | None, door: Principal,
                 nu: datetime) -> Vraag:
    if vraag.beantwoord_op is not None:
        raise Problem(409, f"Deze {vraag.soort} is al beantwoord op "
                      f"{vraag.beantwoord_op.isoformat()}.", code="al-beantwoord")
    moment = min(op, nu).astimezone(UTC) if op is not None else nu
    if moment < vraag.gesteld_op:
        raise Problem(400, "Ongeldige invoer in: beantwoordOp.", code="ongeldige-invoer",
                      invalid_params=[{"name": "beantwoordOp", "code": "range",
                                       "reason": "Een antwoord ligt niet voor de vraag "
                                                 f"({vraag.gesteld_op.isoformat()})."}])
    vraag.antwoord, vraag.beantwoord_op, vraag.beantwoord_door = antwoord, moment, door.naam
    termijn = stand(vraag, nu)
    publiceer(type="vraag.beantwoord", afnemer_id=vraag.afnemer_id,
              onderwerp=f"Antwoord op uw {vraag.soort}: {vraag.onderwerp}", tekst=antwoord,
              data=_data(vraag, termijn))
    return vraag


@dataclass(frozen=True)
class Termijn:
    reactietermijn: Reactietermijn
    uiterlijk: date
    binnen_termijn: bool | None


def uiterlijk(gesteld_op: datetime, werkdagen: int, kalender: Werkkalender) -> date:
    """The last day to answer: ``werkdagen`` working days after the day asked."""
    return plus_werkdagen(gesteld_op, werkdagen, kalender)


def oordeel(gesteld_op: datetime, beantwoord_op: datetime | None, werkdagen: int,
            kalender: Werkkalender, vandaag: date) -> tuple[date, bool | None]:
    dag = uiterlijk(gesteld_op, werkdagen, kalender)
    if beantwoord_op is not None:
        return dag, tijd.lokaal(beantwoord_op).date() <= dag
    return dag, False if vandaag > dag else None


def stand(vraag: Vraag, nu: datetime, kalender: Werkkalender | None = None) -> Termijn | None:
    """The question's term now, or ``None`` when its dienst has no service level (any
    more)."""
    sn = meldregels.serviceniveau(vraag.dienst)
    if sn is None:
        return None
    kalender = kalender or meldregels.werkkalender(vraag.gesteld_op, nu)
    dag, binnen = oordeel(vraag.gesteld_op, vraag.beantwoord_op, sn.reactietermijn.werkdagen,
                          kalender, tijd.lokaal(nu).date())
    return Termijn(sn.reactietermijn, dag, binnen)


def _data(vraag: Vraag, termijn: Termijn | None) -> dict[str, Any]:
    return {"vraagId": str(vraag.id), "afnemerId": str(vraag.afnemer_id),
            "dienst": vraag.dienst, "soort": vraag.soort, "onderwerp": vraag.onderwerp,
            "gesteldOp": vraag.gesteld_op.isoformat(),
            "beantwoordenUiterlijk": termijn.uiterlijk.isoformat() if termijn else None,
            "beantwoordOp": vraag.beantwoord_op.isoformat() if vraag.beantwoord_op else None,
            "binnenTermijn": termijn.binnen_termijn if termijn else None,
            "artikel": termijn.reactietermijn.artikel if termijn else "AV 2.6"}
