"""The dienst's afnemer route: ``/afnemers/{afnemerId}/certificaten`` (VC 2.1, 2.2).

Scoping, roles, problem+json, ETag/If-Match and pagination come from ``core.sdk.api``;
what is the dienst's own is the warning of VC 4.1, published in the same transaction as
the registration that makes it due. Each operation names itself (``operationId``): short
and Dutch like core's, since generated clients are named after it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import marshmallow as ma
from flask.views import MethodView

from core.sdk import AMSTERDAM
from core.sdk.api import (
    PaginaArgs,
    Schema,
    aangemaakt,
    afnemer_blueprint,
    check_if_match,
    commit,
    db,
    huidige_afnemer,
    instellingen,
    met_etag,
    pagina_schema,
    paginate,
    publiceer,
    tekst,
    tenant_get_or_404,
    tenant_select,
)

from .dienst import SLUG, VERLOOPT, WAARSCHUWINGSDAGEN
from .models import Certificaat

blp = afnemer_blueprint(SLUG, __name__, pad="/certificaten",
                        description="Het register van PKIoverheid-servercertificaten van de "
                                    "afnemer (Voorwaarden Certificatenregister 1.0)")

CERTIFICAAT_ID = {"in": "path", "name": "certificaat_id",
                  "description": "Id van het geregistreerde certificaat"}


def _naam(**kwargs) -> ma.fields.String:
    return tekst(200, metadata={"description": "Herkenbare naam van het certificaat, "
                                               "bijvoorbeeld de common name",
                                "example": "digid.voorbeeldstad.nl"}, **kwargs)


def _verloopt_op(**kwargs) -> ma.fields.Date:
    return ma.fields.Date(metadata={"description": "Laatste dag waarop het certificaat "
                                                   "geldig is (notAfter, Europe/Amsterdam)",
                                    "example": "2027-03-31"}, **kwargs)


class CertificaatSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    naam = _naam(required=True)
    verloopt_op = _verloopt_op(required=True)
    aangemaakt_op = ma.fields.DateTime(dump_only=True)
    gewijzigd_op = ma.fields.DateTime(dump_only=True)


class CertificaatWijzigingSchema(Schema):
    naam = _naam()
    verloopt_op = _verloopt_op()


def _vandaag() -> date:
    return datetime.now(AMSTERDAM).date()


def _waarschuw_zo_nodig(certificaat: Certificaat) -> None:
    """VC 4.1: a certificate that expires within the warning period is announced now."""
    dagen = (certificaat.verloopt_op - _vandaag()).days
    if dagen > instellingen(SLUG)[WAARSCHUWINGSDAGEN]:
        return
    wanneer = (f"is verlopen op {certificaat.verloopt_op.isoformat()}" if dagen < 0
               else f"verloopt op {certificaat.verloopt_op.isoformat()}")
    publiceer(type=VERLOOPT, afnemer_id=certificaat.afnemer_id,
              onderwerp=f"Certificaat {certificaat.naam} {wanneer}",
              tekst=(f"Het servercertificaat {certificaat.naam} {wanneer}. Zorg dat het "
                     "nieuwe certificaat op tijd in gebruik is en werk de registratie bij "
                     "(VC 2.2, VC 5.1)."),
              data={"certificaatId": str(certificaat.id),
                    "verlooptOp": certificaat.verloopt_op.isoformat()})


@blp.route("")
class Certificaten(MethodView):
    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(CertificaatSchema))
    @blp.doc(operationId="certificatenOpvragen")
    def get(self, args):
        """Geregistreerde certificaten opvragen"""
        return paginate(tenant_select(Certificaat).order_by(Certificaat.verloopt_op,
                                                            Certificaat.id), args)

    @blp.arguments(CertificaatSchema)
    @blp.response(201, CertificaatSchema)
    @blp.doc(operationId="certificaatRegistreren")
    def post(self, data):
        """Certificaat registreren"""
        certificaat = Certificaat(afnemer_id=huidige_afnemer().id, **data)
        db.session.add(certificaat)
        db.session.flush()
        _waarschuw_zo_nodig(certificaat)
        commit()
        return aangemaakt(certificaat, f"{SLUG}.CertificaatView",
                          afnemer_id=certificaat.afnemer_id, certificaat_id=certificaat.id)


@blp.route("/<uuid:certificaat_id>", parameters=[CERTIFICAAT_ID])
class CertificaatView(MethodView):
    @blp.response(200, CertificaatSchema)
    @blp.doc(operationId="certificaatLezen")
    def get(self, certificaat_id: uuid.UUID):
        """Eén geregistreerd certificaat"""
        return met_etag(tenant_get_or_404(Certificaat, certificaat_id))

    @blp.arguments(CertificaatWijzigingSchema)
    @blp.response(200, CertificaatSchema)
    @blp.if_match()
    @blp.doc(operationId="certificaatBijwerken")
    def patch(self, data, certificaat_id: uuid.UUID):
        """Registratie bijwerken"""
        certificaat = tenant_get_or_404(Certificaat, certificaat_id)
        check_if_match(certificaat)
        oud = certificaat.verloopt_op
        for key, value in data.items():
            setattr(certificaat, key, value)
        if certificaat.verloopt_op != oud:
            _waarschuw_zo_nodig(certificaat)
        commit()
        return met_etag(certificaat)
