"""The routes of the broken test dienst ``kapot``."""

from __future__ import annotations

import uuid

import marshmallow as ma
from flask.views import MethodView

from core.meldingen.outbox import publiceer as outbox_publiceer
from core.sdk.api import (
    PaginaArgs,
    Problem,
    Schema,
    aangemaakt,
    afnemer_blueprint,
    commit,
    db,
    huidige_afnemer,
    met_etag,
    pagina_schema,
    paginate,
    publiceer,
    tekst,
    tenant_select,
)
from tests.plugins.kapot.models import Notitie

notities = afnemer_blueprint("kapot", __name__, pad="/kapot-notities",
                             description="Notities bij de kapotte dienst")


class NotitieSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    tekst = tekst(200, required=True)


class NotitieWijzigingSchema(Schema):
    tekst = tekst(200)


@notities.route("")
class Notities(MethodView):
    @notities.arguments(PaginaArgs, location="query")
    @notities.response(200, pagina_schema(NotitieSchema))
    def get(self, args):
        """Notities opvragen"""
        return paginate(tenant_select(Notitie).order_by(Notitie.tekst, Notitie.id), args)

    @notities.arguments(NotitieSchema)
    @notities.response(201, NotitieSchema)
    def post(self, data):
        """Notitie plaatsen"""
        notitie = Notitie(afnemer_id=huidige_afnemer().id, **data)
        db.session.add(notitie)
        db.session.flush()
        publiceer(type="kapot.notitie-geplaatst", afnemer_id=notitie.afnemer_id,
                  onderwerp="Notitie geplaatst", tekst=notitie.tekst)
        # FOUT: an event the dienst never declared, past the SDK's check
        outbox_publiceer(type="aankondiging.storing", afnemer_id=notitie.afnemer_id,
                         onderwerp="Storing", tekst="Niet van deze dienst", data={})
        commit()
        return aangemaakt(notitie, "kapot.NotitieView", afnemer_id=notitie.afnemer_id,
                          notitie_id=notitie.id)


def _notitie(notitie_id: uuid.UUID) -> Notitie:
    notitie = db.session.get(Notitie, notitie_id)  # FOUT: not scoped to the afnemer
    if notitie is None:
        raise Problem(404, "Deze notitie bestaat niet.")
    return notitie


@notities.route("/<uuid:notitie_id>")
class NotitieView(MethodView):
    @notities.response(200, NotitieSchema)
    def get(self, notitie_id: uuid.UUID):
        """Eén notitie"""
        return met_etag(_notitie(notitie_id))

    @notities.arguments(NotitieWijzigingSchema)
    @notities.response(200, NotitieSchema)
    @notities.if_match()
    def patch(self, data, notitie_id: uuid.UUID):
        """Notitie wijzigen"""
        notitie = _notitie(notitie_id)  # FOUT: documented with If-Match, never checked
        for key, value in data.items():
            setattr(notitie, key, value)
        commit()
        return met_etag(notitie)
