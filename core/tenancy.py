"""Tenant scoping, enforced in one place.

Every tenant-owned route lives under ``/api/v1/afnemers/<afnemer_id>`` and is
registered on a :class:`TenantBlueprint`. Before any such view runs, the
blueprint resolves the afnemer and checks the principal against it:

- a principal that may not read the afnemer gets **404**, exactly as if it did
  not exist (OWASP API1, broken object level authorisation);
- a principal that may read but not manage it gets **403** on every write;
- an intermediair's principal acts for the afnemer only within a live mandate of it
  (:mod:`core.intermediairs.toegang`): outside it 404, a write it may only read 403.

Inside the view, :func:`huidige_afnemer`, :func:`tenant_select` and
:func:`tenant_get_or_404` only ever see rows of that afnemer.
"""

from __future__ import annotations

import uuid
from copy import deepcopy
from functools import wraps
from typing import Any, TypeVar

from flask import g, request
from sqlalchemy import Select, select

from core.afnemers.models import Afnemer
from core.api import Blueprint
from core.auth.middleware import current_principal, vereis_scope
from core.auth.principal import Rol
from core.config import API_PREFIX
from core.db import db
from core.errors import Problem

T = TypeVar("T")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
NIET_GEVONDEN = "Deze resource bestaat niet, of u heeft er geen toegang toe."


class TenantBlueprint(Blueprint):
    """A blueprint whose routes all belong to one afnemer."""

    #: Tells the authentication middleware that the scope check happens here.
    tenant_scoped = True

    def __init__(self, name: str, import_name: str, *, suffix: str, **kwargs: Any) -> None:
        super().__init__(
            name, import_name, url_prefix=f"{API_PREFIX}/afnemers/<uuid:afnemer_id>{suffix}",
            **kwargs,
        )
        self.url_value_preprocessor(_take_afnemer_id)
        self.before_request(_scope_to_afnemer)


def _take_afnemer_id(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values is not None and "afnemer_id" in values:
        g.afnemer_id = values.pop("afnemer_id")


def _scope_to_afnemer() -> None:
    afnemer_id: uuid.UUID | None = g.get("afnemer_id")
    if afnemer_id is None:  # pragma: no cover - every route has the prefix
        raise Problem(404, NIET_GEVONDEN)
    principal = current_principal()
    if principal.intermediair_id is not None:
        # An intermediair acts for the afnemer in the path, within its mandate only.
        from core.intermediairs.toegang import namens_afnemer

        g.principal = principal = namens_afnemer(principal, afnemer_id)
    if not principal.mag_lezen(afnemer_id):
        raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
    afnemer = g.get("afnemer_van_token")  # read with the token (core.auth.tokens)
    if afnemer is None or afnemer.id != afnemer_id:
        afnemer = db.session.get(Afnemer, afnemer_id)
    if afnemer is None:
        raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
    vereis_scope(principal)
    if request.method not in SAFE_METHODS and not principal.mag_beheren(afnemer_id):
        raise Problem(
            403,
            "Uw rol bij deze afnemer geeft alleen leesrechten.",
            code="alleen-lezen",
        )
    g.afnemer = afnemer


def huidige_afnemer() -> Afnemer:
    return g.afnemer


def tenant_select(model: type[T]) -> Select[tuple[T]]:
    """The afnemer's rows; for an intermediair, only those of the diensten its mandate
    names (``core.intermediairs.toegang``)."""
    query = select(model).where(model.afnemer_id == g.afnemer.id)  # type: ignore[attr-defined]
    ruimte = g.get("mandaatruimte")
    if ruimte is not None:
        from core.intermediairs.toegang import dienstfilter

        filter_ = dienstfilter(model, ruimte.lezen)
        if filter_ is not None:
            query = query.where(filter_)
    return query


def tenant_get_or_404(model: type[T], pk: uuid.UUID) -> T:
    obj = db.session.get(model, pk)
    if obj is None or obj.afnemer_id != g.afnemer.id:  # type: ignore[attr-defined]
        raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
    if g.get("mandaatruimte") is not None:
        from core.intermediairs.toegang import controleer_dienst, dienst_van_rij

        controleer_dienst(dienst_van_rij(obj))
    return obj


def alleen_logius(view):
    """Restrict an operation to Logius beheerders (403 for everyone else); the OpenAPI
    document says so in the operation's ``x-rollen``."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any):
        if not current_principal().is_logius_beheerder:
            raise Problem(
                403, "Alleen een Logius-beheerder mag dit doen.", code="alleen-logius"
            )
        return view(*args, **kwargs)

    wrapper._apidoc = deepcopy(getattr(view, "_apidoc", {}))
    wrapper._apidoc["manual_doc"] = {**wrapper._apidoc.get("manual_doc", {}),
                                     "x-rollen": [Rol.LOGIUS_BEHEERDER.value]}
    return wrapper
