"""The cost engine: per aansluiting, the plugin's lines; core rounds, adds BTW and sums.

Everything a calculation needs is loaded up front in a few queries: the afnemer's
aansluitingen, the usage totals (one aggregate query, ``core.verbruik.service``), the
voorcalculaties, the year's tariffs and its BTW rate. Each plugin then answers
``dienst_kosten`` for the aansluitingen of its dienst; each line is rounded on its own
(``core.kosten.afronding``). A missing tariff or BTW rate is a 409 that names it.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import Date, Text, cast, func, select

from core.aansluitingen.models import Aansluiting
from core.afnemers.models import Afnemer
from core.db import db
from core.errors import Problem
from core.kosten.afronding import NUL, Bedragen, BtwOntbreekt, bedragen
from core.plugins import diensten
from core.tarieven.service import btw_percentage, tarieven_per_dienst
from core.tijd import AMSTERDAM, lokaal
from core.types import (
    Afnemertype,
    Berekening,
    KostenAansluiting,
    Periode,
    TariefOntbreekt,
    Verbruik,
)
from core.verbruik import service as verbruik


@dataclass(frozen=True)
class BerekendeRegel:
    """A plugin's line with its amounts: excl. BTW, BTW and incl. BTW, each in cents."""

    dienst: str
    aansluiting_id: uuid.UUID | None
    omschrijving: str
    artikel: str
    hoeveelheid: int
    eenheid: str
    tarief: Decimal
    inclusief_btw: bool
    code: str | None
    metriek: str | None
    bedragen: Bedragen

    @property
    def bedrag_excl_btw(self) -> Decimal:
        return self.bedragen.excl_btw

    @property
    def btw(self) -> Decimal:
        return self.bedragen.btw

    @property
    def bedrag_incl_btw(self) -> Decimal:
        return self.bedragen.incl_btw

    def tegenboeking(self, omschrijving: str) -> BerekendeRegel:
        """The same line with opposite sign (what was invoiced before, deducted)."""
        return replace(self, omschrijving=omschrijving, hoeveelheid=-self.hoeveelheid,
                       bedragen=-self.bedragen)


def totaal(regels: Iterable[BerekendeRegel]) -> Bedragen:
    som = NUL
    for regel in regels:
        som = som + regel.bedragen
    return som


@dataclass(frozen=True)
class Kostenoverzicht:
    afnemer_id: uuid.UUID
    periode: Periode
    soort: Berekening
    btw_percentage: Decimal | None
    regels: tuple[BerekendeRegel, ...]
    #: For an estimate: the volumes used, each with its ``bron`` (invoer or prognose).
    volumes: tuple[dict, ...] = ()

    @property
    def van(self):
        return self.periode.van

    @property
    def tot(self):
        return self.periode.tot

    @property
    def jaar(self) -> int:
        return self.periode.jaar

    @property
    def totaal(self) -> Bedragen:
        return totaal(self.regels)

    @property
    def per_dienst(self) -> list[dict]:
        diensten_ = sorted({r.dienst for r in self.regels})
        return [{"dienst": d, "totaal": totaal(r for r in self.regels if r.dienst == d)}
                for d in diensten_]


def tarief_ontbreekt(exc: TariefOntbreekt) -> Problem:
    return Problem(
        409,
        f"Het tarief {exc.code!r} van {exc.dienst} voor {exc.jaar} is niet vastgesteld. Het "
        f"productteam of Logius stelt het vast met PUT /diensten/{exc.dienst}/tarieven/"
        f"{exc.jaar}/{exc.code}.",
        code="tarief-ontbreekt", dienst=exc.dienst, jaar=exc.jaar, tariefcode=exc.code,
    )


def btw_ontbreekt(exc: BtwOntbreekt) -> Problem:
    return Problem(
        409,
        f"Het btw-tarief voor {exc.jaar} is niet vastgesteld. Logius stelt het vast met PUT "
        f"/btw-tarieven/{exc.jaar}.",
        code="btw-tarief-ontbreekt", jaar=exc.jaar,
    )


def als_kosten_aansluiting(aansluiting: Aansluiting, afnemertype: str) -> KostenAansluiting:
    """The plain facts a plugin gets; dates are days in Europe/Amsterdam."""
    return KostenAansluiting(
        id=aansluiting.id,
        afnemer_id=aansluiting.afnemer_id,
        afnemertype=Afnemertype(afnemertype),
        dienst=aansluiting.dienst,
        omgeving=aansluiting.omgeving,
        onderdelen=tuple(aansluiting.onderdelen or ()),
        geactiveerd_op=lokaal(aansluiting.geactiveerd_op).date()
        if aansluiting.geactiveerd_op else None,
        beeindigd_op=lokaal(aansluiting.beeindigd_op).date()
        if aansluiting.beeindigd_op else None,
    )


def kosten_aansluitingen(afnemer_id: uuid.UUID | None = None
                         ) -> dict[uuid.UUID, list[tuple[Aansluiting, KostenAansluiting]]]:
    """The aansluitingen on diensten with costs, per afnemer, in a stable order."""
    statement = (
        select(Aansluiting, Afnemer.type)
        .join(Afnemer, Afnemer.id == Aansluiting.afnemer_id)
        .where(Aansluiting.dienst.in_(diensten().met_kosten()))
        .order_by(Aansluiting.afnemer_id, Aansluiting.dienst, Aansluiting.omgeving,
                  Aansluiting.aangemaakt_op, Aansluiting.id)
    )
    if afnemer_id is not None:
        statement = statement.where(Aansluiting.afnemer_id == afnemer_id)
    result: dict[uuid.UUID, list] = {}
    for aansluiting, afnemertype in db.session.execute(statement):
        result.setdefault(aansluiting.afnemer_id, []).append(
            (aansluiting, als_kosten_aansluiting(aansluiting, afnemertype)))
    return result


def kosten_feiten() -> dict[uuid.UUID, list[KostenAansluiting]]:
    """What :func:`kosten_aansluitingen` gives for every afnemer, only the facts, read as
    plain columns: a cost run reads tens of thousands of aansluitingen and needs no
    model objects (building those was a third of the run).

    On PostgreSQL the database gives the days in Europe/Amsterdam itself (converting two
    timestamps per row in Python was a fifth of reading them); SQLite knows no time
    zones, so there Python converts.
    """
    in_database = db.session.get_bind().dialect.name == "postgresql"

    def dag(kolom):
        if in_database:
            return cast(func.timezone(AMSTERDAM.key, kolom), Date)
        return kolom

    def als_dag(waarde):
        if waarde is None or in_database:
            return waarde
        return lokaal(waarde).date()

    statement = (
        select(Aansluiting.id, Aansluiting.afnemer_id, Afnemer.type, Aansluiting.dienst,
               Aansluiting.omgeving, cast(Aansluiting.onderdelen, Text),
               dag(Aansluiting.geactiveerd_op), dag(Aansluiting.beeindigd_op))
        .join(Afnemer, Afnemer.id == Aansluiting.afnemer_id)
        .where(Aansluiting.dienst.in_(diensten().met_kosten()))
        .order_by(Aansluiting.afnemer_id, Aansluiting.dienst, Aansluiting.omgeving,
                  Aansluiting.aangemaakt_op, Aansluiting.id)
    )
    typen = {t.value: t for t in Afnemertype}
    result: dict[uuid.UUID, list[KostenAansluiting]] = {}
    for id_, afnemer_id, type_, dienst, omgeving, onderdelen, actief, einde in (
            db.session.execute(statement)):
        result.setdefault(afnemer_id, []).append(KostenAansluiting(
            id=id_, afnemer_id=afnemer_id, afnemertype=typen[type_], dienst=dienst,
            omgeving=omgeving, onderdelen=_onderdelen(onderdelen),
            geactiveerd_op=als_dag(actief), beeindigd_op=als_dag(einde)))
    return result


@functools.lru_cache(maxsize=1024)
def _onderdelen(json_tekst: str | None) -> tuple[str, ...]:
    """A dienst has a handful of onderdelen, so aansluitingen share a few combinations:
    each is parsed once (read as text, not as JSON per row)."""
    return tuple(json.loads(json_tekst) or ()) if json_tekst else ()


class Rekenaar:
    """One calendar year's tariffs and BTW rate, loaded once, applied to many lines."""

    def __init__(self, jaar: int) -> None:
        self.jaar = jaar
        self.diensten = diensten()
        self.tarieven = tarieven_per_dienst(jaar, self.diensten.met_kosten())
        self.btw_percentage = btw_percentage(jaar)

    def regels(self, aansluiting: KostenAansluiting, periode: Periode, gebruik: Verbruik,
               soort: Berekening) -> list[BerekendeRegel]:
        tarieven = self.tarieven.get(aansluiting.dienst)
        if tarieven is None:
            return []
        try:
            lijnen = self.diensten.kosten(aansluiting, periode, gebruik, tarieven, soort)
        except TariefOntbreekt as exc:
            raise tarief_ontbreekt(exc) from None
        berekend = []
        for lijn in lijnen:
            try:
                bedrag = bedragen(lijn.hoeveelheid, lijn.tarief, lijn.inclusief_btw,
                                  self.btw_percentage, self.jaar)
            except BtwOntbreekt as exc:
                raise btw_ontbreekt(exc) from None
            berekend.append(BerekendeRegel(
                dienst=aansluiting.dienst, aansluiting_id=aansluiting.id,
                omschrijving=lijn.omschrijving, artikel=lijn.artikel,
                hoeveelheid=lijn.hoeveelheid, eenheid=lijn.eenheid, tarief=lijn.tarief,
                inclusief_btw=lijn.inclusief_btw, code=lijn.code, metriek=lijn.metriek,
                bedragen=bedrag,
            ))
        return berekend

    def overzicht(self, afnemer_id: uuid.UUID,
                  aansluitingen: list[tuple[KostenAansluiting, Verbruik]],
                  periode: Periode, soort: Berekening) -> Kostenoverzicht:
        regels = []
        for aansluiting, gebruik in aansluitingen:
            regels += self.regels(aansluiting, periode, gebruik, soort)
        return Kostenoverzicht(afnemer_id, periode, soort, self.btw_percentage, tuple(regels))


def met_verbruik(aansluitingen: Iterable[KostenAansluiting], totalen: verbruik.Totalen,
                 voorcalculaties: dict[uuid.UUID, dict[str, int]]
                 ) -> list[tuple[KostenAansluiting, Verbruik]]:
    """Each aansluiting with its usage in the period and year, and its voorcalculatie."""
    paren = []
    for aansluiting in aansluitingen:
        in_periode, in_jaar = totalen.get(aansluiting.id, ({}, {}))
        paren.append((aansluiting, Verbruik(in_periode, in_jaar,
                                            voorcalculaties.get(aansluiting.id, {}))))
    return paren


def werkelijke_kosten(afnemer: Afnemer, periode: Periode) -> Kostenoverzicht:
    """The actual costs of one afnemer over ``periode``, from the usage recorded."""
    aansluitingen = [k for _, k in kosten_aansluitingen(afnemer.id).get(afnemer.id, [])]
    paren = met_verbruik(aansluitingen, verbruik.totalen(periode, afnemer.id),
                         verbruik.voorcalculaties(periode.jaar, afnemer.id))
    return Rekenaar(periode.jaar).overzicht(afnemer.id, paren, periode, Berekening.WERKELIJK)
