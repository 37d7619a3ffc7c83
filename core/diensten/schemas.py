from __future__ import annotations

import marshmallow as ma

from core.api.schemas import Schema


class TermijnSchema(Schema):
    aantal = ma.fields.Integer(metadata={
        "description": "Lengte van de termijn",
        "example": 3})
    eenheid = ma.fields.String(metadata={"description": "Eenheid van de termijn",
                                         "example": "kalendermaanden"})


class KeuzeSchema(Schema):
    slug = ma.fields.String(metadata={
        "description": "Id van de keuze in de API",
        "example": "productie"})
    naam = ma.fields.String(metadata={
        "description": "Naam voor mensen",
        "example": "Productie"})
    omschrijving = ma.fields.String(metadata={
        "description": "Wat deze keuze inhoudt",
        "example": "24 uur per dag, 7 dagen per week"})
    artikel = ma.fields.String(allow_none=True, metadata={
        "description": "Het artikel waar deze keuze beschreven staat",
        "example": "SNO 2 Beschikbaarheid"})


class KenmerkSchema(Schema):
    naam = ma.fields.String(metadata={
        "description": "Naam van het kenmerk",
        "example": "Zekerheidsniveaus"})
    waarden = ma.fields.List(ma.fields.String(), metadata={
        "description": "De waarden van het kenmerk",
        "example": ["Basis", "Midden", "Substantieel"]})
    artikel = ma.fields.String(metadata={
        "description": "Het artikel waar het kenmerk beschreven staat",
        "example": "SNO 1 Doel"})


class VerplichtingSchema(Schema):
    id = ma.fields.String(metadata={
        "description": "Id van de verplichting",
        "example": "wijziging-melden"})
    artikel = ma.fields.String(metadata={"description": "Het artikel van de verplichting",
                                         "example": "AV 2.8"})
    partij = ma.fields.String(metadata={"description": "Wie de verplichting heeft",
                                        "enum": ["afnemer", "logius", "beide"]})
    omschrijving = ma.fields.String(metadata={
        "description": "Wat er moet gebeuren",
        "example": "De afnemer meldt een wijziging in zijn dienstverlening drie maanden vooraf."})
    termijn = ma.fields.Nested(TermijnSchema, allow_none=True)


class WijzigingsregelSchema(Schema):
    aankondiging = ma.fields.Nested(TermijnSchema, allow_none=True, metadata={
        "description": "Hoe lang vooraf een wijziging wordt aangekondigd"})
    aankondiging_artikel = ma.fields.String(metadata={
        "description": "Het artikel van de aankondigingstermijn",
        "example": "AV 13.1"})
    einde_na_afwijzing = ma.fields.Nested(TermijnSchema, allow_none=True, metadata={
        "description": "Na afwijzing van een wijziging: wanneer de levering eindigt"})
    afwijzing_artikel = ma.fields.String(metadata={
        "description": "Het artikel van het einde na afwijzing",
        "example": "AV 13.2"})


class VoorwaardenSchema(Schema):
    id = ma.fields.String(metadata={
        "description": "Id van het voorwaardendocument",
        "example": "algemene-voorwaarden"})
    titel = ma.fields.String(metadata={
        "description": "Titel van het document",
        "example": "Algemene Voorwaarden Logius"})
    versie = ma.fields.String(metadata={
        "description": "De versie die nu geldt",
        "example": "1.1"})
    bron = ma.fields.String(metadata={
        "description": "Waar het document staat",
        "example": "https://www.logius.nl/algemene-voorwaarden"})
    ingangsdatum = ma.fields.Date(allow_none=True, metadata={
        "description": "Datum waarop deze versie is ingegaan"})
    wijziging = ma.fields.Nested(WijzigingsregelSchema, allow_none=True, metadata={
        "description": "Hoe een wijziging van het document gaat"})
    verplichtingen = ma.fields.List(ma.fields.Nested(VerplichtingSchema), metadata={
        "description": "De verplichtingen uit het document"})


class DienstSchema(Schema):
    slug = ma.fields.String(metadata={"description": "Id van de dienst in de API",
                                      "example": "digid"})
    naam = ma.fields.String(metadata={"description": "Naam van de dienst",
                                      "example": "DigiD"})
    omschrijving = ma.fields.String(metadata={
        "description": "Wat de dienst doet",
        "example": "Inloggen bij de overheid met DigiD."})
    bron = ma.fields.String(metadata={
        "description": "Waar de dienst beschreven staat",
        "example": "https://www.logius.nl/domeinen/toegang/digid"})
    omgevingen = ma.fields.List(ma.fields.Nested(KeuzeSchema), metadata={
        "description": "De omgevingen waarop kan worden aangesloten"})
    onderdelen = ma.fields.List(ma.fields.Nested(KeuzeSchema), metadata={
        "description": "De onderdelen waaruit bij aansluiten wordt gekozen"})
    onderdelen_verplicht = ma.fields.Boolean(metadata={
        "description": "Kies bij aansluiten minstens één onderdeel"})
    afnemertypes = ma.fields.List(
        ma.fields.String(),
        allow_none=True,
        metadata={"example": ["gemeente", "provincie"],
                  "description": "Wie mag aansluiten; null betekent iedereen"},
    )
    kenmerken = ma.fields.List(ma.fields.Nested(KenmerkSchema), metadata={
        "description": "Kenmerken van de dienst, met hun artikel"})


class DienstDetailSchema(DienstSchema):
    voorwaarden = ma.fields.List(
        ma.fields.Nested(VoorwaardenSchema),
        metadata={"description": "De Algemene Voorwaarden en de eigen voorwaarden van de dienst"},
    )
