"""The operationId of every operation: short, Dutch, and what the operation does.

Generated clients name their functions after these (``afnemer_lezen``,
``contactpersoon_wijzigen``), so they are part of the contract: **never rename one**.
A new operation gets a name here; one without (a plugin's route) falls back to a name
made from its method and path. ``tests/api/test_contract.py`` checks that every core
operation has one, and that they are unique.
"""

from __future__ import annotations

import re

OPERATIE_IDS: dict[tuple[str, str], str] = {
    ("get", "/openapi.json"): "openapiDocumentLezen",
    # Afnemers
    ("get", "/afnemers"): "afnemersOpvragen",
    ("post", "/afnemers"): "afnemerRegistreren",
    ("get", "/afnemers/{afnemerId}"): "afnemerLezen",
    ("patch", "/afnemers/{afnemerId}"): "afnemerWijzigen",
    # Aankondigingen (Logius) and the afnemer's view of them
    ("get", "/aankondigingen"): "aankondigingenOpvragen",
    ("post", "/aankondigingen"): "aankondigingVersturen",
    ("post", "/aankondigingen/voorbeeld"): "aankondigingProefdraaien",
    ("get", "/aankondigingen/{aankondigingId}"): "aankondigingLezen",
    ("get", "/afnemers/{afnemerId}/aankondigingen"): "afnemerAankondigingenOpvragen",
    ("get", "/afnemers/{afnemerId}/aankondigingen/{aankondigingId}"): "afnemerAankondigingLezen",
    ("post", "/afnemers/{afnemerId}/aankondigingen/{aankondigingId}/reactie"):
        "aankondigingBeantwoorden",
    # Aansluitingen
    ("get", "/afnemers/{afnemerId}/aansluitingen"): "aansluitingenOpvragen",
    ("post", "/afnemers/{afnemerId}/aansluitingen"): "aansluitingAanvragen",
    ("get", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}"): "aansluitingLezen",
    ("patch", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}"): "aansluitingWijzigen",
    ("get", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/statuswijzigingen"):
        "statuswijzigingenOpvragen",
    ("post", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/statuswijzigingen"):
        "aansluitingStatusWijzigen",
    ("get", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/voorcalculaties"):
        "voorcalculatiesOpvragen",
    ("put", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/voorcalculaties/{jaar}"):
        "voorcalculatieVastleggen",
    # Aansluitroutes
    ("get", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/route"): "aansluitrouteLezen",
    ("post", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/route/{stap}/afronden"):
        "routestapAfronden",
    ("post", "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/route/{stap}/afwijzen"):
        "routestapAfwijzen",
    ("get", "/aansluitroutes/pijplijn"): "aansluitroutePijplijnLezen",
    # Agenda
    ("get", "/afnemers/{afnemerId}/deadlines"): "deadlinesOpvragen",
    ("post", "/afnemers/{afnemerId}/agenda-sleutel"): "agendaSleutelAanmaken",
    ("delete", "/afnemers/{afnemerId}/agenda-sleutel"): "agendaSleutelIntrekken",
    ("get", "/agenda/{waarde}"): "agendaFeedLezen",
    # Toegang
    ("get", "/afnemers/{afnemerId}/api-tokens"): "apiTokensOpvragen",
    ("post", "/afnemers/{afnemerId}/api-tokens"): "apiTokenAanmaken",
    ("get", "/afnemers/{afnemerId}/api-tokens/{tokenId}"): "apiTokenLezen",
    ("delete", "/afnemers/{afnemerId}/api-tokens/{tokenId}"): "apiTokenIntrekken",
    # Intermediairs and the mandates afnemers give them
    ("get", "/intermediairs"): "intermediairsOpvragen",
    ("post", "/intermediairs"): "intermediairRegistreren",
    ("get", "/intermediairs/{intermediairId}"): "intermediairLezen",
    ("get", "/intermediairs/{intermediairId}/api-tokens"): "intermediairTokensOpvragen",
    ("post", "/intermediairs/{intermediairId}/api-tokens"): "intermediairTokenAanmaken",
    ("get", "/intermediairs/{intermediairId}/api-tokens/{intermediairTokenId}"): "intermediairTokenLezen",
    ("delete", "/intermediairs/{intermediairId}/api-tokens/{intermediairTokenId}"):
        "intermediairTokenIntrekken",
    ("get", "/intermediairs/{intermediairId}/mandaten"): "intermediairMandatenOpvragen",
    ("get", "/intermediairs/{intermediairId}/medewerkers"): "intermediairMedewerkersOpvragen",
    ("post", "/intermediairs/{intermediairId}/medewerkers"): "intermediairMedewerkerUitnodigen",
    ("get", "/intermediairs/{intermediairId}/medewerkers/{medewerkerId}"):
        "intermediairMedewerkerLezen",
    ("delete", "/intermediairs/{intermediairId}/medewerkers/{medewerkerId}"):
        "intermediairMedewerkerBeeindigen",
    ("get", "/intermediairs/{intermediairId}/machine-clients"):
        "intermediairClientsOpvragen",
    ("post", "/intermediairs/{intermediairId}/machine-clients"):
        "intermediairClientRegistreren",
    ("get", "/intermediairs/{intermediairId}/machine-clients/{intermediairClientId}"):
        "intermediairClientLezen",
    ("delete", "/intermediairs/{intermediairId}/machine-clients/{intermediairClientId}"):
        "intermediairClientIntrekken",
    ("get", "/afnemers/{afnemerId}/mandaten"): "mandatenOpvragen",
    ("post", "/afnemers/{afnemerId}/mandaten"): "mandaatVerlenen",
    ("get", "/afnemers/{afnemerId}/mandaten/{mandaatId}"): "mandaatLezen",
    ("delete", "/afnemers/{afnemerId}/mandaten/{mandaatId}"): "mandaatIntrekken",
    ("get", "/afnemers/{afnemerId}/lidmaatschappen"): "lidmaatschappenOpvragen",
    ("post", "/afnemers/{afnemerId}/lidmaatschappen"): "lidUitnodigen",
    ("get", "/afnemers/{afnemerId}/lidmaatschappen/{lidmaatschapId}"): "lidmaatschapLezen",
    ("patch", "/afnemers/{afnemerId}/lidmaatschappen/{lidmaatschapId}"): "lidmaatschapWijzigen",
    ("delete", "/afnemers/{afnemerId}/lidmaatschappen/{lidmaatschapId}"):
        "lidmaatschapBeeindigen",
    ("get", "/afnemers/{afnemerId}/machine-clients"): "machineClientsOpvragen",
    ("post", "/afnemers/{afnemerId}/machine-clients"): "machineClientRegistreren",
    ("get", "/afnemers/{afnemerId}/machine-clients/{machineClientId}"): "machineClientLezen",
    ("delete", "/afnemers/{afnemerId}/machine-clients/{machineClientId}"):
        "machineClientIntrekken",
    ("get", "/afnemers/{afnemerId}/audit"): "auditlogOpvragen",
    ("get", "/afnemers/{afnemerId}/export"): "afnemergegevensExporteren",
    # Contactpersonen
    ("get", "/afnemers/{afnemerId}/contactpersonen"): "contactpersonenOpvragen",
    ("post", "/afnemers/{afnemerId}/contactpersonen"): "contactpersoonToevoegen",
    ("get", "/afnemers/{afnemerId}/contactpersonen/{contactpersoonId}"): "contactpersoonLezen",
    ("patch", "/afnemers/{afnemerId}/contactpersonen/{contactpersoonId}"):
        "contactpersoonWijzigen",
    ("delete", "/afnemers/{afnemerId}/contactpersonen/{contactpersoonId}"):
        "contactpersoonVerwijderen",
    # Meldingen
    ("get", "/afnemers/{afnemerId}/webhooks"): "webhooksOpvragen",
    ("post", "/afnemers/{afnemerId}/webhooks"): "webhookRegistreren",
    ("get", "/afnemers/{afnemerId}/webhooks/{webhookId}"): "webhookLezen",
    ("patch", "/afnemers/{afnemerId}/webhooks/{webhookId}"): "webhookWijzigen",
    ("delete", "/afnemers/{afnemerId}/webhooks/{webhookId}"): "webhookVerwijderen",
    ("post", "/afnemers/{afnemerId}/webhooks/{webhookId}/geheimrotatie"): "webhookGeheimRoteren",
    ("post", "/afnemers/{afnemerId}/webhooks/{webhookId}/herhalen"): "webhookHerhalen",
    ("get", "/afnemers/{afnemerId}/bezorgingen"): "bezorgingenOpvragen",
    ("get", "/bezorgingen"): "alleBezorgingenOpvragen",
    ("get", "/afnemers/{afnemerId}/bezorgingen/{bezorgingId}"): "bezorgingLezen",
    ("post", "/afnemers/{afnemerId}/bezorgingen/{bezorgingId}/opnieuw"): "opnieuwBezorgen",
    ("get", "/afnemers/{afnemerId}/bezorgingen/{bezorgingId}/pogingen"): "bezorgpogingenOpvragen",
    ("get", "/afnemers/{afnemerId}/gebeurtenissen"): "gebeurtenissenOpvragen",
    ("get", "/afnemers/{afnemerId}/gebeurtenissen/{gebeurtenisId}"): "gebeurtenisLezen",
    # Koppelvlakken
    ("get", "/diensten/{slug}/koppelvlakken"): "koppelvlakkenOpvragen",
    ("post", "/diensten/{slug}/koppelvlakken/{koppelvlak}/versies"): "koppelvlakversieToevoegen",
    ("get", "/diensten/{slug}/koppelvlakken/{koppelvlak}/versies/{versie}"):
        "koppelvlakversieLezen",
    ("patch", "/diensten/{slug}/koppelvlakken/{koppelvlak}/versies/{versie}"):
        "koppelvlakversieWijzigen",
    ("get", "/diensten/{slug}/koppelvlakken/{koppelvlak}/controle"): "koppelvlakversieControleren",
    ("get", "/afnemers/{afnemerId}/koppelvlakgebruik"): "koppelvlakgebruikOpvragen",
    ("post", "/afnemers/{afnemerId}/koppelvlakgebruik"): "koppelvlakgebruikRegistreren",
    ("get", "/afnemers/{afnemerId}/koppelvlakgebruik/{gebruikId}"): "koppelvlakgebruikLezen",
    ("delete", "/afnemers/{afnemerId}/koppelvlakgebruik/{gebruikId}"):
        "koppelvlakgebruikVerwijderen",
    # Diensten, voorwaarden, tarieven
    ("get", "/diensten"): "dienstenOpvragen",
    ("get", "/diensten/{slug}"): "dienstLezen",
    ("get", "/diensten/{slug}/status"): "dienststatusLezen",
    ("get", "/diensten/{slug}/omgevingen/{omgeving}"): "dienstomgevingLezen",
    ("put", "/diensten/{slug}/omgevingen/{omgeving}"): "dienstomgevingSchakelen",
    ("get", "/afnemers/{afnemerId}/voorwaarden"): "voorwaardenOpvragen",
    ("get", "/diensten/{slug}/tarieven/{jaar}"): "tarieftabelLezen",
    ("get", "/diensten/{slug}/tarieven/{jaar}/{code}"): "tariefLezen",
    ("put", "/diensten/{slug}/tarieven/{jaar}/{code}"): "tariefVaststellen",
    ("get", "/btw-tarieven"): "btwTarievenOpvragen",
    ("get", "/btw-tarieven/{jaar}"): "btwTariefLezen",
    ("put", "/btw-tarieven/{jaar}"): "btwTariefVaststellen",
    # Feestdagen (werkdagen)
    ("get", "/feestdagen"): "feestdagenOpvragen",
    ("get", "/status"): "bezorgstatusOpvragen",
    ("post", "/feestdagen"): "feestdagToevoegen",
    ("get", "/feestdagen/{datum}"): "feestdagLezen",
    ("patch", "/feestdagen/{datum}"): "feestdagWijzigen",
    ("delete", "/feestdagen/{datum}"): "feestdagVerwijderen",
    ("get", "/feestdagwijzigingen"): "feestdagwijzigingenOpvragen",
    # Beschikbaarheid en onderhoudsvensters (serviceniveau)
    ("get", "/diensten/{slug}/onbeschikbaarheid"): "onbeschikbaarhedenOpvragen",
    ("post", "/diensten/{slug}/onbeschikbaarheid"): "onbeschikbaarheidVastleggen",
    ("get", "/diensten/{slug}/onbeschikbaarheid/{onbeschikbaarheidId}"):
        "onbeschikbaarheidLezen",
    ("patch", "/diensten/{slug}/onbeschikbaarheid/{onbeschikbaarheidId}"):
        "onbeschikbaarheidCorrigeren",
    ("delete", "/diensten/{slug}/onbeschikbaarheid/{onbeschikbaarheidId}"):
        "onbeschikbaarheidVerwijderen",
    ("get", "/diensten/{slug}/onbeschikbaarheidswijzigingen"): "onbeschikbaarheidHistorie",
    ("get", "/diensten/{slug}/beschikbaarheid/{jaar}/{maand}"): "beschikbaarheidMaandLezen",
    ("get", "/diensten/{slug}/beschikbaarheid/{jaar}"): "beschikbaarheidJaarLezen",
    ("get", "/diensten/{slug}/onderhoudsvensters"): "onderhoudsvenstersOpvragen",
    # Verbruik en kosten
    ("post", "/verbruik"): "verbruikVastleggen",
    ("get", "/afnemers/{afnemerId}/verbruik"): "verbruikOpvragen",
    ("get", "/afnemers/{afnemerId}/kosten"): "kostenOpvragen",
    ("post", "/afnemers/{afnemerId}/kosten/schattingen"): "kostenSchatten",
    ("get", "/afnemers/{afnemerId}/facturen/{jaar}"): "facturenLezen",
    ("get", "/kostenruns"): "kostenrunsOpvragen",
    ("post", "/kostenruns"): "kostenrunStarten",
    ("get", "/kostenruns/{kostenrunId}"): "kostenrunLezen",
    ("get", "/kostenruns/{kostenrunId}/regels"): "kostenrunRegelsOpvragen",
    # Prognoses
    ("get", "/diensten/{slug}/prognoseformulier"): "prognoseformulierLezen",
    ("get", "/afnemers/{afnemerId}/prognoses"): "prognosesOpvragen",
    ("post", "/afnemers/{afnemerId}/prognoses"): "prognoseIndienen",
    ("get", "/afnemers/{afnemerId}/prognoses/{prognoseId}"): "prognoseLezen",
    ("get", "/afnemers/{afnemerId}/prognoseplicht"): "prognoseplichtOpvragen",
    ("get", "/prognoses/overzicht"): "prognoseoverzichtOpvragen",
    ("get", "/diensten/{slug}/capaciteit"): "dienstcapaciteitLezen",
    # Wijzigingsmeldingen
    ("get", "/afnemers/{afnemerId}/wijzigingsmeldingen"): "wijzigingsmeldingenOpvragen",
    ("post", "/afnemers/{afnemerId}/wijzigingsmeldingen"): "wijzigingMelden",
    ("get", "/afnemers/{afnemerId}/wijzigingsmeldingen/{wijzigingsmeldingId}"):
        "wijzigingsmeldingLezen",
    # Wijzigingsverzoeken (RfC)
    ("get", "/afnemers/{afnemerId}/wijzigingsverzoeken"): "wijzigingsverzoekenOpvragen",
    ("post", "/afnemers/{afnemerId}/wijzigingsverzoeken"): "wijzigingsverzoekIndienen",
    ("get", "/afnemers/{afnemerId}/wijzigingsverzoeken/{wijzigingsverzoekId}"):
        "wijzigingsverzoekLezen",
    ("post", "/afnemers/{afnemerId}/wijzigingsverzoeken/{wijzigingsverzoekId}/"
             "statuswijzigingen"): "wijzigingsverzoekBeoordelen",
    ("get", "/wijzigingsverzoeken"): "alleWijzigingsverzoekenOpvragen",
    # Statuspagina (openbaar)
    ("get", "/diensten/{slug}/statusfeed"): "statusfeedLezen",
    ("get", "/diensten/{slug}/onderhoudskalender"): "onderhoudskalenderLezen",
    # Incidenten (serviceniveau)
    ("get", "/afnemers/{afnemerId}/incidenten"): "incidentenOpvragen",
    ("post", "/afnemers/{afnemerId}/incidenten"): "incidentMelden",
    ("get", "/afnemers/{afnemerId}/incidenten/{incidentId}"): "incidentLezen",
    ("get", "/incidenten"): "alleIncidentenOpvragen",
    ("post", "/incidenten"): "incidentRegistreren",
    ("get", "/incidenten/{incidentId}"): "logiusIncidentLezen",
    ("patch", "/incidenten/{incidentId}"): "incidentPrioriteren",
    ("post", "/incidenten/{incidentId}/statuswijzigingen"): "incidentstatusWijzigen",
    # Vragen en klachten (serviceniveau)
    ("get", "/afnemers/{afnemerId}/vragen"): "vragenOpvragen",
    ("post", "/afnemers/{afnemerId}/vragen"): "vraagStellen",
    ("get", "/afnemers/{afnemerId}/vragen/{vraagId}"): "vraagLezen",
    ("get", "/vragen"): "alleVragenOpvragen",
    ("get", "/vragen/{vraagId}"): "logiusVraagLezen",
    ("post", "/vragen/{vraagId}/antwoord"): "vraagBeantwoorden",
    # Serviceniveau en maandnormen
    ("get", "/diensten/{slug}/serviceniveau"): "serviceniveauLezen",
    ("get", "/diensten/{slug}/normen/{jaar}"): "normenJaarLezen",
    ("get", "/diensten/{slug}/normen/{jaar}/{maand}"): "normenMaandLezen",
}


def operatie_id(method: str, path: str) -> str:
    """The operation's name from :data:`OPERATIE_IDS`, else one made from method and path."""
    naam = OPERATIE_IDS.get((method, path))
    if naam:
        return naam
    parts = [p for p in path.strip("/").split("/") if p]
    words = [method] + [re.sub(r"[-_{}]", " ", p) for p in parts]
    text = " ".join(words).split()
    return text[0] + "".join(w[:1].upper() + w[1:] for w in text[1:])
