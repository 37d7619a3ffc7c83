"""Holidays per year: seeded once from the ``holidays`` package, kept up by Logius.

:func:`kalender` is what the working-time rules need: the :class:`Werkkalender` of a
range of years, each year seeded the first time it is needed. Seeding writes in the
session's transaction (race-safe on PostgreSQL and SQLite alike: the year and the day
are unique keys, and a second seeder's rows are left out); the caller commits it with
its own work, and a read commits it by itself, as the views here do.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.dialects import postgresql, sqlite

from core.auth.principal import Principal
from core.db import db, utcnow
from core.errors import Problem
from core.feestdagen.models import Feestdag, Feestdagjaar, FeestdagWijziging
from core.werktijd import Werkkalender


def _invoegen_tenzij_bestaand(tabel, rijen: list[dict[str, Any]], sleutel: str) -> int:
    """INSERT ... ON CONFLICT DO NOTHING; the number of rows that went in."""
    if not rijen:
        return 0
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    resultaat = db.session.execute(
        insert(tabel).values(rijen).on_conflict_do_nothing(index_elements=[sleutel]))
    return resultaat.rowcount


def zaai(jaren: Iterable[int]) -> bool:
    """Seed every year of ``jaren`` not seeded yet from the ``holidays`` package
    (:mod:`core.feestdagen.bron`), in the session's transaction; whether any was.

    A year is seeded once: its row in ``feestdagjaren`` is claimed first, and only the
    seeder that claimed it adds the days. A day a beheerder added before keeps its
    name; a day a beheerder deleted later stays deleted.
    """
    jaren = sorted(set(jaren))
    bekend = set(db.session.scalars(
        select(Feestdagjaar.jaar).where(Feestdagjaar.jaar.in_(jaren))))
    nieuw = [jaar for jaar in jaren if jaar not in bekend]
    if not nieuw:
        return False
    from core.feestdagen import bron  # the package loads only when a year is seeded

    gezaaid = False
    for jaar in nieuw:
        nu = utcnow()
        if not _invoegen_tenzij_bestaand(Feestdagjaar.__table__, [
                {"jaar": jaar, "bron": bron.BRON_VERSIE, "gevuld_op": nu}], "jaar"):
            continue  # another request seeded it meanwhile
        _invoegen_tenzij_bestaand(Feestdag.__table__, [
            {"id": uuid.uuid4(), "datum": dag, "naam": naam[:100], "bron": bron.BRON,
             "gewijzigd_door": bron.BRON_VERSIE, "aangemaakt_op": nu, "gewijzigd_op": nu,
             "versie": 1}
            for dag, naam in bron.algemeen_erkende_feestdagen(jaar)], "datum")
        gezaaid = True
    return gezaaid


def _in_jaren(van_jaar: int, tot_jaar: int):
    return (Feestdag.datum >= date(van_jaar, 1, 1)) & (Feestdag.datum <= date(tot_jaar, 12, 31))


def kalender(van_jaar: int, tot_jaar: int) -> Werkkalender:
    """The working-day calendar of the years ``van_jaar`` up to and including
    ``tot_jaar``: Monday to Friday minus the holidays in the table, each year seeded the
    first time it is needed. A day outside those years raises
    :class:`core.werktijd.BuitenKalender` in a computation, so load a year more than
    a deadline may need (a deadline in late December runs into January)."""
    if van_jaar > tot_jaar:
        raise ValueError(f"van_jaar {van_jaar} ligt na tot_jaar {tot_jaar}")
    zaai(range(van_jaar, tot_jaar + 1))
    dagen = db.session.scalars(select(Feestdag.datum).where(_in_jaren(van_jaar, tot_jaar)))
    return Werkkalender(frozenset(dagen), range(van_jaar, tot_jaar + 1))


def van_jaar(jaar: int) -> Select:
    return select(Feestdag).where(_in_jaren(jaar, jaar)).order_by(Feestdag.datum)


def feestdag_of_404(datum: date) -> Feestdag:
    zaai([datum.year])
    record = db.session.scalar(select(Feestdag).where(Feestdag.datum == datum))
    if record is None:
        raise Problem(404, f"{datum.isoformat()} is geen feestdag.", code="niet-gevonden")
    return record


def _leg_vast(actie: str, datum: date, wijzigingen: dict[str, Any], door: Principal) -> None:
    db.session.add(FeestdagWijziging(datum=datum, actie=actie, wijzigingen=wijzigingen,
                                     door=door.id, door_naam=door.naam, op=utcnow()))


def voeg_toe(datum: date, naam: str, door: Principal) -> Feestdag:
    """A day a Logius beheerder adds (a day equated by order in council, art. 3 lid 2)."""
    zaai([datum.year])
    bestaand = db.session.scalar(select(Feestdag).where(Feestdag.datum == datum))
    if bestaand is not None:
        raise Problem(409, f"{datum.isoformat()} is al een feestdag ({bestaand.naam}); "
                      "wijzig die met PATCH.", code="feestdag-bestaat-al")
    record = Feestdag(datum=datum, naam=naam, bron="beheerder", gewijzigd_door=door.naam)
    db.session.add(record)
    _leg_vast("aangemaakt", datum, {"naam": {"nieuw": naam}, "bron": {"nieuw": "beheerder"}},
              door)
    return record


def hernoem(record: Feestdag, naam: str | None, door: Principal) -> Feestdag:
    if naam is not None and naam != record.naam:
        _leg_vast("gewijzigd", record.datum, {"naam": {"oud": record.naam, "nieuw": naam}},
                  door)
        record.naam = naam
        record.gewijzigd_door = door.naam
    return record


def verwijder(record: Feestdag, door: Principal) -> None:
    _leg_vast("verwijderd", record.datum,
              {"naam": {"oud": record.naam}, "bron": {"oud": record.bron}}, door)
    db.session.delete(record)


def wijzigingen(jaar: int | None) -> Select:
    query = select(FeestdagWijziging).order_by(FeestdagWijziging.op.desc(),
                                               FeestdagWijziging.id)
    if jaar is not None:
        query = query.where(FeestdagWijziging.datum >= date(jaar, 1, 1),
                            FeestdagWijziging.datum <= date(jaar, 12, 31))
    return query
