"""Answer schemas of the norm report and of a dienst's service level."""

from __future__ import annotations

import marshmallow as ma

from core import voorbeelden
from core.api import fields
from core.api.schemas import Schema
from core.serviceniveau.incidenten.schemas import OplostijdSchema
from core.serviceniveau.vragen.schemas import ReactietermijnSchema

BRON = {"description": "Het document van het serviceniveau, met zijn versie",
        "example": "Serviceniveauovereenkomst 2.8"}
ARTIKEL = {"description": "Het artikel van de dienst waar dit staat",
           "example": "SNO 2 Oplostijden"}


class TellingSchema(Schema):
    aantal = ma.fields.Integer(metadata={
        "description": "Beoordeeld: binnen plus buiten de termijn", "example": 20})
    binnen_termijn = ma.fields.Integer(metadata={"description": "Binnen de termijn",
                                                 "example": 18})
    buiten_termijn = ma.fields.Integer(metadata={
        "description": "Te laat opgelost of beantwoord, of nog open en de termijn al voorbij",
        "example": 2})
    lopend = ma.fields.Integer(metadata={
        "description": "Nog open en nog op tijd: telt nog niet mee", "example": 1})
    percentage = fields.Percentage(allow_none=True, metadata={
        "description": "binnenTermijn / aantal, naar beneden afgerond op twee decimalen; null "
                       "zonder beoordeelde meldingen", "example": "90.00"})
    norm = fields.Percentage(metadata={"description": "De norm van de dienst",
                                       "example": "85.00"})
    gehaald = ma.fields.Boolean(allow_none=True, metadata={
        "description": "Of de norm gehaald is (op de exacte breuk); null zonder beoordeelde "
                       "meldingen"})
    artikel = ma.fields.String(metadata={"description": "Waar de dienst de norm vastlegt",
                                         "example": "SNO 2 Oplostijden"})


class IncidentnormSchema(TellingSchema):
    omgeving = ma.fields.String(metadata={"description": "De omgeving",
                                          "example": "productie"})
    prioriteit = ma.fields.Integer(metadata={"description": "De prioriteit", "example": 2})
    oplostijd = ma.fields.Nested(OplostijdSchema, metadata={
        "description": "De oplostijd van de prioriteit in de omgeving"})


class VraagnormSchema(TellingSchema):
    werkdagen = ma.fields.Integer(metadata={"description": "De reactietermijn", "example": 3})
    vragen = ma.fields.Integer(metadata={"description": "Waarvan vragen (alle, ook lopend)"})
    klachten = ma.fields.Integer(metadata={"description": "Waarvan klachten (alle, ook lopend)"})


class NormenSchema(Schema):
    incidenten = ma.fields.List(ma.fields.Nested(IncidentnormSchema), metadata={
        "description": "Per omgeving en prioriteit: incidenten gemeld in de periode"})
    vragen_en_klachten = ma.fields.Nested(VraagnormSchema, metadata={
        "description": "Vragen en klachten gesteld in de periode"})


class MaandnormenSchema(NormenSchema):
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST})
    bron = ma.fields.String(metadata=BRON)
    jaar = ma.fields.Integer(metadata={"example": 2027})
    maand = ma.fields.Integer(metadata={"description": "De maand, 1 tot en met 12",
                                        "example": 3})
    van = ma.fields.AwareDateTime(metadata={"description": "Begin van de maand (Europe/Amsterdam)"})
    tot = ma.fields.AwareDateTime(metadata={"description": "Begin van de volgende maand"})
    berekend_op = ma.fields.AwareDateTime(metadata={
        "description": "Open meldingen zijn beoordeeld op dit moment"})


class NormmaandSchema(NormenSchema):
    maand = ma.fields.Integer(metadata={"description": "De maand, 1 tot en met 12",
                                        "example": 1})


class JaarnormenSchema(Schema):
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST})
    bron = ma.fields.String(metadata=BRON)
    jaar = ma.fields.Integer(metadata={"example": 2027})
    berekend_op = ma.fields.AwareDateTime(metadata={
        "description": "Open meldingen zijn beoordeeld op dit moment"})
    totaal = ma.fields.Nested(NormenSchema, metadata={"description": "Het hele jaar"})
    maanden = ma.fields.List(ma.fields.Nested(NormmaandSchema), metadata={
        "description": "De twaalf maanden"})


class FunctieSchema(Schema):
    slug = ma.fields.String(metadata={"description": "Zoals een incident de functie noemt",
                                      "example": voorbeelden.FUNCTIE})
    naam = ma.fields.String(metadata={"description": "Naam van de functie",
                                      "example": "Authenticatie Midden"})
    omschrijving = ma.fields.String(metadata={"description": "Wat de functie doet",
                                              "example": "Inloggen met een extra controle"})


class DefinitieSchema(Schema):
    niveau = fields.keuze(["hoog", "midden", "laag"], metadata={"description": "Het niveau"})
    omschrijving = ma.fields.String(metadata={
        "description": "Wat het niveau bij deze dienst betekent, in de woorden van de dienst",
        "example": "De dienst werkt helemaal niet of een primaire functie is uitgevallen."})


class PrioriteitSchema(Schema):
    impact = fields.keuze(["hoog", "midden", "laag"], metadata={"description": "De impact"})
    urgentie = fields.keuze(["hoog", "midden", "laag"], metadata={
        "description": "De urgentie"})
    prioriteit = ma.fields.Integer(metadata={"description": "De prioriteit die het paar geeft",
                                             "example": 2})


class OplostijdOmgevingSchema(OplostijdSchema):
    omgeving = ma.fields.String(metadata={"description": "De omgeving",
                                          "example": "productie"})
    prioriteit = ma.fields.Integer(metadata={"description": "De prioriteit", "example": 2})


class KloktijdenSchema(Schema):
    begin = ma.fields.String(metadata={"description": "Begin (lokale tijd, Europe/Amsterdam)",
                                       "example": "08:00"})
    eind = ma.fields.String(metadata={"description": "Eind (lokale tijd, Europe/Amsterdam)",
                                      "example": "18:00"})


class BeschikbaarheidsnormSchema(Schema):
    omgeving = ma.fields.String(metadata={"description": "De omgeving",
                                          "example": "productie"})
    norm = fields.Percentage(metadata={"description": "Minimale beschikbaarheid per maand",
                                       "example": "99.50"})
    venster = ma.fields.Nested(KloktijdenSchema, allow_none=True, metadata={
        "description": "Gemeten over dit venster op werkdagen; null: de klok rond"})
    artikel = ma.fields.String(metadata=ARTIKEL)


class OnderhoudsregelSchema(Schema):
    omgeving = ma.fields.String(metadata={"description": "De omgeving",
                                          "example": "productie"})
    dagen = ma.fields.List(ma.fields.String(), metadata={
        "description": "De n-de weekdag van de maand", "example": ["2e maandag", "2e woensdag"]})
    venster = ma.fields.Nested(KloktijdenSchema, metadata={
        "description": "Het onderhoudsvenster op die dagen"})
    max_per_maand = ma.fields.Integer(metadata={"description": "Zo vaak per maand hooguit",
                                                "example": 2})
    max_uren = ma.fields.Integer(metadata={"description": "Zo lang per keer hooguit",
                                           "example": 6})
    artikel = ma.fields.String(metadata=ARTIKEL)


class ServiceniveauSchema(Schema):
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST})
    bron = ma.fields.String(metadata=BRON)
    functies = ma.fields.List(ma.fields.Nested(FunctieSchema), metadata={
        "description": "De functies die een incident kan raken (veld functies)"})
    impact = ma.fields.List(ma.fields.Nested(DefinitieSchema), metadata={
        "description": "Wat elk impactniveau bij deze dienst betekent"})
    urgentie = ma.fields.List(ma.fields.Nested(DefinitieSchema), metadata={
        "description": "Wat elk urgentieniveau bij deze dienst betekent"})
    prioriteiten = ma.fields.List(ma.fields.Nested(PrioriteitSchema), metadata={
        "description": "De prioriteitenmatrix: alle negen paren"})
    prioriteit_artikel = ma.fields.String(metadata=ARTIKEL)
    oplostijden = ma.fields.List(ma.fields.Nested(OplostijdOmgevingSchema), metadata={
        "description": "Een prioriteit die hier in een omgeving ontbreekt, bestaat daar niet"})
    oplosnorm = fields.Percentage(metadata={
        "description": "Aandeel van de incidenten per maand dat binnen de oplostijd is "
                       "opgelost", "example": "85.00"})
    oplosnorm_artikel = ma.fields.String(metadata=ARTIKEL)
    kantooruren = ma.fields.Nested(KloktijdenSchema, metadata={
        "description": "Het venster waarin kantooruren tellen, op werkdagen"})
    kantooruren_artikel = ma.fields.String(metadata=ARTIKEL)
    reactietermijn = ma.fields.Nested(ReactietermijnSchema, metadata={
        "description": "Waarbinnen vragen en klachten beantwoord worden"})
    meldtermijn_minuten = ma.fields.Integer(metadata={
        "description": "Zo snel na detectie van een prioriteit 1 of calamiteit informeert "
                       "Logius elke afnemer", "example": 30})
    meldtermijn_artikel = ma.fields.String(metadata=ARTIKEL)
    beschikbaarheid = ma.fields.List(ma.fields.Nested(BeschikbaarheidsnormSchema), metadata={
        "description": "De beschikbaarheidsnorm per omgeving"})
    onderhoud = ma.fields.List(ma.fields.Nested(OnderhoudsregelSchema), metadata={
        "description": "Wanneer gepland onderhoud mag, per omgeving"})
