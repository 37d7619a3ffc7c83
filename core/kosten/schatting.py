"""An estimate: the cost rules applied to forecast volumes for a whole calendar year.

The volumes are given per dienst and metric. A forecast of a dienst goes to the
afnemer's live production aansluiting on it; an afnemer not yet connected gets a
hypothetical one with every onderdeel. A production aansluiting whose dienst has no
volume in the request takes them from its newest prognosis for that year (AV 2.5), when
the dienst says what its prognosis forecasts (``dienst_prognose_volumes``); the answer
lists every volume used and where it came from. An aansluiting
that is not active yet counts as active from today (or from 1 January, for a later
year). Aansluitingen without a forecast count with zero usage, so fixed amounts stay in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from sqlalchemy import select

from core.aansluitingen.lifecycle import Status
from core.afnemers.models import Afnemer
from core.db import db
from core.errors import Problem
from core.kosten.berekening import Kostenoverzicht, Rekenaar, kosten_aansluitingen
from core.plugins import diensten
from core.prognoses.models import Prognose
from core.tijd import vandaag
from core.types import Afnemertype, Berekening, KostenAansluiting, Periode, Verbruik
from core.verbruik import service as verbruik

PRODUCTIE = "productie"


def _volume_fouten(jaar: int, volumes: list[dict]) -> list[dict]:
    fouten, gezien = [], set()
    for index, volume in enumerate(volumes):
        dienst, metriek = volume["dienst"], volume["metriek"]
        schema = diensten().tariefschema(dienst, jaar) if diensten().get(dienst) else None
        if schema is None:
            keuze = ", ".join(diensten().met_kosten())
            fouten.append({"name": f"volumes.{index}.dienst", "code": "onbekend",
                           "reason": f"Kies een dienst met kosten: {keuze}."})
        elif schema.metriek(metriek) is None:
            keuze = ", ".join(m.code for m in schema.metrieken)
            fouten.append({"name": f"volumes.{index}.metriek", "code": "onbekend",
                           "reason": f"{dienst} kent in {jaar} de metrieken: {keuze}."})
        elif (dienst, metriek) in gezien:
            fouten.append({"name": f"volumes.{index}.metriek", "code": "dubbel",
                           "reason": "Elke dienst en metriek staat er één keer in."})
        gezien.add((dienst, metriek))
    return fouten


def schatting(afnemer: Afnemer, jaar: int, volumes: list[dict]) -> Kostenoverzicht:
    fouten = _volume_fouten(jaar, volumes)
    if fouten:
        namen = ", ".join(f["name"] for f in fouten)
        raise Problem(400, f"De invoer is ongeldig in: {namen}.", code="ongeldige-invoer",
                      invalid_params=fouten)
    periode = Periode.kalenderjaar(jaar)
    start = vandaag() if periode.bevat(vandaag()) else periode.van
    prognose: dict[str, dict[str, int]] = defaultdict(dict)
    for volume in volumes:
        prognose[volume["dienst"]][volume["metriek"]] = volume["aantal"]

    aansluitingen: list[KostenAansluiting] = []
    for record, feiten in kosten_aansluitingen(afnemer.id).get(afnemer.id, []):
        if record.status == Status.BEEINDIGD:
            continue
        if feiten.geactiveerd_op is None:
            feiten = replace(feiten, geactiveerd_op=start)
        aansluitingen.append(feiten)
    for dienst in prognose:
        if not any(a.dienst == dienst and a.omgeving == PRODUCTIE for a in aansluitingen):
            info = diensten().get(dienst)
            aansluitingen.append(KostenAansluiting(
                id=None, afnemer_id=afnemer.id, afnemertype=Afnemertype(afnemer.type),
                dienst=dienst, omgeving=PRODUCTIE,
                onderdelen=tuple(o.slug for o in info.onderdelen),
                geactiveerd_op=start, beeindigd_op=None,
            ))

    voorcalculaties = verbruik.voorcalculaties(jaar, afnemer.id)
    uit_prognoses = _prognosevolumes(afnemer, jaar)
    gebruikt: list[dict] = [{"dienst": v["dienst"], "metriek": v["metriek"],
                             "aantal": v["aantal"], "bron": "invoer"} for v in volumes]
    paren = []
    for aansluiting in aansluitingen:
        volume: dict[str, int] = {}
        if aansluiting.omgeving == PRODUCTIE:
            volume = prognose.get(aansluiting.dienst, {})
            if not volume and aansluiting.id in uit_prognoses:
                bron, volume = uit_prognoses[aansluiting.id]
                gebruikt += [{"dienst": aansluiting.dienst, "metriek": metriek,
                              "aantal": aantal, "bron": "prognose",
                              "aansluiting_id": aansluiting.id, "prognose_id": bron.id}
                             for metriek, aantal in sorted(volume.items())]
        paren.append((aansluiting, Verbruik(volume, volume,
                                            voorcalculaties.get(aansluiting.id, {}))))
    overzicht = Rekenaar(jaar).overzicht(afnemer.id, paren, periode, Berekening.SCHATTING)
    return replace(overzicht, volumes=tuple(gebruikt))


def _prognosevolumes(afnemer: Afnemer, jaar: int
                     ) -> dict[object, tuple[Prognose, dict[str, int]]]:
    """Per aansluiting: its newest prognosis for a period starting in ``jaar``, and the
    volumes its dienst reads from it (one query for the afnemer's prognoses)."""
    nieuwste: dict[object, tuple[Prognose, dict[str, int]]] = {}
    perioden: dict[str, dict[str, object]] = {}
    for p in db.session.scalars(select(Prognose).where(Prognose.afnemer_id == afnemer.id)
                                .order_by(Prognose.ingediend_op, Prognose.nummer)):
        if p.dienst not in perioden:
            perioden[p.dienst] = {
                x.id: x for x in diensten().prognose_perioden(p.dienst,
                                                               range(jaar - 2, jaar + 1))}
        periode = perioden[p.dienst].get(p.periode)
        if periode is None or periode.van.year != jaar:
            continue
        schema = diensten().prognose_schema(p.dienst)
        formulier = schema().load(p.formulier) if schema else dict(p.formulier)
        volume = diensten().prognose_volumes(p.dienst, periode, formulier)
        if volume:
            nieuwste[p.aansluiting_id] = (p, {k: int(v) for k, v in volume.items()})
    return nieuwste
