"""Costs, estimates and pro-forma invoices on the wire.

Money is a string with two decimals (``"5900.00"``), a tariff a string with two to four
decimals (``"0.59"``); JSON numbers are never used for amounts. The currency is EUR.
"""

from __future__ import annotations

import marshmallow as ma

from core import voorbeelden
from core.api import fields
from core.api.converters import JAAR_MAX, JAAR_MIN
from core.api.schemas import Schema
from core.types import Berekening
from core.verbruik.schemas import AANTAL

JAAR = {"validate": ma.validate.Range(min=JAAR_MIN, max=JAAR_MAX,
                                      error=f"Verwacht een jaar van {JAAR_MIN} tot en met "
                                            f"{JAAR_MAX}."),
        "metadata": {"example": 2027, "minimum": JAAR_MIN, "maximum": JAAR_MAX}}


class BedragenSchema(Schema):
    bedrag_excl_btw = fields.Bedrag(attribute="excl_btw")
    btw = fields.Bedrag()
    bedrag_incl_btw = fields.Bedrag(attribute="incl_btw")


class KostenregelSchema(Schema):
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST_MET_KOSTEN})
    aansluiting_id = ma.fields.UUID(
        allow_none=True,
        metadata={"description": "null bij een schatting voor een dienst waarop de afnemer "
                  "nog niet is aangesloten"})
    code = ma.fields.String(allow_none=True,
                            metadata={"example": "berichtenverkeer",
                                      "description": "De tariefcode; null bij een regel die "
                                      "volgens zijn artikel kosteloos is"})
    metriek = ma.fields.String(allow_none=True, metadata={
        "description": "De metriek van het verbruik; null bij een vast bedrag",
        "example": voorbeelden.METRIEK})
    omschrijving = ma.fields.String(metadata={"description": "Wat de regel in rekening brengt",
                                              "example": "Exploitatie berichtenverkeer"})
    artikel = ma.fields.String(metadata={"description": "Het artikel van het tarief",
                                         "example": "DP tabel 1"})
    hoeveelheid = ma.fields.Integer(
        metadata={"example": 12000,
                  "description": "Negatief bij een tegenboeking (het afgetrokken voorschot)"})
    eenheid = ma.fields.String(metadata={"description": "Eenheid van de hoeveelheid",
                                         "example": "per bericht"})
    tarief = fields.Tariefbedrag(dump_only=True, metadata={
        "description": "Het tarief per eenheid in euro's als tekst"})
    tarief_inclusief_btw = ma.fields.Boolean(attribute="inclusief_btw", metadata={
        "description": "Het tarief is inclusief btw"})
    bedrag_excl_btw = fields.Bedrag()
    btw = fields.Bedrag()
    bedrag_incl_btw = fields.Bedrag()


class DienstTotaalSchema(Schema):
    dienst = ma.fields.String()
    totaal = ma.fields.Nested(BedragenSchema, metadata={
        "description": "Het totaal van de dienst"})


class KostenoverzichtSchema(Schema):
    afnemer_id = ma.fields.UUID()
    soort = ma.fields.String(metadata={"description": "werkelijk: uit vastgelegd verbruik; "
                                       "schatting: uit invoer of prognoses",
                                       "enum": [Berekening.WERKELIJK.value,
                                                Berekening.SCHATTING.value]})
    van = ma.fields.Date(metadata={
        "description": "Eerste dag van de periode"})
    tot = ma.fields.Date(metadata={
        "description": "Laatste dag van de periode"})
    jaar = ma.fields.Integer()
    valuta = ma.fields.Constant("EUR", metadata={"type": "string", "enum": ["EUR"]})
    btw_percentage = fields.Percentage(dump_only=True, allow_none=True)
    regels = ma.fields.List(ma.fields.Nested(KostenregelSchema), metadata={
        "description": "De kostenregels"})
    totaal = ma.fields.Nested(BedragenSchema, metadata={
        "description": "Het totaal van alle regels"})
    per_dienst = ma.fields.List(ma.fields.Nested(DienstTotaalSchema), metadata={
        "description": "Het totaal per dienst"})
    volumes = ma.fields.List(ma.fields.Nested("GebruikteVolumeSchema"), metadata={
        "description": "Bij een schatting: het verbruik waarmee gerekend is en de bron"})


class GebruikteVolumeSchema(Schema):
    dienst = ma.fields.String()
    metriek = ma.fields.String(metadata={
        "description": "De metriek",
        "example": voorbeelden.METRIEK})
    aantal = ma.fields.Integer(metadata={
        "description": "Het verwachte aantal van het jaar",
        "example": 12000})
    bron = ma.fields.String(metadata={
        "enum": ["invoer", "prognose"],
        "description": "invoer: uit het verzoek; prognose: uit de nieuwste prognose van de "
                       "aansluiting voor dat jaar (AV 2.5)"})
    aansluiting_id = ma.fields.UUID(allow_none=True, metadata={
        "description": "Alleen bij bron prognose; anders null"})
    prognose_id = ma.fields.UUID(allow_none=True, metadata={
        "description": "Alleen bij bron prognose; anders null"})


class KostenArgs(Schema):
    strikte_typen = False  # query parameters arrive as text
    van = ma.fields.Date(metadata={"description": "Eerste dag (standaard 1 januari van het "
                                   "jaar van tot, of van dit jaar)"})
    tot = ma.fields.Date(metadata={"description": "Laatste dag, in hetzelfde kalenderjaar als "
                                   "van (standaard 31 december van dat jaar)"})


class SchattingVolumeSchema(Schema):
    dienst = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40),
                              metadata={"description": "Slug van de dienst",
                                        "example": voorbeelden.DIENST_MET_KOSTEN})
    metriek = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=60),
                               metadata={"description": "Een metriek van de dienst",
                                         "example": voorbeelden.METRIEK})
    aantal = ma.fields.Integer(required=True, validate=AANTAL["validate"], metadata={
        **AANTAL["metadata"],
        "description": "Het verwachte aantal van het hele jaar",
        "example": 12000})


class SchattingInvoerSchema(Schema):
    jaar = ma.fields.Integer(required=True, **JAAR)
    volumes = ma.fields.List(
        ma.fields.Nested(SchattingVolumeSchema), load_default=list,
        metadata={"description": "Het verwachte verbruik van het hele jaar, per dienst en "
                  "metriek. Een dienst die hier ontbreekt rekent met de nieuwste prognose "
                  "van de aansluiting voor dat jaar, als die er is (AV 2.5).", "default": []})


class FactuurSchema(Schema):
    soort = ma.fields.String(metadata={"description": "voorschot: vooraf op de voorcalculatie; "
                                       "verrekening: achteraf op het verbruik",
                                       "enum": ["voorschot", "verrekening"]})
    omschrijving = ma.fields.String(metadata={
        "description": "Waarover de factuur gaat",
        "example": voorbeelden.VOORSCHOT})
    factuurperiode_van = ma.fields.Date(
        metadata={"description": "Vanaf wanneer gefactureerd wordt"})
    factuurperiode_tot = ma.fields.Date(
        metadata={"description": "Uiterlijk wanneer gefactureerd wordt"})
    status = ma.fields.String(
        metadata={"enum": ["voorlopig", "definitief"],
                  "description": "voorlopig zolang de grondslag nog kan veranderen"})
    regels = ma.fields.List(ma.fields.Nested(KostenregelSchema), metadata={
        "description": "De kostenregels van de factuur"})
    totaal = ma.fields.Nested(BedragenSchema, metadata={
        "description": "Het totaal van de factuur"})


class FacturenSchema(Schema):
    afnemer_id = ma.fields.UUID()
    jaar = ma.fields.Integer()
    valuta = ma.fields.Constant("EUR", metadata={"type": "string", "enum": ["EUR"]})
    btw_percentage = fields.Percentage(dump_only=True, allow_none=True)
    facturen = ma.fields.List(ma.fields.Nested(FactuurSchema), metadata={
        "description": "De (pro-forma) facturen van het jaar"})


class KostenrunFoutSchema(Schema):
    afnemer_id = ma.fields.String(attribute="afnemerId")
    afnemer = ma.fields.String(metadata={
        "description": "Naam van de afnemer",
        "example": "Gemeente Voorbeeld"})
    reden = ma.fields.String(metadata={
        "description": "Waarom de kosten niet konden worden berekend",
        "example": "Er is geen tarief vastgesteld voor berichtenverkeer in 2027."})


class KostenrunSchema(Schema):
    id = ma.fields.UUID()
    jaar = ma.fields.Integer()
    status = ma.fields.String(metadata={"description": "bezig, voltooid, of onvolledig als er "
                                        "afnemers fout gingen",
                                        "enum": ["bezig", "voltooid", "onvolledig"]})
    gestart_op = ma.fields.AwareDateTime(metadata={
        "description": "Tijdstip van starten (UTC)"})
    afgerond_op = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "Tijdstip van afronden (UTC); null zolang bezig"})
    door = ma.fields.String(metadata={
        "description": "Naam van wie de run startte",
        "example": "Servicecentrum Logius"})
    aantal_afnemers = ma.fields.Integer(
        metadata={"example": 20,
                  "description": "Afnemers waarvan de kosten zijn berekend"})
    aantal_regels = ma.fields.Integer(metadata={
        "description": "Aantal berekende kostenregels",
        "example": 240})
    valuta = ma.fields.Constant("EUR", metadata={"type": "string", "enum": ["EUR"]})
    totaal = ma.fields.Nested(BedragenSchema, metadata={
        "description": "Het totaal van de run"})
    per_dienst = ma.fields.List(ma.fields.Nested(DienstTotaalSchema), metadata={
        "description": "Het totaal per dienst"})
    fouten = ma.fields.List(
        ma.fields.Nested(KostenrunFoutSchema),
        metadata={"description": "Afnemers die niet konden worden berekend, met de reden"})


class KostenrunRegelSchema(KostenregelSchema):
    afnemer_id = ma.fields.UUID()


class KostenrunRegelArgs(Schema):
    strikte_typen = False  # query parameters arrive as text
    afnemer_id = ma.fields.UUID()
    dienst = ma.fields.String(validate=ma.validate.Length(max=40))
