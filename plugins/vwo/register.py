"""Bijlage 1 tabel 1 as a versioned register: every change is a new version with the day it
applies from, and every earlier version stays readable (as the Logius standard Logboek
Dataverwerkingen asks of a register of processings).

A processing's content lives in :class:`~.models.Verwerkingsversie` rows that are never
changed; :class:`~.models.Verwerking` holds its identity and its newest version number.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, select

from core.sdk.api import Problem, db, publiceer

from . import regels
from .catalogus import BSN, CATEGORIEEN, DOORGIFTE_INSTRUMENTEN
from .dienst import DOORGIFTE
from .models import Overeenkomst, Verwerking, Verwerkingsversie

#: The fields of a version that describe the processing (the rest is bookkeeping).
INHOUD = ("naam", "dienst", "doeleinden", "categorieen_betrokkenen",
          "categorieen_persoonsgegevens", "overige_persoonsgegevens", "doorgifte_buiten_eer",
          "landen", "doorgifte_instrument", "aanvullende_maatregelen")


def inhoud(versie: Verwerkingsversie) -> dict[str, Any]:
    return {veld: getattr(versie, veld) for veld in INHOUD}


def status(versie: Verwerkingsversie, vandaag: date) -> str:
    if versie.beeindigd and versie.geldig_vanaf <= vandaag:
        return "beeindigd"
    return "gepland" if versie.geldig_vanaf > vandaag else "actief"


def weergave(verwerking: Verwerking, versie: Verwerkingsversie, vandaag: date
             ) -> dict[str, Any]:
    """One processing as the API answers it: the content of ``versie`` and what follows
    from it (special categories, the BSN, the instrument's name)."""
    categorieen = list(versie.categorieen_persoonsgegevens or [])
    return {
        "id": verwerking.id, "overeenkomst_id": verwerking.overeenkomst_id,
        **inhoud(versie),
        "geldig_vanaf": versie.geldig_vanaf, "versie": versie.nummer,
        "status": status(versie, vandaag),
        "bijzondere_persoonsgegevens": [c for c in categorieen
                                        if c in CATEGORIEEN and CATEGORIEEN[c].bijzonder],
        "bevat_bsn": BSN in categorieen,
        "doorgifte_instrument_naam": DOORGIFTE_INSTRUMENTEN.get(versie.doorgifte_instrument),
        "doorgifte_aangekondigd_op": versie.doorgifte_aangekondigd_op,
        "vastgelegd_op": versie.vastgelegd_op, "vastgelegd_door": versie.vastgelegd_door,
    }


def nieuwste(overeenkomst_id: uuid.UUID):
    """A select of each processing of the agreement with its newest version."""
    return (select(Verwerking, Verwerkingsversie)
            .join(Verwerkingsversie, and_(Verwerkingsversie.verwerking_id == Verwerking.id,
                                          Verwerkingsversie.nummer == Verwerking.laatste_versie))
            .where(Verwerking.overeenkomst_id == overeenkomst_id))


def op_peildatum(overeenkomst_id: uuid.UUID, peildatum: date):
    """A select of each processing with the version that applied on ``peildatum``: the
    newest whose day had come, left out when that version ended it or none had begun."""
    geldig = (select(Verwerkingsversie.verwerking_id,
                     func.max(Verwerkingsversie.nummer).label("nummer"))
              .where(Verwerkingsversie.geldig_vanaf <= peildatum)
              .group_by(Verwerkingsversie.verwerking_id).subquery())
    return (select(Verwerking, Verwerkingsversie)
            .join(geldig, geldig.c.verwerking_id == Verwerking.id)
            .join(Verwerkingsversie, and_(Verwerkingsversie.verwerking_id == Verwerking.id,
                                          Verwerkingsversie.nummer == geldig.c.nummer))
            .where(Verwerking.overeenkomst_id == overeenkomst_id,
                   Verwerkingsversie.beeindigd.is_(False)))


def lopend_per_overeenkomst(ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Per agreement, how many processings run or are planned (their newest version does
    not end them): what Logius may perform for it (VWO 3.2)."""
    if not ids:
        return {}
    rijen = db.session.execute(
        select(Verwerking.overeenkomst_id, func.count())
        .join(Verwerkingsversie, and_(Verwerkingsversie.verwerking_id == Verwerking.id,
                                      Verwerkingsversie.nummer == Verwerking.laatste_versie))
        .where(Verwerking.overeenkomst_id.in_(ids), Verwerkingsversie.beeindigd.is_(False))
        .group_by(Verwerking.overeenkomst_id))
    return {overeenkomst_id: aantal for overeenkomst_id, aantal in rijen}


def volledig(gegevens: Mapping[str, Any]) -> dict[str, Any]:
    """A processing's content with the optional fields that were left out, empty."""
    return {"landen": [], "doorgifte_instrument": None, "aanvullende_maatregelen": None,
            "overige_persoonsgegevens": None, **gegevens}


def _fouten(overeenkomst: Overeenkomst, gegevens: Mapping[str, Any],
            oud: Verwerkingsversie | None, geldig_vanaf: date, vandaag: date
            ) -> dict[str, list[str]]:
    fouten = regels.doorgifte_fouten(gegevens)
    if gegevens["dienst"] not in overeenkomst.diensten:
        fouten.setdefault("dienst", []).append(
            f"De overeenkomst geldt voor {', '.join(overeenkomst.diensten)}; een verwerking "
            "hoort bij een van die diensten (VWO 3.2).")
    if geldig_vanaf < overeenkomst.ingangsdatum:
        fouten.setdefault("geldigVanaf", []).append(
            f"De overeenkomst gaat in op {overeenkomst.ingangsdatum.isoformat()}; een "
            "verwerking kan niet eerder gelden.")
    if oud is not None and geldig_vanaf < oud.geldig_vanaf:
        fouten.setdefault("geldigVanaf", []).append(
            f"De vorige versie geldt vanaf {oud.geldig_vanaf.isoformat()}; een nieuwe versie "
            "kan niet eerder gelden.")
    if regels.nieuwe_doorgifte(inhoud(oud) if oud else None, gegevens):
        fout = regels.aankondiging_fout(geldig_vanaf, vandaag)
        if fout:
            fouten.setdefault("geldigVanaf", []).append(fout)
    return fouten


def weiger(fouten: Mapping[str, list[str]]) -> Problem:
    """One 400 that names every field and its rule."""
    params = [{"name": naam, "code": "regel", "reason": reden}
              for naam, redenen in fouten.items() for reden in redenen]
    return Problem(400, f"De invoer is ongeldig in: {', '.join(fouten)}.",
                   code="ongeldige-invoer", invalid_params=params)


def vastleggen(overeenkomst: Overeenkomst, gegevens: Mapping[str, Any], *,
               verwerking: Verwerking | None, geldig_vanaf: date | None, beeindigd: bool,
               door: str, nu: datetime, vandaag: date) -> tuple[Verwerking, Verwerkingsversie]:
    """Write a processing's next version (its first when ``verwerking`` is None), after
    checking every rule; a transfer outside the EER it starts is announced to the
    gemeente's privacy contact in the same transaction (VWO 4.3)."""
    gegevens = volledig(gegevens)
    oud = None
    if verwerking is not None:
        oud = db.session.scalars(select(Verwerkingsversie).where(
            Verwerkingsversie.verwerking_id == verwerking.id,
            Verwerkingsversie.nummer == verwerking.laatste_versie)).one()
    geldig_vanaf = geldig_vanaf or vandaag
    if not beeindigd:
        fouten = _fouten(overeenkomst, gegevens, oud, geldig_vanaf, vandaag)
        if fouten:
            raise weiger(fouten)
    elif oud is not None and geldig_vanaf < oud.geldig_vanaf:
        raise weiger({"geldigVanaf": [(f"De vorige versie geldt vanaf "
                                      f"{oud.geldig_vanaf.isoformat()}.")]})
    if verwerking is None:
        verwerking = Verwerking(id=uuid.uuid4(), afnemer_id=overeenkomst.afnemer_id,
                                overeenkomst_id=overeenkomst.id, laatste_versie=1)
        db.session.add(verwerking)
        nummer = 1
    else:
        nummer = verwerking.laatste_versie + 1
        verwerking.laatste_versie = nummer
    aankondigen = not beeindigd and regels.nieuwe_doorgifte(inhoud(oud) if oud else None,
                                                            gegevens)
    versie = Verwerkingsversie(
        id=uuid.uuid4(), afnemer_id=overeenkomst.afnemer_id, verwerking_id=verwerking.id,
        nummer=nummer, geldig_vanaf=geldig_vanaf, beeindigd=beeindigd,
        **{veld: gegevens[veld] for veld in INHOUD},
        doorgifte_aangekondigd_op=nu if aankondigen else (
            oud.doorgifte_aangekondigd_op if oud else None),
        vastgelegd_op=nu, vastgelegd_door=door)
    db.session.add(versie)
    db.session.flush()
    if aankondigen:
        landen = ", ".join(gegevens["landen"])
        publiceer(type=DOORGIFTE, afnemer_id=overeenkomst.afnemer_id,
                  onderwerp=f"Aankondiging: verwerking buiten de EER ({landen})",
                  tekst=(f"De verwerking '{gegevens['naam']}' gaat vanaf "
                         f"{geldig_vanaf.isoformat()} persoonsgegevens doorgeven naar "
                         f"{landen}, met instrument {gegevens['doorgifte_instrument']} "
                         f"({DOORGIFTE_INSTRUMENTEN[gegevens['doorgifte_instrument']]}). "
                         "Logius meldt dit vooraf, zoals VWO 4.3 vraagt."),
                  data={"overeenkomstId": str(overeenkomst.id),
                        "verwerkingId": str(verwerking.id), "versie": nummer,
                        "landen": list(gegevens["landen"]),
                        "doorgifteInstrument": gegevens["doorgifte_instrument"],
                        "geldigVanaf": geldig_vanaf.isoformat(), "artikel": "VWO 4.3"})
    return verwerking, versie


def overnemen(van: Overeenkomst, naar: Overeenkomst, *, door: str, nu: datetime) -> int:
    """VWO 2.3: a replacing agreement takes over the processings that still run under the
    old one, each as a first version from its start; returns how many."""
    aantal = 0
    for _, versie in db.session.execute(nieuwste(van.id)):
        if versie.beeindigd:
            continue
        gegevens = inhoud(versie)
        if gegevens["dienst"] not in naar.diensten:
            continue
        verwerking = Verwerking(id=uuid.uuid4(), afnemer_id=naar.afnemer_id,
                                overeenkomst_id=naar.id, laatste_versie=1)
        db.session.add(verwerking)
        db.session.add(Verwerkingsversie(
            id=uuid.uuid4(), afnemer_id=naar.afnemer_id, verwerking_id=verwerking.id,
            nummer=1, geldig_vanaf=naar.ingangsdatum, beeindigd=False, **gegevens,
            doorgifte_aangekondigd_op=versie.doorgifte_aangekondigd_op,
            vastgelegd_op=nu, vastgelegd_door=door))
        aantal += 1
    return aantal
