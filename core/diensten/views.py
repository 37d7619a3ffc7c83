"""``/diensten``: the Logius diensten, as their plugins declare them."""

from __future__ import annotations

from flask.views import MethodView

from core.api import Blueprint
from core.api.pagination import PaginaArgs, pagina_schema, paginate_list
from core.config import API_PREFIX
from core.diensten.schemas import DienstDetailSchema, DienstSchema
from core.errors import Problem
from core.plugins import diensten

blp = Blueprint(
    "diensten",
    __name__,
    url_prefix=f"{API_PREFIX}/diensten",
    description="De diensten van Logius waarop afnemers aansluiten",
)


@blp.route("")
class Diensten(MethodView):
    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(DienstSchema))
    def get(self, args):
        """Alle diensten"""
        return paginate_list(diensten().alle(), args)


@blp.route("/<string:slug>")
class Dienst(MethodView):
    @blp.response(200, DienstDetailSchema)
    def get(self, slug: str):
        """Eén dienst, met de voorwaarden die erop van toepassing zijn"""
        info = diensten().get(slug)
        if info is None:
            raise Problem(404, f"Er is geen dienst {slug!r}.", code="niet-gevonden")
        result = {**info.__dict__, "voorwaarden": diensten().voorwaarden(slug)}
        return result
