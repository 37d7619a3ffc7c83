from __future__ import annotations

import marshmallow as ma

from core import tijd, voorbeelden
from core.api import fields
from core.api.schemas import Schema
from core.plugins import diensten


class WijzigingsmeldingSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    omschrijving = fields.tekst(4000, required=True, metadata={
        "description": "Wat verandert er in de eigen dienstverlening, en wat merkt de "
        "Logius-dienst ervan", "example": "Overgang naar een nieuw zaaksysteem"})
    dienst = ma.fields.String(allow_none=True, load_default=None, metadata={
        "description": "De dienst die de wijziging kan raken (slug), als bekend",
        "example": voorbeelden.DIENST})
    realisatiedatum = ma.fields.Date(required=True, metadata={
        "description": "Datum waarop de wijziging wordt doorgevoerd; niet in het verleden. "
        "Minder dan drie kalendermaanden vooruit is te laat (AV 2.8), maar wordt wel "
        "vastgelegd.", "example": "2027-06-01"})
    gemeld_op = ma.fields.Date(dump_only=True, metadata={
        "description": "De dag van melden"})
    uiterlijk_melden_op = ma.fields.Date(dump_only=True, metadata={
        "description": "De laatste dag waarop melden op tijd was (AV 2.8)"})
    te_laat = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Minder dan drie kalendermaanden vooraf gemeld (AV 2.8)",
        "example": False})
    geschonden_regel = ma.fields.String(dump_only=True, allow_none=True,
                                        metadata={"description": "Bij een te late melding: het "
                                                  "artikel",
                                                  "example": "AV 2.8"})
    toelichting = ma.fields.String(dump_only=True, metadata={
        "description": "Wat de melding betekent",
        "example": "Op tijd gemeld: uiterlijk 2027-03-01 (AV 2.8)."})
    gemeld_door = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van wie meldde",
        "example": "Fatima el Amrani"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)

    @ma.validates_schema(skip_on_field_errors=False)
    def _regels(self, data, partial=False, **_kwargs):
        errors: dict[str, list[str]] = {}
        dienst = data.get("dienst")
        if dienst is not None and diensten().get(dienst) is None:
            bekend = ", ".join(d.slug for d in diensten().alle())
            errors["dienst"] = [f"Onbekende dienst; kies een van: {bekend}."]
        datum = data.get("realisatiedatum")
        if datum is not None and datum < tijd.vandaag():
            errors["realisatiedatum"] = [
                "Een wijziging wordt vooraf gemeld (AV 2.8); de realisatiedatum ligt niet in "
                "het verleden."]
        if errors:
            raise ma.ValidationError(errors)


class WijzigingsmeldingFilterSchema(Schema):
    te_laat = ma.fields.Boolean(metadata={"description": "Alleen te late (of tijdige) meldingen"})
    dienst = ma.fields.String(validate=ma.validate.Length(max=40))
