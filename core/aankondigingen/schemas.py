from __future__ import annotations

import marshmallow as ma

from core import voorbeelden
from core.aankondigingen import regels
from core.aankondigingen.soorten import Besluit, Status, Type
from core.api import fields
from core.api.schemas import Schema

TYPEN = [t.value for t in Type]
STATUSSEN = [s.value for s in Status]


class AankondigingSchema(Schema):
    """An announcement as Logius writes it and reads it back."""

    id = ma.fields.UUID(dump_only=True)
    type = fields.keuze(TYPEN, required=True, metadata={
        "description": "voorwaardenwijziging (AV 13.1, MO 8.1), dienstwijziging en "
        "uitfasering (AV 14.1), onderhoud (AV 6.1), koppelvlakwijziging (MO 3.5), "
        "opschorting bij een beveiligingsincident (AV 5.4) of storing (AV 7)"})
    titel = fields.tekst(200, required=True,
                         metadata={"description": "Korte titel van de aankondiging",
                                   "example": "Nieuwe versie van de Algemene Voorwaarden"})
    omschrijving = fields.tekst(4000, required=True, metadata={
        "description": "Wat er verandert of gebeurt, en wat de afnemer ervan merkt",
        "example": "Per 1 juli 2027 geldt versie 1.2 van de Algemene Voorwaarden."})
    artikel = ma.fields.String(dump_only=True, metadata={
        "description": "Het artikel waarop de aankondiging rust", "example": "AV 13.1"})
    dienst = ma.fields.String(allow_none=True, metadata={
        "description": "Slug van de dienst. Bij een voorwaardenwijziging volgt hij uit het "
        "document (leeg voor de Algemene Voorwaarden).", "example": voorbeelden.DIENST})
    document = ma.fields.String(allow_none=True, metadata={
        "description": "voorwaardenwijziging: id van het voorwaardendocument",
        "example": "algemene-voorwaarden"})
    versie = fields.tekst(20, allow_none=True, metadata={
        "description": "voorwaardenwijziging: de nieuwe versie", "example": "1.2"})
    wijzigingsdatum = ma.fields.Date(allow_none=True, metadata={
        "description": "Datum waarop de wijziging ingaat. Bij een voorwaardenwijziging "
        "minstens de aankondigingstermijn van het document na vandaag (AV 13.1, MO 8.1)."})
    begin_op = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "onderhoud, opschorting, storing: begin"})
    einde_op = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "onderhoud, opschorting, storing: (verwacht) einde"})
    afnemersoverleg_op = ma.fields.Date(allow_none=True, metadata={
        "description": "koppelvlakwijziging: datum van het overleg met het Afnemersoverleg "
        "(verplicht als de dienst dat voorschrijft, zoals MO 3.5)"})
    omgeving = ma.fields.String(allow_none=True, validate=ma.validate.Length(min=1, max=40),
                                metadata={
        "description": "onderhoud, storing: de omgeving van de dienst; zonder: alle "
        "omgevingen. Bereikt alleen afnemers met een lopende aansluiting daar.",
        "example": "productie"})
    afwijking = ma.fields.Boolean(load_default=False, metadata={
        "description": "onderhoud: bewust buiten het onderhoudsvenster van de dienst of "
        "langer dan het toestaat (zoals SNO 2 Onderhoudsvenster), met afwijkingReden; "
        "zonder afwijking wordt zulk onderhoud geweigerd. Ook een afwijking wordt vooraf "
        "aangekondigd."})
    afwijking_reden = fields.tekst(2000, allow_none=True, metadata={
        "description": "onderhoud: waarom het onderhoud afwijkt van het onderhoudsvenster "
        "(verplicht bij afwijking)",
        "example": "Een beveiligingsupdate die niet tot het volgende venster kan wachten."})
    afnemers = ma.fields.List(
        ma.fields.UUID(), load_only=True,
        validate=ma.validate.Length(min=1, error="Noem minstens één afnemer, of laat het "
                                                 "veld weg."),
        error_messages={"null": "Laat het veld weg voor elke afnemer van de dienst; null "
                                "is geen lijst van afnemers."},
        metadata={"description": "Alleen deze afnemers. Zonder dit veld: elke afnemer met een "
                  "lopende aansluiting op de dienst (bij de Algemene Voorwaarden: op een "
                  "dienst). null is geen waarde: een client die per ongeluk null stuurt, "
                  "bereikt niet iedereen."},
    )
    reactie_vereist = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Afnemers accepteren of wijzen af (voorwaardenwijziging, "
        "dienstwijziging, uitfasering)"})
    aantal_ontvangers = ma.fields.Integer(dump_only=True, metadata={
        "description": "Aan hoeveel afnemers de aankondiging is gestuurd",
        "example": 12})
    aangemaakt_door = ma.fields.String(dump_only=True)
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)

    @ma.validates_schema(skip_on_field_errors=False, pass_original=True)
    def _regels(self, data, original, partial=False, **_kwargs):
        """The rules per type, with their articles (see core.aankondigingen.regels)."""
        gegeven = {k for k, v in (original or {}).items() if v is not None} if isinstance(
            original, dict) else set()
        errors = regels.fouten(data, gegeven)
        if errors:
            raise ma.ValidationError(errors)


class ReactieSchema(Schema):
    """Where one afnemer stands with one announcement."""

    status = ma.fields.String(dump_only=True, metadata={"description": "Waar de afnemer staat "
                                                        "met deze aankondiging",
                                                        "enum": STATUSSEN})
    besluit = ma.fields.String(dump_only=True, allow_none=True,
                               metadata={"description": "accepteren of afwijzen; null zolang "
                                         "niet gereageerd",
                                         "enum": [b.value for b in Besluit] + [None]})
    toelichting = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Toelichting van de afnemer bij zijn besluit",
        "example": "Akkoord na bespreking in het college."})
    gereageerd_door = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Naam van wie reageerde",
        "example": "Fatima el Amrani"})
    gereageerd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Tijdstip van de reactie (UTC)"})
    einde_levering_op = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Na afwijzing van een voorwaardenwijziging: einde van de levering "
        "(AV 13.2, MO 8.2)"})
    grondslag = ma.fields.String(dump_only=True, allow_none=True,
                                 metadata={"description": "Het artikel achter het einde van de "
                                           "levering na afwijzing",
                                           "example": "AV 13.2"})


class OntvangerSchema(ReactieSchema):
    afnemer_id = ma.fields.UUID(dump_only=True)
    afnemer_naam = ma.fields.String(dump_only=True, attribute="afnemer.naam")


class AankondigingDetailSchema(AankondigingSchema):
    ontvangers = ma.fields.List(ma.fields.Nested(OntvangerSchema), dump_only=True, metadata={
        "description": "Elke ontvangende afnemer met zijn reactie"})


class AankondigingVoorAfnemerSchema(Schema):
    """An announcement as one afnemer that it reached sees it, with its own reaction."""

    id = ma.fields.UUID(dump_only=True)
    type = ma.fields.String(dump_only=True, metadata={"description": "Soort aankondiging",
                                                      "enum": TYPEN})
    titel = ma.fields.String(dump_only=True, metadata={
        "description": "Korte titel van de aankondiging",
        "example": "Nieuwe versie van de Algemene Voorwaarden"})
    omschrijving = ma.fields.String(dump_only=True, metadata={
        "description": "Wat er verandert of gebeurt, en wat de afnemer ervan merkt",
        "example": "Per 1 juli 2027 geldt versie 1.2 van de Algemene Voorwaarden."})
    artikel = ma.fields.String(dump_only=True, metadata={
        "description": "Het artikel waarop de aankondiging rust",
        "example": "AV 13.1"})
    dienst = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Slug van de dienst; leeg voor de Algemene Voorwaarden"})
    document = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "voorwaardenwijziging: id van het voorwaardendocument",
        "example": "algemene-voorwaarden"})
    versie = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "voorwaardenwijziging: de nieuwe versie",
        "example": "1.2"})
    wijzigingsdatum = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Datum waarop de wijziging ingaat"})
    begin_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "onderhoud, opschorting, storing: begin"})
    einde_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "onderhoud, opschorting, storing: (verwacht) einde"})
    afnemersoverleg_op = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "koppelvlakwijziging: datum van het overleg met het Afnemersoverleg"})
    omgeving = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "onderhoud, storing: de omgeving van de dienst; leeg voor alle",
        "example": "productie"})
    afwijking = ma.fields.Boolean(dump_only=True, metadata={
        "description": "onderhoud: buiten het onderhoudsvenster van de dienst, met reden"})
    afwijking_reden = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "onderhoud: waarom het afwijkt van het onderhoudsvenster",
        "example": "Een beveiligingsupdate die niet tot het volgende venster kan wachten."})
    reactie_vereist = ma.fields.Boolean(dump_only=True, metadata={
        "description": "De afnemer accepteert of wijst af"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    reactie = ma.fields.Nested(ReactieSchema, dump_only=True, metadata={
        "description": "De reactie van deze afnemer"})


class GeraakteAansluitingSchema(Schema):
    """An aansluiting whose delivery a rejection would end."""

    id = ma.fields.UUID(metadata={"description": "Id van de aansluiting",
                                  "example": "3f0c2a4e-8b1d-4c6e-9a7f-2d5b8e1c4a90"})
    dienst = ma.fields.String(metadata={"description": "Slug van de dienst",
                                        "example": voorbeelden.DIENST})
    omgeving = ma.fields.String(metadata={"description": "De omgeving van de aansluiting",
                                          "example": "productie"})
    status = ma.fields.String(metadata={"description": "De status van de aansluiting nu",
                                        "example": "actief"})
    gepland_einde_op = ma.fields.Date(allow_none=True, metadata={
        "description": "Een einde dat al gepland staat (door een eerdere afwijzing); null "
                       "als geen. Het vroegste einde geldt."})


class GevolgenVanAfwijzenSchema(Schema):
    """What rejecting would set in motion, before the afnemer decides."""

    status = fields.keuze([Status.AFGEWEZEN.value, Status.CONSULTATIE.value], metadata={
        "description": "afgewezen: de levering eindigt (AV 13.2, MO 8.2); consultatie: "
                       "Logius en de afnemer spreken in overleg een einddatum af (AV 14.2)"})
    einde_levering_op = ma.fields.Date(allow_none=True, metadata={
        "description": "De dag waarop de levering eindigt als de afnemer afwijst; null bij "
                       "overleg", "example": "2027-09-01"})
    grondslag = ma.fields.String(metadata={"description": "Het artikel van dat gevolg",
                                           "example": "AV 13.2"})
    aansluitingen = ma.fields.List(ma.fields.Nested(GeraakteAansluitingSchema), metadata={
        "description": "De lopende aansluitingen die dan eindigen; leeg bij overleg"})
    toelichting = ma.fields.String(metadata={
        "description": "Het gevolg in gewone taal",
        "example": "Na afwijzen eindigt de levering op 2027-09-01, 2 kalendermaanden na de "
                   "wijzigingsdatum 2027-07-01 (AV 13.2)."})


class AankondigingVoorAfnemerDetailSchema(AankondigingVoorAfnemerSchema):
    gevolgen_van_afwijzen = ma.fields.Nested(GevolgenVanAfwijzenSchema, allow_none=True,
                                             dump_only=True, metadata={
        "description": "Wat afwijzen in gang zet, berekend zoals de reactie het doet maar "
                       "zonder iets te wijzigen: het einde van de levering en de aansluitingen "
                       "die dan eindigen, of het overleg. null als er niets te beantwoorden "
                       "is (geen reactie gevraagd, of al gereageerd)."})


class BereikteAfnemerSchema(Schema):
    id = ma.fields.UUID()
    naam = ma.fields.String(metadata={"description": "De naam van de afnemer",
                                      "example": "Gemeente Voorbeeldstad"})
    oin = ma.fields.String(metadata={"description": "Het OIN van de afnemer",
                                     "example": "00000001234567890000"})


class VoorbeeldmailSchema(Schema):
    van = ma.fields.String(metadata={"description": "De afzender",
                                     "example": "Afnemersportaal <noreply@afnemersportaal.example>"})
    aan = ma.fields.String(metadata={
        "description": "Een voorbeeldadres: elke contactpersoon krijgt de mail op zijn eigen",
        "example": "contactpersoon@afnemer.example"})
    onderwerp = ma.fields.String(metadata={
        "description": "Het onderwerp van de mail",
        "example": "[Afnemersportaal] Gepland onderhoud op 12 januari"})
    tekst = ma.fields.String(metadata={
        "description": "De tekst van de mail",
        "example": "De dienst is op 12 januari van 22:00 tot 23:00 niet beschikbaar. "
                   "Grondslag: AV 6.1."})


class AankondigingVoorbeeldSchema(Schema):
    """What sending would do, computed without sending."""

    aantal_ontvangers = ma.fields.Integer(metadata={
        "description": "Hoeveel afnemers de aankondiging zou bereiken", "example": 42})
    ontvangers = ma.fields.List(ma.fields.Nested(BereikteAfnemerSchema), metadata={
        "description": "De eerste 20 daarvan, op naam"})
    gebeurtenis = ma.fields.String(metadata={
        "description": "Het type gebeurtenis dat elke afnemer krijgt",
        "example": "aankondiging.onderhoud"})
    rollen = ma.fields.List(ma.fields.String(metadata={"example": "technisch"}), metadata={
        "description": "De rollen van de contactpersonen die de mail krijgen"})
    artikel = ma.fields.String(metadata={"description": "Het artikel waarop de aankondiging "
                                         "rust", "example": "AV 6.1"})
    mail = ma.fields.Nested(VoorbeeldmailSchema, metadata={
        "description": "De mail zoals de bezorger hem zou versturen"})


class ReactieInvoerSchema(Schema):
    besluit = fields.keuze([b.value for b in Besluit], required=True, metadata={
        "description": "accepteren of afwijzen. Afwijzen van een voorwaardenwijziging "
        "beëindigt de levering (AV 13.2, MO 8.2); van een dienstwijziging of uitfasering "
        "opent het overleg (AV 14.2)."})
    toelichting = fields.tekst(2000, allow_none=True, load_default=None, metadata={
        "description": "Toelichting bij het besluit",
        "example": "Akkoord na bespreking in het college."})


class AankondigingFilterSchema(Schema):
    type = fields.keuze(TYPEN, metadata={
        "description": "Alleen aankondigingen van dit type"})
    dienst = ma.fields.String(validate=ma.validate.Length(max=40), metadata={
        "description": "Alleen aankondigingen over deze dienst (slug)"})


class OntvangerFilterSchema(AankondigingFilterSchema):
    status = fields.keuze(STATUSSEN, metadata={"description": "Alleen met deze reactiestatus"})
