"""Availability of a dienst with a service level: what Logius records, and the figures.

- ``/diensten/{slug}/onbeschikbaarheid``: the recorded unavailability (outages, planned
  and emergency maintenance); Logius beheerders record, correct (PATCH, If-Match) and
  delete (If-Match) it; every change is kept in ``.../onbeschikbaarheidswijzigingen``;
- ``/diensten/{slug}/beschikbaarheid/{jaar}/{maand}?omgeving=``: one month by the
  formula of the dienst's service level; ``.../beschikbaarheid/{jaar}``: its twelve
  months, for plots.

Who reads: everyone with a token (read scope), afnemers with or without an aansluiting
on the dienst. The availability of a dienst is the same for all its afnemers and no
afnemer's data; the records behind it are readable too, so an afnemer can check a
figure, and the service level is public (a status page shows it). Writing and the
change history are for Logius beheerders only.
"""

from __future__ import annotations

import uuid

from flask.views import MethodView

from core.api import Blueprint
from core.api.etag import check_if_match
from core.api.pagination import pagina_schema, paginate
from core.api.responses import aangemaakt, commit, met_etag
from core.auth.middleware import current_principal
from core.config import API_PREFIX
from core.serviceniveau import beschikbaarheid_service as service
from core.serviceniveau.beschikbaarheid_schemas import (
    BeschikbaarheidArgs,
    JaarRapportSchema,
    MaandRapportSchema,
    OnbeschikbaarhedenArgs,
    OnbeschikbaarheidSchema,
    OnbeschikbaarheidWijzigenSchema,
    OnbeschikbaarheidWijzigingSchema,
    WijzigingenArgs,
)
from core.tenancy import alleen_logius

onbeschikbaarheid = Blueprint(
    "onbeschikbaarheid", __name__, url_prefix=f"{API_PREFIX}/diensten/<string:slug>",
    description="Vastgelegde onbeschikbaarheid van een dienst met een serviceniveau: "
    "storingen, gepland onderhoud en spoedonderhoud (Logius legt vast, iedereen leest)",
)
beschikbaarheid = Blueprint(
    "beschikbaarheid", __name__, url_prefix=f"{API_PREFIX}/diensten/<string:slug>/beschikbaarheid",
    description="Beschikbaarheid per maand volgens de formule van het serviceniveau van de "
    "dienst, en de twaalf maanden van een jaar",
)


@onbeschikbaarheid.route("/onbeschikbaarheid")
class Onbeschikbaarheden(MethodView):
    @onbeschikbaarheid.arguments(OnbeschikbaarhedenArgs, location="query")
    @onbeschikbaarheid.response(200, pagina_schema(OnbeschikbaarheidSchema))
    def get(self, args, slug: str):
        """Vastgelegde onbeschikbaarheid van een dienst, nieuwste eerst"""
        return paginate(service.lijst(slug, args), args)

    @alleen_logius
    @onbeschikbaarheid.arguments(OnbeschikbaarheidSchema)
    @onbeschikbaarheid.response(201, OnbeschikbaarheidSchema)
    @onbeschikbaarheid.problems(403)
    def post(self, data, slug: str):
        """Onbeschikbaarheid vastleggen (alleen Logius-beheerder)

        Een storing, gepland onderhoud of spoedonderhoud in één omgeving, met de getroffen
        functies uit het serviceniveau van de dienst. Zonder `tot` duurt zij nog en telt
        zij mee tot nu; sluit haar later met PATCH. Alle fouten tegelijk in één 400; een
        dienst zonder serviceniveau geeft 404. Vastgelegd in
        /diensten/{slug}/onbeschikbaarheidswijzigingen.
        """
        record = service.registreer(slug, data, current_principal())
        commit()
        return aangemaakt(record, "onbeschikbaarheid.OnbeschikbaarheidView",
                          slug=slug, onbeschikbaarheid_id=record.id)


@onbeschikbaarheid.route("/onbeschikbaarheid/<uuid:onbeschikbaarheid_id>")
class OnbeschikbaarheidView(MethodView):
    @onbeschikbaarheid.response(200, OnbeschikbaarheidSchema)
    def get(self, slug: str, onbeschikbaarheid_id: uuid.UUID):
        """Eén vastgelegde onbeschikbaarheid"""
        return met_etag(service.record_of_404(slug, onbeschikbaarheid_id))

    @alleen_logius
    @onbeschikbaarheid.arguments(OnbeschikbaarheidWijzigenSchema)
    @onbeschikbaarheid.response(200, OnbeschikbaarheidSchema)
    @onbeschikbaarheid.if_match()
    @onbeschikbaarheid.problems(403)
    def patch(self, data, slug: str, onbeschikbaarheid_id: uuid.UUID):
        """Onbeschikbaarheid corrigeren of afsluiten (alleen Logius-beheerder)

        Alleen de velden die u stuurt veranderen; het geheel moet daarna nog aan de regels
        voldoen. De cijfers van elke maand die het raakt, veranderen mee.
        """
        record = service.record_of_404(slug, onbeschikbaarheid_id)
        check_if_match(record)
        service.wijzig(record, data, current_principal())
        commit()
        return met_etag(record)

    @alleen_logius
    @onbeschikbaarheid.response(204)
    @onbeschikbaarheid.if_match()
    @onbeschikbaarheid.problems(403)
    def delete(self, slug: str, onbeschikbaarheid_id: uuid.UUID):
        """Onbeschikbaarheid verwijderen (alleen Logius-beheerder)

        Voor een vastlegging die niet had mogen bestaan; de wijzigingsgeschiedenis blijft.
        """
        record = service.record_of_404(slug, onbeschikbaarheid_id)
        check_if_match(record)
        service.verwijder(record, current_principal())
        commit()


@onbeschikbaarheid.route("/onbeschikbaarheidswijzigingen")
class Wijzigingen(MethodView):
    @alleen_logius
    @onbeschikbaarheid.arguments(WijzigingenArgs, location="query")
    @onbeschikbaarheid.response(200, pagina_schema(OnbeschikbaarheidWijzigingSchema))
    @onbeschikbaarheid.problems(403)
    def get(self, args, slug: str):
        """Wie welke onbeschikbaarheid vastlegde, wijzigde of verwijderde, nieuwste eerst
        (alleen Logius-beheerder)"""
        return paginate(service.wijzigingen(slug, args.get("onbeschikbaarheid_id")), args)


@beschikbaarheid.route("/<jaar:jaar>/<int(min=1, max=12):maand>")
class Maand(MethodView):
    @beschikbaarheid.arguments(BeschikbaarheidArgs, location="query")
    @beschikbaarheid.response(200, MaandRapportSchema)
    def get(self, args, slug: str, jaar: int, maand: int):
        """Beschikbaarheid van één maand

        (uren in maand - uren onbeschikbaar - uren gepland onderhoud) / (uren in maand -
        uren gepland onderhoud) x 100 (zoals SNO 2 Beschikbaarheid). De uren zijn echte
        uren in Europe/Amsterdam (743 in maart, 745 in oktober); een omgeving met een
        beschikbaarheidsvenster (zoals pre-productie in SNO 2.8: werkdagen 08:00-18:00) telt alleen
        de uren daarbinnen. Spoedonderhoud telt als onbeschikbaar; overlap telt één keer,
        en een uur dat gepland onderhoud én onbeschikbaar is, telt als gepland onderhoud.
        Het percentage heeft 2 decimalen, naar beneden afgerond; `gehaald` vergelijkt het
        exacte cijfer met de norm.
        """
        vraag = service.meetvraag(slug, args["omgeving"], args.get("functie"))
        meting = service.maand(vraag, jaar, maand)
        commit()  # the year's holidays may have been seeded
        return {**service.rapport(vraag), **service.als_dict(meting)}


@beschikbaarheid.route("/<jaar:jaar>")
class Jaar(MethodView):
    @beschikbaarheid.arguments(BeschikbaarheidArgs, location="query")
    @beschikbaarheid.response(200, JaarRapportSchema)
    def get(self, args, slug: str, jaar: int):
        """Beschikbaarheid van de twaalf maanden van een jaar (voor een grafiek)

        Elke maand zoals GET .../beschikbaarheid/{jaar}/{maand} haar geeft.
        """
        vraag = service.meetvraag(slug, args["omgeving"], args.get("functie"))
        maanden = service.jaar(vraag, jaar)
        commit()  # the year's holidays may have been seeded
        return {**service.rapport(vraag), "jaar": jaar,
                "maanden": [service.als_dict(m) for m in maanden]}
