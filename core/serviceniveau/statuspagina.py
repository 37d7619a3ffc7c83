"""The public status page of a dienst with a service level, its Atom feed and the
iCalendar feed of its maintenance windows.

Everything here is what anyone may see, without a token: it names no afnemer and holds no
afnemer's id or text. What it shows, at the moment ``nu``:

- **the state of each function in each omgeving** (the dienst's ``Serviceniveau.functies``
  times its omgevingen), the worst that applies now:
  ``storing`` (a recorded outage that has begun and not ended), ``onderhoud`` (recorded
  planned or emergency maintenance, or an announced maintenance, in progress),
  ``verstoord`` (an open incident that Logius made public names the function), or
  ``beschikbaar``. Recorded unavailability without functions touches every function; an
  announcement of maintenance without an omgeving touches every omgeving.
- **the open incidents that Logius made public** (:func:`openbare_incidenten`);
- **the coming maintenance**: announced maintenance that has not ended, and the dienst's
  maintenance windows (``Serviceniveau.onderhoud``) from today for
  :data:`VENSTER_MAANDEN` calendar months, as the deadline calendar shows them.

Decisions:

- The announcements of maintenance (``onderhoud``, AV 6.1) of a dienst concern every
  afnemer of it; their title and times are public. Their description is not shown.
- Recorded unavailability is Logius' own record of the dienst (readable with any token
  already); its description is shown.
- An incident is reported by an afnemer and holds its words: the page shows only the
  omgeving, the functions, the priority, the status and the times of a public one, with
  an opaque id (not the incident's, which would identify a tenant's resource).
- A dienst without a service level has a page without functions, incidents or
  maintenance; its ``stand`` is null.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

from sqlalchemy import or_, select

from core import tijd
from core.aankondigingen.models import Aankondiging
from core.db import db
from core.plugins import diensten
from core.serviceniveau import onderhoud
from core.serviceniveau.beschikbaarheid_models import Onbeschikbaarheid
from core.serviceniveau.typen import Onbeschikbaarheidssoort, Serviceniveau
from core.uitbreidingen.bijdragen import uitbreidingen

#: How far ahead the page and the iCalendar feed show maintenance windows (the deadline
#: calendar's reach, ``core.agenda.service.VENSTER_MAANDEN``).
VENSTER_MAANDEN = 3
#: How far back the Atom feed shows recorded unavailability that has ended.
TERUG = timedelta(days=30)
#: At most this many items of each kind on the page and in the feed.
MAXIMUM = 50
ATOM = "http://www.w3.org/2005/Atom"
#: Names the opaque ids of the page (uuid5), so they are stable and reveal nothing.
NAAMRUIMTE = uuid.UUID("5b6f7a2e-3c1d-4e8f-9a0b-1c2d3e4f5a6b")


class Stand:
    BESCHIKBAAR = "beschikbaar"
    VERSTOORD = "verstoord"
    ONDERHOUD = "onderhoud"
    STORING = "storing"


STANDEN = (Stand.BESCHIKBAAR, Stand.VERSTOORD, Stand.ONDERHOUD, Stand.STORING)
#: How bad each state is; the worst that applies wins.
ERNST = {s: i for i, s in enumerate(STANDEN)}
SOORT_STAND = {Onbeschikbaarheidssoort.STORING.value: Stand.STORING,
               Onbeschikbaarheidssoort.SPOEDONDERHOUD.value: Stand.ONDERHOUD,
               Onbeschikbaarheidssoort.GEPLAND_ONDERHOUD.value: Stand.ONDERHOUD}
SOORT_TEKST = {"storing": "Storing", "spoedonderhoud": "Spoedonderhoud",
               "gepland-onderhoud": "Gepland onderhoud"}


@dataclass(frozen=True)
class Oorzaak:
    """Why a function is not ``beschikbaar`` now."""

    stand: str
    sinds: datetime | None
    tot: datetime | None
    toelichting: str


def openbaar_id(soort: str, id_: object) -> str:
    return str(uuid.uuid5(NAAMRUIMTE, f"{soort}:{id_}"))


def serviceniveau(slug: str) -> Serviceniveau | None:
    return uitbreidingen().serviceniveau(slug)


# --- what is happening ----------------------------------------------------------------


def lopende_onbeschikbaarheid(slug: str, nu: datetime) -> list[Onbeschikbaarheid]:
    """Recorded unavailability that has begun and not ended at ``nu``."""
    return list(db.session.scalars(
        select(Onbeschikbaarheid).where(
            Onbeschikbaarheid.dienst == slug, Onbeschikbaarheid.van <= nu,
            or_(Onbeschikbaarheid.tot.is_(None), Onbeschikbaarheid.tot > nu))
        .order_by(Onbeschikbaarheid.van, Onbeschikbaarheid.id).limit(MAXIMUM)))


def recente_onbeschikbaarheid(slug: str, nu: datetime) -> list[Onbeschikbaarheid]:
    """Recorded unavailability of the last :data:`TERUG`, and what has not ended."""
    return list(db.session.scalars(
        select(Onbeschikbaarheid).where(
            Onbeschikbaarheid.dienst == slug, Onbeschikbaarheid.van <= nu,
            or_(Onbeschikbaarheid.tot.is_(None), Onbeschikbaarheid.tot >= nu - TERUG))
        .order_by(Onbeschikbaarheid.van.desc(), Onbeschikbaarheid.id).limit(MAXIMUM)))


def aangekondigd_onderhoud(slug: str, nu: datetime) -> list[Aankondiging]:
    """Announced maintenance of the dienst that has not ended at ``nu``, soonest first.
    One without an end counts until a day after its begin."""
    return [a for a in db.session.scalars(
        select(Aankondiging).where(
            Aankondiging.type == "onderhoud", Aankondiging.dienst == slug,
            Aankondiging.begin_op.is_not(None),
            or_(Aankondiging.einde_op > nu,
                Aankondiging.einde_op.is_(None) & (Aankondiging.begin_op > nu - timedelta(days=1))))
        .order_by(Aankondiging.begin_op, Aankondiging.id).limit(MAXIMUM))]


def openbare_incidenten(slug: str, nu: datetime) -> list[dict]:
    """The open incidents of the dienst that Logius made public (``Incident.publiek``,
    set with ``PATCH /incidenten/{id}``), as the page shows them: the omgeving, the
    functions, the priority, the status, the times and Logius' own words
    (``publieke_omschrijving``), never the afnemer's description or the incident's id.
    An incident leaves the page once it is resolved."""
    from core.serviceniveau.incidenten.klok import OPGELOST
    from core.serviceniveau.incidenten.models import Incident

    rijen = db.session.scalars(
        select(Incident).where(Incident.dienst == slug, Incident.publiek.is_(True),
                               Incident.status.not_in([s.value for s in OPGELOST]))
        .order_by(Incident.gemeld_op.desc(), Incident.id).limit(MAXIMUM))
    return [{"id": openbaar_id("incident", i.id), "omgeving": i.omgeving,
             "functies": list(i.functies or []), "prioriteit": i.prioriteit,
             "status": i.status, "gemeld_op": i.gemeld_op, "gewijzigd_op": i.gewijzigd_op,
             "omschrijving": i.publieke_omschrijving} for i in rijen]


def _kies(huidig: Oorzaak | None, nieuw: Oorzaak) -> Oorzaak:
    if huidig is None or ERNST[nieuw.stand] > ERNST[huidig.stand]:
        return nieuw
    return huidig


def functiestanden(slug: str, niveau: Serviceniveau, nu: datetime,
                   incidenten: list[dict], aangekondigd: list[Aankondiging]) -> list[dict]:
    """Per function and omgeving: its state now and why."""
    omgevingen = [o.slug for o in diensten().get(slug).omgevingen]
    oorzaken: dict[tuple[str, str], Oorzaak] = {}
    alle = [f.slug for f in niveau.functies]

    def raak(omgeving: str | None, functies, oorzaak: Oorzaak) -> None:
        for o in ([omgeving] if omgeving else omgevingen):
            for f in (functies or alle):
                if f in alle and o in omgevingen:
                    oorzaken[(f, o)] = _kies(oorzaken.get((f, o)), oorzaak)

    for r in lopende_onbeschikbaarheid(slug, nu):
        tekst = SOORT_TEKST.get(r.soort, r.soort)
        raak(r.omgeving, r.functies, Oorzaak(
            SOORT_STAND.get(r.soort, Stand.STORING), r.van, r.tot,
            f"{tekst}{': ' + r.omschrijving if r.omschrijving else ''}"))
    for a in aangekondigd:
        if a.begin_op <= nu:
            raak(a.omgeving, None, Oorzaak(Stand.ONDERHOUD, a.begin_op, a.einde_op,
                                           f"Aangekondigd onderhoud: {a.titel}"))
    for i in incidenten:
        raak(i["omgeving"], i["functies"], Oorzaak(
            Stand.VERSTOORD, i["gemeld_op"], None,
            f"Incident met prioriteit {i['prioriteit']}, {i['status']}"))
    uit = []
    for functie in niveau.functies:
        for omgeving in omgevingen:
            oorzaak = oorzaken.get((functie.slug, omgeving))
            uit.append({"functie": functie.slug, "naam": functie.naam, "omgeving": omgeving,
                        "stand": oorzaak.stand if oorzaak else Stand.BESCHIKBAAR,
                        "sinds": oorzaak.sinds if oorzaak else None,
                        "tot": oorzaak.tot if oorzaak else None,
                        "toelichting": oorzaak.toelichting if oorzaak else None})
    return uit


def vensters(slug: str, niveau: Serviceniveau, nu: datetime) -> list[onderhoud.Onderhoudsvenster]:
    """The maintenance windows from today for :data:`VENSTER_MAANDEN` months that have
    not ended, soonest first."""
    vandaag = tijd.lokaal(nu).date()
    tot = tijd.plus_maanden(vandaag, VENSTER_MAANDEN)
    return sorted((v for regel in niveau.onderhoud
                   for v in onderhoud.vensters_tussen(regel, vandaag, tot) if v.eind > nu),
                  key=lambda v: (v.begin, v.omgeving))


def komend_onderhoud(niveau: Serviceniveau, vensters_: list, aangekondigd: list[Aankondiging]
                     ) -> list[dict]:
    uit = [{"id": openbaar_id("aankondiging", a.id), "soort": "aangekondigd",
            "omgeving": a.omgeving, "begin_op": a.begin_op, "einde_op": a.einde_op,
            "titel": a.titel, "afwijking": bool(a.afwijking), "artikel": a.artikel}
           for a in aangekondigd]
    uit += [{"id": v.id, "soort": "venster", "omgeving": v.omgeving, "begin_op": v.begin,
             "einde_op": v.eind, "titel": f"Onderhoudsvenster ({v.omgeving})",
             "afwijking": False, "artikel": v.artikel} for v in vensters_]
    return sorted(uit, key=lambda o: (o["begin_op"], o["soort"], o["id"]))


def pagina(slug: str, nu: datetime | None = None) -> dict:
    """The public part of ``GET /diensten/{slug}/status``."""
    from flask import current_app

    from core.config import API_PREFIX

    nu = nu or tijd.utcnow()
    info = diensten().get(slug)
    niveau = serviceniveau(slug)
    basis = f"{current_app.config['PUBLIC_URL'].rstrip('/')}{API_PREFIX}/diensten/{slug}"
    uit = {"dienst": slug, "naam": info.naam, "serviceniveau": None, "bijgewerkt_op": nu,
           "stand": None, "functies": [], "incidenten": [], "onderhoud": [],
           "statusfeed_url": f"{basis}/statusfeed",
           "onderhoudskalender_url": f"{basis}/onderhoudskalender"}
    if niveau is None:
        return uit
    incidenten = openbare_incidenten(slug, nu)
    aangekondigd = aangekondigd_onderhoud(slug, nu)
    standen = functiestanden(slug, niveau, nu, incidenten, aangekondigd)
    uit.update({
        "serviceniveau": niveau.bron,
        "stand": max((s["stand"] for s in standen), key=ERNST.__getitem__,
                     default=Stand.BESCHIKBAAR),
        "functies": standen, "incidenten": incidenten,
        "onderhoud": komend_onderhoud(niveau, vensters(slug, niveau, nu), aangekondigd)})
    return uit


# --- the feeds -----------------------------------------------------------------------


def _tijd(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _lokaal(moment: datetime | None) -> str:
    return f"{tijd.lokaal(moment):%d-%m-%Y %H:%M}" if moment else "onbekend"


def atom(slug: str, nu: datetime | None = None) -> bytes:
    """An Atom feed (RFC 4287) of the status page: one entry per open public incident,
    per recorded unavailability of the last :data:`TERUG` (or not ended) and per
    announced maintenance that has not ended. Entry ids are stable, so a reader marks
    what it has seen; ``updated`` is when the entry last changed."""
    from flask import current_app

    from core.config import API_PREFIX

    nu = nu or tijd.utcnow()
    info = diensten().get(slug)
    niveau = serviceniveau(slug)
    basis = f"{current_app.config['PUBLIC_URL'].rstrip('/')}{API_PREFIX}/diensten/{slug}"
    entries: list[tuple[datetime, str, str, str, str]] = []  # updated, id, title, text, link
    if niveau is not None:
        functienaam = {f.slug: f.naam for f in niveau.functies}

        def namen(functies) -> str:
            return ", ".join(functienaam.get(f, f) for f in functies) or "alle functies"

        for i in openbare_incidenten(slug, nu):
            entries.append((i["gewijzigd_op"], f"urn:uuid:{i['id']}",
                            f"Verstoring {info.naam} ({i['omgeving']}): {namen(i['functies'])}",
                            f"Incident met prioriteit {i['prioriteit']}, status {i['status']}, "
                            f"gemeld {_lokaal(i['gemeld_op'])}."
                            + (f" {i['omschrijving']}" if i["omschrijving"] else ""),
                            f"{basis}/status"))
        for r in recente_onbeschikbaarheid(slug, nu):
            soort = SOORT_TEKST.get(r.soort, r.soort)
            eind = f"tot {_lokaal(r.tot)}" if r.tot else "nog niet voorbij"
            entries.append((r.gewijzigd_op, f"urn:uuid:{openbaar_id('onbeschikbaarheid', r.id)}",
                            f"{soort} {info.naam} ({r.omgeving}): {namen(r.functies)}",
                            f"Van {_lokaal(r.van)}, {eind}."
                            + (f" {r.omschrijving}" if r.omschrijving else ""),
                            f"{basis}/onbeschikbaarheid/{r.id}"))
        for a in aangekondigd_onderhoud(slug, nu):
            waar = a.omgeving or "alle omgevingen"
            entries.append((a.aangemaakt_op, f"urn:uuid:{openbaar_id('aankondiging', a.id)}",
                            f"Onderhoud {info.naam} ({waar}): {a.titel}",
                            f"Van {_lokaal(a.begin_op)} tot {_lokaal(a.einde_op)} ({a.artikel})."
                            + (" Buiten het onderhoudsvenster, als afwijking aangekondigd."
                               if a.afwijking else ""), f"{basis}/status"))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    ET.register_namespace("", ATOM)

    def el(ouder, naam, tekst=None, **attrs):
        knoop = ET.SubElement(ouder, f"{{{ATOM}}}{naam}", attrs)
        if tekst is not None:
            knoop.text = tekst
        return knoop

    feed = ET.Element(f"{{{ATOM}}}feed")
    el(feed, "id", f"{basis}/statusfeed")
    el(feed, "title", f"Status van {info.naam}")
    el(feed, "subtitle", niveau.bron if niveau else "Geen serviceniveau")
    el(feed, "updated", _tijd(max((e[0] for e in entries), default=nu)))
    el(feed, "link", rel="self", type="application/atom+xml", href=f"{basis}/statusfeed")
    el(feed, "link", rel="alternate", type="application/json", href=f"{basis}/status")
    auteur = el(feed, "author")
    el(auteur, "name", "Logius")
    for updated, id_, titel, tekst, link in entries:
        entry = el(feed, "entry")
        el(entry, "id", id_)
        el(entry, "title", titel)
        el(entry, "updated", _tijd(updated))
        el(entry, "link", rel="alternate", href=link)
        el(entry, "summary", tekst, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def ical(slug: str, nu: datetime | None = None) -> bytes:
    """The dienst's maintenance windows (from today for :data:`VENSTER_MAANDEN` months)
    and its announced maintenance as iCalendar, built by the deadline calendar's
    :func:`core.agenda.views.ical` (stable UIDs, a reminder a day ahead)."""
    from core.agenda.service import Deadline
    from core.agenda.views import ical as kalender

    nu = nu or tijd.utcnow()
    info = diensten().get(slug)
    niveau = serviceniveau(slug)
    items: list[Deadline] = []
    if niveau is not None:
        for v in vensters(slug, niveau, nu):
            regel = niveau.onderhoudsregel(v.omgeving)
            items.append(Deadline(
                f"onderhoudsvenster-{slug}-{v.id}", v.datum, "onderhoudsvenster",
                f"Onderhoudsvenster {info.naam} ({v.omgeving}) "
                f"{tijd.lokaal(v.begin):%H:%M}-{tijd.lokaal(v.eind):%H:%M}",
                f"In dit venster kan gepland onderhoud plaatsvinden, hooguit {v.max_uren} uur "
                f"({onderhoud.beschrijf(regel)}).", v.artikel,
                f"/api/v1/diensten/{slug}/onderhoudsvensters?maand={v.datum:%Y-%m}",
                v.begin, v.eind))
        for a in aangekondigd_onderhoud(slug, nu):
            items.append(Deadline(
                f"onderhoud-{openbaar_id('aankondiging', a.id)}", tijd.lokaal(a.begin_op).date(),
                "onderhoud", f"Onderhoud {info.naam} ({a.omgeving or 'alle omgevingen'}): "
                f"{a.titel}", "Aangekondigd gepland onderhoud.", a.artikel,
                f"/api/v1/diensten/{slug}/status", a.begin_op, a.einde_op))
    return kalender(f"onderhoud {info.naam}", sorted(items, key=lambda d: (d.begin, d.id)))
