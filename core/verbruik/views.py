"""Usage and voorcalculaties.

- ``POST /verbruik``: Logius or the dienst's productteam loads usage, as JSON or CSV;
- ``GET /afnemers/{afnemerId}/verbruik``: an afnemer reads its own usage;
- ``/afnemers/{afnemerId}/aansluitingen/{aansluitingId}/voorcalculaties``: the yearly
  forecast that is invoiced in advance (DP tabel 1).
"""

from __future__ import annotations

import uuid
from datetime import date

from flask import request, url_for
from flask.views import MethodView
from sqlalchemy import select

from core import voorbeelden
from core.aansluitingen.models import Aansluiting
from core.api import Blueprint
from core.api import invoer as invoer_json
from core.api.etag import check_if_match_voor_put, etag_of
from core.api.pagination import PaginaArgs, pagina_schema, paginate
from core.api.responses import commit
from core.auth.middleware import current_principal
from core.auth.principal import Principal, Rol
from core.config import API_PREFIX
from core.db import db
from core.errors import Problem, mediatype_niet_ondersteund
from core.plugins import diensten
from core.tenancy import TenantBlueprint, huidige_afnemer, tenant_get_or_404, tenant_select
from core.tijd import vandaag
from core.verbruik import invoer, service
from core.verbruik.models import VerbruikRegel, Voorcalculatie
from core.verbruik.schemas import (
    VerbruikFilterSchema,
    VerbruikInvoerSchema,
    VerbruikResultaatSchema,
    VerbruiksregelSchema,
    VoorcalculatieSchema,
)

verbruik = Blueprint(
    "verbruik", __name__, url_prefix=f"{API_PREFIX}/verbruik",
    description="Verbruik vastleggen: Logius en de productteams van de diensten",
)
afnemer_verbruik = TenantBlueprint(
    "afnemer_verbruik", __name__, suffix="/verbruik",
    description="Het verbruik van de afnemer per aansluiting, metriek en dag",
)
voorcalculaties = TenantBlueprint(
    "voorcalculaties", __name__, suffix="/aansluitingen/<uuid:aansluiting_id>/voorcalculaties",
    description="Voorcalculatie per aansluiting per jaar: vooraf gefactureerd (DP tabel 1)",
)

CSV = "text/csv"
CSV_VOORBEELD = (
    "aansluitingId,metriek,datum,aantal\n"
    f"3f0c2a4e-8b1d-4c6e-9a7f-2d5b8e1c4a90,{voorbeelden.METRIEK},2027-01-31,812\n"
)


def _mag_vastleggen(principal: Principal) -> None:
    if principal.is_logius_beheerder or (
        Rol.PRODUCTTEAM in principal.logius_rollen and principal.productteam_dienst
    ):
        return
    raise Problem(403, "Verbruik leggen Logius en de productteams van de diensten vast; een "
                  "afnemer leest het via /afnemers/{afnemerId}/verbruik.",
                  code="alleen-logius")


@verbruik.route("")
class Verbruik(MethodView):
    @verbruik.doc(requestBody={
        "required": True,
        "description": "De verbruiksregels, als JSON of als CSV met een kopregel "
                       "(komma of puntkomma als scheidingsteken).",
        "content": {
            "application/json": {"schema": VerbruikInvoerSchema},
            CSV: {"schema": {"type": "string"}, "example": CSV_VOORBEELD},
        },
    })
    @verbruik.response(200, VerbruikResultaatSchema)
    @verbruik.problems(403, 415)
    @verbruik.rollen(Rol.LOGIUS_BEHEERDER, Rol.PRODUCTTEAM)
    def post(self):
        """Verbruik vastleggen of corrigeren (Logius of het productteam van de dienst)

        Elke regel noemt een aansluiting, een metriek van haar dienst, een datum en een
        aantal. De sleutel is aansluiting + metriek + datum: dezelfde sleutel nog eens is
        een correctie die het oude aantal vervangt (en in de auditlog komt), nooit een
        tweede regel. Een upload met een ongeldige rij legt niets vast: het antwoord (400)
        noemt elke ongeldige rij met nummer en reden in `invalidParams` (`rij.<n>.<veld>`).
        Een productteam legt alleen verbruik van de eigen dienst vast (anders 403).
        """
        principal = current_principal()
        _mag_vastleggen(principal)
        if request.mimetype == CSV:
            ruw = invoer.uit_csv(request.get_data(as_text=True))
            csv_bron = True
        elif request.mimetype == "application/json":
            try:
                body = invoer_json.lees(request.get_data(cache=True))
            except invoer_json.OngeldigeJson as exc:
                raise exc.probleem() from None
            except ValueError:  # malformed JSON, or not UTF-8
                body = None
            if body is None:
                raise Problem(400, "De body is geen geldige JSON.", code="ongeldige-invoer",
                              invalid_params=[{"name": "body", "code": "json",
                                               "reason": "De body is geen geldige JSON."}])
            ruw = invoer.uit_json(body)
            csv_bron = False
        else:
            raise mediatype_niet_ondersteund(["application/json", CSV])
        rijen = invoer.controleer(ruw, principal, csv_bron=csv_bron)
        resultaat = service.vastleggen(rijen, door=principal)
        commit()
        return resultaat


class VerbruikArgs(PaginaArgs, VerbruikFilterSchema):
    pass


@afnemer_verbruik.route("")
class AfnemerVerbruik(MethodView):
    @afnemer_verbruik.arguments(VerbruikArgs, location="query")
    @afnemer_verbruik.response(200, pagina_schema(VerbruiksregelSchema))
    def get(self, args):
        """Verbruik van de afnemer, per aansluiting, metriek en dag"""
        query = (
            select(VerbruikRegel.aansluiting_id, Aansluiting.dienst, VerbruikRegel.metriek,
                   VerbruikRegel.datum, VerbruikRegel.aantal, VerbruikRegel.gewijzigd_op)
            .join(Aansluiting, Aansluiting.id == VerbruikRegel.aansluiting_id)
            .where(VerbruikRegel.afnemer_id == huidige_afnemer().id)
            .order_by(VerbruikRegel.datum, Aansluiting.dienst, VerbruikRegel.aansluiting_id,
                      VerbruikRegel.metriek)
        )
        if args.get("aansluiting_id"):
            query = query.where(VerbruikRegel.aansluiting_id == args["aansluiting_id"])
        if args.get("dienst"):
            query = query.where(Aansluiting.dienst == args["dienst"])
        if args.get("metriek"):
            query = query.where(VerbruikRegel.metriek == args["metriek"])
        if args.get("van"):
            query = query.where(VerbruikRegel.datum >= args["van"])
        if args.get("tot"):
            query = query.where(VerbruikRegel.datum <= args["tot"])
        return paginate(query, args, scalars=False)


def _als_dict(aansluiting: Aansluiting, record: Voorcalculatie) -> dict:
    return {
        "aansluiting_id": aansluiting.id,
        "dienst": aansluiting.dienst,
        "jaar": record.jaar,
        "volumes": [{"metriek": m, "aantal": a} for m, a in sorted(record.volumes.items())],
        "gewijzigd_op": record.gewijzigd_op,
        "gewijzigd_door": record.gewijzigd_door,
    }


def _volume_fouten(aansluiting: Aansluiting, jaar: int, volumes: list[dict]) -> list[dict]:
    schema = diensten().tariefschema(aansluiting.dienst, jaar)
    toegestaan = {m.code for m in schema.metrieken if m.voorcalculatie} if schema else set()
    fouten, gezien = [], set()
    for index, volume in enumerate(volumes):
        metriek = volume["metriek"]
        if metriek not in toegestaan:
            keuze = ", ".join(sorted(toegestaan)) or "geen"
            fouten.append({"name": f"volumes.{index}.metriek", "code": "onbekend",
                           "reason": f"{aansluiting.dienst} vraagt in {jaar} een voorcalculatie "
                                     f"van: {keuze}."})
        elif metriek in gezien:
            fouten.append({"name": f"volumes.{index}.metriek", "code": "dubbel",
                           "reason": "Elke metriek staat er één keer in."})
        gezien.add(metriek)
    return fouten


def zet_voorcalculatie(aansluiting: Aansluiting, jaar: int, volumes: list[dict],
                       principal: Principal, *, record: Voorcalculatie | None = None,
                       veld: str = "volumes") -> tuple[Voorcalculatie, bool]:
    """Set the voorcalculatie of ``aansluiting`` for ``jaar`` under the rules of DP tabel 1.

    Used by the voorcalculatie resource and by a prognosis that sets the voorcalculatie. Raises a 400 for a
    metric the dienst does not forecast and a 409 once the year has begun (except for
    Logius).
    """
    if record is None:
        record = db.session.execute(
            select(Voorcalculatie).where(Voorcalculatie.aansluiting_id == aansluiting.id,
                                         Voorcalculatie.jaar == jaar)).scalar_one_or_none()
    fouten = _volume_fouten(aansluiting, jaar, volumes)
    if fouten:
        for fout in fouten:
            fout["name"] = fout["name"].replace("volumes", veld, 1)
        namen = ", ".join(f["name"] for f in fouten)
        raise Problem(400, f"De invoer is ongeldig in: {namen}.", code="ongeldige-invoer",
                      invalid_params=fouten)
    if not principal.is_logius_beheerder and vandaag() >= date(jaar, 1, 1):
        raise Problem(
            409,
            f"De voorcalculatie van {jaar} ligt vast sinds het jaar begon: de voorschotfactuur "
            "en het minimum bij de verrekening volgen eruit (DP tabel 1). Alleen Logius "
            "kan hem nog wijzigen.",
            code="voorcalculatie-vastgelegd",
        )
    nieuw = record is None
    if nieuw:
        record = Voorcalculatie(afnemer_id=aansluiting.afnemer_id,
                                aansluiting_id=aansluiting.id, jaar=jaar)
        db.session.add(record)
    record.volumes = {v["metriek"]: v["aantal"] for v in volumes}
    record.gewijzigd_door = principal.naam
    return record, nieuw


@voorcalculaties.route("")
class Voorcalculaties(MethodView):
    @voorcalculaties.arguments(PaginaArgs, location="query")
    @voorcalculaties.response(200, pagina_schema(VoorcalculatieSchema))
    def get(self, args, aansluiting_id: uuid.UUID):
        """De voorcalculaties van een aansluiting, per jaar"""
        aansluiting = tenant_get_or_404(Aansluiting, aansluiting_id)
        query = (tenant_select(Voorcalculatie)
                 .where(Voorcalculatie.aansluiting_id == aansluiting.id)
                 .order_by(Voorcalculatie.jaar))
        pagina = paginate(query, args)
        pagina["resultaten"] = [_als_dict(aansluiting, r) for r in pagina["resultaten"]]
        return pagina


@voorcalculaties.route("/<jaar:jaar>")
class VoorcalculatieView(MethodView):
    @voorcalculaties.arguments(VoorcalculatieSchema)
    @voorcalculaties.response(200, VoorcalculatieSchema)
    @voorcalculaties.alt_response(201, schema=VoorcalculatieSchema,
                                  description="De voorcalculatie is vastgelegd")
    @voorcalculaties.doc(parameters=[{
        "name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
        "description": "De ETag van de voorcalculatie; verplicht als die al bestaat"}],
        responses={"412": {"description": "problem"}, "428": {"description": "problem"}})
    @voorcalculaties.problems(403, 409)
    def put(self, data, aansluiting_id: uuid.UUID, jaar: int):
        """De voorcalculatie van een jaar vastleggen of wijzigen

        Het verwachte verbruik van het jaar, per metriek. Een dienst kan bijvoorbeeld het
        berichtenverkeer van een niet-rijksoverheid vooraf op deze voorcalculatie factureren
        en in het eerste kwartaal van het jaar daarna afrekenen op het werkelijke gebruik,
        met de voorcalculatie als minimum (zoals DP tabel 1). Daarom legt de afnemer-beheerder hem vast
        zolang het jaar nog niet is begonnen; daarna kan alleen Logius hem wijzigen (409).
        Een wijziging vraagt de ETag in If-Match.
        """
        aansluiting = tenant_get_or_404(Aansluiting, aansluiting_id)
        record = db.session.execute(
            tenant_select(Voorcalculatie).where(Voorcalculatie.aansluiting_id == aansluiting.id,
                                                Voorcalculatie.jaar == jaar)
        ).scalar_one_or_none()
        check_if_match_voor_put(record)
        record, nieuw = zet_voorcalculatie(aansluiting, jaar, data["volumes"],
                                           current_principal(), record=record)
        commit()
        headers = {"ETag": etag_of(record)}
        if nieuw:
            headers["Location"] = url_for("voorcalculaties.VoorcalculatieView", _external=True,
                                          afnemer_id=aansluiting.afnemer_id,
                                          aansluiting_id=aansluiting.id, jaar=jaar)
        return _als_dict(aansluiting, record), 201 if nieuw else 200, headers
