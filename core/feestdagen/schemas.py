"""Holidays and their changes on the wire."""

from __future__ import annotations

from datetime import date

import marshmallow as ma

from core.api import fields
from core.api.converters import JAAR_MAX, JAAR_MIN
from core.api.pagination import PaginaArgs
from core.api.schemas import Schema

EERSTE, LAATSTE = date(JAAR_MIN, 1, 1), date(JAAR_MAX, 12, 31)
JAAR = {"validate": ma.validate.Range(min=JAAR_MIN, max=JAAR_MAX,
                                      error=f"Verwacht een jaar van {JAAR_MIN} tot en met "
                                            f"{JAAR_MAX}."),
        "metadata": {"example": 2027, "minimum": JAAR_MIN, "maximum": JAAR_MAX}}
BRONNEN = ("holidays", "beheerder")


class FeestdagSchema(Schema):
    datum = ma.fields.Date(
        required=True,
        validate=ma.validate.Range(min=EERSTE, max=LAATSTE),
        metadata={"description": "De dag, in de jaren 2000 tot en met 2100; een datum is "
                  "hooguit één keer een feestdag",
                  "example": "2027-12-31"})
    naam = fields.tekst(100, required=True, metadata={
        "description": "Naam van de feestdag", "example": "Oudejaarsdag"})
    bron = ma.fields.String(dump_only=True, metadata={
        "enum": list(BRONNEN),
        "description": "Herkomst: `holidays` (bij het eerste gebruik van het jaar gevuld uit "
        "het pakket holidays, volgens art. 3 van de Algemene termijnenwet) of `beheerder` "
        "(door een Logius-beheerder toegevoegd)"})
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Laatste wijziging (UTC)"})
    gewijzigd_door = ma.fields.String(dump_only=True, metadata={
        "description": "Wie de dag toevoegde of het laatst wijzigde",
        "example": "holidays 0.109"})


class FeestdagWijzigenSchema(Schema):
    naam = fields.tekst(100, metadata={
        "description": "De nieuwe naam van de feestdag", "example": "Bevrijdingsdag"})


class FeestdagenArgs(PaginaArgs):
    jaar = ma.fields.Integer(required=True, validate=JAAR["validate"], metadata={
        **JAAR["metadata"], "description": "Het kalenderjaar"})


class WijzigingenArgs(PaginaArgs):
    jaar = ma.fields.Integer(validate=JAAR["validate"], metadata={
        **JAAR["metadata"], "description": "Alleen wijzigingen van dagen in dit jaar"})


class FeestdagWijzigingSchema(Schema):
    datum = ma.fields.Date(dump_only=True, metadata={
        "description": "De dag die werd gewijzigd", "example": "2027-12-31"})
    actie = ma.fields.String(dump_only=True, metadata={
        "enum": ["aangemaakt", "gewijzigd", "verwijderd"],
        "description": "Wat er met de dag gebeurde"})
    wijzigingen = ma.fields.Dict(dump_only=True, metadata={
        "description": "Per veld de oude en nieuwe waarde"})
    door = ma.fields.String(dump_only=True, metadata={
        "description": "Wie (token of gebruiker)", "example": "token:afp_3k9Q"})
    door_naam = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van de gebruiker of het token", "example": "Logius beheer"})
    op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Tijdstip van de wijziging (UTC)"})
