"""ETag and If-Match: optimistic concurrency for every update.

A resource's ETag is its ``versie`` counter, which SQLAlchemy increments on
every UPDATE (``version_id_col``). A write must send ``If-Match`` with the ETag
it read: without it the answer is 428, with a stale one 412, and nothing changes.
"""

from __future__ import annotations

import hashlib

from flask import Response, request

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


def check_if_match_voor_put(obj) -> None:
    """PUT creates or replaces: replacing needs the ETag like any change (428, 412).

    Creating needs none; an If-Match with a specific ETag on something that does not
    exist yet is stale (412). ``*`` is accepted either way, as in :func:`check_if_match`.
    """
    if obj is not None:
        check_if_match(obj)
    elif request.if_match and not request.if_match.star_tag:
        raise Problem(
            412,
            "Deze resource bestaat nog niet, dus geen ETag klopt: laat If-Match weg om hem "
            "aan te maken.",
            code="verouderde-versie",
        )


def etag_bij_aanmaken(response: Response) -> Response:
    """Every 201 carries an ETag: a view that set none (a record without a version
    counter, written once) gets a strong tag of exactly the representation it answered
    (RFC 9110 8.8.3), as flask-smorest derives its own ETags."""
    if response.status_code == 201 and "ETag" not in response.headers \
            and not response.is_streamed:
        response.set_etag(hashlib.sha256(response.get_data()).hexdigest()[:32])
    return response
