"""Pagination of list endpoints: ``?pagina=2&paginaGrootte=50``.

The body carries the page of ``resultaten`` and a ``paginering`` block; the
``Link`` header (RFC 8288) carries first/prev/next/last for clients that follow links.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any
from urllib.parse import urlencode

import marshmallow as ma
from flask import current_app, g, request
from sqlalchemy import Select, func, select

from core.api.schemas import Schema
from core.db import db

MAX_PAGINA = 1_000_000


class PaginaArgs(Schema):
    strikte_typen = False  # query parameters arrive as text
    pagina = ma.fields.Integer(
        load_default=1,
        # An upper bound keeps OFFSET inside a 64-bit integer on every database.
        validate=ma.validate.Range(min=1, max=MAX_PAGINA),
        metadata={"description": f"Paginanummer, vanaf 1 (hoogstens {MAX_PAGINA})"},
    )
    # No load_default: left out, the configured PAGE_SIZE applies (a default of null
    # in the document would be neither an integer nor what the server does).
    pagina_grootte = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=100),
        metadata={"description": "Aantal resultaten per pagina (standaard 20, maximaal 100)"},
    )


class PagineringSchema(Schema):
    pagina = ma.fields.Integer(required=True, metadata={
        "description": "Het nummer van deze pagina, vanaf 1",
        "example": 1})
    pagina_grootte = ma.fields.Integer(required=True, metadata={
        "description": "Aantal resultaten per pagina",
        "example": 20})
    totaal_aantal = ma.fields.Integer(required=True, metadata={
        "description": "Aantal resultaten op alle pagina's samen",
        "example": 1})
    totaal_paginas = ma.fields.Integer(required=True, metadata={
        "description": "Aantal pagina's",
        "example": 1})


@cache
def pagina_schema(item_schema: type[ma.Schema]) -> type[ma.Schema]:
    """A ``<Item>Pagina`` schema wrapping a page of ``item_schema`` objects."""
    name = item_schema.__name__.removesuffix("Schema") + "PaginaSchema"
    return type(
        name,
        (Schema,),
        {
            "resultaten": ma.fields.List(ma.fields.Nested(item_schema), required=True),
            "paginering": ma.fields.Nested(PagineringSchema, required=True),
        },
    )


def _size(args: dict[str, Any]) -> tuple[int, int]:
    size = args.get("pagina_grootte") or current_app.config["PAGE_SIZE"]
    return args.get("pagina", 1), min(size, current_app.config["MAX_PAGE_SIZE"])


def _page(items: list[Any], page: int, size: int, total: int) -> dict[str, Any]:
    pages = max(1, math.ceil(total / size))
    g.link_header = _links(page, size, pages)
    return {
        "resultaten": items,
        "paginering": {
            "pagina": page,
            "pagina_grootte": size,
            "totaal_aantal": total,
            "totaal_paginas": pages,
        },
    }


def paginate_list(items: list[Any], args: dict[str, Any]) -> dict[str, Any]:
    """Paginate a list that is already in memory (plugin data)."""
    page, size = _size(args)
    return _page(items[(page - 1) * size : page * size], page, size, len(items))


def paginate(statement: Select, args: dict[str, Any], *, scalars: bool = True) -> dict[str, Any]:
    """Run ``statement`` for one page; two queries whatever the size of the table."""
    page, size = _size(args)
    total = db.session.execute(
        select(func.count()).select_from(statement.order_by(None).subquery())
    ).scalar_one()
    result = db.session.execute(statement.limit(size).offset((page - 1) * size))
    items = list(result.scalars() if scalars else result)
    return _page(items, page, size, total)


def _links(page: int, size: int, pages: int) -> str:
    def url(number: int) -> str:
        query = {k: v for k, v in request.args.items() if k not in ("pagina", "paginaGrootte")}
        query.update(pagina=number, paginaGrootte=size)
        return f"<{request.base_url}?{urlencode(query)}>"

    links = [f'{url(1)}; rel="first"', f'{url(pages)}; rel="last"']
    if page > 1:
        links.append(f'{url(min(page - 1, pages))}; rel="prev"')
    if page < pages:
        links.append(f'{url(page + 1)}; rel="next"')
    return ", ".join(links)
