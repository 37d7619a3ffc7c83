"""Tariffs per dienst per calendar year, and the BTW rate per year.

- ``/diensten/{slug}/tarieven/{jaar}``: the tariff table (anyone with a token reads it);
- ``/diensten/{slug}/tarieven/{jaar}/{code}``: one tariff; PUT sets its amount, by the
  dienst's productteam or a Logius beheerder;
- ``/btw-tarieven``: the BTW rate per year; PUT by a Logius beheerder.
"""

from __future__ import annotations

from flask import request, url_for
from flask.views import MethodView
from sqlalchemy import select

from core.api import Blueprint
from core.api.etag import check_if_match_voor_put, etag_of
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import commit, met_etag
from core.auth.middleware import current_principal
from core.auth.principal import Rol
from core.config import API_PREFIX
from core.db import db
from core.errors import Problem
from core.tarieven import service
from core.tarieven.models import BtwTarief
from core.tarieven.schemas import (
    BtwTariefSchema,
    TariefInvoerSchema,
    TariefSchema,
    TarieftabelSchema,
)
from core.tenancy import alleen_logius

blp = Blueprint(
    "tarieven", __name__, url_prefix=f"{API_PREFIX}/diensten/<string:slug>/tarieven",
    description="Tarieven per dienst per kalenderjaar (MO 3.8): bedragen zijn gegevens, "
    "de dienst bepaalt welke tariefcodes er zijn",
)
btw = Blueprint(
    "btw_tarieven", __name__, url_prefix=f"{API_PREFIX}/btw-tarieven",
    description="Het btw-tarief per kalenderjaar",
)


@blp.route("/<jaar:jaar>")
class Tarieftabel(MethodView):
    @blp.response(200, TarieftabelSchema)
    def get(self, slug: str, jaar: int):
        """De tarieventabel van een dienst in een jaar

        Per tariefcode de eenheid, het artikel en of het bedrag inclusief btw is, en het
        vastgestelde bedrag (null zolang het er niet is). Bedragen zijn tekst met twee tot
        vier decimalen. Een dienst zonder kosten heeft een lege tabel.
        """
        service.dienst_of_404(slug)
        return service.tarieftabel(slug, jaar)


def _antwoord(slug: str, jaar: int, soort, record, status: int = 200):
    body = service.als_dict(soort, record)
    if record is None:
        return body, status
    etag = etag_of(record)
    if request.method == "GET" and request.if_none_match.contains(etag.strip('"')):
        return met_etag(record)
    headers = {"ETag": etag}
    if status == 201:
        headers["Location"] = url_for("tarieven.TariefView", slug=slug, jaar=jaar,
                                      code=soort.code, _external=True)
    return body, status, headers


@blp.route("/<jaar:jaar>/<string:code>")
class TariefView(MethodView):
    @blp.response(200, TariefSchema)
    def get(self, slug: str, jaar: int, code: str):
        """Eén tarief van een dienst in een jaar"""
        service.dienst_of_404(slug)
        soort = service.tariefcode_of_404(slug, jaar, code)
        return _antwoord(slug, jaar, soort, service.records(slug, jaar).get(code))

    @blp.arguments(TariefInvoerSchema)
    @blp.response(200, TariefSchema)
    @blp.alt_response(201, schema=TariefSchema, description="Het tarief is vastgesteld")
    @blp.doc(parameters=[{
        "name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
        "description": "De ETag van het tarief; verplicht als het al een bedrag heeft"}],
        responses={"412": {"description": "problem"}, "428": {"description": "problem"}})
    @blp.problems(403)
    @blp.rollen(Rol.LOGIUS_BEHEERDER, Rol.PRODUCTTEAM)
    def put(self, data, slug: str, jaar: int, code: str):
        """Een tarief vaststellen of wijzigen (productteam van de dienst of Logius)

        Het bedrag geldt alleen voor dit kalenderjaar (MO 3.8): een ander jaar verandert
        er niet door. Een nieuw tarief geeft 201, een wijziging 200; een wijziging vraagt
        de ETag in If-Match. Alleen codes die de dienst voor dit jaar kent, mogen.
        """
        service.dienst_of_404(slug)
        service.mag_beheren(current_principal(), slug)
        soort = service.tariefcode_of_404(slug, jaar, code)
        record = service.records(slug, jaar).get(code)
        check_if_match_voor_put(record)
        nieuw = record is None
        record = service.zet_tarief(slug, jaar, soort, record, data, door=current_principal())
        commit()
        return _antwoord(slug, jaar, soort, record, 201 if nieuw else 200)


@btw.route("")
class BtwTarieven(MethodView):
    @btw.arguments(PaginaArgs, location="query")
    @btw.response(200, pagina_schema(BtwTariefSchema))
    def get(self, args):
        """De btw-tarieven per jaar"""
        return paginate(select(BtwTarief).order_by(BtwTarief.jaar), args)


@btw.route("/<jaar:jaar>")
class BtwTariefView(MethodView):
    @btw.response(200, BtwTariefSchema)
    def get(self, jaar: int):
        """Het btw-tarief van één jaar"""
        record = db.session.get(BtwTarief, jaar)
        if record is None:
            raise Problem(404, f"Voor {jaar} is geen btw-tarief vastgesteld.",
                          code="niet-gevonden")
        return met_etag(record)

    @alleen_logius
    @btw.arguments(BtwTariefSchema)
    @btw.response(200, BtwTariefSchema)
    @btw.alt_response(201, schema=BtwTariefSchema, description="Het btw-tarief is vastgesteld")
    @btw.doc(parameters=[{
        "name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
        "description": "De ETag van het btw-tarief; verplicht als het al bestaat"}],
        responses={"412": {"description": "problem"}, "428": {"description": "problem"}})
    @btw.problems(403)
    def put(self, data, jaar: int):
        """Het btw-tarief van een jaar vaststellen of wijzigen (alleen Logius-beheerder)

        Kostenregels van dat jaar rekenen met dit percentage; een regel met een bedrag
        in een jaar zonder btw-tarief geeft 409.
        """
        record = db.session.get(BtwTarief, jaar)
        check_if_match_voor_put(record)
        nieuw = record is None
        record = service.zet_btw(jaar, record, data["percentage"], door=current_principal())
        commit()
        if nieuw:
            location = url_for("btw_tarieven.BtwTariefView", jaar=jaar, _external=True)
            return met_etag(record, 201, Location=location)
        return met_etag(record)
