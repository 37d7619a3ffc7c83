from __future__ import annotations

import marshmallow as ma

from core import voorbeelden
from core.api.fields import tekst
from core.api.schemas import Schema


class TermijnSchema(Schema):
    aantal = ma.fields.Integer(metadata={
        "description": "Lengte van de termijn",
        "example": 3})
    eenheid = ma.fields.String(metadata={"description": "Eenheid van de termijn",
                                         "example": "kalendermaanden"})


class KeuzeSchema(Schema):
    slug = ma.fields.String(metadata={
        "description": "Id van de keuze in de API",
        "example": "productie"})
    naam = ma.fields.String(metadata={
        "description": "Naam voor mensen",
        "example": "Productie"})
    omschrijving = ma.fields.String(metadata={
        "description": "Wat deze keuze inhoudt",
        "example": "24 uur per dag, 7 dagen per week"})
    artikel = ma.fields.String(allow_none=True, metadata={
        "description": "Het artikel waar deze keuze beschreven staat",
        "example": "SNO 2 Beschikbaarheid"})


class KenmerkSchema(Schema):
    naam = ma.fields.String(metadata={
        "description": "Naam van het kenmerk",
        "example": "Zekerheidsniveaus"})
    waarden = ma.fields.List(ma.fields.String(), metadata={
        "description": "De waarden van het kenmerk",
        "example": ["Basis", "Midden", "Substantieel"]})
    artikel = ma.fields.String(metadata={
        "description": "Het artikel waar het kenmerk beschreven staat",
        "example": "SNO 1 Doel"})


class VerplichtingSchema(Schema):
    id = ma.fields.String(metadata={
        "description": "Id van de verplichting",
        "example": "wijziging-melden"})
    artikel = ma.fields.String(metadata={"description": "Het artikel van de verplichting",
                                         "example": "AV 2.8"})
    partij = ma.fields.String(metadata={"description": "Wie de verplichting heeft",
                                        "enum": ["afnemer", "logius", "beide"]})
    omschrijving = ma.fields.String(metadata={
        "description": "Wat er moet gebeuren",
        "example": "De afnemer meldt een wijziging in zijn dienstverlening drie maanden vooraf."})
    termijn = ma.fields.Nested(TermijnSchema, allow_none=True)


class WijzigingsregelSchema(Schema):
    aankondiging = ma.fields.Nested(TermijnSchema, allow_none=True, metadata={
        "description": "Hoe lang vooraf een wijziging wordt aangekondigd"})
    aankondiging_artikel = ma.fields.String(metadata={
        "description": "Het artikel van de aankondigingstermijn",
        "example": "AV 13.1"})
    einde_na_afwijzing = ma.fields.Nested(TermijnSchema, allow_none=True, metadata={
        "description": "Na afwijzing van een wijziging: wanneer de levering eindigt"})
    afwijzing_artikel = ma.fields.String(metadata={
        "description": "Het artikel van het einde na afwijzing",
        "example": "AV 13.2"})


class VoorwaardenSchema(Schema):
    id = ma.fields.String(metadata={
        "description": "Id van het voorwaardendocument",
        "example": "algemene-voorwaarden"})
    titel = ma.fields.String(metadata={
        "description": "Titel van het document",
        "example": "Algemene Voorwaarden Logius"})
    versie = ma.fields.String(metadata={
        "description": "De versie die nu geldt",
        "example": "1.1"})
    bron = ma.fields.String(metadata={
        "description": "Waar het document staat",
        "example": "https://www.logius.nl/algemene-voorwaarden"})
    ingangsdatum = ma.fields.Date(allow_none=True, metadata={
        "description": "Datum waarop deze versie is ingegaan"})
    wijziging = ma.fields.Nested(WijzigingsregelSchema, allow_none=True, metadata={
        "description": "Hoe een wijziging van het document gaat"})
    verplichtingen = ma.fields.List(ma.fields.Nested(VerplichtingSchema), metadata={
        "description": "De verplichtingen uit het document"})


class DienstSchema(Schema):
    slug = ma.fields.String(metadata={"description": "Id van de dienst in de API",
                                      "example": voorbeelden.DIENST})
    naam = ma.fields.String(metadata={"description": "Naam van de dienst",
                                      "example": voorbeelden.DIENST_NAAM})
    omschrijving = ma.fields.String(metadata={
        "description": "Wat de dienst doet",
        "example": voorbeelden.DIENST_OMSCHRIJVING})
    bron = ma.fields.String(metadata={
        "description": "Waar de dienst beschreven staat",
        "example": voorbeelden.DIENST_URL})
    omgevingen = ma.fields.List(ma.fields.Nested(KeuzeSchema), metadata={
        "description": "De omgevingen waarop kan worden aangesloten"})
    onderdelen = ma.fields.List(ma.fields.Nested(KeuzeSchema), metadata={
        "description": "De onderdelen waaruit bij aansluiten wordt gekozen"})
    onderdelen_verplicht = ma.fields.Boolean(metadata={
        "description": "Kies bij aansluiten minstens één onderdeel"})
    afnemertypes = ma.fields.List(
        ma.fields.String(),
        allow_none=True,
        metadata={"example": ["gemeente", "provincie"],
                  "description": "Wie mag aansluiten; null betekent iedereen"},
    )
    kenmerken = ma.fields.List(ma.fields.Nested(KenmerkSchema), metadata={
        "description": "Kenmerken van de dienst, met hun artikel"})


class DienstDetailSchema(DienstSchema):
    voorwaarden = ma.fields.List(
        ma.fields.Nested(VoorwaardenSchema),
        metadata={"description": "De Algemene Voorwaarden en de eigen voorwaarden van de dienst"},
    )


class SchakelingSchema(Schema):
    ingeschakeld = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Aan (true) of uit (false) na deze beslissing"})
    reden = ma.fields.String(dump_only=True, metadata={
        "description": "Waarom", "example": "Migratie naar een nieuw platform"})
    op = ma.fields.AwareDateTime(dump_only=True, metadata={"description": "Wanneer"})
    door = ma.fields.String(dump_only=True, metadata={
        "description": "De Logius-beheerder die besloot", "example": "Jan Beheer"})


class OmgevingStatusSchema(Schema):
    dienst = ma.fields.String(dump_only=True, metadata={
        "description": "Slug van de dienst", "example": voorbeelden.DIENST})
    omgeving = ma.fields.String(dump_only=True, metadata={
        "description": "Slug van de omgeving", "example": "productie"})
    ingeschakeld = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Of de dienst hier nieuwe aansluitingen aanneemt; uitgeschakeld blijven "
                       "bestaande aansluitingen en alle gegevens bestaan"})
    reden = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "De reden van de laatste beslissing; null als er nooit geschakeld is",
        "example": "Gepland onderhoud"})
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Wanneer de laatste beslissing viel; null als er nooit geschakeld is"})
    gewijzigd_door = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Wie de laatste beslissing nam", "example": "Jan Beheer"})
    geschiedenis = ma.fields.List(ma.fields.Nested(SchakelingSchema), dump_only=True, metadata={
        "description": "De laatste tien beslissingen, de nieuwste eerst"})


class SchakelInvoerSchema(Schema):
    ingeschakeld = ma.fields.Boolean(required=True, metadata={
        "description": "true: de dienst neemt hier nieuwe aansluitingen aan; false: niet "
                       "(409 dienst-uitgeschakeld)"})
    reden = tekst(500, required=True, metadata={
        "description": "Waarom, voor de geschiedenis", "example": "Gepland onderhoud"})


class InstellingStatusSchema(Schema):
    naam = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van de instelling; in de omgeving "
                       "AFNEMERSPORTAAL_DIENST_<SLUG>_<NAAM>", "example": "maximum_per_dag"})
    omschrijving = ma.fields.String(dump_only=True, metadata={
        "description": "Wat de instelling regelt", "example": "Hoeveel aanvragen per dag"})
    soort = ma.fields.String(dump_only=True, metadata={
        "description": "Soort waarde", "enum": ["tekst", "getal", "ja-nee", "url"]})
    verplicht = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Of de dienst zonder waarde niet start"})
    geheim = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Een geheime waarde wordt nooit getoond"})
    ingesteld = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Of er een waarde is gezet (anders geldt de standaard)"})
    waarde = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "De geldende waarde als tekst; null als geheim of leeg",
        "example": "25"})
    standaard = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "De standaardwaarde als tekst; null als geheim of zonder standaard",
        "example": "10"})


class TabellenStatusSchema(Schema):
    revisie = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "De migratie waarop de tabellen van de dienst staan",
        "example": "voorbeeld0001"})
    nieuwste = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "De nieuwste migratie van de plugin", "example": "voorbeeld0001"})


class DienstStatusSchema(Schema):
    dienst = ma.fields.String(dump_only=True, metadata={
        "description": "Slug van de dienst", "example": voorbeelden.DIENST})
    plugin = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van het entry point van de plugin", "example": voorbeelden.DIENST})
    geconfigureerd = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Of de instellingen samen kloppen (dienst_check_config)"})
    configuratiefouten = ma.fields.List(ma.fields.String(), dump_only=True, metadata={
        "description": "Wat er aan de instellingen samen niet klopt; leeg als alles klopt",
        "example": ["het maximum past niet in de proefvoorziening"]})
    instellingen = ma.fields.List(ma.fields.Nested(InstellingStatusSchema), dump_only=True,
                                  metadata={"description": "De instellingen van de plugin"})
    gezond = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Of de plugin nu geen problemen meldt en zijn tabellen bij zijn"})
    meldingen = ma.fields.List(ma.fields.String(), dump_only=True, metadata={
        "description": "Wat de plugin nu meldt (dienst_gezondheid); leeg als gezond",
        "example": ["de voorziening antwoordt niet"]})
    tabellen = ma.fields.Nested(TabellenStatusSchema, dump_only=True, allow_none=True, metadata={
        "description": "De eigen tabellen van de dienst; null als hij er geen heeft"})
    omgevingen = ma.fields.List(ma.fields.Nested(OmgevingStatusSchema), dump_only=True,
                                metadata={"description": "Per omgeving of de dienst aanneemt"})
