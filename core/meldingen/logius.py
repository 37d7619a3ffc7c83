"""``GET /bezorgingen``: deliveries across afnemers, for Logius beheerders: above all the
dead letters (``?status=dood``) that ``GET /status`` counts, each with its afnemer, so
they can be redelivered (``POST /afnemers/{id}/bezorgingen/{id}/opnieuw``)."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.api import Blueprint
from core.api.pagination import pagina_schema, paginate
from core.config import API_PREFIX
from core.meldingen.models import Bezorging
from core.meldingen.views import BezorgingArgs, BezorgingSchema
from core.tenancy import alleen_logius

blp = Blueprint(
    "alle_bezorgingen", __name__, url_prefix=f"{API_PREFIX}/bezorgingen",
    description="Bezorgingen van alle afnemers, zoals de dode die op opnieuw bezorgen "
                "wachten (alleen Logius-beheerder)",
)


class LogiusBezorgingArgs(BezorgingArgs):
    afnemer_id = ma.fields.UUID(metadata={"description": "Alleen de bezorgingen aan deze "
                                                         "afnemer"})


class LogiusBezorgingSchema(BezorgingSchema):
    afnemer_id = ma.fields.UUID(dump_only=True, allow_none=True, metadata={
        "description": "De afnemer van de bezorging; opnieuw bezorgen gaat via zijn "
                       "bezorglog. Null voor een bezorging aan niemand van een afnemer"})


@blp.route("")
class AlleBezorgingen(MethodView):
    @alleen_logius
    @blp.arguments(LogiusBezorgingArgs, location="query")
    @blp.response(200, pagina_schema(LogiusBezorgingSchema))
    @blp.problems(403)
    def get(self, args):
        """Bezorgingen van alle afnemers, nieuwste eerst (alleen Logius-beheerder)

        Met `status=dood` de bezorgingen die na al hun pogingen zijn opgegeven, die
        `GET /status` telt; opnieuw bezorgen gaat met
        `POST /afnemers/{afnemerId}/bezorgingen/{bezorgingId}/opnieuw`.
        """
        query = (select(Bezorging).options(joinedload(Bezorging.gebeurtenis))
                 .order_by(Bezorging.aangemaakt_op.desc(), Bezorging.id))
        for key in ("status", "kanaal", "afnemer_id", "gebeurtenis_id"):
            if args.get(key):
                query = query.where(getattr(Bezorging, key) == args[key])
        return paginate(query, args)
