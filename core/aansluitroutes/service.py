"""The rules of an aansluiting's progress along its dienst's onboarding route.

- The route is the plugin's (``dienst_route``); an aansluiting in an omgeving the route
  applies to gets one :class:`~core.aansluitroutes.models.Routestand` per step when it
  is requested (:func:`start`).
- A step can be done once every step it waits for is done; only its owner completes it
  (the afnemer's beheerder for an afnemer's step, a Logius beheerder for Logius' step),
  with evidence where the step asks for it. A step completed after its deadline is
  recorded as late, never refused.
- Logius may reject a completed step with a reason: it is open again, the reason
  visible, and the afnemer is told. Later steps keep what they recorded.
- A deadline is computed from the step's rule: working days (weekends and the holidays
  core keeps skipped, :mod:`core.werktijd`), calendar days, or calendar months (a date
  plus a month keeps its day number, DOMAIN.md 'Reading periods'), counted from an
  earlier step's completion, the aanvraag's signing date or the first activation, each
  as a day in Europe/Amsterdam.
- A step that unlocks a status (``ontgrendelt``) holds that status change back, with
  every step it waits for, while one is open: 409 naming them. Only for an aansluiting
  whose route is followed in the portal, i.e. of which at least one step was completed
  or rejected here; aansluitingen from before the routes, and those still run on forms
  and e-mail, are not held back by steps nobody records.
"""

from __future__ import annotations

import csv
import io
import statistics
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import g
from sqlalchemy import select

from core import tijd
from core.aansluitingen.models import Aansluiting
from core.aansluitroutes.models import Routestand
from core.aansluitroutes.typen import AANVRAAG, ACTIVERING, Aansluitroute, Routestap
from core.auth.principal import Principal
from core.db import db, utcnow
from core.errors import Problem, invalid
from core.types import Eenheid, Partij

#: Stored statuses.
OPEN, AFGEROND, AFGEWEZEN = "open", "afgerond", "afgewezen"
#: Statuses as answered: the stored one, or what it means now.
WACHT = "wacht-op-afhankelijkheid"
TE_LAAT_AFGEROND = "te-laat-afgerond"
STATUSSEN = (OPEN, WACHT, AFGEROND, AFGEWEZEN, TE_LAAT_AFGEROND)
#: How many calendar days before its deadline the owner of a step is reminded.
HERINNERING_DAGEN = 7
#: The status an aansluiting ends in; an ended aansluiting's steps are no longer due.
BEEINDIGD = "beeindigd"


def route_van(dienst: str) -> Aansluitroute | None:
    from core.uitbreidingen.bijdragen import uitbreidingen

    return uitbreidingen().route(dienst)


def route_voor(aansluiting: Aansluiting) -> Aansluitroute | None:
    route = route_van(aansluiting.dienst)
    return route if route is not None and route.geldt_voor(aansluiting.omgeving) else None


def start(aansluiting: Aansluiting) -> None:
    """Give a requested aansluiting its steps (call in the aanvraag's transaction)."""
    route = route_voor(aansluiting)
    if route is None:
        return
    if aansluiting.id is None:  # not flushed yet: the aanvraag commits both at once
        aansluiting.id = uuid.uuid4()
    nu = utcnow()
    for nummer, stap in enumerate(route.stappen, start=1):
        db.session.add(Routestand(
            afnemer_id=aansluiting.afnemer_id, aansluiting_id=aansluiting.id,
            dienst=aansluiting.dienst, stap=stap.slug, volgnummer=nummer, status=OPEN,
            open_sinds=None if stap.na else nu))


def _standen(aansluiting: Aansluiting) -> dict[str, Routestand]:
    rijen = db.session.scalars(select(Routestand).where(
        Routestand.aansluiting_id == aansluiting.id).order_by(Routestand.volgnummer))
    return {r.stap: r for r in rijen}


def _zorg_voor_standen(aansluiting: Aansluiting, route: Aansluitroute) -> dict[str, Routestand]:
    """The steps of an aansluiting from before the routes are made when first acted on."""
    standen = _standen(aansluiting)
    if not standen:
        start(aansluiting)
        db.session.flush()
        standen = _standen(aansluiting)
    return standen


# --- deadlines ---------------------------------------------------------------------------


def _kalender(jaar: int):
    """The working-day calendar around ``jaar`` (this year and the next), once a request."""
    from core.feestdagen.service import kalender

    cache = g.setdefault("_routekalenders", {})
    if jaar not in cache:
        cache[jaar] = kalender(jaar, jaar + 1)
    return cache[jaar]


def _dag(moment: datetime | None) -> date | None:
    return tijd.lokaal(moment).date() if moment is not None else None


def termijn_basis(stap: Routestap, aansluiting: Aansluiting,
                  standen: dict[str, Routestand]) -> date | None:
    """The day the step's deadline counts from, ``None`` while that has not happened."""
    na = stap.termijn.na
    if na == AANVRAAG:
        return aansluiting.aanvraag_ondertekend_op
    if na == ACTIVERING:
        return _dag(aansluiting.geactiveerd_op)
    vorige = standen.get(na)
    return _dag(vorige.afgerond_op) if vorige is not None and vorige.status == AFGEROND \
        else None


def uiterlijk(stap: Routestap, aansluiting: Aansluiting,
              standen: dict[str, Routestand]) -> date | None:
    """The step's deadline (Europe/Amsterdam), ``None`` without a rule or a start yet."""
    if stap.termijn is None:
        return None
    basis = termijn_basis(stap, aansluiting, standen)
    if basis is None:
        return None
    termijn = stap.termijn.termijn
    if termijn.eenheid == Eenheid.WERKDAGEN:
        from core.werktijd import plus_werkdagen

        return plus_werkdagen(basis, termijn.aantal, _kalender(basis.year))
    if termijn.eenheid == Eenheid.KALENDERMAANDEN:
        return tijd.plus_maanden(basis, termijn.aantal)
    return basis + timedelta(days=termijn.aantal)


# --- the route as answered ---------------------------------------------------------------


@dataclass
class Stapstand:
    stap: Routestap
    rij: Routestand | None
    status: str
    uiterlijk: date | None
    wacht_op: list[str]

    @property
    def te_doen(self) -> bool:
        """Open (or rejected) with every step it waits for done."""
        return self.status in (OPEN, AFGEWEZEN)


def standen(aansluiting: Aansluiting, route: Aansluitroute,
            rijen: dict[str, Routestand] | None = None) -> list[Stapstand]:
    rijen = _standen(aansluiting) if rijen is None else rijen
    uit = []
    for stap in route.stappen:
        rij = rijen.get(stap.slug)
        wacht_op = [s for s in stap.na if rijen.get(s) is None or rijen[s].status != AFGEROND]
        if rij is not None and rij.status == AFGEROND:
            status = TE_LAAT_AFGEROND if rij.te_laat else AFGEROND
            dag = rij.uiterlijk
        else:
            status = AFGEWEZEN if rij is not None and rij.status == AFGEWEZEN else OPEN
            if wacht_op and status == OPEN:
                status = WACHT
            dag = uiterlijk(stap, aansluiting, rijen)
        uit.append(Stapstand(stap, rij, status, dag, wacht_op))
    return uit


def gevolgd(rijen: dict[str, Routestand]) -> bool:
    """The route is followed in the portal: a step was completed or rejected here."""
    return any(r.afgerond_op is not None or r.afgewezen_op is not None for r in rijen.values())


def weergave(aansluiting: Aansluiting) -> dict:
    route = route_voor(aansluiting)
    if route is None:
        raise Problem(404, f"De dienst {aansluiting.dienst} heeft voor de omgeving "
                      f"{aansluiting.omgeving} geen aansluitroute.", code="geen-route")
    rijen = _standen(aansluiting)
    vandaag = tijd.vandaag()
    stappen = []
    for s in standen(aansluiting, route, rijen):
        rij, stap = s.rij, s.stap
        stappen.append({
            "stap": stap.slug, "naam": stap.naam, "omschrijving": stap.omschrijving or None,
            "eigenaar": stap.eigenaar.value, "status": s.status,
            "aan_zet": (stap.eigenaar.value if s.te_doen else None),
            "wacht_op": s.wacht_op, "na": list(stap.na),
            "termijn": str(stap.termijn) if stap.termijn else None,
            "uiterlijk": s.uiterlijk,
            "te_laat": (rij.te_laat if rij is not None and rij.status == AFGEROND
                       else s.uiterlijk is not None and s.uiterlijk < vandaag),
            "bewijs_gevraagd": stap.bewijs.value if stap.bewijs else None,
            "bewijs": rij.bewijs if rij else None,
            "toelichting": rij.toelichting if rij else None,
            "open_sinds": rij.open_sinds if rij else None,
            "afgerond_op": rij.afgerond_op if rij and rij.status == AFGEROND else None,
            "afgerond_door": rij.afgerond_door if rij and rij.status == AFGEROND else None,
            "reden_afwijzing": rij.reden_afwijzing if rij else None,
            "afgewezen_op": rij.afgewezen_op if rij else None,
            "ontgrendelt": stap.ontgrendelt, "bron": stap.bron,
            "bronsoort": stap.bronsoort.value,
        })
    return {"aansluiting_id": aansluiting.id, "dienst": aansluiting.dienst,
            "omgeving": aansluiting.omgeving, "route": route.naam, "bron": route.bron,
            "gevolgd": gevolgd(rijen), "stappen": stappen}


# --- acting on a step --------------------------------------------------------------------


def _stap_of_404(aansluiting: Aansluiting, slug: str) -> tuple[Aansluitroute, Routestap]:
    route = route_voor(aansluiting)
    stap = route.stap(slug) if route is not None else None
    if stap is None:
        raise Problem(404, f"De aansluitroute van deze aansluiting heeft geen stap {slug!r}.",
                      code="niet-gevonden")
    return route, stap


def _vereis_eigenaar(stap: Routestap, aansluiting: Aansluiting, door: Principal) -> None:
    if stap.eigenaar == Partij.LOGIUS:
        if not door.is_logius_beheerder:
            raise Problem(403, f"De stap {stap.slug} is een stap van Logius; alleen een "
                          "Logius-beheerder rondt hem af.", code="niet-de-eigenaar")
    elif door.is_logius_beheerder or not door.mag_beheren(aansluiting.afnemer_id):
        raise Problem(403, f"De stap {stap.slug} is een stap van de afnemer; alleen een "
                      "beheerder van de afnemer rondt hem af.", code="niet-de-eigenaar")


def afronden(aansluiting: Aansluiting, slug: str, *, bewijs: str | None,
             toelichting: str | None, door: Principal) -> None:
    route, stap = _stap_of_404(aansluiting, slug)
    _vereis_eigenaar(stap, aansluiting, door)
    if aansluiting.status == BEEINDIGD:
        raise Problem(409, "Een beëindigde aansluiting doorloopt haar route niet meer.",
                      code="aansluiting-beeindigd")
    if stap.bewijs is not None and not (bewijs and bewijs.strip()):
        raise invalid("bewijs", f"De stap {stap.slug} vraagt als bewijs het kenmerk van een "
                      f"{stap.bewijs.value} ({stap.bron}).", code="required")
    rijen = _zorg_voor_standen(aansluiting, route)
    rij = rijen[stap.slug]
    if rij.status == AFGEROND:
        raise Problem(409, f"De stap {stap.slug} is al afgerond.", code="stap-al-afgerond")
    open_ = [s for s in stap.na if rijen[s].status != AFGEROND]
    if open_:
        raise Problem(409, f"De stap {stap.slug} wacht nog op: {', '.join(open_)}.",
                      code="stap-wacht", openStappen=open_)
    nu = utcnow()
    dag = uiterlijk(stap, aansluiting, rijen)
    rij.status, rij.afgerond_op, rij.afgerond_door = AFGEROND, nu, door.naam
    rij.uiterlijk = dag
    rij.te_laat = dag is not None and _dag(nu) > dag
    rij.bewijs = bewijs.strip() if bewijs else None
    rij.toelichting = toelichting
    # Every later step whose dependencies are now all done can start.
    for volgende in route.stappen:
        r = rijen[volgende.slug]
        if r.open_sinds is None and all(rijen[s].status == AFGEROND for s in volgende.na):
            r.open_sinds = nu


def afwijzen(aansluiting: Aansluiting, slug: str, *, reden: str | None,
             door: Principal) -> None:
    route, stap = _stap_of_404(aansluiting, slug)
    if not door.is_logius_beheerder:
        raise Problem(403, "Alleen een Logius-beheerder wijst een stap af.",
                      code="alleen-logius")
    if not (reden and reden.strip()):
        raise invalid("reden", "Een afwijzing zegt waarom: de afnemer ziet de reden bij de "
                      "stap.", code="required")
    rijen = _zorg_voor_standen(aansluiting, route)
    rij = rijen[stap.slug]
    if rij.status != AFGEROND:
        raise Problem(409, f"De stap {stap.slug} is niet afgerond; Logius wijst een "
                      "afgeronde stap af.", code="stap-niet-afgerond")
    rij.status = AFGEWEZEN
    rij.afgewezen_op, rij.afgewezen_door, rij.reden_afwijzing = utcnow(), door.naam, reden
    rij.afgerond_op = rij.afgerond_door = None
    rij.te_laat = False
    rij.uiterlijk = None
    from core.meldingen.outbox import publiceer

    publiceer(type="aansluitroute.afgewezen", afnemer_id=aansluiting.afnemer_id,
              onderwerp=f"{aansluiting.dienst}: stap {stap.naam} afgewezen",
              tekst=f"Logius wees de stap {stap.naam} af: {reden}",
              data={"aansluitingId": str(aansluiting.id), "dienst": aansluiting.dienst,
                    "stap": stap.slug, "reden": reden, "artikel": stap.bron})


def vereis_klaar_voor(aansluiting: Aansluiting, naar: str) -> None:
    """409 naming the open steps while a step that unlocks ``naar`` (or one it waits
    for) is open, for an aansluiting whose route is followed in the portal."""
    route = route_voor(aansluiting)
    if route is None:
        return
    nodig = route.vereist_voor(naar)
    if not nodig:
        return
    rijen = _standen(aansluiting)
    if not rijen or not gevolgd(rijen):
        return
    open_ = [s.slug for s in nodig if rijen.get(s.slug) is None
             or rijen[s.slug].status != AFGEROND]
    if open_:
        raise Problem(409, f"De aansluiting kan nog niet naar {naar}: eerst moeten deze "
                      f"stappen van de aansluitroute af zijn: {', '.join(open_)}.",
                      code="route-niet-af", openStappen=open_)


# --- calendar, reminders and the pipeline -------------------------------------------------


def _lopend(afnemer_id: uuid.UUID | None = None, dienst: str | None = None):
    """``(aansluiting, route, rijen)`` of every aansluiting that has not ended and has a
    step still to do (a finished route is read no more)."""
    met_open_stap = select(Routestand.aansluiting_id).where(Routestand.status != AFGEROND)
    query = select(Routestand, Aansluiting).join(
        Aansluiting, Aansluiting.id == Routestand.aansluiting_id).where(
        Aansluiting.status != BEEINDIGD, Routestand.aansluiting_id.in_(met_open_stap))
    if afnemer_id is not None:
        query = query.where(Routestand.afnemer_id == afnemer_id)
    if dienst is not None:
        query = query.where(Routestand.dienst == dienst)
    per: dict[uuid.UUID, tuple[Aansluiting, dict[str, Routestand]]] = {}
    for rij, aansluiting in db.session.execute(query.order_by(Routestand.volgnummer)):
        per.setdefault(aansluiting.id, (aansluiting, {}))[1][rij.stap] = rij
    for aansluiting, rijen in per.values():
        route = route_voor(aansluiting)
        if route is not None:
            yield aansluiting, route, rijen


def deadlines(afnemer_id: uuid.UUID, vanaf: date) -> list[tuple]:
    """``(id, datum, titel, omschrijving, artikel, aansluiting_id)`` of the coming
    deadlines of open steps."""
    uit = []
    for aansluiting, route, rijen in _lopend(afnemer_id):
        for s in standen(aansluiting, route, rijen):
            if s.te_doen and s.uiterlijk is not None and s.uiterlijk >= vanaf:
                wie = "de afnemer" if s.stap.eigenaar == Partij.AFNEMER else "Logius"
                uit.append((f"aansluitroute-{aansluiting.id}-{s.stap.slug}", s.uiterlijk,
                            f"{aansluiting.dienst}: {s.stap.naam}",
                            f"Stap van de aansluitroute, uiterlijk af ({s.stap.termijn}); "
                            f"aan zet: {wie}.", s.stap.bron, str(aansluiting.id)))
    return uit


def herinner(dag: date | None = None) -> int:
    """Reminders before a step's deadline and a notice once it passed, each sent once:
    to the afnemer for its own steps, to Logius for Logius' steps."""
    from core.meldingen.outbox import publiceer
    from core.meldingen.planner import eenmalig

    dag = dag or tijd.vandaag()
    aantal = 0
    for aansluiting, route, rijen in _lopend():
        for s in standen(aansluiting, route, rijen):
            if not s.te_doen or s.uiterlijk is None:
                continue
            afnemer = s.stap.eigenaar == Partij.AFNEMER
            data = {"aansluitingId": str(aansluiting.id), "afnemerId":
                    str(aansluiting.afnemer_id), "dienst": aansluiting.dienst,
                    "stap": s.stap.slug, "uiterlijk": s.uiterlijk.isoformat(),
                    "artikel": s.stap.bron}
            sleutel = f"aansluitroute:{aansluiting.id}:{s.stap.slug}:{s.uiterlijk.isoformat()}"
            dagen = (s.uiterlijk - dag).days
            if 0 <= dagen <= HERINNERING_DAGEN and eenmalig(f"{sleutel}:vooraf"):
                publiceer(type="aansluitroute.herinnering" if afnemer
                          else "aansluitroute.logius-herinnering",
                          afnemer_id=aansluiting.afnemer_id if afnemer else None,
                          onderwerp=f"{aansluiting.dienst}: {s.stap.naam} uiterlijk "
                                    f"{s.uiterlijk.isoformat()}",
                          tekst=f"Rond de stap {s.stap.naam} af, nog {dagen} dagen "
                                f"({s.stap.bron}).", data={**data, "dagenTotUiterlijk": dagen})
                aantal += 1
            elif dagen < 0 and eenmalig(f"{sleutel}:te-laat"):
                publiceer(type="aansluitroute.te-laat" if afnemer
                          else "aansluitroute.logius-te-laat",
                          afnemer_id=aansluiting.afnemer_id if afnemer else None,
                          onderwerp=f"{aansluiting.dienst}: {s.stap.naam} is te laat",
                          tekst=f"De stap {s.stap.naam} had op {s.uiterlijk.isoformat()} af "
                                f"moeten zijn ({s.stap.bron}).", data=data)
                aantal += 1
    return aantal


def _dagen(van: datetime, tot: datetime) -> float:
    return (tot - van).total_seconds() / 86400


def _p90(waarden: list[float]) -> float:
    if len(waarden) == 1:
        return waarden[0]
    return statistics.quantiles(waarden, n=10, method="inclusive")[8]


def pijplijn(dienst: str | None = None) -> dict:
    """Per dienst and step: how many aansluitingen stand at it, how long it takes (median
    and 90th percentile in days, from open to completion) and which are overdue."""
    from core.plugins import diensten

    vandaag = tijd.vandaag()
    slugs = [d.slug for d in diensten().alle() if route_van(d.slug) is not None]
    if dienst is not None:
        slugs = [s for s in slugs if s == dienst]
    per = {s: {st.slug: {"aantal": 0, "duren": [], "te_laat": []}
               for st in route_van(s).stappen} for s in slugs}
    query = select(Routestand, Aansluiting).join(
        Aansluiting, Aansluiting.id == Routestand.aansluiting_id)
    if dienst is not None:
        query = query.where(Routestand.dienst == dienst)
    for rij, _ in db.session.execute(query):
        telling = per.get(rij.dienst, {}).get(rij.stap)
        if telling is not None and rij.status == AFGEROND and rij.open_sinds is not None:
            telling["duren"].append(_dagen(rij.open_sinds, rij.afgerond_op))
    for aansluiting, route, rijen in _lopend(dienst=dienst):
        for s in standen(aansluiting, route, rijen):
            telling = per.get(aansluiting.dienst, {}).get(s.stap.slug)
            if telling is None or not s.te_doen:
                continue
            telling["aantal"] += 1
            if s.uiterlijk is not None and s.uiterlijk < vandaag:
                telling["te_laat"].append({
                    "afnemer_id": aansluiting.afnemer_id, "aansluiting_id": aansluiting.id,
                    "uiterlijk": s.uiterlijk, "dagen_te_laat": (vandaag - s.uiterlijk).days})
    uit = []
    for slug in slugs:
        route = route_van(slug)
        stappen = []
        for stap in route.stappen:
            t = per[slug][stap.slug]
            duren = sorted(t["duren"])
            stappen.append({
                "stap": stap.slug, "naam": stap.naam, "eigenaar": stap.eigenaar.value,
                "aantal": t["aantal"], "afgerond": len(duren),
                "doorlooptijd_mediaan_dagen": round(statistics.median(duren), 2) if duren
                else None,
                "doorlooptijd_p90_dagen": round(_p90(duren), 2) if duren else None,
                "te_laat": sorted(t["te_laat"], key=lambda x: (x["uiterlijk"],
                                                             str(x["aansluiting_id"]))),
            })
        uit.append({"dienst": slug, "route": route.naam, "stappen": stappen})
    return {"peildatum": vandaag, "diensten": uit}


KOLOMMEN = ("dienst", "stap", "naam", "eigenaar", "aantal", "afgerond",
            "doorlooptijd_mediaan_dagen", "doorlooptijd_p90_dagen", "te_laat",
            "te_laat_aansluitingen")


def als_csv(overzicht: dict) -> str:
    """One line per dienst and step; the overdue ones as ``afnemerId/aansluitingId``,
    separated by spaces."""
    uit = io.StringIO()
    schrijver = csv.writer(uit)
    schrijver.writerow(KOLOMMEN)
    for d in overzicht["diensten"]:
        for s in d["stappen"]:
            schrijver.writerow([
                d["dienst"], s["stap"], s["naam"], s["eigenaar"], s["aantal"], s["afgerond"],
                "" if s["doorlooptijd_mediaan_dagen"] is None else s["doorlooptijd_mediaan_dagen"],
                "" if s["doorlooptijd_p90_dagen"] is None else s["doorlooptijd_p90_dagen"],
                len(s["te_laat"]),
                " ".join(f"{t['afnemer_id']}/{t['aansluiting_id']}" for t in s["te_laat"])])
    return uit.getvalue()
