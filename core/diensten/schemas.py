from __future__ import annotations

import marshmallow as ma

from core.api.schemas import Schema


class TermijnSchema(Schema):
    aantal = ma.fields.Integer()
    eenheid = ma.fields.String(metadata={"example": "kalendermaanden"})


class KeuzeSchema(Schema):
    slug = ma.fields.String()
    naam = ma.fields.String()
    omschrijving = ma.fields.String()
    artikel = ma.fields.String(allow_none=True)


class KenmerkSchema(Schema):
    naam = ma.fields.String()
    waarden = ma.fields.List(ma.fields.String())
    artikel = ma.fields.String()


class VerplichtingSchema(Schema):
    id = ma.fields.String()
    artikel = ma.fields.String(metadata={"example": "AV 2.8"})
    partij = ma.fields.String(metadata={"enum": ["afnemer", "logius", "beide"]})
    omschrijving = ma.fields.String()
    termijn = ma.fields.Nested(TermijnSchema, allow_none=True)


class WijzigingsregelSchema(Schema):
    aankondiging = ma.fields.Nested(TermijnSchema, allow_none=True)
    aankondiging_artikel = ma.fields.String()
    einde_na_afwijzing = ma.fields.Nested(TermijnSchema, allow_none=True)
    afwijzing_artikel = ma.fields.String()


class VoorwaardenSchema(Schema):
    id = ma.fields.String()
    titel = ma.fields.String()
    versie = ma.fields.String()
    bron = ma.fields.String()
    ingangsdatum = ma.fields.Date(allow_none=True)
    wijziging = ma.fields.Nested(WijzigingsregelSchema, allow_none=True)
    verplichtingen = ma.fields.List(ma.fields.Nested(VerplichtingSchema))


class DienstSchema(Schema):
    slug = ma.fields.String(metadata={"example": "digid"})
    naam = ma.fields.String(metadata={"example": "DigiD"})
    omschrijving = ma.fields.String()
    bron = ma.fields.String()
    omgevingen = ma.fields.List(ma.fields.Nested(KeuzeSchema))
    onderdelen = ma.fields.List(ma.fields.Nested(KeuzeSchema))
    onderdelen_verplicht = ma.fields.Boolean()
    afnemertypes = ma.fields.List(
        ma.fields.String(),
        allow_none=True,
        metadata={"description": "Wie mag aansluiten; null betekent iedereen"},
    )
    kenmerken = ma.fields.List(ma.fields.Nested(KenmerkSchema))


class DienstDetailSchema(DienstSchema):
    voorwaarden = ma.fields.List(
        ma.fields.Nested(VoorwaardenSchema),
        metadata={"description": "De Algemene Voorwaarden en de eigen voorwaarden van de dienst"},
    )
