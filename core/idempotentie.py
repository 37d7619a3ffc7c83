"""``Idempotency-Key`` on every POST of the API (draft-ietf-httpapi-idempotency-key-header).

A client that may have to retry a POST (a timeout, a dropped connection) sends a key of
its own choosing with it; a retry with the same key gets the first answer again and
creates nothing twice. The header is optional: without it a POST behaves as always.

How it works, for every POST under ``/api/v1`` (core's blueprints and the diensten'
alike), in one ``before_request``/``after_request`` pair:

- The key is scoped per principal (:attr:`core.auth.principal.Principal.id`: the token,
  the machine client or the gebruiker), so two callers' equal keys never meet. The
  request is remembered by method and path (with the query string) and a SHA-256
  fingerprint of the raw body, whatever its media type (JSON, CSV, a form).
- First use: the key's row is written as ``bezig`` in a transaction of its own, before
  the view runs, so that a concurrent request with the same key sees it. When the view
  has answered, a 2xx or 4xx answer (status, body and the headers that describe it:
  Content-Type, Location, ETag...) is stored exactly as it leaves, and the row is
  ``klaar``. A 5xx, 401, 403 or 429 is not stored (the row goes): those say nothing
  about the request itself, and a retry may succeed.
- The same key again, with the same method, path and body: the stored answer, with
  ``Idempotency-Replayed: true``; the view does not run.
- The same key while the first request is still running: 409 ``idempotentie-bezig``.
- The same key with another body, method or path: 422 ``idempotentie-sleutel-hergebruikt``.
- A key that is not 1 to 255 printable ASCII characters: 400 naming the header. The
  draft's form, a Structured Field string in double quotes, is read too.
- A key lives :data:`BEWAARTERMIJN` (24 hours) from its first use; after that the same
  key starts a new request. Expired rows are deleted along the way.
- A process that dies while its request is ``bezig`` leaves its row; after
  :data:`LEASE` (60 seconds) a retry takes the key over and runs anew.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, Response, g, request
from sqlalchemy import JSON, LargeBinary, String, Text, UniqueConstraint, delete, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from core.auth.middleware import ingelogd
from core.config import API_PREFIX
from core.db import Base, UuidPk, db
from core.errors import Problem, invalid
from core.tijd import utcnow

HEADER = "Idempotency-Key"
REPLAY_HEADER = "Idempotency-Replayed"
#: How long a key is kept from its first use.
BEWAARTERMIJN = timedelta(hours=24)
#: How long a request may be ``bezig`` before a retry may take its key over (a crash).
LEASE = timedelta(seconds=60)
MAX_LENGTE = 255
#: Printable ASCII, without space at either end (an HTTP field value loses those).
PATROON = r"^[!-~]([ -~]*[!-~])?$"
#: The headers that describe a stored answer; the rest (API-Version, the security
#: headers) every answer gets anew.
BEWAARDE_HEADERS = ("Content-Type", "Location", "Content-Location", "ETag", "Last-Modified",
                    "Link", "Deprecation", "Sunset", "Content-Disposition")
#: Statuses that are not stored: they depend on the moment or the credential.
NIET_BEWAARD = frozenset({401, 403, 429})

BEZIG = "bezig"
KLAAR = "klaar"


class IdempotentieSleutel(UuidPk, Base):
    """One ``Idempotency-Key`` of one principal, and the answer its POST got."""

    __tablename__ = "idempotentie_sleutels"
    __table_args__ = (UniqueConstraint("principal", "sleutel"),)

    #: The principal's stable id (``token:<uuid>``, ``client:<id>``, ``gebruiker:<uuid>``).
    principal: Mapped[str] = mapped_column(String(200))
    sleutel: Mapped[str] = mapped_column(String(MAX_LENGTE))
    methode: Mapped[str] = mapped_column(String(10))
    #: Path and query string of the request.
    pad: Mapped[str] = mapped_column(Text)
    #: SHA-256 (hex) of the raw request body.
    vingerafdruk: Mapped[str] = mapped_column(String(64))
    #: ``bezig`` while the request runs, ``klaar`` once its answer is stored.
    status: Mapped[str] = mapped_column(String(10))
    #: First use (or the take-over after a crash): expiry and lease count from here.
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    antwoord_status: Mapped[int | None]
    antwoord_headers: Mapped[dict[str, str] | None] = mapped_column(JSON)
    antwoord_body: Mapped[bytes | None] = mapped_column(LargeBinary)


_TABEL = IdempotentieSleutel.__table__
log = logging.getLogger(__name__)


def lees_sleutel(waarde: str) -> str:
    """The key in a header value, or a 400 naming the header."""
    if len(waarde) >= 2 and waarde.startswith('"') and waarde.endswith('"'):
        # A Structured Field string (RFC 8941 3.3.3), as the draft writes the header.
        binnen = waarde[1:-1]
        if re.search(r'\\[^"\\]|\\$|(?<!\\)"', binnen) is None:
            waarde = re.sub(r'\\(["\\])', r"\1", binnen)
    if not 1 <= len(waarde) <= MAX_LENGTE or re.fullmatch(PATROON, waarde) is None:
        raise invalid(HEADER, f"De {HEADER} is 1 tot {MAX_LENGTE} afdrukbare ASCII-tekens, "
                              "zonder spatie aan begin of eind; een UUID past altijd.",
                      code="invalid")
    return waarde


def _pad() -> str:
    query = request.query_string.decode("latin-1")
    return request.path + ("?" + query if query else "")


def _verlopen(rij: Any, nu: datetime) -> bool:
    return rij.aangemaakt_op <= nu - BEWAARTERMIJN or (
        rij.status == BEZIG and rij.aangemaakt_op <= nu - LEASE)


def voor_verzoek() -> Response | None:
    """Before the view: claim the key, replay its answer, or refuse."""
    if request.method != "POST" or not request.path.startswith(API_PREFIX + "/"):
        return None
    waarde = request.headers.get(HEADER)
    principal = ingelogd()
    if waarde is None or principal is None:
        return None  # no key, or a route without a token (none of them takes a POST)
    sleutel = lees_sleutel(waarde)
    vingerafdruk = hashlib.sha256(request.get_data(cache=True)).hexdigest()
    pad = _pad()
    engine = db.engine
    _verlopen_weg(engine)
    for _poging in range(5):
        nu = utcnow()
        rij_id = uuid.uuid4()
        try:
            with engine.begin() as verbinding:
                verbinding.execute(_TABEL.insert().values(
                    id=rij_id, principal=principal.id, sleutel=sleutel,
                    methode=request.method, pad=pad, vingerafdruk=vingerafdruk,
                    status=BEZIG, aangemaakt_op=nu))
        except IntegrityError:
            pass
        else:
            g.idempotentie_rij = rij_id
            return None
        with engine.begin() as verbinding:
            rij = verbinding.execute(select(_TABEL).where(
                _TABEL.c.principal == principal.id, _TABEL.c.sleutel == sleutel)).one_or_none()
            if rij is None:
                continue  # gone in the meantime (released or expired): claim it again
            if _verlopen(rij, nu):
                verbinding.execute(delete(_TABEL).where(_TABEL.c.id == rij.id))
                continue
        if (rij.methode, rij.pad, rij.vingerafdruk) != (request.method, pad, vingerafdruk):
            raise Problem(
                422, f"Deze {HEADER} is al gebruikt voor een ander verzoek "
                     f"({rij.methode} {rij.pad}, of een andere body). Gebruik voor elk nieuw "
                     "verzoek een nieuwe sleutel.",
                code="idempotentie-sleutel-hergebruikt",
                invalid_params=[{"name": HEADER, "code": "invalid",
                                 "reason": "Deze sleutel hoort bij een ander verzoek."}])
        if rij.status == BEZIG:
            raise _bezig()
        antwoord = Response(rij.antwoord_body, status=rij.antwoord_status)
        for naam, waarde_ in (rij.antwoord_headers or {}).items():
            antwoord.headers[naam] = waarde_
        antwoord.headers[REPLAY_HEADER] = "true"
        return antwoord
    raise _bezig()


def _verlopen_weg(engine) -> None:
    """Delete expired keys, in passing: a failure here (two requests deleting the same
    rows) costs only this clean-up, which the next keyed request does again."""
    try:
        with engine.begin() as verbinding:
            verbinding.execute(delete(_TABEL).where(
                _TABEL.c.aangemaakt_op <= utcnow() - BEWAARTERMIJN))
    except DBAPIError as exc:
        log.info("expired idempotency keys not deleted now: %s", exc.orig)


def _bezig() -> Problem:
    return Problem(409, f"Een verzoek met deze {HEADER} wordt nog verwerkt. Probeer het zo "
                        "opnieuw: dan krijgt u het antwoord van dat verzoek.",
                   code="idempotentie-bezig", headers={"Retry-After": "1"})


def na_verzoek(response: Response) -> Response:
    """After every other ``after_request``: store the answer as it leaves, or free the key."""
    rij_id = g.pop("idempotentie_rij", None)
    if rij_id is None:
        return response
    status = response.status_code
    bewaren = (200 <= status < 300 or 400 <= status < 500) and status not in NIET_BEWAARD \
        and not response.is_streamed
    body = response.get_data() if bewaren else None
    # The view's own transaction ends here as it would at teardown (what it did not
    # commit is not kept): on SQLite its write lock would otherwise block the write below.
    db.session.rollback()
    with db.engine.begin() as verbinding:
        if bewaren:
            headers = {naam: response.headers[naam] for naam in BEWAARDE_HEADERS
                       if naam in response.headers}
            verbinding.execute(update(_TABEL).where(_TABEL.c.id == rij_id).values(
                status=KLAAR, antwoord_status=status, antwoord_headers=headers,
                antwoord_body=body))
        else:
            verbinding.execute(delete(_TABEL).where(_TABEL.c.id == rij_id))
    return response


def _opruimen(_exc: BaseException | None) -> None:
    """A request that never reached :func:`na_verzoek` frees its key for a retry."""
    rij_id = g.pop("idempotentie_rij", None)
    if rij_id is None:
        return
    db.session.rollback()
    with db.engine.begin() as verbinding:
        verbinding.execute(delete(_TABEL).where(_TABEL.c.id == rij_id))


# --- the OpenAPI document ----------------------------------------------------------------

def parameter() -> dict[str, Any]:
    """The optional request header, as every POST of the document lists it."""
    return {
        "name": HEADER,
        "in": "header",
        "required": False,
        "description": (
            "Optioneel (draft-ietf-httpapi-idempotency-key-header): een eigen, unieke sleutel "
            "voor dit verzoek, bijvoorbeeld een UUID, zodat u het veilig opnieuw kunt sturen. "
            "Hetzelfde verzoek (zelfde pad en body) met dezelfde sleutel geeft het eerste "
            f"antwoord nog eens, met `{REPLAY_HEADER}: true`, en maakt niets dubbel aan. "
            "Sleutels gelden per token of client en 24 uur lang. Een 5xx, 401, 403 of 429 "
            "wordt niet bewaard: opnieuw sturen voert het verzoek dan opnieuw uit. Zolang het "
            "eerste verzoek loopt, geeft dezelfde sleutel 409 (`idempotentie-bezig`); breekt "
            "het af, dan mag dezelfde sleutel het na 60 seconden opnieuw proberen. Dezelfde "
            "sleutel bij een ander pad of een andere body geeft 422 "
            "(`idempotentie-sleutel-hergebruikt`), een ongeldige sleutel 400. De vorm van de "
            "draft, een string tussen dubbele aanhalingstekens, mag ook."),
        "schema": {"type": "string", "minLength": 1, "maxLength": MAX_LENGTE,
                   "pattern": PATROON, "example": "8e03978e-40d5-43e8-bc93-6894a57f9324"},
    }


def replay_header() -> dict[str, Any]:
    return {
        "description": "`true` als dit het bewaarde antwoord is op een eerder verzoek met "
                       f"dezelfde `{HEADER}`; dan is er nu niets uitgevoerd.",
        "schema": {"type": "string", "enum": ["true"], "example": "true"},
    }


def init_app(app: Flask) -> None:
    """After authentication (the principal scopes the key); its ``after_request`` runs
    after all others, so what is stored is the answer the client gets."""
    app.before_request(voor_verzoek)
    app.after_request_funcs.setdefault(None, []).insert(0, na_verzoek)
    app.teardown_request(_opruimen)
