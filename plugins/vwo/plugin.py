"""The VWO's hook implementations; each hands over to the module that holds the rule."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from core.sdk import (
    DienstInfo,
    Gebeurtenistype,
    Instelling,
    Migraties,
    Termijnpost,
    VoorwaardenDocument,
    hookimpl,
)

from . import dienst, voorwaarden


@hookimpl
def dienst_info() -> DienstInfo:
    return dienst.DIENST


@hookimpl
def dienst_voorwaarden() -> list[VoorwaardenDocument]:
    return [voorwaarden.VOORWAARDEN]


@hookimpl
def dienst_gebeurtenissen() -> list[Gebeurtenistype]:
    return list(dienst.GEBEURTENISSEN)


@hookimpl
def dienst_instellingen() -> list[Instelling]:
    return list(dienst.INSTELLINGEN)


@hookimpl
def dienst_check_config(instellingen: Mapping[str, Any]) -> list[str]:
    return dienst.check_config(instellingen)


@hookimpl
def dienst_api() -> list:
    from . import api  # Flask and SQLAlchemy load here, not when the plugin is found

    return list(api.BLUEPRINTS)


@hookimpl
def dienst_migraties() -> Migraties:
    from .models import Basis

    return Migraties(Path(__file__).parent / "migraties", Basis.metadata)


@hookimpl
def dienst_deadlines(afnemer_id: uuid.UUID, vanaf: date) -> list[Termijnpost]:
    from . import agenda

    return agenda.deadlines(afnemer_id, vanaf)


@hookimpl
def dienst_export(afnemer_id: uuid.UUID) -> dict[str, Any]:
    from . import export

    return export.export(afnemer_id)


@hookimpl
def dienst_console():
    # Through console_logius: importing it adds Logius' pages to the blueprint.
    from .console_logius import BIJDRAGE

    return BIJDRAGE
