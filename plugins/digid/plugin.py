"""DigiD's hook implementations; each hands over to the module of its hook family:
:mod:`.dienst`, :mod:`.voorwaarden`, :mod:`.koppelvlakken`, :mod:`.kosten`,
:mod:`.prognoses`, :mod:`.capaciteit` and :mod:`.serviceniveau`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from core.sdk import (
    Aansluitroute,
    Berekening,
    Capaciteit,
    DienstInfo,
    Instelling,
    Koppelvlak,
    KostenAansluiting,
    Kostenregel,
    Periode,
    Prognoseperiode,
    Prognoseplicht,
    Serviceniveau,
    Tariefschema,
    Tarieven,
    Verbruik,
    VoorwaardenDocument,
    hookimpl,
)

from . import capaciteit, dienst, koppelvlakken, kosten, prognoses, serviceniveau, voorwaarden


@hookimpl
def dienst_info() -> DienstInfo:
    return dienst.DIENST


@hookimpl
def dienst_voorwaarden() -> list[VoorwaardenDocument]:
    return [voorwaarden.SNO]


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
def dienst_prognose_plicht(aansluiting: KostenAansluiting, verbruik: Verbruik,
                           laatste: dict[str, Any] | None, dag: date) -> Prognoseplicht:
    return prognoses.plicht(aansluiting, verbruik, laatste)


@hookimpl
def dienst_instellingen() -> list[Instelling]:
    return capaciteit.INSTELLINGEN


@hookimpl
def dienst_check_config(instellingen: Mapping[str, Any]) -> list[str]:
    return capaciteit.check_config(instellingen)


@hookimpl
def dienst_capaciteit(instellingen: Mapping[str, Any]) -> Capaciteit:
    return capaciteit.capaciteit(instellingen)


@hookimpl
def dienst_serviceniveau() -> Serviceniveau:
    return serviceniveau.SERVICENIVEAU


@hookimpl
def dienst_route() -> Aansluitroute:
    from .route import ROUTE

    return ROUTE
