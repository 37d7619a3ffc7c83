"""ETag and If-Match: optimistic concurrency for every update.

A resource's ETag is its ``versie`` counter, which SQLAlchemy increments on
every UPDATE (``version_id_col``). A write must send ``If-Match`` with the ETag
it read: without it the answer is 428, with a stale one 412, and nothing changes.
"""

from __future__ import annotations

from flask import request

from core.errors import Problem


def etag_of(obj) -> str:
    return f'"{obj.versie}"'


def check_if_match(obj) -> None:
    if not request.if_match:
        raise Problem(
            428,
            "Stuur een If-Match-header met de ETag die u bij het ophalen kreeg.",
            code="if-match-vereist",
        )
    if request.if_match.star_tag:
        return
    if not request.if_match.contains(etag_of(obj).strip('"')):
        raise Problem(
            412,
            "De resource is gewijzigd sinds u hem las: haal hem opnieuw op en gebruik de "
            "nieuwe ETag.",
            code="verouderde-versie",
        )
