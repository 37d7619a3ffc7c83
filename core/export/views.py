"""``GET /afnemers/{afnemerId}/export``: everything the portal keeps of an afnemer, as a zip.

For the afnemer's beheerder and Logius beheerders (a medewerker gets 403); a principal
of another afnemer gets 404, as on every route of an afnemer (``core.tenancy``). What
the zip holds is in :mod:`core.export.service`.
"""

from __future__ import annotations

from flask import Response
from flask.views import MethodView

from core import voorbeelden
from core.auth.middleware import current_principal
from core.auth.principal import Rol
from core.errors import Problem
from core.export.service import json_tekst, maak_export
from core.tenancy import TenantBlueprint, huidige_afnemer

blp = TenantBlueprint(
    "export",
    __name__,
    suffix="/export",
    description="Alle gegevens van de afnemer in een zip-bestand (gegevensexport)",
)

ZIP = "application/zip"
MANIFEST_VOORBEELD = {
    "afnemerId": "6f1c2b7e-3d4a-4b8e-9c21-7a5e0d9f4b31",
    "exportOp": "2027-03-01T09:30:00.123456+00:00",
    "schemaRevisie": "0015",
    "aantallen": {"aansluitingen.json": 2, "afnemer.json": 1, "api-tokens.json": 1,
                  "audit.json": 42, "contactpersonen.json": 3,
                  voorbeelden.EXPORT_DIENSTBESTAND: 1},
}
#: A zip cannot be shown as text: the example lists what it holds.
ZIP_VOORBEELD = ("(zip) manifest.json, afnemer.json, aansluitingen.json, contactpersonen.json, "
                 "api-tokens.json, webhooks.json, verbruik.json, kostenregels.json, audit.json, "
                 f"{voorbeelden.EXPORT_DIENSTBESTAND}, ...")
BESCHRIJVING = (
    "Een zip-bestand met een JSON-bestand per soort gegevens van de afnemer: "
    "`afnemer.json`, `aansluitingen.json`, `statuswijzigingen.json`, "
    "`contactpersonen.json`, `lidmaatschappen.json`, `gebruikers.json` (naam en e-mail), "
    "`machine-clients.json`, `api-tokens.json` (zonder token of hash), `webhooks.json` "
    "(zonder geheim), `gebeurtenissen.json`, `bezorgingen.json`, "
    "`webhook-pogingen.json`, `voorwaarden-acceptaties.json`, `aankondigingen.json`, "
    "`aankondiging-ontvangers.json`, `wijzigingsmeldingen.json`, "
    "`wijzigingsverzoeken.json`, `wijzigingsverzoek-stappen.json`, `prognoses.json`, "
    "`verbruik.json`, `voorcalculaties.json`, `kostenregels.json`, "
    "`koppelvlakgebruik.json`, `incidenten.json`, `incident-stappen.json`, `vragen.json`, "
    "`audit.json` (met `vorige_hash` en `hash` van de auditketen) en de eigen gegevens "
    "van de diensten onder `diensten/<slug>/`. Elk bestand is een lijst van rijen met de "
    "kolommen zoals de database ze bewaart (ids, tijden, datums en bedragen als tekst). "
    "`manifest.json` noemt het tijdstip, de afnemer, het aantal rijen per bestand en de "
    "schemarevisie, bijvoorbeeld:\n\n```json\n" + json_tekst(MANIFEST_VOORBEELD) + "\n```"
)


@blp.route("")
class Export(MethodView):
    @blp.doc(responses={"200": {
        "description": BESCHRIJVING,
        "content": {ZIP: {"schema": {"type": "string", "format": "binary",
                                     "description": "Het zip-bestand"},
                          "example": ZIP_VOORBEELD}},
        "headers": {"Content-Disposition": {
            "description": "De bestandsnaam van de export", "required": True,
            "schema": {"type": "string", "example":
                       'attachment; filename="afnemer-6f1c2b7e-3d4a-4b8e-9c21-7a5e0d9f4b31-'
                       '20270301T093000Z.zip"'}}}}})
    @blp.problems(403)
    @blp.rollen(Rol.AFNEMER_BEHEERDER, Rol.LOGIUS_BEHEERDER)
    def get(self):
        """Alle gegevens van de afnemer exporteren (zip)

        Alles wat het portaal van de afnemer bewaart, als JSON-bestanden in een zip:
        om mee te nemen, na te lezen of te archiveren. Geheimen gaan nooit mee: geen
        API-token of de hash ervan, geen webhookgeheim, geen agenda-sleutel.
        """
        afnemer = huidige_afnemer()
        if not current_principal().mag_beheren(afnemer.id):
            raise Problem(403, "Alleen de beheerder van de afnemer of een Logius-beheerder "
                          "exporteert de gegevens van de afnemer.", code="geen-toegang")
        bestand, manifest = maak_export(afnemer.id)
        stempel = manifest["exportOp"][:19].replace("-", "").replace(":", "")
        naam = f"afnemer-{afnemer.id}-{stempel}Z.zip"
        # Read and closed here: a file handed to the response stays open until a client
        # closes the response, and one that never does would leak it.
        with bestand:
            bestand.seek(0)
            inhoud = bestand.read()
        antwoord = Response(inhoud, mimetype=ZIP)
        antwoord.headers["Content-Disposition"] = f'attachment; filename="{naam}"'
        antwoord.headers["Cache-Control"] = "no-store"
        return antwoord
