"""Reading and setting tariffs: the plugin's schema of a year plus the amounts stored."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from core.auth.principal import Principal
from core.db import db
from core.errors import Problem
from core.plugins import diensten
from core.tarieven.models import BtwTarief, Tarief
from core.types import Tariefcode, Tariefschema, Tarieven, VastgesteldTarief


def dienst_of_404(slug: str):
    info = diensten().get(slug)
    if info is None:
        raise Problem(404, f"Er is geen dienst {slug!r}.", code="niet-gevonden")
    return info


def schema_van(slug: str, jaar: int) -> Tariefschema:
    """The dienst's schema for ``jaar``; an empty one for a dienst without costs."""
    return diensten().tariefschema(slug, jaar) or Tariefschema()


def records(slug: str, jaar: int) -> dict[str, Tarief]:
    rows = db.session.scalars(select(Tarief).where(Tarief.dienst == slug, Tarief.jaar == jaar))
    return {row.code: row for row in rows}


def tarieven_per_dienst(jaar: int, slugs: Iterable[str]) -> dict[str, Tarieven]:
    """Every dienst's tariffs of ``jaar`` (schema and amounts), in one query."""
    slugs = [s for s in slugs if diensten().tariefschema(s, jaar) is not None]
    bedragen: dict[str, dict[str, VastgesteldTarief]] = {s: {} for s in slugs}
    if slugs:
        rows = db.session.execute(
            select(Tarief.dienst, Tarief.code, Tarief.bedrag, Tarief.inclusief_btw)
            .where(Tarief.jaar == jaar, Tarief.dienst.in_(slugs))
        )
        for dienst, code, bedrag, inclusief in rows:
            bedragen[dienst][code] = VastgesteldTarief(code, Decimal(bedrag), inclusief)
    return {s: Tarieven(s, jaar, schema_van(s, jaar), bedragen[s]) for s in slugs}


def btw_percentage(jaar: int) -> Decimal | None:
    record = db.session.get(BtwTarief, jaar)
    return None if record is None else Decimal(record.percentage)


def als_dict(soort: Tariefcode, record: Tarief | None) -> dict[str, Any]:
    """One tariff code as the API shows it: the schema's facts and the amount, if set."""
    return {
        "code": soort.code,
        "naam": soort.naam,
        "omschrijving": record.omschrijving if record else (soort.omschrijving or soort.naam),
        "eenheid": soort.eenheid,
        "artikel": soort.artikel,
        "metriek": soort.metriek,
        "vastgesteld": record is not None,
        "bedrag": record.bedrag if record else None,
        "inclusief_btw": record.inclusief_btw if record else soort.inclusief_btw,
        "gewijzigd_op": record.gewijzigd_op if record else None,
        "gewijzigd_door": record.gewijzigd_door if record else None,
    }


def tarieftabel(slug: str, jaar: int) -> dict[str, Any]:
    schema = schema_van(slug, jaar)
    opgeslagen = records(slug, jaar)
    return {
        "dienst": slug,
        "jaar": jaar,
        "valuta": "EUR",
        "btw_percentage": btw_percentage(jaar),
        "metrieken": list(schema.metrieken),
        "tarieven": [als_dict(soort, opgeslagen.get(soort.code)) for soort in schema.tarieven],
    }


def tariefcode_of_404(slug: str, jaar: int, code: str) -> Tariefcode:
    schema = schema_van(slug, jaar)
    soort = schema.tarief(code)
    if soort is None:
        bekend = ", ".join(t.code for t in schema.tarieven) or "geen"
        raise Problem(
            404,
            f"{slug} kent in {jaar} geen tariefcode {code!r}. Codes in dat jaar: {bekend}.",
            code="niet-gevonden",
        )
    return soort


def mag_beheren(principal: Principal, slug: str) -> None:
    """The dienst's productteam or a Logius beheerder; anyone else gets 403."""
    if not principal.beheert_dienst(slug):
        raise Problem(
            403,
            f"Alleen het productteam van {slug} of een Logius-beheerder stelt de tarieven "
            "van deze dienst vast.",
            code="geen-productteam",
        )


def zet_tarief(slug: str, jaar: int, soort: Tariefcode, record: Tarief | None,
               data: dict[str, Any], door: Principal) -> Tarief:
    if record is None:
        record = Tarief(dienst=slug, jaar=jaar, code=soort.code)
        db.session.add(record)
    record.bedrag = data["bedrag"]
    record.inclusief_btw = data.get("inclusief_btw", soort.inclusief_btw)
    record.omschrijving = data.get("omschrijving") or soort.omschrijving or soort.naam
    record.artikel = soort.artikel
    record.gewijzigd_door = door.naam
    return record


def zet_btw(jaar: int, record: BtwTarief | None, percentage: Decimal,
            door: Principal) -> BtwTarief:
    if record is None:
        record = BtwTarief(jaar=jaar)
        db.session.add(record)
    record.percentage = percentage
    record.gewijzigd_door = door.naam
    return record
