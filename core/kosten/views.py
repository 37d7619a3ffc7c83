"""Costs of the afnemer: actual, estimated, and the pro-forma invoices of a year.

- ``GET /afnemers/{afnemerId}/kosten?van=&tot=``: actual costs over days of one
  calendar year (JSON, or CSV with ``Accept: text/csv``);
- ``POST /afnemers/{afnemerId}/kosten/schattingen``: an estimate from forecast volumes;
- ``GET /afnemers/{afnemerId}/facturen/{jaar}``: advance invoice and settlement.
"""

from __future__ import annotations

from datetime import date

from flask import Response, request
from flask.views import MethodView

from core import voorbeelden
from core.api.converters import JAAR_MAX, JAAR_MIN
from core.errors import Problem
from core.kosten import facturen as facturen_service
from core.kosten.berekening import werkelijke_kosten
from core.kosten.export import KOLOMMEN, als_csv
from core.kosten.schatting import schatting
from core.kosten.schemas import (
    FacturenSchema,
    KostenArgs,
    KostenoverzichtSchema,
    SchattingInvoerSchema,
)
from core.tenancy import TenantBlueprint, huidige_afnemer
from core.tijd import vandaag
from core.types import Periode

kosten = TenantBlueprint(
    "kosten", __name__, suffix="/kosten",
    description="Kosten van de afnemer per regel, met het artikel waarop elke regel berust",
)
facturen = TenantBlueprint(
    "facturen", __name__, suffix="/facturen",
    description="Pro-formafacturen per jaar: voorschot en verrekening (DP tabel 1)",
)

CSV = "text/csv"
CSV_VOORBEELD = ",".join(KOLOMMEN) + "\r\n" + voorbeelden.KOSTENREGEL_CSV


def _periode(args: dict) -> Periode:
    van, tot = args.get("van"), args.get("tot")
    if van is None and tot is None:
        return Periode.kalenderjaar(vandaag().year)
    fouten = []
    for naam, dag in (("van", van), ("tot", tot)):
        if dag is not None and not JAAR_MIN <= dag.year <= JAAR_MAX:
            fouten.append({"name": naam, "code": "range",
                           "reason": f"Verwacht een datum van {JAAR_MIN} tot en met {JAAR_MAX}."})
    van = van or date(tot.year, 1, 1)
    tot = tot or date(van.year, 12, 31)
    if not fouten and van > tot:
        fouten.append({"name": "tot", "code": "range", "reason": "tot ligt voor van."})
    elif not fouten and van.year != tot.year:
        fouten.append({"name": "tot", "code": "range",
                       "reason": "van en tot liggen in hetzelfde kalenderjaar: tarieven "
                                 "gelden per jaar (MO 3.8)."})
    if fouten:
        namen = ", ".join(f["name"] for f in fouten)
        raise Problem(400, f"De invoer is ongeldig in: {namen}.", code="ongeldige-invoer",
                      invalid_params=fouten)
    return Periode(van, tot)


@kosten.route("")
class Kosten(MethodView):
    @kosten.arguments(KostenArgs, location="query")
    @kosten.response(200, KostenoverzichtSchema)
    @kosten.doc(responses={"200": {
        "description": "De kosten als JSON, of als CSV bij Accept: text/csv",
        "content": {
        "application/json": {"schema": KostenoverzichtSchema},
        CSV: {"schema": {"type": "string"}, "example": CSV_VOORBEELD}}}})
    @kosten.problems(409)
    def get(self, args):
        """Werkelijke kosten over een periode

        Per aansluiting de regels die de dienst berekent uit het vastgelegde verbruik en de
        tarieven van het jaar: omschrijving, artikel, hoeveelheid, tarief, bedrag exclusief
        btw, btw en bedrag inclusief btw. Bedragen zijn tekst met twee decimalen, in euro's.
        Elke regel is op centen afgerond (half naar boven); totalen tellen de afgeronde
        regels op. De periode ligt binnen één kalenderjaar (standaard: dit jaar). Met
        `Accept: text/csv` komt het antwoord als CSV (een regel per kostenregel). Ontbreekt
        een tarief of het btw-tarief dat een regel nodig heeft, dan volgt 409.
        """
        overzicht = werkelijke_kosten(huidige_afnemer(), _periode(args))
        if request.accept_mimetypes.best_match(["application/json", CSV]) == CSV:
            naam = f"kosten-{overzicht.van}-{overzicht.tot}.csv"
            return Response(als_csv(overzicht), mimetype=CSV, headers={
                "Content-Disposition": f'attachment; filename="{naam}"'})
        return overzicht


@kosten.route("/schattingen")
class Schattingen(MethodView):
    @kosten.arguments(SchattingInvoerSchema)
    @kosten.response(200, KostenoverzichtSchema)
    @kosten.problems(403, 409)
    def post(self, data):
        """Kosten schatten uit een verwacht verbruik

        Dezelfde regels als bij de werkelijke kosten, over een heel kalenderjaar, met het
        opgegeven verbruik per dienst en metriek in plaats van het vastgelegde. Er wordt
        niets opgeslagen.
        """
        return schatting(huidige_afnemer(), data["jaar"], data["volumes"])


@facturen.route("/<jaar:jaar>")
class Facturen(MethodView):
    @facturen.response(200, FacturenSchema)
    @facturen.problems(409)
    def get(self, jaar: int):
        """Pro-formafacturen van een jaar: voorschot en verrekening

        Het voorschot wordt vooraf gefactureerd op de voorcalculatie; in het eerste kwartaal
        van het jaar daarna volgt de verrekening: alle kosten van het jaar op het werkelijke
        gebruik, met de voorcalculatie als minimum, min het voorschot (DP tabel 1).
        """
        return facturen_service.facturen(huidige_afnemer(), jaar)
