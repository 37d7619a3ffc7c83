from __future__ import annotations

import marshmallow as ma

from core.api import fields
from core.api.schemas import Schema
from core.auth.principal import AFNEMER_ROLLEN
from core.gebruikers.models import LidmaatschapStatus
from core.auth.principal import SCOPES


class LidmaatschapSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    email = fields.Email(
        required=True,
        metadata={"description": "Het e-mailadres van de uitgenodigde; het lidmaatschap gaat "
                  "in zodra iemand met dit (door de identity provider geverifieerde) adres "
                  "inlogt", "example": "i.de.vries@voorbeeldstad.nl"},
    )
    rol = fields.keuze([r.value for r in AFNEMER_ROLLEN], required=True)
    status = ma.fields.String(dump_only=True,
                              metadata={"enum": [s.value for s in LidmaatschapStatus]})
    gebruiker_id = ma.fields.UUID(dump_only=True, allow_none=True)
    uitgenodigd_door = ma.fields.String(dump_only=True)
    geaccepteerd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    beeindigd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)


class RolWijzigingSchema(Schema):
    rol = fields.keuze([r.value for r in AFNEMER_ROLLEN], required=True)


class LidmaatschapFilterSchema(Schema):
    status = fields.keuze([s.value for s in LidmaatschapStatus])


class MachineClientSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    client_id = fields.tekst(
        255, required=True,
        metadata={"description": "De client-id bij de identity provider (client credentials)",
                  "example": "zaaksysteem-voorbeeldstad"},
    )
    naam = fields.tekst(required=True, metadata={"example": "Zaaksysteem"})
    scopes = ma.fields.List(
        fields.keuze(SCOPES), load_default=lambda: ["read"],
        validate=ma.validate.Length(min=1, error="Kies minstens één scope."),
        metadata={"description": "Wat de client hoogstens mag: read, write", "default": ["read"]},
    )
    aangemaakt_door = ma.fields.String(dump_only=True)
    ingetrokken_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    laatst_gebruikt_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
