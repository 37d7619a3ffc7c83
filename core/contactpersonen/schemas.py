from __future__ import annotations

from enum import StrEnum

import marshmallow as ma

from core.api import fields
from core.api.schemas import Schema, WijzigingMixin


class ContactRol(StrEnum):
    ALGEMEEN = "algemeen"  # AV 2.4: the contactpersoon every party appoints
    TECHNISCH = "technisch"
    FINANCIEEL = "financieel"
    PRIVACY = "privacy"  # processing agreement Bijlage 1 tabel 2: the controller's privacy contact
    SECURITY = "security"


class Bereikbaarheid(StrEnum):
    KANTOORUREN = "kantooruren"
    ALTIJD = "24x7"  # processing agreement Bijlage 1 tabel 2: reachable outside office hours too


class ContactpersoonSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    naam = fields.tekst(required=True, metadata={"description": "Volledige naam",
                                                 "example": "Fatima el Amrani"})
    functie = fields.tekst(allow_none=True, load_default=None,
                           metadata={"description": "Functie bij de afnemer",
                                     "example": "Functioneel beheerder"})
    email = fields.Email(required=True, metadata={
        "description": "E-mailadres; meldingen voor deze rol gaan hierheen"})
    telefoon = fields.Telefoon(required=True)
    rol = fields.keuze(
        [r.value for r in ContactRol],
        required=True,
        metadata={"description": "algemeen is de contactpersoon van AV 2.4"},
    )
    bereikbaarheid = fields.keuze(
        [b.value for b in Bereikbaarheid],
        load_default=Bereikbaarheid.KANTOORUREN.value,
        metadata={"description": "kantooruren, of 24x7 (verwerkersovereenkomst Bijlage 1 tabel 2)"},
    )
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)


class ContactpersoonWijzigingSchema(WijzigingMixin, ContactpersoonSchema):
    """Alle velden optioneel: alleen wat u meestuurt, verandert."""


class ContactpersoonFilterSchema(Schema):
    rol = fields.keuze([r.value for r in ContactRol], metadata={
        "description": "Alleen contactpersonen met deze rol"})
