"""The hook implementations of the Certificatenregister; each hands over to a module of
its own. Routes, console pages, tables and the calendar load Flask and SQLAlchemy, so they
are imported when core asks for them, not when the entry point is loaded."""

from __future__ import annotations

from pathlib import Path

from core.sdk import (
    DienstInfo,
    Gebeurtenistype,
    Instelling,
    Migraties,
    VoorwaardenDocument,
    hookimpl,
)

from . import dienst, voorwaarden

MIGRATIES = Path(__file__).resolve().parent / "migraties"


@hookimpl
def dienst_info() -> DienstInfo:
    return dienst.DIENST


@hookimpl
def dienst_voorwaarden() -> list[VoorwaardenDocument]:
    return [voorwaarden.VOORWAARDEN]


@hookimpl
def dienst_api() -> list:
    from . import api

    return [api.blp]


@hookimpl
def dienst_migraties() -> Migraties:
    from .models import Basis

    return Migraties(MIGRATIES, Basis.metadata)


@hookimpl
def dienst_console():
    from .console import BIJDRAGE  # Flask loads here, not when the entry point is loaded

    return BIJDRAGE


@hookimpl
def dienst_gebeurtenissen() -> list[Gebeurtenistype]:
    return list(dienst.GEBEURTENISSEN)


@hookimpl
def dienst_instellingen() -> list[Instelling]:
    return list(dienst.INSTELLINGEN)


@hookimpl
def dienst_check_config(instellingen) -> list[str]:
    return dienst.check_config(instellingen)


@hookimpl
def dienst_deadlines(afnemer_id, vanaf) -> list:
    from . import agenda

    return agenda.deadlines(afnemer_id, vanaf)
