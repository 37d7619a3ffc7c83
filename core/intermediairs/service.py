"""Registering intermediairs, their tokens, and granting and ending mandates.

Granting a mandate, and its end (revoked by the afnemer, or past ``geldigTot``), are
events to both sides: the afnemer's (``mandaat.verleend`` and ``mandaat.beeindigd`` in
its feed, to its webhooks and its algemeen contactpersonen) and an e-mail to the contact
address the intermediair registered with Logius (an intermediair has no webhooks), as
one more delivery of the same event.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import select

from core.afnemers.models import Afnemer
from core.auth.models import ApiToken
from core.auth.principal import Principal
from core.auth.tokens import PREFIX, NieuwToken, hash_token
from core.db import db, utcnow
from core.errors import Problem
from core.intermediairs.models import Intermediair, Mandaat
from core.meldingen.models import Bezorging, BezorgStatus, Kanaal
from core.meldingen.outbox import publiceer

#: The role written on an intermediair's tokens (it holds no afnemer role of its own).
ROL = "intermediair"


def registreer(*, naam: str, kvk_nummer: str, email: str, door: Principal) -> Intermediair:
    bestaand = db.session.execute(
        select(Intermediair.id).where(Intermediair.kvk_nummer == kvk_nummer)).scalar()
    if bestaand is not None:
        raise Problem(409, f"Er is al een intermediair met KvK-nummer {kvk_nummer}.",
                      code="kvk-bestaat-al",
                      invalid_params=[{"name": "kvkNummer", "code": "unique",
                                       "reason": "Dit KvK-nummer is al geregistreerd."}])
    intermediair = Intermediair(naam=naam, kvk_nummer=kvk_nummer, email=email.strip().lower(),
                                aangemaakt_door=door.naam)
    db.session.add(intermediair)
    return intermediair


def geef_token(intermediair: Intermediair, *, naam: str, verloopt_op: datetime,
               scopes: list[str], door: str) -> NieuwToken:
    """An API token of the intermediair; the caller commits. Shown once, stored hashed."""
    token = PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(
        id=uuid.uuid4(), afnemer_id=None, intermediair_id=intermediair.id, naam=naam,
        rol=ROL, prefix=token[:10], hash=hash_token(token), aangemaakt_door=door,
        verloopt_op=verloopt_op, scopes=sorted(set(scopes)),
    )
    db.session.add(record)
    return NieuwToken(record, token)


def _omschrijving(mandaat: Mandaat) -> str:
    return (f"diensten {', '.join(mandaat.diensten)}; {', '.join(mandaat.resources)}; "
            f"{' en '.join(mandaat.rechten)}; geldig tot en met {mandaat.geldig_tot.isoformat()}")


def _meld(mandaat: Mandaat, *, type_: str, onderwerp: str, tekst: str, reden: str | None) -> None:
    """The event to the afnemer, and the same event by e-mail to the intermediair."""
    intermediair = db.session.get(Intermediair, mandaat.intermediair_id)
    data = {"mandaatId": str(mandaat.id), "intermediairId": str(mandaat.intermediair_id),
            "intermediair": intermediair.naam, "kvkNummer": intermediair.kvk_nummer,
            "diensten": list(mandaat.diensten), "resources": list(mandaat.resources),
            "rechten": list(mandaat.rechten), "geldigTot": mandaat.geldig_tot.isoformat()}
    if reden is not None:
        data["reden"] = reden
    gebeurtenis = publiceer(type=type_, afnemer_id=mandaat.afnemer_id, onderwerp=onderwerp,
                            tekst=tekst, data=data)
    db.session.add(Bezorging(
        id=uuid.uuid4(), gebeurtenis_id=gebeurtenis.id, afnemer_id=mandaat.afnemer_id,
        kanaal=Kanaal.EMAIL.value, adres=intermediair.email,
        status=BezorgStatus.WACHTEND.value, pogingen=0,
        volgende_poging_op=gebeurtenis.aangemaakt_op, aangemaakt_op=gebeurtenis.aangemaakt_op,
    ))


def verleen(afnemer: Afnemer, intermediair: Intermediair, *, diensten: list[str],
            resources: list[str], rechten: list[str], geldig_tot: date,
            door: Principal) -> Mandaat:
    mandaat = Mandaat(
        id=uuid.uuid4(), afnemer_id=afnemer.id, intermediair_id=intermediair.id,
        diensten=sorted(set(diensten)), resources=sorted(set(resources)),
        rechten=sorted(set(rechten)), geldig_tot=geldig_tot, verleend_door=door.naam,
    )
    db.session.add(mandaat)
    _meld(mandaat, type_="mandaat.verleend",
          onderwerp=f"{intermediair.naam} handelt namens {afnemer.naam}",
          tekst=(f"{afnemer.naam} heeft intermediair {intermediair.naam} (KvK "
                 f"{intermediair.kvk_nummer}) gemachtigd: {_omschrijving(mandaat)}."),
          reden=None)
    return mandaat


def trek_in(mandaat: Mandaat, *, door: Principal) -> None:
    if mandaat.ingetrokken_op is not None:
        raise Problem(409, "Dit mandaat is al ingetrokken.", code="mandaat-beeindigd")
    nu = utcnow()
    mandaat.ingetrokken_op, mandaat.ingetrokken_door = nu, door.naam
    if mandaat.einde_gemeld_op is None:  # an expired one not yet announced says so
        mandaat.einde_gemeld_op = nu
        _meld_einde(mandaat, "verlopen" if mandaat.geldig_tot < _vandaag() else "ingetrokken")


def _vandaag() -> date:
    from core.tijd import vandaag

    return vandaag()


def _meld_einde(mandaat: Mandaat, reden: str) -> None:
    afnemer = db.session.get(Afnemer, mandaat.afnemer_id)
    intermediair = db.session.get(Intermediair, mandaat.intermediair_id)
    hoe = "ingetrokken" if reden == "ingetrokken" else "verlopen"
    _meld(mandaat, type_="mandaat.beeindigd",
          onderwerp=f"Mandaat van {intermediair.naam} voor {afnemer.naam} {hoe}",
          tekst=(f"Het mandaat van {afnemer.naam} aan intermediair {intermediair.naam} is "
                 f"{hoe}; de intermediair handelt niet meer namens {afnemer.naam} "
                 f"({_omschrijving(mandaat)})."),
          reden=reden)


def meld_verlopen(dag: date) -> int:
    """Announce every mandate that expired before ``dag`` and was not ended yet (the
    planner calls this about once a minute; a mandate is announced once)."""
    from core.meldingen.planner import eenmalig

    verlopen = db.session.scalars(
        select(Mandaat).where(Mandaat.geldig_tot < dag, Mandaat.ingetrokken_op.is_(None),
                              Mandaat.einde_gemeld_op.is_(None)).order_by(Mandaat.geldig_tot)
    ).all()
    aantal = 0
    for mandaat in verlopen:
        mandaat.einde_gemeld_op = utcnow()
        if eenmalig(f"mandaat:{mandaat.id}:verlopen"):
            _meld_einde(mandaat, "verlopen")
            aantal += 1
    return aantal


#: ``geldigTot`` lies at most this far ahead.
MAXIMALE_LOOPTIJD = timedelta(days=731)
