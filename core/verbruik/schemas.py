"""Usage rows, uploads and voorcalculaties on the wire."""

from __future__ import annotations

import marshmallow as ma

from core import voorbeelden
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
                  "/diensten/{slug}/tarieven/{jaar})", "example": voorbeelden.METRIEK})
    datum = ma.fields.Date(
        required=True,
        metadata={"description": "De gemeten dag; een maandtotaal op een dag van die maand. "
                  "Bij begeleidingsperioden: de datum van de startmail",
                  "example": "2027-03-01"})
    aantal = ma.fields.Integer(required=True, validate=AANTAL["validate"], metadata={
        **AANTAL["metadata"],
        "description": "Het gemeten aantal",
        "example": 1200})


class VerbruikInvoerSchema(Schema):
    regels = ma.fields.List(ma.fields.Nested(VerbruiksregelInvoerSchema), required=True, metadata={
        "description": "De verbruiksregels; één foute regel legt niets vast"})


class VerbruikResultaatSchema(Schema):
    aantal_regels = ma.fields.Integer(metadata={"example": 3,
                                                "description": "Rijen in de upload"})
    nieuw = ma.fields.Integer(metadata={"example": 2,
                                        "description": "Nieuw vastgelegde rijen"})
    gecorrigeerd = ma.fields.Integer(
        metadata={"example": 1,
                  "description": "Rijen met een sleutel die al bestond en een ander aantal: "
                  "het nieuwe aantal vervangt het oude (in de auditlog)"})
    ongewijzigd = ma.fields.Integer(
        metadata={"example": 0,
                  "description": "Rijen die precies zo al waren vastgelegd"})


class VerbruiksregelSchema(Schema):
    aansluiting_id = ma.fields.UUID()
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST_MET_KOSTEN})
    metriek = ma.fields.String(metadata={"description": "De metriek",
                                         "example": voorbeelden.METRIEK})
    datum = ma.fields.Date(metadata={
        "description": "De gemeten dag"})
    aantal = ma.fields.Integer(metadata={
        "description": "Het gemeten aantal",
        "example": 1200})
    gewijzigd_op = ma.fields.AwareDateTime()


class VerbruikFilterSchema(Schema):
    aansluiting_id = ma.fields.UUID(metadata={
        "description": "Alleen verbruik van deze aansluiting"})
    dienst = ma.fields.String(validate=ma.validate.Length(max=40), metadata={
        "description": "Alleen verbruik van deze dienst (slug)"})
    metriek = ma.fields.String(validate=ma.validate.Length(max=60), metadata={
        "description": "Alleen verbruik van deze metriek"})
    van = ma.fields.Date(metadata={"description": "Vanaf deze datum (inclusief)"})
    tot = ma.fields.Date(metadata={"description": "Tot en met deze datum"})


class VolumeSchema(Schema):
    metriek = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=60),
                               metadata={"description": "Een metriek waarvan de dienst een "
                                         "voorcalculatie vraagt",
                                         "example": voorbeelden.METRIEK})
    aantal = ma.fields.Integer(required=True, validate=AANTAL["validate"], metadata={
        **AANTAL["metadata"],
        "description": "Het verwachte aantal van het jaar",
        "example": 120000})


class VoorcalculatieSchema(Schema):
    aansluiting_id = ma.fields.UUID(dump_only=True)
    dienst = ma.fields.String(dump_only=True, metadata={"example": voorbeelden.DIENST_MET_KOSTEN})
    jaar = ma.fields.Integer(dump_only=True, metadata={"example": 2027})
    volumes = ma.fields.List(
        ma.fields.Nested(VolumeSchema), required=True,
        metadata={"description": "Het verwachte verbruik van het jaar per metriek; alleen "
                  "metrieken waarvan de dienst een voorcalculatie vraagt (DP tabel 1). Een "
                  "lege lijst wist de voorcalculatie"})
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_door = ma.fields.String(dump_only=True)
