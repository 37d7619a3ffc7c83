"""Writing usage in bulk, idempotently, and reading it back in aggregate.

Writing: a row's key is (aansluiting, metriek, datum). A new key is inserted; a known
key with another ``aantal`` is a correction: it replaces the value and leaves an audit
line with the old and the new value; a known key with the same value changes nothing.
The old values are read under a lock on the upload's aansluitingen (see
:func:`_vergrendel`), so two concurrent corrections of one key are audited as
old -> A, then A -> B, never both from the old value.
All rows go to the database as one ``INSERT ... ON CONFLICT DO UPDATE`` statement run
with many parameter sets (executemany), never one ORM object per row.

Reading: :func:`totalen` sums usage per aansluiting and metric in one aggregate query,
for one afnemer or for all of them (a cost run). A metric that aggregates by maximum
(``Aggregatie.MAXIMUM``, a peak per minute) gets the highest row instead of the sum, in
the same query: ``CASE WHEN metriek IN (...) THEN MAX(aantal) ELSE SUM(aantal) END``, so
a year without such metrics runs the plain ``SUM`` it always did.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, extract, func, select
from sqlalchemy.dialects import postgresql, sqlite

from core.aansluitingen.models import Aansluiting
from core.audit import keten
from core.auth.principal import Principal
from core.db import db, utcnow
from core.plugins import diensten
from core.types import Periode
from core.verbruik.invoer import Rij
from core.verbruik.models import VerbruikRegel, Voorcalculatie

#: Parameter sets per executemany call.
BLOKGROOTTE = 10_000


@dataclass(frozen=True)
class Resultaat:
    aantal_regels: int
    nieuw: int
    gecorrigeerd: int
    ongewijzigd: int


def _vergrendel(rijen: list[Rij]) -> None:
    """Lock what the upload writes before reading its old values, until the commit.

    PostgreSQL: the upload's aansluitingen, ``FOR NO KEY UPDATE`` in id order (so two
    uploads never deadlock, and foreign-key checks of other tables are not blocked); a
    concurrent upload touching one of them waits until this one commits, then reads
    what it wrote. This covers keys that do not exist yet as well. SQLite: the
    database's write lock, taken before the read (``keten.schrijfslot``).
    """
    verbinding = db.session.connection()
    if verbinding.dialect.name != "postgresql":
        keten.schrijfslot(verbinding)
        return
    ids = sorted({rij.aansluiting_id for rij in rijen})
    for start in range(0, len(ids), 500):
        db.session.execute(
            select(Aansluiting.id).where(Aansluiting.id.in_(ids[start:start + 500]))
            .order_by(Aansluiting.id).with_for_update(key_share=True)
        ).all()


def _bestaande(rijen: list[Rij]) -> dict[tuple[uuid.UUID, str, date], int]:
    """The stored values of the keys in ``rijen`` (one query per 500 aansluitingen)."""
    per_aansluiting: dict[uuid.UUID, list[date]] = defaultdict(list)
    for rij in rijen:
        per_aansluiting[rij.aansluiting_id].append(rij.datum)
    ids = sorted(per_aansluiting)
    van = min(rij.datum for rij in rijen)
    tot = max(rij.datum for rij in rijen)
    bestaand = {}
    for start in range(0, len(ids), 500):
        rows = db.session.execute(
            select(VerbruikRegel.aansluiting_id, VerbruikRegel.metriek, VerbruikRegel.datum,
                   VerbruikRegel.aantal)
            .where(VerbruikRegel.aansluiting_id.in_(ids[start:start + 500]),
                   VerbruikRegel.datum >= van, VerbruikRegel.datum <= tot)
        )
        for aansluiting_id, metriek, datum, aantal in rows:
            bestaand[(aansluiting_id, metriek, datum)] = aantal
    return bestaand


def _upsert():
    table = VerbruikRegel.__table__
    dialect = db.session.get_bind().dialect.name
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    return statement.on_conflict_do_update(
        index_elements=[table.c.aansluiting_id, table.c.metriek, table.c.datum],
        set_={"aantal": statement.excluded.aantal,
              "gewijzigd_op": statement.excluded.gewijzigd_op},
    )


def _in_blokken(items: list, grootte: int = BLOKGROOTTE) -> Iterable[list]:
    for start in range(0, len(items), grootte):
        yield items[start:start + grootte]


def vastleggen(rijen: list[Rij], door: Principal) -> Resultaat:
    """Insert new rows and correct changed ones; the caller commits."""
    _vergrendel(rijen)
    bestaand = _bestaande(rijen)
    nu = utcnow()
    schrijven, correcties = [], []
    nieuw_per_afnemer: Counter[uuid.UUID] = Counter()
    for rij in rijen:
        oud = bestaand.get((rij.aansluiting_id, rij.metriek, rij.datum))
        if oud == rij.aantal:
            continue
        schrijven.append({"aansluiting_id": rij.aansluiting_id, "metriek": rij.metriek,
                          "datum": rij.datum, "afnemer_id": rij.afnemer_id,
                          "aantal": rij.aantal, "gewijzigd_op": nu})
        if oud is None:
            nieuw_per_afnemer[rij.afnemer_id] += 1
        else:
            correcties.append((rij, oud))
    statement = _upsert()
    for blok in _in_blokken(schrijven):
        db.session.execute(statement, blok)
    _audit(correcties, nieuw_per_afnemer, door, nu)
    nieuw = sum(nieuw_per_afnemer.values())
    return Resultaat(len(rijen), nieuw, len(correcties), len(rijen) - nieuw - len(correcties))


def _audit(correcties: list[tuple[Rij, int]], nieuw_per_afnemer: Counter[uuid.UUID],
           door: Principal, nu) -> None:
    """A line per correction (old and new value), and one per afnemer for the new rows.

    A correction's resource id is the aansluiting; metric and date are in ``sleutel``.
    """
    basis = {"tijdstip": nu, "actor": door.id, "actor_naam": door.naam,
             "resource_type": VerbruikRegel.__tablename__}
    regels = [
        {**basis, "afnemer_id": rij.afnemer_id, "actie": "gewijzigd",
         "resource_id": str(rij.aansluiting_id),
         "wijzigingen": {"sleutel": {"metriek": rij.metriek, "datum": rij.datum.isoformat()},
                         "aantal": {"oud": oud, "nieuw": rij.aantal}}}
        for rij, oud in correcties
    ]
    regels += [
        {**basis, "afnemer_id": afnemer_id, "actie": "aangemaakt",
         "resource_id": f"upload:{nu.isoformat()}",
         "wijzigingen": {"aantalRegels": {"nieuw": aantal}}}
        for afnemer_id, aantal in nieuw_per_afnemer.items()
    ]
    keten.toevoegen(db.session.connection(), regels)


Totalen = dict[uuid.UUID, tuple[dict[str, int], dict[str, int]]]


def _aggregaat(jaar: int, waarde=None):
    """The aggregate of ``waarde`` (the row's count by default) per metric: the sum, or
    for the metrics that aggregate by maximum in ``jaar`` the highest value."""
    som = func.sum(VerbruikRegel.aantal if waarde is None else waarde)
    maxima = sorted(diensten().maximum_metrieken(jaar))
    if not maxima:
        return som
    hoogste = func.max(VerbruikRegel.aantal if waarde is None else waarde)
    return case((VerbruikRegel.metriek.in_(maxima), hoogste), else_=som)


def totalen(periode: Periode, afnemer_id: uuid.UUID | None = None) -> Totalen:
    """Usage per aansluiting and metric, in ``periode`` and in its whole calendar year.

    One aggregate query (``SUM ... GROUP BY aansluiting_id, metriek``; the highest row
    for a metric that aggregates by maximum) over the year, for one afnemer or, without
    ``afnemer_id``, for every afnemer at once.
    """
    jaar = Periode.kalenderjaar(periode.jaar)
    in_jaar = _aggregaat(periode.jaar)
    # Outside the period a row counts as nothing: 0 for a sum, NULL for a maximum.
    in_periode = in_jaar if periode == jaar else _aggregaat(periode.jaar, case(
        (VerbruikRegel.datum.between(periode.van, periode.tot), VerbruikRegel.aantal),
        else_=None,
    ))
    statement = (
        select(VerbruikRegel.aansluiting_id, VerbruikRegel.metriek, in_periode, in_jaar)
        .where(VerbruikRegel.datum >= jaar.van, VerbruikRegel.datum <= jaar.tot)
        .group_by(VerbruikRegel.aansluiting_id, VerbruikRegel.metriek)
    )
    if afnemer_id is not None:
        statement = statement.where(VerbruikRegel.afnemer_id == afnemer_id)
    result: Totalen = {}
    for aansluiting_id, metriek, som_periode, som_jaar in db.session.execute(statement):
        periode_totaal, jaar_totaal = result.setdefault(aansluiting_id, ({}, {}))
        periode_totaal[metriek] = int(som_periode or 0)
        jaar_totaal[metriek] = int(som_jaar or 0)
    return result


def maandtotalen(jaar: int, afnemer_id: uuid.UUID | None = None
                 ) -> dict[uuid.UUID, dict[int, dict[str, int]]]:
    """Usage per aansluiting, calendar month (1-12) and metric in ``jaar``: one query
    (the month's highest row for a metric that aggregates by maximum)."""
    periode = Periode.kalenderjaar(jaar)
    maand = extract("month", VerbruikRegel.datum)
    statement = (
        select(VerbruikRegel.aansluiting_id, maand, VerbruikRegel.metriek, _aggregaat(jaar))
        .where(VerbruikRegel.datum >= periode.van, VerbruikRegel.datum <= periode.tot)
        .group_by(VerbruikRegel.aansluiting_id, maand, VerbruikRegel.metriek)
    )
    if afnemer_id is not None:
        statement = statement.where(VerbruikRegel.afnemer_id == afnemer_id)
    uit: dict[uuid.UUID, dict[int, dict[str, int]]] = {}
    for aansluiting_id, nummer, metriek, som in db.session.execute(statement):
        uit.setdefault(aansluiting_id, {}).setdefault(int(nummer), {})[metriek] = int(som or 0)
    return uit


def voorcalculaties(jaar: int, afnemer_id: uuid.UUID | None = None
                    ) -> dict[uuid.UUID, dict[str, int]]:
    """The voorcalculatie of every aansluiting (of one afnemer) for ``jaar``."""
    statement = select(Voorcalculatie.aansluiting_id, Voorcalculatie.volumes).where(
        Voorcalculatie.jaar == jaar)
    if afnemer_id is not None:
        statement = statement.where(Voorcalculatie.afnemer_id == afnemer_id)
    return {aansluiting_id: dict(volumes or {})
            for aansluiting_id, volumes in db.session.execute(statement)}
