from __future__ import annotations

import marshmallow as ma

from core import voorbeelden
from core.api import fields
from core.api.fields import tekst
from core.api.schemas import Schema
from core.serviceniveau.statuspagina import STANDEN


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


class FunctiestandSchema(Schema):
    functie = ma.fields.String(metadata={"description": "Slug van de functie",
                                         "example": voorbeelden.FUNCTIE})
    naam = ma.fields.String(metadata={"description": "Naam van de functie",
                                      "example": "Authenticatie Midden"})
    omgeving = ma.fields.String(metadata={"description": "De omgeving", "example": "productie"})
    stand = fields.keuze(STANDEN, metadata={
        "description": "Nu: beschikbaar, verstoord (een openbaar incident), onderhoud "
                       "(gepland of spoedonderhoud bezig) of storing (een vastgelegde storing "
                       "bezig); het ergste dat geldt"})
    sinds = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "Sinds wanneer deze stand geldt (UTC); null bij beschikbaar"})
    tot = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "Tot wanneer, als dat bekend is (UTC)"})
    toelichting = ma.fields.String(allow_none=True, metadata={
        "description": "Wat er aan de hand is; null bij beschikbaar",
        "example": "Storing: inloggen met sms-controle lukt niet"})


class OpenbaarIncidentSchema(Schema):
    id = ma.fields.String(metadata={
        "description": "Vaste id van het incident op deze pagina (niet die van het incident "
                       "zelf)", "example": "0c8f4a3e-6d2b-5b1e-9f7a-3e2d1c0b9a88"})
    omgeving = ma.fields.String(metadata={"description": "De omgeving",
                                          "example": "productie"})
    functies = ma.fields.List(ma.fields.String(), metadata={
        "description": "De geraakte functies", "example": [voorbeelden.FUNCTIE]})
    prioriteit = ma.fields.Integer(metadata={"description": "De prioriteit", "example": 1})
    status = ma.fields.String(metadata={"description": "De status van het incident",
                                        "example": "in-behandeling"})
    gemeld_op = ma.fields.AwareDateTime(metadata={"description": "Wanneer het begon (UTC)"})
    gewijzigd_op = ma.fields.AwareDateTime(metadata={
        "description": "Laatste wijziging (UTC)"})
    omschrijving = ma.fields.String(allow_none=True, metadata={
        "description": "Wat Logius er openbaar over zegt; null als niets",
        "example": "Inloggen met de app lukt bij een deel van de gebruikers niet."})


class KomendOnderhoudSchema(Schema):
    id = ma.fields.String(metadata={"description": "Vaste id van het onderhoud of venster",
                                    "example": "productie-2027-03-08"})
    soort = fields.keuze(["aangekondigd", "venster"], metadata={
        "description": "aangekondigd: onderhoud dat Logius aankondigde; venster: een "
                       "onderhoudsvenster uit het serviceniveau, waarin onderhoud kan "
                       "plaatsvinden"})
    omgeving = ma.fields.String(allow_none=True, metadata={
        "description": "De omgeving; null voor alle omgevingen", "example": "productie"})
    begin_op = ma.fields.AwareDateTime(metadata={"description": "Begin (UTC)"})
    einde_op = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "Einde (UTC); null als niet bekend"})
    titel = ma.fields.String(metadata={"description": "Korte titel",
                                       "example": "Onderhoudsvenster (productie)"})
    afwijking = ma.fields.Boolean(metadata={
        "description": "Aangekondigd buiten het onderhoudsvenster, als afwijking"})
    artikel = ma.fields.String(metadata={"description": "Het artikel",
                                         "example": "SNO 2 Onderhoudsvenster"})


class DienstStatusSchema(Schema):
    """The status page of a dienst: public, and for a Logius beheerder also its
    configuration, health and switches (null for anyone else)."""

    dienst = ma.fields.String(dump_only=True, metadata={
        "description": "Slug van de dienst", "example": voorbeelden.DIENST})
    naam = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van de dienst", "example": voorbeelden.DIENST_NAAM})
    serviceniveau = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Het serviceniveau van de dienst, met versie; null als de dienst er "
                       "geen heeft (dan zijn functies, incidenten en onderhoud leeg)",
        "example": "Serviceniveauovereenkomst 2.8"})
    bijgewerkt_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Het moment waarop deze stand gold (UTC)"})
    stand = fields.keuze(STANDEN, dump_only=True, allow_none=True, metadata={
        "description": "De ergste stand van alle functies; null zonder serviceniveau"})
    functies = ma.fields.List(ma.fields.Nested(FunctiestandSchema), dump_only=True, metadata={
        "description": "Per functie en omgeving de stand van nu"})
    incidenten = ma.fields.List(ma.fields.Nested(OpenbaarIncidentSchema), dump_only=True,
                                metadata={"description": "Open incidenten die Logius "
                                          "openbaar heeft gemaakt"})
    onderhoud = ma.fields.List(ma.fields.Nested(KomendOnderhoudSchema), dump_only=True,
                               metadata={"description": "Komend onderhoud: aangekondigd "
                                         "onderhoud dat nog niet voorbij is en de "
                                         "onderhoudsvensters van de komende maanden"})
    statusfeed_url = ma.fields.String(dump_only=True, metadata={
        "description": "Deze pagina als Atom-feed, zonder token",
        "example": "https://afnemersportaal.logius.nl/api/v1/diensten/voorbeeld/statusfeed"})
    onderhoudskalender_url = ma.fields.String(dump_only=True, metadata={
        "description": "Het onderhoud als iCalendar-feed, zonder token",
        "example": "https://afnemersportaal.logius.nl/api/v1/diensten/voorbeeld/"
                   "onderhoudskalender"})
    # Only for a Logius beheerder: null for everyone else.
    plugin = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Naam van het entry point van de plugin (alleen Logius-beheerder)",
        "example": voorbeelden.DIENST})
    geconfigureerd = ma.fields.Boolean(dump_only=True, allow_none=True, metadata={
        "description": "Of de instellingen samen kloppen (dienst_check_config; alleen "
                       "Logius-beheerder)"})
    configuratiefouten = ma.fields.List(ma.fields.String(), dump_only=True, allow_none=True,
                                        metadata={
        "description": "Wat er aan de instellingen samen niet klopt; leeg als alles klopt "
                       "(alleen Logius-beheerder)",
        "example": ["het maximum past niet in de proefvoorziening"]})
    instellingen = ma.fields.List(ma.fields.Nested(InstellingStatusSchema), dump_only=True,
                                  allow_none=True, metadata={
        "description": "De instellingen van de plugin (alleen Logius-beheerder)"})
    gezond = ma.fields.Boolean(dump_only=True, allow_none=True, metadata={
        "description": "Of de plugin nu geen problemen meldt en zijn tabellen bij zijn "
                       "(alleen Logius-beheerder)"})
    meldingen = ma.fields.List(ma.fields.String(), dump_only=True, allow_none=True, metadata={
        "description": "Wat de plugin nu meldt (dienst_gezondheid); leeg als gezond (alleen "
                       "Logius-beheerder)", "example": ["de voorziening antwoordt niet"]})
    tabellen = ma.fields.Nested(TabellenStatusSchema, dump_only=True, allow_none=True, metadata={
        "description": "De eigen tabellen van de dienst; null als hij er geen heeft (of "
                       "zonder Logius-beheerder)"})
    omgevingen = ma.fields.List(ma.fields.Nested(OmgevingStatusSchema), dump_only=True,
                                allow_none=True, metadata={
        "description": "Per omgeving of de dienst aanneemt (alleen Logius-beheerder)"})
