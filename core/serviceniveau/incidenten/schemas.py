"""Request and answer schemas of incidents.

The schemas are core's, for every dienst with a service level, so they describe the
levels of impact and urgency in general; what each level means for a dienst, in its own
words, is in ``GET /diensten/{slug}/serviceniveau`` and in every incident's answer
(``impactOmschrijving``, ``urgentieOmschrijving``).
"""

from __future__ import annotations

import marshmallow as ma

from core import tijd, voorbeelden
from core.api import fields
from core.api.schemas import Schema
from core.auth.middleware import current_principal
from core.plugins import diensten
from core.serviceniveau import meldregels
from core.serviceniveau.incidenten.klok import Status
from core.serviceniveau.incidenten.service import prioriteit_fout
from core.serviceniveau.typen import Niveau

NIVEAUS = [n.value for n in Niveau]
OMGEVINGEN = ["productie", "pre-productie"]
IMPACT = ("De graad van de uitval: hoog (de dienst of een primaire functie werkt niet), "
          "midden (ongewenste uitkomsten zonder schade) of laag (storende gebreken). Wat elk "
          "niveau bij een dienst precies betekent, in de woorden van zijn "
          "serviceniveauovereenkomst, staat in GET /diensten/{slug}/serviceniveau.")
URGENTIE = ("Of herstel kan wachten: hoog (nee, meteen herstellen), midden (tot bijvoorbeeld "
            "het eind van de dag) of laag (in overleg). Wat elk niveau bij een dienst "
            "precies betekent, staat in GET /diensten/{slug}/serviceniveau.")


class _IncidentBasis(Schema):
    dienst = ma.fields.String(required=True, validate=ma.validate.Length(max=40), metadata={
        "description": "De dienst (slug); alleen een dienst met een serviceniveau",
        "example": voorbeelden.DIENST})
    omgeving = fields.keuze(OMGEVINGEN, required=True, metadata={
        "description": "De omgeving van de dienst waarin het incident optreedt"})
    impact = fields.keuze(NIVEAUS, required=True, metadata={"description": IMPACT})
    urgentie = fields.keuze(NIVEAUS, required=True, metadata={"description": URGENTIE})
    omschrijving = fields.tekst(4000, required=True, metadata={
        "description": "Wat er mis is, sinds wanneer, en wat gebruikers merken",
        "example": "Inloggen lukt niet: na het invoeren van de sms-code volgt een foutpagina."})
    functies = ma.fields.List(ma.fields.String(validate=ma.validate.Length(max=60)),
                              required=True, validate=ma.validate.Length(min=1, max=20),
                              metadata={"description": "De geraakte functies van de dienst "
                                        "(slugs uit GET /diensten/{slug}/serviceniveau)",
                                        "example": [voorbeelden.FUNCTIE]})

    #: The operation's name for the moment of the report.
    _moment = "gemeld_op"

    @ma.validates_schema(skip_on_field_errors=False)
    def _regels(self, data, **_kwargs):
        fouten: dict[str, list[str]] = {}
        dienst = data.get("dienst")
        fout = meldregels.dienst_fout(dienst, "incidenten")
        if fout:
            fouten["dienst"] = [fout]
        sn = None if fout or dienst is None else meldregels.serviceniveau(dienst)
        omgeving = data.get("omgeving")
        if sn is not None and omgeving is not None:
            eigen = [k.slug for k in diensten().get(dienst).omgevingen]
            if omgeving not in eigen:
                fouten["omgeving"] = [f"De dienst {dienst} heeft geen omgeving {omgeving}; "
                                      f"wel: {', '.join(eigen)}."]
            elif data.get("impact") and data.get("urgentie"):
                reden = prioriteit_fout(sn, omgeving, data["impact"], data["urgentie"])
                if reden:
                    fouten["impact"] = fouten["urgentie"] = [reden]
        if sn is not None and data.get("functies") is not None:
            bekend = [f.slug for f in sn.functies]
            for i, functie in enumerate(data["functies"]):
                if functie not in bekend:
                    fouten[f"functies.{i}"] = [f"De dienst {dienst} heeft geen functie "
                                               f"{functie!r}; kies uit: {', '.join(bekend)}."]
        moment = meldregels.moment_fout(data.get(self._moment), current_principal(),
                                        tijd.utcnow(), fields_naam(self._moment))
        if moment:
            fouten[fields_naam(self._moment)] = [moment]
        if fouten:
            raise ma.ValidationError(fouten)


def fields_naam(naam: str) -> str:
    from core.api.schemas import camelcase

    return camelcase(naam)


class IncidentMeldingSchema(_IncidentBasis):
    gemeld_op = ma.fields.AwareDateTime(load_default=None, metadata={
        "description": "Alleen voor een Logius-beheerder die een telefonische melding "
                       "vastlegt: wanneer die binnenkwam (de klok loopt vanaf dan). Zonder "
                       "dit veld geldt het moment van het verzoek; een afnemer laat het weg.",
        "example": "2026-03-02T09:30:00+01:00"})


class IncidentRegistratieSchema(_IncidentBasis):
    """What Logius registers itself: an incident it detected, or a calamity."""

    gemeld_op = ma.fields.AwareDateTime(load_default=None, metadata={
        "description": "Wanneer Logius het incident vaststelde (de klok loopt vanaf dan, en "
                       "de termijn om de afnemers te informeren ook); standaard nu.",
        "example": "2026-03-02T09:30:00+01:00"})
    calamiteit = ma.fields.Boolean(load_default=False, metadata={
        "description": "Een calamiteit: elke afnemer van de dienst wordt meteen "
                       "geïnformeerd, ook de contactpersonen die 24x7 bereikbaar zijn."})


class IncidentWijzigingSchema(Schema):
    impact = fields.keuze(NIVEAUS, metadata={"description": IMPACT})
    urgentie = fields.keuze(NIVEAUS, metadata={"description": URGENTIE})
    calamiteit = ma.fields.Boolean(metadata={
        "description": "true maakt het incident een calamiteit (en informeert elke afnemer "
                       "van de dienst); een calamiteit blijft er een."})
    publiek = ma.fields.Boolean(metadata={
        "description": "true toont het incident, zolang het open is, op de openbare "
                       "statuspagina van de dienst, met publiekeOmschrijving (nooit de "
                       "omschrijving van de afnemer); false haalt het eraf."})
    publieke_omschrijving = fields.tekst(2000, metadata={
        "description": "Wat de statuspagina over het incident zegt, in de woorden van Logius",
        "example": "Inloggen met de sms-controle lukt bij een deel van de gebruikers niet."})

    @ma.validates_schema(skip_on_field_errors=False)
    def _iets(self, data, **_kwargs):
        if not data:
            raise ma.ValidationError("Geef impact, urgentie, calamiteit, publiek of "
                                     "publiekeOmschrijving.", "impact")
        if data.get("calamiteit") is False:
            raise ma.ValidationError("Een calamiteit blijft een calamiteit; alleen true.",
                                     "calamiteit")


class StatusstapSchema(Schema):
    status = fields.keuze([s.value for s in Status if s != Status.GEMELD], required=True,
                          metadata={"description": "De nieuwe status"})
    toelichting = fields.tekst(2000, load_default=None, metadata={
        "description": "Wat er gebeurde; bij wacht-op-afnemer verplicht: wat Logius van de "
                       "afnemer nodig heeft", "example": "Logfiles van 09:00-09:30 nodig."})
    op = ma.fields.AwareDateTime(load_default=None, metadata={
        "description": "Wanneer de stap plaatsvond, als dat eerder was dan nu (niet voor de "
                       "vorige stap, niet in de toekomst); standaard nu.",
        "example": "2026-03-02T11:00:00+01:00"})

    @ma.validates_schema(skip_on_field_errors=False)
    def _regels(self, data, **_kwargs):
        fouten = {}
        if data.get("status") == Status.WACHT_OP_AFNEMER.value and not data.get("toelichting"):
            fouten["toelichting"] = ["Zeg bij wacht-op-afnemer wat Logius van de afnemer "
                                     "nodig heeft."]
        if data.get("op") is not None and data["op"] > tijd.utcnow() + meldregels.SPELING:
            fouten["op"] = ["op ligt in de toekomst."]
        if fouten:
            raise ma.ValidationError(fouten)


def _d(beschrijving: str, voorbeeld=None, **meer) -> dict:
    """Field metadata: a description and, where the type does not give one, an example."""
    return {"description": beschrijving, **({} if voorbeeld is None else {"example": voorbeeld}),
            **meer}


ARTIKEL = "SNO 2 Oplostijden"


class OplostijdSchema(Schema):
    uren = ma.fields.Integer(metadata=_d("Zoveel uren van de uursoort", 10))
    soort = fields.keuze(["klokuren", "kantooruren"], metadata={
        "description": "klokuren: elk uur, dag en nacht; kantooruren: alleen binnen het "
                       "kantoorvenster op werkdagen"})
    artikel = ma.fields.String(metadata=_d("Waar de dienst de oplostijd vastlegt", ARTIKEL))


class StapSchema(Schema):
    volgnummer = ma.fields.Integer(metadata=_d("Volgorde waarin de stappen zijn vastgelegd",
                                               2))
    soort = fields.keuze(["gemeld", "status", "prioriteit", "calamiteit", "publiek"], metadata={
        "description": "gemeld (de melding), status (een statusstap), prioriteit (nieuwe "
                       "impact of urgentie), calamiteit, of publiek (op of van de "
                       "statuspagina)"})
    status = fields.keuze([s.value for s in Status], metadata={
        "description": "De status na de stap"})
    impact = fields.keuze(NIVEAUS, allow_none=True, metadata=_d(
        "Impact na de stap; alleen bij gemeld en prioriteit"))
    urgentie = fields.keuze(NIVEAUS, allow_none=True, metadata=_d(
        "Urgentie na de stap; alleen bij gemeld en prioriteit"))
    prioriteit = ma.fields.Integer(allow_none=True, metadata=_d(
        "Prioriteit na de stap; alleen bij gemeld en prioriteit", 2))
    toelichting = ma.fields.String(allow_none=True, metadata=_d(
        "Wat er gebeurde of waarom", "Logfiles van 09:00-09:30 nodig."))
    op = ma.fields.AwareDateTime(metadata=_d("Wanneer de stap plaatsvond"))
    vastgelegd_op = ma.fields.AwareDateTime(metadata=_d("Wanneer de stap werd vastgelegd"))
    door = ma.fields.String(attribute="door_naam", metadata=_d("Wie de stap zette",
                                                               "Servicecentrum Logius"))


class KennisgevingSchema(Schema):
    id = ma.fields.UUID()
    reden = fields.keuze(["prioriteit-1", "calamiteit"], metadata=_d(
        "Waarom elke afnemer van de dienst werd geïnformeerd"))
    gedetecteerd_op = ma.fields.AwareDateTime(metadata=_d(
        "Wanneer het incident prioriteit 1 kreeg of een calamiteit werd"))
    verstuurd_op = ma.fields.AwareDateTime(metadata=_d(
        "Wanneer de kennisgeving aan elke afnemer werd verstuurd (in de outbox gezet, in "
        "dezelfde transactie)"))
    uiterlijk = ma.fields.AwareDateTime(metadata=_d("Detectie plus de termijn van de dienst"))
    termijn_minuten = ma.fields.Integer(metadata=_d(
        "Zoveel minuten na detectie moet de kennisgeving uit zijn", 30))
    binnen_termijn = ma.fields.Boolean(metadata=_d("Verstuurd binnen de termijn na detectie"))
    aantal_afnemers = ma.fields.Integer(metadata=_d("Zoveel afnemers kregen hem", 240))
    bezorgingen = ma.fields.Integer(metadata=_d("Webhooks en e-mails waarmee hij uitging", 480))
    bezorgd = ma.fields.Integer(metadata=_d("Daarvan aangekomen", 478))
    laatst_bezorgd_op = ma.fields.AwareDateTime(allow_none=True, metadata=_d(
        "Wanneer de laatste aankwam; null zolang er geen aankwam"))
    artikel = ma.fields.String(metadata=_d("Waar de dienst de termijn vastlegt", ARTIKEL))


class IncidentSchema(Schema):
    id = ma.fields.UUID()
    afnemer_id = ma.fields.UUID(allow_none=True, metadata={
        "description": "De afnemer die meldde; null voor een incident dat Logius zelf "
                       "vaststelde"})
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST})
    omgeving = fields.keuze(OMGEVINGEN, metadata=_d("De omgeving van het incident"))
    impact = fields.keuze(NIVEAUS, metadata=_d("De impact nu (zie impactOmschrijving)"))
    impact_omschrijving = ma.fields.String(allow_none=True, metadata=_d(
        "Wat dit impactniveau bij deze dienst betekent",
        "De dienst werkt helemaal niet of een primaire functie is uitgevallen."))
    urgentie = fields.keuze(NIVEAUS, metadata=_d("De urgentie nu (zie urgentieOmschrijving)"))
    urgentie_omschrijving = ma.fields.String(allow_none=True, metadata=_d(
        "Wat dit urgentieniveau bij deze dienst betekent",
        "Herstel kan even wachten, bijvoorbeeld tot het eind van de dag."))
    prioriteit = ma.fields.Integer(metadata=_d(
        "Uit de prioriteitenmatrix van de dienst (impact x urgentie)", 2))
    prioriteit_artikel = ma.fields.String(allow_none=True, metadata=_d(
        "Waar de dienst de matrix vastlegt", "SNO 3 Incidentbeheer"))
    calamiteit = ma.fields.Boolean(metadata=_d("Door Logius als calamiteit aangemerkt"))
    publiek = ma.fields.Boolean(metadata=_d(
        "Logius toont het op de openbare statuspagina van de dienst (zolang het open is)"))
    publieke_omschrijving = ma.fields.String(allow_none=True, metadata=_d(
        "Wat de statuspagina erover zegt, in de woorden van Logius",
        "Inloggen met de sms-controle lukt bij een deel van de gebruikers niet."))
    omschrijving = ma.fields.String(metadata=_d(
        "Wat er mis is, zoals gemeld",
        "Inloggen lukt niet: na het invoeren van de sms-code volgt een foutpagina."))
    functies = ma.fields.List(ma.fields.String(), metadata=_d(
        "De geraakte functies van de dienst", [voorbeelden.FUNCTIE]))
    status = fields.keuze([s.value for s in Status], metadata=_d("De status nu"))
    gemeld_op = ma.fields.AwareDateTime(metadata=_d("Hier begint de klok"))
    gemeld_door = ma.fields.String(metadata=_d("Wie meldde of registreerde",
                                               "Fatima el Amrani"))
    oplostijd = ma.fields.Nested(OplostijdSchema, allow_none=True, metadata=_d(
        "De oplostijd van de prioriteit in de omgeving; null als de dienst er (niet meer) "
        "een geeft"))
    oplossen_uiterlijk = ma.fields.AwareDateTime(allow_none=True, metadata=_d(
        "Uit de geschiedenis afgeleid: de melding plus de oplostijd, in de uursoort van de "
        "prioriteit, plus de tijd dat de klok stilstond (wacht-op-afnemer). Staat de klok nu "
        "stil, dan: als hij nu weer liep."))
    klok_loopt = ma.fields.Boolean(allow_none=True, metadata=_d(
        "true bij gemeld en in-behandeling; false als Logius op de afnemer wacht of het "
        "incident is opgelost"))
    verstreken_uren = ma.fields.String(allow_none=True, metadata=_d(
        "Verstreken uren van de uursoort (klok- of kantooruren), zonder de pauzes", "3.50"))
    gepauzeerde_uren = ma.fields.String(allow_none=True, metadata=_d(
        "Uren van de uursoort dat de klok stilstond (wacht-op-afnemer)", "0.00"))
    resterende_uren = ma.fields.String(allow_none=True, metadata=_d(
        "Oplostijd min verstreken uren; negatief als de oplostijd overschreden is", "6.50"))
    opgelost_op = ma.fields.AwareDateTime(allow_none=True, metadata=_d(
        "De laatste stap naar opgelost; null zolang het niet is opgelost"))
    binnen_termijn = ma.fields.Boolean(allow_none=True, metadata=_d(
        "Opgelost binnen de oplostijd; false zodra die overschreden is; null zolang het open "
        "is en nog op tijd kan"))
    geschiedenis = ma.fields.List(ma.fields.Nested(StapSchema), metadata=_d(
        "Elke stap, met wie en wanneer: de melding, de statusstappen, nieuwe prioriteiten"))
    kennisgevingen = ma.fields.List(ma.fields.Nested(KennisgevingSchema), metadata=_d(
        "Bij prioriteit 1 of een calamiteit: de kennisgeving aan elke afnemer van de dienst en "
        "of die binnen de termijn uitging"))
    aangemaakt_op = ma.fields.AwareDateTime()
    gewijzigd_op = ma.fields.AwareDateTime()


#: How a list of incidents may be sorted (``sorteer``).
SORTERINGEN = ["-gemeldOp", "resterendeUren"]


class IncidentFilterSchema(Schema):
    strikte_typen = False  # query parameters arrive as text
    dienst = ma.fields.String(validate=ma.validate.Length(max=40), metadata=_d(
        "Alleen de incidenten van deze dienst (slug)", voorbeelden.DIENST))
    omgeving = fields.keuze(OMGEVINGEN, metadata=_d("Alleen die in deze omgeving"))
    status = fields.keuze([s.value for s in Status], metadata=_d("Alleen die met deze status"))
    prioriteit = ma.fields.Integer(validate=ma.validate.Range(min=1, max=9), metadata=_d(
        "Alleen die met deze prioriteit", 1))
    open = ma.fields.Boolean(metadata={
        "description": "true: alleen wat nog niet is opgelost; false: alleen opgeloste"})
    sorteer = fields.keuze(SORTERINGEN, load_default="-gemeldOp", metadata=_d(
        "De volgorde: -gemeldOp is de nieuwste melding eerst; resterendeUren de minste "
        "resterende tijd van de oplostijd eerst (te laat voorop, het meest over de termijn "
        "eerst; zonder oplostijd achteraan)", "resterendeUren"))


class LogiusIncidentFilterSchema(IncidentFilterSchema):
    afnemer_id = ma.fields.UUID(metadata={"description": "Alleen de incidenten van deze afnemer"})
    calamiteit = ma.fields.Boolean(metadata=_d("Alleen calamiteiten (of alleen geen)"))
