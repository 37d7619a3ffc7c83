from __future__ import annotations

import marshmallow as ma

from core.api import fields
from core.api.schemas import Schema
from core.auth.principal import AFNEMER_ROLLEN, SCOPES
from core.gebruikers.models import LidmaatschapStatus


class LidmaatschapSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    email = fields.Email(
        required=True,
        metadata={"description": "Het e-mailadres van de uitgenodigde; het lidmaatschap gaat "
                  "in zodra iemand met dit (door de identity provider geverifieerde) adres "
                  "inlogt", "example": "i.de.vries@voorbeeldstad.nl"},
    )
    rol = fields.keuze([r.value for r in AFNEMER_ROLLEN], required=True, metadata={
        "description": "De rol van het lid bij de afnemer"})
    status = ma.fields.String(dump_only=True,
                              metadata={"description": "uitgenodigd tot de eerste login, dan "
                                        "actief; beeindigd na afloop",
                                        "enum": [s.value for s in LidmaatschapStatus]})
    gebruiker_id = ma.fields.UUID(dump_only=True, allow_none=True, metadata={
        "description": "Id van de gebruiker; null zolang de uitnodiging openstaat"})
    uitgenodigd_door = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van wie uitnodigde",
        "example": "Fatima el Amrani"})
    geaccepteerd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Tijdstip van de eerste login (UTC)"})
    beeindigd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Tijdstip van beëindigen (UTC); null zolang het loopt"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)


class RolWijzigingSchema(Schema):
    rol = fields.keuze([r.value for r in AFNEMER_ROLLEN], required=True, metadata={
        "description": "De nieuwe rol"})


class LidmaatschapFilterSchema(Schema):
    status = fields.keuze([s.value for s in LidmaatschapStatus], metadata={
        "description": "Alleen lidmaatschappen met deze status"})


class MachineClientSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    client_id = fields.tekst(
        255, required=True,
        metadata={"description": "De client-id bij de identity provider (client credentials)",
                  "example": "zaaksysteem-voorbeeldstad"},
    )
    naam = fields.tekst(required=True, metadata={"description": "Waarvoor de client is, om hem "
                                                 "terug te vinden",
                                                 "example": "Zaaksysteem"})
    bewijs = fields.tekst(
        8192, meerregelig=False, load_only=True,
        metadata={"description": "Bewijs dat de afnemer de client in handen heeft: een "
                  "onverlopen access token dat de identity provider met client credentials aan "
                  "deze client-id gaf. Verplicht voor een afnemer; wordt alleen gecontroleerd, "
                  "niet bewaard",
                  "example": "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6InNsZXV0ZWwtMSJ9."
                             "eyJjbGllbnRfaWQiOiJ6YWFrc3lzdGVlbS12b29yYmVlbGRzdGFkIn0.handtekening"})
    scopes = ma.fields.List(
        fields.keuze(SCOPES), load_default=lambda: ["read"],
        validate=ma.validate.Length(min=1, error="Kies minstens één scope."),
        metadata={"description": "Wat de client hoogstens mag: read, write", "default": ["read"]},
    )
    aangemaakt_door = ma.fields.String(dump_only=True)
    ingetrokken_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    laatst_gebruikt_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Laatste gebruik, tot op een minuut nauwkeurig"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
