from __future__ import annotations

import marshmallow as ma

from core.aankondigingen import regels
from core.aankondigingen.soorten import Besluit, Status, Type
from core.api import fields
from core.api.schemas import Schema

TYPEN = [t.value for t in Type]
STATUSSEN = [s.value for s in Status]


class AankondigingSchema(Schema):
    """An announcement as Logius writes it and reads it back."""

    id = ma.fields.UUID(dump_only=True)
    type = fields.keuze(TYPEN, required=True, metadata={
        "description": "voorwaardenwijziging (AV 13.1, MO 8.1), dienstwijziging en "
        "uitfasering (AV 14.1), onderhoud (AV 6.1), koppelvlakwijziging (MO 3.5), "
        "opschorting bij een beveiligingsincident (AV 5.4) of storing (AV 7)"})
    titel = fields.tekst(200, required=True,
                         metadata={"example": "Nieuwe versie van de Algemene Voorwaarden"})
    omschrijving = fields.tekst(4000, required=True)
    artikel = ma.fields.String(dump_only=True, metadata={
        "description": "Het artikel waarop de aankondiging rust", "example": "AV 13.1"})
    dienst = ma.fields.String(allow_none=True, metadata={
        "description": "Slug van de dienst. Bij een voorwaardenwijziging volgt hij uit het "
        "document (leeg voor de Algemene Voorwaarden).", "example": "digid"})
    document = ma.fields.String(allow_none=True, metadata={
        "description": "voorwaardenwijziging: id van het voorwaardendocument",
        "example": "algemene-voorwaarden"})
    versie = fields.tekst(20, allow_none=True, metadata={
        "description": "voorwaardenwijziging: de nieuwe versie", "example": "1.2"})
    wijzigingsdatum = ma.fields.Date(allow_none=True, metadata={
        "description": "Datum waarop de wijziging ingaat. Bij een voorwaardenwijziging "
        "minstens de aankondigingstermijn van het document na vandaag (AV 13.1, MO 8.1)."})
    begin_op = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "onderhoud, opschorting, storing: begin"})
    einde_op = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "onderhoud, opschorting, storing: (verwacht) einde"})
    afnemersoverleg_op = ma.fields.Date(allow_none=True, metadata={
        "description": "koppelvlakwijziging: datum van het overleg met het Afnemersoverleg "
        "(verplicht als de dienst dat voorschrijft, zoals MO 3.5)"})
    afnemers = ma.fields.List(
        ma.fields.UUID(), load_only=True, allow_none=True,
        validate=ma.validate.Length(min=1, error="Noem minstens één afnemer, of laat het "
                                                 "veld weg."),
        metadata={"description": "Alleen deze afnemers. Zonder dit veld: elke afnemer met een "
                  "lopende aansluiting op de dienst (bij de Algemene Voorwaarden: op een "
                  "dienst)."},
    )
    reactie_vereist = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Afnemers accepteren of wijzen af (voorwaardenwijziging, "
        "dienstwijziging, uitfasering)"})
    aantal_ontvangers = ma.fields.Integer(dump_only=True)
    aangemaakt_door = ma.fields.String(dump_only=True)
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)

    @ma.validates_schema(skip_on_field_errors=False, pass_original=True)
    def _regels(self, data, original, partial=False, **_kwargs):
        """The rules per type, with their articles (see core.aankondigingen.regels)."""
        gegeven = {k for k, v in (original or {}).items() if v is not None} if isinstance(
            original, dict) else set()
        errors = regels.fouten(data, gegeven)
        if errors:
            raise ma.ValidationError(errors)


class ReactieSchema(Schema):
    """Where one afnemer stands with one announcement."""

    status = ma.fields.String(dump_only=True, metadata={"enum": STATUSSEN})
    besluit = ma.fields.String(dump_only=True, allow_none=True,
                               metadata={"enum": [b.value for b in Besluit] + [None]})
    toelichting = ma.fields.String(dump_only=True, allow_none=True)
    gereageerd_door = ma.fields.String(dump_only=True, allow_none=True)
    gereageerd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    einde_levering_op = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Na afwijzing van een voorwaardenwijziging: einde van de levering "
        "(AV 13.2, MO 8.2)"})
    grondslag = ma.fields.String(dump_only=True, allow_none=True,
                                 metadata={"example": "AV 13.2"})


class OntvangerSchema(ReactieSchema):
    afnemer_id = ma.fields.UUID(dump_only=True)
    afnemer_naam = ma.fields.String(dump_only=True, attribute="afnemer.naam")


class AankondigingDetailSchema(AankondigingSchema):
    ontvangers = ma.fields.List(ma.fields.Nested(OntvangerSchema), dump_only=True)


class AankondigingVoorAfnemerSchema(Schema):
    """An announcement as one afnemer that it reached sees it, with its own reaction."""

    id = ma.fields.UUID(dump_only=True)
    type = ma.fields.String(dump_only=True, metadata={"enum": TYPEN})
    titel = ma.fields.String(dump_only=True)
    omschrijving = ma.fields.String(dump_only=True)
    artikel = ma.fields.String(dump_only=True)
    dienst = ma.fields.String(dump_only=True, allow_none=True)
    document = ma.fields.String(dump_only=True, allow_none=True)
    versie = ma.fields.String(dump_only=True, allow_none=True)
    wijzigingsdatum = ma.fields.Date(dump_only=True, allow_none=True)
    begin_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    einde_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    afnemersoverleg_op = ma.fields.Date(dump_only=True, allow_none=True)
    reactie_vereist = ma.fields.Boolean(dump_only=True)
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    reactie = ma.fields.Nested(ReactieSchema, dump_only=True)


class ReactieInvoerSchema(Schema):
    besluit = fields.keuze([b.value for b in Besluit], required=True, metadata={
        "description": "accepteren of afwijzen. Afwijzen van een voorwaardenwijziging "
        "beëindigt de levering (AV 13.2, MO 8.2); van een dienstwijziging of uitfasering "
        "opent het overleg (AV 14.2)."})
    toelichting = fields.tekst(2000, allow_none=True, load_default=None)


class AankondigingFilterSchema(Schema):
    type = fields.keuze(TYPEN)
    dienst = ma.fields.String(validate=ma.validate.Length(max=40))


class OntvangerFilterSchema(AankondigingFilterSchema):
    status = fields.keuze(STATUSSEN, metadata={"description": "Alleen met deze reactiestatus"})

