"""The console's one way to read and change anything: the REST API itself, in process.

A console page asks the API what it shows (``GET``) and sends every change to it
(``POST``, ``PATCH``, ``PUT``, ``DELETE``), as the logged-in person. The request runs
the whole way an HTTP request does (authentication, rate limits, tenant scoping,
roles, scopes, validation, idempotency, the audit and the events it causes, its own
transaction), in an application context of its own, so the console has no second
implementation of any rule: a refusal is the API's problem+json, shown beside the
fields it names.

Who asks is passed in the WSGI environ under :data:`PRINCIPAL_SLEUTEL`, which only code
in this process can set: a header becomes an ``HTTP_...`` key, never this one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, g, has_request_context, request
from werkzeug.test import Client, TestResponse

from core.auth.middleware import CONSOLE_PRINCIPAL
from core.auth.principal import Principal
from core.config import API_PREFIX

#: The environ key that carries the console's principal into the API request.
PRINCIPAL_SLEUTEL = CONSOLE_PRINCIPAL


@dataclass
class Antwoord:
    """An API answer as the console reads it."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    tekst: str = ""
    #: The body as it came, for a download that is no text (a zip).
    inhoud: bytes = b""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def veldfouten(self) -> dict[str, str]:
        """Field name (the API's, camelCase) to its reason, from ``invalidParams``."""
        if self.ok or not isinstance(self.body, dict):
            return {}
        fouten: dict[str, str] = {}
        for param in self.body.get("invalidParams") or []:
            # An item of a list ("functies.0") is the list's field in the form.
            naam = re.sub(r"(\.\d+)+$", "", str(param.get("name") or "body"))
            fouten[naam] = (fouten[naam] + " " if naam in fouten else "") + str(
                param.get("reason") or "")
        return fouten

    @property
    def melding(self) -> str:
        """The problem's title and detail, for the top of the form."""
        if self.ok or not isinstance(self.body, dict):
            return ""
        return " ".join(str(self.body.get(k)) for k in ("title", "detail") if self.body.get(k))

    @property
    def items(self) -> list[dict]:
        """The rows of a paginated list answer (``_embedded`` or ``items``)."""
        if not isinstance(self.body, dict):
            return self.body if isinstance(self.body, list) else []
        for sleutel in ("items", "resultaten"):
            if isinstance(self.body.get(sleutel), list):
                return self.body[sleutel]
        ingebed = self.body.get("_embedded")
        if isinstance(ingebed, dict):
            for waarde in ingebed.values():
                if isinstance(waarde, list):
                    return waarde
        return []


def vraag(method: str, pad: str, *, json_body: Any = None, query: dict | None = None,
          headers: dict[str, str] | None = None, principal: Principal | None = None,
          data: bytes | str | None = None) -> Antwoord:
    """Run ``method pad`` (a path below ``/api/v1``) against the API, as ``principal``
    (default: the console's logged-in person). ``data`` is a raw body (an uploaded file),
    sent with the ``Content-Type`` in ``headers``."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    wie = principal or g.get("principal")
    if wie is None:
        raise RuntimeError("the console asks the API only for a logged-in person")
    extra: dict[str, Any] = {} if json_body is None else {"json": json_body}
    if data is not None:
        extra = {"data": data}
    # An application context of its own: its own g and its own database session, as a
    # separate HTTP request would have; the console's page goes on with its own. The
    # guard against a shared context (core.verzoek.EigenContext) stands outside: this
    # context is new and holds nothing, so the request goes to Flask's own WSGI app.
    binnen = getattr(app.wsgi_app, "wsgi_app", app.wsgi_app)
    with app.app_context():
        antwoord = Client(binnen, TestResponse).open(
            API_PREFIX + pad, method=method.upper(), query_string=_query(query),
            headers={"Accept": "application/json", **(headers or {})},
            base_url=request.host_url if has_request_context() else None,
            environ_overrides={PRINCIPAL_SLEUTEL: wie}, **extra)
    inhoud = antwoord.get_data()
    tekst = inhoud.decode("utf-8", "replace")  # a zip is no text: kept as bytes below
    try:
        body = json.loads(tekst) if tekst and "json" in (antwoord.content_type or "") else None
    except ValueError:
        body = None
    return Antwoord(antwoord.status_code, body, dict(antwoord.headers), tekst, inhoud)


def _query(query: dict | None) -> list[tuple[str, str]]:
    paren: list[tuple[str, str]] = []
    for sleutel, waarde in (query or {}).items():
        if waarde is None or waarde == "":
            continue
        for w in waarde if isinstance(waarde, (list, tuple)) else [waarde]:
            paren.append((sleutel, str(w)))
    return paren
