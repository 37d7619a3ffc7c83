"""Collecting an afnemer's deadlines from every part of the product.

Each deadline has a stable id (so calendar applications update an event rather than
duplicate it), a date, what it is about, what to do, and the article behind it:

- koppelvlak sunsets of the versions the afnemer's aansluitingen use (AV 14.1);
- announced terms changes that reach the afnemer (AV 13.1, MO 8.1) and, after a
  rejection, the end of delivery (AV 13.2, MO 8.2);
- planned ends of aansluitingen;
- announced maintenance and dienst changes (AV 6.1, AV 14.1), maintenance with its
  begin and end time;
- the planned maintenance windows of every dienst and omgeving the afnemer has a live
  aansluiting on, where the dienst's service level sets them (such as SNO 2
  Onderhoudsvenster for production), for the coming :data:`VENSTER_MAANDEN` months, with their times;
- prognoses that are due, per aansluiting and period (AV 2.5, SNO 3);
- the open steps of aansluitingen' onboarding routes, by their deadlines;
- the last day to report a planned change of its own (AV 2.8), for the
  wijzigingsmeldingen whose realisation is still ahead;
- its accepted change requests (RfC), in the maintenance window they are planned into,
  with its times (the release calendar of the dienst's service level);
- whatever the diensten' plugins add (``dienst_deadlines``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from core import tijd
from core.aankondigingen.models import Aankondiging, Ontvanger
from core.aansluitingen.lifecycle import Status as AansluitingStatus
from core.aansluitingen.models import Aansluiting
from core.db import db
from core.koppelvlakken.models import KoppelvlakGebruik, KoppelvlakVersie
from core.wijzigingsmeldingen.models import Wijzigingsmelding

#: How far ahead the calendar shows maintenance windows, in calendar months.
VENSTER_MAANDEN = 3


@dataclass(frozen=True)
class Deadline:
    id: str
    datum: date
    soort: str
    titel: str
    omschrijving: str
    artikel: str
    bron: str  # API path of what the deadline belongs to
    #: A date with a time span (maintenance, a window): its begin and end, in UTC.
    begin: datetime | None = None
    einde: datetime | None = None


def deadlines(afnemer_id: uuid.UUID, vanaf: date | None = None) -> list[Deadline]:
    """Every deadline on or after ``vanaf`` (today by default), soonest first."""
    vanaf = vanaf or tijd.vandaag()
    basis = f"/api/v1/afnemers/{afnemer_id}"
    uit: list[Deadline] = []

    rows = db.session.execute(
        select(KoppelvlakGebruik, KoppelvlakVersie, Aansluiting.dienst)
        .join(Aansluiting, Aansluiting.id == KoppelvlakGebruik.aansluiting_id)
        .join(KoppelvlakVersie, (KoppelvlakVersie.dienst == Aansluiting.dienst)
              & (KoppelvlakVersie.koppelvlak == KoppelvlakGebruik.koppelvlak)
              & (KoppelvlakVersie.nummer == KoppelvlakGebruik.nummer))
        .where(KoppelvlakGebruik.afnemer_id == afnemer_id,
               KoppelvlakVersie.sunset_op.is_not(None), KoppelvlakVersie.sunset_op >= vanaf))
    for gebruik, versie, dienst in rows:
        opvolger = f" Stap over op versie {versie.opvolger}." if versie.opvolger else ""
        uit.append(Deadline(
            f"sunset-{gebruik.id}-{versie.sunset_op.isoformat()}", versie.sunset_op,
            "koppelvlak-sunset", f"{dienst}: {versie.koppelvlak} {versie.nummer} stopt",
            f"Versie {versie.nummer} van {versie.koppelvlak} wordt niet meer bediend.{opvolger}",
            "AV 14.1", f"{basis}/koppelvlakgebruik/{gebruik.id}"))

    rows = db.session.execute(
        select(Ontvanger, Aankondiging).join(Aankondiging)
        .where(Ontvanger.afnemer_id == afnemer_id))
    for ontvanger, aankondiging in rows:
        bron = f"{basis}/aankondigingen/{aankondiging.id}"
        if aankondiging.wijzigingsdatum and aankondiging.wijzigingsdatum >= vanaf:
            actie = (" Accepteer of wijs af vóór deze datum." if ontvanger.status == "open"
                     else "")
            uit.append(Deadline(
                f"aankondiging-{aankondiging.id}", aankondiging.wijzigingsdatum,
                aankondiging.type, aankondiging.titel,
                f"{aankondiging.type.capitalize()} gaat in.{actie}", aankondiging.artikel, bron))
        if aankondiging.begin_op and tijd.lokaal(aankondiging.begin_op).date() >= vanaf:
            uit.append(Deadline(
                f"aankondiging-{aankondiging.id}-begin", tijd.lokaal(aankondiging.begin_op).date(),
                aankondiging.type, aankondiging.titel, aankondiging.omschrijving,
                aankondiging.artikel, bron, aankondiging.begin_op, aankondiging.einde_op))
        if ontvanger.einde_levering_op and ontvanger.einde_levering_op >= vanaf:
            uit.append(Deadline(
                f"einde-levering-{ontvanger.id}", ontvanger.einde_levering_op, "einde-levering",
                f"Einde levering na afwijzing: {aankondiging.titel}",
                "De levering stopt omdat de gewijzigde voorwaarden zijn afgewezen.",
                ontvanger.grondslag or "AV 13.2", bron))

    for aansluiting in db.session.scalars(
        select(Aansluiting).where(Aansluiting.afnemer_id == afnemer_id,
                                  Aansluiting.gepland_einde_op.is_not(None),
                                  Aansluiting.gepland_einde_op >= vanaf)):
        uit.append(Deadline(
            f"aansluiting-einde-{aansluiting.id}", aansluiting.gepland_einde_op,
            "aansluiting-einde", f"{aansluiting.dienst} ({aansluiting.omgeving}) eindigt",
            "Deze aansluiting is gepland te eindigen.",
            aansluiting.gepland_einde_grondslag or "AV 13.2",
            f"{basis}/aansluitingen/{aansluiting.id}"))

    for melding in db.session.scalars(
        select(Wijzigingsmelding).where(Wijzigingsmelding.afnemer_id == afnemer_id,
                                        Wijzigingsmelding.realisatiedatum >= vanaf)):
        uit.append(Deadline(
            f"wijziging-{melding.id}", melding.realisatiedatum, "wijziging-realisatie",
            "Eigen wijziging gaat live", melding.omschrijving, "AV 2.8",
            f"{basis}/wijzigingsmeldingen/{melding.id}"))

    uit += geplande_wijzigingen(afnemer_id, vanaf)
    uit += onderhoudsvensters(afnemer_id, vanaf)

    from core.prognoses import service as prognoses

    for id_, datum, titel, omschrijving, artikel, aansluiting_id in prognoses.deadlines(
            afnemer_id, vanaf):
        uit.append(Deadline(id_, datum, "prognose", titel, omschrijving, artikel,
                            f"{basis}/prognoses?aansluitingId={aansluiting_id}"))

    from core.aansluitroutes import service as aansluitroutes

    for id_, datum, titel, omschrijving, artikel, aansluiting_id in aansluitroutes.deadlines(
            afnemer_id, vanaf):
        uit.append(Deadline(id_, datum, "aansluitroute", titel, omschrijving, artikel,
                            f"{basis}/aansluitingen/{aansluiting_id}/route"))

    # The diensten' own deadlines (dienst_deadlines), their ids prefixed with the slug.
    from core.uitbreidingen.bijdragen import uitbreidingen

    for slug, post in uitbreidingen().deadlines(afnemer_id, vanaf):
        if post.datum >= vanaf:
            uit.append(Deadline(f"{slug}-{post.id}", post.datum, post.soort, post.titel,
                                post.omschrijving, post.artikel, post.bron))

    return sorted(uit, key=lambda d: (d.datum, d.id))


def geplande_wijzigingen(afnemer_id: uuid.UUID, vanaf: date) -> list[Deadline]:
    """The afnemer's accepted change requests whose maintenance window is on or after
    ``vanaf``: each on its window's day, with the window's times."""
    from core.wijzigingsverzoeken.models import Wijzigingsverzoek
    from core.wijzigingsverzoeken.service import artikelen
    from core.wijzigingsverzoeken.status import Status

    uit = []
    for verzoek in db.session.scalars(
            select(Wijzigingsverzoek).where(
                Wijzigingsverzoek.afnemer_id == afnemer_id,
                Wijzigingsverzoek.status == Status.GEACCEPTEERD.value,
                Wijzigingsverzoek.venster_datum >= vanaf)):
        _, artikel = artikelen(verzoek.dienst)
        uit.append(Deadline(
            f"wijzigingsverzoek-{verzoek.id}", verzoek.venster_datum, "wijzigingsverzoek",
            f"Geaccepteerde wijziging van {verzoek.dienst} in het onderhoudsvenster "
            f"({verzoek.venster_omgeving})", verzoek.voorgestelde_wijziging,
            artikel or "AV 2.6", f"/api/v1/afnemers/{afnemer_id}/wijzigingsverzoeken/{verzoek.id}",
            verzoek.gepland_begin, verzoek.gepland_eind))
    return uit


def onderhoudsvensters(afnemer_id: uuid.UUID, vanaf: date) -> list[Deadline]:
    """The maintenance windows that touch the afnemer: those of each dienst and omgeving
    it has a live aansluiting on, from ``vanaf`` for :data:`VENSTER_MAANDEN` months."""
    from core.serviceniveau.onderhoud import beschrijf, vensters_tussen
    from core.uitbreidingen.bijdragen import uitbreidingen

    geraakt = db.session.execute(
        select(Aansluiting.dienst, Aansluiting.omgeving).where(
            Aansluiting.afnemer_id == afnemer_id,
            Aansluiting.status != AansluitingStatus.BEEINDIGD.value).distinct())
    tot = tijd.plus_maanden(vanaf, VENSTER_MAANDEN)
    uit = []
    for dienst, omgeving in sorted(geraakt):
        niveau = uitbreidingen().serviceniveau(dienst)
        regel = niveau.onderhoudsregel(omgeving) if niveau else None
        if regel is None:
            continue
        for venster in vensters_tussen(regel, vanaf, tot):
            begin, eind = tijd.lokaal(venster.begin), tijd.lokaal(venster.eind)
            uit.append(Deadline(
                f"onderhoudsvenster-{dienst}-{venster.id}", venster.datum, "onderhoudsvenster",
                f"Onderhoudsvenster {dienst} ({omgeving}) {begin:%H:%M}-{eind:%H:%M}",
                f"In dit venster kan gepland onderhoud plaatsvinden, hooguit "
                f"{regel.max_uren} uur en hooguit {regel.max_per_maand} keer per maand "
                f"({beschrijf(regel)}). Aangekondigd onderhoud staat apart in de agenda.",
                regel.artikel,
                f"/api/v1/diensten/{dienst}/onderhoudsvensters?maand={venster.datum:%Y-%m}",
                venster.begin, venster.eind))
    return uit
