"""Recorded unavailability and the monthly availability, on the wire."""

from __future__ import annotations

import re

import marshmallow as ma

from core import voorbeelden
from core.api import fields
from core.api.converters import JAAR_MAX, JAAR_MIN
from core.api.pagination import PaginaArgs
from core.api.schemas import Schema, WijzigingMixin
from core.serviceniveau.beschikbaarheid import DECIMALEN
from core.serviceniveau.typen import Onbeschikbaarheidssoort

SOORTEN = [s.value for s in Onbeschikbaarheidssoort]
MAAND_PATROON = r"^\d{4}-(0[1-9]|1[0-2])$"


def _maand(tekst: str) -> None:
    if not re.fullmatch(MAAND_PATROON.strip("^$"), tekst or ""):
        raise ma.ValidationError("Verwacht een maand als JJJJ-MM, bijvoorbeeld 2027-03.")
    if not JAAR_MIN <= int(tekst[:4]) <= JAAR_MAX:
        raise ma.ValidationError(f"Verwacht een maand in de jaren {JAAR_MIN} tot en met "
                                 f"{JAAR_MAX}.")


def maand_veld(beschrijving: str) -> ma.fields.String:
    """A month as ``YYYY-MM`` in the years the API knows."""
    return ma.fields.String(validate=_maand, metadata={
        "description": beschrijving, "example": "2027-03", "pattern": MAAND_PATROON})
DECIMAAL = r"^-?\d+\.\d{2}$"


class Decimaal(ma.fields.Decimal):
    """A figure as a decimal string with :data:`DECIMALEN` decimals ("99.57")."""

    def __init__(self, **kwargs) -> None:
        metadata = {"type": "string", "pattern": DECIMAAL, **kwargs.pop("metadata", {})}
        super().__init__(places=DECIMALEN, as_string=True, metadata=metadata, **kwargs)


class OnbeschikbaarheidSchema(Schema):
    """A stretch of time in which (functions of) a dienst were not available."""

    id = ma.fields.UUID(dump_only=True)
    dienst = ma.fields.String(dump_only=True, metadata={
        "description": "Slug van de dienst", "example": voorbeelden.DIENST})
    omgeving = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40),
                                metadata={"description": "De omgeving van de dienst",
                                          "example": "productie"})
    soort = fields.keuze(SOORTEN, required=True, metadata={
        "description": "storing; gepland-onderhoud (telt niet mee in de gemeten tijd); "
        "spoedonderhoud (vooraf aangekondigd, telt mee als onbeschikbaarheid)"})
    van = ma.fields.AwareDateTime(required=True, metadata={
        "description": "Begin van de onbeschikbaarheid (niet in de toekomst)",
        "example": "2027-03-03T09:15:00+01:00"})
    tot = ma.fields.AwareDateTime(load_default=None, allow_none=True, metadata={
        "description": "Einde, na van en niet in de toekomst; null zolang de "
        "onbeschikbaarheid duurt (dan telt zij mee tot nu)",
        "example": "2027-03-03T10:45:00+01:00"})
    functies = ma.fields.List(
        ma.fields.String(validate=ma.validate.Length(min=1, max=60), metadata={
            "description": "Slug van een functie uit het serviceniveau van de dienst",
            "example": voorbeelden.FUNCTIE}),
        required=True, validate=ma.validate.Length(min=1, max=50, error="Noem 1 tot 50 "
                                                                        "functies."),
        metadata={"description": "De getroffen functies, uit de functies van het "
                  "serviceniveau van de dienst (een onbekende geeft 400 met de keuzes)",
                  "example": [voorbeelden.FUNCTIE]})
    omschrijving = fields.tekst(2000, load_default=None, allow_none=True, metadata={
        "description": "Wat er aan de hand was",
        "example": "Inloggen met de app lukte niet door een storing bij een "
                   "leverancier."})
    duur_uren = Decimaal(dump_only=True, allow_none=True, metadata={
        "description": "Duur in uren (2 decimalen); null zolang zij duurt",
        "example": "1.50"})
    geregistreerd_door = ma.fields.String(dump_only=True, metadata={
        "description": "Wie de onbeschikbaarheid vastlegde", "example": "Logius beheer"})
    gewijzigd_door = ma.fields.String(dump_only=True, metadata={
        "description": "Wie haar het laatst wijzigde", "example": "Logius beheer"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Tijdstip van vastleggen (UTC)"})
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Tijdstip van de laatste wijziging (UTC)"})


class OnbeschikbaarheidWijzigenSchema(WijzigingMixin, OnbeschikbaarheidSchema):
    """Only the fields sent change; the record as a whole must still hold."""


class OnbeschikbaarhedenArgs(PaginaArgs):
    omgeving = ma.fields.String(validate=ma.validate.Length(min=1, max=40), metadata={
        "description": "Alleen in deze omgeving", "example": "productie"})
    soort = fields.keuze(SOORTEN, metadata={"description": "Alleen van deze soort"})
    maand = maand_veld("Alleen wat in deze maand (JJJJ-MM, Europe/Amsterdam) onbeschikbaar "
                       "was")


class WijzigingenArgs(PaginaArgs):
    onbeschikbaarheid_id = ma.fields.UUID(metadata={
        "description": "Alleen de wijzigingen van deze onbeschikbaarheid"})


class OnbeschikbaarheidWijzigingSchema(Schema):
    onbeschikbaarheid_id = ma.fields.UUID(dump_only=True, metadata={
        "description": "De gewijzigde onbeschikbaarheid (ook na verwijderen)"})
    actie = ma.fields.String(dump_only=True, metadata={
        "enum": ["aangemaakt", "gewijzigd", "verwijderd"],
        "description": "Wat er met de onbeschikbaarheid gebeurde"})
    wijzigingen = ma.fields.Dict(dump_only=True, metadata={
        "description": "Per veld de oude en nieuwe waarde"})
    door = ma.fields.String(dump_only=True, metadata={
        "description": "Wie (token of gebruiker)", "example": "token:afp_3k9Q"})
    door_naam = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van de gebruiker of het token", "example": "Logius beheer"})
    op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Tijdstip van de wijziging (UTC)"})


class BeschikbaarheidArgs(Schema):
    strikte_typen = False  # query parameters arrive as text
    omgeving = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40),
                                metadata={"description": "De omgeving van de dienst",
                                          "example": "productie"})
    functie = ma.fields.String(validate=ma.validate.Length(min=1, max=60), metadata={
        "description": "Alleen de onbeschikbaarheid van deze functie tellen (zonder: elk "
        "uur waarin een functie niet beschikbaar was)", "example": voorbeelden.FUNCTIE})


class MaandSchema(Schema):
    """The availability of one month, by the dienst's formula."""

    jaar = ma.fields.Integer(metadata={"description": "Het jaar", "example": 2027})
    maand = ma.fields.Integer(metadata={"description": "De maand (1-12)", "example": 3,
                                        "minimum": 1, "maximum": 12})
    uren_in_maand = Decimaal(metadata={
        "description": "De gemeten uren van de maand: echte uren in Europe/Amsterdam (743 "
        "in maart, 745 in oktober), of alleen die van het beschikbaarheidsvenster",
        "example": "743.00"})
    uren_onbeschikbaar = Decimaal(metadata={
        "description": "Uren onbeschikbaar (storing en spoedonderhoud, overlap één keer, "
        "buiten gepland onderhoud)", "example": "3.00"})
    uren_gepland_onderhoud = Decimaal(metadata={
        "description": "Uren gepland onderhoud (overlap één keer)", "example": "8.00"})
    percentage = Decimaal(allow_none=True, metadata={
        "description": "(uren in maand - uren onbeschikbaar - uren gepland onderhoud) / (uren "
        "in maand - uren gepland onderhoud) x 100, met 2 decimalen naar beneden afgerond; "
        "null als er buiten gepland onderhoud niets te meten was", "example": "99.57"})
    norm = Decimaal(metadata={"description": "De norm per maand, in procenten",
                              "example": "99.50"})
    gehaald = ma.fields.Boolean(allow_none=True, metadata={
        "description": "De exacte beschikbaarheid haalt de norm; null zonder percentage"})
    afgesloten = ma.fields.Boolean(metadata={
        "description": "De maand is voorbij: de cijfers liggen vast (tenzij Logius een "
        "onbeschikbaarheid corrigeert)"})


class _Kop(Schema):
    dienst = ma.fields.String(metadata={"description": "Slug van de dienst",
                                        "example": voorbeelden.DIENST})
    omgeving = ma.fields.String(metadata={"description": "De omgeving",
                                          "example": "productie"})
    functie = ma.fields.String(allow_none=True, metadata={
        "description": "De functie waarover gemeten is; null voor de dienst als geheel",
        "example": voorbeelden.FUNCTIE})
    venster = ma.fields.String(allow_none=True, metadata={
        "description": "Het venster waarover gemeten wordt (op werkdagen); null voor 24x7",
        "example": "08:00-18:00"})
    artikel = ma.fields.String(metadata={"description": "Het artikel van de norm",
                                         "example": "SNO 2 Beschikbaarheid"})


class MaandRapportSchema(_Kop, MaandSchema):
    """One month: ``GET /diensten/{slug}/beschikbaarheid/{jaar}/{maand}``."""


class JaarRapportSchema(_Kop):
    """Twelve months, for plots: ``GET /diensten/{slug}/beschikbaarheid/{jaar}``."""

    jaar = ma.fields.Integer(metadata={"description": "Het jaar", "example": 2027})
    norm = Decimaal(metadata={"description": "De norm per maand, in procenten",
                              "example": "99.50"})
    maanden = ma.fields.List(ma.fields.Nested(MaandSchema), metadata={
        "description": "Januari tot en met december"})


def maand_uit_tekst(tekst: str) -> tuple[int, int]:
    jaar, maand = re.fullmatch(r"(\d{4})-(\d{2})", tekst).groups()
    return int(jaar), int(maand)
