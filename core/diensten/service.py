"""Whether a dienst takes new aansluitingen in an environment, and its status for Logius."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from core.auth.principal import Principal
from core.db import db
from core.diensten.models import Schakeling
from core.errors import Problem
from core.plugins import diensten

#: How many of the newest decisions the status shows.
GESCHIEDENIS = 10


def geschiedenis(dienst: str, omgeving: str) -> list[Schakeling]:
    """The newest switches of this dienst in this environment, newest first."""
    return list(db.session.scalars(
        select(Schakeling).where(Schakeling.dienst == dienst, Schakeling.omgeving == omgeving)
        .order_by(Schakeling.op.desc(), Schakeling.id).limit(GESCHIEDENIS)))


def laatste(dienst: str, omgeving: str) -> Schakeling | None:
    return db.session.scalars(
        select(Schakeling).where(Schakeling.dienst == dienst, Schakeling.omgeving == omgeving)
        .order_by(Schakeling.op.desc()).limit(1)).first()


def ingeschakeld(dienst: str, omgeving: str) -> bool:
    schakeling = laatste(dienst, omgeving)
    return schakeling is None or schakeling.ingeschakeld


def schakel(dienst: str, omgeving: str, *, aan: bool, reden: str,
            door: Principal) -> Schakeling | None:
    """Switch; ``None`` when it already was in that state (PUT is idempotent)."""
    if ingeschakeld(dienst, omgeving) == aan:
        return None
    schakeling = Schakeling(dienst=dienst, omgeving=omgeving, ingeschakeld=aan, reden=reden,
                            door=door.id, door_naam=door.naam)
    db.session.add(schakeling)
    return schakeling


def vereis_ingeschakeld(dienst: str, omgeving: str) -> None:
    """409 for a new aansluiting on a dienst that Logius switched off here; existing
    aansluitingen and all their data stay as they are."""
    schakeling = laatste(dienst, omgeving)
    if schakeling is not None and not schakeling.ingeschakeld:
        naam = diensten().get(dienst).naam if diensten().get(dienst) else dienst
        raise Problem(
            409,
            f"{naam} neemt in de omgeving {omgeving} geen nieuwe aansluitingen aan: Logius "
            f"heeft de dienst daar uitgeschakeld ({schakeling.reden}). Bestaande "
            "aansluitingen en hun gegevens blijven.",
            code="dienst-uitgeschakeld",
        )


def status(slug: str) -> dict:
    """Configured, healthy, enabled: what a Logius beheerder checks of one dienst."""
    from core.uitbreidingen import migraties
    from core.uitbreidingen.bijdragen import uitbreidingen

    u = uitbreidingen()
    info = diensten().get(slug)
    waarden = u.instellingen(slug)
    instellingen = [
        {"naam": i.naam, "omschrijving": i.omschrijving, "soort": i.soort.value,
         "verplicht": i.verplicht, "geheim": i.geheim,
         "ingesteld": u.ingesteld(slug, i.naam, current_app.config),
         "waarde": None if i.geheim or waarden.get(i.naam) is None else str(waarden[i.naam]),
         "standaard": None if i.geheim or i.standaard is None else str(i.standaard)}
        for i in u.instellingdefinities(slug)]
    configuratiefouten = u.check_config(slug)
    gezondheid = u.gezondheid(slug)
    mig = u.migraties().get(slug)
    tabellen = None
    if mig is not None:
        tabellen = {"revisie": migraties.huidig(db.engine, slug),
                    "nieuwste": migraties.head(slug, mig)}
    return {
        "dienst": slug,
        "plugin": diensten().plugin_van(slug),
        "geconfigureerd": not configuratiefouten,
        "configuratiefouten": configuratiefouten,
        "instellingen": instellingen,
        "gezond": not gezondheid and (tabellen is None
                                      or tabellen["revisie"] == tabellen["nieuwste"]),
        "meldingen": gezondheid,
        "tabellen": tabellen,
        "omgevingen": [omgeving_status(slug, k.slug) for k in info.omgevingen],
    }


class Stand:
    """The state of a dienst in an environment as a versioned resource: its version
    is the number of decisions so far (the ETag of ``/diensten/{slug}/omgevingen/...``)."""

    def __init__(self, dienst: str, omgeving: str) -> None:
        from sqlalchemy import func

        self.versie = db.session.execute(
            select(func.count()).select_from(Schakeling)
            .where(Schakeling.dienst == dienst, Schakeling.omgeving == omgeving)).scalar_one()


def omgeving_status(slug: str, omgeving: str) -> dict:
    rijen = geschiedenis(slug, omgeving)
    nu = rijen[0] if rijen else None
    return {
        "dienst": slug, "omgeving": omgeving,
        "ingeschakeld": nu is None or nu.ingeschakeld,
        "reden": nu.reden if nu else None,
        "gewijzigd_op": nu.op if nu else None,
        "gewijzigd_door": nu.door_naam if nu else None,
        "geschiedenis": [{"ingeschakeld": r.ingeschakeld, "reden": r.reden, "op": r.op,
                          "door": r.door_naam} for r in rijen],
    }
