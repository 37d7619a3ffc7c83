"""Schemas of intermediairs, their tokens, people and mandates (their machine clients
take the afnemers' schema, ``core.gebruikers.schemas.MachineClientSchema``)."""

from __future__ import annotations

import marshmallow as ma

from core import voorbeelden
from core.api import fields
from core.api.schemas import Schema
from core.auth.principal import SCOPES
from core.gebruikers.models import LidmaatschapStatus
from core.intermediairs.service import MAXIMALE_LOOPTIJD
from core.intermediairs.toegang import RECHTEN, RESOURCES
from core.plugins import diensten
from core.tijd import vandaag

MANDAATSTATUSSEN = ("actief", "ingetrokken", "verlopen")


class IntermediairSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    naam = fields.tekst(required=True, metadata={
        "description": "Naam van de organisatie", "example": "Zaaksoftware B.V."})
    kvk_nummer = fields.kvk_nummer(required=True)
    email = fields.Email(required=True, metadata={
        "description": "Contactadres: hier komen de berichten over mandaten (verleend, "
                       "ingetrokken, verlopen)", "example": "beheer@zaaksoftware.example"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    aangemaakt_door = ma.fields.String(dump_only=True, metadata={
        "description": "Wie de intermediair registreerde", "example": "Logius Servicecentrum"})


class IntermediairFilterSchema(Schema):
    kvk_nummer = fields.kvk_nummer()


class IntermediairTokenSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    naam = fields.tekst(required=True, metadata={"description": "Waarvoor het token is",
                                                 "example": "Koppeling zaaksoftware"})
    verloopt_op = ma.fields.AwareDateTime(
        metadata={"description": "Standaard over 90 dagen; maximaal 366 dagen vooruit"})
    scopes = ma.fields.List(
        fields.keuze(SCOPES),
        validate=ma.validate.Length(min=1, error="Kies minstens één scope."),
        metadata={"description": "read: lezen; write: wijzigen. Standaard beide. Een scope "
                  "verruimt nooit een mandaat."},
    )
    prefix = ma.fields.String(dump_only=True, metadata={"example": "afp_3k9Q",
                                                        "description": "Begin van het token"})
    laatst_gebruikt_op = ma.fields.AwareDateTime(
        dump_only=True, allow_none=True,
        metadata={"description": "Laatste gebruik, tot op een minuut nauwkeurig"},
    )
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    aangemaakt_door = ma.fields.String(dump_only=True)
    ingetrokken_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)


class NieuwIntermediairTokenSchema(IntermediairTokenSchema):
    token = ma.fields.String(
        dump_only=True,
        metadata={"example": "afp_3k9Qx7TbLm2VwZc8RfHj4NsPe6YuAd1G",
                  "description": "Het token zelf. Alleen nu zichtbaar: bewaar het veilig."},
    )


class MandaatSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    afnemer_id = ma.fields.UUID(dump_only=True, metadata={
        "description": "De afnemer die het mandaat gaf"})
    intermediair_id = ma.fields.UUID(required=True, metadata={
        "description": "De intermediair die namens de afnemer mag handelen"})
    diensten = ma.fields.List(
        ma.fields.String(metadata={"example": voorbeelden.DIENST_MET_KOPPELVLAKKEN}), required=True,
        validate=ma.validate.Length(min=1, max=20, error="Noem 1 tot 20 diensten."),
        metadata={"description": "Slugs van de diensten waarvoor het mandaat geldt",
                  "example": [voorbeelden.DIENST_MET_KOPPELVLAKKEN]},
    )
    resources = ma.fields.List(
        fields.keuze(sorted(RESOURCES)), required=True,
        validate=ma.validate.Length(min=1, error="Noem minstens één soort resource."),
        metadata={"description": "Soorten resources: aansluitingen (met hun statuswijzigingen, "
                  "voorcalculaties en aansluitroute), koppelvlakgebruik, prognoses, incidenten",
                  "example": ["aansluitingen"]},
    )
    rechten = ma.fields.List(
        fields.keuze(RECHTEN), required=True,
        validate=ma.validate.Length(min=1, error="Kies lezen en/of schrijven."),
        metadata={"description": "lezen en/of schrijven; schrijven zonder lezen is niet "
                  "zinvol en geeft ook lezen", "example": ["lezen"]},
    )
    geldig_tot = ma.fields.Date(required=True, metadata={
        "description": "Laatste dag waarop het mandaat geldt (Nederlandse tijd); na vandaag, "
                       "hooguit twee jaar vooruit", "example": "2027-06-30"})
    status = fields.keuze(MANDAATSTATUSSEN, dump_only=True, metadata={
        "description": "actief, ingetrokken of verlopen"})
    verleend_door = ma.fields.String(dump_only=True, metadata={
        "description": "Wie het mandaat gaf", "example": "I. de Vries"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    ingetrokken_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True)
    ingetrokken_door = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Wie het mandaat introk; null zolang niet ingetrokken",
        "example": "I. de Vries"})

    @ma.validates_schema(skip_on_field_errors=False)
    def _controleer(self, data, **_kwargs):
        fouten: dict[str, list[str]] = {}
        onbekend = [d for d in data.get("diensten", []) if diensten().get(d) is None]
        if onbekend:
            bekend = ", ".join(d.slug for d in diensten().alle())
            fouten["diensten"] = [f"Onbekende dienst: {', '.join(onbekend)}. Kies uit {bekend}."]
        tot = data.get("geldig_tot")
        if tot is not None and not vandaag() < tot <= vandaag() + MAXIMALE_LOOPTIJD:
            fouten["geldigTot"] = ["Moet na vandaag liggen, hooguit twee jaar vooruit."]
        if fouten:
            raise ma.ValidationError(fouten)


class MandaatFilterSchema(Schema):
    status = fields.keuze(MANDAATSTATUSSEN, metadata={"description": "Alleen mandaten met "
                                                      "deze status"})


class IntermediairMedewerkerSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    email = fields.Email(required=True, metadata={
        "description": "Het e-mailadres van de persoon; het lidmaatschap gaat in zodra iemand "
                       "met dit (door de identity provider geverifieerde) adres inlogt",
        "example": "j.jansen@zaaksoftware.example"})
    status = ma.fields.String(dump_only=True, metadata={
        "description": "uitgenodigd tot de eerste login, dan actief; beeindigd na afloop",
        "enum": [s.value for s in LidmaatschapStatus]})
    gebruiker_id = ma.fields.UUID(dump_only=True, allow_none=True, metadata={
        "description": "Id van de gebruiker; null zolang de uitnodiging openstaat"})
    uitgenodigd_door = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van wie uitnodigde", "example": "Logius Servicecentrum"})
    geaccepteerd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Tijdstip van de eerste login (UTC)"})
    beeindigd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Tijdstip van beëindigen (UTC); null zolang het loopt"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)


class IntermediairMedewerkerFilterSchema(Schema):
    status = fields.keuze([s.value for s in LidmaatschapStatus], metadata={
        "description": "Alleen personen met deze status"})
