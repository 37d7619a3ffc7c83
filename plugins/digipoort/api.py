"""Digipoort's own routes (``dienst_api``): begeleiding bij het aansluiten (DP tabel 1).

Under ``/afnemers/{afnemerId}/digipoort-begeleidingen``:

- ``POST /offertes``: what one period costs this afnemer, for ``basis`` or
  ``individueel``, before it chooses; nothing is stored;
- ``POST /keuzes``: the afnemer's beheerder (or Logius) confirms a choice for one of its
  Digipoort aansluitingen; ``GET /keuzes`` lists them, the newest first (the newest of an
  aansluiting holds);
- ``POST /perioden``: a period of individuele begeleiding; ``GET /perioden`` lists them.

Who records a period. The period starts at the startmail that Logius' aansluitteam sends
(DP tabel 1), so Logius records a startmail: any date that falls in no recorded period.
A longer need is asked for again (DP tabel 1): the afnemer's beheerder may ask for the
next period itself while the current one runs. It starts the day after the current one
ends (or later). Once the last period has ended the afnemer cannot extend it: a new
traject starts at a new startmail, and Logius records that one. A startmail inside a
period is refused with 409 ``periode-overlapt``, naming that period.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import marshmallow as ma
from flask import url_for
from flask.views import MethodView

from core.sdk import AMSTERDAM, Afnemertype, Kostenregel
from core.sdk.api import (
    PaginaArgs,
    Problem,
    Schema,
    aansluiting,
    afnemer_blueprint,
    bereken,
    commit,
    current_principal,
    db,
    huidige_afnemer,
    keuze,
    nu,
    pagina_schema,
    paginate,
    tenant_select,
)

from . import begeleiding as regels
from .begeleiding import BASIS, INDIVIDUEEL, KEUZES, SOORTEN, STARTMAIL, VERLENGING
from .dienst import BEGELEIDINGSPERIODE, SLUG
from .kosten import begeleidingsregel
from .models import Begeleidingskeuze, Begeleidingsperiode

blp = afnemer_blueprint(SLUG, __name__, pad="/digipoort-begeleidingen", naam="begeleidingen",
                        description="Begeleiding bij het aansluiten op Digipoort: basis of "
                                    "individueel, de kosten vooraf en de perioden van drie "
                                    "maanden vanaf de startmail (DP tabel 1)")

BEDRAG = {"format": "decimal", "pattern": r"^-?\d+\.\d{2}$", "example": "1210.00",
          "description": "Bedrag in euro's als tekst met precies twee decimalen"}
EURO = "EUR"
KEUZE_UITLEG = {"description": "basis: basis aansluitondersteuning, kosteloos; individueel: "
                               "individuele begeleiding per periode (DP tabel 1)"}
DOOR = {"example": "Servicecentrum Logius", "description": "Wie het vastlegde"}


def _bedrag(**metadata: Any) -> ma.fields.String:
    return ma.fields.String(dump_only=True, metadata={**BEDRAG, **metadata})


# --- schemas ---------------------------------------------------------------------------

class BegeleidingsofferteVraagSchema(Schema):
    keuze = keuze(KEUZES, required=True, metadata={"example": BASIS, **KEUZE_UITLEG})
    jaar = ma.fields.Integer(
        validate=ma.validate.Range(min=2000, max=2100),
        metadata={"description": "Het jaar van de tarieven (standaard: dit jaar); een periode "
                                 "valt onder het jaar van haar startmail",
                  "example": 2027})


class BegeleidingsofferteSchema(Schema):
    keuze = ma.fields.String(metadata={"enum": list(KEUZES), "example": INDIVIDUEEL,
                                       **KEUZE_UITLEG})
    jaar = ma.fields.Integer(metadata={"example": 2027,
                                       "description": "Het jaar van de tarieven"})
    afnemertype = ma.fields.String(metadata={
        "example": "gemeente", "description": "Het type van de afnemer: het bepaalt de "
                                              "doelgroep (DP Doelgroepen)"})
    omschrijving = ma.fields.String(metadata={"example": "Individuele begeleiding",
                                              "description": "Wat een periode is"})
    artikel = ma.fields.String(metadata={
        "example": "DP tabel 1",
        "description": "Waar het bedrag vandaan komt: DP tabel 1 voor een niet-rijksoverheid, "
                       "DP Bedrijven of DP Rijksoverheden voor wie niets betaalt"})
    periodeduur = ma.fields.String(metadata={
        "example": str(BEGELEIDINGSPERIODE),
        "description": "Hoe lang een periode duurt, vanaf de startmail (DP tabel 1)"})
    valuta = ma.fields.String(metadata={"example": EURO, "description": "Altijd EUR"})
    bedrag_excl_btw = _bedrag(description="Per periode, exclusief btw", example="1000.00")
    btw = _bedrag(description="Per periode", example="210.00")
    bedrag_incl_btw = _bedrag(description="Per periode, inclusief btw")
    btw_percentage = ma.fields.String(allow_none=True, metadata={
        "example": "21", "description": "Het btw-tarief van het jaar; null als er niets te "
                                        "betalen is en het nog niet is vastgesteld"})


class BegeleidingskeuzeInvoerSchema(Schema):
    aansluiting_id = ma.fields.UUID(required=True, metadata={
        "description": "Een Digipoort-aansluiting van de afnemer"})
    keuze = keuze(KEUZES, required=True, metadata={"example": INDIVIDUEEL, **KEUZE_UITLEG})


class BegeleidingskeuzeSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    aansluiting_id = ma.fields.UUID()
    keuze = ma.fields.String(metadata={"enum": list(KEUZES), "example": INDIVIDUEEL,
                                       **KEUZE_UITLEG})
    gekozen_op = ma.fields.DateTime()
    gekozen_door = ma.fields.String(metadata=DOOR)
    kosten_per_periode = ma.fields.Nested(BegeleidingsofferteSchema, metadata={
        "description": "Wat een periode de afnemer kost bij deze keuze, zoals bevestigd"})


class BegeleidingFilterArgs(PaginaArgs):
    aansluiting_id = ma.fields.UUID(metadata={"description": "Alleen die van deze aansluiting"})


class BegeleidingsperiodeInvoerSchema(Schema):
    aansluiting_id = ma.fields.UUID(required=True, metadata={
        "description": "Een Digipoort-aansluiting van de afnemer met de keuze individueel"})
    startmail = ma.fields.Date(metadata={
        "example": "2027-01-15",
        "description": "De datum van de startmail van het aansluitteam (Logius). Vraagt de "
                       "afnemer een volgende periode aan, dan standaard de dag na het einde "
                       "van de lopende periode"})


class BegeleidingsperiodeSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    aansluiting_id = ma.fields.UUID()
    startmail = ma.fields.Date(metadata={"example": "2027-01-15"})
    tot = ma.fields.Date(metadata={"example": "2027-04-14",
                                   "description": "De laatste dag van de periode (drie "
                                                  "kalendermaanden vanaf de startmail)"})
    soort = ma.fields.String(metadata={
        "enum": list(SOORTEN), "example": STARTMAIL,
        "description": "startmail: vastgelegd door Logius; verlenging: een volgende periode, "
                       "aangevraagd terwijl de vorige liep"})
    artikel = ma.fields.String(metadata={"example": "DP tabel 1",
                                         "description": "Waar de periode op berust"})
    vastgelegd_op = ma.fields.DateTime()
    vastgelegd_door = ma.fields.String(metadata=DOOR)


# --- rules -----------------------------------------------------------------------------

def _vandaag() -> date:
    return nu().astimezone(AMSTERDAM).date()


def _afnemertype() -> Afnemertype:
    return Afnemertype(huidige_afnemer().type)


def offerte(soort: str, jaar: int) -> dict[str, Any]:
    """What one period of ``soort`` costs the current afnemer under ``jaar``'s tariffs."""
    afnemertype = _afnemertype()

    def regel(tarieven) -> Kostenregel:
        if soort == BASIS:
            return Kostenregel.kosteloos("Basis aansluitondersteuning", "DP tabel 1", 1,
                                         "periode")
        return begeleidingsregel(afnemertype, tarieven)

    lijn, bedragen, percentage = bereken(SLUG, jaar, regel)
    return {"keuze": soort, "jaar": jaar, "afnemertype": afnemertype.value,
            "omschrijving": lijn.omschrijving, "artikel": lijn.artikel,
            "periodeduur": str(BEGELEIDINGSPERIODE), "valuta": EURO,
            "bedrag_excl_btw": f"{bedragen.excl_btw:.2f}", "btw": f"{bedragen.btw:.2f}",
            "bedrag_incl_btw": f"{bedragen.incl_btw:.2f}",
            "btw_percentage": None if percentage is None else f"{percentage.normalize():f}"}


def _digipoort_aansluiting(aansluiting_id: uuid.UUID):
    kaart = aansluiting(aansluiting_id)
    if kaart is None or kaart.dienst != SLUG:
        raise Problem(400, "De invoer is ongeldig in: aansluitingId.", code="ongeldige-invoer",
                      invalid_params=[{"name": "aansluitingId", "code": "regel",
                                       "reason": "Geen Digipoort-aansluiting van deze afnemer."}])
    if kaart.status == "beeindigd":
        raise Problem(409, "Een beëindigde aansluiting wijzigt niet meer.",
                      code="aansluiting-beeindigd")
    return kaart


def _huidige_keuze(aansluiting_id: uuid.UUID) -> str:
    """The newest confirmed choice; basis until one is made (DP tabel 1: every traject
    starts with basis aansluitondersteuning)."""
    nieuwste = db.session.scalars(
        tenant_select(Begeleidingskeuze).where(Begeleidingskeuze.aansluiting_id == aansluiting_id)
        .order_by(Begeleidingskeuze.gekozen_op.desc(), Begeleidingskeuze.aangemaakt_op.desc())
        .limit(1)).first()
    return nieuwste.keuze if nieuwste else BASIS


def _overlap(periode: Begeleidingsperiode, van: date, tot: date) -> Problem:
    binnen = periode.startmail <= van <= periode.tot
    wat = (f"De startmail van {van.isoformat()} valt in de periode" if binnen else
           f"De periode {van.isoformat()} t/m {tot.isoformat()} overlapt de periode")
    return Problem(
        409, f"{wat} {periode.startmail.isoformat()} t/m {periode.tot.isoformat()} "
             f"(id {periode.id}). Een volgende periode begint op zijn vroegst "
             f"{(periode.tot + timedelta(days=1)).isoformat()} (DP tabel 1).",
        code="periode-overlapt",
        periode={"id": str(periode.id), "van": periode.startmail.isoformat(),
                 "tot": periode.tot.isoformat()})


def _lijst(view: str, aansluiting_id: uuid.UUID) -> str:
    """Where a new choice or period is read back: the list of its aansluiting (a choice
    and a period are records that never change, so they have no URL of their own)."""
    return url_for(f"{blp.name}.{view}", _external=True,
                   afnemer_id=huidige_afnemer().id) + f"?aansluitingId={aansluiting_id}"


def _weergave_periode(periode: Begeleidingsperiode) -> dict[str, Any]:
    return {"id": periode.id, "aansluiting_id": periode.aansluiting_id,
            "startmail": periode.startmail, "tot": periode.tot, "soort": periode.soort,
            "artikel": regels.ARTIKEL, "vastgelegd_op": periode.vastgelegd_op,
            "vastgelegd_door": periode.vastgelegd_door}


def _weergave_keuze(rij: Begeleidingskeuze, kosten: dict[str, Any] | None) -> dict[str, Any]:
    return {"id": rij.id, "aansluiting_id": rij.aansluiting_id, "keuze": rij.keuze,
            "gekozen_op": rij.gekozen_op, "gekozen_door": rij.gekozen_door,
            "kosten_per_periode": kosten}


# --- routes ----------------------------------------------------------------------------

@blp.route("/offertes")
class Offertes(MethodView):
    @blp.arguments(BegeleidingsofferteVraagSchema)
    @blp.response(200, BegeleidingsofferteSchema)
    @blp.problems(403, 409)
    @blp.doc(operationId="begeleidingsofferteMaken")
    def post(self, data):
        """Wat een keuze per periode kost, voordat de afnemer kiest

        Basis aansluitondersteuning kost niets. Individuele begeleiding kost een
        niet-rijksoverheid het tarief van DP tabel 1 per periode van drie kalendermaanden
        (inclusief btw; hier ook exclusief btw en het btw-bedrag); bedrijven en
        rijksoverheden betalen niets (DP Bedrijven, DP Rijksoverheden). Er wordt niets
        opgeslagen. Ontbreekt het tarief of het btw-tarief van het jaar, dan volgt 409.
        """
        return offerte(data["keuze"], data.get("jaar") or _vandaag().year)


@blp.route("/keuzes")
class Keuzes(MethodView):
    @blp.arguments(BegeleidingFilterArgs, location="query")
    @blp.response(200, pagina_schema(BegeleidingskeuzeSchema))
    @blp.doc(operationId="begeleidingskeuzesOpvragen")
    def get(self, args):
        """De bevestigde keuzes voor begeleiding, de nieuwste eerst

        De nieuwste keuze van een aansluiting geldt; zonder keuze geldt basis
        aansluitondersteuning (DP tabel 1).
        """
        query = tenant_select(Begeleidingskeuze)
        if args.get("aansluiting_id"):
            query = query.where(Begeleidingskeuze.aansluiting_id == args["aansluiting_id"])
        resultaat = paginate(query.order_by(Begeleidingskeuze.gekozen_op.desc(),
                                            Begeleidingskeuze.id), args)
        resultaat["resultaten"] = [_weergave_keuze(k, None) for k in resultaat["resultaten"]]
        return resultaat

    @blp.arguments(BegeleidingskeuzeInvoerSchema)
    @blp.response(201, BegeleidingskeuzeSchema)
    @blp.problems(403, 409)
    @blp.doc(operationId="begeleidingKiezen")
    def post(self, data):
        """Basis of individuele begeleiding kiezen voor een Digipoort-aansluiting

        Het antwoord noemt wat een periode bij deze keuze kost (zoals POST /offertes). Een
        keuze wijzigt niet: een nieuwe keuze vervangt de vorige vanaf nu. Perioden die al
        zijn vastgelegd, blijven staan.
        """
        kaart = _digipoort_aansluiting(data["aansluiting_id"])
        moment = nu()
        kosten = offerte(data["keuze"], moment.astimezone(AMSTERDAM).year)
        rij = Begeleidingskeuze(id=uuid.uuid4(), afnemer_id=huidige_afnemer().id,
                                aansluiting_id=kaart.id, keuze=data["keuze"],
                                gekozen_op=moment, gekozen_door=current_principal().naam)
        db.session.add(rij)
        commit()
        return _weergave_keuze(rij, kosten), 201, {"Location": _lijst("Keuzes", kaart.id)}


@blp.route("/perioden")
class Perioden(MethodView):
    @blp.arguments(BegeleidingFilterArgs, location="query")
    @blp.response(200, pagina_schema(BegeleidingsperiodeSchema))
    @blp.doc(operationId="begeleidingsperiodenOpvragen")
    def get(self, args):
        """De perioden van individuele begeleiding, in volgorde van startmail"""
        query = tenant_select(Begeleidingsperiode)
        if args.get("aansluiting_id"):
            query = query.where(Begeleidingsperiode.aansluiting_id == args["aansluiting_id"])
        resultaat = paginate(query.order_by(Begeleidingsperiode.startmail,
                                            Begeleidingsperiode.id), args)
        resultaat["resultaten"] = [_weergave_periode(p) for p in resultaat["resultaten"]]
        return resultaat

    @blp.arguments(BegeleidingsperiodeInvoerSchema)
    @blp.response(201, BegeleidingsperiodeSchema)
    @blp.problems(403, 409)
    @blp.doc(operationId="begeleidingsperiodeVastleggen")
    def post(self, data):
        """Een periode van individuele begeleiding vastleggen

        Een periode begint bij de startmail van het aansluitteam en duurt drie
        kalendermaanden: de dag van de startmail plus drie maanden (zelfde dagnummer, of de
        laatste dag van die maand), de dag ervoor is de laatste (DP tabel 1). Logius legt
        een startmail vast. De beheerder van de afnemer vraagt een volgende periode aan
        zolang de lopende nog niet is afgelopen; die begint de dag na het einde ervan (of
        later). Een startmail in een vastgelegde periode geeft 409 periode-overlapt, met
        die periode. Alleen bij de keuze individueel (anders 409 keuze-past-niet). Elke
        periode is een kostenregel met haar data, in het jaar van haar startmail.
        """
        kaart = _digipoort_aansluiting(data["aansluiting_id"])
        if _huidige_keuze(kaart.id) != INDIVIDUEEL:
            raise Problem(409, "Perioden van individuele begeleiding zijn er alleen bij de "
                               "keuze individueel; kies die eerst met POST "
                               "/digipoort-begeleidingen/keuzes (DP tabel 1).",
                          code="keuze-past-niet")
        bestaand = list(db.session.scalars(
            tenant_select(Begeleidingsperiode)
            .where(Begeleidingsperiode.aansluiting_id == kaart.id)
            .order_by(Begeleidingsperiode.startmail)))
        vandaag = _vandaag()
        laatste = bestaand[-1] if bestaand else None
        lopend = laatste is not None and vandaag <= laatste.tot
        startmail = data.get("startmail")
        if not current_principal().is_logius_beheerder:
            if not lopend:
                raise Problem(409, "Er loopt geen periode die de afnemer kan verlengen: een "
                                   "nieuwe periode begint bij de startmail van het "
                                   "aansluitteam. Vraag individuele begeleiding aan bij het "
                                   "Servicecentrum van Logius (DP tabel 1).",
                              code="conflict")
            startmail = startmail or laatste.tot + timedelta(days=1)
        elif startmail is None:
            raise Problem(400, "De invoer is ongeldig in: startmail.", code="ongeldige-invoer",
                          invalid_params=[{"name": "startmail", "code": "required",
                                           "reason": "Logius noemt de datum van de startmail."}])
        tot = regels.einde(startmail)
        for periode in bestaand:
            if regels.overlapt(startmail, tot, periode.startmail, periode.tot):
                raise _overlap(periode, startmail, tot)
        soort = VERLENGING if lopend and startmail > laatste.tot else STARTMAIL
        periode = Begeleidingsperiode(
            id=uuid.uuid4(), afnemer_id=huidige_afnemer().id, aansluiting_id=kaart.id,
            startmail=startmail, tot=tot, soort=soort, vastgelegd_op=nu(),
            vastgelegd_door=current_principal().naam)
        db.session.add(periode)
        commit()
        return _weergave_periode(periode), 201, {"Location": _lijst("Perioden", kaart.id)}


BLUEPRINTS = (blp,)
