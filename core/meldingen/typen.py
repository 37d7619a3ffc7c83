"""The kinds of event, who they are for, and which contactpersonen get the e-mail.

Each type names the article that makes it a duty to inform (AV 2.6 in general).
Contact roles are those of AV 2.4 (algemeen) and the technical, financial and
privacy roles of the foundation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Ontvanger(StrEnum):
    AFNEMER = "afnemer"
    LOGIUS = "logius"
    #: For an intermediair (no afnemer's event): its one e-mail the caller adds.
    INTERMEDIAIR = "intermediair"


@dataclass(frozen=True)
class Soort:
    type: str
    omschrijving: str
    artikel: str
    ontvanger: Ontvanger
    #: Contactpersoon roles that get the e-mail (afnemer events).
    rollen: tuple[str, ...] = ()


SOORTEN: dict[str, Soort] = {
    s.type: s
    for s in (
        Soort("aankondiging.voorwaardenwijziging", "Wijziging van voorwaarden aangekondigd",
              "AV 13.1", Ontvanger.AFNEMER, ("algemeen",)),
        Soort("aankondiging.dienstwijziging", "Wijziging van een dienst aangekondigd",
              "AV 14.1", Ontvanger.AFNEMER, ("algemeen", "technisch")),
        Soort("aankondiging.uitfasering", "Uitfasering van een dienst of versie aangekondigd",
              "AV 14.1", Ontvanger.AFNEMER, ("algemeen", "technisch")),
        Soort("aankondiging.onderhoud", "Gepland onderhoud aangekondigd", "AV 6.1",
              Ontvanger.AFNEMER, ("technisch",)),
        Soort("aankondiging.koppelvlakwijziging", "Wijziging van een koppelvlak aangekondigd",
              "MO 3.5", Ontvanger.AFNEMER, ("technisch",)),
        Soort("aankondiging.opschorting", "Levering opgeschort wegens een beveiligingsincident",
              "AV 5.4", Ontvanger.AFNEMER, ("algemeen", "technisch", "privacy")),
        Soort("aankondiging.storing", "Storing", "AV 7", Ontvanger.AFNEMER, ("technisch",)),
        Soort("voorwaarden.afgewezen",
              "Afwijzing van een voorwaardenwijziging vastgelegd; de levering eindigt",
              "AV 13.2", Ontvanger.AFNEMER, ("algemeen",)),
        Soort("dienstwijziging.consultatie", "Afwijzing van een dienstwijziging: overleg gestart",
              "AV 14.2", Ontvanger.AFNEMER, ("algemeen",)),
        Soort("koppelvlak.uitfasering",
              "Uitfasering aangekondigd van een koppelvlakversie die u gebruikt", "AV 14.1",
              Ontvanger.AFNEMER, ("algemeen", "technisch")),
        Soort("koppelvlak.herinnering",
              "Herinnering: een koppelvlakversie die u gebruikt stopt binnenkort", "AV 14.1",
              Ontvanger.AFNEMER, ("technisch",)),
        Soort("prognose.herinnering", "Herinnering: een prognose moet binnenkort binnen zijn",
              "AV 2.5", Ontvanger.AFNEMER, ("algemeen",)),
        Soort("prognose.te-laat", "Een verplichte prognose is niet op tijd ingeleverd",
              "AV 2.5", Ontvanger.AFNEMER, ("algemeen",)),
        Soort("prognose.capaciteit",
              "De prognoses samen naderen de capaciteit die de afnemers van een dienst delen",
              "AV 2.5", Ontvanger.LOGIUS),
        Soort("aankondiging.reactie", "Een afnemer reageerde op een aankondiging", "AV 2.6",
              Ontvanger.LOGIUS),
        Soort("wijzigingsmelding.ontvangen", "Wijzigingsmelding van een afnemer", "AV 2.8",
              Ontvanger.LOGIUS),
        # Change requests (RfC) of a dienst that takes them: the article is the duty to
        # inform (AV 2.6); each event's data names the dienst's own article.
        Soort("wijzigingsverzoek.ingediend", "Uw wijzigingsverzoek is ontvangen", "AV 2.6",
              Ontvanger.AFNEMER, ("technisch",)),
        Soort("wijzigingsverzoek.in-beoordeling", "Logius beoordeelt uw wijzigingsverzoek",
              "AV 2.6", Ontvanger.AFNEMER, ("technisch",)),
        Soort("wijzigingsverzoek.geaccepteerd",
              "Uw wijzigingsverzoek is geaccepteerd en ingepland in een onderhoudsvenster",
              "AV 2.6", Ontvanger.AFNEMER, ("technisch",)),
        Soort("wijzigingsverzoek.afgewezen", "Uw wijzigingsverzoek is afgewezen, met de reden",
              "AV 2.6", Ontvanger.AFNEMER, ("technisch",)),
        Soort("wijzigingsverzoek.ontvangen", "Nieuw wijzigingsverzoek van een afnemer",
              "AV 2.6", Ontvanger.LOGIUS),
        # Incidents and questions of a dienst with a service level: the article is the
        # duty to inform (AV 2.6); each event's data names the dienst's own article.
        Soort("incident.gemeld", "Uw incidentmelding is geregistreerd, met prioriteit en "
              "oplostermijn", "AV 2.6", Ontvanger.AFNEMER, ("technisch",)),
        Soort("incident.status-gewijzigd", "Een incident van u heeft een nieuwe status",
              "AV 2.6", Ontvanger.AFNEMER, ("technisch",)),
        Soort("incident.prioriteit-gewijzigd",
              "Logius heeft impact of urgentie van uw incident gewijzigd; de oplostermijn is "
              "opnieuw berekend", "AV 2.6", Ontvanger.AFNEMER, ("technisch",)),
        Soort("incident.kennisgeving",
              "Logius meldt een incident met de hoogste prioriteit of een calamiteit aan elke "
              "afnemer van de dienst", "AV 2.6", Ontvanger.AFNEMER, ("technisch",)),
        Soort("incident.ontvangen", "Nieuw incident gemeld of geregistreerd", "AV 2.6",
              Ontvanger.LOGIUS),
        Soort("vraag.gesteld", "Nieuwe vraag of klacht van een afnemer", "AV 2.6",
              Ontvanger.LOGIUS),
        Soort("vraag.beantwoord", "Logius heeft uw vraag of klacht beantwoord", "AV 2.6",
              Ontvanger.AFNEMER, ("algemeen",)),
        # The portal switched a webhook endpoint off after its deliveries failed for too
        # long (WEBHOOK_UITSCHAKELEN_NA): the technical contacts are told by e-mail.
        Soort("webhook.uitgeschakeld", "Een webhook-endpoint is uitgeschakeld omdat elke "
              "bezorging er te lang mislukte", "AV 2.6", Ontvanger.AFNEMER, ("technisch",)),
        # Mandates of an afnemer to an intermediair (core.intermediairs): the intermediair
        # gets the same event by e-mail at its registered contact address.
        Soort("mandaat.verleend", "U heeft een intermediair gemachtigd om namens u te "
              "handelen", "AV 2.6", Ontvanger.AFNEMER, ("algemeen",)),
        Soort("mandaat.beeindigd", "Een mandaat aan een intermediair is ingetrokken of "
              "verlopen; de intermediair handelt niet meer namens u", "AV 2.6",
              Ontvanger.AFNEMER, ("algemeen",)),
        # An invitation to the afnemer (core.gebruikers.uitnodiging): the invited address
        # gets the e-mail with the console's login link; the contactpersonen get none.
        Soort("lidmaatschap.uitgenodigd", "Iemand is uitgenodigd als lid van de afnemer en "
              "krijgt een e-mail met de link naar de console", "AV 2.6", Ontvanger.AFNEMER),
        # An invitation to an intermediair (core.intermediairs.uitnodiging): only the
        # invited address gets it, by e-mail; no afnemer's feed or webhook has it.
        Soort("intermediair.medewerker-uitgenodigd", "Iemand is uitgenodigd als persoon van "
              "een intermediair en krijgt een e-mail met de link naar de console", "AV 2.6",
              Ontvanger.INTERMEDIAIR),
        # The onboarding route of an aansluiting (core.aansluitroutes): each event's data
        # names the step's own article or source.
        Soort("aansluitroute.herinnering",
              "Herinnering: een stap van uw aansluitroute moet binnenkort af zijn", "AV 2.6",
              Ontvanger.AFNEMER, ("algemeen", "technisch")),
        Soort("aansluitroute.te-laat", "Een stap van uw aansluitroute is niet op tijd af",
              "AV 2.6", Ontvanger.AFNEMER, ("algemeen", "technisch")),
        Soort("aansluitroute.afgewezen",
              "Logius heeft een stap van uw aansluitroute afgewezen, met de reden", "AV 2.6",
              Ontvanger.AFNEMER, ("algemeen", "technisch")),
        Soort("aansluitroute.logius-herinnering",
              "Een stap van Logius in een aansluitroute moet binnenkort af zijn", "AV 2.6",
              Ontvanger.LOGIUS),
        Soort("aansluitroute.logius-te-laat",
              "Een stap van Logius in een aansluitroute is niet op tijd af", "AV 2.6",
              Ontvanger.LOGIUS),
        Soort("wijzigingsmelding.te-laat",
              "Wijzigingsmelding binnen drie maanden voor de realisatie", "AV 2.8",
              Ontvanger.LOGIUS),
    )
}


def registreer(soorten) -> None:
    """Add the event types a plugin declares (``dienst_gebeurtenissen``).

    The table is one per process: the first app built registers the installed
    plugins, before the views (whose type filters list the types) are imported. A type
    declared again with the same definition is fine; with another it is refused.
    """
    for gebeurtenis in soorten:
        nieuw = Soort(gebeurtenis.type, gebeurtenis.omschrijving, gebeurtenis.artikel,
                      Ontvanger(gebeurtenis.ontvanger.value), tuple(gebeurtenis.rollen))
        bestaand = SOORTEN.get(nieuw.type)
        if bestaand is not None and bestaand != nieuw:
            raise ValueError(f"gebeurtenistype {nieuw.type!r} bestaat al, anders gedefinieerd")
        SOORTEN[nieuw.type] = nieuw
    _ververs()


def soort(type_: str) -> Soort:
    try:
        return SOORTEN[type_]
    except KeyError:  # a programming error, never user input
        raise ValueError(f"onbekend gebeurtenistype {type_!r}") from None


def afnemer_typen() -> list[str]:
    """The event types an afnemer can subscribe a webhook to."""
    return sorted(t for t, s in SOORTEN.items() if s.ontvanger == Ontvanger.AFNEMER)


#: Every type, and the filters a webhook can take (types and families like
#: ``aankondiging.*``): lists that change in place when a plugin registers types, so
#: the schemas that hold them (validation and the OpenAPI enum) see plugin types too.
ALLE_TYPEN: list[str] = []
TYPE_FILTERS: list[str] = []


def _ververs() -> None:
    ALLE_TYPEN[:] = sorted(SOORTEN)
    TYPE_FILTERS[:] = afnemer_typen() + sorted({t.split(".")[0] + ".*" for t in afnemer_typen()})


_ververs()
