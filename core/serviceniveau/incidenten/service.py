"""Reporting incidents, moving them through their history, and telling the afnemers.

Everything one request does happens in one transaction: the incident or its step, and
every event it causes (to the afnemer that reported it, to Logius, and for a P1 or a
calamity to every afnemer of the dienst). The caller commits.

Decisions (the SNO leaves them open):

- **A priority that does not exist in an omgeving** (a P1 in a pre-production whose
  table says n.v.t.) is refused with 400 naming ``impact`` and ``urgentie`` and the
  dienst's article, rather than recorded without a deadline: an incident without a term
  cannot count for or against the norm, and the afnemer can report it at the level that
  does exist there (or by phone, if it is urgent after all).
- **An afnemer reports on a dienst and omgeving it is connected to**, or was (an ended
  aansluiting still lets it report what went wrong with it); otherwise 409
  ``geen-aansluiting``.
- **A notice to every afnemer** goes out once per reason: when an incident is priority 1
  (at the report, or when Logius raises it to 1) and when Logius marks it a calamity. It
  reaches every afnemer with an aansluiting on the dienst that has not ended, by webhook,
  e-mail to the technical contacts and the feed; when the incident runs on clock hours
  (it is worked on day and night) or is a calamity, also every contact reachable 24x7.
  It carries no word of the reporting afnemer (no name, id or description), only the
  dienst, omgeving, functions and times. The detection moment is the report (or the
  moment Logius raised it); the notice is written in the same transaction, and whether
  that was within the dienst's term (``meldtermijn_minuten``) is kept with it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from core.aansluitingen.models import Aansluiting
from core.afnemers.models import Afnemer
from core.auth.principal import Principal
from core.db import db
from core.errors import Problem
from core.meldingen.models import Bezorging
from core.meldingen.outbox import publiceer
from core.serviceniveau import meldregels
from core.serviceniveau.incidenten import klok as klokken
from core.serviceniveau.incidenten.klok import OVERGANGEN, Klok, Stap, Status
from core.serviceniveau.incidenten.models import (
    Incident,
    IncidentStap,
    Kennisgeving,
    KennisgevingGebeurtenis,
)
from core.serviceniveau.typen import Niveau, Serviceniveau, Uursoort
from core.werktijd import Werkkalender, als_uren

BEEINDIGD = "beeindigd"
REDEN_P1 = "prioriteit-1"
REDEN_CALAMITEIT = "calamiteit"
_CENT = Decimal("0.01")


def prioriteit_fout(sn: Serviceniveau, omgeving: str, impact: str, urgentie: str) -> str | None:
    """Why the pair cannot be an incident in ``omgeving``, or ``None``."""
    prioriteit = sn.prioriteit(Niveau(impact), Niveau(urgentie))
    if sn.oplostijd(omgeving, prioriteit) is None:
        bestaat = sorted({o.prioriteit for o in sn.oplostijden if o.omgeving == omgeving})
        return (f"Impact {impact} met urgentie {urgentie} is prioriteit {prioriteit} "
                f"({sn.prioriteit_artikel}); prioriteit {prioriteit} bestaat niet in "
                f"{omgeving} ({sn.oplostijden[0].artikel}: daar gelden "
                f"{', '.join(f'P{p}' for p in bestaat) or 'geen prioriteiten'}).")
    return None


def _door(door: Principal) -> dict[str, str]:
    return {"door": door.id, "door_naam": door.naam}


def melden(afnemer: Afnemer | None, data: dict[str, Any], *, door: Principal,
           nu: datetime) -> Incident:
    """Record a reported incident (already validated by its schema) with its first step,
    and tell whom it concerns. ``afnemer`` is ``None`` for one Logius detected itself."""
    sn = meldregels.serviceniveau(data["dienst"])
    assert sn is not None  # the schema refused a dienst without one
    if afnemer is not None:
        _vereis_aansluiting(afnemer, data["dienst"], data["omgeving"])
    gemeld_op = meldregels.moment_van_melding(data.get("gemeld_op"), door, nu)
    prioriteit = sn.prioriteit(Niveau(data["impact"]), Niveau(data["urgentie"]))
    incident = Incident(
        id=uuid.uuid4(), afnemer_id=afnemer.id if afnemer else None, dienst=data["dienst"],
        omgeving=data["omgeving"], impact=data["impact"], urgentie=data["urgentie"],
        prioriteit=prioriteit, calamiteit=bool(data.get("calamiteit")),
        omschrijving=data["omschrijving"], functies=list(dict.fromkeys(data["functies"])),
        status=Status.GEMELD.value, gemeld_op=gemeld_op, gemeld_door=door.naam)
    incident.stappen.append(IncidentStap(
        afnemer_id=incident.afnemer_id, volgnummer=1, soort="gemeld",
        status=Status.GEMELD.value, impact=incident.impact, urgentie=incident.urgentie,
        prioriteit=prioriteit, toelichting=None, op=gemeld_op, vastgelegd_op=nu,
        **_door(door)))
    db.session.add(incident)
    stand = klok(incident, nu)
    data_ = _gebeurtenis_data(incident, stand)
    if afnemer is not None:
        publiceer(type="incident.gemeld", afnemer_id=afnemer.id,
                  onderwerp=f"Incident {incident.dienst} ({incident.omgeving}) geregistreerd: "
                            f"prioriteit {prioriteit}",
                  tekst=_tekst_termijn(incident, stand), data=data_)
    wie = afnemer.naam if afnemer is not None else "Logius"
    publiceer(type="incident.ontvangen", afnemer_id=None,
              onderwerp=f"Incident P{prioriteit} op {incident.dienst} ({incident.omgeving}) "
                        f"van {wie}",
              tekst=incident.omschrijving, data={**data_, "afnemerId": _str(afnemer and afnemer.id)})
    if prioriteit == 1:
        kennisgeven(incident, REDEN_P1, gemeld_op, nu, stand)
    if incident.calamiteit:
        kennisgeven(incident, REDEN_CALAMITEIT, gemeld_op, nu, stand)
    return incident


def _vereis_aansluiting(afnemer: Afnemer, dienst: str, omgeving: str) -> None:
    bestaat = db.session.scalar(select(func.count()).select_from(Aansluiting).where(
        Aansluiting.afnemer_id == afnemer.id, Aansluiting.dienst == dienst,
        Aansluiting.omgeving == omgeving))
    if not bestaat:
        raise Problem(409, f"{afnemer.naam} heeft geen aansluiting op {dienst} in {omgeving} "
                      "(gehad): een incident meldt u op een dienst en omgeving waarop u bent "
                      "aangesloten.", code="geen-aansluiting")


def stap(incident: Incident, naar: Status, *, toelichting: str | None, op: datetime | None,
         door: Principal, nu: datetime) -> IncidentStap:
    """Move the incident to ``naar`` (Logius); ``op`` records a step that happened
    earlier, never before the status step (or the report) before it."""
    huidig = Status(incident.status)
    if naar not in OVERGANGEN[huidig]:
        toegestaan = ", ".join(s.value for s in OVERGANGEN[huidig]) or "geen (eindstatus)"
        raise Problem(409, f"Een incident met status {huidig.value} gaat niet naar "
                      f"{naar.value}; wel naar: {toegestaan}.", code="ongeldige-incidentstap")
    # The clock reads the status steps in order: each lies after the one before it.
    vorige = next(s.op for s in reversed(incident.stappen) if s.soort in ("gemeld", "status"))
    moment = min(op, nu).astimezone(UTC) if op is not None else nu
    if moment < vorige:
        raise Problem(400, "Ongeldige invoer in: op.", code="ongeldige-invoer", invalid_params=[{
            "name": "op", "code": "range",
            "reason": f"Een stap ligt niet voor de vorige ({vorige.isoformat()})."}])
    nieuw = IncidentStap(
        afnemer_id=incident.afnemer_id, volgnummer=len(incident.stappen) + 1, soort="status",
        status=naar.value, toelichting=toelichting, op=moment, vastgelegd_op=nu,
        **_door(door))
    incident.stappen.append(nieuw)
    incident.status = naar.value
    stand = klok(incident, nu)
    if incident.afnemer_id is not None:
        publiceer(type="incident.status-gewijzigd", afnemer_id=incident.afnemer_id,
                  onderwerp=f"Incident {incident.dienst}: {huidig.value} -> {naar.value}",
                  tekst="\n\n".join(t for t in (toelichting, _tekst_termijn(incident, stand))
                                    if t),
                  data={**_gebeurtenis_data(incident, stand), "vorigeStatus": huidig.value})
    return nieuw


def wijzig(incident: Incident, data: dict[str, Any], *, door: Principal,
           nu: datetime) -> None:
    """Logius changes impact and urgency (the priority and so the deadline follow, from
    the report time, keeping the pauses), marks the incident a calamity, or makes it
    public on the status page (with a description of its own) or private again."""
    if incident.status == Status.GESLOTEN.value:
        raise Problem(409, "Een gesloten incident wijzigt niet meer.",
                      code="ongeldige-incidentstap")
    sn = meldregels.serviceniveau(incident.dienst)
    if sn is None:
        raise Problem(409, meldregels.dienst_fout(incident.dienst, "incidenten") or "",
                      code="geen-serviceniveau")
    impact = data.get("impact", incident.impact)
    urgentie = data.get("urgentie", incident.urgentie)
    fout = prioriteit_fout(sn, incident.omgeving, impact, urgentie)
    if fout:
        raise Problem(400, "Ongeldige invoer in: impact, urgentie.", code="ongeldige-invoer",
                      invalid_params=[{"name": n, "code": "prioriteit", "reason": fout}
                                      for n in ("impact", "urgentie") if n in data]
                      or [{"name": "impact", "code": "prioriteit", "reason": fout}])
    toelichting = None  # a change of these is a fact of the history, without a note
    oud = incident.prioriteit
    if (impact, urgentie) != (incident.impact, incident.urgentie):
        incident.impact, incident.urgentie = impact, urgentie
        incident.prioriteit = sn.prioriteit(Niveau(impact), Niveau(urgentie))
        incident.stappen.append(IncidentStap(
            afnemer_id=incident.afnemer_id, volgnummer=len(incident.stappen) + 1,
            soort="prioriteit", status=incident.status, impact=impact, urgentie=urgentie,
            prioriteit=incident.prioriteit, toelichting=toelichting, op=nu, vastgelegd_op=nu,
            **_door(door)))
        stand = klok(incident, nu)
        if incident.afnemer_id is not None:
            publiceer(type="incident.prioriteit-gewijzigd", afnemer_id=incident.afnemer_id,
                      onderwerp=f"Incident {incident.dienst}: prioriteit {oud} -> "
                                f"{incident.prioriteit}",
                      tekst="\n\n".join(t for t in (toelichting, _tekst_termijn(incident, stand))
                                        if t),
                      data={**_gebeurtenis_data(incident, stand), "vorigePrioriteit": oud})
        if incident.prioriteit == 1 and oud != 1:
            kennisgeven(incident, REDEN_P1, nu, nu, stand)
    if "publieke_omschrijving" in data:
        incident.publieke_omschrijving = data["publieke_omschrijving"]
    if "publiek" in data and data["publiek"] != incident.publiek:
        if data["publiek"] and not incident.publieke_omschrijving:
            raise Problem(400, "Ongeldige invoer in: publiekeOmschrijving.",
                          code="ongeldige-invoer", invalid_params=[{
                              "name": "publiekeOmschrijving", "code": "required",
                              "reason": "Een openbaar incident zegt op de statuspagina wat er "
                                        "speelt in de woorden van Logius: geef "
                                        "publiekeOmschrijving."}])
        incident.publiek = data["publiek"]
        incident.stappen.append(IncidentStap(
            afnemer_id=incident.afnemer_id, volgnummer=len(incident.stappen) + 1,
            soort="publiek", status=incident.status, toelichting=toelichting, op=nu,
            vastgelegd_op=nu, **_door(door)))
    if data.get("calamiteit") and not incident.calamiteit:
        incident.calamiteit = True
        incident.stappen.append(IncidentStap(
            afnemer_id=incident.afnemer_id, volgnummer=len(incident.stappen) + 1,
            soort="calamiteit", status=incident.status, toelichting=toelichting, op=nu,
            vastgelegd_op=nu, **_door(door)))
        kennisgeven(incident, REDEN_CALAMITEIT, nu, nu, klok(incident, nu))


# --- notices to every afnemer of the dienst ----------------------------------------------


def afnemers_van(dienst: str) -> list[uuid.UUID]:
    """Every afnemer with an aansluiting on ``dienst`` that has not ended."""
    return sorted(db.session.scalars(
        select(Aansluiting.afnemer_id).where(Aansluiting.dienst == dienst,
                                             Aansluiting.status != BEEINDIGD).distinct()))


def kennisgeven(incident: Incident, reden: str, gedetecteerd_op: datetime, nu: datetime,
                stand: Klok | None) -> Kennisgeving | None:
    """The notice of a P1 or calamity to every afnemer of the dienst, once per reason."""
    if any(k.reden == reden for k in incident.kennisgevingen):
        return None
    sn = meldregels.serviceniveau(incident.dienst)
    assert sn is not None
    oplostijd = sn.oplostijd(incident.omgeving, incident.prioriteit)
    rond_de_klok = incident.calamiteit or (
        oplostijd is not None and oplostijd.soort == Uursoort.KLOKUREN)
    ontvangers = afnemers_van(incident.dienst)
    kennisgeving = Kennisgeving(
        id=uuid.uuid4(), dienst=incident.dienst, reden=reden, gedetecteerd_op=gedetecteerd_op,
        verstuurd_op=nu, termijn_minuten=sn.meldtermijn_minuten,
        aantal_afnemers=len(ontvangers))
    incident.kennisgevingen.append(kennisgeving)
    wat = "calamiteit" if reden == REDEN_CALAMITEIT else f"incident met prioriteit {incident.prioriteit}"
    functies = ", ".join(incident.functies) or "geen opgegeven"
    tekst = (f"Logius heeft een {wat} op {incident.dienst} ({incident.omgeving}) vastgesteld "
             f"op {gedetecteerd_op.isoformat()}. Geraakte functies: {functies}.")
    if stand is not None:
        tekst += f" Oplossen uiterlijk: {stand.oplossen_uiterlijk.isoformat()}."
    data = {"kennisgevingId": str(kennisgeving.id), "dienst": incident.dienst,
            "omgeving": incident.omgeving, "prioriteit": incident.prioriteit,
            "calamiteit": incident.calamiteit, "reden": reden, "functies": incident.functies,
            "gedetecteerdOp": gedetecteerd_op.isoformat(),
            "oplossenUiterlijk": stand.oplossen_uiterlijk.isoformat() if stand else None,
            "meldtermijnMinuten": sn.meldtermijn_minuten, "artikel": sn.meldtermijn_artikel}
    with db.session.no_autoflush:
        for afnemer_id in ontvangers:
            gebeurtenis = publiceer(
                type="incident.kennisgeving", afnemer_id=afnemer_id,
                onderwerp=f"{wat[:1].upper()}{wat[1:]} op {incident.dienst} ({incident.omgeving})",
                tekst=tekst, data=data, ook_24x7=rond_de_klok)
            db.session.add(KennisgevingGebeurtenis(kennisgeving=kennisgeving,
                                                   gebeurtenis=gebeurtenis))
    return kennisgeving


@dataclass(frozen=True)
class Bezorgd:
    totaal: int = 0
    bezorgd: int = 0
    laatste: datetime | None = None


def bezorgingen(kennisgevingen: Iterable[Kennisgeving]) -> dict[uuid.UUID, Bezorgd]:
    """Per notice: its deliveries, how many arrived, and when the last one did."""
    ids = [k.id for k in kennisgevingen]
    if not ids:
        return {}
    rijen = db.session.execute(
        select(KennisgevingGebeurtenis.kennisgeving_id, func.count(Bezorging.id),
               func.count(Bezorging.bezorgd_op), func.max(Bezorging.bezorgd_op))
        .join(Bezorging, Bezorging.gebeurtenis_id == KennisgevingGebeurtenis.gebeurtenis_id)
        .where(KennisgevingGebeurtenis.kennisgeving_id.in_(ids))
        .group_by(KennisgevingGebeurtenis.kennisgeving_id))
    return {k: Bezorgd(t, b, _aware(laatst)) for k, t, b, laatst in rijen}


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)  # SQLite gives an aggregate back without its type


# --- the clock ---------------------------------------------------------------------------


def status_stappen(incident: Incident) -> list[Stap]:
    return [Stap(Status(s.status), s.op) for s in incident.stappen if s.soort == "status"]


def klok(incident: Incident, nu: datetime, kalender: Werkkalender | None = None
         ) -> Klok | None:
    """The incident's clock at ``nu`` (:mod:`.klok`), or ``None`` when its dienst no
    longer declares a resolution time for its omgeving and priority."""
    sn = meldregels.serviceniveau(incident.dienst)
    oplostijd = sn.oplostijd(incident.omgeving, incident.prioriteit) if sn else None
    if oplostijd is None:
        return None
    if oplostijd.soort == Uursoort.KANTOORUREN and kalender is None:
        kalender = meldregels.werkkalender(incident.gemeld_op, nu)
    uurklok = klokken.uurklok(oplostijd.soort, sn.kantooruren, kalender)
    return klokken.bereken(incident.gemeld_op, status_stappen(incident),
                           timedelta(hours=oplostijd.uren), uurklok, nu)


def _str(waarde: Any) -> str | None:
    return None if waarde is None else str(waarde)


def uren(duur: timedelta) -> str:
    """A duration as hours with two decimals (rounded towards zero)."""
    waarde = als_uren(abs(duur)).quantize(_CENT, rounding="ROUND_DOWN")
    return f"{'-' if duur < timedelta(0) and waarde else ''}{waarde}"


def _tekst_termijn(incident: Incident, stand: Klok | None) -> str:
    if stand is None:
        return f"Prioriteit {incident.prioriteit}; de dienst geeft hiervoor geen oplostijd."
    sn = meldregels.serviceniveau(incident.dienst)
    oplostijd = sn.oplostijd(incident.omgeving, incident.prioriteit)
    tekst = (f"Prioriteit {incident.prioriteit}: oplossen binnen {oplostijd.uren} "
             f"{oplostijd.soort.value} ({oplostijd.artikel}), uiterlijk "
             f"{stand.oplossen_uiterlijk.isoformat()}.")
    if not stand.loopt and stand.opgelost_op is None:
        tekst += " De klok staat stil zolang Logius op de afnemer wacht."
    return tekst


def _gebeurtenis_data(incident: Incident, stand: Klok | None) -> dict[str, Any]:
    sn = meldregels.serviceniveau(incident.dienst)
    oplostijd = sn.oplostijd(incident.omgeving, incident.prioriteit) if sn else None
    return {"incidentId": str(incident.id), "dienst": incident.dienst,
            "omgeving": incident.omgeving, "impact": incident.impact,
            "urgentie": incident.urgentie, "prioriteit": incident.prioriteit,
            "status": incident.status, "gemeldOp": incident.gemeld_op.isoformat(),
            "oplossenUiterlijk": stand.oplossen_uiterlijk.isoformat() if stand else None,
            "klokLoopt": stand.loopt if stand else None,
            "binnenTermijn": stand.binnen_termijn if stand else None,
            "artikel": oplostijd.artikel if oplostijd else "AV 2.6"}
