"""The members of an afnemer: who uses the portal for it, with which role. A beheerder
invites someone (the API queues the invitation's e-mail with the console's login link),
changes a role or ends a membership; every change goes through the API
(``/afnemers/{id}/lidmaatschappen``) as the person, with the ETag it read, and a refusal
is the API's, shown beside the field it names."""

from __future__ import annotations

import uuid

from flask import abort, g, render_template, request, url_for

from core.auth.principal import AFNEMER_ROLLEN
from core.console import hulp
from core.console.api import Antwoord
from core.console.views import bp

STATUSSEN = ("uitgenodigd", "actief", "beeindigd")


def _pagina(afnemer_id: uuid.UUID, *, antwoord: Antwoord | None = None, melding: str = "",
            status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    leden = hulp.lees(f"/afnemers/{afnemer_id}/lidmaatschappen", query=hulp.filters("status"))
    return render_template(
        "console/leden.html", afnemer=afnemer, paginatitel=f"Leden van {afnemer['naam']}",
        leden=leden, rollen=[r.value for r in AFNEMER_ROLLEN], statussen=STATUSSEN,
        gekozen_status=request.args.get("status", ""), antwoord=antwoord, melding=melding,
        ingevuld=request.form if antwoord is not None else {},
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.get("/afnemers/<uuid:afnemer_id>/leden")
def leden(afnemer_id: uuid.UUID):
    return _pagina(afnemer_id)


@bp.post("/afnemers/<uuid:afnemer_id>/leden")
def leden_wijzigen(afnemer_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    basis = f"/afnemers/{afnemer_id}/lidmaatschappen"
    terug = url_for("console.leden", afnemer_id=afnemer_id)
    actie = request.form.get("actie")
    if actie == "uitnodigen":
        body = hulp.formulier({"email": "tekst", "rol": "tekst"})
        antwoord = hulp.schrijf("POST", basis, body)
        if antwoord.ok:
            lid = antwoord.body
            return hulp.gelukt(antwoord, f"{lid['email']} is uitgenodigd als {lid['rol']}. "
                               "Er gaat een e-mail met de link om in te loggen naar dit adres.",
                               terug)
        melding = antwoord.melding
        if {"email", "rol"} & set(antwoord.veldfouten):
            melding = "Vul een geldig e-mailadres en een rol in. " + melding
        return _pagina(afnemer_id, antwoord=antwoord, melding=melding,
                       status=antwoord.status)
    try:
        lid_id = uuid.UUID(request.form.get("lidmaatschap", ""))
    except ValueError:
        abort(400)
    pad = f"{basis}/{lid_id}"
    gelezen = hulp.lees(pad)  # 404 for another afnemer's membership
    etag = {"If-Match": gelezen.headers.get("ETag", "")}
    email = gelezen.body["email"]
    if actie == "rol":
        rol = request.form.get("rol", "")
        antwoord = hulp.schrijf("PATCH", pad, {"rol": rol}, headers=etag)
        bericht = f"De rol van {email} is nu {rol}."
    elif actie == "beeindigen":
        antwoord = hulp.schrijf("DELETE", pad, headers=etag)
        bericht = f"Het lidmaatschap van {email} is beëindigd."
    else:
        abort(400)
    return hulp.gelukt(antwoord, bericht, terug) or _pagina(
        afnemer_id, antwoord=antwoord, melding=antwoord.melding, status=antwoord.status)
