"""The e-mail of an invitation to an intermediair: whoever Logius invites as a person of
an intermediair hears it by e-mail, with who invited them, for which intermediair, what
that lets them do, and the console's login link (as an afnemer's invitation does,
:mod:`core.gebruikers.uitnodiging`).

It goes through the outbox as the event ``intermediair.medewerker-uitgenodigd``, of no
afnemer, with one e-mail delivery to the invited address, added in the transaction of
the invitation: the worker sends it, with retries, as every other e-mail.
"""

from __future__ import annotations

import uuid

from core.auth.principal import Principal
from core.db import db
from core.gebruikers.models import LidmaatschapStatus
from core.gebruikers.uitnodiging import login_url
from core.intermediairs.models import Intermediair, IntermediairMedewerker
from core.meldingen.models import Bezorging, BezorgStatus, Kanaal
from core.meldingen.outbox import publiceer

TYPE = "intermediair.medewerker-uitgenodigd"


def meld(medewerker: IntermediairMedewerker, intermediair: Intermediair,
         door: Principal) -> None:
    """Queue the invitation's e-mail to ``medewerker.email`` (the caller commits)."""
    link = login_url()
    actief = medewerker.status == LidmaatschapStatus.ACTIEF.value
    onderwerp = f"Uitnodiging voor het Afnemersportaal: intermediair {intermediair.naam}"
    tekst = (
        f"Beste {medewerker.email},\n\n"
        f"{door.naam} heeft u uitgenodigd als persoon van intermediair {intermediair.naam} "
        f"(KvK {intermediair.kvk_nummer}) in het Afnemersportaal van Logius. U handelt dan "
        f"namens elke afnemer die {intermediair.naam} een mandaat gaf, binnen dat mandaat, "
        "en voor geen afnemer uit uzelf.\n\n"
        + ("U bent al bekend in het portaal: het lidmaatschap is direct actief. Log in via:\n"
           if actief else
           "Log in met dit e-mailadres via de link hieronder. Het lidmaatschap gaat in zodra "
           "u voor het eerst inlogt met dit e-mailadres, bevestigd door de inlogdienst:\n")
        + f"{link}\n\n"
        "Verwachtte u deze uitnodiging niet? Dan kunt u dit bericht negeren; zonder in te "
        "loggen gebeurt er niets.")
    gebeurtenis = publiceer(type=TYPE, afnemer_id=None, onderwerp=onderwerp, tekst=tekst,
                            data={
                                "medewerkerId": str(medewerker.id),
                                "intermediairId": str(intermediair.id),
                                "intermediair": intermediair.naam, "email": medewerker.email,
                                "status": medewerker.status, "uitgenodigdDoor": door.naam,
                                "loginUrl": link})
    db.session.add(Bezorging(
        id=uuid.uuid4(), gebeurtenis_id=gebeurtenis.id, afnemer_id=None,
        kanaal=Kanaal.EMAIL.value, adres=medewerker.email, status=BezorgStatus.WACHTEND.value,
        pogingen=0, volgende_poging_op=gebeurtenis.aangemaakt_op,
        aangemaakt_op=gebeurtenis.aangemaakt_op))
