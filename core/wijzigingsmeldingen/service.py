"""Recording a wijzigingsmelding and judging it against AV 2.8."""

from __future__ import annotations

from datetime import date

from core import tijd
from core.afnemers.models import Afnemer
from core.auth.principal import Principal
from core.db import db, utcnow
from core.meldingen.outbox import publiceer
from core.voorwaarden.algemene import AV_WIJZIGINGSMELDING_TERMIJN
from core.wijzigingsmeldingen.models import Wijzigingsmelding

#: AV 2.8: reported at least three calendar months before realisation.
REGEL = "AV 2.8"


def beoordeel(realisatiedatum: date, vandaag: date | None = None) -> tuple[date, bool, str]:
    """AV 2.8 for a change realised on ``realisatiedatum`` and reported ``vandaag``: the
    last day reporting was on time, whether it is late, and what that means in words.
    The API records exactly this; the console shows it while the date is typed."""
    vandaag = vandaag or tijd.vandaag()
    uiterlijk = tijd.min_termijn(realisatiedatum, AV_WIJZIGINGSMELDING_TERMIJN)
    te_laat = vandaag > uiterlijk
    termijn = tijd.beschrijf(AV_WIJZIGINGSMELDING_TERMIJN)
    if te_laat:
        toelichting = (
            f"Te laat gemeld: een wijziging die een dienst van Logius kan raken, meldt de "
            f"afnemer minstens {termijn} voor de realisatie ({REGEL}). Voor realisatie op "
            f"{realisatiedatum} was dat uiterlijk op {uiterlijk}; gemeld op {vandaag}."
        )
    else:
        toelichting = (
            f"Op tijd gemeld: minstens {termijn} voor de realisatie op {realisatiedatum} "
            f"({REGEL}: uiterlijk op {uiterlijk})."
        )
    return uiterlijk, te_laat, toelichting


def melden(afnemer: Afnemer, *, omschrijving: str, dienst: str | None,
           realisatiedatum: date, door: Principal) -> Wijzigingsmelding:
    """Record the report; a late one is accepted too, but marked (AV 2.8)."""
    vandaag = tijd.vandaag()
    uiterlijk, te_laat, toelichting = beoordeel(realisatiedatum, vandaag)
    melding = Wijzigingsmelding(
        afnemer_id=afnemer.id, omschrijving=omschrijving, dienst=dienst,
        realisatiedatum=realisatiedatum, gemeld_op=vandaag, uiterlijk_melden_op=uiterlijk,
        te_laat=te_laat, geschonden_regel=REGEL if te_laat else None, toelichting=toelichting,
        gemeld_door=door.naam, aangemaakt_op=utcnow(),
    )
    db.session.add(melding)
    db.session.flush()  # the id goes into the events
    data = {"wijzigingsmeldingId": str(melding.id), "afnemerId": str(afnemer.id),
            "dienst": dienst, "realisatiedatum": realisatiedatum.isoformat(),
            "uiterlijkMeldenOp": uiterlijk.isoformat(), "teLaat": te_laat, "artikel": REGEL}
    publiceer(type="wijzigingsmelding.ontvangen", afnemer_id=None,
              onderwerp=f"Wijzigingsmelding van {afnemer.naam}, realisatie {realisatiedatum}",
              tekst=omschrijving, data=data)
    if te_laat:
        publiceer(type="wijzigingsmelding.te-laat", afnemer_id=None,
                  onderwerp=f"Te late wijzigingsmelding van {afnemer.naam}",
                  tekst=toelichting, data=data)
    return melding
