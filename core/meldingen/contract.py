"""The webhook delivery as the receiver gets it, for the OpenAPI document.

The body is a CloudEvent in the NL GOV profile (:mod:`core.meldingen.cloudevents`).

The document is OpenAPI 3.0.3: the API Design Rules' ruleset 2.1.0 (``shared/adr``, run by
``tests/api/test_openapi_lint.py``) requires 3.0, and 3.0 has no top-level ``webhooks``
(3.1 has). So the delivery is described twice over, both generated here:

- as a ``callback`` of the operation that registers the endpoint (``POST
  /afnemers/{afnemerId}/webhooks``), to the ``url`` of its body, with the body schema
  ``Gebeurtenisbericht`` (what generated clients get a model of);
- as the catalogue of event types in the extension ``x-webhooks``, shaped as 3.1's
  ``webhooks`` (one POST per CloudEvents ``type``: when it is sent, the schema of its
  ``data`` and an example), so moving to 3.1 is renaming one key. The catalogue is made
  from the registry (:data:`core.meldingen.typen.SOORTEN`) when the document is built,
  so a type a plugin declares (``dienst_gebeurtenissen``) is in it too.

``tests/meldingen/test_contract.py`` checks real deliveries against both.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from core import voorbeelden
from core.meldingen import cloudevents
from core.meldingen.typen import SOORTEN, afnemer_typen

UITLEG = """\
Bij elke gebeurtenis voor de afnemer waarop deze webhook is geabonneerd (`typen`; leeg is
alles) stuurt het portaal een POST naar de `url`: een CloudEvent (CloudEvents 1.0, NL GOV
profile for CloudEvents) als `application/cloudevents+json`, ondertekend volgens Standard
Webhooks (https://www.standardwebhooks.com). De soorten gebeurtenissen, met het schema
van hun `data`, staan in `x-webhooks` van dit document.

- `webhook-id` is de `id` van het CloudEvent: per gebeurtenis gelijk, ook bij elke nieuwe
  poging en elke herbezorging. Gebruik hem om dubbele bezorgingen te herkennen (bezorging
  is minstens één keer);
- `webhook-timestamp` is het moment van ondertekenen in Unix-seconden: weiger berichten
  die meer dan vijf minuten afwijken van uw klok;
- `webhook-signature` is `v1,` gevolgd door de base64 van HMAC-SHA256 met het geheim
  (zonder `whsec_`, base64-gedecodeerd) over `{webhook-id}.{webhook-timestamp}.{body}`,
  over de body precies zoals ontvangen. Vergelijk in constante tijd; er kunnen meerdere
  handtekeningen staan, gescheiden door spaties.

Antwoord met een 2xx binnen de time-out (standaard tien seconden). Elk ander antwoord,
een doorverwijzing of geen antwoord geldt als mislukt: het portaal probeert het opnieuw
met toenemende wachttijd en zet de bezorging na het maximale aantal pogingen op `dood`
(zie `GET /afnemers/{afnemerId}/bezorgingen`; `POST .../opnieuw` bezorgt opnieuw)."""

#: Example ids, so every example of the document names the same event and resources.
_ID = "0b6c8f0e-4a53-4c1e-9d8b-2f7e6a1c3d45"
_AFNEMER = "3f2a7c1e-8b4d-4e6f-9a0b-1c2d3e4f5a6b"
_TIJD = "2026-11-02T09:30:00+00:00"


def _s(beschrijving: str, voorbeeld: Any = None, *, soort: str = "string",
       formaat: str | None = None, nullable: bool = False, **meer: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": soort, "description": beschrijving}
    if formaat:
        schema["format"] = formaat
    if nullable:
        schema["nullable"] = True
    if voorbeeld is not None:
        schema["example"] = voorbeeld
    return schema | meer


_UUID = {"formaat": "uuid"}
_AANKONDIGING = {
    "aankondigingId": _s("De aankondiging", "6f1c2b7e-3d4a-4b8e-9c21-7a5e0d9f4b31", **_UUID),
    "type": _s("Soort aankondiging", "onderhoud"),
    "dienst": _s("De dienst (slug), of leeg voor alle diensten", voorbeelden.DIENST, nullable=True),
    "reactieVereist": _s("Of de afnemer moet reageren (instemmen of afwijzen)", False,
                         soort="boolean"),
    "document": _s("Het voorwaardendocument (bij een voorwaardenwijziging)"),
    "versie": _s("De nieuwe versie van het document"),
    "wijzigingsdatum": _s("Wanneer de wijziging ingaat"),
    "beginOp": _s("Begin van het onderhoud of de storing", "2026-11-14T06:00:00+01:00"),
    "eindeOp": _s("Einde van het onderhoud of de storing", "2026-11-14T07:00:00+01:00"),
    "omgeving": _s("De omgeving", "productie"),
    "afwijking": _s("De termijn van aankondigen is niet gehaald", soort="boolean"),
    "afwijkingReden": _s("Waarom de termijn niet is gehaald"),
}
_KOPPELVLAK = {
    "dienst": _s("De dienst (slug)", voorbeelden.DIENST),
    "koppelvlak": _s("Het koppelvlak", "saml"),
    "versie": _s("De versie die stopt", "3"),
    "sunsetOp": _s("Wanneer de versie stopt", "2027-06-30"),
    "opvolger": _s("De versie om op over te stappen", "4", nullable=True),
    "aansluitingId": _s("De aansluiting die de versie gebruikt",
                        "9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a", **_UUID),
}
_PROGNOSE = {
    "aansluitingId": _s("De aansluiting", "9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a", **_UUID),
    "dienst": _s("De dienst (slug)", voorbeelden.DIENST),
    "periode": _s("De prognoseperiode", "2027-H1"),
    "uiterlijk": _s("Uiterlijke inleverdatum", "2026-12-01", formaat="date"),
    "reden": _s("Waarom de prognose verplicht is"),
}
_WIJZIGINGSVERZOEK = {
    "wijzigingsverzoekId": _s("Het wijzigingsverzoek", "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
                              **_UUID),
    "afnemerId": _s("De afnemer", _AFNEMER, **_UUID),
    "dienst": _s("De dienst (slug)", voorbeelden.DIENST),
    "status": _s("De nieuwe status", "ingediend"),
    "vorigeStatus": _s("De status hiervoor"),
    "gepland": _s("Het onderhoudsvenster waarin het verzoek is ingepland", soort="object",
                  nullable=True),
    "redenAfwijzing": _s("Waarom het verzoek is afgewezen", nullable=True),
}
_INCIDENT = {
    "incidentId": _s("Het incident", "7e6d5c4b-3a2f-4e1d-9c8b-7a6f5e4d3c2b", **_UUID),
    "dienst": _s("De dienst (slug)", voorbeelden.DIENST),
    "omgeving": _s("De omgeving", "productie"),
    "impact": _s("Impact", "hoog"),
    "urgentie": _s("Urgentie", "hoog"),
    "prioriteit": _s("Prioriteit (1 is de hoogste)", 2, soort="integer"),
    "status": _s("De status", "gemeld"),
    "gemeldOp": _s("Wanneer het incident is gemeld", _TIJD, formaat="date-time"),
    "oplossenUiterlijk": _s("Uiterlijk moment van oplossen", nullable=True),
    "klokLoopt": _s("Of de oplostermijn loopt", soort="boolean", nullable=True),
    "binnenTermijn": _s("Of het incident binnen de termijn is opgelost", soort="boolean",
                        nullable=True),
    "vorigeStatus": _s("De status hiervoor (bij een statuswijziging)"),
    "vorigePrioriteit": _s("De prioriteit hiervoor (bij een prioriteitswijziging)",
                           soort="integer"),
}
_KENNISGEVING = {
    "kennisgevingId": _s("De kennisgeving", "2c1d0e9f-8a7b-4c6d-9e5f-4a3b2c1d0e9f", **_UUID),
    "dienst": _s("De dienst (slug)", voorbeelden.DIENST),
    "omgeving": _s("De omgeving", "productie"),
    "prioriteit": _s("Prioriteit van het incident", 1, soort="integer"),
    "calamiteit": _s("Of het een calamiteit is", False, soort="boolean"),
    "reden": _s("Waarom elke afnemer dit hoort"),
    "functies": _s("De geraakte functies", ["inloggen"], soort="array",
                   items={"type": "string"}),
    "gedetecteerdOp": _s("Wanneer Logius het incident vaststelde", _TIJD),
    "oplossenUiterlijk": _s("Uiterlijk moment van oplossen", nullable=True),
    "meldtermijnMinuten": _s("De termijn van melden, in minuten", soort="integer"),
}
_VRAAG = {
    "vraagId": _s("De vraag of klacht", "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", **_UUID),
    "afnemerId": _s("De afnemer", _AFNEMER, **_UUID),
    "dienst": _s("De dienst (slug)", voorbeelden.DIENST, nullable=True),
    "soort": _s("Vraag of klacht", "vraag"),
    "gesteldOp": _s("Wanneer de vraag is gesteld", _TIJD, formaat="date-time"),
    "beantwoordenUiterlijk": _s("Uiterlijke datum van antwoord", nullable=True),
    "beantwoordOp": _s("Wanneer het antwoord is gegeven", nullable=True),
    "binnenTermijn": _s("Of het antwoord binnen de termijn kwam", soort="boolean",
                        nullable=True),
}

_LIDMAATSCHAP = {
    "lidmaatschapId": _s("Het lidmaatschap", "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f", **_UUID),
    "email": _s("Het uitgenodigde e-mailadres", "a.jansen@gemeente.example", formaat="email"),
    "rol": _s("De rol bij de afnemer", "afnemer-medewerker"),
    "status": _s("uitgenodigd, of actief als de persoon al bekend was", "uitgenodigd"),
    "uitgenodigdDoor": _s("Naam van wie uitnodigde"),
    "afnemer": _s("Naam van de afnemer"),
    "loginUrl": _s("De inlogpagina van de console, zoals in de e-mail",
                   "https://afnemersportaal.example/console/login", formaat="uri"),
}

#: The fields of ``data`` per type, or per family (the part before the dot) of core types,
#: beyond the ones every event has. A type without an entry (a plugin's) documents those.
DATA_VELDEN: dict[str, dict[str, dict[str, Any]]] = {
    "aankondiging": _AANKONDIGING,
    "voorwaarden.afgewezen": _AANKONDIGING | {
        "status": _s("De stand van de afnemer bij deze aankondiging", "afgewezen"),
        "eindeLeveringOp": _s("Wanneer de levering eindigt", "2027-12-31", formaat="date"),
        "aansluitingen": _s("De aansluitingen die eindigen", [], soort="array",
                            items={"type": "string", "format": "uuid"}),
    },
    "dienstwijziging.consultatie": _AANKONDIGING | {
        "status": _s("De stand van de afnemer bij deze aankondiging", "consultatie"),
    },
    "koppelvlak": _KOPPELVLAK,
    "koppelvlak.herinnering": _KOPPELVLAK | {
        "dagenTotSunset": _s("Dagen tot de versie stopt", 30, soort="integer"),
        "herinnering": _s("Welke herinnering dit is (dagen vooraf)"),
    },
    "prognose": _PROGNOSE,
    "prognose.herinnering": _PROGNOSE | {
        "dagenTotUiterlijk": _s("Dagen tot de uiterlijke datum", 14, soort="integer"),
    },
    "wijzigingsverzoek": _WIJZIGINGSVERZOEK,
    "incident": _INCIDENT,
    "incident.kennisgeving": _KENNISGEVING,
    "vraag": _VRAAG,
    "lidmaatschap": _LIDMAATSCHAP,
}


def _velden(type_: str) -> dict[str, dict[str, Any]]:
    return DATA_VELDEN.get(type_, DATA_VELDEN.get(type_.split(".")[0], {}))


def data_schema(type_: str | None = None) -> dict[str, Any]:
    """The ``data`` of an event of ``type_`` (or of any event): the fields every event
    has, and those its type documents; a type may add more."""
    artikel = SOORTEN[type_].artikel if type_ else "AV 6.1"
    schema: dict[str, Any] = {
        "type": "object",
        "description": "De gebeurtenis: id, onderwerp, tekst en artikel, en de gegevens die "
                       "bij het type horen. Dezelfde gebeurtenis is op te vragen met GET "
                       "/afnemers/{afnemerId}/gebeurtenissen/{id} (zie `dataref`).",
        "required": ["id", "onderwerp", "tekst", "artikel"],
        "properties": {
            "id": {"type": "string", "format": "uuid", "example": _ID,
                   "description": "De id van de gebeurtenis (gelijk aan die van het "
                                  "CloudEvent)"},
            "onderwerp": {"type": "string", "description": "Korte omschrijving, zoals in de "
                          "e-mail (bij een vraag: het onderwerp van de vraag)"},
            "tekst": {"type": "string", "description": "De volledige tekst"},
            "artikel": {"type": "string", "example": artikel,
                        "description": "Het artikel dat deze melding verplicht maakt"},
        },
        "additionalProperties": True,
    }
    if type_:
        schema["properties"].update(copy.deepcopy(_velden(type_)))
    return schema


def gebeurtenis_schema() -> dict[str, Any]:
    """The body of a delivery: the CloudEvent (component ``Gebeurtenisbericht``)."""
    typen = [cloudevents.ce_type(t) for t in afnemer_typen()]
    return {
        "type": "object",
        "description": "Eén gebeurtenis als CloudEvent (CloudEvents 1.0, structured content "
                       "mode, NL GOV profile for CloudEvents). De soorten en het schema van "
                       "hun `data` staan in `x-webhooks`.",
        "required": ["specversion", "id", "source", "type", "time", "subject",
                     "datacontenttype", "dataref", "data"],
        "properties": {
            "specversion": {"type": "string", "enum": [cloudevents.SPECVERSION],
                            "description": "De versie van CloudEvents"},
            "id": {"type": "string", "format": "uuid", "example": _ID,
                   "description": "De id van de gebeurtenis: gelijk aan `webhook-id` en aan "
                                  "`data.id`, bij elke poging dezelfde. Met `source` uniek."},
            "source": {"type": "string", "example": cloudevents.STANDAARD_BRON,
                       "description": "Wie de gebeurtenis uitgeeft: een URN met het OIN van "
                                      "de organisatie en het systeem (`urn:nld:oin:<OIN>:"
                                      "systeem:afnemersportaal`)"},
            "type": {"type": "string", "enum": typen,
                     "description": "Soort gebeurtenis, in reverse-DNS-notatie: "
                                    f"`{cloudevents.TYPE_PREFIX}` gevolgd door het type "
                                    "waarop het typefilter van de webhook selecteert "
                                    "(zie `x-webhooks`)"},
            "time": {"type": "string", "format": "date-time", "example": _TIJD,
                     "description": "Wanneer het portaal de gebeurtenis vastlegde (UTC, met "
                                    "offset; RFC 3339). Niet het moment van versturen."},
            "subject": {"type": "string",
                        "example": f"/afnemers/{_AFNEMER}/aankondigingen/"
                                   "6f1c2b7e-3d4a-4b8e-9c21-7a5e0d9f4b31",
                        "description": "Waar de gebeurtenis over gaat: het pad van die "
                                       "resource ten opzichte van de basis-URL van de API, "
                                       "of van de gebeurtenis zelf"},
            "datacontenttype": {"type": "string", "enum": ["application/json"],
                                "description": "Het formaat van `data`"},
            "dataref": {"type": "string", "format": "uri-reference",
                        "example": f"https://afnemersportaal.example/api/v1/afnemers/"
                                   f"{_AFNEMER}/gebeurtenissen/{_ID}",
                        "description": "De gebeurtenis in de feed van de afnemer, op te vragen "
                                       "met het token van de afnemer"},
            "data": data_schema(),
        },
        "example": voorbeeld("aankondiging.onderhoud"),
    }


def voorbeeld(type_: str) -> dict[str, Any]:
    """An example CloudEvent of ``type_``, from the examples of its data fields."""
    s = SOORTEN[type_]
    velden = _velden(type_)
    data = {naam: schema["example"] for naam, schema in velden.items() if "example" in schema}
    if "aankondigingId" in velden:  # the kind of announcement the event comes from
        data["type"] = {"voorwaarden": "voorwaardenwijziging",
                        "dienstwijziging": "dienstwijziging"}.get(
            type_.split(".")[0], type_.split(".", 1)[1])
    onderwerp, tekst = s.omschrijving, s.omschrijving + "."
    if type_ == "aankondiging.onderhoud":
        onderwerp, tekst = voorbeelden.ONDERHOUD_ONDERWERP, voorbeelden.ONDERHOUD_TEKST
    ce = cloudevents.bericht(
        gebeurtenis_id=_ID, type_=type_, aangemaakt_op=datetime.fromisoformat(_TIJD),
        onderwerp=onderwerp,
        tekst=tekst, data={**data, "artikel": s.artikel}, afnemer_id=_AFNEMER,
        basis_url="https://afnemersportaal.example")
    return ce


_ANTWOORDEN = {
    "2XX": {"description": "Ontvangen; het portaal stuurt dit bericht niet opnieuw"},
    "400": {"description": "Geweigerd, bijvoorbeeld om een ongeldige handtekening: "
                           "geldt als mislukt, zoals elk ander antwoord buiten 2xx"},
    "default": {"description": "Mislukt; het portaal probeert het later opnieuw"},
}


def _header(naam: str, beschrijving: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": naam, "in": "header", "required": True, "description": beschrijving,
            "schema": schema}


def _headers() -> list[dict[str, Any]]:
    return [
        _header("webhook-id", "Id van het bericht: de `id` van het CloudEvent, gelijk bij "
                "elke poging",
                {"type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
                 "[0-9a-f]{4}-[0-9a-f]{12}$", "example": _ID}),
        _header("webhook-timestamp", "Moment van ondertekenen, in Unix-seconden",
                {"type": "string", "pattern": r"^\d+$", "example": "1793611800"}),
        _header("webhook-signature", "Eén of meer handtekeningen `v1,<base64>`, "
                "gescheiden door spaties",
                {"type": "string", "pattern": r"^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$",
                 "example": "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="}),
    ]


def callbacks() -> dict[str, Any]:
    """The ``callbacks`` of the webhook registration: one POST per event to its url."""
    return {"gebeurtenis": {"{$request.body#/url}": {"post": {
        "summary": "Een gebeurtenis, bezorgd aan uw webhook",
        "description": UITLEG,
        "operationId": "gebeurtenisOntvangen",
        "tags": ["webhooks"],
        "security": [],
        "parameters": _headers(),
        "requestBody": {"required": True, "content": {cloudevents.MEDIA_TYPE: {
            "schema": {"$ref": "#/components/schemas/Gebeurtenisbericht"}}}},
        "responses": copy.deepcopy(_ANTWOORDEN),
    }}}}


def _wanneer(type_: str) -> str:
    s = SOORTEN[type_]
    familie = type_.split(".")[0] + ".*"
    regels = [f"{s.omschrijving} ({s.artikel}).",
              f"Typefilter van de webhook: `{type_}` of `{familie}`."]
    if s.rollen:
        regels.append("Ook per e-mail aan de contactpersonen met de rol "
                      + ", ".join(f"`{r}`" for r in s.rollen) + ".")
    veld, collectie = cloudevents.ONDERWERPEN.get(type_.split(".")[0], ("", ""))
    if veld:
        regels.append(f"`subject` is `/afnemers/{{afnemerId}}/{collectie}/{{{veld}}}`.")
    else:
        regels.append("`subject` is `/afnemers/{afnemerId}/gebeurtenissen/{id}`.")
    return " ".join(regels)


def catalogus() -> dict[str, Any]:
    """``x-webhooks``: per event type an afnemer can receive, the POST it gets."""
    uit: dict[str, Any] = {}
    for type_ in afnemer_typen():
        ce_type = cloudevents.ce_type(type_)
        uit[ce_type] = {"post": {
            "summary": SOORTEN[type_].omschrijving,
            "description": _wanneer(type_),
            "tags": ["webhooks"],
            "x-typefilter": type_,
            "parameters": _headers(),
            "requestBody": {"required": True, "content": {cloudevents.MEDIA_TYPE: {
                "schema": {"allOf": [
                    {"$ref": "#/components/schemas/Gebeurtenisbericht"},
                    {"type": "object", "properties": {
                        "type": {"type": "string", "enum": [ce_type]},
                        "data": data_schema(type_)}},
                ]},
                "example": voorbeeld(type_),
            }}},
            "responses": copy.deepcopy(_ANTWOORDEN),
        }}
    return uit
