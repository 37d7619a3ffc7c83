"""Usage rows, uploads and voorcalculaties on the wire."""

from __future__ import annotations

import marshmallow as ma

from core.api.schemas import Schema
from core.verbruik.invoer import MAX_AANTAL

AANTAL = {"validate": ma.validate.Range(min=0, max=MAX_AANTAL,
                                        error=f"Verwacht 0 tot en met {MAX_AANTAL}."),
          "metadata": {"minimum": 0, "maximum": MAX_AANTAL}}


class VerbruiksregelInvoerSchema(Schema):
    aansluiting_id = ma.fields.UUID(required=True)
    metriek = ma.fields.String(
        required=True,
        metadata={"description": "Een metriek van de dienst van de aansluiting (zie "
                  "/diensten/{slug}/tarieven/{jaar})", "example": "berichten"})
    datum = ma.fields.Date(
        required=True,
        metadata={"description": "De gemeten dag; een maandtotaal op een dag van die maand. "
                  "Bij begeleidingsperioden: de datum van de startmail",
                  "example": "2027-03-01"})
    aantal = ma.fields.Integer(required=True, **AANTAL)


class VerbruikInvoerSchema(Schema):
    regels = ma.fields.List(ma.fields.Nested(VerbruiksregelInvoerSchema), required=True)


class VerbruikResultaatSchema(Schema):
    aantal_regels = ma.fields.Integer(metadata={"description": "Rijen in de upload"})
    nieuw = ma.fields.Integer(metadata={"description": "Nieuw vastgelegde rijen"})
    gecorrigeerd = ma.fields.Integer(
        metadata={"description": "Rijen met een sleutel die al bestond en een ander aantal: "
                  "het nieuwe aantal vervangt het oude (in de auditlog)"})
    ongewijzigd = ma.fields.Integer(
        metadata={"description": "Rijen die precies zo al waren vastgelegd"})


class VerbruiksregelSchema(Schema):
    aansluiting_id = ma.fields.UUID()
    dienst = ma.fields.String(metadata={"example": "digipoort"})
    metriek = ma.fields.String(metadata={"example": "berichten"})
    datum = ma.fields.Date()
    aantal = ma.fields.Integer()
    gewijzigd_op = ma.fields.AwareDateTime()


class VerbruikFilterSchema(Schema):
    aansluiting_id = ma.fields.UUID()
    dienst = ma.fields.String(validate=ma.validate.Length(max=40))
    metriek = ma.fields.String(validate=ma.validate.Length(max=60))
    van = ma.fields.Date(metadata={"description": "Vanaf deze datum (inclusief)"})
    tot = ma.fields.Date(metadata={"description": "Tot en met deze datum"})


class VolumeSchema(Schema):
    metriek = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=60),
                               metadata={"example": "berichten"})
    aantal = ma.fields.Integer(required=True, **AANTAL)


class VoorcalculatieSchema(Schema):
    aansluiting_id = ma.fields.UUID(dump_only=True)
    dienst = ma.fields.String(dump_only=True, metadata={"example": "digipoort"})
    jaar = ma.fields.Integer(dump_only=True, metadata={"example": 2027})
    volumes = ma.fields.List(
        ma.fields.Nested(VolumeSchema), required=True,
        metadata={"description": "Het verwachte verbruik van het jaar per metriek; alleen "
                  "metrieken waarvan de dienst een voorcalculatie vraagt (DP tabel 1). Een "
                  "lege lijst wist de voorcalculatie"})
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_door = ma.fields.String(dump_only=True)
