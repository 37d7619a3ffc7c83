"""The VWO's request and response bodies. Field names are lowerCamelCase on the wire;
each field says what it holds and, where a rule applies, the article."""

from __future__ import annotations

import marshmallow as ma

from core.sdk.api import PaginaArgs, Schema, keuze, kvk_nummer, tekst

from .catalogus import (
    AFHANDELING,
    CATEGORIEEN,
    DOORGIFTE_INSTRUMENTEN,
    NORMENSTELSELS,
    TOEREIKENDHEID,
    VERZOEKEN,
)
from .regels import STANDAARD_VERSIE

LANDCODE = r"^[A-Z]{2}$"


def _lijst(veld: ma.fields.Field, *, minimum: int = 1, maximum: int = 50,
           **kwargs) -> ma.fields.List:
    return ma.fields.List(veld, validate=ma.validate.Length(
        min=minimum, max=maximum,
        error=f"Noem er {minimum} tot {maximum}."), **kwargs)


# --- agreements --------------------------------------------------------------------------


class OndertekenaarSchema(Schema):
    naam = tekst(200, required=True, metadata={"description": "Naam van wie tekende",
                                               "example": "J. de Vries"})
    functie = tekst(200, required=True, metadata={"description": "Functie",
                                                  "example": "Burgemeester"})
    plaats = tekst(100, required=True, metadata={"description": "Plaats van ondertekening",
                                                 "example": "Voorbeeldstad"})
    datum = ma.fields.Date(required=True, metadata={"description": "Datum van ondertekening",
                                                    "example": "2026-01-20"})


class OndertekeningSchema(Schema):
    """Wie namens elke partij tekende (naam, functie, plaats, datum)."""

    gemeente = ma.fields.Nested(OndertekenaarSchema, allow_none=True, metadata={
        "description": "Wie namens de gemeente tekende; leeg: nog niet getekend"})
    verwerker = ma.fields.Nested(OndertekenaarSchema, allow_none=True, metadata={
        "description": "Wie namens Logius tekende; leeg: nog niet getekend"})


class Bijlage2Schema(Schema):
    """VWO Bijlage 2: hoe Logius een passend beveiligingsniveau aantoont (VWO 4.1)."""

    normenstelsel = keuze(NORMENSTELSELS, required=True, metadata={
        "description": "De norm waaraan Logius werkt: " + "; ".join(
            f"{k}: {v}" for k, v in NORMENSTELSELS.items())})
    normenstelsel_anders = tekst(200, allow_none=True, metadata={
        "description": "Bij normenstelsel anders: welke norm", "example": None})
    gecertificeerd = ma.fields.Boolean(required=True, metadata={
        "description": "Of Logius volgens die norm gecertificeerd is"})
    laatste_certificering = ma.fields.Date(allow_none=True, metadata={
        "description": "Datum van de laatste certificering (nodig als gecertificeerd)",
        "example": "2026-03-01"})
    toereikendheid = _lijst(keuze(TOEREIKENDHEID), maximum=len(TOEREIKENDHEID),
                            required=True, metadata={
        "description": "Waaruit de toereikendheid blijkt: " + "; ".join(
            f"{k}: {v}" for k, v in TOEREIKENDHEID.items())})
    eigen_controles = tekst(2000, allow_none=True, metadata={
        "description": "Bij eigen-controles: de beschrijving", "example": None})
    gedragscode = tekst(200, allow_none=True, metadata={
        "description": "Een goedgekeurde gedragscode waarbij Logius is aangesloten",
        "example": None})
    laatste_tpm = ma.fields.Date(allow_none=True, metadata={
        "description": "Datum van de laatste TPM die Logius de gemeente overhandigde; de "
                       "volgende is een jaar later nodig als een dienst met jaarlijkse TPM "
                       "deel is van de verwerking (VWO 4.2)", "example": "2026-02-01"})


class BeeindigingSchema(Schema):
    """VWO 2.2 met 7.1: de overeenkomst eindigt als de verwerking is gestopt en de
    gegevens zijn teruggegeven of gewist."""

    verwerking_gestopt_op = ma.fields.Date(required=True, metadata={
        "description": "Dag waarop Logius de verwerking stopte", "example": "2026-11-30"})
    gegevens = keuze(AFHANDELING, required=True, metadata={
        "description": "Wat er met de persoonsgegevens gebeurde"})
    bevestigd_op = ma.fields.Date(required=True, metadata={
        "description": "Dag waarop het teruggeven of wissen is bevestigd; de overeenkomst "
                       "eindigt dan", "example": "2026-12-01"})


# --- Bijlage 1 tabel 1 ---------------------------------------------------------------


def _doorgifte_velden() -> dict[str, ma.fields.Field]:
    return {
        "doorgifte_buiten_eer": ma.fields.Boolean(required=True, metadata={
            "description": "Of persoonsgegevens naar (of toegankelijk in) een land buiten de "
                           "EER gaan (VWO 4.3)", "example": False}),
        "landen": _lijst(ma.fields.String(validate=ma.validate.Regexp(
            LANDCODE, error="Een landcode is twee hoofdletters (ISO 3166-1)."),
            metadata={"pattern": LANDCODE, "example": "US"}), minimum=0, metadata={
                "description": "Bij een doorgifte: de landen buiten de EER (ISO 3166-1 "
                               "alpha-2)", "example": []}),
        "doorgifte_instrument": ma.fields.Integer(
            allow_none=True,
            validate=ma.validate.Range(1, 6, error="Kies een instrument van 1 tot en met 6."),
            metadata={"description": "Bij een doorgifte: het instrument. " + "; ".join(
                f"{n}: {t}" for n, t in DOORGIFTE_INSTRUMENTEN.items())
                + ". Bij 3 tot en met 6 zijn aanvullende maatregelen nodig (EDPB 01/2020)",
                "example": None}),
        "aanvullende_maatregelen": tekst(2000, allow_none=True, metadata={
            "description": "De aanvullende maatregelen bij instrument 3 tot en met 6",
            "example": None}),
    }


class VerwerkingSchema(Schema.from_dict(_doorgifte_velden())):  # type: ignore[misc]
    id = ma.fields.UUID(dump_only=True)
    overeenkomst_id = ma.fields.UUID(dump_only=True, metadata={
        "description": "De verwerkersovereenkomst"})
    naam = tekst(200, required=True, metadata={
        "description": "Naam van de verwerking, of de dienst of het product",
        "example": "Inloggen met DigiD bij de gemeente"})
    dienst = tekst(40, required=True, metadata={
        "description": "De dienst (slug) waarbij de verwerking hoort; een van de diensten "
                       "van de overeenkomst", "example": "digid"})
    doeleinden = _lijst(tekst(500), required=True, metadata={
        "description": "De verwerkingsdoeleinden",
        "example": ["Inwoners laten inloggen bij de diensten van de gemeente"]})
    categorieen_betrokkenen = _lijst(tekst(200), required=True, metadata={
        "description": "Categorieën van betrokkenen", "example": ["Inwoners", "Aanvragers"]})
    categorieen_persoonsgegevens = _lijst(keuze(CATEGORIEEN), maximum=len(CATEGORIEEN),
                                          required=True, metadata={
        "description": "Categorieën persoonsgegevens: " + ", ".join(CATEGORIEEN),
        "example": ["bsn", "inloggegevens"]})
    overige_persoonsgegevens = tekst(500, allow_none=True, load_default=None, metadata={
        "description": "Persoonsgegevens die in geen categorie passen", "example": None})
    geldig_vanaf = ma.fields.Date(load_default=None, metadata={
        "description": "Vanaf wanneer deze versie geldt; zonder waarde vandaag. Een nieuwe "
                       "doorgifte buiten de EER begint na de melding aan de gemeente, dus op "
                       "zijn vroegst morgen (VWO 4.3)", "example": "2026-12-08"})

    versie = ma.fields.Integer(dump_only=True, metadata={"description": "Versienummer",
                                                         "example": 1})
    geldig_tot = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "In de lijst van versies: de dag waarop de volgende versie ingaat",
        "example": None})
    status = keuze(["gepland", "actief", "beeindigd"], dump_only=True, metadata={
        "description": "gepland tot geldigVanaf; beeindigd als deze versie haar beëindigt"})
    doorgifte_instrument_naam = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "De naam van het doorgifte-instrument", "example": None})
    bijzondere_persoonsgegevens = ma.fields.List(ma.fields.String(metadata={
        "example": "bsn"}), dump_only=True, metadata={
        "description": "De bijzondere en gevoelige categorieën"})
    bevat_bsn = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Of het BSN wordt verwerkt"})
    doorgifte_aangekondigd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True,
                                                        metadata={"description": "Wanneer de "
                                                                  "gemeente over de doorgifte "
                                                                  "is gemeld (VWO 4.3)"})
    vastgelegd_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Wanneer deze versie is vastgelegd"})
    vastgelegd_door = ma.fields.String(dump_only=True, metadata={
        "description": "Wie deze versie vastlegde", "example": "Logius-beheerder"})


class RegisterArgs(PaginaArgs):
    peildatum = ma.fields.Date(metadata={
        "description": "Het register zoals het op deze dag gold; zonder waarde de nieuwste "
                       "versie van elke verwerking"})


# --- Bijlage 1 tabel 3 ---------------------------------------------------------------


def _contactgegevens(**kwargs) -> ma.fields.Field:
    return tekst(500, metadata={
        "description": "Naam en contactgegevens van de subverwerker",
        "example": "Servicedesk, 070 123 4567, servicedesk@hosting.example"}, **kwargs)


def _uitbestede_verwerkingen(**kwargs) -> ma.fields.Field:
    return _lijst(tekst(200), metadata={
        "description": "Welke verwerkingen Logius aan deze subverwerker uitbesteedt",
        "example": ["Opslag van de logging"]}, **kwargs)


def _toepassing(**kwargs) -> ma.fields.Field:
    return tekst(500, metadata={
        "description": "De toepassing waarvoor de subverwerker wordt ingezet",
        "example": "Hosting van de DigiD-voorziening"}, **kwargs)


class SubverwerkerSchema(Schema.from_dict(_doorgifte_velden())):  # type: ignore[misc]
    id = ma.fields.UUID(dump_only=True)
    naam = tekst(200, required=True, metadata={"description": "Naam van de subverwerker",
                                               "example": "Voorbeeld Hosting B.V."})
    contactgegevens = _contactgegevens(required=True)
    kvk_nummer = kvk_nummer(required=True)
    uitbestede_verwerkingen = _uitbestede_verwerkingen(required=True)
    toepassing = _toepassing(required=True)
    diensten = _lijst(tekst(40), maximum=20, required=True, metadata={
        "description": "De diensten (slugs) waarvoor hij werkt; de gemeenten met een "
                       "overeenkomst voor een van die diensten krijgen de aankondiging",
        "example": ["digid"]})
    ingeschakeld_vanaf = ma.fields.Date(required=True, metadata={
        "description": "Beoogde datum van inschakeling; na de aankondiging (VWO 4.5)",
        "example": "2027-01-15"})
    beeindigd_op = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Laatste dag waarop de subverwerker werkt", "example": None})
    aangekondigd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Wanneer de gemeenten de aankondiging kregen (VWO 4.5)"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)


class SubverwerkerWijzigingSchema(Schema):
    """Alleen wat u meestuurt, verandert."""

    naam = tekst(200, metadata={"description": "Naam van de subverwerker",
                                "example": "Voorbeeld Hosting B.V."})
    contactgegevens = _contactgegevens()
    uitbestede_verwerkingen = _uitbestede_verwerkingen()
    toepassing = _toepassing()
    beeindigd_op = ma.fields.Date(allow_none=True, metadata={
        "description": "Laatste dag waarop de subverwerker werkt; leeg: werkt door",
        "example": "2027-06-30"})


class Tabel3RijSchema(SubverwerkerSchema):
    bekend_bij_aangaan = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Of hij bekend was toen de overeenkomst werd aangegaan (VWO 4.5)"})


class OntbrekendSchema(Schema):
    onderdeel = ma.fields.String(dump_only=True, metadata={
        "description": "Wat ontbreekt", "example": "bijlage-2"})
    artikel = ma.fields.String(dump_only=True, metadata={
        "description": "Het artikel dat het vraagt", "example": "VWO 4.1, Bijlage 2"})
    melding = ma.fields.String(dump_only=True, metadata={
        "description": "Wat er moet gebeuren",
        "example": "Bijlage 2 (normenstelsel en toereikendheid) is niet ingevuld."})


class ContactregelSchema(Schema):
    naam = ma.fields.String(dump_only=True, metadata={"description": "Naam",
                                                      "example": "Servicecentrum Logius"})
    rol = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Bij de gemeente: de rol van de contactpersoon", "example": "privacy"})
    telefoon = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Telefoonnummer", "example": "0900 555 4555"})
    email = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "E-mailadres", "example": "servicecentrum@logius.nl"})


class Tabel2Schema(Schema):
    """Bijlage 1 tabel 2: wie ook buiten kantooruren bereikbaar is."""

    gemeente = ma.fields.List(ma.fields.Nested(ContactregelSchema), dump_only=True, metadata={
        "description": "De contactpersonen van de gemeente met bereikbaarheid 24x7"})
    verwerker = ma.fields.Nested(ContactregelSchema, dump_only=True, allow_none=True,
                                 metadata={"description": "Het contact van Logius "
                                                          "(configuratie)"})
    ibd = ma.fields.Nested(ContactregelSchema, dump_only=True, allow_none=True, metadata={
        "description": "De IBD (configuratie)"})
    artikel = ma.fields.String(dump_only=True, metadata={
        "description": "Het artikel", "example": "VWO Bijlage 1 tabel 2"})


def _hoofdovereenkomst_naam(**kwargs) -> ma.fields.Field:
    return tekst(200, metadata={
        "description": "Naam van de hoofdovereenkomst waar deze verwerkersovereenkomst bij "
                       "hoort", "example": "Aansluitovereenkomst Logius-diensten"}, **kwargs)


def _hoofdovereenkomst_datum(**kwargs) -> ma.fields.Field:
    return ma.fields.Date(metadata={
        "description": "Datum waarop de hoofdovereenkomst tot stand kwam",
        "example": "2026-01-15"}, **kwargs)


def _ingangsdatum(**kwargs) -> ma.fields.Field:
    return ma.fields.Date(metadata={
        "description": "Ingangsdatum; zonder waarde de datum van de hoofdovereenkomst "
                       "(VWO 2.1)", "example": "2026-01-15"}, **kwargs)


class OvereenkomstSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    standaard_versie = keuze([STANDAARD_VERSIE], metadata={
        "description": "Versie van de Standaard Verwerkersovereenkomst Gemeenten; zonder "
                       f"waarde {STANDAARD_VERSIE}", "example": STANDAARD_VERSIE})
    hoofdovereenkomst_naam = _hoofdovereenkomst_naam(required=True)
    hoofdovereenkomst_datum = _hoofdovereenkomst_datum(required=True)
    diensten = _lijst(tekst(40), maximum=20, required=True, metadata={
        "description": "De Logius-diensten (slugs) waarvoor Logius onder deze overeenkomst "
                       "verwerkt", "example": ["digid"]})
    ingangsdatum = _ingangsdatum()
    ondertekening = ma.fields.Nested(OndertekeningSchema, allow_none=True,
                                     metadata={"description": "Wie namens elke partij "
                                                              "tekende; later te zetten met "
                                                              "PUT .../ondertekening"})
    bijlage2 = ma.fields.Nested(Bijlage2Schema, allow_none=True, metadata={
        "description": "Bijlage 2; later te zetten met PUT .../bijlage-2"})
    register_overnemen = ma.fields.Boolean(load_only=True, metadata={
        "description": "Bij vervanging (VWO 2.3): neem de verwerkingen van de vorige "
                       "overeenkomst over in Bijlage 1 tabel 1; zonder waarde true",
        "example": False})

    status = keuze(["toekomstig", "actief", "vervallen", "beeindigd"], dump_only=True,
                   metadata={"description": "toekomstig tot de ingangsdatum; vervallen zodra "
                                            "een nieuwe overeenkomst ingaat (VWO 2.3); "
                                            "beeindigd na VWO 2.2",
                             "x-afgeleid-van": ["ingangsdatum"]})
    ingangsdatum_afgesproken = ma.fields.Boolean(dump_only=True, metadata={
        "description": "true als partijen een andere ingangsdatum afspraken dan die van de "
                       "hoofdovereenkomst (VWO 2.1)",
        "x-afgeleid-van": ["hoofdovereenkomstDatum", "ingangsdatum"]})
    vervalt_op = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Ingangsdatum van de overeenkomst die deze vervangt (VWO 2.3)",
        "example": None})
    vervangen_door = ma.fields.UUID(dump_only=True, allow_none=True, metadata={
        "description": "De overeenkomst die deze vervangt (VWO 2.3)", "example": None})
    beeindiging = ma.fields.Nested(BeeindigingSchema, dump_only=True, allow_none=True,
                                   metadata={"description": "Het einde (VWO 2.2, 7.1)"})
    geheimhouding_loopt = ma.fields.Boolean(dump_only=True, metadata={
        "description": "De geheimhouding loopt door, ook na het einde (VWO 7.2)"})
    compleet = ma.fields.Boolean(dump_only=True, metadata={
        "description": "true als Bijlage 1 tabel 1 een verwerking heeft, beide partijen een "
                       "contact buiten kantooruren hebben (tabel 2) en Bijlage 2 is ingevuld"})
    ontbreekt = ma.fields.List(ma.fields.Nested(OntbrekendSchema), dump_only=True, metadata={
        "description": "Wat er nog ontbreekt, elk met het artikel"})
    aantal_verwerkingen = ma.fields.Integer(dump_only=True, metadata={
        "description": "Verwerkingen in Bijlage 1 tabel 1 die nu lopen of gepland zijn; "
                       "Logius mag alleen die uitvoeren (VWO 3.2)", "example": 1})
    tabel2 = ma.fields.Nested(Tabel2Schema, dump_only=True, metadata={
        "description": "Bijlage 1 tabel 2: de contacten die ook buiten kantooruren "
                       "bereikbaar zijn"})
    tabel3 = ma.fields.List(ma.fields.Nested(Tabel3RijSchema), dump_only=True, metadata={
        "description": "Bijlage 1 tabel 3: de subverwerkers voor de diensten van deze "
                       "overeenkomst (VWO 4.5)"})
    tpm_uiterlijk = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Wanneer de volgende jaarlijkse TPM uiterlijk komt (VWO 4.2), als een "
                       "dienst met jaarlijkse TPM deel is van de verwerking",
        "example": "2027-01-15", "x-afgeleid-van": ["ingangsdatum"]})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)


class OvereenkomstWijzigingSchema(Schema):
    """Alleen wat u meestuurt, verandert; elke wijziging staat in de audit. Bijlage 2, de
    ondertekening en het einde hebben elk een eigen route."""

    hoofdovereenkomst_naam = _hoofdovereenkomst_naam()
    hoofdovereenkomst_datum = _hoofdovereenkomst_datum()
    ingangsdatum = _ingangsdatum()


# --- breaches --------------------------------------------------------------------------


class OnderzoekSchema(Schema):
    van = ma.fields.AwareDateTime(required=True, metadata={
        "description": "Begin van het onderzoek naar verdachte activiteit",
        "example": "2026-12-01T09:00:00+01:00"})
    tot = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "Einde; leeg zolang het onderzoek loopt",
        "example": "2026-12-01T15:00:00+01:00"})


def _onderzoek(**kwargs) -> ma.fields.Field:
    return _lijst(ma.fields.Nested(OnderzoekSchema), minimum=0, maximum=20, metadata={
        "description": "Wanneer verdachte activiteit nog werd onderzocht; die tijd telt niet "
                       "mee voor de 24 uur (VWO 5.1)", "example": []}, **kwargs)


def _inbreuk_velden(verplicht: bool) -> dict[str, ma.fields.Field]:
    vereist = {"required": True} if verplicht else {}
    return {
        "omschrijving": tekst(2000, **vereist, metadata={
            "description": "Wat er gebeurde",
            "example": "Een exportbestand met gegevens van inwoners stond openbaar"}),
        "vermoedelijke_oorzaak": tekst(2000, **vereist, metadata={
            "description": "De vermoedelijke oorzaak, voor zover bekend (VWO 5.1)",
            "example": "Een verkeerd ingestelde opslagbucket"}),
        "categorieen_persoonsgegevens": _lijst(keuze(CATEGORIEEN), maximum=len(CATEGORIEEN),
                                               **vereist, metadata={
            "description": "De categorieën persoonsgegevens (VWO 5.1)",
            "example": ["contactgegevens"]}),
        "categorieen_betrokkenen": _lijst(tekst(200), **vereist, metadata={
            "description": "De categorieën betrokkenen (VWO 5.1)", "example": ["Inwoners"]}),
        "aantal_betrokkenen": ma.fields.Integer(
            allow_none=True, validate=ma.validate.Range(min=0, max=100_000_000),
            metadata={"description": "Het aantal betrokkenen; leeg als het nog niet bekend is",
                      "example": 120}),
    }


class KlokSchema(Schema):
    """Een termijn die op een inbreuk loopt."""

    id = ma.fields.String(dump_only=True, metadata={"description": "Welke klok",
                                                    "example": "gemeente-informeren"})
    naam = ma.fields.String(dump_only=True, metadata={
        "description": "Wat er binnen de termijn moet",
        "example": "Logius informeert de gemeente"})
    partij = keuze(["logius", "gemeente"], dump_only=True, metadata={
        "description": "Wie moet handelen"})
    uren = ma.fields.Integer(dump_only=True, metadata={"description": "Klokuren",
                                                       "example": 24})
    artikel = ma.fields.String(dump_only=True, metadata={"description": "Het artikel",
                                                         "example": "VWO 5.1"})
    start = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Vanaf wanneer de termijn loopt"})
    uiterlijk = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Het uiterste moment; leeg zolang een onderzoek de klok stilzet"})
    gepauzeerd = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Of de klok nu stilstaat"})
    voldaan_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Wanneer aan de termijn is voldaan"})
    op_tijd = ma.fields.Boolean(dump_only=True, allow_none=True, metadata={
        "description": "Of dat op tijd was; leeg zolang niet voldaan"})


class GemeenteKantSchema(Schema):
    afnemer_id = ma.fields.UUID(dump_only=True, metadata={"description": "De gemeente"})
    naam = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Naam van de gemeente", "example": "Gemeente Voorbeeldstad"})
    geinformeerd_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Wanneer Logius haar informeerde (VWO 5.1)"})
    binnen_termijn = ma.fields.Boolean(dump_only=True, allow_none=True, metadata={
        "description": "Of dat binnen de 24 uur was"})
    bekend_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Wanneer zij van de inbreuk hoorde"})
    ap_melden_uiterlijk = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Haar eigen termijn voor de AP (VWO 5.4)"})


class InbreukSchema(Schema.from_dict(_inbreuk_velden(True))):  # type: ignore[misc]
    id = ma.fields.UUID(dump_only=True)
    vastgesteld_op = ma.fields.AwareDateTime(required=True, metadata={
        "description": "Wanneer Logius de (vermoedelijke) inbreuk vaststelde",
        "example": "2026-12-01T08:00:00+01:00"})
    afnemers = _lijst(ma.fields.UUID(), maximum=500, required=True, metadata={
        "description": "De getroffen gemeenten (afnemer-id's); elk krijgt de melding",
        "x-padparameter": "afnemerId"})
    onderzoek = _onderzoek()
    gemeente_informeren_uiterlijk = ma.fields.AwareDateTime(dump_only=True, allow_none=True,
                                                            metadata={"description":
        "24 uur na vaststelling, plus de onderzoekstijd; leeg zolang een onderzoek loopt "
        "(VWO 5.1)"})
    klokken = ma.fields.List(ma.fields.Nested(KlokSchema), dump_only=True, metadata={
        "description": "De klokken die op de inbreuk lopen"})
    gemeenten = ma.fields.List(ma.fields.Nested(GemeenteKantSchema), dump_only=True,
                               metadata={"description": "Per getroffen gemeente haar kant"})
    afgesloten_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Wanneer Logius de inbreuk afsloot"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)


class InbreukWijzigingSchema(Schema.from_dict(_inbreuk_velden(False))):  # type: ignore[misc]
    """Wat Logius meer weet; elke getroffen gemeente hoort het (VWO 5.2)."""


class OnderzoekLijstSchema(Schema):
    perioden = _onderzoek(required=True)


class GemeentenSchema(Schema):
    afnemers = _lijst(ma.fields.UUID(), maximum=500, required=True, metadata={
        "description": "Gemeenten die er alsnog door getroffen zijn; elk krijgt de melding "
                       "van VWO 5.1", "x-padparameter": "afnemerId"})


class AfsluitingSchema(Schema):
    toelichting = tekst(2000, load_default=None, allow_none=True, metadata={
        "description": "Waarom de inbreuk is afgesloten", "example": "Hersteld en nagegaan"})


class MaatregelSchema(Schema):
    omschrijving = tekst(2000, required=True, metadata={
        "description": "De genomen maatregel",
        "example": "De bucket is afgeschermd en de toegangssleutels zijn vervangen"})
    genomen_op = ma.fields.AwareDateTime(load_default=None, metadata={
        "description": "Wanneer; zonder waarde nu", "example": "2026-12-01T12:00:00+01:00"})


class LogboekregelSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    inbreuk_id = ma.fields.UUID(dump_only=True, metadata={"description": "De inbreuk"})
    op = ma.fields.AwareDateTime(dump_only=True, metadata={"description": "Wanneer"})
    soort = keuze(["vastgesteld", "onderzoek", "gemeente-geinformeerd", "maatregel",
                   "bijgewerkt", "afgesloten"], dump_only=True, metadata={
        "description": "Wat er gebeurde"})
    omschrijving = ma.fields.String(dump_only=True, metadata={
        "description": "De regel", "example": "Toegang ingetrokken"})
    door = ma.fields.String(dump_only=True, metadata={"description": "Wie",
                                                      "example": "Logius-beheerder"})


class GemeenteInbreukSchema(Schema):
    """Eén inbreuk zoals een getroffen gemeente haar ziet."""

    id = ma.fields.UUID(dump_only=True)
    vastgesteld_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Wanneer Logius de inbreuk vaststelde"})
    omschrijving = ma.fields.String(dump_only=True, metadata={
        "description": "Wat er gebeurde", "example": "Een exportbestand stond openbaar"})
    vermoedelijke_oorzaak = ma.fields.String(dump_only=True, metadata={
        "description": "De vermoedelijke oorzaak", "example": "Een verkeerde instelling"})
    categorieen_persoonsgegevens = ma.fields.List(ma.fields.String(metadata={
        "example": "contactgegevens"}), dump_only=True, metadata={
        "description": "De categorieën persoonsgegevens"})
    categorieen_betrokkenen = ma.fields.List(ma.fields.String(metadata={
        "example": "Inwoners"}), dump_only=True, metadata={
        "description": "De categorieën betrokkenen"})
    aantal_betrokkenen = ma.fields.Integer(dump_only=True, allow_none=True, metadata={
        "description": "Het aantal betrokkenen, als het bekend is", "example": 120})
    onderzoek = ma.fields.List(ma.fields.Nested(OnderzoekSchema), dump_only=True, metadata={
        "description": "Wanneer verdachte activiteit nog werd onderzocht"})
    geinformeerd_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Wanneer Logius de gemeente informeerde"})
    gemeente_informeren_uiterlijk = ma.fields.AwareDateTime(dump_only=True, allow_none=True,
                                                            metadata={"description":
        "De termijn van Logius (VWO 5.1)"})
    binnen_termijn = ma.fields.Boolean(dump_only=True, allow_none=True, metadata={
        "description": "Of Logius binnen die termijn informeerde"})
    bekend_op = ma.fields.AwareDateTime(metadata={
        "description": "Wanneer de gemeente van de inbreuk hoorde; haar 72 uur voor de AP "
                       "lopen vanaf dan (VWO 5.4). Zonder eigen waarde: de melding van Logius",
        "example": "2026-12-01T16:30:00+01:00"})
    bekend_op_door_gemeente = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Of de gemeente bekendOp zelf vastlegde",
        "x-afgeleid-van": ["bekendOp"]})
    ap_melden_uiterlijk = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "72 uur na bekendOp (VWO 5.4, AVG art. 33)",
        "x-afgeleid-van": ["bekendOp"]})
    ap_besluit = keuze(["melden", "niet-melden"], allow_none=True, metadata={
        "description": "Het besluit van de gemeente over een melding aan de Autoriteit "
                       "Persoonsgegevens; alleen de gemeente beslist (VWO 5.4)"})
    ap_gemeld_op = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "Wanneer de gemeente de AP meldde (haar eigen registratie)",
        "example": "2026-12-02T10:00:00+01:00"})
    betrokkenen_besluit = keuze(["informeren", "niet-informeren"], allow_none=True, metadata={
        "description": "Het besluit van de gemeente over het informeren van betrokkenen"})
    klokken = ma.fields.List(ma.fields.Nested(KlokSchema), dump_only=True, metadata={
        "description": "Beide klokken: die van Logius (VWO 5.1) en die van de gemeente "
                       "(VWO 5.4)", "x-afgeleid-van": ["bekendOp", "apGemeldOp"]})
    afgesloten_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Wanneer Logius de inbreuk afsloot"})


# --- requests for help -----------------------------------------------------------------


class VerzoekSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    soort = keuze(VERZOEKEN, required=True, metadata={"description": "; ".join(
        f"{s.code}: {s.naam} ({s.artikel})" for s in VERZOEKEN.values())})
    omschrijving = tekst(4000, required=True, metadata={
        "description": "Waar de gemeente om vraagt, of de instructie",
        "example": "Wij starten een DPIA voor het inloggen met DigiD en vragen uw medewerking."})
    ontvangen_op = ma.fields.Date(allow_none=True, load_default=None, metadata={
        "description": "Bij verzoek-betrokkene: wanneer de gemeente het verzoek ontving; de "
                       "gemeente beslist binnen een maand (AVG art. 12 lid 3)",
        "example": None})
    artikel = ma.fields.String(dump_only=True, metadata={"description": "Het artikel",
                                                         "example": "VWO 4.7"})
    beslissen_uiterlijk = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Bij verzoek-betrokkene: een maand na ontvangst", "example": None})
    ingediend_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Wanneer het verzoek binnenkwam"})
    ingediend_door = ma.fields.String(dump_only=True, metadata={
        "description": "Wie het indiende", "example": "Privacy Officer"})
    beantwoord = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Of Logius heeft geantwoord"})
    antwoord = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Het antwoord van Logius", "example": None})
    strijdig_met_avg = ma.fields.Boolean(dump_only=True, allow_none=True, metadata={
        "description": "Bij een instructie: of Logius haar in strijd met de AVG vindt "
                       "(VWO 3.1)"})
    beantwoord_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Wanneer Logius antwoordde"})
    beantwoord_door = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Wie antwoordde", "example": None})


class VerzoekAntwoordSchema(Schema):
    antwoord = tekst(4000, required=True, metadata={
        "description": "Het antwoord",
        "example": "Logius levert de beschrijving van de verwerking en de risico's."})
    strijdig_met_avg = ma.fields.Boolean(load_default=False, metadata={
        "description": "Alleen bij een instructie: Logius vindt haar in strijd met de AVG "
                       "(VWO 3.1); de gemeente hoort dat meteen", "example": False})


class LogiusVerzoekSchema(VerzoekSchema):
    """Een verzoek in de lijst van Logius: met de gemeente die het deed."""

    afnemer_id = ma.fields.UUID(dump_only=True, metadata={"description": "De gemeente"})
    afnemer_naam = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Naam van de gemeente", "example": "Gemeente Voorbeeldstad"})


class VerzoekArgs(PaginaArgs):
    beantwoord = ma.fields.Boolean(metadata={"description": "Alleen (on)beantwoorde"})
