"""Terms versions and acceptances: which version binds an afnemer, and from when.

- The plugins declare the version they describe; :func:`synchroniseer` copies those
  into ``voorwaarden_versies`` when they are first needed. A Logius announcement of a
  voorwaardenwijziging adds the next version, in force from its change date.
- An aanvraag accepts the version in force on its signing date: the AV bind from the
  first aanvraagformulier (AV 11.1), a dienst's own terms from the aanvraag for that
  dienst (MO 2.2). :func:`accepteer_bij_aanvraag` records that.
- Accepting an announced change binds from its change date (:func:`accepteer`).
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.dialects import postgresql, sqlite

from core import tijd
from core.afnemers.models import Afnemer
from core.auth.principal import Principal
from core.db import db, utcnow, vergrendel
from core.plugins import diensten
from core.types import VoorwaardenDocument, Wijzigingsregel
from core.voorwaarden.algemene import ALGEMENE_VOORWAARDEN
from core.voorwaarden.models import Acceptatie, Voorwaardenversie

#: AV 11.1: without a rule of its own, terms bind from the signing date of the aanvraag.
INGANG_ALGEMEEN = "AV 11.1"
#: The obligation in which a document states from when it binds (AV 11.1, MO 2.2).
INGANG_VERPLICHTING = "ingangsdatum"


def documenten() -> dict[str, VoorwaardenDocument]:
    """Every terms document: core's Algemene Voorwaarden first, then each dienst's own."""
    docs = {ALGEMENE_VOORWAARDEN.id: ALGEMENE_VOORWAARDEN}
    for info in diensten().alle():
        for doc in diensten().voorwaarden(info.slug):
            docs.setdefault(doc.id, doc)
    return docs


def wijzigingsregel(doc: VoorwaardenDocument) -> Wijzigingsregel:
    """How a change of ``doc`` is announced and what rejecting it means.

    A document without a rule of its own follows the AV's (AV 13.1, AV 13.2): the AV
    apply to every dienst, so their notice period is the least an afnemer gets.
    """
    regel = doc.wijziging or ALGEMENE_VOORWAARDEN.wijziging
    assert regel is not None  # the AV always carry one
    return regel


def ingangsartikel(doc: VoorwaardenDocument) -> str:
    """The article that makes ``doc`` bind from the signing date (AV 11.1, MO 2.2...)."""
    return next((v.artikel for v in doc.verplichtingen if v.id == INGANG_VERPLICHTING),
                INGANG_ALGEMEEN)


def synchroniseer() -> None:
    """Copy the versions the plugins declare into the table (idempotent, race-safe)."""
    bestaand = set(db.session.execute(
        select(Voorwaardenversie.document, Voorwaardenversie.versie)))
    nieuw = [doc for doc in documenten().values() if (doc.id, doc.versie) not in bestaand]
    if not nieuw:
        return
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for doc in nieuw:
        db.session.execute(
            insert(Voorwaardenversie)
            .values(id=uuid.uuid4(), document=doc.id, versie=doc.versie, titel=doc.titel,
                    dienst=doc.dienst, ingangsdatum=doc.ingangsdatum, aangemaakt_op=utcnow())
            .on_conflict_do_nothing(index_elements=["document", "versie"])
        )


def versies(document: str) -> list[tuple[str, date | None]]:
    """Every known ``(versie, ingangsdatum)`` of a document, oldest first."""
    gevonden: dict[str, date | None] = {}
    doc = documenten().get(document)
    if doc is not None:
        gevonden[doc.versie] = doc.ingangsdatum
    for versie, ingang in db.session.execute(
        select(Voorwaardenversie.versie, Voorwaardenversie.ingangsdatum)
        .where(Voorwaardenversie.document == document)
    ):
        gevonden[versie] = ingang
    return sorted(gevonden.items(), key=lambda item: item[1] or date.min)


def versie_op(document: str, dag: date) -> str:
    """The version in force on ``dag`` (the oldest one if ``dag`` precedes them all)."""
    bekend = versies(document)
    geldig = [versie for versie, ingang in bekend if (ingang or date.min) <= dag]
    return geldig[-1] if geldig else bekend[0][0]


def accepteer_bij_aanvraag(afnemer: Afnemer, *, dienst: str, ondertekend_op: date,
                           door: Principal) -> list[Acceptatie]:
    """Record acceptance of the AV and the dienst's terms, in force on the signing date.

    Called when an aansluiting is requested, in the same transaction. The AV bind from
    the *first* aanvraagformulier (AV 11.1): an earlier-signed aanvraag moves the
    start back; a later one leaves it.
    """
    vergrendel(Afnemer, afnemer.id)  # one acceptance per version, also under concurrency
    synchroniseer()
    vastgelegd = []
    for doc in diensten().voorwaarden(dienst) or [ALGEMENE_VOORWAARDEN]:
        versie = versie_op(doc.id, ondertekend_op)
        bestaand = db.session.execute(
            select(Acceptatie).where(Acceptatie.afnemer_id == afnemer.id,
                                     Acceptatie.document == doc.id, Acceptatie.versie == versie)
        ).scalar_one_or_none()
        if bestaand is not None:
            if bestaand.aankondiging_id is None and ondertekend_op < bestaand.geldt_vanaf:
                bestaand.geldt_vanaf = ondertekend_op
            vastgelegd.append(bestaand)
            continue
        vastgelegd.append(accepteer(afnemer.id, doc, versie, geldt_vanaf=ondertekend_op,
                                    grondslag=ingangsartikel(doc), door=door))
    return vastgelegd


def accepteer(afnemer_id: uuid.UUID, doc: VoorwaardenDocument, versie: str, *,
              geldt_vanaf: date, grondslag: str, door: Principal,
              aankondiging_id: uuid.UUID | None = None) -> Acceptatie:
    acceptatie = Acceptatie(
        afnemer_id=afnemer_id, document=doc.id, versie=versie, dienst=doc.dienst,
        geldt_vanaf=geldt_vanaf, grondslag=grondslag, geaccepteerd_door=door.naam,
        geaccepteerd_door_id=door.id, geaccepteerd_op=utcnow(), aankondiging_id=aankondiging_id,
    )
    db.session.add(acceptatie)
    return acceptatie


def overzicht(afnemer_id: uuid.UUID) -> list[dict]:
    """Per document that binds the afnemer: the version in force, its history and what
    is announced (GET ``/afnemers/{id}/voorwaarden``)."""
    from core.aankondigingen.models import Aankondiging, Ontvanger
    from core.aankondigingen.soorten import Status, Type

    vandaag = tijd.vandaag()
    acceptaties: dict[str, list[Acceptatie]] = {}
    for acceptatie in db.session.scalars(
        select(Acceptatie).where(Acceptatie.afnemer_id == afnemer_id)
        .order_by(Acceptatie.geldt_vanaf, Acceptatie.geaccepteerd_op)
    ):
        acceptaties.setdefault(acceptatie.document, []).append(acceptatie)
    wijzigingen: dict[str, list[dict]] = {}
    for aankondiging, ontvanger in db.session.execute(
        select(Aankondiging, Ontvanger).join(Ontvanger)
        .where(Ontvanger.afnemer_id == afnemer_id,
               Aankondiging.type == Type.VOORWAARDENWIJZIGING.value,
               or_(Ontvanger.status == Status.OPEN.value,
                   Aankondiging.wijzigingsdatum >= vandaag,
                   Ontvanger.einde_levering_op >= vandaag))
        .order_by(Aankondiging.wijzigingsdatum, Aankondiging.aangemaakt_op)
    ):
        wijzigingen.setdefault(aankondiging.document, []).append({
            "aankondiging_id": aankondiging.id, "versie": aankondiging.versie,
            "wijzigingsdatum": aankondiging.wijzigingsdatum, "artikel": aankondiging.artikel,
            "status": ontvanger.status, "einde_levering_op": ontvanger.einde_levering_op,
            "grondslag": ontvanger.grondslag,
        })
    docs = documenten()
    resultaat = []
    for document in sorted(acceptaties.keys() | wijzigingen.keys(),
                           key=lambda d: (d != ALGEMENE_VOORWAARDEN.id, d)):
        doc = docs.get(document)
        lijst = acceptaties.get(document, [])
        in_kracht = [a for a in lijst if a.geldt_vanaf <= vandaag] or lijst[:1]
        huidig = in_kracht[-1] if in_kracht else None
        resultaat.append({
            "document": document,
            "titel": doc.titel if doc else document,
            "dienst": doc.dienst if doc else (huidig.dienst if huidig else None),
            "versie": huidig.versie if huidig else None,
            "geldt_vanaf": huidig.geldt_vanaf if huidig else None,
            "grondslag": huidig.grondslag if huidig else None,
            "acceptaties": lijst,
            "aangekondigde_wijzigingen": wijzigingen.get(document, []),
        })
    return resultaat
