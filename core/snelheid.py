"""Rate limits of the API, per credential and per client address.

Two policies, each a fixed window of :data:`VENSTER` seconds:

``token``
    every request of one authenticated principal (an API token, a machine client, a
    person): ``RATELIMIT_TOKEN`` requests a window.
``adres``
    per client address, what cannot be charged to a principal: requests without a
    credential (the public status page, a calendar feed by its key) and every failed
    authentication. ``RATELIMIT_ADRES`` a window. Once an address is over it, its
    next credential is not even checked: 200 wrong tokens a second cost one
    comparison each until the budget is spent, then nothing.

Every answer under ``/api/v1`` that a policy counted carries the IETF headers
(draft-ietf-httpapi-ratelimit-headers): ``RateLimit-Policy: "token";q=600;w=60``
and ``RateLimit: "token";r=<left>;t=<seconds to the reset>``. Over the limit the
answer is 429 ``te-veel-verzoeken`` with ``Retry-After``.

The counters must be shared by gunicorn's worker processes, or each process would
grant the whole budget again: ``afnemersportaal serve`` creates a
:class:`GedeeldeTellers` (an anonymous shared memory map and a process-shared lock)
before it forks, and every worker inherits it. Elsewhere (``flask run``, tests) the
counters live in the process (:class:`LokaleTellers`). A setting of 0 switches a
policy off. The address is ``request.remote_addr``: behind a proxy, configure the
proxy to pass the client's address (werkzeug's ProxyFix) or rate-limit there.
"""

from __future__ import annotations

import hashlib
import math
import mmap
import multiprocessing
import struct
import threading
import time
from dataclasses import dataclass
from typing import Protocol

from flask import Flask, Response, current_app, g, request

from core.config import API_PREFIX
from core.errors import Problem

VENSTER = 60
EXTENSIE = "afnemersportaal.snelheid"


@dataclass(frozen=True)
class Stand:
    """A policy's state after counting one request."""

    beleid: str
    quotum: int
    over: int
    reset: int

    @property
    def overschreden(self) -> bool:
        return self.over < 0

    def headers(self) -> dict[str, str]:
        return {"RateLimit-Policy": f'"{self.beleid}";q={self.quotum};w={VENSTER}',
                "RateLimit": f'"{self.beleid}";r={max(self.over, 0)};t={self.reset}'}


class Tellers(Protocol):
    def tel(self, sleutel: str, stap: int, nu: float) -> tuple[int, int]:
        """Add ``stap`` to the key's count in the current window; return the new count
        and the seconds until the window resets."""


def _venster(nu: float) -> tuple[int, int]:
    nummer = int(nu // VENSTER)
    return nummer, max(1, math.ceil((nummer + 1) * VENSTER - nu))


class LokaleTellers:
    """Counters of one process (development server, tests)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tellers: dict[str, tuple[int, int]] = {}

    def tel(self, sleutel: str, stap: int, nu: float) -> tuple[int, int]:
        nummer, reset = _venster(nu)
        with self._lock:
            venster, aantal = self._tellers.get(sleutel, (nummer, 0))
            if venster != nummer:
                aantal = 0
                if len(self._tellers) > 100_000:  # forget the windows gone by
                    self._tellers = {k: v for k, v in self._tellers.items() if v[0] == nummer}
            aantal += stap
            self._tellers[sleutel] = (nummer, aantal)
        return aantal, reset


class GedeeldeTellers:
    """Counters in an anonymous shared memory map, inherited by forked workers.

    An open-addressing table of :data:`SLOTS` slots (key hash, window, count); a key
    takes its slot or, at a collision, one of the next :data:`PROBES`. A slot whose
    window has passed is free again. When every probe holds a live other key the
    request is not counted (the limit fails open rather than refusing a client for
    another's traffic); with 16,384 slots that needs thousands of active clients a
    minute.
    """

    SLOTS = 16_384
    PROBES = 16
    _SLOT = struct.Struct("<QqQ")

    def __init__(self) -> None:
        self._map = mmap.mmap(-1, self.SLOTS * self._SLOT.size)
        self._lock = multiprocessing.get_context("fork").Lock()

    def tel(self, sleutel: str, stap: int, nu: float) -> tuple[int, int]:
        nummer, reset = _venster(nu)
        code = int.from_bytes(hashlib.blake2b(sleutel.encode(), digest_size=8).digest(),
                              "little") or 1
        with self._lock:
            for i in range(self.PROBES):
                plek = ((code + i) % self.SLOTS) * self._SLOT.size
                eigen, venster, aantal = self._SLOT.unpack_from(self._map, plek)
                if eigen == code and venster == nummer:
                    aantal += stap
                elif eigen == 0 or venster != nummer:
                    aantal = stap
                else:
                    continue
                self._SLOT.pack_into(self._map, plek, code, nummer, aantal)
                return aantal, reset
        return 0, reset


def tellers(app: Flask) -> Tellers:
    gevonden = app.extensions.get(EXTENSIE)
    if gevonden is None:
        gevonden = app.extensions[EXTENSIE] = LokaleTellers()
    return gevonden


def _tel(beleid: str, sleutel: str, stap: int = 1) -> Stand | None:
    quotum = int(current_app.config["RATELIMIT_" + beleid.upper()])
    if quotum <= 0:
        return None
    aantal, reset = tellers(current_app).tel(f"{beleid}:{sleutel}", stap, time.time())
    stand = Stand(beleid, quotum, quotum - aantal, reset)
    g.ratelimit = stand
    return stand


def _te_veel(stand: Stand) -> Problem:
    wie = ("dit token" if stand.beleid == "token"
           else "dit adres (verzoeken zonder of met een ongeldig token)")
    return Problem(
        429, f"Te veel verzoeken van {wie}: {stand.quotum} per {VENSTER} seconden. "
             f"Probeer het over {stand.reset} seconden opnieuw.",
        code="te-veel-verzoeken",
        headers={"Retry-After": str(stand.reset), **stand.headers()})


def _adres() -> str:
    return request.remote_addr or "onbekend"


def voor_aanmelding() -> None:
    """Before a credential is checked: an address over its budget is refused at once."""
    quotum = int(current_app.config["RATELIMIT_ADRES"])
    if quotum <= 0:
        return
    stand = _tel("adres", _adres(), stap=0)
    if stand is not None and stand.overschreden:
        raise _te_veel(stand)


def anoniem() -> None:
    """A request without a credential, on a route that takes one: charged to its address."""
    stand = _tel("adres", _adres())
    if stand is not None and stand.overschreden:
        raise _te_veel(stand)


def mislukt() -> None:
    """A failed authentication: charged to the address (the 401 follows, or a 429)."""
    stand = _tel("adres", _adres())
    if stand is not None and stand.overschreden:
        raise _te_veel(stand)


def aangemeld(principal_id: str) -> None:
    """An authenticated request: charged to its principal."""
    stand = _tel("token", principal_id)
    if stand is not None and stand.overschreden:
        raise _te_veel(stand)


def _headers(response: Response) -> Response:
    stand: Stand | None = g.get("ratelimit")
    if stand is not None and request.path.startswith(API_PREFIX + "/"):
        for naam, waarde in stand.headers().items():
            response.headers.setdefault(naam, waarde)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_headers)
