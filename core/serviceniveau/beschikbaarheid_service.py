"""Recording unavailability and measuring a dienst's availability per month.

Logius records each stretch of unavailability (:class:`Onbeschikbaarheid`); the figures
of a month are computed from the records of that month by
:func:`core.serviceniveau.beschikbaarheid.meet`, so a correction changes every report
it touches and nothing can drift. Every write is checked whole (all broken rules in one
400) and kept in :class:`OnbeschikbaarheidWijziging` in the same transaction; the caller
commits.

The rules of a record, each answered with the field it is about:

- ``omgeving`` is one of the dienst's;
- ``functies`` are functions of the dienst's service level, each once;
- ``van`` and ``tot`` do not lie in the future (unavailability is recorded once it has
  begun; a record without ``tot`` is running and counts up to now), and ``tot`` lies
  after ``van``; ``van`` lies in a year the API knows (2000-2100).

A dienst without a service level has no availability to record or measure: 404.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, or_, select

from core.api.converters import JAAR_MAX, JAAR_MIN
from core.auth.principal import Principal
from core.db import db, utcnow
from core.errors import Problem, validation_problem
from core.plugins import diensten
from core.serviceniveau.beschikbaarheid import Maandmeting, Record, meet
from core.serviceniveau.beschikbaarheid_models import (
    Onbeschikbaarheid,
    OnbeschikbaarheidWijziging,
)
from core.serviceniveau.typen import Beschikbaarheidsnorm, Onbeschikbaarheidssoort, Serviceniveau
from core.werktijd import Werkkalender, maand_grenzen

VELDEN = ("omgeving", "soort", "van", "tot", "functies", "omschrijving")


def serviceniveau_of_404(slug: str) -> Serviceniveau:
    """The dienst's service level; 404 for an unknown dienst and for one without."""
    from core.uitbreidingen.bijdragen import uitbreidingen

    info = diensten().get(slug)
    if info is None:
        raise Problem(404, f"Er is geen dienst {slug!r}.", code="niet-gevonden")
    niveau = uitbreidingen().serviceniveau(slug)
    if niveau is None:
        raise Problem(404, f"{info.naam} heeft geen serviceniveau: er wordt geen "
                           "beschikbaarheid vastgelegd of gemeten en er zijn geen "
                           "onderhoudsvensters.", code="niet-gevonden")
    return niveau


def omgevingen(slug: str) -> list[str]:
    return [o.slug for o in diensten().get(slug).omgevingen]


# --- records -------------------------------------------------------------------------


def _fouten(slug: str, niveau: Serviceniveau, waarden: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def fout(veld: str, reden: str) -> None:
        errors.setdefault(veld, []).append(reden)

    bekend = omgevingen(slug)
    if waarden["omgeving"] not in bekend:
        fout("omgeving", f"Onbekende omgeving van {slug}; kies een van: {', '.join(bekend)}.")
    functies = [f.slug for f in niveau.functies]
    gezien: set[str] = set()
    for i, functie in enumerate(waarden["functies"]):
        if functie not in functies:
            fout(f"functies.{i}", f"Onbekende functie {functie!r} van {slug} "
                                  f"({niveau.bron}); kies uit: {', '.join(functies)}.")
        elif functie in gezien:
            fout(f"functies.{i}", f"Functie {functie!r} staat er al.")
        gezien.add(functie)
    nu = utcnow()
    van, tot = waarden["van"], waarden["tot"]
    if not JAAR_MIN <= van.astimezone(UTC).year <= JAAR_MAX:
        fout("van", f"Ligt buiten de jaren {JAAR_MIN} tot en met {JAAR_MAX}.")
    elif van > nu:
        fout("van", "Onbeschikbaarheid wordt vastgelegd als zij begonnen is: van ligt niet "
                    "in de toekomst.")
    if tot is not None:
        if tot <= van:
            fout("tot", "Het einde (tot) ligt na het begin (van).")
        elif tot > nu:
            fout("tot", "Ligt niet in de toekomst; laat tot leeg (null) zolang de "
                        "onbeschikbaarheid duurt.")
    return errors


def _controleer(slug: str, niveau: Serviceniveau, waarden: dict[str, Any]) -> None:
    errors = _fouten(slug, niveau, waarden)
    if errors:
        raise validation_problem({"json": errors})
    for veld in ("van", "tot"):  # stored and answered in UTC
        if waarden[veld] is not None:
            waarden[veld] = waarden[veld].astimezone(UTC)


def _plain(waarde: Any) -> Any:
    if isinstance(waarde, datetime):
        return waarde.astimezone(UTC).isoformat()
    return waarde


def _leg_vast(record: Onbeschikbaarheid, actie: str, wijzigingen: dict[str, Any],
              door: Principal) -> None:
    db.session.add(OnbeschikbaarheidWijziging(
        onbeschikbaarheid_id=record.id, dienst=record.dienst, actie=actie,
        wijzigingen=wijzigingen, door=door.id, door_naam=door.naam, op=utcnow()))


def registreer(slug: str, data: dict[str, Any], door: Principal) -> Onbeschikbaarheid:
    niveau = serviceniveau_of_404(slug)
    waarden = {veld: data.get(veld) for veld in VELDEN}
    _controleer(slug, niveau, waarden)
    record = Onbeschikbaarheid(id=uuid.uuid4(), dienst=slug, geregistreerd_door=door.naam,
                               gewijzigd_door=door.naam, **waarden)
    db.session.add(record)
    _leg_vast(record, "aangemaakt", {k: {"nieuw": _plain(v)} for k, v in waarden.items()},
              door)
    return record


def wijzig(record: Onbeschikbaarheid, data: dict[str, Any], door: Principal
           ) -> Onbeschikbaarheid:
    """Change the fields sent; the record as it then is must hold every rule."""
    niveau = serviceniveau_of_404(record.dienst)
    waarden = {veld: data[veld] if veld in data else getattr(record, veld) for veld in VELDEN}
    _controleer(record.dienst, niveau, waarden)
    wijzigingen = {veld: {"oud": _plain(getattr(record, veld)), "nieuw": _plain(waarde)}
                   for veld, waarde in waarden.items() if getattr(record, veld) != waarde}
    if wijzigingen:
        for veld, waarde in waarden.items():
            setattr(record, veld, waarde)
        record.gewijzigd_door = door.naam
        _leg_vast(record, "gewijzigd", wijzigingen, door)
    return record


def verwijder(record: Onbeschikbaarheid, door: Principal) -> None:
    _leg_vast(record, "verwijderd",
              {veld: {"oud": _plain(getattr(record, veld))} for veld in VELDEN}, door)
    db.session.delete(record)


def record_of_404(slug: str, record_id: uuid.UUID) -> Onbeschikbaarheid:
    serviceniveau_of_404(slug)
    record = db.session.get(Onbeschikbaarheid, record_id)
    if record is None or record.dienst != slug:
        raise Problem(404, "Deze onbeschikbaarheid bestaat niet.", code="niet-gevonden")
    return record


def _overlapt(begin: datetime, eind: datetime):
    return (Onbeschikbaarheid.van < eind) & or_(Onbeschikbaarheid.tot.is_(None),
                                                Onbeschikbaarheid.tot > begin)


def lijst(slug: str, args: dict[str, Any]) -> Select:
    """The records of a dienst, newest first, with the list's filters."""
    serviceniveau_of_404(slug)
    query = select(Onbeschikbaarheid).where(Onbeschikbaarheid.dienst == slug).order_by(
        Onbeschikbaarheid.van.desc(), Onbeschikbaarheid.id)
    for veld in ("omgeving", "soort"):
        if args.get(veld):
            query = query.where(getattr(Onbeschikbaarheid, veld) == args[veld])
    if args.get("maand"):
        jaar, maand = (int(x) for x in args["maand"].split("-"))
        query = query.where(_overlapt(*maand_grenzen(jaar, maand)))
    return query


def wijzigingen(slug: str, onbeschikbaarheid_id: uuid.UUID | None) -> Select:
    serviceniveau_of_404(slug)
    query = select(OnbeschikbaarheidWijziging).where(
        OnbeschikbaarheidWijziging.dienst == slug).order_by(
        OnbeschikbaarheidWijziging.op.desc(), OnbeschikbaarheidWijziging.id)
    if onbeschikbaarheid_id is not None:
        query = query.where(OnbeschikbaarheidWijziging.onbeschikbaarheid_id
                            == onbeschikbaarheid_id)
    return query


# --- measuring -----------------------------------------------------------------------


@dataclass(frozen=True)
class Meetvraag:
    """What a report asks: the dienst, its norm in one omgeving, and maybe one function."""

    slug: str
    norm: Beschikbaarheidsnorm
    functie: str | None


def meetvraag(slug: str, omgeving: str, functie: str | None) -> Meetvraag:
    """Check a report's query; 400 naming ``omgeving`` or ``functie`` and the rule."""
    niveau = serviceniveau_of_404(slug)
    errors: dict[str, list[str]] = {}
    bekend = omgevingen(slug)
    norm = niveau.norm(omgeving)
    if omgeving not in bekend:
        errors["omgeving"] = [f"Onbekende omgeving van {slug}; kies een van: "
                              f"{', '.join(bekend)}."]
    elif norm is None:
        met_norm = [n.omgeving for n in niveau.beschikbaarheid]
        errors["omgeving"] = [f"{niveau.bron} geeft voor {omgeving} geen "
                              "beschikbaarheidsnorm" + (
                                  f"; wel voor: {', '.join(met_norm)}." if met_norm else ".")]
    functies = [f.slug for f in niveau.functies]
    if functie is not None and functie not in functies:
        errors["functie"] = [f"Onbekende functie van {slug}; kies uit: {', '.join(functies)}."]
    if errors:
        raise validation_problem({"query": errors})
    return Meetvraag(slug, norm, functie)


def _kalender(vraag: Meetvraag, jaar: int) -> Werkkalender | None:
    if vraag.norm.venster is None:
        return None
    from core.feestdagen.service import kalender

    return kalender(jaar, jaar)


def _records(vraag: Meetvraag, begin: datetime, eind: datetime) -> list[Record]:
    rijen = db.session.execute(
        select(Onbeschikbaarheid.van, Onbeschikbaarheid.tot, Onbeschikbaarheid.soort,
               Onbeschikbaarheid.functies)
        .where(Onbeschikbaarheid.dienst == vraag.slug,
               Onbeschikbaarheid.omgeving == vraag.norm.omgeving, _overlapt(begin, eind)))
    return [Record(van, tot, Onbeschikbaarheidssoort(soort)) for van, tot, soort, functies
            in rijen if vraag.functie is None or vraag.functie in (functies or [])]


def maand(vraag: Meetvraag, jaar: int, maand_: int) -> Maandmeting:
    begin, eind = maand_grenzen(jaar, maand_)
    return meet(vraag.norm, jaar, maand_, _records(vraag, begin, eind),
                _kalender(vraag, jaar), utcnow())


def jaar(vraag: Meetvraag, jaar_: int) -> list[Maandmeting]:
    """The twelve months, from one query over the year."""
    begin, _ = maand_grenzen(jaar_, 1)
    _, eind = maand_grenzen(jaar_, 12)
    records, kalender, nu = _records(vraag, begin, eind), _kalender(vraag, jaar_), utcnow()
    return [meet(vraag.norm, jaar_, m, records, kalender, nu) for m in range(1, 13)]


def rapport(vraag: Meetvraag) -> dict[str, Any]:
    """The head of a report: what was measured, over which window, by which article."""
    return {"dienst": vraag.slug, "omgeving": vraag.norm.omgeving, "functie": vraag.functie,
            "venster": str(vraag.norm.venster) if vraag.norm.venster else None,
            "artikel": vraag.norm.artikel, "norm": vraag.norm.norm}


def als_dict(meting: Maandmeting) -> dict[str, Any]:
    return {"jaar": meting.jaar, "maand": meting.maand,
            "uren_in_maand": meting.uren_in_maand,
            "uren_onbeschikbaar": meting.uren_onbeschikbaar,
            "uren_gepland_onderhoud": meting.uren_gepland_onderhoud,
            "percentage": meting.percentage, "norm": meting.norm.norm,
            "gehaald": meting.gehaald, "afgesloten": meting.afgesloten}

