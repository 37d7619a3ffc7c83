"""Request and answer schemas of questions and complaints."""

from __future__ import annotations

import marshmallow as ma

from core import tijd, voorbeelden
from core.api import fields
from core.api.schemas import Schema
from core.auth.middleware import current_principal
from core.serviceniveau import meldregels

SOORTEN = ["vraag", "klacht"]


class VraagInvoerSchema(Schema):
    dienst = ma.fields.String(required=True, validate=ma.validate.Length(max=40), metadata={
        "description": "De dienst (slug) waarover het gaat; alleen een dienst met een "
                       "serviceniveau", "example": voorbeelden.DIENST})
    soort = fields.keuze(SOORTEN, required=True, metadata={
        "description": "vraag of klacht: beide met dezelfde reactietermijn"})
    onderwerp = fields.tekst(200, required=True, metadata={
        "description": "Waarover het gaat, in een regel",
        "example": "Wanneer is de nieuwe koppelvlakversie beschikbaar?"})
    tekst = fields.tekst(4000, required=True, metadata={
        "description": "De vraag of klacht zelf",
        "example": "Wij willen de overstap plannen; op welke datum kunnen wij testen?"})
    gesteld_op = ma.fields.AwareDateTime(load_default=None, metadata={
        "description": "Alleen voor een Logius-beheerder die een telefonische vraag of klacht "
                       "vastlegt: wanneer die binnenkwam. Zonder dit veld geldt het moment "
                       "van het verzoek; een afnemer laat het weg.",
        "example": "2026-03-02T09:30:00+01:00"})

    @ma.validates_schema(skip_on_field_errors=False)
    def _regels(self, data, **_kwargs):
        fouten = {}
        fout = meldregels.dienst_fout(data.get("dienst"), "vragen en klachten")
        if fout:
            fouten["dienst"] = [fout]
        moment = meldregels.moment_fout(data.get("gesteld_op"), current_principal(),
                                        tijd.utcnow(), "gesteldOp")
        if moment:
            fouten["gesteldOp"] = [moment]
        if fouten:
            raise ma.ValidationError(fouten)


class AntwoordSchema(Schema):
    antwoord = fields.tekst(8000, required=True, metadata={
        "description": "Het antwoord van Logius",
        "example": "De versie staat vanaf 1 maart in pre-productie klaar."})
    beantwoord_op = ma.fields.AwareDateTime(load_default=None, metadata={
        "description": "Wanneer het antwoord werd gegeven, als dat eerder was (bijvoorbeeld "
                       "telefonisch); niet voor de vraag, niet in de toekomst. Standaard nu.",
        "example": "2026-03-03T11:00:00+01:00"})

    @ma.validates_schema(skip_on_field_errors=False)
    def _regels(self, data, **_kwargs):
        if data.get("beantwoord_op") is not None and \
                data["beantwoord_op"] > tijd.utcnow() + meldregels.SPELING:
            raise ma.ValidationError("beantwoordOp ligt in de toekomst.", "beantwoordOp")


class ReactietermijnSchema(Schema):
    werkdagen = ma.fields.Integer(metadata={
        "description": "Zoveel werkdagen na de dag van de vraag", "example": 3})
    norm = fields.Percentage(metadata={"description": "Aandeel per maand binnen de termijn"})
    artikel = ma.fields.String(metadata={"description": "Waar de dienst de termijn vastlegt",
                                         "example": "SNO 2 Reactietijden"})


class VraagSchema(Schema):
    id = ma.fields.UUID()
    afnemer_id = ma.fields.UUID()
    afnemer_naam = ma.fields.String()
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST})
    soort = fields.keuze(SOORTEN, metadata={"description": "vraag of klacht"})
    onderwerp = ma.fields.String(metadata={
        "description": "Waarover het gaat", "example": "Testen in pre-productie"})
    tekst = ma.fields.String(metadata={
        "description": "De vraag of klacht", "example": "Wanneer kunnen wij testen?"})
    gesteld_op = ma.fields.AwareDateTime(metadata={
        "description": "Wanneer de vraag binnenkwam: hier begint de termijn"})
    gesteld_door = ma.fields.String(metadata={"description": "Wie de vraag stelde of vastlegde",
                                              "example": "Fatima el Amrani"})
    reactietermijn = ma.fields.Nested(ReactietermijnSchema, allow_none=True, metadata={
        "description": "De termijn van de dienst; null als de dienst er (niet meer) een geeft"})
    beantwoorden_uiterlijk = ma.fields.Date(allow_none=True, metadata={
        "description": "De laatste dag (Europe/Amsterdam) om te antwoorden: de reactietermijn "
                       "in werkdagen na de dag van de vraag"})
    beantwoord = ma.fields.Boolean(metadata={"description": "Logius heeft geantwoord"})
    antwoord = ma.fields.String(allow_none=True, metadata={
        "description": "Het antwoord; null zolang er geen is",
        "example": "De versie staat vanaf 1 maart in pre-productie klaar."})
    beantwoord_op = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "Wanneer Logius antwoordde"})
    beantwoord_door = ma.fields.String(allow_none=True, metadata={
        "description": "Wie antwoordde", "example": "Servicecentrum Logius"})
    binnen_termijn = ma.fields.Boolean(allow_none=True, metadata={
        "description": "Beantwoord binnen de termijn; false zodra die verstreken is; null "
                       "zolang het nog op tijd kan"})
    aangemaakt_op = ma.fields.AwareDateTime()
    gewijzigd_op = ma.fields.AwareDateTime()


class VraagFilterSchema(Schema):
    strikte_typen = False  # query parameters arrive as text
    dienst = ma.fields.String(validate=ma.validate.Length(max=40), metadata={
        "description": "Alleen die over deze dienst (slug)", "example": voorbeelden.DIENST})
    soort = fields.keuze(SOORTEN, metadata={"description": "Alleen vragen, of alleen klachten"})
    beantwoord = ma.fields.Boolean(metadata={
        "description": "true: alleen beantwoorde; false: alleen open"})
    sorteer = fields.keuze(["-gesteldOp", "beantwoordenUiterlijk"], load_default="-gesteldOp",
                           metadata={
        "description": "De volgorde: -gesteldOp is de nieuwste eerst; beantwoordenUiterlijk de "
                       "vroegste dag om te antwoorden eerst (zonder termijn achteraan)",
        "example": "beantwoordenUiterlijk"})


class LogiusVraagFilterSchema(VraagFilterSchema):
    afnemer_id = ma.fields.UUID(metadata={"description": "Alleen de vragen van deze afnemer"})
