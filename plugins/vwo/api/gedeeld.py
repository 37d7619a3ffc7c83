"""What the VWO's routes share: answering with an ETag, today's date, who acts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import Response, request

from core.sdk import AMSTERDAM
from core.sdk.api import Problem, current_principal, huidige_afnemer, nu

GEMEENTE = "gemeente"


def met_versie(body: Any, versie: int, status: int = 200, **headers: str):
    """Answer ``body`` with the ETag of the row's version counter; a GET whose
    If-None-Match matches gets 304."""
    etag = f'"{versie}"'
    if request.method == "GET" and request.if_none_match.contains(etag.strip('"')):
        return Response(status=304, headers={"ETag": etag})
    return body, status, {"ETag": etag, **headers}


def vandaag() -> date:
    return nu().astimezone(AMSTERDAM).date()


def moment() -> datetime:
    return nu()


def door() -> str:
    """Who acts, as the register and the logboek record it."""
    return current_principal().naam


def alleen_gemeente() -> None:
    """VWO 1: the agreement is between a gemeente and Logius; no other afnemer has one."""
    afnemer = huidige_afnemer()
    if afnemer.type != GEMEENTE:
        raise Problem(409, f"{afnemer.naam} is geen gemeente: de Standaard "
                           "Verwerkersovereenkomst Gemeenten is er alleen voor gemeenten.",
                      code="conflict")


def utc(waarde: datetime | None) -> datetime | None:
    """A moment from a request, in UTC as every answer gives it (stored as sent, the
    answer to the write would keep the sender's offset and differ from a later read)."""
    return None if waarde is None else waarde.astimezone(UTC)


#: The ETag of a GET whose path takes no write: it is declared in the document, since a
#: client may still cache with If-None-Match.
ETAG = {"ETag": {"description": "Versie van de resource; met If-None-Match 304 als ze niet "
                                "veranderde", "schema": {"type": "string", "example": '"1"'}}}
#: Marks an operation that ends the resource it is on (the walks send it last).
EINDIGT = {"x-eindigt": True}
