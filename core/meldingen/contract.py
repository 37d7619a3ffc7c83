"""The webhook delivery as the receiver gets it, for the OpenAPI document.

The document is OpenAPI 3.0.3, which has no top-level ``webhooks``: the delivery is a
``callback`` of the operation that registers the endpoint (``POST
/afnemers/{afnemerId}/webhooks``), to the ``url`` of its body. It describes what
:func:`core.meldingen.worker.verstuur_webhook` sends: the body of
:func:`core.meldingen.worker.payload` and the Standard Webhooks headers.
``tests/meldingen/test_contract.py`` checks a real delivery against it.
"""

from __future__ import annotations

from typing import Any

from core import voorbeelden
from core.meldingen.typen import SOORTEN, afnemer_typen

UITLEG = """\
Bij elke gebeurtenis voor de afnemer waarop deze webhook is geabonneerd (`typen`; leeg is
alles) stuurt het portaal een POST naar de `url`, ondertekend volgens Standard Webhooks
(https://www.standardwebhooks.com):

- `webhook-id` is per gebeurtenis gelijk, ook bij elke nieuwe poging: gebruik hem om
  dubbele bezorgingen te herkennen (bezorging is minstens één keer);
- `webhook-timestamp` is het moment van ondertekenen in Unix-seconden: weiger berichten
  die meer dan vijf minuten afwijken van uw klok;
- `webhook-signature` is `v1,` gevolgd door de base64 van HMAC-SHA256 met het geheim
  (zonder `whsec_`, base64-gedecodeerd) over `{webhook-id}.{webhook-timestamp}.{body}`.
  Vergelijk in constante tijd; er kunnen meerdere handtekeningen staan, gescheiden door
  spaties.

Antwoord met een 2xx binnen de time-out (standaard tien seconden). Elk ander antwoord,
een doorverwijzing of geen antwoord geldt als mislukt: het portaal probeert het opnieuw
met toenemende wachttijd en zet de bezorging na het maximale aantal pogingen op `dood`
(zie `GET /afnemers/{afnemerId}/bezorgingen`; `POST .../opnieuw` bezorgt opnieuw)."""

VOORBEELD = {
    "type": "aankondiging.onderhoud",
    "timestamp": "2026-11-02T09:30:00+00:00",
    "data": {
        "id": "0b6c8f0e-4a53-4c1e-9d8b-2f7e6a1c3d45",
        "onderwerp": voorbeelden.ONDERHOUD_ONDERWERP,
        "tekst": voorbeelden.ONDERHOUD_TEKST,
        "artikel": "AV 6.1",
    },
}


def gebeurtenis_schema() -> dict[str, Any]:
    """The body of a delivery."""
    typen = afnemer_typen()
    return {
        "type": "object",
        "description": "Eén gebeurtenis, in de vorm van Standard Webhooks (type, timestamp, "
                       "data). Dezelfde gebeurtenis is op te vragen met GET "
                       "/afnemers/{afnemerId}/gebeurtenissen/{data.id}.",
        "required": ["type", "timestamp", "data"],
        "properties": {
            "type": {"type": "string", "enum": typen,
                     "description": "Soort gebeurtenis: " + "; ".join(
                         f"`{t}`: {SOORTEN[t].omschrijving} ({SOORTEN[t].artikel})"
                         for t in typen)},
            "timestamp": {"type": "string", "format": "date-time",
                          "description": "Wanneer de gebeurtenis ontstond (UTC, met offset)"},
            "data": {
                "type": "object",
                "description": "De gebeurtenis; naast de vaste velden de gegevens die bij het "
                               "type horen (bijvoorbeeld een aankondigingId of dienst)",
                "required": ["id", "onderwerp", "tekst", "artikel"],
                "properties": {
                    "id": {"type": "string", "format": "uuid",
                           "description": "De id van de gebeurtenis"},
                    "onderwerp": {"type": "string", "description": "Korte omschrijving"},
                    "tekst": {"type": "string", "description": "De volledige tekst"},
                    "artikel": {"type": "string", "example": "AV 6.1",
                                "description": "Het artikel dat deze melding verplicht maakt"},
                },
                "additionalProperties": True,
            },
        },
        "example": VOORBEELD,
    }


def _header(naam: str, beschrijving: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": naam, "in": "header", "required": True, "description": beschrijving,
            "schema": schema}


def callbacks() -> dict[str, Any]:
    """The ``callbacks`` of the webhook registration: one POST per event to its url."""
    return {"gebeurtenis": {"{$request.body#/url}": {"post": {
        "summary": "Een gebeurtenis, bezorgd aan uw webhook",
        "description": UITLEG,
        "operationId": "gebeurtenisOntvangen",
        "tags": ["webhooks"],
        "security": [],
        "parameters": [
            _header("webhook-id", "Id van het bericht; gelijk bij elke poging",
                    {"type": "string", "pattern": r"^msg_[0-9a-f]{32}$",
                     "example": "msg_0b6c8f0e4a534c1e9d8b2f7e6a1c3d45"}),
            _header("webhook-timestamp", "Moment van ondertekenen, in Unix-seconden",
                    {"type": "string", "pattern": r"^\d+$", "example": "1793611800"}),
            _header("webhook-signature", "Eén of meer handtekeningen `v1,<base64>`, "
                    "gescheiden door spaties",
                    {"type": "string", "pattern": r"^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$",
                     "example": "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="}),
        ],
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Gebeurtenisbericht"}},
        }},
        "responses": {
            "2XX": {"description": "Ontvangen; het portaal stuurt dit bericht niet opnieuw"},
            "400": {"description": "Geweigerd, bijvoorbeeld om een ongeldige handtekening: "
                                   "geldt als mislukt, zoals elk ander antwoord buiten 2xx"},
            "default": {"description": "Mislukt; het portaal probeert het later opnieuw"},
        },
    }}}}
