"""The e-mail of an invitation: whoever is invited to an afnemer hears it by e-mail, with
who invited them, to which afnemer, with which role, and the console's login link.

It goes through the outbox as the event ``lidmaatschap.uitgenodigd`` of the afnemer (its
webhooks may subscribe to it; its contactpersonen get no mail of it), with one e-mail
delivery to the invited address, added in the transaction of the invitation: the worker
sends it, with retries, as every other e-mail.
"""

from __future__ import annotations

import uuid

from flask import current_app, has_request_context, request

from core.auth.principal import Principal, Rol
from core.db import db
from core.gebruikers.models import Lidmaatschap, LidmaatschapStatus
from core.meldingen.models import Bezorging, BezorgStatus, Kanaal
from core.meldingen.outbox import publiceer

TYPE = "lidmaatschap.uitgenodigd"
#: What each role may do, in the words of the e-mail.
ROLWOORDEN = {
    Rol.AFNEMER_BEHEERDER.value: "beheerder: u kunt alles inzien en wijzigen, en anderen "
                                 "uitnodigen",
    Rol.AFNEMER_MEDEWERKER.value: "medewerker: u kunt alles inzien, maar niets wijzigen",
}


def login_url() -> str:
    """The console's login page: at the portal's public address (``PUBLIC_URL``), else at
    the host the request came in on."""
    basis = (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    if not basis and has_request_context():
        basis = request.host_url.rstrip("/")
    return f"{basis}/console/login"


def login_alinea(actief: bool, link: str) -> str:
    """The end of every invitation: how the membership starts, the login link, and what
    to do with an invitation not expected."""
    return (("U bent al bekend in het portaal: het lidmaatschap is direct actief. Log in "
             "via:\n" if actief else
             "Log in met dit e-mailadres via de link hieronder. Het lidmaatschap gaat in "
             "zodra u voor het eerst inlogt met dit e-mailadres, bevestigd door de "
             "inlogdienst:\n")
            + f"{link}\n\n"
            "Verwachtte u deze uitnodiging niet? Dan kunt u dit bericht negeren; zonder in "
            "te loggen gebeurt er niets.")


def mail_aan(gebeurtenis, adres: str, afnemer_id: uuid.UUID | None) -> None:
    """One e-mail delivery of ``gebeurtenis`` to the invited address, in this transaction."""
    db.session.add(Bezorging(
        id=uuid.uuid4(), gebeurtenis_id=gebeurtenis.id, afnemer_id=afnemer_id,
        kanaal=Kanaal.EMAIL.value, adres=adres, status=BezorgStatus.WACHTEND.value,
        pogingen=0, volgende_poging_op=gebeurtenis.aangemaakt_op,
        aangemaakt_op=gebeurtenis.aangemaakt_op))


def meld(lid: Lidmaatschap, afnemer_naam: str, door: Principal) -> None:
    """Queue the invitation's e-mail to ``lid.email`` (the caller commits)."""
    link = login_url()
    actief = lid.status == LidmaatschapStatus.ACTIEF.value
    rol = ROLWOORDEN.get(lid.rol, lid.rol)
    onderwerp = f"Uitnodiging voor het Afnemersportaal: {afnemer_naam}"
    tekst = (
        f"Beste {lid.email},\n\n"
        f"{door.naam} heeft u uitgenodigd voor {afnemer_naam} in het Afnemersportaal van "
        f"Logius, met de rol {lid.rol} ({rol}).\n\n"
        + login_alinea(actief, link))
    gebeurtenis = publiceer(type=TYPE, afnemer_id=lid.afnemer_id, onderwerp=onderwerp,
                            tekst=tekst, data={
                                "lidmaatschapId": str(lid.id), "email": lid.email,
                                "rol": lid.rol, "status": lid.status,
                                "uitgenodigdDoor": door.naam, "afnemer": afnemer_naam,
                                "loginUrl": link})
    mail_aan(gebeurtenis, lid.email, lid.afnemer_id)
