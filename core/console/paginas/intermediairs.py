"""Intermediairs: the register (Logius beheerders: list, search by KvK-nummer, register one
with its KvK-nummer checked while it is typed) and one intermediair's page: the mandates
afnemers gave it (read only: an afnemer grants and revokes them on its own Mandaten
page), its API tokens (made with the token shown once on the answer, revoked), its
people (invited by e-mail, who get the invitation's e-mail; ended) and its machine
clients (bound, revoked).

A person of an intermediair sees their own intermediair's page, read only: the API lets
them read it, its mandates, people and machine clients, not its tokens, and changes
nothing for them (a forged form gets the API's 403). Everything goes through the API as
the logged-in person.
"""

from __future__ import annotations

import uuid

from flask import abort, g, redirect, render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord
from core.console.paginas.tokens import SCOPES, _einde_van_de_dag
from core.console.views import bp
from core.intermediairs.schemas import MANDAATSTATUSSEN, IntermediairFilterSchema

#: The registration form: API field to converter (hulp.formulier).
VELDEN = {"naam": "tekst", "kvkNummer": str, "email": str}
#: The detail page's other lists show this many rows (the mandates are paged).
REGELS = 100


@bp.get("/intermediairs")
def intermediairs():
    principal = hulp.ingelogd()
    if principal.intermediair_id is not None:
        # The register shows a person of an intermediair only their own.
        return redirect(url_for("console.intermediair", intermediair_id=principal.intermediair_id))
    if not principal.is_logius_beheerder:
        abort(403)
    return _register()


@bp.post("/intermediairs")
def intermediair_registreren():
    hulp.ingelogd()
    antwoord = hulp.schrijf("POST", "/intermediairs", hulp.formulier(VELDEN))
    if antwoord.ok:
        return hulp.gelukt(antwoord, f"{antwoord.body['naam']} is geregistreerd.",
                           url_for("console.intermediair", intermediair_id=antwoord.body["id"]))
    return _register(antwoord=antwoord, waarden=request.form,
                     status=antwoord.status if antwoord.status in (403, 409) else 400)


def _register(*, antwoord: Antwoord | None = None, waarden=None, status: int = 200):
    lijst = hulp.lees("/intermediairs", query=hulp.filters("kvkNummer"))
    return render_template(
        "console/intermediairs/intermediairs.html", paginatitel="Intermediairs", lijst=lijst,
        antwoord=antwoord, waarden=waarden or {}, filter=request.args,
        mag_beheren=g.principal.is_logius_beheerder), status


@bp.get("/intermediairs/kvk-controle")
def intermediair_kvk_controle():
    """The live check of the KvK field: an HTML fragment saying whether the number is
    valid by the API's rule (core.api.fields.kvk_nummer) and whether an intermediair has
    it already."""
    if not hulp.ingelogd().is_logius_beheerder:
        abort(403)
    kvk = request.args.get("kvkNummer", "").strip()
    fout, bestaand = None, None
    if kvk:
        fouten = IntermediairFilterSchema().validate({"kvkNummer": kvk})
        fout = " ".join(fouten.get("kvkNummer", [])) or None
        if fout is None:
            gevonden = hulp.lees("/intermediairs", query={"kvkNummer": kvk}).items
            bestaand = gevonden[0] if gevonden else None
    return render_template("console/intermediairs/_kvk.html", kvk=kvk, fout=fout,
                           bestaand=bestaand)


@bp.get("/intermediairs/<uuid:intermediair_id>")
def intermediair(intermediair_id: uuid.UUID, antwoord: Antwoord | None = None,
                 formulier: str = "", status: int = 200):
    principal = hulp.ingelogd()
    basis = f"/intermediairs/{intermediair_id}"
    gegevens = hulp.lees(basis).body
    # The mandates exist for Logius and the intermediair itself only: for anyone else
    # (an afnemer's people, who may read the register) the API's 404 is the page's.
    mandaten = hulp.lees(f"{basis}/mandaten", query=hulp.filters("status"))
    mag_beheren = principal.is_logius_beheerder
    tokens = hulp.lees(f"{basis}/api-tokens", query={"paginaGrootte": REGELS}, nodig=False)
    medewerkers = hulp.lees(f"{basis}/medewerkers", query={"paginaGrootte": REGELS})
    clients = hulp.lees(f"{basis}/machine-clients", query={"paginaGrootte": REGELS})
    return render_template(
        "console/intermediairs/intermediair.html", paginatitel=f"Intermediair {gegevens['naam']}",
        intermediair=gegevens, mandaten=mandaten, afnemers=_afnemernamen(mandaten.items),
        statussen=MANDAATSTATUSSEN, filter=request.args, tokens=tokens,
        medewerkers=medewerkers, clients=clients, scopes=SCOPES, antwoord=antwoord,
        formulier=formulier, toon=formulier or request.args.get("formulier", ""),
        waarden=request.form if antwoord is not None else {}, mag_beheren=mag_beheren,
        regels=REGELS, moment=hulp.moment), status


def _afnemernamen(mandaten: list[dict]) -> dict[str, str]:
    """The names of the mandates' afnemers: one page of the afnemers this person may read
    (for a person of the intermediair: exactly those that mandate it), and an afnemer of
    this page of mandates not on it read by itself."""
    namen = {a["id"]: a["naam"] for a in hulp.lees(
        "/afnemers", query={"paginaGrootte": REGELS}, nodig=False).items}
    for afnemer_id in dict.fromkeys(m["afnemerId"] for m in mandaten):
        if afnemer_id not in namen:
            gevonden = hulp.lees(f"/afnemers/{afnemer_id}", nodig=False)
            if gevonden.ok:
                namen[afnemer_id] = gevonden.body["naam"]
    return namen


@bp.post("/intermediairs/<uuid:intermediair_id>")
def intermediair_wijzigen(intermediair_id: uuid.UUID):
    hulp.ingelogd()
    basis = f"/intermediairs/{intermediair_id}"
    gegevens = hulp.lees(basis).body
    terug = url_for("console.intermediair", intermediair_id=intermediair_id)
    actie = request.form.get("actie", "")
    if actie == "token":
        body = hulp.formulier({"naam": "tekst", "scopes": str,
                               "verlooptOp": _einde_van_de_dag}, lijsten=("scopes",))
        antwoord = hulp.schrijf("POST", f"{basis}/api-tokens", body)
        if antwoord.ok:
            # Shown once: on this answer only, never kept in the session or anywhere else.
            return render_template(
                "console/tokens/nieuw.html", token=antwoord.body, terug=terug,
                terug_tekst=f"Terug naar {gegevens['naam']}",
                paginatitel="API-token aangemaakt"), 201
    elif actie == "medewerker":
        antwoord = hulp.schrijf("POST", f"{basis}/medewerkers", hulp.formulier({"email": str}))
        if antwoord.ok:
            return hulp.gelukt(antwoord, f"{antwoord.body['email']} is uitgenodigd en krijgt "
                               "een e-mail met de link naar de console.", terug)
    elif actie == "client":
        body = hulp.formulier({"clientId": str, "naam": "tekst", "bewijs": str, "scopes": str},
                              lijsten=("scopes",))
        antwoord = hulp.schrijf("POST", f"{basis}/machine-clients", body)
        if antwoord.ok:
            return hulp.gelukt(antwoord, "De machine client is gebonden.", terug)
    elif actie in ("token-intrekken", "client-intrekken", "medewerker-beeindigen"):
        soort = {"token-intrekken": "api-tokens", "client-intrekken": "machine-clients",
                 "medewerker-beeindigen": "medewerkers"}[actie]
        try:
            ident = uuid.UUID(request.form.get("id", ""))
        except ValueError:
            abort(400)
        antwoord = hulp.schrijf("DELETE", f"{basis}/{soort}/{ident}")
        if antwoord.ok:
            return hulp.gelukt(antwoord, "Beëindigd: het werkt direct niet meer."
                               if soort == "medewerkers" else
                               "Ingetrokken: het werkt direct niet meer.", terug)
    else:
        abort(400)
    return intermediair(intermediair_id, antwoord, actie,
                        antwoord.status if 400 <= antwoord.status < 500 else 400)
