"""``/afnemers/{afnemerId}/audit``: every write to the afnemer's data, newest first."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView

from core import models as _alle_modellen  # noqa: F401  (registers every model first)
from core.api import fields
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.schemas import Schema
from core.audit.models import AuditRegel
from core.db import Base
from core.tenancy import TenantBlueprint, tenant_select

blp = TenantBlueprint(
    "audit",
    __name__,
    suffix="/audit",
    description="Auditlog: wie wijzigde wat, wanneer",
)


class AuditRegelSchema(Schema):
    id = ma.fields.Integer(dump_only=True, metadata={
        "description": "Volgnummer van de auditregel",
        "example": 1})
    tijdstip = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Tijdstip van de wijziging (UTC)"})
    actor = ma.fields.String(dump_only=True, metadata={"example": "token:afp_3k9Q",
                                                       "description": "Wie (token of gebruiker)"})
    actor_naam = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van de gebruiker of het token",
        "example": "Koppeling zaaksysteem"})
    actie = ma.fields.String(dump_only=True, metadata={"description": "Wat er met de resource "
                                                       "gebeurde",
                                                       "enum": ["aangemaakt", "gewijzigd",
                                                                 "verwijderd"]})
    resource_type = ma.fields.String(dump_only=True, metadata={"description": "Soort resource "
                                                               "(het padsegment van de "
                                                               "collectie)",
                                                               "example": "contactpersonen"})
    resource_id = ma.fields.String(dump_only=True, metadata={
        "description": "Id van de resource",
        "example": "6f1c2b7e-3d4a-4b8e-9c21-7a5e0d9f4b31"})
    wijzigingen = ma.fields.Dict(
        dump_only=True,
        metadata={"description": "Per veld de oude en nieuwe waarde"},
    )


def geauditeerde_resources() -> list[str]:
    """The resource types the log can hold: the table of every model with ``__audit__``.

    Derived from the models, so a newly audited model is filterable without a change here.
    """
    return sorted(
        {
            mapper.class_.__tablename__
            for mapper in Base.registry.mappers
            if getattr(mapper.class_, "__audit__", False)
        }
    )


class LijstArgs(PaginaArgs):
    resource_type = fields.keuze(
        geauditeerde_resources(),
        metadata={"description": "Alleen regels over dit soort resource"},
    )
    resource_id = ma.fields.String(validate=ma.validate.Length(max=64), metadata={
        "description": "Alleen regels over de resource met deze id"})


@blp.route("")
class Audit(MethodView):
    @blp.arguments(LijstArgs, location="query")
    @blp.response(200, pagina_schema(AuditRegelSchema))
    def get(self, args):
        """Auditlog van de afnemer"""
        query = tenant_select(AuditRegel).order_by(AuditRegel.id.desc())
        if args.get("resource_type"):
            query = query.where(AuditRegel.resource_type == args["resource_type"])
        if args.get("resource_id"):
            query = query.where(AuditRegel.resource_id == args["resource_id"])
        return paginate(query, args)
