"""Tariff tables, tariffs and BTW rates on the wire."""

from __future__ import annotations

import marshmallow as ma

from core import voorbeelden
from core.api import fields
from core.api.schemas import Schema


class MetriekSchema(Schema):
    code = ma.fields.String(metadata={"description": "Code van de metriek in verbruik en "
                                      "tarieven",
                                      "example": voorbeelden.METRIEK})
    naam = ma.fields.String(metadata={
        "description": "Naam van de metriek",
        "example": "Berichten"})
    eenheid = ma.fields.String(metadata={"description": "Wat één eenheid is",
                                         "example": "bericht"})
    artikel = ma.fields.String(metadata={"description": "Het artikel van de metriek",
                                         "example": "DP tabel 1"})
    omschrijving = ma.fields.String(metadata={
        "description": "Wat er geteld wordt",
        "example": "Aantal verwerkte berichten"})
    voorcalculatie = ma.fields.Boolean(
        metadata={"description": "De afnemer geeft per jaar een voorcalculatie van deze "
                  "metriek, die vooraf wordt gefactureerd (DP tabel 1)"})
    maximum = ma.fields.Integer(
        allow_none=True,
        metadata={"description": "Hoogste aantal per verbruiksregel; 1 betekent dat elke "
                  "regel één gebeurtenis op zijn datum vastlegt"})
    aggregatie = fields.keuze(["som", "maximum"], metadata={
        "description": "Hoe de verbruiksregels over een periode samengaan: som (tellingen, "
                       "opgeteld) of maximum (elke regel is het hoogste op zijn datum, zoals "
                       "een piek per minuut; de periode telt de hoogste regel). Een metriek "
                       "met maximum heeft geen tarief en geen voorcalculatie"})


class TariefInvoerSchema(Schema):
    bedrag = fields.Tariefbedrag(
        required=True,
        metadata={"description": "Bedrag in euro's als tekst, ten hoogste vier decimalen"})
    inclusief_btw = ma.fields.Boolean(
        metadata={"description": "Het bedrag is inclusief btw. Zonder dit veld geldt wat de "
                  "dienst voor deze tariefcode aangeeft"})
    omschrijving = fields.tekst(
        500, metadata={"example": "Per verwerkt bericht",
                       "description": "Toelichting; standaard die van de dienst"})


class TariefSchema(Schema):
    code = ma.fields.String(dump_only=True, metadata={"description": "Code van het tarief in "
                                                      "het tariefschema van de dienst",
                                                      "example": "berichtenverkeer"})
    naam = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van het tarief",
        "example": "Berichtenverkeer"})
    omschrijving = ma.fields.String(dump_only=True, metadata={
        "description": "Toelichting bij het tarief",
        "example": "Per verwerkt bericht"})
    eenheid = ma.fields.String(dump_only=True, metadata={"description": "Waarover het tarief "
                                                         "geldt",
                                                         "example": "per bericht"})
    artikel = ma.fields.String(dump_only=True, metadata={"description": "Het artikel van het "
                                                         "tarief",
                                                         "example": "DP tabel 1"})
    metriek = ma.fields.String(
        dump_only=True, allow_none=True,
        metadata={"example": voorbeelden.METRIEK,
                  "description": "De metriek waarvan het verbruik met dit tarief wordt "
                  "vermenigvuldigd, als die er is"})
    vastgesteld = ma.fields.Boolean(
        dump_only=True,
        metadata={"description": "Er is voor dit jaar een bedrag vastgesteld; zonder bedrag "
                  "geeft een kostenberekening die het nodig heeft 409"})
    bedrag = fields.Tariefbedrag(
        dump_only=True, allow_none=True,
        metadata={"description": "Bedrag in euro's als tekst met twee tot vier decimalen; "
                  "null zolang het niet is vastgesteld"})
    inclusief_btw = ma.fields.Boolean(
        dump_only=True, metadata={"description": "Het bedrag is inclusief btw"})
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    gewijzigd_door = ma.fields.String(dump_only=True, allow_none=True)


class TarieftabelSchema(Schema):
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST_MET_KOSTEN})
    jaar = ma.fields.Integer(metadata={"example": 2027})
    valuta = ma.fields.String(metadata={"example": "EUR", "enum": ["EUR"]})
    btw_percentage = fields.Percentage(
        dump_only=True, allow_none=True,
        metadata={"description": "Het btw-tarief van het jaar; null als het niet is "
                  "vastgesteld"})
    metrieken = ma.fields.List(
        ma.fields.Nested(MetriekSchema),
        metadata={"description": "Wat de dienst telt: het verbruik wordt per metriek "
                  "vastgelegd"})
    tarieven = ma.fields.List(ma.fields.Nested(TariefSchema), metadata={
        "description": "De tarieven van het jaar"})


class BtwTariefSchema(Schema):
    jaar = ma.fields.Integer(dump_only=True, metadata={"example": 2027})
    percentage = fields.Percentage(
        required=True,
        metadata={"description": "Het percentage, kleiner dan 100; \"21\" betekent 21 %"})
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_door = ma.fields.String(dump_only=True)
