"""Request and answer schemas of the onboarding routes and Logius' pipeline view."""

from __future__ import annotations

import marshmallow as ma

from core import voorbeelden
from core.aansluitroutes.service import STATUSSEN
from core.aansluitroutes.typen import STATUSSEN as OVERGANGEN
from core.aansluitroutes.typen import Bewijssoort, Bronsoort
from core.api import fields
from core.api.schemas import Schema

AANSLUITING_ID = "3f0c2a4e-8b1d-4c6e-9a7f-2d5b8e1c4a90"
AFNEMER_ID = "6f1c2b7e-3d4a-4b8e-9c21-7a5e0d9f4b31"
EIGENAREN = ("afnemer", "logius")


class RoutestapSchema(Schema):
    stap = ma.fields.String(metadata={"description": "Stabiele id van de stap in de route",
                                      "example": "ict-beveiligingsassessment"})
    naam = ma.fields.String(metadata={"description": "Wat de stap is",
                                      "example": "ICT-beveiligingsassessment aanleveren"})
    omschrijving = ma.fields.String(allow_none=True, metadata={
        "description": "Wat de eigenaar moet doen; null als de route niets toelicht",
        "example": "Lever het rapport van het assessment aan; vermeld het kenmerk."})
    eigenaar = fields.keuze(EIGENAREN, metadata={
        "description": "Wie de stap afrondt: de afnemer (zijn beheerder) of Logius"})
    status = fields.keuze(STATUSSEN, metadata={
        "description": "open (aan de beurt), wacht-op-afhankelijkheid (een eerdere stap is "
                       "nog niet af), afgerond, te-laat-afgerond (na de uiterste datum "
                       "afgerond) of afgewezen (door Logius teruggezet, met de reden; weer "
                       "aan de beurt)"})
    aan_zet = fields.keuze(EIGENAREN, allow_none=True, metadata={
        "description": "Wie nu moet handelen; null als de stap af is of nog wacht"})
    wacht_op = ma.fields.List(ma.fields.String(), metadata={
        "description": "De eerdere stappen die nog af moeten voor deze aan de beurt is",
        "example": []})
    na = ma.fields.List(ma.fields.String(), metadata={
        "description": "De stappen waarop deze stap wacht",
        "example": ["productie-aansluiting"]})
    termijn = ma.fields.String(allow_none=True, metadata={
        "description": "De termijnregel van de stap; null als hij geen termijn heeft",
        "example": "2 kalendermaanden na activering"})
    uiterlijk = ma.fields.Date(allow_none=True, metadata={
        "description": "De uiterste datum (Europe/Amsterdam), uit de termijnregel: "
                       "werkdagen zonder weekend en feestdagen, kalendermaanden met behoud "
                       "van het dagnummer; null zonder termijn of zolang het begin ervan "
                       "(een eerdere stap, de activering) nog niet is gebeurd",
        "example": "2027-05-31"})
    te_laat = ma.fields.Boolean(metadata={
        "description": "Afgerond na de uiterste datum, of nog open terwijl die voorbij is",
        "example": False})
    bewijs_gevraagd = fields.keuze([b.value for b in Bewijssoort], allow_none=True,
                                   metadata={"description": "Welk bewijs de stap vraagt bij "
                                             "afronden; null als geen"})
    bewijs = ma.fields.String(allow_none=True, metadata={
        "description": "Het kenmerk van het bewijs dat bij het afronden is gegeven",
        "example": "ASSESS-2027-0042"})
    toelichting = ma.fields.String(allow_none=True, metadata={
        "description": "De toelichting bij het afronden",
        "example": "Rapport van de externe auditor."})
    open_sinds = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "Sinds wanneer de stap aan de beurt is (alle eerdere stappen af)"})
    afgerond_op = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "Wanneer de stap werd afgerond; null als hij (weer) open is"})
    afgerond_door = ma.fields.String(allow_none=True, metadata={
        "description": "Wie hem afrondde", "example": "Fatima el Amrani"})
    reden_afwijzing = ma.fields.String(allow_none=True, metadata={
        "description": "Waarom Logius de stap het laatst afwees; null als nooit",
        "example": "Het rapport dekt de productieomgeving niet."})
    afgewezen_op = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "Wanneer Logius de stap het laatst afwees"})
    ontgrendelt = fields.keuze(OVERGANGEN, allow_none=True, metadata={
        "description": "De status die de aansluiting pas krijgt als deze stap (en wat hij "
                       "afwacht) af is; null als geen"})
    bron = ma.fields.String(metadata={
        "description": "Het artikel of de bron van de stap",
        "example": "Logius, aansluitroute (publieke informatie), stap 6"})
    bronsoort = fields.keuze([b.value for b in Bronsoort], metadata={
        "description": "brondocument (een artikel van een document van Logius), "
                       "publieke-informatie (Logius' beschrijving van het aansluiten) of "
                       "aanname (geen bron; de stap is minimaal gehouden)"})


class AansluitrouteSchema(Schema):
    aansluiting_id = ma.fields.UUID(metadata={"example": AANSLUITING_ID})
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST})
    omgeving = ma.fields.String(metadata={"description": "De omgeving van de aansluiting",
                                          "example": "productie"})
    route = ma.fields.String(metadata={"description": "De naam van de route",
                                       "example": "Aansluiten"})
    bron = ma.fields.String(metadata={"description": "De bron van de route als geheel",
                                      "example": "Logius, aansluitroute (publieke informatie)"})
    gevolgd = ma.fields.Boolean(metadata={
        "description": "Of de route in het portaal wordt gevolgd (een stap is hier afgerond "
                       "of afgewezen). Alleen dan houden open stappen de statuswijziging "
                       "tegen die ze ontgrendelen; een aansluiting van voor de routes, of "
                       "een die nog op formulieren loopt, niet.", "example": True})
    stappen = ma.fields.List(ma.fields.Nested(RoutestapSchema), metadata={
        "description": "De stappen in de volgorde van de route"})


class AfrondenSchema(Schema):
    bewijs = fields.tekst(500, load_default=None, allow_none=True, metadata={
        "description": "Het kenmerk van het document of testrapport; verplicht bij een stap "
                       "die bewijs vraagt (bewijsGevraagd)", "example": "ASSESS-2027-0042"})
    toelichting = fields.tekst(2000, load_default=None, allow_none=True, metadata={
        "description": "Een toelichting, bijvoorbeeld de gekozen begeleiding",
        "example": "Rapport van de externe auditor."})


class AfwijzenSchema(Schema):
    reden = fields.tekst(2000, load_default=None, allow_none=True, metadata={
        "description": "Waarom de stap is afgewezen (verplicht); de afnemer ziet hem bij "
                       "de stap", "example": "Het rapport dekt de productieomgeving niet."})


class PijplijnArgs(Schema):
    dienst = ma.fields.String(validate=ma.validate.Length(min=1, max=40),
                              metadata={"description": "Alleen deze dienst (slug)",
                                        "example": voorbeelden.DIENST})


class TeLaatSchema(Schema):
    afnemer_id = ma.fields.UUID(metadata={"example": AFNEMER_ID})
    aansluiting_id = ma.fields.UUID(metadata={"example": AANSLUITING_ID})
    uiterlijk = ma.fields.Date(metadata={"description": "De gemiste uiterste datum",
                                         "example": "2027-03-01"})
    dagen_te_laat = ma.fields.Integer(metadata={"description": "Kalenderdagen erover",
                                                "example": 4})


class PijplijnstapSchema(Schema):
    stap = ma.fields.String(metadata={"description": "Stabiele id van de stap in de route",
                                      "example": "preproductie-gegevens"})
    naam = ma.fields.String(metadata={"description": "Wat de stap is",
                                      "example": "Aansluitgegevens pre-productie verstrekken"})
    eigenaar = fields.keuze(EIGENAREN, metadata={"description": "Wie de stap afrondt"})
    aantal = ma.fields.Integer(metadata={
        "description": "Hoeveel lopende aansluitingen nu bij deze stap staan (aan de beurt, "
                       "ook na een afwijzing)", "example": 3})
    afgerond = ma.fields.Integer(metadata={
        "description": "Hoe vaak de stap is afgerond (de doorlooptijden tellen die)",
        "example": 12})
    doorlooptijd_mediaan_dagen = ma.fields.Float(allow_none=True, metadata={
        "description": "Mediaan van de doorlooptijd in dagen, van aan de beurt tot afgerond; "
                       "null als nooit afgerond", "example": 4.5})
    doorlooptijd_p90_dagen = ma.fields.Float(allow_none=True, metadata={
        "description": "Het 90e percentiel van de doorlooptijd in dagen", "example": 7.25})
    te_laat = ma.fields.List(ma.fields.Nested(TeLaatSchema), metadata={
        "description": "De aansluitingen waar de stap open is en de uiterste datum voorbij"})


class PijplijndienstSchema(Schema):
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST})
    route = ma.fields.String(metadata={"description": "De naam van de route",
                                       "example": "Aansluiten"})
    stappen = ma.fields.List(ma.fields.Nested(PijplijnstapSchema), metadata={
        "description": "De stappen in de volgorde van de route"})


class PijplijnSchema(Schema):
    peildatum = ma.fields.Date(metadata={"description": "De dag waarop is geteld "
                                                        "(Europe/Amsterdam)"})
    diensten = ma.fields.List(ma.fields.Nested(PijplijndienstSchema), metadata={
        "description": "Elke dienst met een aansluitroute (of alleen de gevraagde)"})
