"""The VWO's hook implementations; each hands over to :mod:`.dienst` or :mod:`.voorwaarden`."""

from __future__ import annotations

from core.sdk import DienstInfo, VoorwaardenDocument, hookimpl

from . import dienst, voorwaarden


@hookimpl
def dienst_info() -> DienstInfo:
    return dienst.DIENST


@hookimpl
def dienst_voorwaarden() -> list[VoorwaardenDocument]:
    return [voorwaarden.VOORWAARDEN]
