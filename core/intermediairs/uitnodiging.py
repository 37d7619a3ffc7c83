"""The e-mail of an invitation to an intermediair: whoever Logius invites as a person of
an intermediair hears it by e-mail, with who invited them, for which intermediair, what
that lets them do, and the console's login link (as an afnemer's invitation does,
:mod:`core.gebruikers.uitnodiging`).

It goes through the outbox as the event ``intermediair.medewerker-uitgenodigd``, of no
afnemer, with one e-mail delivery to the invited address, added in the transaction of
the invitation: the worker sends it, with retries, as every other e-mail.
"""

from __future__ import annotations

from core.auth.principal import Principal
from core.gebruikers.models import LidmaatschapStatus
from core.gebruikers.uitnodiging import login_alinea, login_url, mail_aan
from core.intermediairs.models import Intermediair, IntermediairMedewerker
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
        + login_alinea(actief, link))
    gebeurtenis = publiceer(type=TYPE, afnemer_id=None, onderwerp=onderwerp, tekst=tekst,
                            data={
                                "medewerkerId": str(medewerker.id),
                                "intermediairId": str(intermediair.id),
                                "intermediair": intermediair.naam, "email": medewerker.email,
                                "status": medewerker.status, "uitgenodigdDoor": door.naam,
                                "loginUrl": link})
    mail_aan(gebeurtenis, medewerker.email, None)
