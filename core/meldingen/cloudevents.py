"""The webhook body: one event as a CloudEvent, in the Dutch government's profile.

A delivery is a CloudEvents 1.0 event in structured content mode (``Content-Type:
application/cloudevents+json``), shaped to the NL GOV profile for CloudEvents:

- ``id`` is the event's own id, the one ``GET /afnemers/{afnemerId}/gebeurtenissen/{id}``
  answers (the profile: an id that identifies the event persistently MUST be used). It is
  the same on every attempt and every redelivery, and the Standard Webhooks header
  ``webhook-id`` carries the same value, so receivers deduplicate on either.
- ``source`` is a URN in the ``nld`` namespace naming the organisation by its OIN and the
  system: ``urn:nld:oin:<OIN>:systeem:afnemersportaal``. The default is Logius' OIN;
  ``CLOUDEVENTS_BRON`` sets another (a copy run by someone else, a test environment that
  must not pass for production).
- ``type`` is reverse-DNS: :data:`TYPE_PREFIX` and the short type the rest of the API
  uses (``aankondiging.onderhoud`` is ``nl.afnemersportaal.aankondiging.onderhoud``). The
  profile prefers the name of the data source to an organisation's name (names of
  organisations change), so the prefix names the portal, not Logius; the organisation is
  in ``source``. A webhook's type filter, the feed and the e-mail keep the short types.
- ``time`` is when the event was recorded (the profile: the time it was logged), in UTC
  with an offset (RFC 3339).
- ``subject`` is the path, relative to the API's base URL, of the resource the event is
  about (an aankondiging, incident, ...), or of the event itself when it names none.
- ``dataref`` is the URL of the event in the feed (``PUBLIC_URL`` and the path): the same
  event, to fetch with the afnemer's token ('informatiearm notificeren').
- ``data`` is the event: its id, onderwerp, tekst and artikel, and the fields of its type.

The body is written once per attempt with the same bytes for the same event, and signed
per Standard Webhooks over exactly those bytes (:func:`core.meldingen.worker.verstuur_webhook`).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from core.config import API_PREFIX

#: The media type of a CloudEvent in structured content mode (CloudEvents JSON format).
MEDIA_TYPE = "application/cloudevents+json"
SPECVERSION = "1.0"
#: What every event type starts with, in reverse-DNS form.
TYPE_PREFIX = "nl.afnemersportaal."
#: Logius' OIN, as the register lists it.
LOGIUS_OIN = "00000001822477348000"
#: The default ``source``: the organisation's OIN and the system (NL GOV profile).
STANDAARD_BRON = f"urn:nld:oin:{LOGIUS_OIN}:systeem:afnemersportaal"

#: Per family of core types (the part before the dot): the data field that names the
#: afnemer's resource the event is about, and that resource's collection under the
#: afnemer. Any other event (a notice to every afnemer, a plugin's) is about itself.
ONDERWERPEN: dict[str, tuple[str, str]] = {
    "aankondiging": ("aankondigingId", "aankondigingen"),
    "voorwaarden": ("aankondigingId", "aankondigingen"),
    "dienstwijziging": ("aankondigingId", "aankondigingen"),
    "incident": ("incidentId", "incidenten"),
    "wijzigingsverzoek": ("wijzigingsverzoekId", "wijzigingsverzoeken"),
    "vraag": ("vraagId", "vragen"),
    "koppelvlak": ("aansluitingId", "aansluitingen"),
    "prognose": ("aansluitingId", "aansluitingen"),
}


def ce_type(kort: str) -> str:
    """The CloudEvents ``type`` of a short type (``aankondiging.onderhoud``)."""
    return TYPE_PREFIX + kort


def kort_type(type_: str) -> str:
    """The short type of a CloudEvents ``type``: what a webhook's type filter names."""
    if not type_.startswith(TYPE_PREFIX):
        raise ValueError(f"{type_!r} is geen type van het afnemersportaal")
    return type_[len(TYPE_PREFIX):]


def subject(type_: str, gebeurtenis_id: uuid.UUID, afnemer_id: uuid.UUID | None,
            data: dict[str, Any]) -> str:
    """The path of what the event is about, relative to the API's base URL."""
    basis = f"/afnemers/{afnemer_id}" if afnemer_id else ""
    veld, collectie = ONDERWERPEN.get(type_.split(".")[0], ("", ""))
    waarde = data.get(veld) if veld else None
    if isinstance(waarde, str) and waarde and afnemer_id:
        return f"{basis}/{collectie}/{waarde}"
    return f"{basis}/gebeurtenissen/{gebeurtenis_id}"


def dataref(gebeurtenis_id: uuid.UUID, afnemer_id: uuid.UUID | None,
            basis_url: str) -> str | None:
    """The event in the afnemer's feed: an absolute URL, or without a base URL the path (a
    URI reference, as the attribute allows)."""
    if afnemer_id is None:
        return None
    return (f"{basis_url.rstrip('/')}{API_PREFIX}/afnemers/{afnemer_id}/gebeurtenissen/"
            f"{gebeurtenis_id}")


def tijd(moment: datetime) -> str:
    """RFC 3339 in UTC with its offset, as the API answers times."""
    if moment.tzinfo is None:  # SQLite hands back naive UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def bericht(*, gebeurtenis_id: uuid.UUID, type_: str, aangemaakt_op: datetime,
            onderwerp: str, tekst: str, data: dict[str, Any], afnemer_id: uuid.UUID | None,
            bron: str = STANDAARD_BRON, basis_url: str = "") -> dict[str, Any]:
    """One event as a CloudEvent (a dict, in the order the attributes are written)."""
    ce: dict[str, Any] = {
        "specversion": SPECVERSION,
        "id": str(gebeurtenis_id),
        "source": bron,
        "type": ce_type(type_),
        "time": tijd(aangemaakt_op),
        "subject": subject(type_, gebeurtenis_id, afnemer_id, data),
        "datacontenttype": "application/json",
    }
    ref = dataref(gebeurtenis_id, afnemer_id, basis_url)
    if ref:
        ce["dataref"] = ref
    ce["data"] = {"id": str(gebeurtenis_id), "onderwerp": onderwerp, "tekst": tekst, **data}
    return ce


def body(**kwargs: Any) -> str:
    """:func:`bericht` as the compact JSON text that is signed and sent."""
    return json.dumps(bericht(**kwargs), ensure_ascii=False, separators=(",", ":"))
