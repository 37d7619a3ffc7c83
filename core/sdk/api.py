"""Routes for a plugin's own API (``dienst_api``): everything a view needs from core.

A plugin's ``api`` module imports this (it loads Flask, flask-smorest and the database
layer, so import it there, not in the module the entry point names)::

    from flask.views import MethodView
    from core.sdk.api import afnemer_blueprint, tenant_select, paginate, ...

    blp = afnemer_blueprint("voorbeeld", __name__, pad="/voorbeeld-notities",
                            description="Notities bij de dienst Voorbeeld")

    @blp.route("")
    class Notities(MethodView):
        @blp.arguments(PaginaArgs, location="query")
        @blp.response(200, pagina_schema(NotitieSchema))
        def get(self, args):
            '''Notities opvragen'''
            return paginate(tenant_select(Notitie).order_by(Notitie.id), args)

What the routes inherit from core, without a line of their own:

- **Tenant scoping in one place.** An :func:`afnemer_blueprint` resolves
  ``{afnemerId}`` before any view runs: a principal that may not read that afnemer gets
  404 (as if it did not exist), one that may only read gets 403 on every write.
  Inside, :func:`huidige_afnemer`, :func:`tenant_select` and :func:`tenant_get_or_404`
  only see that afnemer's rows.
- **Authentication, roles and scopes**: every route needs a token (API token or OAuth);
  :func:`alleen_logius` limits an operation to Logius beheerders (and says so in the
  document's ``x-rollen``).
- **problem+json**: raise :class:`Problem`; marshmallow errors become 400/422 with
  ``invalidParams`` naming each field.
- **ETag/If-Match**: models with :class:`core.sdk.db.Versie` have a version counter;
  :func:`met_etag` answers with its ETag, ``@blp.if_match()`` plus
  :func:`check_if_match` refuse a stale or missing one (412/428).
- **Pagination**: :class:`PaginaArgs`, :func:`pagina_schema`, :func:`paginate`
  (``pagina``/``paginaGrootte``, RFC 8288 ``Link``).
- **Events**: :func:`publiceer` writes to the outbox in the request's transaction, so
  the change and its notification commit together or not at all.
- **Audit**: a model with ``__audit__ = True`` gets an audit line per write.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import select

from core.afnemers.models import Afnemer
from core.api.etag import check_if_match
from core.api.fields import Email, Tekst, Telefoon, keuze, kvk_nummer, tekst
from core.api.pagination import PaginaArgs, pagina_schema, paginate, paginate_list
from core.api.responses import aangemaakt, commit, met_etag
from core.api.schemas import Schema
from core.api.smorest import Blueprint
from core.auth.middleware import current_principal
from core.config import API_PREFIX
from core.contactpersonen.models import Contactpersoon
from core.db import db
from core.errors import Problem
from core.plugins import EXTENSION as DIENSTEN
from core.tenancy import (
    TenantBlueprint,
    alleen_logius,
    huidige_afnemer,
    tenant_get_or_404,
    tenant_select,
)
from core.tijd import utcnow

__all__ = [  # noqa: RUF022 (grouped, not sorted)
    "dienst_blueprint",
    "afnemer_blueprint",
    "Blueprint",
    "Schema",
    "Tekst",
    "tekst",
    "keuze",
    "kvk_nummer",
    "Email",
    "Telefoon",
    "PaginaArgs",
    "pagina_schema",
    "paginate",
    "paginate_list",
    "met_etag",
    "aangemaakt",
    "commit",
    "check_if_match",
    "Problem",
    "current_principal",
    "alleen_logius",
    "huidige_afnemer",
    "tenant_select",
    "tenant_get_or_404",
    "db",
    "publiceer",
    "instellingen",
    "nu",
    "diensten",
    "Contact",
    "contactpersonen",
    "contactpersonen_van",
    "afnemers_met_contactpersoon",
    "afnemerlijst",
    "Afnemerkaart",
    "afnemers",
    "Aansluitingkaart",
    "aansluiting",
    "bereken",
]


def dienst_blueprint(slug: str, import_name: str, *, naam: str | None = None, pad: str = "",
                     description: str) -> Blueprint:
    """A blueprint under ``/api/v1/diensten/{slug}{pad}``, named ``{slug}`` or
    ``{slug}-{naam}``: the dienst's own resources (read by any logged-in principal
    unless a view says otherwise)."""
    return Blueprint(f"{slug}-{naam}" if naam else slug, import_name,
                     url_prefix=f"{API_PREFIX}/diensten/{slug}{pad}", description=description)


def afnemer_blueprint(slug: str, import_name: str, *, pad: str, naam: str | None = None,
                      description: str) -> TenantBlueprint:
    """A blueprint under ``/api/v1/afnemers/{afnemerId}{pad}`` that belongs to one
    afnemer (see the module's doc for what that brings). ``pad`` starts with ``/``."""
    if not pad.startswith("/") or pad == "/":
        raise ValueError(f"pad {pad!r} begint met '/' en noemt de resource")
    return TenantBlueprint(f"{slug}-{naam}" if naam else slug, import_name, suffix=pad,
                           description=description)


def publiceer(*, type: str, afnemer_id: uuid.UUID | None, onderwerp: str, tekst: str,
              data: Mapping[str, Any] | None = None, ook_24x7: bool = False) -> uuid.UUID:
    """Publish one of the plugin's declared events (``dienst_gebeurtenissen``) in the
    current transaction; returns the event's id. An undeclared type is a
    :class:`ValueError` (a programming error, never user input).

    ``ook_24x7``: the e-mail also goes to every contactpersoon of the afnemer reachable
    24x7, whatever their role (a notice that cannot wait for office hours)."""
    from core.meldingen.outbox import publiceer as _publiceer
    from core.uitbreidingen.bijdragen import uitbreidingen

    if uitbreidingen().gebeurtenistype(type) is None:
        raise ValueError(f"gebeurtenistype {type!r} is door geen dienst gedeclareerd")
    return _publiceer(type=type, afnemer_id=afnemer_id, onderwerp=onderwerp, tekst=tekst,
                      data=dict(data or {}), ook_24x7=ook_24x7).id


def instellingen(slug: str) -> Mapping[str, Any]:
    """The dienst's settings (``dienst_instellingen``) as read at start-up."""
    from core.uitbreidingen.bijdragen import EXTENSION

    return current_app.extensions[EXTENSION].instellingen(slug)


def nu() -> datetime:
    """Now, aware, in UTC: the clock core itself reads (a route's moment; hooks get theirs
    as an argument)."""
    return utcnow()


def diensten() -> dict[str, str]:
    """Every installed dienst: slug and name, in core's order."""
    return {info.slug: info.naam for info in current_app.extensions[DIENSTEN].alle()}


@dataclass(frozen=True)
class Contact:
    """A contactpersoon of an afnemer (AV 2.4), as a plugin may read it."""

    naam: str
    email: str
    telefoon: str
    rol: str
    bereikbaarheid: str


def contactpersonen(afnemer_id: uuid.UUID) -> list[Contact]:
    """The afnemer's contactpersonen, by name: for a route that shows or checks who can be
    reached (the processing agreement's table of contacts, say)."""
    rijen = db.session.scalars(select(Contactpersoon).where(
        Contactpersoon.afnemer_id == afnemer_id).order_by(Contactpersoon.naam,
                                                          Contactpersoon.id))
    return [Contact(c.naam, c.email, c.telefoon, c.rol, c.bereikbaarheid) for c in rijen]


def contactpersonen_van(afnemer_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[Contact]]:
    """The contactpersonen of several afnemers in one query, each afnemer's by name (an
    afnemer without any has an empty list): for a Logius route that lists across afnemers."""
    ids = list(dict.fromkeys(afnemer_ids))
    uit: dict[uuid.UUID, list[Contact]] = {afnemer_id: [] for afnemer_id in ids}
    if ids:
        for c in db.session.scalars(select(Contactpersoon).where(
                Contactpersoon.afnemer_id.in_(ids)).order_by(Contactpersoon.naam,
                                                             Contactpersoon.id)):
            uit[c.afnemer_id].append(Contact(c.naam, c.email, c.telefoon, c.rol,
                                             c.bereikbaarheid))
    return uit


def afnemerlijst(type: str | None = None):
    """The afnemers (columns ``id``, ``naam``, ``type``) by name, optionally of one type, as
    a select a Logius route extends with columns and filters of its own, and the id column
    to correlate them with: ``query, afnemer_id = afnemerlijst("gemeente")``. Page it with
    ``paginate(query, args, scalars=False)``."""
    query = select(Afnemer.id, Afnemer.naam, Afnemer.type).order_by(Afnemer.naam, Afnemer.id)
    if type is not None:
        query = query.where(Afnemer.type == type)
    return query, Afnemer.id


def afnemers_met_contactpersoon(bereikbaarheid: str):
    """The ids of the afnemers with a contactpersoon of this reachability (``24x7``), as a
    subquery for a filter done in SQL: ``Model.afnemer_id.in_(...)``."""
    return select(Contactpersoon.afnemer_id).where(
        Contactpersoon.bereikbaarheid == bereikbaarheid)


@dataclass(frozen=True)
class Afnemerkaart:
    """What a plugin may know of any afnemer: id, name and type."""

    id: uuid.UUID
    naam: str
    type: str


def afnemers(ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Afnemerkaart]:
    """The afnemers with these ids that exist, in one query (for a Logius route that names
    afnemers in its body)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    return {a.id: Afnemerkaart(a.id, a.naam, a.type)
            for a in db.session.scalars(select(Afnemer).where(Afnemer.id.in_(ids)))}


@dataclass(frozen=True)
class Aansluitingkaart:
    """What a plugin may know of an aansluiting of the current afnemer."""

    id: uuid.UUID
    dienst: str
    omgeving: str
    status: str


def aansluiting(aansluiting_id: uuid.UUID) -> Aansluitingkaart | None:
    """The current afnemer's aansluiting with this id (:func:`huidige_afnemer`), or ``None``
    when it has none: for a route that takes an aansluiting in its body."""
    from core.aansluitingen.models import Aansluiting

    gevonden = db.session.scalars(tenant_select(Aansluiting).where(
        Aansluiting.id == aansluiting_id)).first()
    if gevonden is None:
        return None
    return Aansluitingkaart(gevonden.id, gevonden.dienst, gevonden.omgeving, gevonden.status)


def bereken(slug: str, jaar: int, regel: Any) -> tuple[Any, Any, Any]:
    """One cost line as the cost engine computes it, for a route that shows a price before
    the afnemer commits to it: ``regel(tarieven)`` builds the line from the dienst's
    tariffs of ``jaar`` (a :class:`~core.sdk.Tarieven`); core rounds it and splits the BTW.

    :return: ``(kostenregel, bedragen, btw_percentage)``; ``bedragen`` has ``excl_btw``,
        ``btw`` and ``incl_btw`` (Decimals, in cents). A tariff or BTW rate that has not
        been set is the engine's own 409 (``tarief-ontbreekt``, ``btw-tarief-ontbreekt``).
    """
    from core.kosten.afronding import BtwOntbreekt, bedragen
    from core.kosten.berekening import btw_ontbreekt, tarief_ontbreekt
    from core.tarieven.service import btw_percentage, tarieven_per_dienst
    from core.types import TariefOntbreekt

    tarieven = tarieven_per_dienst(jaar, [slug]).get(slug)
    if tarieven is None:
        raise ValueError(f"dienst {slug!r} heeft voor {jaar} geen tariefschema")
    try:
        lijn = regel(tarieven)
    except TariefOntbreekt as exc:
        raise tarief_ontbreekt(exc) from None
    percentage = btw_percentage(jaar)
    try:
        return lijn, bedragen(lijn.hoeveelheid, lijn.tarief, lijn.inclusief_btw, percentage,
                              jaar), percentage
    except BtwOntbreekt as exc:
        raise btw_ontbreekt(exc) from None
