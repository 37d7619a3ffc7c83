"""``/afnemers/{afnemerId}/voorwaarden``: which terms bind the afnemer, from when."""

from __future__ import annotations

from flask.views import MethodView

from core.api.pagination import PaginaArgs, pagina_schema, paginate_list
from core.tenancy import TenantBlueprint, huidige_afnemer
from core.voorwaarden import service
from core.voorwaarden.schemas import VoorwaardenStandSchema

blp = TenantBlueprint(
    "voorwaarden", __name__, suffix="/voorwaarden",
    description="Voorwaarden van de afnemer: geaccepteerde versies en aangekondigde wijzigingen",
)


@blp.route("")
class Voorwaarden(MethodView):
    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(VoorwaardenStandSchema))
    def get(self, args):
        """Voorwaarden van de afnemer

        Per document dat de afnemer bindt: de geaccepteerde versie die nu geldt en sinds
        wanneer (de Algemene Voorwaarden vanaf het eerste aanvraagformulier, AV 11.1; de
        voorwaarden van een dienst vanaf de aanvraag voor die dienst, MO 2.2), de eerdere
        en latere acceptaties, en aangekondigde wijzigingen met de eigen reactie.
        """
        return paginate_list(service.overzicht(huidige_afnemer().id), args)
