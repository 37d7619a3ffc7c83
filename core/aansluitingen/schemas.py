from __future__ import annotations

import marshmallow as ma
from flask import g

from core import voorbeelden
from core.aansluitingen.lifecycle import Grondslag, Status
from core.api import fields
from core.api.schemas import Schema
from core.plugins import diensten
from core.tijd import vandaag


class AansluitingSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    dienst = ma.fields.String(
        required=True, metadata={"description": "Slug van de dienst", "example": voorbeelden.DIENST}
    )
    omgeving = ma.fields.String(
        required=True,
        metadata={"description": "Een omgeving van de dienst", "example": "productie"},
    )
    onderdelen = ma.fields.List(
        ma.fields.String(),
        load_default=list,
        metadata={"description": "Gekozen onderdelen van de dienst", "example": ["midden"],
                  "default": []},
    )
    status = ma.fields.String(dump_only=True, metadata={"description": "Waar de aansluiting "
                                                        "staat in haar levensloop",
                                                        "enum": [s.value for s in Status]})
    aanvraag_ondertekend_op = ma.fields.Date(
        required=True,
        metadata={
            "description": "Ondertekening van het aanvraagformulier; vanaf die datum gelden "
            "de voorwaarden (AV 11.1, MO 2.2). Niet in de toekomst.",
            "example": "2026-03-01",
        },
    )
    geactiveerd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Tijdstip van activeren (UTC); null zolang niet actief"})
    beeindigd_op = ma.fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "Tijdstip van beëindigen (UTC); null zolang niet beëindigd"})
    opschorting_grondslag = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Bij een opgeschorte aansluiting: het artikel van de opschorting",
        "example": "AV 5.3"})
    opschorting_reden = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Bij een opgeschorte aansluiting: de reden",
        "example": "Beveiligingsincident bij de afnemer"})
    gepland_einde_op = ma.fields.Date(
        dump_only=True, allow_none=True,
        metadata={"description": "De levering eindigt op deze datum, omdat de afnemer een "
                  "voorwaardenwijziging afwees (AV 13.2, MO 8.2)"},
    )
    gepland_einde_grondslag = ma.fields.String(
        dump_only=True, allow_none=True, metadata={"description": "Het artikel achter het "
                                                   "geplande einde",
                                                   "example": "AV 13.2"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)

    @ma.validates_schema(skip_on_field_errors=False)
    def _past_bij_dienst(self, data, partial=False, **_kwargs):
        """Dienst, omgeving and onderdelen must be what the dienst's plugin declares."""
        errors: dict[str, list[str]] = {}
        slug = data.get("dienst")
        info = diensten().get(slug) if slug else None
        if slug is not None and info is None:
            bekend = ", ".join(d.slug for d in diensten().alle())
            errors["dienst"] = [f"Onbekende dienst; kies een van: {bekend}."]
        if info is not None:
            afnemer = g.get("afnemer")
            if afnemer is not None and info.afnemertypes is not None and (
                afnemer.type not in info.afnemertypes
            ):
                soorten = ", ".join(info.afnemertypes)
                errors["dienst"] = [f"{info.naam} is alleen voor afnemers van type: {soorten}."]
            omgeving = data.get("omgeving")
            if omgeving is not None and info.omgeving(omgeving) is None:
                keuzes = ", ".join(o.slug for o in info.omgevingen)
                errors["omgeving"] = [f"{info.naam} heeft de omgevingen: {keuzes}."]
            if "onderdelen" in data:
                fouten = _onderdelen_fouten(info, data["onderdelen"])
                if fouten:
                    errors["onderdelen"] = fouten
        datum = data.get("aanvraag_ondertekend_op")
        if datum is not None and datum > vandaag():
            errors["aanvraagOndertekendOp"] = ["Een ondertekeningsdatum ligt niet in de toekomst."]
        if errors:
            raise ma.ValidationError(errors)


def _onderdelen_fouten(info, onderdelen: list[str]) -> list[str]:
    fouten = []
    onbekend = [o for o in onderdelen if info.onderdeel(o) is None]
    if onbekend:
        keuzes = ", ".join(o.slug for o in info.onderdelen) or "(geen)"
        fouten.append(f"Onbekende onderdelen {', '.join(onbekend)}; {info.naam} kent: {keuzes}.")
    if len(set(onderdelen)) != len(onderdelen):
        fouten.append("Elk onderdeel mag maar één keer voorkomen.")
    if info.onderdelen_verplicht and not onderdelen:
        fouten.append(f"Kies minstens één onderdeel van {info.naam}.")
    return fouten


class AansluitingWijzigingSchema(Schema):
    onderdelen = ma.fields.List(ma.fields.String(), required=True, metadata={
        "description": "De nieuwe onderdelen van de aansluiting; vervangen de huidige",
        "example": ["basis", "midden"]})


class AansluitingFilterSchema(Schema):
    dienst = ma.fields.String(metadata={
        "description": "Alleen aansluitingen op deze dienst (slug)"})
    status = fields.keuze([s.value for s in Status], metadata={
        "description": "Alleen aansluitingen met deze status"})


class StatuswijzigingSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    van = fields.keuze(
        [s.value for s in Status], dump_only=True, allow_none=True,
        metadata={"description": "De status voor de wijziging; null bij de aanvraag",
                  "example": "aangevraagd"})
    naar = fields.keuze(
        [s.value for s in Status],
        required=True,
        data_key="status",
        metadata={"description": "De nieuwe status. Alleen de overgangen van de levensloop "
                  "mogen; een andere geeft 409 met de toegestane statussen."},
    )
    grondslag = fields.keuze(
        [g.value for g in Grondslag],
        allow_none=True,
        metadata={"description": "Verplicht bij opschorten: AV 5.3 of AV 5.4"},
    )
    reden = fields.tekst(2000, allow_none=True,
                         metadata={"example": "Beveiligingsincident bij de afnemer",
                                   "description": "Verplicht bij opschorten (AV 5.3)"})
    door = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van wie de status wijzigde",
        "example": "Servicecentrum Logius"})
    tijdstip = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Tijdstip van de wijziging (UTC)"})
