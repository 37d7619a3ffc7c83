"""The dienst's console pages (``dienst_console``): the afnemer's registered certificates,
registering one, and changing one. The reference example of a plugin's pages.

What makes it a console page, for an author to copy:

- the blueprint comes from :func:`core.sdk.console.console_blueprint` (named
  ``certificaten-console``, under ``/console``, with the console's login and CSRF check)
  and its templates from this package's ``templates/`` (packaged as package data);
- every read and write goes through the REST API as the logged-in person (``hulp.lees``,
  ``hulp.schrijf``), so the API's roles, tenant scoping, validation and audit hold here
  as they do for an API client: another afnemer's people get the API's 404, a refused
  write is the API's problem, shown beside the fields it names;
- a form shows only to who may write (``g.principal.mag_beheren``), but the API judges:
  a forged POST gets its 403, shown as the page's, and changes nothing;
- a change sends the ETag the page read as ``If-Match``, so a change made meanwhile is
  refused (412) instead of overwritten;
- the menu entry is the plugin's own :class:`Menuitem` in the ``afnemer`` group.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, g, render_template, request, url_for

from core.sdk.console import ConsoleBijdrage, Menuitem, console_blueprint, hulp

from .dienst import SLUG

bp = console_blueprint(SLUG, __name__)

#: The form's fields as the API names them, each with how the form's text becomes JSON.
VELDEN = {"naam": "tekst", "verlooptOp": str}


def _pad(afnemer_id: uuid.UUID) -> str:
    return f"/afnemers/{afnemer_id}/certificaten"


def _foutstatus(antwoord) -> int:
    """A refused write re-renders its form with the API's status (400, 412...)."""
    return antwoord.status if 400 <= antwoord.status < 500 else 400


@bp.get("/afnemers/<uuid:afnemer_id>/certificaten")
def certificaten(afnemer_id: uuid.UUID, antwoord: Any = None, status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)  # 404 when this person may not see the afnemer
    lijst = hulp.lees(_pad(afnemer_id), query=hulp.filters())
    return render_template(
        "certificaten/lijst.html", afnemer=afnemer, lijst=lijst, antwoord=antwoord,
        waarden=request.form, mag_beheren=g.principal.mag_beheren(afnemer_id),
        paginatitel=f"Certificaten {afnemer['naam']}"), status


@bp.post("/afnemers/<uuid:afnemer_id>/certificaten")
def registreren(afnemer_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    antwoord = hulp.schrijf("POST", _pad(afnemer_id), hulp.formulier(VELDEN))
    return (hulp.gelukt(antwoord, f"Het certificaat {request.form.get('naam', '')} is "
                                  "geregistreerd.",
                        url_for(".certificaten", afnemer_id=afnemer_id))
            or certificaten(afnemer_id, antwoord, _foutstatus(antwoord)))


@bp.get("/afnemers/<uuid:afnemer_id>/certificaten/<uuid:certificaat_id>")
def certificaat(afnemer_id: uuid.UUID, certificaat_id: uuid.UUID, antwoord: Any = None,
                status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    gelezen = hulp.lees(f"{_pad(afnemer_id)}/{certificaat_id}")
    return render_template(
        "certificaten/certificaat.html", afnemer=afnemer, certificaat=gelezen.body,
        etag=gelezen.headers.get("ETag", ""), antwoord=antwoord, waarden=request.form,
        moment=hulp.moment,
        mag_beheren=g.principal.mag_beheren(afnemer_id),
        paginatitel=f"Certificaat {gelezen.body['naam']}"), status


@bp.post("/afnemers/<uuid:afnemer_id>/certificaten/<uuid:certificaat_id>")
def bijwerken(afnemer_id: uuid.UUID, certificaat_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    etag = request.form.get("etag", "")
    if not etag:
        abort(400)
    antwoord = hulp.schrijf("PATCH", f"{_pad(afnemer_id)}/{certificaat_id}",
                            hulp.formulier(VELDEN), headers={"If-Match": etag})
    return (hulp.gelukt(antwoord, "De registratie is bijgewerkt.",
                        url_for(".certificaat", afnemer_id=afnemer_id,
                                certificaat_id=certificaat_id))
            or certificaat(afnemer_id, certificaat_id, antwoord, _foutstatus(antwoord)))


BIJDRAGE = ConsoleBijdrage(bp, (
    Menuitem("afnemer", f"{bp.name}.certificaten", "Certificaten"),
))
