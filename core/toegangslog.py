"""The access log of ``afnemersportaal serve``, without the secrets some URLs carry.

A calendar feed is read by URL alone (``/api/v1/agenda/{sleutel}``): whoever has the URL
reads the afnemer's deadlines, so the key is a secret like a token and never reaches a
log. Every other part of the request line stays as it was.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

#: A path segment that is a secret, and what the log shows instead.
GEHEIM_IN_PAD = re.compile(r"(/agenda/)[^/?#\s]+")
VERBORGEN = r"\1[verborgen]"


def verberg(tekst: str) -> str:
    """``tekst`` (a request line, a path) with every secret of a URL replaced."""
    return GEHEIM_IN_PAD.sub(VERBORGEN, tekst)


class Toegangslog(Logger):
    """gunicorn's logger, with the request line, path and query passed through
    :func:`verberg` before the access log's format reads them."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for sleutel in ("r", "U", "q", "{raw_uri}e"):
            if isinstance(atoms.get(sleutel), str):
                atoms[sleutel] = verberg(atoms[sleutel])
        return atoms
