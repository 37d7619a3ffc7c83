from __future__ import annotations

import marshmallow as ma

from core.aankondigingen.soorten import Status
from core.api.schemas import Schema


class AcceptatieSchema(Schema):
    versie = ma.fields.String(dump_only=True, metadata={"description": "De geaccepteerde versie",
                                                        "example": "1.1"})
    geldt_vanaf = ma.fields.Date(dump_only=True, metadata={
        "description": "Vanaf deze datum bindt de versie de afnemer (AV 11.1, MO 2.2; bij een "
        "geaccepteerde wijziging: de wijzigingsdatum)"})
    grondslag = ma.fields.String(dump_only=True, metadata={"description": "Het artikel waarop "
                                                           "de acceptatie rust",
                                                           "example": "AV 11.1"})
    geaccepteerd_door = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van wie accepteerde",
        "example": "Fatima el Amrani"})
    geaccepteerd_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Tijdstip van acceptatie (UTC)"})
    aankondiging_id = ma.fields.UUID(dump_only=True, allow_none=True)


class AangekondigdeWijzigingSchema(Schema):
    aankondiging_id = ma.fields.UUID(dump_only=True)
    versie = ma.fields.String(dump_only=True, metadata={
        "description": "De aangekondigde nieuwe versie",
        "example": "1.2"})
    wijzigingsdatum = ma.fields.Date(dump_only=True, metadata={
        "description": "Datum waarop de nieuwe versie ingaat"})
    artikel = ma.fields.String(dump_only=True, metadata={"description": "Het artikel waarop de "
                                                         "aankondiging rust",
                                                         "example": "AV 13.1"})
    status = ma.fields.String(dump_only=True, metadata={"description": "Waar de afnemer staat "
                                                        "met deze aankondiging",
                                                        "enum": [s.value for s in Status]})
    einde_levering_op = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Na afwijzing: einde van de levering (AV 13.2, MO 8.2)"})
    grondslag = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Het artikel achter het einde van de levering na afwijzing",
        "example": "AV 13.2"})


class VoorwaardenStandSchema(Schema):
    """Where one afnemer stands with one terms document."""

    document = ma.fields.String(dump_only=True, metadata={"description": "Id van het "
                                                          "voorwaardendocument",
                                                          "example": "algemene-voorwaarden"})
    titel = ma.fields.String(dump_only=True, metadata={
        "description": "Titel van het document",
        "example": "Algemene Voorwaarden Logius"})
    dienst = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Leeg voor de Algemene Voorwaarden, die voor elke dienst gelden"})
    versie = ma.fields.String(dump_only=True, allow_none=True, metadata={"example": "1.1",
        "description": "De geaccepteerde versie die nu geldt"})
    geldt_vanaf = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Vanaf deze datum bindt de geldende versie de afnemer"})
    grondslag = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Het artikel waarop de geldende versie rust",
        "example": "AV 11.1"})
    acceptaties = ma.fields.List(ma.fields.Nested(AcceptatieSchema), dump_only=True, metadata={
        "description": "Elke geaccepteerde versie, oudste eerst (ook die pas later gaan gelden)"})
    aangekondigde_wijzigingen = ma.fields.List(
        ma.fields.Nested(AangekondigdeWijzigingSchema), dump_only=True,
        metadata={"description": "Aangekondigde wijzigingen die nog open staan of nog moeten "
                  "ingaan, met de reactie van de afnemer"})
