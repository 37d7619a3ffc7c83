"""Announcing to afnemers and recording their answers, each with its events.

Everything one request does happens in one transaction: the announcement, one
:class:`Ontvanger` row and one outbox event per afnemer it reaches; or the answer,
what it sets in motion (an acceptance, a planned end of delivery, a consultation)
and the events to Logius and the afnemer. The caller commits.
"""

from __future__ import annotations

import uuid
from email.header import decode_header, make_header
from typing import Any

from flask import current_app
from sqlalchemy import select

from core import tijd
from core.aankondigingen import regels
from core.aankondigingen.models import Aankondiging, Ontvanger
from core.aankondigingen.soorten import CONSULTATIE_ARTIKEL, SOORTEN, Besluit, Status, Type
from core.aansluitingen.lifecycle import Status as AansluitingStatus
from core.aansluitingen.models import Aansluiting
from core.auth.principal import Principal
from core.db import db, utcnow, vergrendel
from core.errors import Problem
from core.meldingen.outbox import publiceer
from core.voorwaarden import service as voorwaarden
from core.voorwaarden.models import Voorwaardenversie

#: Where the preview's e-mail is addressed: each contactpersoon gets it at their own.
VOORBEELDADRES = "contactpersoon@afnemer.example"

VELDEN = ("titel", "omschrijving", "dienst", "document", "versie", "wijzigingsdatum",
          "begin_op", "einde_op", "afnemersoverleg_op", "omgeving", "afwijking",
          "afwijking_reden")


def doelgroep(dienst: str | None, omgeving: str | None = None) -> list[uuid.UUID]:
    """Every afnemer with a live aansluiting on ``dienst`` (in ``omgeving`` when given);
    on any dienst when ``None``."""
    query = select(Aansluiting.afnemer_id).where(
        Aansluiting.status != AansluitingStatus.BEEINDIGD.value).distinct()
    if dienst is not None:
        query = query.where(Aansluiting.dienst == dienst)
    if omgeving is not None:
        query = query.where(Aansluiting.omgeving == omgeving)
    return sorted(db.session.scalars(query))


def voorbeeld(data: dict[str, Any], *, getoond: int = 20) -> dict[str, Any]:
    """What sending the (already validated) announcement would do, without doing it: how
    many afnemers it reaches, the first ``getoond`` of them by name, the event they get,
    the contactpersoon roles it is mailed to, and that e-mail as the worker would send it
    (to a placeholder address). Writes nothing."""
    from core.afnemers.models import Afnemer
    from core.meldingen import typen
    from core.meldingen.worker import Instellingen, Klus, mail

    type_ = Type(data["type"])
    dienst = data.get("dienst")
    if type_ == Type.VOORWAARDENWIJZIGING:
        dienst = voorwaarden.documenten()[data["document"]].dienst
    afnemers = data.get("afnemers")
    ids = sorted(set(afnemers)) if afnemers else doelgroep(dienst, data.get("omgeving"))
    bereikt = db.session.execute(
        select(Afnemer.id, Afnemer.naam, Afnemer.oin).where(Afnemer.id.in_(ids))
        .order_by(Afnemer.naam, Afnemer.id).limit(getoond)).all() if ids else []
    soort = typen.soort(f"aankondiging.{type_.value}")
    klus = Klus(id=uuid.uuid4(), kanaal="email", adres=VOORBEELDADRES, pogingen=0,
                gebeurtenis_id=uuid.uuid4(), type=soort.type, onderwerp=data["titel"],
                tekst=data["omschrijving"], data={"artikel": regels.artikel(type_, data)},
                aangemaakt_op=utcnow(), geheim=None)
    bericht = mail(klus, Instellingen.van(current_app))
    inhoud = bericht.get_payload(decode=True)
    return {
        "aantal_ontvangers": len(ids),
        "ontvangers": [{"id": r.id, "naam": r.naam, "oin": r.oin} for r in bereikt],
        "gebeurtenis": soort.type, "rollen": list(soort.rollen),
        "artikel": regels.artikel(type_, data),
        "mail": {
            "van": str(bericht["From"]), "aan": VOORBEELDADRES,
            "onderwerp": str(make_header(decode_header(str(bericht["Subject"])))),
            "tekst": inhoud.decode(bericht.get_content_charset() or "utf-8")
            if isinstance(inhoud, bytes) else str(inhoud),
        },
    }


def aankondigen(data: dict[str, Any], *, door: Principal) -> Aankondiging:
    """Create an announcement (already validated) and tell every afnemer it concerns."""
    type_ = Type(data["type"])
    waarden = {veld: data.get(veld) for veld in VELDEN}
    waarden["afwijking"] = bool(waarden["afwijking"])
    if type_ == Type.VOORWAARDENWIJZIGING:
        # The document decides the dienst: none for the AV, which reach every afnemer.
        waarden["dienst"] = voorwaarden.documenten()[data["document"]].dienst
    aankondiging = Aankondiging(id=uuid.uuid4(), type=type_.value,
                                artikel=regels.artikel(type_, data),
                                aangemaakt_door=door.naam, aangemaakt_op=utcnow(), **waarden)
    db.session.add(aankondiging)
    if type_ == Type.VOORWAARDENWIJZIGING:
        _nieuwe_versie(aankondiging)
    afnemers = data.get("afnemers")
    ontvangers = sorted(set(afnemers)) if afnemers else doelgroep(aankondiging.dienst,
                                                                  aankondiging.omgeving)
    status = Status.OPEN if SOORTEN[type_].reactie_vereist else Status.TER_KENNISNAME
    # Nothing read below is written in the loop: flush once, at commit, in bulk.
    with db.session.no_autoflush:
        _aan_ontvangers(aankondiging, ontvangers, status)
    return aankondiging


def _aan_ontvangers(aankondiging: Aankondiging, ontvangers: list[uuid.UUID],
                    status: Status) -> None:
    for afnemer_id in ontvangers:
        gebeurtenis = publiceer(
            type=f"aankondiging.{aankondiging.type}", afnemer_id=afnemer_id,
            onderwerp=aankondiging.titel, tekst=aankondiging.omschrijving,
            data=gebeurtenis_data(aankondiging),
        )
        db.session.add(Ontvanger(aankondiging=aankondiging, afnemer_id=afnemer_id,
                                 status=status.value, gebeurtenis_id=gebeurtenis.id))


def _nieuwe_versie(aankondiging: Aankondiging) -> None:
    """The announced version joins the register, in force from the change date (AV 13.1)."""
    voorwaarden.synchroniseer()
    doc = voorwaarden.documenten()[aankondiging.document]
    db.session.add(Voorwaardenversie(
        document=doc.id, versie=aankondiging.versie, titel=doc.titel, dienst=doc.dienst,
        ingangsdatum=aankondiging.wijzigingsdatum, aankondiging_id=aankondiging.id,
    ))


def gebeurtenis_data(aankondiging: Aankondiging) -> dict[str, Any]:
    data = {
        "aankondigingId": str(aankondiging.id),
        "type": aankondiging.type,
        "dienst": aankondiging.dienst,
        "artikel": aankondiging.artikel,
        "reactieVereist": aankondiging.reactie_vereist,
    }
    for veld, sleutel in (("document", "document"), ("versie", "versie"),
                          ("wijzigingsdatum", "wijzigingsdatum"), ("begin_op", "beginOp"),
                          ("einde_op", "eindeOp"), ("omgeving", "omgeving"),
                          ("afwijking_reden", "afwijkingReden")):
        waarde = getattr(aankondiging, veld)
        if waarde is not None:
            data[sleutel] = waarde if isinstance(waarde, str) else tijd.iso(waarde)
    if aankondiging.afwijking:
        data["afwijking"] = True
    return data


def reageren(ontvanger: Ontvanger, *, besluit: Besluit, toelichting: str | None,
             door: Principal) -> Ontvanger:
    """Record an afnemer's answer and what follows from it (AV 13.2, MO 8.2, AV 14.2)."""
    vergrendel(Ontvanger, ontvanger.id)  # one answer, also when two arrive at once
    db.session.refresh(ontvanger)
    aankondiging = ontvanger.aankondiging
    soort = SOORTEN[Type(aankondiging.type)]
    if not soort.reactie_vereist:
        raise Problem(409, f"Op een {aankondiging.type} hoeft en kan niet gereageerd worden; "
                           "alleen op een voorwaardenwijziging, dienstwijziging of uitfasering.",
                      code="geen-reactie-nodig")
    if ontvanger.besluit is not None:
        raise Problem(409, f"Deze afnemer heeft al gereageerd ({ontvanger.besluit}, "
                           f"{tijd.iso(ontvanger.gereageerd_op)}); een besluit is definitief.",
                      code="al-gereageerd", besluit=ontvanger.besluit)
    ontvanger.besluit = besluit.value
    ontvanger.toelichting = toelichting
    ontvanger.gereageerd_door = door.naam
    ontvanger.gereageerd_op = utcnow()
    if besluit == Besluit.ACCEPTEREN:
        ontvanger.status = Status.GEACCEPTEERD.value
        if aankondiging.type == Type.VOORWAARDENWIJZIGING:
            doc = voorwaarden.documenten()[aankondiging.document]
            voorwaarden.accepteer(
                ontvanger.afnemer_id, doc, aankondiging.versie,
                geldt_vanaf=aankondiging.wijzigingsdatum, grondslag=aankondiging.artikel,
                door=door, aankondiging_id=aankondiging.id,
            )
    else:
        _afwijzen(ontvanger, aankondiging)
    publiceer(
        type="aankondiging.reactie", afnemer_id=None,
        onderwerp=_kort(f"{ontvanger.afnemer.naam}: {besluit.value} - {aankondiging.titel}"),
        tekst=toelichting or f"{ontvanger.afnemer.naam} koos: {besluit.value}.",
        data={**gebeurtenis_data(aankondiging), "afnemerId": str(ontvanger.afnemer_id),
              "besluit": besluit.value, "status": ontvanger.status,
              "eindeLeveringOp": tijd.iso(ontvanger.einde_levering_op),
              "artikel": ontvanger.grondslag or aankondiging.artikel},
    )
    return ontvanger


def _kort(tekst: str, lengte: int = 300) -> str:
    """An event's subject fits its column (an afnemer's name and a title may be long)."""
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def _regel(aankondiging: Aankondiging):
    """The change rule of the document a voorwaardenwijziging changes; None otherwise."""
    if aankondiging.type != Type.VOORWAARDENWIJZIGING:
        return None
    return voorwaarden.wijzigingsregel(voorwaarden.documenten()[aankondiging.document])


def _geraakt(ontvanger: Ontvanger, aankondiging: Aankondiging) -> list[Aansluiting]:
    """The afnemer's live aansluitingen a rejection ends: on the announcement's dienst, or
    on every dienst for a document of none (the Algemene Voorwaarden)."""
    geraakt = select(Aansluiting).where(
        Aansluiting.afnemer_id == ontvanger.afnemer_id,
        Aansluiting.status != AansluitingStatus.BEEINDIGD.value,
    ).order_by(Aansluiting.dienst, Aansluiting.omgeving)
    if aankondiging.dienst is not None:
        geraakt = geraakt.where(Aansluiting.dienst == aankondiging.dienst)
    return list(db.session.scalars(geraakt))


def gevolgen_van_afwijzen(ontvanger: Ontvanger) -> dict[str, Any] | None:
    """What rejecting would set in motion, computed as :func:`reageren` does it but
    changing nothing: the end of delivery and the aansluitingen it ends (AV 13.2, MO 8.2),
    or the consultation it opens (AV 14.2). None when there is nothing to answer (no
    answer asked, or already given)."""
    aankondiging = ontvanger.aankondiging
    if not SOORTEN[Type(aankondiging.type)].reactie_vereist or ontvanger.besluit is not None:
        return None
    regel = _regel(aankondiging)
    if regel is None or regel.einde_na_afwijzing is None:
        grondslag = regel.afwijzing_artikel if regel else CONSULTATIE_ARTIKEL
        return {"status": Status.CONSULTATIE.value, "einde_levering_op": None,
                "grondslag": grondslag, "aansluitingen": [],
                "toelichting": "Na afwijzen neemt Logius contact op om in overleg een "
                               f"einddatum af te spreken ({grondslag}); er eindigt nu nog "
                               "niets."}
    einde = tijd.plus_termijn(aankondiging.wijzigingsdatum, regel.einde_na_afwijzing)
    return {"status": Status.AFGEWEZEN.value, "einde_levering_op": einde,
            "grondslag": regel.afwijzing_artikel,
            "aansluitingen": _geraakt(ontvanger, aankondiging),
            "toelichting": f"Na afwijzen eindigt de levering op {einde}, "
                           f"{tijd.beschrijf(regel.einde_na_afwijzing)} na de wijzigingsdatum "
                           f"{aankondiging.wijzigingsdatum} ({regel.afwijzing_artikel})."}


def _afwijzen(ontvanger: Ontvanger, aankondiging: Aankondiging) -> None:
    regel = _regel(aankondiging)
    if regel is None or regel.einde_na_afwijzing is None:
        # AV 14.2: parties consult about an end date; nothing is scheduled yet.
        ontvanger.status = Status.CONSULTATIE.value
        ontvanger.grondslag = regel.afwijzing_artikel if regel else CONSULTATIE_ARTIKEL
        publiceer(
            type="dienstwijziging.consultatie", afnemer_id=ontvanger.afnemer_id,
            onderwerp=f"Overleg over: {aankondiging.titel}",
            tekst="U wees deze wijziging af. Logius neemt contact met u op om in overleg een "
                  f"einddatum af te spreken ({ontvanger.grondslag}).",
            data={**gebeurtenis_data(aankondiging), "status": ontvanger.status,
                  "artikel": ontvanger.grondslag},
        )
        return
    # AV 13.2, MO 8.2: delivery ends a fixed period after the change date.
    einde = tijd.plus_termijn(aankondiging.wijzigingsdatum, regel.einde_na_afwijzing)
    ontvanger.status = Status.AFGEWEZEN.value
    ontvanger.einde_levering_op = einde
    ontvanger.grondslag = regel.afwijzing_artikel
    aansluitingen = _geraakt(ontvanger, aankondiging)
    for aansluiting in aansluitingen:
        if aansluiting.gepland_einde_op is None or einde < aansluiting.gepland_einde_op:
            aansluiting.gepland_einde_op = einde
            aansluiting.gepland_einde_grondslag = regel.afwijzing_artikel
    publiceer(
        type="voorwaarden.afgewezen", afnemer_id=ontvanger.afnemer_id,
        onderwerp=f"Levering eindigt op {einde}: {aankondiging.titel}",
        tekst=f"U wees versie {aankondiging.versie} af. Daarom eindigt de levering op {einde}, "
              f"{tijd.beschrijf(regel.einde_na_afwijzing)} na de wijzigingsdatum "
              f"{aankondiging.wijzigingsdatum} ({regel.afwijzing_artikel}).",
        data={**gebeurtenis_data(aankondiging), "status": ontvanger.status,
              "eindeLeveringOp": einde.isoformat(), "artikel": regel.afwijzing_artikel,
              "aansluitingen": [str(a.id) for a in aansluitingen]},
    )
