"""Costs, estimates and pro-forma invoices on the wire.

Money is a string with two decimals (``"5900.00"``), a tariff a string with two to four
decimals (``"0.59"``); JSON numbers are never used for amounts. The currency is EUR.
"""

from __future__ import annotations

import marshmallow as ma

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
    dienst = ma.fields.String(metadata={"example": "digipoort"})
    aansluiting_id = ma.fields.UUID(
        allow_none=True,
        metadata={"description": "null bij een schatting voor een dienst waarop de afnemer "
                  "nog niet is aangesloten"})
    code = ma.fields.String(allow_none=True,
                            metadata={"description": "De tariefcode; null bij een regel die "
                                      "volgens zijn artikel kosteloos is"})
    metriek = ma.fields.String(allow_none=True)
    omschrijving = ma.fields.String(metadata={"example": "Exploitatie berichtenverkeer"})
    artikel = ma.fields.String(metadata={"example": "DP tabel 1"})
    hoeveelheid = ma.fields.Integer(
        metadata={"description": "Negatief bij een tegenboeking (het afgetrokken voorschot)"})
    eenheid = ma.fields.String(metadata={"example": "per bericht"})
    tarief = fields.Tariefbedrag(dump_only=True)
    tarief_inclusief_btw = ma.fields.Boolean(attribute="inclusief_btw")
    bedrag_excl_btw = fields.Bedrag()
    btw = fields.Bedrag()
    bedrag_incl_btw = fields.Bedrag()


class DienstTotaalSchema(Schema):
    dienst = ma.fields.String()
    totaal = ma.fields.Nested(BedragenSchema)


class KostenoverzichtSchema(Schema):
    afnemer_id = ma.fields.UUID()
    soort = ma.fields.String(metadata={"enum": [Berekening.WERKELIJK.value,
                                                Berekening.SCHATTING.value]})
    van = ma.fields.Date()
    tot = ma.fields.Date()
    jaar = ma.fields.Integer()
    valuta = ma.fields.Constant("EUR", metadata={"type": "string", "enum": ["EUR"]})
    btw_percentage = fields.Percentage(dump_only=True, allow_none=True)
    regels = ma.fields.List(ma.fields.Nested(KostenregelSchema))
    totaal = ma.fields.Nested(BedragenSchema)
    per_dienst = ma.fields.List(ma.fields.Nested(DienstTotaalSchema))
    volumes = ma.fields.List(ma.fields.Nested("GebruikteVolumeSchema"), metadata={
        "description": "Bij een schatting: het verbruik waarmee gerekend is en de bron"})


class GebruikteVolumeSchema(Schema):
    dienst = ma.fields.String()
    metriek = ma.fields.String()
    aantal = ma.fields.Integer()
    bron = ma.fields.String(metadata={
        "enum": ["invoer", "prognose"],
        "description": "invoer: uit het verzoek; prognose: uit de nieuwste prognose van de "
                       "aansluiting voor dat jaar (AV 2.5)"})
    aansluiting_id = ma.fields.UUID(metadata={"description": "Alleen bij bron prognose"})
    prognose_id = ma.fields.UUID(metadata={"description": "Alleen bij bron prognose"})


class KostenArgs(Schema):
    strikte_typen = False  # query parameters arrive as text
    van = ma.fields.Date(metadata={"description": "Eerste dag (standaard 1 januari van het "
                                   "jaar van tot, of van dit jaar)"})
    tot = ma.fields.Date(metadata={"description": "Laatste dag, in hetzelfde kalenderjaar als "
                                   "van (standaard 31 december van dat jaar)"})


class SchattingVolumeSchema(Schema):
    dienst = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40),
                              metadata={"example": "digipoort"})
    metriek = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=60),
                               metadata={"example": "berichten"})
    aantal = ma.fields.Integer(required=True, **AANTAL)


class SchattingInvoerSchema(Schema):
    jaar = ma.fields.Integer(required=True, **JAAR)
    volumes = ma.fields.List(
        ma.fields.Nested(SchattingVolumeSchema), load_default=list,
        metadata={"description": "Het verwachte verbruik van het hele jaar, per dienst en "
                  "metriek. Een dienst die hier ontbreekt rekent met de nieuwste prognose "
                  "van de aansluiting voor dat jaar, als die er is (AV 2.5).", "default": []})


class FactuurSchema(Schema):
    soort = ma.fields.String(metadata={"enum": ["voorschot", "verrekening"]})
    omschrijving = ma.fields.String()
    factuurperiode_van = ma.fields.Date(
        metadata={"description": "Vanaf wanneer gefactureerd wordt"})
    factuurperiode_tot = ma.fields.Date(
        metadata={"description": "Uiterlijk wanneer gefactureerd wordt"})
    status = ma.fields.String(
        metadata={"enum": ["voorlopig", "definitief"],
                  "description": "voorlopig zolang de grondslag nog kan veranderen"})
    regels = ma.fields.List(ma.fields.Nested(KostenregelSchema))
    totaal = ma.fields.Nested(BedragenSchema)


class FacturenSchema(Schema):
    afnemer_id = ma.fields.UUID()
    jaar = ma.fields.Integer()
    valuta = ma.fields.Constant("EUR", metadata={"type": "string", "enum": ["EUR"]})
    btw_percentage = fields.Percentage(dump_only=True, allow_none=True)
    facturen = ma.fields.List(ma.fields.Nested(FactuurSchema))


class KostenrunFoutSchema(Schema):
    afnemer_id = ma.fields.String(attribute="afnemerId")
    afnemer = ma.fields.String()
    reden = ma.fields.String()


class KostenrunSchema(Schema):
    id = ma.fields.UUID()
    jaar = ma.fields.Integer()
    status = ma.fields.String(metadata={"enum": ["bezig", "voltooid", "onvolledig"]})
    gestart_op = ma.fields.AwareDateTime()
    afgerond_op = ma.fields.AwareDateTime(allow_none=True)
    door = ma.fields.String()
    aantal_afnemers = ma.fields.Integer(
        metadata={"description": "Afnemers waarvan de kosten zijn berekend"})
    aantal_regels = ma.fields.Integer()
    valuta = ma.fields.Constant("EUR", metadata={"type": "string", "enum": ["EUR"]})
    totaal = ma.fields.Nested(BedragenSchema)
    per_dienst = ma.fields.List(ma.fields.Nested(DienstTotaalSchema))
    fouten = ma.fields.List(
        ma.fields.Nested(KostenrunFoutSchema),
        metadata={"description": "Afnemers die niet konden worden berekend, met de reden"})


class KostenrunRegelSchema(KostenregelSchema):
    afnemer_id = ma.fields.UUID()


class KostenrunRegelArgs(Schema):
    strikte_typen = False  # query parameters arrive as text
    afnemer_id = ma.fields.UUID()
    dienst = ma.fields.String(validate=ma.validate.Length(max=40))
