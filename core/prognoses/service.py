"""The prognosis rules in core: periods, status, reminders and deadlines (a shared
capacity is :mod:`core.prognoses.capaciteit`).

Status of an aansluiting on a day (Europe/Amsterdam), for a dienst that asks prognoses:

- ``niet-verplicht``: the dienst's rule (``dienst_prognose_plicht``) says none is due;
- ``te-laat``: the deadline of the most recent period (since the aansluiting exists)
  has passed without a prognosis for it, nor one for the next period yet; it stays so
  until one is delivered or the next deadline passes;
- ``actueel``: the prognosis for the coming period is in, or an earlier period's is in
  and the next deadline is more than :data:`VENSTER_DAGEN` away;
- ``verwacht``: otherwise; the next deadline is coming.

Reminders (AV 2.5) go out :data:`HERINNERING_DAGEN` days before a deadline and once when
it has passed, each only once (``Herinnering`` keys).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, select

from core import tijd
from core.aansluitingen.models import Aansluiting
from core.afnemers.models import Afnemer
from core.db import db
from core.kosten.berekening import als_kosten_aansluiting
from core.meldingen.outbox import publiceer
from core.meldingen.planner import eenmalig
from core.plugins import diensten
from core.prognoses.models import Prognose
from core.types import Periode, Prognoseperiode, Prognoseplicht, Verbruik
from core.verbruik import service as verbruik_service

#: How many days before a deadline the reminder goes out.
HERINNERING_DAGEN = 14
#: From how many days before a deadline a missing prognosis makes the status ``verwacht``.
VENSTER_DAGEN = 60


class Status:
    ACTUEEL = "actueel"
    VERWACHT = "verwacht"
    TE_LAAT = "te-laat"
    NIET_VERPLICHT = "niet-verplicht"


STATUSSEN = [Status.ACTUEEL, Status.VERWACHT, Status.TE_LAAT, Status.NIET_VERPLICHT]


def perioden(dienst: str, dag: date | None = None) -> list[Prognoseperiode]:
    """The periods of a dienst around ``dag``: deadlines from last year to two years on."""
    jaar = (dag or tijd.vandaag()).year
    return diensten().prognose_perioden(dienst, range(jaar - 1, jaar + 3))


def periode(dienst: str, periode_id: str) -> Prognoseperiode | None:
    return next((p for p in perioden(dienst) if p.id == periode_id), None)


def laatste_per_periode(aansluiting_id: uuid.UUID) -> dict[str, Prognose]:
    """The newest version per period of one aansluiting."""
    return nieuwste(aansluiting_id=aansluiting_id).get(aansluiting_id, {})


def nieuwste(*, afnemer_id: uuid.UUID | None = None, dienst: str | None = None,
             aansluiting_id: uuid.UUID | None = None) -> dict[uuid.UUID, dict[str, Prognose]]:
    """Per aansluiting, the newest version per period, in one query; for every afnemer
    or one, every dienst or one, every aansluiting or one."""
    hoogste = select(Prognose.aansluiting_id, Prognose.periode,
                     func.max(Prognose.nummer).label("nummer"))
    for kolom, waarde in ((Prognose.afnemer_id, afnemer_id), (Prognose.dienst, dienst),
                          (Prognose.aansluiting_id, aansluiting_id)):
        if waarde is not None:
            hoogste = hoogste.where(kolom == waarde)
    hoogste = hoogste.group_by(Prognose.aansluiting_id, Prognose.periode).subquery()
    uit: dict[uuid.UUID, dict[str, Prognose]] = {}
    for prognose in db.session.scalars(select(Prognose).join(
            hoogste, (hoogste.c.aansluiting_id == Prognose.aansluiting_id)
            & (hoogste.c.periode == Prognose.periode) & (hoogste.c.nummer == Prognose.nummer))):
        uit.setdefault(prognose.aansluiting_id, {})[prognose.periode] = prognose
    return uit


def versies(aansluiting_id: uuid.UUID, periode_id: str) -> list[Prognose]:
    return list(db.session.scalars(
        select(Prognose).where(Prognose.aansluiting_id == aansluiting_id,
                               Prognose.periode == periode_id)
        .order_by(Prognose.nummer.desc())))


def volgend_nummer(aansluiting_id: uuid.UUID, periode_id: str) -> int:
    hoogste = db.session.execute(
        select(func.max(Prognose.nummer)).where(Prognose.aansluiting_id == aansluiting_id,
                                                Prognose.periode == periode_id)).scalar()
    return (hoogste or 0) + 1


def geladen(dienst: str, formulier: dict) -> dict:
    """A stored (wire format) form as the dienst's schema loads it."""
    schema = diensten().prognose_schema(dienst)
    return schema().load(formulier) if schema else dict(formulier)


@dataclass(frozen=True)
class Stand:
    """Where one aansluiting stands with its prognoses."""

    aansluiting: Aansluiting
    status: str
    plicht: Prognoseplicht
    periode: Prognoseperiode | None
    uiterlijk: date | None
    laatste: Prognose | None
    #: The afnemer, when the caller loaded it with the aansluiting (lists do).
    afnemer: Afnemer | None = None


def stand(aansluiting: Aansluiting, afnemertype: str, dag: date | None = None,
          vorig_jaar: verbruik_service.Totalen | None = None,
          vorige_maanden: dict | None = None,
          per_periode: dict[str, Prognose] | None = None) -> Stand | None:
    """The status of one aansluiting; ``None`` if its dienst asks no prognoses.

    The dienst's rule judges the usage of the previous calendar year (its total and its
    months) and the newest prognosis.
    """
    dag = dag or tijd.vandaag()
    if diensten().prognose_schema(aansluiting.dienst) is None:
        return None
    if vorig_jaar is None:
        vorig_jaar = verbruik_service.totalen(Periode.kalenderjaar(dag.year - 1),
                                              aansluiting.afnemer_id)
    if vorige_maanden is None:
        vorige_maanden = verbruik_service.maandtotalen(dag.year - 1, aansluiting.afnemer_id)
    _periode_totaal, jaar_totaal = vorig_jaar.get(aansluiting.id, ({}, {}))
    gebruik = Verbruik(periode=jaar_totaal, jaar=jaar_totaal,
                       per_maand=vorige_maanden.get(aansluiting.id, {}))
    if per_periode is None:
        per_periode = laatste_per_periode(aansluiting.id)
    laatste = max(per_periode.values(), key=lambda p: p.ingediend_op, default=None)
    plicht = diensten().prognose_plicht(
        als_kosten_aansluiting(aansluiting, afnemertype), gebruik,
        geladen(aansluiting.dienst, laatste.formulier) if laatste else None, dag,
    ) or Prognoseplicht(False, "Geen prognose nodig.", "AV 2.5")
    alle = perioden(aansluiting.dienst, dag)
    # A deadline that passed before the aansluiting existed was never its to meet.
    sinds = tijd.lokaal(aansluiting.aangemaakt_op).date() if aansluiting.aangemaakt_op else None
    vorige = [p for p in alle if p.uiterlijk < dag and (sinds is None or p.uiterlijk >= sinds)]
    volgende = [p for p in alle if p.uiterlijk >= dag]
    vorige_p = vorige[-1] if vorige else None
    volgende_p = volgende[0] if volgende else None
    if plicht.periode:
        gekozen = next((p for p in alle if p.id == plicht.periode), volgende_p)
    elif volgende_p is not None and volgende_p.id in per_periode:
        gekozen = volgende_p
    elif vorige_p is not None and vorige_p.id not in per_periode:
        gekozen = vorige_p
    else:
        gekozen = volgende_p
    uiterlijk = plicht.uiterlijk or (gekozen.uiterlijk if gekozen else None)
    if not plicht.verplicht:
        status = Status.NIET_VERPLICHT
    elif gekozen is not None and gekozen.id in per_periode:
        status = Status.ACTUEEL
    elif uiterlijk is not None and uiterlijk < dag:
        status = Status.TE_LAAT
    elif (uiterlijk is not None and (uiterlijk - dag).days > VENSTER_DAGEN
          and any(p.id in per_periode for p in alle if p.uiterlijk < dag)):
        status = Status.ACTUEEL
    else:
        status = Status.VERWACHT
    return Stand(aansluiting, status, plicht, gekozen, uiterlijk, laatste)


def standen(afnemer_id: uuid.UUID | None = None, dag: date | None = None) -> list[Stand]:
    """The status of every running aansluiting (of one afnemer) whose dienst asks prognoses."""
    dag = dag or tijd.vandaag()
    met = diensten().met_prognose()
    if not met:
        return []
    query = (select(Aansluiting, Afnemer).join(Afnemer, Afnemer.id == Aansluiting.afnemer_id)
             .where(Aansluiting.dienst.in_(met), Aansluiting.status != "beeindigd")
             .order_by(Afnemer.naam, Aansluiting.dienst, Aansluiting.omgeving, Aansluiting.id))
    if afnemer_id is not None:
        query = query.where(Aansluiting.afnemer_id == afnemer_id)
    vorig_jaar = verbruik_service.totalen(Periode.kalenderjaar(dag.year - 1), afnemer_id)
    vorige_maanden = verbruik_service.maandtotalen(dag.year - 1, afnemer_id)
    rijen = db.session.execute(query).all()
    prognoses = nieuwste(afnemer_id=afnemer_id)
    uit = []
    for aansluiting, afnemer in rijen:
        gevonden = stand(aansluiting, afnemer.type, dag, vorig_jaar, vorige_maanden,
                         prognoses.get(aansluiting.id, {}))
        if gevonden is not None:
            gevonden = replace(gevonden, afnemer=afnemer)
        if gevonden is not None:
            uit.append(gevonden)
    return uit


# --- reminders and deadlines ------------------------------------------------------------


def herinner(dag: date | None = None) -> int:
    """Write the prognosis reminders due on ``dag``; each goes out once. Returns how many."""
    dag = dag or tijd.vandaag()
    aantal = 0
    for s in standen(dag=dag):
        if s.periode is None or s.uiterlijk is None:
            continue
        a = s.aansluiting
        data = {"aansluitingId": str(a.id), "dienst": a.dienst, "periode": s.periode.id,
                "uiterlijk": s.uiterlijk.isoformat(), "reden": s.plicht.reden,
                "artikel": s.plicht.artikel}
        if s.status == Status.VERWACHT and (s.uiterlijk - dag).days <= HERINNERING_DAGEN:
            if eenmalig(f"prognose:{a.id}:{s.periode.id}:vooraf"):
                dagen = (s.uiterlijk - dag).days
                publiceer(type="prognose.herinnering", afnemer_id=a.afnemer_id,
                          onderwerp=f"{a.dienst}: prognose {s.periode.id} uiterlijk "
                                    f"{s.uiterlijk.isoformat()}",
                          tekst=(f"Lever de prognose voor {s.periode.naam} in, nog {dagen} "
                                 f"dagen. {s.plicht.reden}"),
                          data={**data, "dagenTotUiterlijk": dagen})
                aantal += 1
        elif s.status == Status.TE_LAAT:
            if eenmalig(f"prognose:{a.id}:{s.periode.id}:te-laat"):
                publiceer(type="prognose.te-laat", afnemer_id=a.afnemer_id,
                          onderwerp=f"{a.dienst}: prognose {s.periode.id} is te laat",
                          tekst=(f"De prognose voor {s.periode.naam} had er op "
                                 f"{s.uiterlijk.isoformat()} moeten zijn. {s.plicht.reden}"),
                          data=data)
                aantal += 1
    return aantal


def deadlines(afnemer_id: uuid.UUID, vanaf: date) -> list[tuple[str, date, str, str, str, str]]:
    """``(id, datum, titel, omschrijving, artikel, aansluiting_id)`` of coming prognoses."""
    uit = []
    for s in standen(afnemer_id, vanaf):
        if s.status in (Status.VERWACHT, Status.ACTUEEL) and s.plicht.verplicht:
            a = s.aansluiting
            for p in perioden(a.dienst, vanaf):
                if p.uiterlijk < vanaf or p.uiterlijk > vanaf + timedelta(days=400):
                    continue
                if s.status == Status.ACTUEEL and s.periode is not None and p.id == s.periode.id:
                    continue
                uit.append((f"prognose-{a.id}-{p.id}", p.uiterlijk,
                            f"{a.dienst}: prognose {p.naam}",
                            f"Lever de prognose in. {s.plicht.reden}", s.plicht.artikel,
                            str(a.id)))
    return uit
