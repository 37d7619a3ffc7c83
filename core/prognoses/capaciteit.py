"""A capacity the afnemers of a dienst share, watched through their prognoses.

A dienst declares it with ``dienst_capaciteit`` (:class:`~core.sdk.Capaciteit`): which
whole-number field of its prognosis form holds each afnemer's share, the limit with its
article, the omgeving that counts and from which share of the limit Logius is warned.
Core knows no dienst by name: it sums that field over the newest prognosis of every
running aansluiting in that omgeving (whatever the period), and compares.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from core.aansluitingen.models import Aansluiting
from core.afnemers.models import Afnemer
from core.db import db
from core.meldingen.outbox import publiceer
from core.plugins import diensten
from core.prognoses import service
from core.prognoses.models import Prognose
from core.uitbreidingen.bijdragen import uitbreidingen
from core.uitbreidingen.typen import Capaciteit


@dataclass(frozen=True)
class Bijdrage:
    aansluiting: Aansluiting
    afnemer: Afnemer
    prognose: Prognose
    waarde: int


def van(dienst: str) -> Capaciteit | None:
    return uitbreidingen().capaciteit(dienst)


def _waarde(capaciteit: Capaciteit, prognose: Prognose) -> int:
    waarde = prognose.formulier.get(capaciteit.veld)
    return waarde if isinstance(waarde, int) and not isinstance(waarde, bool) else 0


def bijdragen(dienst: str, capaciteit: Capaciteit,
              zonder: uuid.UUID | None = None) -> list[Bijdrage]:
    """Every running aansluiting's share, from its newest prognosis (any period)."""
    rows = db.session.execute(
        select(Aansluiting, Afnemer).join(Afnemer, Afnemer.id == Aansluiting.afnemer_id)
        .where(Aansluiting.dienst == dienst, Aansluiting.omgeving == capaciteit.omgeving,
               Aansluiting.status != "beeindigd")).all()
    prognoses = service.nieuwste(dienst=dienst)
    uit = []
    for aansluiting, afnemer in rows:
        if aansluiting.id == zonder:
            continue
        laatste = max(prognoses.get(aansluiting.id, {}).values(),
                      key=lambda p: p.ingediend_op, default=None)
        if laatste is not None:
            uit.append(Bijdrage(aansluiting, afnemer, laatste, _waarde(capaciteit, laatste)))
    return uit


def drempel(capaciteit: Capaciteit) -> float:
    return capaciteit.waarschuwing_procent / 100


def overzicht(dienst: str, capaciteit: Capaciteit, top: int = 5) -> dict:
    """The sum against the limit, the headroom and the ``top`` biggest contributors."""
    limiet = capaciteit.limiet
    rijen = bijdragen(dienst, capaciteit)
    totaal = sum(r.waarde for r in rijen)
    grootste = sorted(rijen, key=lambda r: (-r.waarde, r.afnemer.naam, str(r.aansluiting.id)))
    return {
        "dienst": dienst,
        "omgeving": capaciteit.omgeving,
        "veld": capaciteit.veld,
        "eenheid": capaciteit.eenheid,
        "limiet": limiet,
        "totaal": totaal,
        "ruimte": limiet - totaal,
        "bezetting": round(totaal / limiet, 4),
        "waarschuwingsdrempel": drempel(capaciteit),
        "waarschuwing": totaal > drempel(capaciteit) * limiet,
        "artikel": capaciteit.artikel,
        "waarschuwing_artikel": capaciteit.waarschuwing_artikel,
        "aansluitingen": len(rijen),
        "grootste_bijdragers": [
            {"afnemer_id": r.afnemer.id, "afnemer_naam": r.afnemer.naam,
             "aansluiting_id": r.aansluiting.id, "periode": r.prognose.periode,
             "waarde": r.waarde, "aandeel": round(r.waarde / limiet, 4)}
            for r in grootste[:top]],
    }


def waarschuwing(prognose: Prognose) -> str | None:
    """After a new prognosis: warn Logius when it pushes the sum past the warning share
    (and the sum was not past it before); the warning text, or ``None``."""
    capaciteit = van(prognose.dienst)
    if capaciteit is None:
        return None
    aansluiting = db.session.get(Aansluiting, prognose.aansluiting_id)
    if aansluiting is None or aansluiting.omgeving != capaciteit.omgeving:
        return None
    overige = sum(r.waarde for r in bijdragen(prognose.dienst, capaciteit,
                                              zonder=prognose.aansluiting_id))
    eerdere = [p for p in service.versies(prognose.aansluiting_id, prognose.periode)
               if p.id != prognose.id]
    eerder = overige + (_waarde(capaciteit, eerdere[0]) if eerdere else 0)
    nu = overige + _waarde(capaciteit, prognose)
    limiet, grens = capaciteit.limiet, drempel(capaciteit) * capaciteit.limiet
    if nu <= grens or eerder > grens:
        return None
    naam = diensten().get(prognose.dienst).naam
    tekst = (f"Met deze prognose komt de som van {capaciteit.veld} op {nu} "
             f"{capaciteit.eenheid}: meer dan {capaciteit.waarschuwing_procent}% van de "
             f"gedeelde {limiet} ({capaciteit.artikel}).")
    publiceer(type="prognose.capaciteit", afnemer_id=None,
              onderwerp=f"Capaciteit {naam}: verwacht {nu} van {limiet} {capaciteit.eenheid}",
              tekst=tekst,
              data={"dienst": prognose.dienst, "afnemerId": str(prognose.afnemer_id),
                    "aansluitingId": str(prognose.aansluiting_id),
                    "prognoseId": str(prognose.id), "veld": capaciteit.veld, "totaal": nu,
                    "limiet": limiet, "drempel": drempel(capaciteit),
                    "artikel": capaciteit.waarschuwing_artikel})
    return tekst
