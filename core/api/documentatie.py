"""What the OpenAPI document says about fields and parameters that mean the same
everywhere, in one place.

Every property and parameter of the document has a description, and every request body
and 2xx response an example that validates (``tests/api/test_openapi_examples.py``).
Most of that lives on the fields themselves (``metadata={"description": ...,
"example": ...}``). What is the same in every schema is filled in here, and only where
the field says nothing itself:

- :data:`VELDEN`: fields with a fixed meaning by name (``id``, ``aangemaakt_op``,
  ``afnemer_id``, ``dienst``...);
- :func:`_voorbeeld_van_type`: an example for the types whose example is a matter of
  form (a UUID, a date, a time, a boolean, an integer within its range);
- :data:`PARAMETERS`: the path parameters, which come from the URL rules.

:class:`core.api.schemas.Schema` calls :func:`vul_aan` for every field it binds; the
document is built from those bound fields.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma

from core import voorbeelden

UUID = "6f1c2b7e-3d4a-4b8e-9c21-7a5e0d9f4b31"
TIJDSTIP = "2026-03-01T09:30:00+00:00"
DATUM = "2026-03-01"

#: Field name (Python) -> (description, example or None). Only for names that mean the
#: same in every schema; a field's own description or example always wins.
VELDEN: dict[str, tuple[str, Any]] = {
    "id": ("Unieke id van deze resource", UUID),
    "aangemaakt_op": ("Tijdstip waarop de resource is aangemaakt (UTC)", TIJDSTIP),
    "gewijzigd_op": ("Tijdstip van de laatste wijziging (UTC)", TIJDSTIP),
    "aangemaakt_door": ("Naam van wie de resource aanmaakte", "Servicecentrum Logius"),
    "gewijzigd_door": ("Naam van wie de laatste wijziging deed", "Servicecentrum Logius"),
    "afnemer_id": ("Id van de afnemer", UUID),
    "afnemer_naam": ("Naam van de afnemer", "Gemeente Voorbeeld"),
    "aansluiting_id": ("Id van de aansluiting", UUID),
    "aankondiging_id": ("Id van de aankondiging", UUID),
    "gebeurtenis_id": ("Id van de gebeurtenis", UUID),
    "webhook_id": ("Id van het webhook-endpoint", UUID),
    "dienst": ("Slug van de dienst", voorbeelden.DIENST),
    "jaar": ("Kalenderjaar", 2027),
    "valuta": ("Valuta van alle bedragen (ISO 4217)", "EUR"),
    "btw_percentage": ("Het btw-tarief van het jaar als percentage", "21.00"),
    "ingetrokken_op": ("Tijdstip van intrekken; null zolang niet ingetrokken", None),
    "resultaten": ("De resultaten op deze pagina", None),
    "paginering": ("Waar deze pagina staat in het geheel", None),
}

#: Path parameter name (as in the document) -> description.
PARAMETERS: dict[str, str] = {
    "afnemerId": "Id van de afnemer",
    "aansluitingId": "Id van de aansluiting",
    "aankondigingId": "Id van de aankondiging",
    "bezorgingId": "Id van de bezorging",
    "contactpersoonId": "Id van de contactpersoon",
    "gebeurtenisId": "Id van de gebeurtenis",
    "gebruikId": "Id van de registratie van het koppelvlakgebruik",
    "kostenrunId": "Id van de kostenrun",
    "lidmaatschapId": "Id van het lidmaatschap",
    "machineClientId": "Id van de machine client",
    "prognoseId": "Id van de prognose",
    "tokenId": "Id van het API-token",
    "intermediairId": "Id van de intermediair",
    "intermediairTokenId": "Id van het API-token van de intermediair",
    "mandaatId": "Id van het mandaat",
    "medewerkerId": "Id van het lidmaatschap van de persoon bij de intermediair",
    "intermediairClientId": "Id van de machine client van de intermediair",
    "webhookId": "Id van het webhook-endpoint",
    "wijzigingsmeldingId": "Id van de wijzigingsmelding",
    "incidentId": "Id van het incident",
    "vraagId": "Id van de vraag of klacht",
    "wijzigingsverzoekId": "Id van het wijzigingsverzoek",
    "onbeschikbaarheidId": "Id van de vastgelegde onbeschikbaarheid",
    "slug": f"Slug van de dienst, bijvoorbeeld {voorbeelden.DIENST}",
    "omgeving": "Omgeving van de dienst, bijvoorbeeld productie of pre-productie",
    "jaar": "Kalenderjaar, bijvoorbeeld 2027",
    "maand": "Maand van het jaar, 1 tot en met 12",
    "datum": "Datum als JJJJ-MM-DD, bijvoorbeeld 2027-05-05",
    "code": "Code van het tarief in het tariefschema van de dienst",
    "koppelvlak": "Id van het koppelvlak binnen de dienst",
    "versie": "Versienummer van het koppelvlak, bijvoorbeeld 3.1",
    "waarde": "De geheime sleutel van de agenda-feed, zoals in de feedUrl",
    "stap": "Slug van de stap in de aansluitroute, bijvoorbeeld aanvraagformulier",
}


def _voorbeeld_van_type(veld: ma.fields.Field) -> Any:
    """An example that only a field's type decides, or None."""
    if isinstance(veld, ma.fields.UUID):
        return UUID
    if isinstance(veld, ma.fields.DateTime):
        return TIJDSTIP
    if isinstance(veld, ma.fields.Date):
        return DATUM
    if isinstance(veld, ma.fields.Time):
        return "09:30:00"
    if isinstance(veld, ma.fields.Boolean):
        return True
    if isinstance(veld, ma.fields.Integer):
        for validator in veld.validators:
            if isinstance(validator, ma.validate.Range):
                if validator.min is not None:
                    return max(validator.min, min(1, validator.max or 1))
                if validator.max is not None:
                    return min(validator.max, 1)
        return 1
    return None


def vul_aan(naam: str, veld: ma.fields.Field) -> None:
    """Fill in what the field does not say itself: its description and example.

    The field is the schema's own shallow copy, so its metadata dict is replaced.
    """
    extra: dict[str, Any] = {}
    beschrijving, voorbeeld = VELDEN.get(naam, (None, None))
    if beschrijving and not veld.metadata.get("description"):
        extra["description"] = beschrijving
    if "example" not in veld.metadata:
        if voorbeeld is None and not isinstance(veld, (ma.fields.List, ma.fields.Nested)):
            voorbeeld = _voorbeeld_van_type(veld)
        if voorbeeld is not None:
            extra["example"] = voorbeeld
    if extra:
        veld.metadata = {**veld.metadata, **extra}
    binnen = getattr(veld, "inner", None)
    if isinstance(binnen, ma.fields.Field) and "example" not in binnen.metadata:
        voorbeeld = _voorbeeld_van_type(binnen)
        if voorbeeld is not None:
            binnen.metadata = {**binnen.metadata, "example": voorbeeld}


def beschrijf_parameters(document: dict[str, Any]) -> None:
    """Give every path parameter without a description the one of :data:`PARAMETERS`."""
    for item in document.get("paths", {}).values():
        operaties = [item, *(op for op in item.values() if isinstance(op, dict))]
        for operatie in operaties:
            for parameter in operatie.get("parameters", []):
                if (isinstance(parameter, dict) and parameter.get("in") == "path"
                        and not parameter.get("description")
                        and parameter.get("name") in PARAMETERS):
                    parameter["description"] = PARAMETERS[parameter["name"]]
