"""A dienst's service level and its monthly norms.

- ``GET /diensten/{slug}/serviceniveau``: what the dienst promises, as data with the
  article of every figure: its functions, what each level of impact and urgency means,
  the priority matrix, the resolution times, the norms and terms.
- ``GET /diensten/{slug}/normen/{jaar}/{maand}`` and ``.../normen/{jaar}``: the share of
  incidents resolved in time per omgeving and priority, and of questions and complaints
  answered in time, against the norms (:mod:`.rapportage`); JSON, or CSV with
  ``Accept: text/csv`` (as the cost overview).

Everyone with a token may read them: the norms are what Logius promises all afnemers of
the dienst together, and the report holds counts only, no afnemer's incident.
"""

from __future__ import annotations

from flask import Response, request
from flask.views import MethodView

from core import tijd
from core.api import Blueprint
from core.config import API_PREFIX
from core.errors import Problem
from core.plugins import diensten
from core.serviceniveau import meldregels
from core.serviceniveau.normen import rapportage
from core.serviceniveau.normen.schemas import (
    JaarnormenSchema,
    MaandnormenSchema,
    ServiceniveauSchema,
)
from core.serviceniveau.typen import Serviceniveau

blp = Blueprint(
    "normen", __name__, url_prefix=f"{API_PREFIX}/diensten",
    description="Het serviceniveau van een dienst en de maandnormen: incidenten binnen de "
                "oplostijd, vragen en klachten binnen de reactietermijn",
)

CSV = "text/csv"
CSV_VOORBEELD = (",".join(rapportage.KOLOMMEN) + "\r\n"
                 "2027-03,incident,productie,2,10 kantooruren,20,18,2,1,90.00,85.00,true,"
                 "SNO 2 Oplostijden\r\n"
                 "2027-03,vraag-of-klacht,,,3 werkdagen,12,12,0,0,100.00,99.00,true,"
                 "SNO 2 Reactietijden\r\n")
_WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def _serviceniveau(slug: str) -> Serviceniveau:
    if diensten().get(slug) is None:
        raise Problem(404, f"Er is geen dienst {slug!r}.", code="niet-gevonden")
    sn = meldregels.serviceniveau(slug)
    if sn is None:
        raise Problem(404, f"De dienst {slug!r} heeft geen serviceniveau (hook "
                      f"{meldregels.HOOK}).", code="niet-gevonden")
    return sn


def _csv_of_json(rapport: dict, naam: str):
    if request.accept_mimetypes.best_match(["application/json", CSV]) == CSV:
        return Response(rapportage.als_csv(rapport), mimetype=CSV, headers={
            "Content-Disposition": f'attachment; filename="{naam}.csv"'})
    return rapport


def _csv_doc(schema) -> dict:
    return {"200": {"description": "De normen als JSON, of als CSV bij Accept: text/csv",
                    "content": {"application/json": {"schema": schema},
                                CSV: {"schema": {"type": "string"},
                                      "example": CSV_VOORBEELD}}}}


@blp.route("/<string:slug>/normen/<jaar:jaar>/<int(min=1, max=12):maand>")
class Maandnormen(MethodView):
    @blp.response(200, MaandnormenSchema)
    @blp.doc(responses=_csv_doc(MaandnormenSchema))
    @blp.problems(404)
    def get(self, slug: str, jaar: int, maand: int):
        """De normen van een maand: incidenten binnen de oplostijd, vragen binnen de termijn

        Per omgeving en prioriteit het aandeel van de incidenten die in de maand gemeld zijn
        (Europe/Amsterdam) en binnen hun oplostijd zijn opgelost, tegen de norm van de
        dienst; een open incident waarvan de oplostijd al voorbij is, telt als te laat, een
        dat het nog kan halen als lopend. Daarnaast de vragen en klachten van de maand,
        beantwoord binnen de reactietermijn. Met `Accept: text/csv` als CSV.
        """
        sn = _serviceniveau(slug)
        rapport = rapportage.maandrapport(slug, sn, jaar, maand, tijd.utcnow())
        return _csv_of_json(rapport, f"normen-{slug}-{jaar}-{maand:02d}")


@blp.route("/<string:slug>/normen/<jaar:jaar>")
class Jaarnormen(MethodView):
    @blp.response(200, JaarnormenSchema)
    @blp.doc(responses=_csv_doc(JaarnormenSchema))
    @blp.problems(404)
    def get(self, slug: str, jaar: int):
        """De normen van een jaar: het hele jaar en elk van de twaalf maanden

        Zoals de maand, over het jaar en per maand (voor grafieken). Met `Accept: text/csv`
        als CSV: de twaalf maanden en dan het jaar.
        """
        sn = _serviceniveau(slug)
        return _csv_of_json(rapportage.jaarrapport(slug, sn, jaar, tijd.utcnow()),
                            f"normen-{slug}-{jaar}")


def _venster(v) -> dict:
    return {"begin": f"{v.begin:%H:%M}", "eind": f"{v.eind:%H:%M}"}


@blp.route("/<string:slug>/serviceniveau")
class ServiceniveauView(MethodView):
    @blp.response(200, ServiceniveauSchema)
    @blp.problems(404)
    def get(self, slug: str):
        """Het serviceniveau van een dienst, elk cijfer met zijn artikel

        De functies die een incident kan raken, wat elk niveau van impact en urgentie bij
        deze dienst betekent, de prioriteitenmatrix, de oplostijden per omgeving en
        prioriteit (klok- of kantooruren), de normen en de termijnen. Een dienst zonder
        serviceniveau geeft 404.
        """
        sn = _serviceniveau(slug)
        return {
            "dienst": slug, "bron": sn.bron,
            "functies": [{"slug": f.slug, "naam": f.naam, "omschrijving": f.omschrijving}
                         for f in sn.functies],
            "impact": [{"niveau": d.niveau.value, "omschrijving": d.omschrijving}
                       for d in sn.impact],
            "urgentie": [{"niveau": d.niveau.value, "omschrijving": d.omschrijving}
                         for d in sn.urgentie],
            "prioriteiten": [{"impact": i.value, "urgentie": u.value, "prioriteit": p}
                             for (i, u), p in sn.prioriteiten.items()],
            "prioriteit_artikel": sn.prioriteit_artikel,
            "oplostijden": [{"omgeving": o.omgeving, "prioriteit": o.prioriteit,
                             "uren": o.uren, "soort": o.soort.value, "artikel": o.artikel}
                            for o in sn.oplostijden],
            "oplosnorm": sn.oplosnorm, "oplosnorm_artikel": sn.oplosnorm_artikel,
            "kantooruren": _venster(sn.kantooruren),
            "kantooruren_artikel": sn.kantooruren_artikel,
            "reactietermijn": {"werkdagen": sn.reactietermijn.werkdagen,
                               "norm": sn.reactietermijn.norm,
                               "artikel": sn.reactietermijn.artikel},
            "meldtermijn_minuten": sn.meldtermijn_minuten,
            "meldtermijn_artikel": sn.meldtermijn_artikel,
            "beschikbaarheid": [{"omgeving": b.omgeving, "norm": b.norm,
                                 "venster": _venster(b.venster) if b.venster else None,
                                 "artikel": b.artikel} for b in sn.beschikbaarheid],
            "onderhoud": [{"omgeving": o.omgeving,
                           "dagen": [f"{n}e {_WEEKDAGEN[d]}" for n, d in o.dagen],
                           "venster": _venster(o), "max_per_maand": o.max_per_maand,
                           "max_uren": o.max_uren, "artikel": o.artikel}
                          for o in sn.onderhoud],
        }
