"""Questions and complaints: the afnemer asks, Logius answers.

- ``/afnemers/{afnemerId}/vragen``: ask (``POST``), list and read the afnemer's own; a
  Logius beheerder uses the same path to record one that came in by phone.
- ``/vragen`` (Logius beheerders): every question and complaint, and the answer
  (``POST /vragen/{vraagId}/antwoord``).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from flask import url_for
from flask.views import MethodView
from sqlalchemy import select

from core import tijd
from core.afnemers.namen import afnemer_namen
from core.api import Blueprint
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import commit
from core.auth.middleware import current_principal
from core.config import API_PREFIX
from core.db import db
from core.errors import Problem
from core.serviceniveau import meldregels
from core.serviceniveau.vragen import service, volgorde
from core.serviceniveau.vragen.models import Vraag
from core.serviceniveau.vragen.schemas import (
    AntwoordSchema,
    LogiusVraagFilterSchema,
    VraagFilterSchema,
    VraagInvoerSchema,
    VraagSchema,
)
from core.tenancy import (
    NIET_GEVONDEN,
    TenantBlueprint,
    alleen_logius,
    huidige_afnemer,
    tenant_get_or_404,
    tenant_select,
)

tenant = TenantBlueprint(
    "vragen", __name__, suffix="/vragen",
    description="Vragen en klachten over een dienst met een serviceniveau, met de termijn "
                "waarbinnen Logius antwoordt",
)
logius = Blueprint(
    "logius_vragen", __name__, url_prefix=f"{API_PREFIX}/vragen",
    description="Alle vragen en klachten (Logius): lezen en beantwoorden",
)


def weergaven(vragen: list[Vraag], nu: datetime | None = None) -> list[dict]:
    nu = nu or tijd.utcnow()
    eerste = min((v.gesteld_op for v in vragen), default=None)
    kalender = meldregels.werkkalender(eerste, nu) if eerste is not None else None
    namen = afnemer_namen(v.afnemer_id for v in vragen)
    uit = []
    for vraag in vragen:
        termijn = service.stand(vraag, nu, kalender)
        uit.append({**{naam: getattr(vraag, naam) for naam in (
            "id", "afnemer_id", "dienst", "soort", "onderwerp", "tekst", "gesteld_op",
            "gesteld_door", "antwoord", "beantwoord_op", "beantwoord_door", "aangemaakt_op",
            "gewijzigd_op")},
            "afnemer_naam": namen.get(vraag.afnemer_id),
            "beantwoord": vraag.beantwoord_op is not None,
            "reactietermijn": {"werkdagen": termijn.reactietermijn.werkdagen,
                               "norm": termijn.reactietermijn.norm,
                               "artikel": termijn.reactietermijn.artikel} if termijn else None,
            "beantwoorden_uiterlijk": termijn.uiterlijk if termijn else None,
            "binnen_termijn": termijn.binnen_termijn if termijn else None})
    return uit


def _pagina(query, args) -> dict:
    pagina = paginate(query, args)
    pagina["resultaten"] = weergaven(pagina["resultaten"])
    return pagina


def _filter(query, args):
    for veld in ("dienst", "soort", "afnemer_id"):
        if args.get(veld) is not None:
            query = query.where(getattr(Vraag, veld) == args[veld])
    if args.get("beantwoord") is not None:
        query = query.where(Vraag.beantwoord_op.is_not(None) if args["beantwoord"]
                            else Vraag.beantwoord_op.is_(None))
    if args.get("sorteer") == "beantwoordenUiterlijk":
        # The earliest answer deadline first, computed in the database (:mod:`.volgorde`).
        sleutel = volgorde.uiterlijk_sleutel(query.with_only_columns(Vraag.id), tijd.utcnow())
        if sleutel is not None:
            return query.order_by(sleutel.asc().nulls_last(), Vraag.gesteld_op, Vraag.id)
    return query.order_by(Vraag.gesteld_op.desc(), Vraag.id)


class LijstArgs(PaginaArgs, VraagFilterSchema):
    pass


class LogiusLijstArgs(PaginaArgs, LogiusVraagFilterSchema):
    pass


@tenant.route("")
class Vragen(MethodView):
    @tenant.arguments(LijstArgs, location="query")
    @tenant.response(200, pagina_schema(VraagSchema))
    def get(self, args):
        """De vragen en klachten van de afnemer, nieuwste eerst (of met `sorteer`)"""
        return _pagina(_filter(tenant_select(Vraag), args), args)

    @tenant.arguments(VraagInvoerSchema)
    @tenant.response(201, VraagSchema)
    @tenant.problems(403)
    def post(self, data):
        """Vraag stellen of klacht indienen

        Over een dienst met een serviceniveau. Logius antwoordt binnen de reactietermijn
        van de dienst: een aantal werkdagen na de dag van de vraag (`beantwoordenUiterlijk`).
        Een dienst zonder serviceniveau geeft 400 met de regel. Een Logius-beheerder die een
        telefonische vraag vastlegt, geeft `gesteldOp`.
        """
        vraag = service.stellen(huidige_afnemer(), data, door=current_principal(),
                                nu=tijd.utcnow())
        commit()
        return weergaven([vraag])[0], 201, {"Location": url_for(
            "vragen.VraagView", _external=True, afnemer_id=vraag.afnemer_id, vraag_id=vraag.id)}


@tenant.route("/<uuid:vraag_id>")
class VraagView(MethodView):
    @tenant.response(200, VraagSchema)
    def get(self, vraag_id: uuid.UUID):
        """Eén vraag of klacht, met het antwoord en de termijn"""
        return weergaven([tenant_get_or_404(Vraag, vraag_id)])[0]


def _vraag_of_404(vraag_id: uuid.UUID) -> Vraag:
    vraag = db.session.get(Vraag, vraag_id)
    if vraag is None:
        raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
    return vraag


@logius.route("")
class AlleVragen(MethodView):
    @alleen_logius
    @logius.arguments(LogiusLijstArgs, location="query")
    @logius.response(200, pagina_schema(VraagSchema))
    @logius.problems(403)
    def get(self, args):
        """Alle vragen en klachten, nieuwste eerst (alleen Logius-beheerder)

        Met `sorteer=beantwoordenUiterlijk` komt de vroegste dag om te antwoorden eerst.
        """
        return _pagina(_filter(select(Vraag), args), args)


@logius.route("/<uuid:vraag_id>")
class LogiusVraagView(MethodView):
    @alleen_logius
    @logius.response(200, VraagSchema)
    @logius.problems(403)
    def get(self, vraag_id: uuid.UUID):
        """Eén vraag of klacht (alleen Logius-beheerder)"""
        return weergaven([_vraag_of_404(vraag_id)])[0]


@logius.route("/<uuid:vraag_id>/antwoord")
class Antwoord(MethodView):
    @alleen_logius
    @logius.arguments(AntwoordSchema)
    @logius.response(201, VraagSchema)
    @logius.problems(403, 409)
    def post(self, data, vraag_id: uuid.UUID):
        """Vraag of klacht beantwoorden (alleen Logius-beheerder)

        Eén keer: een tweede antwoord geeft 409. De afnemer krijgt het antwoord als
        gebeurtenis (webhook, e-mail aan de algemene contactpersoon, feed). Het antwoord zegt
        of het binnen de reactietermijn van de dienst viel.
        """
        vraag = _vraag_of_404(vraag_id)
        service.beantwoorden(vraag, data["antwoord"], op=data.get("beantwoord_op"),
                             door=current_principal(), nu=tijd.utcnow())
        commit()
        return weergaven([vraag])[0], 201, {"Location": url_for(
            "logius_vragen.LogiusVraagView", _external=True, vraag_id=vraag.id)}
