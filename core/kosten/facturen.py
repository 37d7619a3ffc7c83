"""Pro-forma invoices of a year: the advance invoice and the settlement (DP tabel 1).

- **voorschot**: what is invoiced in advance for the year, from the voorcalculatie;
- **verrekening**, in the first quarter of the next year: every cost line of the year on
  actual use (where the plugin charges at least the voorcalculatie), minus the advance.
  For such a line that is max(voorcalculatie, actual) x tariff - advance.

Both are *voorlopig* until their moment has passed: the advance until the year starts
(the voorcalculatie may still change), the settlement until the year has ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.afnemers.models import Afnemer
from core.kosten.afronding import Bedragen
from core.kosten.berekening import (
    BerekendeRegel,
    Kostenoverzicht,
    Rekenaar,
    kosten_aansluitingen,
    met_verbruik,
    totaal,
)
from core.tijd import vandaag
from core.types import Berekening, Periode
from core.verbruik import service as verbruik


@dataclass(frozen=True)
class Factuur:
    soort: str
    omschrijving: str
    factuurperiode_van: date
    factuurperiode_tot: date
    status: str
    regels: tuple[BerekendeRegel, ...]

    @property
    def totaal(self) -> Bedragen:
        return totaal(self.regels)


@dataclass(frozen=True)
class Facturen:
    afnemer_id: object
    jaar: int
    btw_percentage: Decimal | None
    facturen: tuple[Factuur, ...]


def _status(moment: date) -> str:
    return "definitief" if vandaag() >= moment else "voorlopig"


def facturen(afnemer: Afnemer, jaar: int) -> Facturen:
    periode = Periode.kalenderjaar(jaar)
    aansluitingen = [k for _, k in kosten_aansluitingen(afnemer.id).get(afnemer.id, [])]
    voorcalculaties = verbruik.voorcalculaties(jaar, afnemer.id)
    rekenaar = Rekenaar(jaar)
    voorschot: Kostenoverzicht = rekenaar.overzicht(
        afnemer.id, met_verbruik(aansluitingen, {}, voorcalculaties), periode,
        Berekening.VOORSCHOT)
    werkelijk: Kostenoverzicht = rekenaar.overzicht(
        afnemer.id, met_verbruik(aansluitingen, verbruik.totalen(periode, afnemer.id),
                                 voorcalculaties), periode, Berekening.WERKELIJK)
    aftrek = tuple(r.tegenboeking(f"Af: voorschot {jaar} ({r.omschrijving})")
                   for r in voorschot.regels)
    volgend_jaar = jaar + 1
    return Facturen(afnemer.id, jaar, rekenaar.btw_percentage, (
        Factuur(
            "voorschot",
            f"Voorschotfactuur {jaar}: vooraf gefactureerd op de voorcalculatie (DP tabel 1)",
            date(jaar, 1, 1), date(jaar, 1, 1), _status(date(jaar, 1, 1)), voorschot.regels,
        ),
        Factuur(
            "verrekening",
            f"Verrekening {jaar} in het eerste kwartaal van {volgend_jaar}: de kosten van het "
            "jaar op het werkelijke gebruik, met de voorcalculatie als minimum (DP tabel 1), "
            "minus het voorschot",
            date(volgend_jaar, 1, 1), date(volgend_jaar, 3, 31),
            _status(date(volgend_jaar, 1, 1)), werkelijk.regels + aftrek,
        ),
    ))
