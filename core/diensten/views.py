"""``/diensten``: the Logius diensten, as their plugins declare them."""

from __future__ import annotations

from flask.views import MethodView

from core.api import Blueprint
from core.api.etag import check_if_match
from core.api.pagination import PaginaArgs, pagina_schema, paginate_list
from core.api.responses import commit, met_etag
from core.auth.middleware import current_principal, ingelogd, openbaar
from core.config import API_PREFIX
from core.diensten import service
from core.diensten.schemas import (
    DienstDetailSchema,
    DienstSchema,
    DienstStatusSchema,
    OmgevingStatusSchema,
    SchakelInvoerSchema,
)
from core.errors import Problem
from core.plugins import diensten
from core.serviceniveau import statuspagina
from core.tenancy import alleen_logius

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
        info = _dienst(slug)
        result = {**info.__dict__, "voorwaarden": diensten().voorwaarden(slug)}
        return result


def _dienst(slug: str):
    info = diensten().get(slug)
    if info is None:
        raise Problem(404, f"Er is geen dienst {slug!r}.", code="niet-gevonden")
    return info


def _omgeving(slug: str, omgeving: str) -> None:
    if omgeving not in {k.slug for k in _dienst(slug).omgevingen}:
        raise Problem(404, f"Dienst {slug!r} heeft geen omgeving {omgeving!r}.",
                      code="niet-gevonden")


@blp.route("/<string:slug>/status")
class DienstStatus(MethodView):
    @openbaar
    @blp.response(200, DienstStatusSchema)
    @blp.problems(403)
    def get(self, slug: str):
        """Statuspagina van een dienst: per functie de stand van nu, openbare incidenten, komend onderhoud

        Voor iedereen, ook zonder token: per functie en omgeving of die nu beschikbaar,
        verstoord, in onderhoud of in storing is (uit de vastgelegde onbeschikbaarheid, het
        aangekondigde onderhoud en de incidenten die Logius openbaar maakte), de open
        openbare incidenten, en het komende onderhoud: aangekondigd onderhoud en de
        onderhoudsvensters van het serviceniveau. Dezelfde pagina is er als Atom-feed
        (`statusfeedUrl`) en het onderhoud als iCalendar-feed (`onderhoudskalenderUrl`).

        Met het token van een Logius-beheerder ook de beheerkant (voor ieder ander null):
        de instellingen van de plugin (geheime waarden alleen als 'ingesteld'), wat de
        plugin over zijn configuratie en gezondheid meldt, de stand van zijn eigen tabellen
        en per omgeving of de dienst nieuwe aansluitingen aanneemt.
        """
        _dienst(slug)
        uit = statuspagina.pagina(slug)
        wie = ingelogd()
        if wie is not None and wie.is_logius_beheerder:
            uit |= service.status(slug)
        return uit


@blp.route("/<string:slug>/omgevingen/<string:omgeving>")
class DienstOmgeving(MethodView):
    @blp.response(200, OmgevingStatusSchema)
    def get(self, slug: str, omgeving: str):
        """Of een dienst in een omgeving nieuwe aansluitingen aanneemt"""
        _omgeving(slug, omgeving)
        return _met_stand(slug, omgeving)

    @blp.arguments(SchakelInvoerSchema)
    @blp.response(200, OmgevingStatusSchema)
    @blp.if_match()
    @blp.problems(403)
    @alleen_logius
    def put(self, data, slug: str, omgeving: str):
        """Een dienst in een omgeving in- of uitschakelen

        Uitgeschakeld neemt de dienst daar geen nieuwe aansluitingen aan (409
        `dienst-uitgeschakeld`); bestaande aansluitingen en alle gegevens blijven. Elke
        beslissing komt met reden en beheerder in de geschiedenis; dezelfde stand nog eens
        zetten verandert niets.
        """
        _omgeving(slug, omgeving)
        check_if_match(service.Stand(slug, omgeving))
        service.schakel(slug, omgeving, aan=data["ingeschakeld"], reden=data["reden"],
                        door=current_principal())
        commit()
        return _met_stand(slug, omgeving)


def _met_stand(slug: str, omgeving: str):
    """The state with its ETag (304 for a GET whose If-None-Match still holds)."""
    antwoord = met_etag(service.Stand(slug, omgeving))
    if not isinstance(antwoord, tuple):
        return antwoord
    return service.omgeving_status(slug, omgeving), 200, antwoord[2]
