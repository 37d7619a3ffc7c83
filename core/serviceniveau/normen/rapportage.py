"""The norm report: per month (and over a year) the share of a dienst's incidents
resolved within their deadline, per omgeving and priority, against the dienst's norm,
and the share of questions and complaints answered within their term.

Decisions (the SNO says "per month", not which month an incident belongs to):

- **An incident counts in the month it was reported** (Europe/Amsterdam), with the
  priority it has now. That month does not change when it is resolved later, so a
  published month only changes while its incidents are still open.
- **Resolved** incidents count as in time or late (:mod:`..incidenten.klok`). An
  **open** one that is past its resolution time counts as late; an open one that can
  still make it is **pending** (``lopend``) and not in the share yet. A priority with no
  resolution time in an omgeving (a P1 where the dienst has none) has no row.
- **Questions and complaints** count together, in the month asked, against the dienst's
  reaction norm; answered within the term or not, pending while they still can be.
- **The share** is ``in time / (in time + late)`` in percent, given rounded down to two
  decimals so that it never looks better than it is; whether the norm is met is decided
  on the exact fraction. A row without incidents has no share and no verdict (``null``).

Two queries read the rows (incidents with their status steps; questions); the deadlines
are derived in Python with one working-day calendar for the whole period.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from sqlalchemy import String, cast, select

from core import tijd
from core.db import db
from core.serviceniveau import meldregels
from core.serviceniveau.incidenten import klok as klokken
from core.serviceniveau.incidenten.klok import Stap, Status
from core.serviceniveau.incidenten.models import Incident, IncidentStap
from core.serviceniveau.typen import Serviceniveau
from core.serviceniveau.vragen.models import Vraag
from core.serviceniveau.vragen.service import oordeel
from core.werktijd import maand_grenzen

_CENT = Decimal("0.01")
_STATUS = {s.value: s for s in Status}


@dataclass
class Telling:
    binnen: int = 0
    buiten: int = 0
    lopend: int = 0

    def tel(self, binnen_termijn: bool | None) -> None:
        if binnen_termijn is None:
            self.lopend += 1
        elif binnen_termijn:
            self.binnen += 1
        else:
            self.buiten += 1

    def __iadd__(self, ander: Telling) -> Telling:
        self.binnen += ander.binnen
        self.buiten += ander.buiten
        self.lopend += ander.lopend
        return self

    @property
    def aantal(self) -> int:
        """The judged ones: in time or late."""
        return self.binnen + self.buiten

    @property
    def percentage(self) -> Decimal | None:
        if not self.aantal:
            return None
        return (Decimal(self.binnen * 100) / Decimal(self.aantal)).quantize(
            _CENT, rounding=ROUND_DOWN)

    def gehaald(self, norm: Decimal) -> bool | None:
        return None if not self.aantal else self.binnen * 100 >= norm * self.aantal


@dataclass
class Maand:
    """The counts of one month (or of a whole year: ``maand`` is ``None``)."""

    maand: int | None
    incidenten: dict[tuple[str, int], Telling] = field(default_factory=dict)
    vragen: Telling = field(default_factory=Telling)
    vragen_per_soort: dict[str, int] = field(default_factory=lambda: {"vraag": 0, "klacht": 0})


def _leeg(sn: Serviceniveau, maand: int | None) -> Maand:
    return Maand(maand, {(o.omgeving, o.prioriteit): Telling() for o in sn.oplostijden})


def tel(slug: str, sn: Serviceniveau, jaar: int, maanden: list[int],
        nu: datetime) -> list[Maand]:
    """The counts of ``maanden`` of ``jaar`` (consecutive), judged at ``nu``."""
    van, _ = maand_grenzen(jaar, maanden[0])
    _, tot = maand_grenzen(jaar, maanden[-1])
    uit = {m: _leeg(sn, m) for m in maanden}
    if van > nu:
        return [uit[m] for m in maanden]  # nothing reported yet
    kalender = meldregels.werkkalender(van, nu)
    _tel_incidenten(slug, sn, van, tot, nu, kalender, uit)
    _tel_vragen(slug, sn, van, tot, nu, kalender, uit)
    return [uit[m] for m in maanden]


def _tel_incidenten(slug, sn, van, tot, nu, kalender, uit) -> None:
    # Plain columns through the connection: no ORM rows for tens of thousands of them.
    verbinding = db.session.connection()
    i, s = Incident.__table__.c, IncidentStap.__table__.c
    in_periode = (i.dienst == slug) & (i.gemeld_op >= van) & (i.gemeld_op < tot)
    # Ids as text: only to pair incidents with their steps, and reading a hundred thousand
    # UUIDs costs more than reading everything else.
    stappen: dict[str, list[Stap]] = defaultdict(list)
    for incident_id, status, op in verbinding.execute(
            select(cast(s.incident_id, String), s.status, s.op)
            .join(Incident.__table__, i.id == s.incident_id)
            .where(in_periode, s.soort == "status")
            .order_by(s.incident_id, s.volgnummer)).all():
        stappen[incident_id].append(Stap(_STATUS[status], op))
    termijnen = {(o.omgeving, o.prioriteit): (timedelta(hours=o.uren),
                                               klokken.uurklok(o.soort, sn.kantooruren, kalender))
                 for o in sn.oplostijden}
    geen: list[Stap] = []
    for incident_id, omgeving, prioriteit, gemeld_op in verbinding.execute(
            select(cast(i.id, String), i.omgeving, i.prioriteit, i.gemeld_op)
            .where(in_periode)).all():
        termijn = termijnen.get((omgeving, prioriteit))
        if termijn is None:
            continue  # a priority the dienst no longer has there: no row to count in
        stand = klokken.bereken(gemeld_op, stappen.get(incident_id, geen), *termijn, nu)
        uit[gemeld_op.astimezone(tijd.AMSTERDAM).month].incidenten[omgeving, prioriteit].tel(
            stand.binnen_termijn)


def _tel_vragen(slug, sn, van, tot, nu, kalender, uit) -> None:
    vandaag = tijd.lokaal(nu).date()
    werkdagen = sn.reactietermijn.werkdagen
    for soort, gesteld_op, beantwoord_op in db.session.execute(
            select(Vraag.soort, Vraag.gesteld_op, Vraag.beantwoord_op)
            .where(Vraag.dienst == slug, Vraag.gesteld_op >= van, Vraag.gesteld_op < tot)
            ).all():
        maand = uit[tijd.lokaal(gesteld_op).month]
        _, binnen = oordeel(gesteld_op, beantwoord_op, werkdagen, kalender, vandaag)
        maand.vragen.tel(binnen)
        maand.vragen_per_soort[soort] = maand.vragen_per_soort.get(soort, 0) + 1


def totaal(sn: Serviceniveau, maanden: list[Maand]) -> Maand:
    som = _leeg(sn, None)
    for maand in maanden:
        for sleutel, telling in maand.incidenten.items():
            som.incidenten[sleutel] += telling
        som.vragen += maand.vragen
        for soort, n in maand.vragen_per_soort.items():
            som.vragen_per_soort[soort] = som.vragen_per_soort.get(soort, 0) + n
    return som


# --- answers ---------------------------------------------------------------------------------


def _regel(telling: Telling, norm: Decimal) -> dict[str, Any]:
    return {"aantal": telling.aantal, "binnen_termijn": telling.binnen,
            "buiten_termijn": telling.buiten, "lopend": telling.lopend,
            "percentage": telling.percentage, "norm": norm, "gehaald": telling.gehaald(norm)}


def als_dict(sn: Serviceniveau, maand: Maand) -> dict[str, Any]:
    incidenten = []
    for o in sn.oplostijden:
        incidenten.append({"omgeving": o.omgeving, "prioriteit": o.prioriteit,
                           "oplostijd": {"uren": o.uren, "soort": o.soort.value,
                                         "artikel": o.artikel},
                           **_regel(maand.incidenten[o.omgeving, o.prioriteit], sn.oplosnorm),
                           "artikel": sn.oplosnorm_artikel})
    r = sn.reactietermijn
    vragen = {"werkdagen": r.werkdagen, "vragen": maand.vragen_per_soort.get("vraag", 0),
              "klachten": maand.vragen_per_soort.get("klacht", 0),
              **_regel(maand.vragen, r.norm), "artikel": r.artikel}
    return {"incidenten": incidenten, "vragen_en_klachten": vragen}


def maandrapport(slug: str, sn: Serviceniveau, jaar: int, maand: int,
                 nu: datetime) -> dict[str, Any]:
    [geteld] = tel(slug, sn, jaar, [maand], nu)
    van, tot = maand_grenzen(jaar, maand)
    return {"dienst": slug, "bron": sn.bron, "jaar": jaar, "maand": maand, "van": van,
            "tot": tot, "berekend_op": nu, **als_dict(sn, geteld)}


def jaarrapport(slug: str, sn: Serviceniveau, jaar: int, nu: datetime) -> dict[str, Any]:
    maanden = tel(slug, sn, jaar, list(range(1, 13)), nu)
    return {"dienst": slug, "bron": sn.bron, "jaar": jaar, "berekend_op": nu,
            "totaal": als_dict(sn, totaal(sn, maanden)),
            "maanden": [{"maand": m.maand, **als_dict(sn, m)} for m in maanden]}


KOLOMMEN = ("periode", "melding", "omgeving", "prioriteit", "termijn", "aantal",
            "binnenTermijn", "buitenTermijn", "lopend", "percentage", "norm", "gehaald",
            "artikel")


def _csv_regels(periode: str, deel: dict[str, Any]):
    def tekst(waarde):
        if waarde is None:
            return ""
        if isinstance(waarde, bool):
            return "true" if waarde else "false"
        if isinstance(waarde, Decimal):
            return f"{waarde.quantize(_CENT):f}"
        return str(waarde)

    for r in deel["incidenten"]:
        o = r["oplostijd"]
        yield [periode, "incident", r["omgeving"], r["prioriteit"], f"{o['uren']} {o['soort']}",
               *(tekst(r[k]) for k in ("aantal", "binnen_termijn", "buiten_termijn", "lopend",
                                       "percentage", "norm", "gehaald")), r["artikel"]]
    v = deel["vragen_en_klachten"]
    yield [periode, "vraag-of-klacht", "", "", f"{v['werkdagen']} werkdagen",
           *(tekst(v[k]) for k in ("aantal", "binnen_termijn", "buiten_termijn", "lopend",
                                   "percentage", "norm", "gehaald")), v["artikel"]]


def als_csv(rapport: dict[str, Any]) -> str:
    """RFC 4180: a header line, then one line per omgeving and priority and one for the
    questions; a year gives its twelve months and then the year (periode ``YYYY``)."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\r\n")
    schrijver.writerow(KOLOMMEN)
    jaar = rapport["jaar"]
    if "maanden" in rapport:
        for m in rapport["maanden"]:
            schrijver.writerows(_csv_regels(f"{jaar}-{m['maand']:02d}", m))
        schrijver.writerows(_csv_regels(str(jaar), rapport["totaal"]))
    else:
        schrijver.writerows(_csv_regels(f"{jaar}-{rapport['maand']:02d}", rapport))
    return uit.getvalue()
