"""``/afnemers/{afnemerId}/contactpersonen`` (AV 2.4; verwerkersovereenkomst Bijlage 1 tabel 2)."""

from __future__ import annotations

import uuid

from flask.views import MethodView
from sqlalchemy import func, select

from core.afnemers.models import Afnemer
from core.api.etag import check_if_match
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import aangemaakt, commit, met_etag
from core.contactpersonen.models import Contactpersoon
from core.contactpersonen.schemas import (
    ContactpersoonFilterSchema,
    ContactpersoonSchema,
    ContactpersoonWijzigingSchema,
    ContactRol,
)
from core.db import db, vergrendel
from core.errors import Problem
from core.tenancy import TenantBlueprint, huidige_afnemer, tenant_get_or_404, tenant_select

blp = TenantBlueprint(
    "contactpersonen",
    __name__,
    suffix="/contactpersonen",
    description="Contactpersonen van de afnemer (AV 2.4)",
)


class LijstArgs(PaginaArgs, ContactpersoonFilterSchema):
    pass


def _vergrendel_afnemer() -> None:
    """Serialise changes to the afnemer's algemeen contactpersonen (AV 2.4).

    Two simultaneous requests that each remove one of the last two algemeen contacts
    would each see 'another one remains'. The afnemer's row is locked until the
    transaction ends (:func:`core.db.vergrendel`, both engines).
    """
    vergrendel(Afnemer, huidige_afnemer().id)


def _aantal_algemene() -> int:
    return db.session.execute(
        select(func.count()).select_from(
            tenant_select(Contactpersoon).where(Contactpersoon.rol == ContactRol.ALGEMEEN.value)
            .subquery()
        )
    ).scalar_one()


def _houd_een_algemene(wijzig) -> None:
    """Apply ``wijzig`` (which removes an algemeen contact) only if one remains (AV 2.4).

    The change is flushed first and counted afterwards, inside the lock, so the count
    sees every committed change of a concurrent request.
    """
    _vergrendel_afnemer()
    wijzig()
    db.session.flush()
    if _aantal_algemene() == 0:
        db.session.rollback()
        raise _weiger_laatste_algemene()


def _weiger_laatste_algemene() -> Problem:
    return Problem(
        409,
        "Dit is de laatste algemene contactpersoon; AV 2.4 vraagt er altijd één. "
        "Wijs eerst een andere algemene contactpersoon aan.",
        code="laatste-algemene-contactpersoon",
    )


@blp.route("")
class Contactpersonen(MethodView):
    @blp.arguments(LijstArgs, location="query")
    @blp.response(200, pagina_schema(ContactpersoonSchema))
    def get(self, args):
        """Contactpersonen opvragen"""
        query = tenant_select(Contactpersoon).order_by(Contactpersoon.naam, Contactpersoon.id)
        if args.get("rol"):
            query = query.where(Contactpersoon.rol == args["rol"])
        return paginate(query, args)

    @blp.arguments(ContactpersoonSchema)
    @blp.response(201, ContactpersoonSchema)
    @blp.problems(403)
    def post(self, data):
        """Contactpersoon toevoegen"""
        contact = Contactpersoon(afnemer_id=huidige_afnemer().id, **data)
        db.session.add(contact)
        commit()
        return aangemaakt(
            contact,
            "contactpersonen.ContactpersoonView",
            afnemer_id=contact.afnemer_id,
            contactpersoon_id=contact.id,
        )


@blp.route("/<uuid:contactpersoon_id>")
class ContactpersoonView(MethodView):
    @blp.response(200, ContactpersoonSchema)
    def get(self, contactpersoon_id: uuid.UUID):
        """Eén contactpersoon opvragen"""
        return met_etag(tenant_get_or_404(Contactpersoon, contactpersoon_id))

    @blp.arguments(ContactpersoonWijzigingSchema)
    @blp.response(200, ContactpersoonSchema)
    @blp.if_match()
    @blp.problems(403, 409)
    def patch(self, data, contactpersoon_id: uuid.UUID):
        """Contactpersoon wijzigen"""
        contact = tenant_get_or_404(Contactpersoon, contactpersoon_id)
        check_if_match(contact)

        def wijzig() -> None:
            for key, value in data.items():
                setattr(contact, key, value)

        if contact.rol == ContactRol.ALGEMEEN and data.get("rol", contact.rol) != contact.rol:
            _houd_een_algemene(wijzig)
        else:
            wijzig()
        commit()
        return met_etag(contact)

    @blp.response(204)
    @blp.if_match()
    @blp.problems(403, 409)
    def delete(self, contactpersoon_id: uuid.UUID):
        """Contactpersoon verwijderen"""
        contact = tenant_get_or_404(Contactpersoon, contactpersoon_id)
        check_if_match(contact)
        if contact.rol == ContactRol.ALGEMEEN:
            _houd_een_algemene(lambda: db.session.delete(contact))
        else:
            db.session.delete(contact)
        commit()
