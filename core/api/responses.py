"""Small helpers that every resource view uses the same way."""

from __future__ import annotations

from typing import Any

from flask import Response, request, url_for

from core.api.etag import etag_of
from core.db import db


def met_etag(obj: Any, status: int = 200, **headers: str):
    """Answer ``obj`` with its ETag; a GET whose If-None-Match matches gets 304."""
    etag = etag_of(obj)
    if request.method == "GET" and request.if_none_match.contains(etag.strip('"')):
        return Response(status=304, headers={"ETag": etag})
    return obj, status, {"ETag": etag, **headers}


def aangemaakt(obj: Any, endpoint: str, **values: Any):
    """201 Created with Location and ETag."""
    return met_etag(obj, 201, Location=url_for(endpoint, _external=True, **values))


def commit() -> None:
    db.session.commit()
