"""Announcements: Logius writes them, each afnemer they reach reads and answers them.

- ``/aankondigingen`` (Logius beheerders): create, list, and read one with every
  afnemer's reaction;
- ``/afnemers/{afnemerId}/aankondigingen``: the announcements that reached this
  afnemer; ``POST .../{id}/reactie`` accepts or rejects one that asks for an answer.
"""

from __future__ import annotations

import uuid

from flask import url_for
from flask.views import MethodView
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from core.aankondigingen import service
from core.aankondigingen.models import Aankondiging, Ontvanger
from core.aankondigingen.schemas import (
    AankondigingDetailSchema,
    AankondigingFilterSchema,
    AankondigingSchema,
    AankondigingVoorAfnemerDetailSchema,
    AankondigingVoorAfnemerSchema,
    AankondigingVoorbeeldSchema,
    OntvangerFilterSchema,
    ReactieInvoerSchema,
)
from core.aankondigingen.soorten import Besluit
from core.api import Blueprint
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import commit
from core.auth.middleware import current_principal
from core.config import API_PREFIX
from core.db import db
from core.errors import Problem
from core.tenancy import NIET_GEVONDEN, TenantBlueprint, alleen_logius, huidige_afnemer

blp = Blueprint(
    "aankondigingen", __name__, url_prefix=f"{API_PREFIX}/aankondigingen",
    description="Aankondigingen van Logius aan afnemers: wijzigingen, onderhoud, storingen",
)
tenant = TenantBlueprint(
    "afnemer_aankondigingen", __name__, suffix="/aankondigingen",
    description="De aankondigingen die de afnemer kreeg, en zijn reacties",
)


class LijstArgs(PaginaArgs, AankondigingFilterSchema):
    pass


class AfnemerLijstArgs(PaginaArgs, OntvangerFilterSchema):
    pass


def _filter(query, args):
    for key in ("type", "dienst"):
        if args.get(key):
            query = query.where(getattr(Aankondiging, key) == args[key])
    return query


@blp.route("")
class Aankondigingen(MethodView):
    @alleen_logius
    @blp.arguments(LijstArgs, location="query")
    @blp.response(200, pagina_schema(AankondigingSchema))
    def get(self, args):
        """Aankondigingen opvragen, nieuwste eerst (alleen Logius-beheerder)"""
        query = select(Aankondiging).order_by(Aankondiging.aangemaakt_op.desc(),
                                              Aankondiging.id)
        return paginate(_filter(query, args), args)

    @alleen_logius
    @blp.arguments(AankondigingSchema)
    @blp.response(201, AankondigingDetailSchema)
    @blp.problems(403)
    def post(self, data):
        """Aankondiging versturen (alleen Logius-beheerder)

        Elke afnemer met een lopende aansluiting op de dienst krijgt de aankondiging
        (bij een wijziging van de Algemene Voorwaarden: elke afnemer met een lopende
        aansluiting), of alleen de afnemers in `afnemers`. Ieder krijgt één gebeurtenis
        `aankondiging.<type>`, in dezelfde transactie. Een voorwaardenwijziging gaat
        minstens de aankondigingstermijn van het document na vandaag in (AV 13.1, MO 8.1:
        één kalendermaand); een eerdere datum geeft 400.
        """
        aankondiging = service.aankondigen(data, door=current_principal())
        commit()
        location = url_for("aankondigingen.AankondigingView", aankondiging_id=aankondiging.id,
                           _external=True)
        return aankondiging, 201, {"Location": location}


@blp.route("/voorbeeld")
class Voorbeeld(MethodView):
    @alleen_logius
    @blp.arguments(AankondigingSchema)
    @blp.response(200, AankondigingVoorbeeldSchema)
    @blp.problems(403)
    def post(self, data):
        """Aankondiging proefdraaien: wie zij bereikt en welke mail zij krijgen (alleen
        Logius-beheerder)

        Dezelfde invoer en regels als het versturen, maar er wordt niets opgeslagen of
        verstuurd: het antwoord noemt hoeveel afnemers de aankondiging zou bereiken (de
        eerste 20 op naam), de gebeurtenis die zij krijgen en de mail aan hun
        contactpersonen.
        """
        return service.voorbeeld(data)


@blp.route("/<uuid:aankondiging_id>")
class AankondigingView(MethodView):
    @alleen_logius
    @blp.response(200, AankondigingDetailSchema)
    def get(self, aankondiging_id: uuid.UUID):
        """Eén aankondiging, met de reactie van elke afnemer (alleen Logius-beheerder)"""
        aankondiging = db.session.get(Aankondiging, aankondiging_id)
        if aankondiging is None:
            raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
        return aankondiging


def _voor_afnemer(ontvanger: Ontvanger) -> dict:
    aankondiging = ontvanger.aankondiging
    velden = {name: getattr(aankondiging, name)
              for name in AankondigingVoorAfnemerSchema().fields if name != "reactie"}
    return {**velden, "reactie": ontvanger}


def _ontvanger_of_404(aankondiging_id: uuid.UUID) -> Ontvanger:
    """The afnemer's own row; an announcement that did not reach it does not exist here."""
    ontvanger = db.session.execute(
        select(Ontvanger).where(Ontvanger.aankondiging_id == aankondiging_id,
                                Ontvanger.afnemer_id == huidige_afnemer().id)
    ).scalar_one_or_none()
    if ontvanger is None:
        raise Problem(404, NIET_GEVONDEN, code="niet-gevonden")
    return ontvanger


@tenant.route("")
class AfnemerAankondigingen(MethodView):
    @tenant.arguments(AfnemerLijstArgs, location="query")
    @tenant.response(200, pagina_schema(AankondigingVoorAfnemerSchema))
    def get(self, args):
        """Aankondigingen aan deze afnemer, nieuwste eerst"""
        query = (
            select(Ontvanger).join(Aankondiging)
            .options(contains_eager(Ontvanger.aankondiging))  # one query, not one per row
            .where(Ontvanger.afnemer_id == huidige_afnemer().id)
            .order_by(Aankondiging.aangemaakt_op.desc(), Aankondiging.id)
        )
        if args.get("status"):
            query = query.where(Ontvanger.status == args["status"])
        pagina = paginate(_filter(query, args), args)
        pagina["resultaten"] = [_voor_afnemer(o) for o in pagina["resultaten"]]
        return pagina


@tenant.route("/<uuid:aankondiging_id>")
class AfnemerAankondiging(MethodView):
    @tenant.response(200, AankondigingVoorAfnemerDetailSchema)
    def get(self, aankondiging_id: uuid.UUID):
        """Eén aankondiging aan deze afnemer, met de eigen reactie

        Zolang de afnemer nog moet reageren, zegt `gevolgenVanAfwijzen` vooraf wat afwijzen
        in gang zet: bij een voorwaardenwijziging de dag waarop de levering eindigt en de
        aansluitingen die dan eindigen (AV 13.2, MO 8.2), bij een dienstwijziging of
        uitfasering het overleg over een einddatum (AV 14.2).
        """
        ontvanger = _ontvanger_of_404(aankondiging_id)
        return {**_voor_afnemer(ontvanger),
                "gevolgen_van_afwijzen": service.gevolgen_van_afwijzen(ontvanger)}


@tenant.route("/<uuid:aankondiging_id>/reactie")
class Reactie(MethodView):
    @tenant.arguments(ReactieInvoerSchema)
    @tenant.response(201, AankondigingVoorAfnemerSchema)
    @tenant.problems(403, 409)
    def post(self, data, aankondiging_id: uuid.UUID):
        """Reageren op een aankondiging: accepteren of afwijzen

        Alleen bij een voorwaardenwijziging, dienstwijziging of uitfasering, één keer
        (anders 409). Accepteren van een voorwaardenwijziging legt de acceptatie van de
        nieuwe versie vast vanaf de wijzigingsdatum. Afwijzen ervan beëindigt de levering
        twee kalendermaanden na de wijzigingsdatum (AV 13.2, MO 8.2): de geraakte
        aansluitingen krijgen die datum als gepland einde. Afwijzen van een
        dienstwijziging of uitfasering opent het overleg over een einddatum (AV 14.2).
        """
        ontvanger = service.reageren(
            _ontvanger_of_404(aankondiging_id), besluit=Besluit(data["besluit"]),
            toelichting=data.get("toelichting"), door=current_principal(),
        )
        commit()
        location = url_for("afnemer_aankondigingen.AfnemerAankondiging",
                           afnemer_id=ontvanger.afnemer_id, aankondiging_id=aankondiging_id,
                           _external=True)
        return _voor_afnemer(ontvanger), 201, {"Location": location}
