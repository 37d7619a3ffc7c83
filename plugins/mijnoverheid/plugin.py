"""MijnOverheid's hook implementations; each hands over to the module of its hook family:
:mod:`.dienst`, :mod:`.voorwaarden`, :mod:`.koppelvlakken`, :mod:`.kosten` and
:mod:`.prognoses`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.sdk import (
    Aansluitroute,
    Berekening,
    DienstInfo,
    Koppelvlak,
    KostenAansluiting,
    Kostenregel,
    Periode,
    Prognoseperiode,
    Prognoseplicht,
    Tariefschema,
    Tarieven,
    Verbruik,
    VoorwaardenDocument,
    hookimpl,
)

from . import dienst, koppelvlakken, kosten, prognoses, voorwaarden


@hookimpl
def dienst_info() -> DienstInfo:
    return dienst.DIENST


@hookimpl
def dienst_voorwaarden() -> list[VoorwaardenDocument]:
    return [voorwaarden.VOORWAARDEN]


@hookimpl
def dienst_koppelvlakken() -> list[Koppelvlak]:
    return koppelvlakken.KOPPELVLAKKEN


@hookimpl
def dienst_tarieven(jaar: int) -> Tariefschema:
    return kosten.tariefschema(jaar)


@hookimpl
def dienst_kosten(aansluiting: KostenAansluiting, periode: Periode, verbruik: Verbruik,
                  tarieven: Tarieven, berekening: Berekening) -> list[Kostenregel]:
    return kosten.kosten(aansluiting, periode, verbruik, tarieven, berekening)


@hookimpl
def dienst_prognose_schema() -> type[prognoses.PrognoseSchema]:
    return prognoses.PrognoseSchema


@hookimpl
def dienst_prognose_perioden(jaar: int) -> list[Prognoseperiode]:
    return prognoses.perioden(jaar)


@hookimpl
def dienst_prognose_plicht(aansluiting: KostenAansluiting) -> Prognoseplicht:
    return prognoses.plicht(aansluiting)


@hookimpl
def dienst_prognose_volumes(periode: Prognoseperiode,
                            formulier: Mapping[str, Any]) -> dict[str, int]:
    return prognoses.volumes(formulier)


@hookimpl
def dienst_route() -> Aansluitroute:
    from .route import ROUTE

    return ROUTE
