"""Breaches (VWO 5): Logius records them, each affected gemeente follows its own side.

- ``/diensten/vwo/inbreuken`` (Logius only): a (suspected) breach with the moment it was
  established and the affected gemeenten. Each gemeente is informed at once (an event to
  its privacy contact and its contacts reachable 24x7); the answer shows the 24-hour
  deadline of VWO 5.1, moved by the time suspicious activity was still investigated.
  Measures (``.../maatregelen``) go into the logboek and to every affected gemeente
  (VWO 5.2).
- ``/afnemers/{afnemerId}/inbreuken`` (the gemeente): its side. It records when it
  learned of the breach (``bekendOp``); its own 72 hours for the Autoriteit
  Persoonsgegevens run from then (``apMeldenUiterlijk``), and the decision to notify the
  AP or the data subjects is its alone (VWO 5.4): Logius cannot change this side, and no
  route lets Logius notify the AP.
- ``/afnemers/{afnemerId}/vwo-logboek`` (the gemeente) and ``/diensten/vwo/logboek``
  (Logius): the logboek of breaches and measures (VWO 5.3); a gemeente reads exactly the
  entries about breaches that affect it, minus those about another gemeente only.

The clocks are a list (:data:`..regels.KLOKKEN`): another one is one more entry.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from flask import url_for
from flask.views import MethodView
from sqlalchemy import or_, select

from core.sdk.api import (
    PaginaArgs,
    Problem,
    afnemer_blueprint,
    afnemers,
    alleen_logius,
    check_if_match,
    commit,
    current_principal,
    db,
    dienst_blueprint,
    huidige_afnemer,
    pagina_schema,
    paginate,
    publiceer,
)

from .. import regels
from .. import register as reg
from ..catalogus import CATEGORIEEN
from ..dienst import INBREUK, MAATREGEL, SLUG
from ..models import Betrokkenheid, Inbreuk, Logboekregel
from ..schemas import (
    AfsluitingSchema,
    GemeenteInbreukSchema,
    GemeentenSchema,
    InbreukSchema,
    InbreukWijzigingSchema,
    LogboekregelSchema,
    MaatregelSchema,
    OnderzoekLijstSchema,
)
from .gedeeld import EINDIGT, ETAG, GEMEENTE, door, met_versie, moment, utc

logius = dienst_blueprint(SLUG, __name__, naam="inbreuken", pad="/inbreuken",
                          description="Inbreuken in verband met persoonsgegevens, zoals Logius "
                                      "ze vastlegt (VWO 5; alleen Logius-beheerder)")
gemeente = afnemer_blueprint(SLUG, __name__, pad="/inbreuken", naam="gemeente-inbreuken",
                             description="De inbreuken die een gemeente treffen, met haar "
                                         "eigen kant: bekendOp en haar besluiten (VWO 5.4)")
logboek = afnemer_blueprint(SLUG, __name__, pad="/vwo-logboek", naam="logboek",
                            description="De regels uit het logboek van Logius over inbreuken "
                                        "die de gemeente treffen (VWO 5.3)")
logius_logboek = dienst_blueprint(SLUG, __name__, naam="logius-logboek", pad="/logboek",
                                  description="Het hele logboek van inbreuken en maatregelen "
                                              "(VWO 5.3; alleen Logius-beheerder)")

INBREUK_ID = {"in": "path", "name": "inbreuk_id", "description": "Id van de inbreuk"}
REGEL_ID = {"in": "path", "name": "regel_id", "description": "Id van de logboekregel"}
NIET_GEVONDEN = "Deze resource bestaat niet, of u heeft er geen toegang toe."
#: A logboek entry is written once and never changed: its one version.
ONVERANDERLIJK = 1


def _niet_gevonden() -> Problem:
    return Problem(404, NIET_GEVONDEN, code="niet-gevonden")


def _pauzes(inbreuk: Inbreuk) -> list[regels.Pauze]:
    return [regels.Pauze(datetime.fromisoformat(p["van"]),
                         datetime.fromisoformat(p["tot"]) if p.get("tot") else None)
            for p in inbreuk.onderzoek or []]


def _onderzoek(perioden: list[dict[str, Any]]) -> list[dict[str, Any]]:
    perioden = sorted(perioden, key=lambda p: p["van"])
    return [{"van": utc(p["van"]).isoformat(),
             "tot": utc(p["tot"]).isoformat() if p.get("tot") else None} for p in perioden]


def _klokken(inbreuk: Inbreuk, kant: Betrokkenheid | None) -> list[regels.Klokstand]:
    voldaan = {}
    if kant is not None:
        voldaan = {regels.GEMEENTE_INFORMEREN.id: kant.geinformeerd_op,
                   regels.AP_MELDEN.id: kant.ap_gemeld_op}
    return regels.klokken(vastgesteld_op=inbreuk.vastgesteld_op,
                          bekend_op=kant.bekend_op if kant else None,
                          onderzoek=_pauzes(inbreuk), voldaan=voldaan)


def _klok(stand: regels.Klokstand) -> dict[str, Any]:
    return {"id": stand.definitie.id, "naam": stand.definitie.naam,
            "partij": stand.definitie.partij, "uren": stand.definitie.uren,
            "artikel": stand.definitie.artikel, "start": stand.start,
            "uiterlijk": stand.uiterlijk, "gepauzeerd": stand.gepauzeerd,
            "voldaan_op": stand.voldaan_op, "op_tijd": stand.op_tijd}


def _logius_weergave(inbreuk: Inbreuk, kanten: list[Betrokkenheid],
                     namen: dict[uuid.UUID, Any] | None = None) -> dict[str, Any]:
    """Logius' view of a breach; ``namen`` (the affected afnemers, one query for a page)
    is read here when not given."""
    if namen is None:
        namen = afnemers(k.afnemer_id for k in kanten)
    informeren = regels.uiterlijk(inbreuk.vastgesteld_op, regels.GEMEENTE_INFORMEREN.uren,
                                  _pauzes(inbreuk))
    return {**_feiten(inbreuk), "afnemers": [k.afnemer_id for k in kanten],
            "gemeente_informeren_uiterlijk": informeren,
            "klokken": [_klok(s) for s in _klokken(inbreuk, None)],
            "gemeenten": [{**_gemeente_kort(inbreuk, k),
                           "naam": namen[k.afnemer_id].naam if k.afnemer_id in namen else None}
                          for k in kanten],
            "aangemaakt_op": inbreuk.aangemaakt_op, "gewijzigd_op": inbreuk.gewijzigd_op}


def _feiten(inbreuk: Inbreuk) -> dict[str, Any]:
    return {"id": inbreuk.id, "vastgesteld_op": inbreuk.vastgesteld_op,
            "omschrijving": inbreuk.omschrijving,
            "vermoedelijke_oorzaak": inbreuk.vermoedelijke_oorzaak,
            "categorieen_persoonsgegevens": list(inbreuk.categorieen_persoonsgegevens),
            "categorieen_betrokkenen": list(inbreuk.categorieen_betrokkenen),
            "aantal_betrokkenen": inbreuk.aantal_betrokkenen,
            "onderzoek": [{"van": p.van, "tot": p.tot} for p in _pauzes(inbreuk)],
            "afgesloten_op": inbreuk.afgesloten_op}


def _gemeente_kort(inbreuk: Inbreuk, kant: Betrokkenheid) -> dict[str, Any]:
    standen = {s.definitie.id: s for s in _klokken(inbreuk, kant)}
    ap = standen[regels.AP_MELDEN.id]
    return {"afnemer_id": kant.afnemer_id, "geinformeerd_op": kant.geinformeerd_op,
            "binnen_termijn": standen[regels.GEMEENTE_INFORMEREN.id].op_tijd,
            "bekend_op": kant.bekend_op, "ap_melden_uiterlijk": ap.uiterlijk}


def gemeente_weergave(inbreuk: Inbreuk, kant: Betrokkenheid) -> dict[str, Any]:
    standen = _klokken(inbreuk, kant)
    per_id = {s.definitie.id: s for s in standen}
    informeren = per_id[regels.GEMEENTE_INFORMEREN.id]
    return {**_feiten(inbreuk), "geinformeerd_op": kant.geinformeerd_op,
            "gemeente_informeren_uiterlijk": informeren.uiterlijk,
            "binnen_termijn": informeren.op_tijd, "bekend_op": kant.bekend_op,
            "bekend_op_door_gemeente": kant.bekend_op_door_gemeente,
            "ap_melden_uiterlijk": per_id[regels.AP_MELDEN.id].uiterlijk,
            "ap_besluit": kant.ap_besluit, "ap_gemeld_op": kant.ap_gemeld_op,
            "betrokkenen_besluit": kant.betrokkenen_besluit,
            "klokken": [_klok(s) for s in standen]}


def _log(inbreuk: Inbreuk, soort: str, omschrijving: str, *, op: datetime,
         afnemer_id: uuid.UUID | None = None) -> Logboekregel:
    regel = Logboekregel(id=uuid.uuid4(), inbreuk_id=inbreuk.id, afnemer_id=afnemer_id, op=op,
                         soort=soort, omschrijving=omschrijving, door=door())
    db.session.add(regel)
    return regel


def _categorieen(codes: list[str]) -> str:
    return ", ".join(CATEGORIEEN[c].naam.lower() for c in codes)


def _informeer(inbreuk: Inbreuk, afnemer_id: uuid.UUID, nu: datetime) -> Betrokkenheid:
    """VWO 5.1: tell one gemeente now, with what is known; its 72 hours start from this
    notice until it records another moment."""
    kant = Betrokkenheid(id=uuid.uuid4(), afnemer_id=afnemer_id, inbreuk_id=inbreuk.id,
                         geinformeerd_op=nu, bekend_op=nu, bekend_op_door_gemeente=False)
    db.session.add(kant)
    aantal = ("onbekend" if inbreuk.aantal_betrokkenen is None
              else str(inbreuk.aantal_betrokkenen))
    uiterlijk = regels.uiterlijk(inbreuk.vastgesteld_op, regels.GEMEENTE_INFORMEREN.uren,
                                 _pauzes(inbreuk))
    publiceer(type=INBREUK, afnemer_id=afnemer_id, ook_24x7=True,
              onderwerp="Melding van een (vermoedelijke) inbreuk in verband met "
                        "persoonsgegevens",
              tekst=(f"Logius stelde op {inbreuk.vastgesteld_op.isoformat()} een "
                     f"(vermoedelijke) inbreuk vast: {inbreuk.omschrijving} Vermoedelijke "
                     f"oorzaak: {inbreuk.vermoedelijke_oorzaak} Persoonsgegevens: "
                     f"{_categorieen(inbreuk.categorieen_persoonsgegevens)}. Betrokkenen: "
                     f"{', '.join(inbreuk.categorieen_betrokkenen)} (aantal: {aantal}). U "
                     "beslist zelf of u de Autoriteit Persoonsgegevens en de betrokkenen "
                     "informeert; uw termijn daarvoor loopt vanaf het moment dat u van de "
                     "inbreuk weet (VWO 5.4)."),
              data={"inbreukId": str(inbreuk.id),
                    "vastgesteldOp": inbreuk.vastgesteld_op.isoformat(),
                    "gemeenteInformerenUiterlijk": uiterlijk.isoformat() if uiterlijk else None,
                    "categorieenPersoonsgegevens": list(inbreuk.categorieen_persoonsgegevens),
                    "categorieenBetrokkenen": list(inbreuk.categorieen_betrokkenen),
                    "aantalBetrokkenen": inbreuk.aantal_betrokkenen, "artikel": "VWO 5.1"})
    _log(inbreuk, "gemeente-geinformeerd", "De gemeente is geïnformeerd (VWO 5.1).", op=nu,
         afnemer_id=afnemer_id)
    return kant


def _controleer_afnemers(ids: list[uuid.UUID], veld: str = "afnemers") -> None:
    gevonden = afnemers(ids)
    fouten = []
    for i, afnemer_id in enumerate(ids):
        kaart = gevonden.get(afnemer_id)
        if kaart is None:
            fouten.append({"name": f"{veld}.{i}", "code": "regel",
                           "reason": f"Afnemer {afnemer_id} bestaat niet."})
        elif kaart.type != GEMEENTE:
            fouten.append({"name": f"{veld}.{i}", "code": "regel",
                           "reason": f"{kaart.naam} is geen gemeente (VWO 1)."})
    if len(set(ids)) != len(ids):
        fouten.append({"name": veld, "code": "regel", "reason": "Noem elke gemeente één keer."})
    if fouten:
        raise Problem(400, f"De invoer is ongeldig in: {veld}.", code="ongeldige-invoer",
                      invalid_params=fouten)


def _controleer_moment(vastgesteld_op: datetime, onderzoek: list[regels.Pauze],
                       nu: datetime, *, veld: str = "onderzoek") -> None:
    fouten = regels.onderzoek_fouten(onderzoek, nu=nu, veld=veld)
    if vastgesteld_op > nu:
        fouten.setdefault("vastgesteldOp", []).append("Ligt niet in de toekomst.")
    if fouten:
        raise reg.weiger(fouten)


def _inbreuk_of_404(inbreuk_id: uuid.UUID) -> Inbreuk:
    inbreuk = db.session.get(Inbreuk, inbreuk_id)
    if inbreuk is None:
        raise _niet_gevonden()
    return inbreuk


def _kanten(inbreuk_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Betrokkenheid]]:
    uit: dict[uuid.UUID, list[Betrokkenheid]] = {i: [] for i in inbreuk_ids}
    if inbreuk_ids:
        for kant in db.session.scalars(select(Betrokkenheid).where(
                Betrokkenheid.inbreuk_id.in_(inbreuk_ids)).order_by(Betrokkenheid.aangemaakt_op,
                                                                    Betrokkenheid.id)):
            uit[kant.inbreuk_id].append(kant)
    return uit


# --- Logius -----------------------------------------------------------------------------


@logius.route("")
class Inbreuken(MethodView):
    @alleen_logius
    @logius.arguments(PaginaArgs, location="query")
    @logius.response(200, pagina_schema(InbreukSchema))
    @logius.problems(403)
    @logius.doc(operationId="vwoInbreukenOpvragen")
    def get(self, args):
        """Alle inbreuken, de nieuwste eerst (alleen Logius-beheerder)"""
        resultaat = paginate(select(Inbreuk).order_by(Inbreuk.vastgesteld_op.desc(),
                                                      Inbreuk.id), args)
        kanten = _kanten([i.id for i in resultaat["resultaten"]])
        namen = afnemers(k.afnemer_id for rij in kanten.values() for k in rij)
        resultaat["resultaten"] = [_logius_weergave(i, kanten[i.id], namen)
                                   for i in resultaat["resultaten"]]
        return resultaat

    @alleen_logius
    @logius.arguments(InbreukSchema)
    @logius.response(201, InbreukSchema)
    @logius.problems(403)
    @logius.doc(operationId="vwoInbreukVastleggen")
    def post(self, data):
        """(Vermoedelijke) inbreuk vastleggen en de gemeenten informeren (alleen Logius)

        Elke getroffen gemeente krijgt meteen de melding met de vermoedelijke oorzaak, de
        categorieën persoonsgegevens en betrokkenen en hun aantal (VWO 5.1), als
        gebeurtenis naar haar privacycontactpersoon en haar contactpersonen die 24x7
        bereikbaar zijn. gemeenteInformerenUiterlijk is 24 uur na vastgesteldOp, plus de tijd
        waarin verdachte activiteit nog werd onderzocht. Een melding aan de Autoriteit
        Persoonsgegevens doet Logius nooit: dat beslist de gemeente (VWO 5.4).
        """
        nu = moment()
        data = {"onderzoek": [], "aantal_betrokkenen": None, **data}
        onderzoek = [regels.Pauze(p["van"], p.get("tot"))
                     for p in sorted(data["onderzoek"], key=lambda p: p["van"])]
        _controleer_moment(data["vastgesteld_op"], onderzoek, nu)
        _controleer_afnemers(data["afnemers"])
        inbreuk = Inbreuk(
            id=uuid.uuid4(), vastgesteld_op=utc(data["vastgesteld_op"]),
            omschrijving=data["omschrijving"],
            vermoedelijke_oorzaak=data["vermoedelijke_oorzaak"],
            categorieen_persoonsgegevens=list(data["categorieen_persoonsgegevens"]),
            categorieen_betrokkenen=list(data["categorieen_betrokkenen"]),
            aantal_betrokkenen=data["aantal_betrokkenen"],
            onderzoek=_onderzoek(data["onderzoek"]), geregistreerd_door=door())
        db.session.add(inbreuk)
        db.session.flush()
        _log(inbreuk, "vastgesteld", f"Inbreuk vastgesteld: {inbreuk.omschrijving}",
             op=inbreuk.vastgesteld_op)
        for periode in onderzoek:
            _log(inbreuk, "onderzoek", "Verdachte activiteit onderzocht tot "
                 + (periode.tot.isoformat() if periode.tot else "nu"), op=periode.van)
        kanten = [_informeer(inbreuk, afnemer_id, nu) for afnemer_id in data["afnemers"]]
        commit()
        return met_versie(_logius_weergave(inbreuk, kanten), inbreuk.versie, 201,
                          Location=url_for(f"{logius.name}.InbreukView", _external=True,
                                           inbreuk_id=inbreuk.id))


@logius.route("/<uuid:inbreuk_id>", parameters=[INBREUK_ID])
class InbreukView(MethodView):
    @alleen_logius
    @logius.response(200, InbreukSchema)
    @logius.problems(403)
    @logius.doc(operationId="vwoInbreukLezen")
    def get(self, inbreuk_id: uuid.UUID):
        """Eén inbreuk met elke getroffen gemeente (alleen Logius-beheerder)"""
        inbreuk = _inbreuk_of_404(inbreuk_id)
        return met_versie(_logius_weergave(inbreuk, _kanten([inbreuk.id])[inbreuk.id]),
                          inbreuk.versie)

    @alleen_logius
    @logius.arguments(InbreukWijzigingSchema)
    @logius.response(200, InbreukSchema)
    @logius.if_match()
    @logius.problems(403, 409)
    @logius.doc(operationId="vwoInbreukBijwerken")
    def patch(self, data, inbreuk_id: uuid.UUID):
        """Wat Logius meer weet van een inbreuk vastleggen (alleen Logius-beheerder)

        Elke getroffen gemeente hoort het (VWO 5.2); het staat in het logboek.
        """
        inbreuk = _open_inbreuk(inbreuk_id)
        gewijzigd = [veld for veld, waarde in data.items() if waarde != getattr(inbreuk, veld)]
        for veld in gewijzigd:
            setattr(inbreuk, veld, data[veld])
        _bijgewerkt(inbreuk, gewijzigd, moment())
        commit()
        return _logius_antwoord(inbreuk)


def _open_inbreuk(inbreuk_id: uuid.UUID, *, if_match: bool = True) -> Inbreuk:
    """The breach, If-Match checked, still open."""
    inbreuk = _inbreuk_of_404(inbreuk_id)
    if if_match:
        check_if_match(inbreuk)
    if inbreuk.afgesloten_op is not None:
        raise Problem(409, "Deze inbreuk is afgesloten.", code="conflict")
    return inbreuk


def _logius_antwoord(inbreuk: Inbreuk):
    return met_versie(_logius_weergave(inbreuk, _kanten([inbreuk.id])[inbreuk.id]),
                      inbreuk.versie)


def _bijgewerkt(inbreuk: Inbreuk, gewijzigd: list[str], nu: datetime) -> None:
    """VWO 5.2 and 5.3: what changed goes into the logboek and to every affected
    gemeente."""
    if not gewijzigd:
        return
    namen = ", ".join(_NAMEN.get(veld, veld) for veld in gewijzigd)
    inbreuk.gewijzigd_op = nu
    _log(inbreuk, "bijgewerkt", f"Bijgewerkt: {namen}.", op=nu)
    for kant in _kanten([inbreuk.id])[inbreuk.id]:
        publiceer(type=MAATREGEL, afnemer_id=kant.afnemer_id, onderwerp="Inbreuk bijgewerkt",
                  tekst=(f"Logius heeft de inbreuk van {inbreuk.vastgesteld_op.isoformat()} "
                         f"bijgewerkt ({namen}). Zo houdt Logius u op de hoogte (VWO 5.2)."),
                  data={"inbreukId": str(inbreuk.id), "gewijzigd": gewijzigd,
                        "artikel": "VWO 5.2"})


_NAMEN = {"omschrijving": "omschrijving", "vermoedelijke_oorzaak": "vermoedelijke oorzaak",
          "categorieen_persoonsgegevens": "categorieën persoonsgegevens",
          "categorieen_betrokkenen": "categorieën betrokkenen",
          "aantal_betrokkenen": "aantal betrokkenen", "onderzoek": "onderzoeksperioden",
          "afgesloten": "afgesloten"}


@logius.route("/<uuid:inbreuk_id>/onderzoek", parameters=[INBREUK_ID])
class Onderzoek(MethodView):
    @alleen_logius
    @logius.response(200, OnderzoekLijstSchema)
    @logius.problems(403)
    @logius.doc(operationId="vwoOnderzoekLezen")
    def get(self, inbreuk_id: uuid.UUID):
        """Wanneer verdachte activiteit nog werd onderzocht (alleen Logius-beheerder)"""
        inbreuk = _inbreuk_of_404(inbreuk_id)
        return met_versie({"perioden": _feiten(inbreuk)["onderzoek"]}, inbreuk.versie)

    @alleen_logius
    @logius.arguments(OnderzoekLijstSchema)
    @logius.response(200, OnderzoekLijstSchema)
    @logius.if_match()
    @logius.problems(403, 409)
    @logius.doc(operationId="vwoOnderzoekVastleggen")
    def put(self, data, inbreuk_id: uuid.UUID):
        """De onderzoeksperioden vervangen (alleen Logius-beheerder)

        De tijd waarin verdachte activiteit nog werd onderzocht, telt niet mee voor de 24
        uur (VWO 5.1): gemeenteInformerenUiterlijk schuift mee. Alleen de laatste periode
        kan nog lopen (tot leeg). If-Match is de ETag van de inbreuk.
        """
        inbreuk = _open_inbreuk(inbreuk_id)
        perioden = sorted(data["perioden"], key=lambda p: p["van"])
        nu = moment()
        _controleer_moment(inbreuk.vastgesteld_op,
                           [regels.Pauze(p["van"], p.get("tot")) for p in perioden], nu,
                           veld="perioden")
        inbreuk.onderzoek = _onderzoek(perioden)
        _bijgewerkt(inbreuk, ["onderzoek"], nu)
        commit()
        return met_versie({"perioden": _feiten(inbreuk)["onderzoek"]}, inbreuk.versie)


@logius.route("/<uuid:inbreuk_id>/gemeenten", parameters=[INBREUK_ID])
class Gemeenten(MethodView):
    @alleen_logius
    @logius.arguments(GemeentenSchema)
    @logius.response(200, InbreukSchema, headers=ETAG)
    @logius.problems(403, 409)
    @logius.doc(operationId="vwoInbreukGemeentenToevoegen")
    def post(self, data, inbreuk_id: uuid.UUID):
        """Gemeenten toevoegen die alsnog getroffen blijken (alleen Logius-beheerder)

        Elke nieuwe gemeente krijgt meteen de melding van VWO 5.1; wie al getroffen was,
        blijft dat (een gemeente twee keer noemen verandert niets).
        """
        inbreuk = _open_inbreuk(inbreuk_id, if_match=False)
        bestaand = {k.afnemer_id for k in _kanten([inbreuk.id])[inbreuk.id]}
        nieuw = [a for a in data["afnemers"] if a not in bestaand]
        _controleer_afnemers(nieuw)
        nu = moment()
        for afnemer_id in nieuw:
            _informeer(inbreuk, afnemer_id, nu)
        if nieuw:
            inbreuk.gewijzigd_op = nu
        commit()
        return _logius_antwoord(inbreuk)


@logius.route("/<uuid:inbreuk_id>/afsluiting", parameters=[INBREUK_ID])
class Afsluiting(MethodView):
    @alleen_logius
    @logius.arguments(AfsluitingSchema)
    @logius.response(200, InbreukSchema, headers=ETAG)
    @logius.if_match()
    @logius.problems(403, 409)
    @logius.doc(operationId="vwoInbreukAfsluiten", **EINDIGT)
    def post(self, data, inbreuk_id: uuid.UUID):
        """Inbreuk afsluiten (alleen Logius-beheerder)

        Daarna verandert ze niet meer; het logboek en de gemeenten horen het (VWO 5.2,
        5.3). If-Match is de ETag van de inbreuk.
        """
        inbreuk = _open_inbreuk(inbreuk_id)
        nu = moment()
        inbreuk.afgesloten_op = nu
        _bijgewerkt(inbreuk, ["afgesloten"], nu)
        if data.get("toelichting"):
            _log(inbreuk, "afgesloten", data["toelichting"], op=nu)
        commit()
        return _logius_antwoord(inbreuk)


@logius.route("/<uuid:inbreuk_id>/maatregelen", parameters=[INBREUK_ID])
class Maatregelen(MethodView):
    @alleen_logius
    @logius.arguments(MaatregelSchema)
    @logius.response(201, LogboekregelSchema)
    @logius.problems(403)
    @logius.doc(operationId="vwoMaatregelVastleggen")
    def post(self, data, inbreuk_id: uuid.UUID):
        """Genomen maatregel vastleggen (alleen Logius-beheerder)

        Een regel in het logboek (VWO 5.3), en elke getroffen gemeente hoort ervan
        (VWO 5.2).
        """
        inbreuk = _inbreuk_of_404(inbreuk_id)
        nu = moment()
        op = utc(data["genomen_op"]) or nu
        if op > nu:
            raise reg.weiger({"genomenOp": ["Ligt niet in de toekomst."]})
        regel = _log(inbreuk, "maatregel", data["omschrijving"], op=op)
        for kant in _kanten([inbreuk.id])[inbreuk.id]:
            publiceer(type=MAATREGEL, afnemer_id=kant.afnemer_id,
                      onderwerp="Maatregel na een inbreuk",
                      tekst=(f"Logius nam op {op.isoformat()} deze maatregel na de inbreuk van "
                             f"{inbreuk.vastgesteld_op.isoformat()}: {data['omschrijving']} "
                             "(VWO 5.2)"),
                      data={"inbreukId": str(inbreuk.id), "logboekregelId": str(regel.id),
                            "artikel": "VWO 5.2"})
        commit()
        return met_versie(regel, ONVERANDERLIJK, 201, Location=url_for(
            f"{logius_logboek.name}.LogiusLogboekregel", _external=True, regel_id=regel.id))


@logius_logboek.route("")
class LogiusLogboek(MethodView):
    @alleen_logius
    @logius_logboek.arguments(PaginaArgs, location="query")
    @logius_logboek.response(200, pagina_schema(LogboekregelSchema))
    @logius_logboek.problems(403)
    @logius_logboek.doc(operationId="vwoLogboekOpvragen")
    def get(self, args):
        """Het logboek van inbreuken en maatregelen (alleen Logius-beheerder)"""
        return paginate(select(Logboekregel).order_by(Logboekregel.op.desc(),
                                                      Logboekregel.id), args)


@logius_logboek.route("/<uuid:regel_id>", parameters=[REGEL_ID])
class LogiusLogboekregel(MethodView):
    @alleen_logius
    @logius_logboek.response(200, LogboekregelSchema, headers=ETAG)
    @logius_logboek.problems(403)
    @logius_logboek.doc(operationId="vwoLogboekregelLezen")
    def get(self, regel_id: uuid.UUID):
        """Eén logboekregel (alleen Logius-beheerder)"""
        regel = db.session.get(Logboekregel, regel_id)
        if regel is None:
            raise _niet_gevonden()
        return met_versie(regel, ONVERANDERLIJK)


# --- the gemeente -----------------------------------------------------------------------


def _eigen_kant(inbreuk_id: uuid.UUID) -> tuple[Inbreuk, Betrokkenheid]:
    rij = db.session.execute(
        select(Inbreuk, Betrokkenheid).join(Betrokkenheid,
                                            Betrokkenheid.inbreuk_id == Inbreuk.id)
        .where(Inbreuk.id == inbreuk_id, Betrokkenheid.afnemer_id == huidige_afnemer().id)
    ).first()
    if rij is None:
        raise _niet_gevonden()
    return rij[0], rij[1]


@gemeente.route("")
class GemeenteInbreuken(MethodView):
    @gemeente.arguments(PaginaArgs, location="query")
    @gemeente.response(200, pagina_schema(GemeenteInbreukSchema))
    @gemeente.doc(operationId="gemeenteInbreukenOpvragen")
    def get(self, args):
        """De inbreuken die de gemeente treffen, de nieuwste eerst"""
        resultaat = paginate(
            select(Inbreuk, Betrokkenheid).join(Betrokkenheid,
                                                Betrokkenheid.inbreuk_id == Inbreuk.id)
            .where(Betrokkenheid.afnemer_id == huidige_afnemer().id)
            .order_by(Inbreuk.vastgesteld_op.desc(), Inbreuk.id), args, scalars=False)
        resultaat["resultaten"] = [gemeente_weergave(i, k) for i, k in resultaat["resultaten"]]
        return resultaat


@gemeente.route("/<uuid:inbreuk_id>", parameters=[INBREUK_ID])
class GemeenteInbreuk(MethodView):
    @gemeente.response(200, GemeenteInbreukSchema)
    @gemeente.doc(operationId="gemeenteInbreukLezen")
    def get(self, inbreuk_id: uuid.UUID):
        """Eén inbreuk zoals de gemeente haar ziet, met beide klokken"""
        inbreuk, kant = _eigen_kant(inbreuk_id)
        return met_versie(gemeente_weergave(inbreuk, kant), kant.versie)

    @gemeente.arguments(GemeenteInbreukSchema)
    @gemeente.response(200, GemeenteInbreukSchema)
    @gemeente.if_match()
    @gemeente.rollen("afnemer-beheerder")
    @gemeente.problems(403)
    @gemeente.doc(operationId="gemeenteInbreukBijwerken")
    def patch(self, data, inbreuk_id: uuid.UUID):
        """Vastleggen wanneer de gemeente van de inbreuk hoorde, en haar besluiten

        Alleen de gemeente zelf (haar beheerder): Logius krijgt 403, want de beslissing
        over een melding aan de Autoriteit Persoonsgegevens en aan betrokkenen is van de
        gemeente (VWO 5.4). Haar 72 uur lopen vanaf bekendOp.
        """
        if current_principal().is_logius_beheerder:
            raise Problem(403, "Alleen de gemeente legt haar kant van een inbreuk vast: zij "
                               "beslist over een melding aan de Autoriteit Persoonsgegevens en "
                               "aan betrokkenen (VWO 5.4).", code="geen-toegang")
        inbreuk, kant = _eigen_kant(inbreuk_id)
        check_if_match(kant)
        nu = moment()
        fouten: dict[str, list[str]] = {}
        for veld, naam in (("bekend_op", "bekendOp"), ("ap_gemeld_op", "apGemeldOp")):
            if data.get(veld) is not None and data[veld] > nu:
                fouten.setdefault(naam, []).append("Ligt niet in de toekomst.")
        if fouten:
            raise reg.weiger(fouten)
        if data.get("bekend_op") is not None:
            kant.bekend_op = utc(data["bekend_op"])
            kant.bekend_op_door_gemeente = True
        if "ap_gemeld_op" in data:
            kant.ap_gemeld_op = utc(data["ap_gemeld_op"])
        for veld in ("ap_besluit", "betrokkenen_besluit"):
            if veld in data:
                setattr(kant, veld, data[veld])
        commit()
        return met_versie(gemeente_weergave(inbreuk, kant), kant.versie)


def _zichtbaar(afnemer_id: uuid.UUID):
    """The logboek entries a gemeente may read (VWO 5.3): about a breach that affects it,
    and about the whole breach or about this gemeente only."""
    getroffen = select(Betrokkenheid.inbreuk_id).where(Betrokkenheid.afnemer_id == afnemer_id)
    return select(Logboekregel).where(
        Logboekregel.inbreuk_id.in_(getroffen),
        or_(Logboekregel.afnemer_id.is_(None), Logboekregel.afnemer_id == afnemer_id))


@logboek.route("")
class Logboek(MethodView):
    @logboek.arguments(PaginaArgs, location="query")
    @logboek.response(200, pagina_schema(LogboekregelSchema))
    @logboek.doc(operationId="gemeenteLogboekOpvragen")
    def get(self, args):
        """Het logboek over de inbreuken die de gemeente treffen (VWO 5.3)"""
        return paginate(_zichtbaar(huidige_afnemer().id).order_by(Logboekregel.op.desc(),
                                                                  Logboekregel.id), args)


@logboek.route("/<uuid:regel_id>", parameters=[REGEL_ID])
class Logboekregelview(MethodView):
    @logboek.response(200, LogboekregelSchema, headers=ETAG)
    @logboek.doc(operationId="gemeenteLogboekregelLezen")
    def get(self, regel_id: uuid.UUID):
        """Eén regel uit het logboek; 404 voor een regel over een andere gemeente"""
        regel = db.session.scalars(_zichtbaar(huidige_afnemer().id).where(
            Logboekregel.id == regel_id)).first()
        if regel is None:
            raise _niet_gevonden()
        return met_versie(regel, ONVERANDERLIJK)
