"""Helpers for the tests that check what a plugin declares against DOMAIN.md."""

from __future__ import annotations

from core.plugins import Diensten
from core.types import DienstInfo, Eenheid, VoorwaardenDocument

MAANDEN = Eenheid.KALENDERMAANDEN


def dienst(diensten: Diensten, slug: str) -> DienstInfo:
    info = diensten.get(slug)
    assert info is not None, slug
    return info


def document(diensten: Diensten, slug: str) -> VoorwaardenDocument:
    """The dienst's own terms document (the one after the Algemene Voorwaarden)."""
    [eigen] = diensten.voorwaarden(slug)[1:]
    return eigen


def by_id(doc: VoorwaardenDocument) -> dict:
    return {v.id: v for v in doc.verplichtingen}


def artikelen(doc: VoorwaardenDocument) -> set[str]:
    return {v.artikel for v in doc.verplichtingen}


def kenmerk(info: DienstInfo, naam: str):
    [found] = [k for k in info.kenmerken if k.naam == naam]
    return found
