"""The generally recognised public holidays (Algemene termijnenwet art. 3), per year.

- ``/feestdagen?jaar=``: the holidays of a year (anyone with a token reads them; the
  year is seeded from the ``holidays`` package the first time it is asked for); POST adds
  a day (Logius beheerder);
- ``/feestdagen/{datum}``: one day; PATCH renames it, DELETE removes it (Logius
  beheerder, with If-Match);
- ``/feestdagwijzigingen``: every change a beheerder made, newest first (Logius).

Working days (SNO 2.8 and the other rules that count them) are Monday to Friday minus
these days.
"""

from __future__ import annotations

from datetime import date

from flask.views import MethodView

from core.api import Blueprint
from core.api.etag import check_if_match
from core.api.pagination import pagina_schema, paginate
from core.api.responses import aangemaakt, commit, met_etag
from core.auth.middleware import current_principal
from core.config import API_PREFIX
from core.feestdagen import service
from core.feestdagen.schemas import (
    FeestdagenArgs,
    FeestdagSchema,
    FeestdagWijzigenSchema,
    FeestdagWijzigingSchema,
    WijzigingenArgs,
)
from core.tenancy import alleen_logius

blp = Blueprint(
    "feestdagen", __name__, url_prefix=f"{API_PREFIX}/feestdagen",
    description="Algemeen erkende feestdagen per jaar (Algemene termijnenwet art. 3): "
    "werkdagen zijn maandag tot en met vrijdag zonder deze dagen",
)
wijzigingen = Blueprint(
    "feestdagwijzigingen", __name__, url_prefix=f"{API_PREFIX}/feestdagwijzigingen",
    description="Wie welke feestdag toevoegde, hernoemde of verwijderde",
)


@blp.route("")
class Feestdagen(MethodView):
    @blp.arguments(FeestdagenArgs, location="query")
    @blp.response(200, pagina_schema(FeestdagSchema))
    def get(self, args):
        """De feestdagen van een jaar

        Gevuld uit het pakket holidays de eerste keer dat het jaar nodig is, met de dagen
        die art. 3 lid 1 van de Algemene termijnenwet noemt: Nieuwjaarsdag, tweede paas-
        en pinksterdag, Hemelvaartsdag, Koningsdag, 5 mei (elk jaar) en beide kerstdagen.
        Goede Vrijdag staat er niet in. Daarna houdt een Logius-beheerder de lijst bij.
        """
        service.zaai([args["jaar"]])
        pagina = paginate(service.van_jaar(args["jaar"]), args)
        commit()  # a year seeded on first use
        return pagina

    @alleen_logius
    @blp.arguments(FeestdagSchema)
    @blp.response(201, FeestdagSchema)
    @blp.problems(403, 409)
    def post(self, data):
        """Een feestdag toevoegen (alleen Logius-beheerder)

        Bijvoorbeeld een dag die bij algemene maatregel van bestuur met de feestdagen is
        gelijkgesteld (Algemene termijnenwet art. 3 lid 2). Een datum die al een feestdag
        is, geeft 409. Vastgelegd in /feestdagwijzigingen.
        """
        record = service.voeg_toe(data["datum"], data["naam"], current_principal())
        commit()
        return aangemaakt(record, "feestdagen.FeestdagView", datum=record.datum)


@blp.route("/<datum:datum>")
class FeestdagView(MethodView):
    @blp.response(200, FeestdagSchema)
    def get(self, datum: date):
        """Eén feestdag"""
        record = service.feestdag_of_404(datum)
        commit()  # its year may have been seeded
        return met_etag(record)

    @alleen_logius
    @blp.arguments(FeestdagWijzigenSchema)
    @blp.response(200, FeestdagSchema)
    @blp.if_match()
    @blp.problems(403)
    def patch(self, data, datum: date):
        """Een feestdag hernoemen (alleen Logius-beheerder)"""
        record = service.feestdag_of_404(datum)
        check_if_match(record)
        service.hernoem(record, data.get("naam"), current_principal())
        commit()
        return met_etag(record)

    @alleen_logius
    @blp.response(204)
    @blp.if_match()
    @blp.problems(403)
    def delete(self, datum: date):
        """Een feestdag verwijderen (alleen Logius-beheerder)

        De dag telt daarna als werkdag (als het een weekdag is); het jaar wordt niet
        opnieuw gevuld, dus hij komt niet terug.
        """
        record = service.feestdag_of_404(datum)
        check_if_match(record)
        service.verwijder(record, current_principal())
        commit()


@wijzigingen.route("")
class FeestdagWijzigingen(MethodView):
    @alleen_logius
    @wijzigingen.arguments(WijzigingenArgs, location="query")
    @wijzigingen.response(200, pagina_schema(FeestdagWijzigingSchema))
    @wijzigingen.problems(403)
    def get(self, args):
        """Wijzigingen van de feestdagen, nieuwste eerst (alleen Logius-beheerder)"""
        return paginate(service.wijzigingen(args.get("jaar")), args)
