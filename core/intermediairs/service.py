"""Registering intermediairs, their tokens, people and machine clients, and granting and
ending mandates.

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
from core.intermediairs.models import Intermediair, IntermediairMedewerker, Mandaat
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


def nodig_medewerker_uit(intermediair: Intermediair, email: str, *,
                         door: Principal) -> IntermediairMedewerker:
    """Invite a person of the intermediair by e-mail; the caller commits.

    The membership takes effect when someone logs in with this e-mail, verified by the
    issuer (``core.gebruikers.service.bij_inloggen``), at once when such a gebruiker is
    known already. From then on their principal is the intermediair's: it acts for an
    afnemer only under that afnemer's live mandates, within them.

    One person, one party, so that whom a principal acts for is never ambiguous:

    - a person is a member of at most one intermediair at a time: an address with a
      live (invited or active) membership anywhere is refused (409, naming ``email``;
      the unique index on live memberships holds it in the database too);
    - a person of an intermediair is no afnemer's staff: an address with a live
      lidmaatschap of an afnemer is refused (409, naming ``email``), and an afnemer's
      invitation of an intermediair's person likewise. Someone who works for both asks
      the afnemer to mandate the intermediair, and acts under that mandate; keeping
      both would make every request on that afnemer ask which of two grants applies.
    """
    from core.gebruikers.models import Gebruiker, Lidmaatschap, LidmaatschapStatus
    from core.gebruikers.service import medewerker_met_email, normaliseer_email

    email = normaliseer_email(email)

    def bezet(detail: str, reden: str, bestaand: uuid.UUID) -> Problem:
        return Problem(409, detail, code="al-lid", bestaandLidmaatschap=str(bestaand),
                       invalid_params=[{"name": "email", "code": "unique", "reason": reden}])

    medewerker = medewerker_met_email(email)
    if medewerker is not None:
        detail = (f"{email} is al medewerker of uitgenodigd bij deze intermediair."
                  if medewerker.intermediair_id == intermediair.id
                  else f"{email} hoort al bij een andere intermediair.")
        raise bezet(detail, "Een persoon hoort bij hooguit één intermediair tegelijk.",
                    medewerker.id)
    lid = db.session.execute(
        select(Lidmaatschap.id).where(Lidmaatschap.email == email,
                                      Lidmaatschap.status != LidmaatschapStatus.BEEINDIGD.value)
    ).scalar()
    if lid is not None:
        raise bezet(f"{email} is lid van een afnemer en kan daarom niet voor een intermediair "
                    "handelen.", "Dit e-mailadres is lid van een afnemer.", lid)
    nieuw = IntermediairMedewerker(
        intermediair_id=intermediair.id, email=email, uitgenodigd_door=door.naam,
        status=LidmaatschapStatus.UITGENODIGD.value)
    gebruiker = db.session.execute(
        select(Gebruiker).where(Gebruiker.email == email, Gebruiker.email_geverifieerd.is_(True))
        .order_by(Gebruiker.aangemaakt_op)
    ).scalars().first()
    if gebruiker is not None:
        nieuw.gebruiker_id = gebruiker.id
        nieuw.status = LidmaatschapStatus.ACTIEF.value
        nieuw.geaccepteerd_op = utcnow()
    db.session.add(nieuw)
    return nieuw


def beeindig_medewerker(medewerker: IntermediairMedewerker) -> None:
    """End a person's membership: their next request no longer acts for the intermediair
    (the principal is built from the database at every request), and their console
    sessions end."""
    from core.console.sessies import beeindig_sessies
    from core.gebruikers.models import LidmaatschapStatus

    if medewerker.status == LidmaatschapStatus.BEEINDIGD.value:
        raise Problem(409, "Dit lidmaatschap is al beëindigd.", code="lidmaatschap-beeindigd")
    medewerker.status = LidmaatschapStatus.BEEINDIGD.value
    medewerker.beeindigd_op = utcnow()
    beeindig_sessies(medewerker.gebruiker_id)


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
