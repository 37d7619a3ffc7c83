"""Submitting change requests (RfC), assessing them, and telling the afnemer each step.

Everything one request does happens in one transaction: the request or its step and the
events it causes. The caller commits.

Decisions (the SNO names the four items and that accepted changes are planned on the
release calendar into the maintenance window; the rest is the platform's):

- **Which diensten.** Only a dienst whose service level names its change management
  (``Serviceniveau.wijzigingsverzoek_artikel``) takes requests; others are refused with a
  400 naming ``dienst``. An afnemer asks for changes to a dienst it is connected to (an
  aansluiting that has not ended, any omgeving); otherwise 409 ``geen-aansluiting``.
- **Steps.** Logius takes them: ``ingediend`` -> ``in-beoordeling`` -> ``geaccepteerd`` or
  ``afgewezen``; a step that does not exist from the current status is 409
  ``ongeldige-verzoekstap``. Accepting and rejecting are final.
- **Planning.** Accepting names one of the dienst's maintenance windows by its id (as
  ``GET /diensten/{slug}/onderhoudsvensters`` gives it), computed from the dienst's
  maintenance rule (:func:`core.serviceniveau.onderhoud.vensters`), that has not begun
  yet. Its day and times are stored with the request, so the plan stays what was
  announced even if the rule changes later.
- **Notices.** Every step is an event to the afnemer (webhooks, its feed, e-mail to its
  technical contacts) and also goes by e-mail to the indiener, who is the one the SNO
  says hears how the request is handled. Logius hears of every new request.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime

from sqlalchemy import func, select

from core import tijd
from core.aansluitingen.models import Aansluiting
from core.afnemers.models import Afnemer
from core.auth.principal import Principal
from core.db import db
from core.errors import Problem
from core.meldingen.models import Bezorging, BezorgStatus, Gebeurtenis, Kanaal
from core.meldingen.outbox import publiceer
from core.serviceniveau import onderhoud
from core.uitbreidingen.bijdragen import uitbreidingen
from core.wijzigingsverzoeken.models import Wijzigingsverzoek, WijzigingsverzoekStap
from core.wijzigingsverzoeken.status import OVERGANGEN, Status

BEEINDIGD = "beeindigd"
#: ``<omgeving>-<JJJJ-MM-DD>``: the id of a maintenance window.
VENSTER_ID = re.compile(r"^(?P<omgeving>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)-"
                        r"(?P<datum>\d{4}-\d{2}-\d{2})$")
#: The event type of each status.
GEBEURTENIS = {Status.INGEDIEND: "wijzigingsverzoek.ingediend",
               Status.IN_BEOORDELING: "wijzigingsverzoek.in-beoordeling",
               Status.GEACCEPTEERD: "wijzigingsverzoek.geaccepteerd",
               Status.AFGEWEZEN: "wijzigingsverzoek.afgewezen"}


def artikelen(dienst: str) -> tuple[str | None, str | None]:
    """The dienst's article for change requests and for planning accepted ones."""
    niveau = uitbreidingen().serviceniveau(dienst)
    if niveau is None:
        return None, None
    return niveau.wijzigingsverzoek_artikel, (niveau.release_artikel
                                              or niveau.wijzigingsverzoek_artikel)


def indienen(afnemer: Afnemer, data: dict, *, door: Principal,
             nu: datetime | None = None) -> Wijzigingsverzoek:
    """Record a request (already validated by its schema) with its first step."""
    nu = nu or tijd.utcnow()
    _vereis_aansluiting(afnemer, data["dienst"])
    indiener = data["indiener"]
    verzoek = Wijzigingsverzoek(
        id=uuid.uuid4(), afnemer_id=afnemer.id, dienst=data["dienst"],
        indiener_naam=indiener["naam"], indiener_email=indiener["email"],
        indiener_telefoon=indiener.get("telefoon"),
        voorgestelde_wijziging=data["voorgestelde_wijziging"],
        beoogde_voordelen=data["beoogde_voordelen"], huidige_nadelen=data["huidige_nadelen"],
        status=Status.INGEDIEND.value, ingediend_op=nu, ingediend_door=door.naam)
    verzoek.stappen.append(WijzigingsverzoekStap(
        afnemer_id=afnemer.id, volgnummer=1, status=Status.INGEDIEND.value, toelichting=None,
        op=nu, door=door.id, door_naam=door.naam))
    db.session.add(verzoek)
    artikel, _ = artikelen(verzoek.dienst)
    _meld(verzoek, Status.INGEDIEND,
          f"Uw wijzigingsverzoek op {verzoek.dienst} is ontvangen. Na een eerste "
          f"beoordeling hoort u hoe het wordt afgehandeld ({artikel}).")
    publiceer(type="wijzigingsverzoek.ontvangen", afnemer_id=None,
              onderwerp=f"Wijzigingsverzoek van {afnemer.naam} op {verzoek.dienst}",
              tekst=_samenvatting(verzoek), data=_data(verzoek))
    return verzoek


def _vereis_aansluiting(afnemer: Afnemer, dienst: str) -> None:
    bestaat = db.session.scalar(select(func.count()).select_from(Aansluiting).where(
        Aansluiting.afnemer_id == afnemer.id, Aansluiting.dienst == dienst,
        Aansluiting.status != BEEINDIGD))
    if not bestaat:
        raise Problem(409, f"{afnemer.naam} heeft geen lopende aansluiting op {dienst}: een "
                      "wijzigingsverzoek dient u in voor een dienst waarop u bent aangesloten.",
                      code="geen-aansluiting")


def stap(verzoek: Wijzigingsverzoek, naar: Status, *, toelichting: str | None,
         reden: str | None, onderhoudsvenster: str | None, door: Principal,
         nu: datetime | None = None) -> WijzigingsverzoekStap:
    """Logius moves the request to ``naar``; accepting plans it into ``onderhoudsvenster``,
    rejecting records ``reden``. Nothing changes when the step is refused."""
    nu = nu or tijd.utcnow()
    huidig = Status(verzoek.status)
    if naar not in OVERGANGEN[huidig]:
        toegestaan = ", ".join(s.value for s in OVERGANGEN[huidig]) or "geen (eindstatus)"
        raise Problem(409, f"Een wijzigingsverzoek met status {huidig.value} gaat niet naar "
                      f"{naar.value}; wel naar: {toegestaan}.", code="ongeldige-verzoekstap")
    venster = _venster(verzoek.dienst, onderhoudsvenster, nu) if naar == Status.GEACCEPTEERD \
        else None
    nieuw = WijzigingsverzoekStap(
        afnemer_id=verzoek.afnemer_id, volgnummer=len(verzoek.stappen) + 1, status=naar.value,
        toelichting=toelichting if naar != Status.AFGEWEZEN else (toelichting or reden),
        op=nu, door=door.id, door_naam=door.naam)
    verzoek.stappen.append(nieuw)
    verzoek.status = naar.value
    _, release = artikelen(verzoek.dienst)
    if venster is not None:
        verzoek.venster_omgeving, verzoek.venster_datum = venster.omgeving, venster.datum
        verzoek.gepland_begin, verzoek.gepland_eind = venster.begin, venster.eind
        tekst = (f"Uw wijzigingsverzoek op {verzoek.dienst} is geaccepteerd en ingepland in "
                 f"het onderhoudsvenster van {venster.datum.isoformat()} in "
                 f"{venster.omgeving}, {_lokaal(venster.begin)}-{_lokaal(venster.eind)} "
                 f"({release}).")
    elif naar == Status.AFGEWEZEN:
        verzoek.reden_afwijzing = reden
        tekst = f"Uw wijzigingsverzoek op {verzoek.dienst} is afgewezen: {reden}"
    else:
        tekst = f"Logius beoordeelt uw wijzigingsverzoek op {verzoek.dienst}."
    if toelichting:
        tekst += f"\n\n{toelichting}"
    _meld(verzoek, naar, tekst, vorige=huidig)
    return nieuw


def _lokaal(moment: datetime) -> str:
    return f"{tijd.lokaal(moment):%H:%M}"


class _GeenVenster(ValueError):
    pass


def _venster(dienst: str, venster_id: str | None, nu: datetime) -> onderhoud.Onderhoudsvenster:
    """The coming maintenance window ``venster_id`` of ``dienst``; 400 naming
    ``onderhoudsvenster`` and the rule when there is none."""
    try:
        return _zoek_venster(dienst, venster_id or "", nu)
    except _GeenVenster as exc:
        raise Problem(400, "Ongeldige invoer in: onderhoudsvenster.", code="ongeldige-invoer",
                      invalid_params=[{"name": "onderhoudsvenster", "code": "venster",
                                       "reason": str(exc)}]) from None


def _zoek_venster(dienst: str, venster_id: str, nu: datetime) -> onderhoud.Onderhoudsvenster:
    niveau = uitbreidingen().serviceniveau(dienst)
    _, release = artikelen(dienst)
    match = VENSTER_ID.match(venster_id)
    datum = None
    if match:
        try:
            datum = date.fromisoformat(match["datum"])
        except ValueError:
            datum = None
    if match is None or datum is None:
        raise _GeenVenster(f"{venster_id!r} is geen id van een onderhoudsvenster: "
                           "<omgeving>-<JJJJ-MM-DD>, zoals GET /diensten/{slug}/"
                           "onderhoudsvensters het geeft.")
    regel = niveau.onderhoudsregel(match["omgeving"]) if niveau is not None else None
    if regel is None:
        met = ", ".join(r.omgeving for r in niveau.onderhoud) if niveau else ""
        raise _GeenVenster(f"{dienst} heeft in {match['omgeving']} geen onderhoudsvensters"
                           f"{f'; wel in: {met}' if met else ''}. Een geaccepteerde wijziging "
                           f"wordt in een onderhoudsvenster doorgevoerd ({release}).")
    vensters = onderhoud.vensters(regel, datum.year, datum.month)
    venster = next((v for v in vensters if v.id == venster_id), None)
    if venster is None:
        genoemd = ", ".join(v.id for v in vensters) or "geen"
        raise _GeenVenster(f"Op {datum.isoformat()} heeft {dienst} in {regel.omgeving} geen "
                           f"onderhoudsvenster ({onderhoud.beschrijf(regel)}, "
                           f"{regel.artikel}); die maand: {genoemd}.")
    if venster.begin <= nu:
        raise _GeenVenster(f"Het onderhoudsvenster {venster_id} is al begonnen of voorbij; een "
                           "geaccepteerde wijziging wordt ingepland in een komend venster "
                           f"({release}).")
    return venster


# --- notices -------------------------------------------------------------------------


def _samenvatting(verzoek: Wijzigingsverzoek) -> str:
    return (f"Voorgestelde wijziging: {verzoek.voorgestelde_wijziging}\n\n"
            f"Beoogde voordelen: {verzoek.beoogde_voordelen}\n\n"
            f"Huidige nadelen: {verzoek.huidige_nadelen}\n\n"
            f"Indiener: {verzoek.indiener_naam} <{verzoek.indiener_email}>"
            + (f", {verzoek.indiener_telefoon}" if verzoek.indiener_telefoon else ""))


def _data(verzoek: Wijzigingsverzoek) -> dict:
    artikel, release = artikelen(verzoek.dienst)
    gepland = None
    if verzoek.venster_datum is not None:
        gepland = {"onderhoudsvenster": f"{verzoek.venster_omgeving}-"
                                        f"{verzoek.venster_datum.isoformat()}",
                   "omgeving": verzoek.venster_omgeving,
                   "beginOp": verzoek.gepland_begin.isoformat(),
                   "eindeOp": verzoek.gepland_eind.isoformat(), "artikel": release}
    return {"wijzigingsverzoekId": str(verzoek.id), "afnemerId": str(verzoek.afnemer_id),
            "dienst": verzoek.dienst, "status": verzoek.status, "gepland": gepland,
            "redenAfwijzing": verzoek.reden_afwijzing,
            "artikel": (release if gepland else artikel) or "AV 2.6"}


def _meld(verzoek: Wijzigingsverzoek, status: Status, tekst: str,
          vorige: Status | None = None) -> Gebeurtenis:
    """The event of this step to the afnemer, and the same by e-mail to the indiener."""
    data = _data(verzoek)
    if vorige is not None:
        data["vorigeStatus"] = vorige.value
    gebeurtenis = publiceer(type=GEBEURTENIS[status], afnemer_id=verzoek.afnemer_id,
                            onderwerp=f"Wijzigingsverzoek {verzoek.dienst}: {status.value}",
                            tekst=tekst, data=data)
    adres = verzoek.indiener_email.lower()
    al = {b.adres for b in db.session.new if isinstance(b, Bezorging)
          and b.gebeurtenis_id == gebeurtenis.id and b.kanaal == Kanaal.EMAIL.value}
    if adres not in al:
        db.session.add(Bezorging(
            id=uuid.uuid4(), gebeurtenis_id=gebeurtenis.id, afnemer_id=verzoek.afnemer_id,
            kanaal=Kanaal.EMAIL.value, webhook_id=None, adres=adres,
            status=BezorgStatus.WACHTEND.value, pogingen=0,
            volgende_poging_op=gebeurtenis.aangemaakt_op,
            aangemaakt_op=gebeurtenis.aangemaakt_op))
    return gebeurtenis
