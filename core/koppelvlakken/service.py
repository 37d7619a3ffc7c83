"""The lifecycle of koppelvlak versions, sunsets with notice, and their reminders.

Status of a version on a day (Europe/Amsterdam):

- ``uitgefaseerd`` from its sunset date: no longer served;
- ``verouderd`` from its deprecation date, or as soon as a sunset is set;
- ``ondersteund`` otherwise; ``onbekend`` for a version nobody declared.

A sunset needs notice (AV 14.1 lets Logius phase out versions; how far ahead follows
the dienst's terms change rule, at least the AV's month of AV 13.1). Announcing one
tells every afnemer registered on that version; reminders follow 90, 30 and 7 days
before the sunset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core import tijd
from core.aansluitingen.models import Aansluiting
from core.db import db
from core.errors import Problem, invalid
from core.koppelvlakken.models import KoppelvlakGebruik, KoppelvlakVersie
from core.koppelvlakken.typen import Koppelvlak
from core.meldingen.outbox import publiceer
from core.meldingen.planner import eenmalig
from core.plugins import diensten

HERINNERINGSDAGEN = (90, 30, 7)


class Status:
    ONDERSTEUND = "ondersteund"
    VEROUDERD = "verouderd"
    UITGEFASEERD = "uitgefaseerd"
    ONBEKEND = "onbekend"


def koppelvlakken(dienst: str) -> dict[str, Koppelvlak]:
    return {k.id: k for k in diensten().koppelvlakken(dienst)}


def koppelvlak_of_404(dienst: str, koppelvlak: str) -> Koppelvlak:
    if diensten().get(dienst) is None or koppelvlak not in koppelvlakken(dienst):
        raise Problem(404, "Deze dienst of dit koppelvlak bestaat niet.", code="niet-gevonden")
    return koppelvlakken(dienst)[koppelvlak]


def synchroniseer(dienst: str) -> None:
    """Copy the versions a plugin declares that the database does not hold yet."""
    bestaand = {(r.koppelvlak, r.nummer) for r in db.session.execute(
        select(KoppelvlakVersie.koppelvlak, KoppelvlakVersie.nummer)
        .where(KoppelvlakVersie.dienst == dienst))}
    nieuw = [
        KoppelvlakVersie(dienst=dienst, koppelvlak=k.id, nummer=v.versie,
                         ondersteund_sinds=v.ondersteund_sinds, verouderd_sinds=v.verouderd_sinds,
                         sunset_op=v.sunset_op, opvolger=v.opvolger)
        for k in koppelvlakken(dienst).values() for v in k.versies
        if (k.id, v.versie) not in bestaand
    ]
    if not nieuw:
        return
    try:
        with db.session.begin_nested():
            db.session.add_all(nieuw)
    except IntegrityError:
        pass  # a simultaneous request copied them first


def versies(dienst: str, koppelvlak: str) -> list[KoppelvlakVersie]:
    synchroniseer(dienst)
    return list(db.session.scalars(
        select(KoppelvlakVersie).where(KoppelvlakVersie.dienst == dienst,
                                       KoppelvlakVersie.koppelvlak == koppelvlak)
        .order_by(KoppelvlakVersie.ondersteund_sinds, KoppelvlakVersie.nummer)))


def versie(dienst: str, koppelvlak: str, nummer: str) -> KoppelvlakVersie | None:
    synchroniseer(dienst)
    return db.session.execute(
        select(KoppelvlakVersie).where(KoppelvlakVersie.dienst == dienst,
                                       KoppelvlakVersie.koppelvlak == koppelvlak,
                                       KoppelvlakVersie.nummer == nummer)).scalar_one_or_none()


def status(record: KoppelvlakVersie | None, dag: date | None = None) -> str:
    if record is None:
        return Status.ONBEKEND
    dag = dag or tijd.vandaag()
    if record.sunset_op is not None and record.sunset_op <= dag:
        return Status.UITGEFASEERD
    if record.sunset_op is not None or (record.verouderd_sinds is not None
                                        and record.verouderd_sinds <= dag):
        return Status.VEROUDERD
    if record.ondersteund_sinds > dag:
        return Status.ONBEKEND  # announced, not yet available
    return Status.ONDERSTEUND


@dataclass(frozen=True)
class Opzegtermijn:
    vroegst: date
    artikel: str


def opzegtermijn(dienst: str, vanaf: date) -> Opzegtermijn:
    """The earliest sunset date announced on ``vanaf``, and the rule behind it."""
    from core.voorwaarden.service import documenten, wijzigingsregel

    docs = [d for d in documenten().values() if d.dienst == dienst] or [
        documenten()["algemene-voorwaarden"]]
    regels = [wijzigingsregel(d) for d in docs]
    regel = max(regels, key=lambda r: tijd.plus_termijn(vanaf, r.aankondiging))
    return Opzegtermijn(tijd.plus_termijn(vanaf, regel.aankondiging),
                        f"AV 14.1 met de aankondigingstermijn van {regel.aankondiging_artikel}")


def gebruikers_van(record: KoppelvlakVersie) -> list[KoppelvlakGebruik]:
    return list(db.session.scalars(
        select(KoppelvlakGebruik)
        .join(Aansluiting, Aansluiting.id == KoppelvlakGebruik.aansluiting_id)
        .where(Aansluiting.dienst == record.dienst,
               KoppelvlakGebruik.koppelvlak == record.koppelvlak,
               KoppelvlakGebruik.nummer == record.nummer)
        .order_by(KoppelvlakGebruik.afnemer_id)))


def kondig_sunset_aan(record: KoppelvlakVersie, sunset: date, opvolger: str | None) -> None:
    """Set a sunset with the notice the terms require, and tell the afnemers using it."""
    vandaag = tijd.vandaag()
    termijn = opzegtermijn(record.dienst, vandaag)
    if sunset < termijn.vroegst:
        raise invalid("sunsetOp", f"Een uitfasering moet vooraf worden aangekondigd "
                      f"({termijn.artikel}): vandaag aangekondigd is "
                      f"{termijn.vroegst.isoformat()} de vroegste datum.")
    if opvolger is not None and versie(record.dienst, record.koppelvlak, opvolger) is None:
        raise invalid("opvolger", "Geen bekende versie van dit koppelvlak.")
    if opvolger == record.nummer:
        raise invalid("opvolger", "Een versie kan niet haar eigen opvolger zijn.")
    record.sunset_op = sunset
    record.sunset_aangekondigd_op = vandaag
    record.opvolger = opvolger or record.opvolger
    record.verouderd_sinds = record.verouderd_sinds or vandaag
    for gebruik in gebruikers_van(record):
        publiceer(
            type="koppelvlak.uitfasering", afnemer_id=gebruik.afnemer_id,
            onderwerp=f"{record.koppelvlak} {record.nummer} stopt op {sunset.isoformat()}",
            tekst=(f"Versie {record.nummer} van koppelvlak {record.koppelvlak} "
                   f"({record.dienst}) wordt uitgefaseerd op {sunset.isoformat()}."
                   + (f" Stap over op versie {record.opvolger}." if record.opvolger else "")),
            data=_data(record, gebruik),
        )


def _data(record: KoppelvlakVersie, gebruik: KoppelvlakGebruik) -> dict:
    return {"dienst": record.dienst, "koppelvlak": record.koppelvlak, "versie": record.nummer,
            "sunsetOp": tijd.iso(record.sunset_op), "opvolger": record.opvolger,
            "aansluitingId": str(gebruik.aansluiting_id), "artikel": "AV 14.1"}


def herinner(dag: date | None = None) -> int:
    """Send the sunset reminders that are due on ``dag``; each goes out only once.

    Of the reminder moments (90, 30, 7 days ahead) only the nearest one already
    reached is sent: an afnemer that registers 20 days before the sunset gets the
    30-day reminder, not three at once. Returns how many were written.
    """
    dag = dag or tijd.vandaag()
    aantal = 0
    records = db.session.scalars(
        select(KoppelvlakVersie).where(KoppelvlakVersie.sunset_op.is_not(None),
                                       KoppelvlakVersie.sunset_op > dag))
    for record in records:
        dagen_over = (record.sunset_op - dag).days
        bereikt = [d for d in HERINNERINGSDAGEN if dagen_over <= d]
        if not bereikt:
            continue
        moment = min(bereikt)
        for gebruik in gebruikers_van(record):
            sleutel = (f"sunset:{record.id}:{record.sunset_op.isoformat()}:"
                       f"{gebruik.aansluiting_id}:{moment}")
            if not eenmalig(sleutel):
                continue
            publiceer(
                type="koppelvlak.herinnering", afnemer_id=gebruik.afnemer_id,
                onderwerp=(f"Nog {dagen_over} dagen: {record.koppelvlak} {record.nummer} "
                           f"stopt op {record.sunset_op.isoformat()}"),
                tekst=(f"Uw aansluiting gebruikt nog versie {record.nummer} van koppelvlak "
                       f"{record.koppelvlak}; die stopt over {dagen_over} dagen."
                       + (f" Stap over op versie {record.opvolger}." if record.opvolger else "")),
                data={**_data(record, gebruik), "dagenTotSunset": dagen_over,
                      "herinnering": moment},
            )
            aantal += 1
    return aantal
