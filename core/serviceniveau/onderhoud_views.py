"""``GET /diensten/{slug}/onderhoudsvensters?maand=``: the planned maintenance windows of
a dienst with a service level, per month (computed by
:func:`core.serviceniveau.onderhoud.vensters`, never stored).

Everyone with a token reads them: the windows are the same for every afnemer of the
dienst, and the service level that sets them is public.
"""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView

from core import tijd, voorbeelden
from core.api import Blueprint
from core.api.schemas import Schema
from core.config import API_PREFIX
from core.errors import validation_problem
from core.serviceniveau import onderhoud
from core.serviceniveau.beschikbaarheid_schemas import maand_uit_tekst, maand_veld
from core.serviceniveau.beschikbaarheid_service import omgevingen, serviceniveau_of_404

blp = Blueprint(
    "onderhoudsvensters", __name__,
    url_prefix=f"{API_PREFIX}/diensten/<string:slug>/onderhoudsvensters",
    description="De vensters voor gepland onderhoud van een dienst met een serviceniveau",
)


class VenstersArgs(Schema):
    strikte_typen = False  # query parameters arrive as text
    maand = maand_veld("De maand (JJJJ-MM, Europe/Amsterdam); zonder: de huidige")
    omgeving = ma.fields.String(validate=ma.validate.Length(min=1, max=40), metadata={
        "description": "Alleen de vensters van deze omgeving", "example": "productie"})


class VensterSchema(Schema):
    id = ma.fields.String(metadata={"description": "Stabiele id van het venster",
                                    "example": "productie-2027-03-08"})
    omgeving = ma.fields.String(metadata={"description": "De omgeving",
                                          "example": "productie"})
    datum = ma.fields.Date(metadata={"description": "De dag (Europe/Amsterdam)"})
    begin_op = ma.fields.AwareDateTime(attribute="begin", metadata={
        "description": "Begin van het venster (UTC)"})
    einde_op = ma.fields.AwareDateTime(attribute="eind", metadata={
        "description": "Einde van het venster (UTC)"})
    max_uren = ma.fields.Integer(metadata={
        "description": "Hoe lang één onderhoud in het venster hooguit duurt", "example": 6})
    artikel = ma.fields.String(metadata={"description": "Het artikel van de regel",
                                         "example": "SNO 2 Onderhoudsvenster"})


class RegelSchema(Schema):
    omgeving = ma.fields.String(metadata={"description": "De omgeving",
                                          "example": "productie"})
    omschrijving = ma.fields.String(metadata={
        "description": "Wanneer het onderhoud valt",
        "example": "de tweede maandag en de tweede woensdag van de maand, 00:00-06:00"})
    max_per_maand = ma.fields.Integer(metadata={
        "description": "Hoe vaak per maand hooguit", "example": 2})
    max_uren = ma.fields.Integer(metadata={
        "description": "Hoe lang één onderhoud hooguit duurt, in uren", "example": 6})
    artikel = ma.fields.String(metadata={"description": "Het artikel van de regel",
                                         "example": "SNO 2 Onderhoudsvenster"})


class VenstersSchema(Schema):
    dienst = ma.fields.String(metadata={"description": "Slug van de dienst",
                                        "example": voorbeelden.DIENST})
    maand = ma.fields.String(metadata={"description": "De maand (JJJJ-MM)",
                                       "example": "2027-03"})
    regels = ma.fields.List(ma.fields.Nested(RegelSchema), metadata={
        "description": "De regel per omgeving waarvoor de dienst onderhoudsvensters kent"})
    vensters = ma.fields.List(ma.fields.Nested(VensterSchema), metadata={
        "description": "De vensters van de maand, eerstvolgende eerst"})


@blp.route("")
class Onderhoudsvensters(MethodView):
    @blp.arguments(VenstersArgs, location="query")
    @blp.response(200, VenstersSchema)
    def get(self, args, slug: str):
        """De onderhoudsvensters van een dienst in een maand

        Volgens SNO 2 Onderhoudsvenster voor productie de tweede maandag en de tweede woensdag,
        00:00-06:00, hooguit twee keer per maand en hooguit 6 uur. Een
        onderhoud-aankondiging daarbuiten wordt geweigerd, tenzij zij als afwijking is
        aangemerkt. Een omgeving zonder regel heeft geen vensters.
        """
        niveau = serviceniveau_of_404(slug)
        if args.get("omgeving") and args["omgeving"] not in omgevingen(slug):
            raise validation_problem({"query": {"omgeving": [
                f"Onbekende omgeving van {slug}; kies een van: "
                f"{', '.join(omgevingen(slug))}."]}})
        if args.get("maand"):
            jaar, maand = maand_uit_tekst(args["maand"])
        else:
            vandaag = tijd.vandaag()
            jaar, maand = vandaag.year, vandaag.month
        regels = [r for r in niveau.onderhoud
                  if not args.get("omgeving") or r.omgeving == args["omgeving"]]
        vensters = sorted((v for r in regels for v in onderhoud.vensters(r, jaar, maand)),
                          key=lambda v: (v.begin, v.omgeving))
        return {"dienst": slug, "maand": f"{jaar:04d}-{maand:02d}", "vensters": vensters,
                "regels": [{"omgeving": r.omgeving, "omschrijving": onderhoud.beschrijf(r),
                            "max_per_maand": r.max_per_maand, "max_uren": r.max_uren,
                            "artikel": r.artikel} for r in regels]}
