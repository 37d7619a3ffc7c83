"""Request and answer schemas of change requests (RfC).

The four items a request must name are core's, for every dienst that takes change
requests (``Serviceniveau.wijzigingsverzoek_artikel``): the indiener with a contact
address, the proposed change as a result, the intended benefits and the current
drawbacks. Each missing (or blank) item is named in the 400 answer with what it is and,
for a dienst that takes requests, the dienst's article.
"""

from __future__ import annotations

import marshmallow as ma

from core import voorbeelden
from core.api import fields
from core.api.schemas import Schema
from core.foutteksten import VERPLICHT
from core.plugins import diensten
from core.uitbreidingen.bijdragen import uitbreidingen
from core.wijzigingsverzoeken.status import STAPPEN, Status

#: What each required item is, in the words of a missing-field message.
ONDERDELEN = {
    "indiener": "de indiener, met naam en e-mailadres",
    "indiener.naam": "de naam van de indiener",
    "indiener.email": "het e-mailadres van de indiener (daar komt het verloop van het "
                      "verzoek)",
    "voorgestelde_wijziging": "de gewenste wijziging, beschreven als het resultaat dat er "
                              "na afloop moet staan",
    "beoogde_voordelen": "de beoogde voordelen: kort wat de wijziging oplevert",
    "huidige_nadelen": "de huidige nadelen: kort wat er nu niet goed gaat",
}


def _verplicht(onderdeel: str) -> dict:
    return {"required": True, "error_messages": {
        "required": f"{VERPLICHT} een wijzigingsverzoek noemt {ONDERDELEN[onderdeel]}."}}


def _zonder_lege(data, velden):
    """A blank text counts as a missing item, so it gets the item's own message."""
    if isinstance(data, dict):
        data = {k: v for k, v in data.items()
                if not (k in velden and isinstance(v, str) and not v.strip())}
    return data


def dienst_fout(dienst: str | None) -> str | None:
    """Why ``dienst`` takes no change requests, or ``None`` when it does."""
    if dienst is None:
        return None
    if diensten().get(dienst) is None:
        bekend = ", ".join(d.slug for d in diensten().alle())
        return f"Onbekende dienst; kies een van: {bekend}."
    if artikel(dienst) is None:
        met = ", ".join(s for s in uitbreidingen().met_serviceniveau() if artikel(s)) or "geen"
        return (f"De dienst {dienst} neemt via het portaal geen wijzigingsverzoeken aan: zijn "
                "serviceniveau (hook dienst_serviceniveau) noemt geen wijzigingenbeheer. "
                f"Diensten die dat wel doen: {met}.")
    return None


def artikel(dienst: str) -> str | None:
    """The dienst's article for change requests, or ``None`` when it takes none."""
    niveau = uitbreidingen().serviceniveau(dienst)
    return niveau.wijzigingsverzoek_artikel if niveau is not None else None


class WijzigingsverzoekIndienerSchema(Schema):
    naam = fields.tekst(200, **_verplicht("indiener.naam"), metadata={
        "description": "Naam van wie het verzoek indient", "example": "Fatima el Amrani"})
    email = ma.fields.Email(**_verplicht("indiener.email"),
                            validate=ma.validate.Length(max=254), metadata={
        "description": "E-mailadres van de indiener: daar komt elke stap van het verzoek",
        "example": "f.elamrani@voorbeeldstad.nl"})
    telefoon = fields.tekst(40, load_default=None, allow_none=True, metadata={
        "description": "Telefoonnummer van de indiener, voor vragen bij de beoordeling",
        "example": "070 123 4567"})

    @ma.pre_load
    def _leeg_is_weg(self, data, **_kwargs):
        return _zonder_lege(data, {"naam", "email"})


class WijzigingsverzoekInvoerSchema(Schema):
    dienst = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40),
                              metadata={"description": "De dienst die moet veranderen (slug); "
                                        "een dienst waarvan het serviceniveau wijzigingenbeheer "
                                        "noemt", "example": voorbeelden.DIENST})
    indiener = ma.fields.Nested(WijzigingsverzoekIndienerSchema, **_verplicht("indiener"),
                                metadata={"description": "Wie het verzoek indient, met "
                                          "contactgegevens"})
    voorgestelde_wijziging = fields.tekst(4000, **_verplicht("voorgestelde_wijziging"),
                                          metadata={
        "description": "De gewenste wijziging, beschreven als het resultaat dat er na "
                       "afloop moet staan",
        "example": "Na het inloggen keert de gebruiker terug op de pagina waar hij begon."})
    beoogde_voordelen = fields.tekst(2000, **_verplicht("beoogde_voordelen"), metadata={
        "description": "Kort: welke voordelen de wijziging brengt",
        "example": "Gebruikers hoeven hun formulier niet opnieuw te zoeken."})
    huidige_nadelen = fields.tekst(2000, **_verplicht("huidige_nadelen"), metadata={
        "description": "Kort: wat er aan de huidige situatie nadelig is",
        "example": "Na het inloggen komt iedereen op de startpagina; een kwart haakt af."})

    @ma.pre_load
    def _leeg_is_weg(self, data, **_kwargs):
        return _zonder_lege(data, {"voorgesteldeWijziging", "beoogdeVoordelen",
                                   "huidigeNadelen"})

    @ma.validates_schema(skip_on_field_errors=False)
    def _dienst(self, data, **_kwargs):
        fout = dienst_fout(data.get("dienst"))
        if fout:
            raise ma.ValidationError({"dienst": [fout]})

    def handle_error(self, error, data, **_kwargs):
        """A missing item's message ends with the dienst's article, when the dienst takes
        change requests: the rule is the dienst's, and the answer names it."""
        dienst = data.get("dienst") if isinstance(data, dict) else None
        gevonden = artikel(dienst) if isinstance(dienst, str) and diensten().get(dienst) else None
        if not gevonden or not isinstance(error.messages, dict):
            return

        def aanvullen(berichten):
            if isinstance(berichten, dict):
                return {k: aanvullen(v) for k, v in berichten.items()}
            if isinstance(berichten, list):
                return [f"{b[:-1]} ({gevonden})." if isinstance(b, str)
                        and b.startswith(VERPLICHT) else aanvullen(b) for b in berichten]
            return berichten

        error.messages.update(aanvullen(dict(error.messages)))


class WijzigingsverzoekStapSchema(Schema):
    volgnummer = ma.fields.Integer(metadata={
        "description": "Rangnummer van de stap; de indiening is 1", "example": 2})
    status = fields.keuze([s.value for s in Status], metadata={
        "description": "De status na de stap"})
    toelichting = ma.fields.String(allow_none=True, metadata={
        "description": "Wat Logius bij deze stap zei (bij afgewezen: de reden); null als "
                       "niets", "example": "In behandeling bij het wijzigingsoverleg van mei."})
    op = ma.fields.AwareDateTime(metadata={"description": "Wanneer de stap werd gezet"})
    door = ma.fields.String(attribute="door_naam", metadata={
        "description": "Wie de stap zette", "example": "Servicecentrum Logius"})


class WijzigingsverzoekPlanningSchema(Schema):
    onderhoudsvenster = ma.fields.String(metadata={
        "description": "Id van het onderhoudsvenster (zie GET /diensten/{slug}/"
                       "onderhoudsvensters)", "example": "productie-2027-03-08"})
    omgeving = ma.fields.String(metadata={"description": "De omgeving van het venster",
                                          "example": "productie"})
    datum = ma.fields.Date(metadata={"description": "De dag van het venster "
                                                    "(Europe/Amsterdam)"})
    begin_op = ma.fields.AwareDateTime(metadata={"description": "Begin van het venster (UTC)"})
    einde_op = ma.fields.AwareDateTime(metadata={"description": "Einde van het venster (UTC)"})
    artikel = ma.fields.String(metadata={
        "description": "Waar staat dat geaccepteerde wijzigingen in het onderhoudsvenster "
                       "worden doorgevoerd", "example": "SNO 3 Releasebeheer"})


class WijzigingsverzoekSchema(Schema):
    id = ma.fields.UUID()
    afnemer_id = ma.fields.UUID()
    afnemer_naam = ma.fields.String()
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST})
    indiener = ma.fields.Nested(WijzigingsverzoekIndienerSchema, metadata={
        "description": "Wie het verzoek indiende, met contactgegevens"})
    voorgestelde_wijziging = ma.fields.String(metadata={
        "description": "De gewenste wijziging, als resultaat beschreven",
        "example": "Na het inloggen keert de gebruiker terug op de pagina waar hij begon."})
    beoogde_voordelen = ma.fields.String(metadata={
        "description": "De voordelen die de wijziging moet brengen",
        "example": "Gebruikers hoeven hun formulier niet opnieuw te zoeken."})
    huidige_nadelen = ma.fields.String(metadata={
        "description": "De nadelen van de huidige situatie",
        "example": "Na het inloggen komt iedereen op de startpagina; een kwart haakt af."})
    status = fields.keuze([s.value for s in Status], metadata={
        "description": "ingediend -> in-beoordeling -> geaccepteerd (ingepland in een "
                       "onderhoudsvenster) of afgewezen (met een reden)"})
    artikel = ma.fields.String(allow_none=True, metadata={
        "description": "Het artikel van de dienst over wijzigingsverzoeken",
        "example": "SNO 3 Wijzigingenbeheer"})
    ingediend_op = ma.fields.AwareDateTime(metadata={
        "description": "Wanneer het verzoek werd ingediend (UTC)"})
    ingediend_door = ma.fields.String(metadata={
        "description": "Wie het indiende in het portaal (de gebruiker of het token)",
        "example": "Fatima el Amrani"})
    gepland = ma.fields.Nested(WijzigingsverzoekPlanningSchema, allow_none=True, metadata={
        "description": "Bij een geaccepteerd verzoek: het onderhoudsvenster waarin de "
                       "wijziging wordt doorgevoerd; anders null"})
    reden_afwijzing = ma.fields.String(allow_none=True, metadata={
        "description": "Bij een afgewezen verzoek: waarom; anders null",
        "example": "Past niet in de koers van de dienst."})
    geschiedenis = ma.fields.List(ma.fields.Nested(WijzigingsverzoekStapSchema), metadata={
        "description": "Elke stap, de indiening eerst"})
    aangemaakt_op = ma.fields.AwareDateTime()
    gewijzigd_op = ma.fields.AwareDateTime()


class WijzigingsverzoekStatusstapSchema(Schema):
    status = fields.keuze([s.value for s in STAPPEN], required=True, metadata={
        "description": "De nieuwe status: in-beoordeling (vanuit ingediend), geaccepteerd of "
                       "afgewezen (vanuit in-beoordeling)"})
    onderhoudsvenster = ma.fields.String(load_default=None, validate=ma.validate.Length(
        min=1, max=60), metadata={
        "description": "Bij geaccepteerd verplicht: het id van een komend onderhoudsvenster "
                       "van de dienst (GET /diensten/{slug}/onderhoudsvensters), waarin de "
                       "wijziging wordt doorgevoerd",
        "example": "productie-2027-03-08"})
    reden = fields.tekst(2000, load_default=None, metadata={
        "description": "Bij afgewezen verplicht: waarom het verzoek is afgewezen",
        "example": "Past niet in de koers van de dienst."})
    toelichting = fields.tekst(2000, load_default=None, metadata={
        "description": "Wat de afnemer bij deze stap moet weten",
        "example": "Het wijzigingsoverleg bespreekt het verzoek op 12 mei."})


def stap_fouten(data: dict) -> list[dict]:
    """What a step's body lacks or has too much for its status, as ``invalidParams``.

    Checked by the view after If-Match (a step without it is 428 whatever its body),
    not by the schema: a schema-valid body may still break these rules."""
    status = data.get("status")
    fouten = []
    if status == Status.GEACCEPTEERD.value and not data.get("onderhoudsvenster"):
        fouten.append({"name": "onderhoudsvenster", "code": "required", "reason": (
            f"{VERPLICHT} een geaccepteerd verzoek wordt ingepland in een "
            "onderhoudsvenster van de dienst; geef het id van een komend venster.")})
    if status == Status.AFGEWEZEN.value and not data.get("reden"):
        fouten.append({"name": "reden", "code": "required",
                       "reason": f"{VERPLICHT} een afgewezen verzoek krijgt een reden."})
    if status != Status.GEACCEPTEERD.value and data.get("onderhoudsvenster"):
        fouten.append({"name": "onderhoudsvenster", "code": "invalid",
                       "reason": "Alleen een geaccepteerd verzoek wordt ingepland."})
    if status != Status.AFGEWEZEN.value and data.get("reden"):
        fouten.append({"name": "reden", "code": "invalid", "reason": (
            "Alleen een afgewezen verzoek krijgt een reden; gebruik toelichting.")})
    return fouten


class WijzigingsverzoekFilterSchema(Schema):
    status = fields.keuze([s.value for s in Status], metadata={
        "description": "Alleen verzoeken met deze status"})
    dienst = ma.fields.String(validate=ma.validate.Length(max=40), metadata={
        "description": "Alleen verzoeken op deze dienst (slug)"})


class LogiusWijzigingsverzoekFilterSchema(WijzigingsverzoekFilterSchema):
    afnemer_id = ma.fields.UUID(metadata={
        "description": "Alleen de verzoeken van deze afnemer"})
