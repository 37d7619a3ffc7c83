"""Digipoort's hook implementations; each hands over to the module of its hook family:
:mod:`.dienst`, :mod:`.voorwaarden`, :mod:`.koppelvlakken`, :mod:`.kosten`,
:mod:`.prognoses`, :mod:`.agenda` and :mod:`.export`."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from core.sdk import (
    Aansluitroute,
    Berekening,
    DienstInfo,
    Koppelvlak,
    KostenAansluiting,
    Kostenregel,
    Migraties,
    Periode,
    Prognoseperiode,
    Prognoseplicht,
    Tariefschema,
    Tarieven,
    Termijnpost,
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
def dienst_api() -> list:
    from . import api  # Flask and SQLAlchemy load here, not when the plugin is found

    return list(api.BLUEPRINTS)


@hookimpl
def dienst_migraties() -> Migraties:
    from .models import Basis

    return Migraties(Path(__file__).parent / "migraties", Basis.metadata)


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
def dienst_prognose_voorcalculatie(periode: Prognoseperiode,
                                   formulier: Mapping[str, Any]) -> dict[str, int]:
    return prognoses.volumes(formulier)


@hookimpl
def dienst_prognose_volumes(periode: Prognoseperiode,
                            formulier: Mapping[str, Any]) -> dict[str, int]:
    return prognoses.volumes(formulier)


@hookimpl
def dienst_deadlines(afnemer_id: uuid.UUID, vanaf: date) -> list[Termijnpost]:
    from . import agenda  # SQLAlchemy loads here, not when the plugin is found

    return agenda.deadlines(afnemer_id, vanaf)


@hookimpl
def dienst_export(afnemer_id: uuid.UUID) -> dict[str, Any]:
    from . import export

    return export.export(afnemer_id)


@hookimpl
def dienst_console():
    from .console import BIJDRAGE  # Flask loads here, not when the plugin is found

    return BIJDRAGE


@hookimpl
def dienst_route() -> Aansluitroute:
    from .route import ROUTE

    return ROUTE
