"""An afnemer's data export: everything the portal keeps of one afnemer, as a zip.

One JSON file per kind of data (:data:`BESTANDEN`), each a list of rows with the
columns as the database keeps them (snake_case; ids, times, dates and amounts as text),
the afnemer itself as ``afnemer.json``, the diensten' own data under
``diensten/<slug>/`` (hook ``dienst_export``), and ``manifest.json``: when, whose,
how many rows per file and the schema revision.

Secrets never leave: no token or calendar key hashes, no webhook secrets (not even
encrypted), and of a delivery only what the afnemer reads through the API (not the
connection's own error text or the address a webhook resolved to). Every table of
core with an ``afnemer_id`` is either exported here or left out in :data:`UITGESLOTEN`
with the reason (``tests/export`` holds that).

The zip is written to a spooled temporary file (memory up to 16 MiB, then disk), the
rows read in batches, so a large afnemer does not fill the worker's memory.
"""

from __future__ import annotations

import enum
import json
import re
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Table, select

from core.db import Base, db
from core.tijd import utcnow

#: Rows fetched per round trip.
PER = 1_000
#: A file name a dienst may give its data.
DIENST_BESTAND = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}\.json$")


@dataclass(frozen=True)
class Bestand:
    """One file: the rows of ``tabel`` of the afnemer, without ``zonder``."""

    naam: str
    tabel: str
    zonder: frozenset[str] = frozenset()


#: The afnemer's data, a file per table.
BESTANDEN: tuple[Bestand, ...] = (
    Bestand("aansluitingen.json", "aansluitingen"),
    Bestand("statuswijzigingen.json", "aansluiting_statuswijzigingen"),
    Bestand("contactpersonen.json", "contactpersonen"),
    Bestand("lidmaatschappen.json", "lidmaatschappen"),
    Bestand("machine-clients.json", "machine_clients"),
    Bestand("api-tokens.json", "api_tokens", frozenset({"hash"})),
    Bestand("webhooks.json", "webhook_endpoints",
            frozenset({"geheim_versleuteld", "geheim_vorig_versleuteld"})),
    Bestand("gebeurtenissen.json", "gebeurtenissen"),
    Bestand("bezorgingen.json", "bezorgingen", frozenset({"laatste_fout", "geclaimd_tot"})),
    Bestand("webhook-pogingen.json", "webhook_pogingen", frozenset({"adres"})),
    Bestand("voorwaarden-acceptaties.json", "voorwaarden_acceptaties"),
    Bestand("aankondiging-ontvangers.json", "aankondiging_ontvangers"),
    Bestand("wijzigingsmeldingen.json", "wijzigingsmeldingen"),
    Bestand("wijzigingsverzoeken.json", "wijzigingsverzoeken"),
    Bestand("wijzigingsverzoek-stappen.json", "wijzigingsverzoek_stappen"),
    Bestand("prognoses.json", "prognoses"),
    Bestand("verbruik.json", "verbruik"),
    Bestand("voorcalculaties.json", "voorcalculaties"),
    Bestand("kostenregels.json", "kostenrun_regels"),
    Bestand("koppelvlakgebruik.json", "koppelvlak_gebruik"),
    Bestand("incidenten.json", "incidenten"),
    Bestand("incident-stappen.json", "incident_stappen"),
    Bestand("vragen.json", "vragen"),
    Bestand("aansluitroute-stappen.json", "aansluitroute_stappen"),
    Bestand("mandaten.json", "mandaten"),
    Bestand("audit.json", "audit_regels"),
)

#: Tables of core with an ``afnemer_id`` that the export leaves out, and why.
UITGESLOTEN: dict[str, str] = {
    "agenda_sleutels": "holds only the hash of the calendar feed's key, a secret",
}


def _tekst(waarde: Any) -> Any:
    if isinstance(waarde, (uuid.UUID, Decimal)):
        return str(waarde)
    if isinstance(waarde, (datetime, date)):
        return waarde.isoformat()
    if isinstance(waarde, enum.Enum):
        return waarde.value
    if isinstance(waarde, (bytes, bytearray, memoryview)):
        raise TypeError("binary data in an export")
    raise TypeError(f"{type(waarde).__name__} is not JSON")


def json_tekst(waarde: Any) -> str:
    return json.dumps(waarde, default=_tekst, ensure_ascii=False, indent=1)


class _Lijst:
    """A JSON array written row by row into one member of the zip."""

    def __init__(self, zip_: zipfile.ZipFile, naam: str) -> None:
        self.uit: IO[bytes] = zip_.open(naam, "w", force_zip64=True)
        self.aantal = 0
        self.uit.write(b"[")

    def voeg_toe(self, rij: dict[str, Any]) -> None:
        self.uit.write((",\n" if self.aantal else "\n").encode())
        self.uit.write(json.dumps(rij, default=_tekst, ensure_ascii=False).encode())
        self.aantal += 1

    def sluit(self) -> int:
        self.uit.write(b"\n]\n")
        self.uit.close()
        return self.aantal


def _tabel(naam: str) -> Table | None:
    return Base.metadata.tables.get(naam)


def _rijen(statement, kolommen) -> Any:
    resultaat = db.session.execute(statement.execution_options(yield_per=PER))
    for rij in resultaat.mappings():
        yield {k: rij[k] for k in kolommen}


def _schrijf_tabel(zip_: zipfile.ZipFile, bestand: Bestand, afnemer_id: uuid.UUID) -> int | None:
    tabel = _tabel(bestand.tabel)
    if tabel is None:  # pragma: no cover - a table this version of core does not have
        return None
    kolommen = [c.name for c in tabel.c if c.name not in bestand.zonder]
    statement = (select(*(tabel.c[k] for k in kolommen))
                 .where(tabel.c.afnemer_id == afnemer_id)
                 .order_by(*tabel.primary_key.columns))
    lijst = _Lijst(zip_, bestand.naam)
    for rij in _rijen(statement, kolommen):
        lijst.voeg_toe(rij)
    return lijst.sluit()


def _gebruikers(zip_: zipfile.ZipFile, afnemer_id: uuid.UUID) -> int:
    """The people with a membership of the afnemer: name and e-mail, nothing of their
    login or of their roles elsewhere."""
    gebruikers, leden = _tabel("gebruikers"), _tabel("lidmaatschappen")
    kolommen = ("id", "naam", "email")
    statement = (select(*(gebruikers.c[k] for k in kolommen)).distinct()
                 .join(leden, leden.c.gebruiker_id == gebruikers.c.id)
                 .where(leden.c.afnemer_id == afnemer_id).order_by(gebruikers.c.id))
    lijst = _Lijst(zip_, "gebruikers.json")
    for rij in _rijen(statement, kolommen):
        lijst.voeg_toe(rij)
    return lijst.sluit()


def _aankondigingen(zip_: zipfile.ZipFile, afnemer_id: uuid.UUID) -> int:
    """The announcements sent to the afnemer (its answers are in the ontvangers file)."""
    aankondigingen, ontvangers = _tabel("aankondigingen"), _tabel("aankondiging_ontvangers")
    kolommen = [c.name for c in aankondigingen.c]
    statement = (select(aankondigingen)
                 .where(aankondigingen.c.id.in_(
                     select(ontvangers.c.aankondiging_id)
                     .where(ontvangers.c.afnemer_id == afnemer_id)))
                 .order_by(aankondigingen.c.id))
    lijst = _Lijst(zip_, "aankondigingen.json")
    for rij in _rijen(statement, kolommen):
        lijst.voeg_toe(rij)
    return lijst.sluit()


def _afnemer(zip_: zipfile.ZipFile, afnemer_id: uuid.UUID) -> int:
    tabel = _tabel("afnemers")
    rij = db.session.execute(select(tabel).where(tabel.c.id == afnemer_id)).mappings().one()
    zip_.writestr("afnemer.json", json_tekst(dict(rij)) + "\n")
    return 1


def _diensten(zip_: zipfile.ZipFile, afnemer_id: uuid.UUID) -> dict[str, int]:
    from core.uitbreidingen.bijdragen import uitbreidingen

    tellingen = {}
    for slug, naam, waarde in uitbreidingen().export(afnemer_id):
        pad = f"diensten/{slug}/{naam}"
        zip_.writestr(pad, json_tekst(waarde) + "\n")
        tellingen[pad] = len(waarde) if isinstance(waarde, (list, tuple)) else 1
    return tellingen


def maak_export(afnemer_id: uuid.UUID) -> tuple[IO[bytes], dict[str, Any]]:
    """The zip of the afnemer's data, rewound, and its manifest."""
    uit = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    tellingen: dict[str, int] = {}
    with zipfile.ZipFile(uit, "w", compression=zipfile.ZIP_DEFLATED) as zip_:
        tellingen["afnemer.json"] = _afnemer(zip_, afnemer_id)
        for bestand in BESTANDEN:
            aantal = _schrijf_tabel(zip_, bestand, afnemer_id)
            if aantal is not None:
                tellingen[bestand.naam] = aantal
        tellingen["gebruikers.json"] = _gebruikers(zip_, afnemer_id)
        tellingen["aankondigingen.json"] = _aankondigingen(zip_, afnemer_id)
        tellingen.update(_diensten(zip_, afnemer_id))
        manifest = {
            "afnemerId": str(afnemer_id),
            "exportOp": utcnow().isoformat(),
            "schemaRevisie": MigrationContext.configure(
                db.session.connection()).get_current_revision(),
            "aantallen": dict(sorted(tellingen.items())),
        }
        zip_.writestr("manifest.json", json_tekst(manifest) + "\n")
    uit.seek(0)
    return uit, manifest
