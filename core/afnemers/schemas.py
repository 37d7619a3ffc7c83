from __future__ import annotations

import marshmallow as ma

from core.api import fields
from core.api.schemas import Schema, WijzigingMixin
from core.types import Afnemertype


class AfnemerSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    naam = fields.tekst(required=True, metadata={"description": "Naam van de organisatie",
                                                 "example": "Gemeente Voorbeeld"})
    oin = fields.oin(required=True)
    type = fields.keuze(
        [t.value for t in Afnemertype],
        required=True,
        metadata={"description": "Soort organisatie; bepaalt onder meer de kosten"},
    )
    kvk_nummer = fields.kvk_nummer(allow_none=True, load_default=None)
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)


class AfnemerWijzigingSchema(WijzigingMixin, AfnemerSchema):
    """Alle velden optioneel: alleen wat u meestuurt, verandert."""


class AfnemerFilterSchema(Schema):
    oin = fields.oin()
    type = fields.keuze([t.value for t in Afnemertype], metadata={
        "description": "Alleen afnemers van dit type"})
    zoek = ma.fields.String(validate=ma.validate.Length(min=1, max=100), metadata={
        "description": "Alleen afnemers waarvan de naam dit bevat (hoofdletters tellen niet) "
                       "of waarvan het OIN hiermee begint",
        "example": "Voorbeeld"})
    dienst = ma.fields.String(validate=ma.validate.Length(min=1, max=40), metadata={
        "description": "Alleen afnemers met een lopende (niet beëindigde) aansluiting op "
                       "deze dienst (slug): wie een aankondiging over de dienst bereikt"})
