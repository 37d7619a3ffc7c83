"""Validation messages reach clients in Dutch, every kind of them (issue 13).

marshmallow and webargs write English ("Length must be 12.", "Not a valid string.",
"Unknown field."); :mod:`core.foutteksten` has the Dutch for each. These tests check
that the catalogue knows every English default the installed libraries have, that a
schema of this API raises none of them, and that bad bodies sent to the API answer
Dutch reasons with their codes, with no English template left anywhere.
"""

from __future__ import annotations

import enum
import inspect
import re

import marshmallow as ma
import pytest
from marshmallow import fields, validate
from webargs import core as webargs_core
from webargs import flaskparser

from core import foutteksten
from core.api.schemas import Schema
from core.tijd import vandaag


def _marshmallow_templates() -> set[str]:
    """Every English default message of marshmallow, as the fields and validators of
    the installed version spell it out (temporal fields with their kind filled in)."""
    templates = set(ma.Schema._default_error_messages.values())
    for _naam, soort in inspect.getmembers(fields, inspect.isclass):
        if not issubclass(soort, fields.Field):
            continue
        berichten: dict[str, str] = {}
        for cls in reversed(soort.__mro__):
            berichten.update(getattr(cls, "default_error_messages", {}))
        for tekst in berichten.values():
            # A kind or awareness the class does not have is a message it never raises.
            if "{obj_type}" in tekst and not hasattr(soort, "OBJ_TYPE"):
                continue
            if "{awareness}" in tekst and not hasattr(soort, "AWARENESS"):
                continue
            tekst = tekst.replace("{obj_type}", getattr(soort, "OBJ_TYPE", ""))
            templates.add(tekst.replace("{awareness}", getattr(soort, "AWARENESS", "")))
    for _naam, soort in inspect.getmembers(validate, inspect.isclass):
        if not issubclass(soort, validate.Validator) or soort in (validate.Validator,):
            continue
        if soort is validate.Range:
            exemplaren = [validate.Range(min=1, max=2, min_inclusive=a, max_inclusive=b)
                          for a in (True, False) for b in (True, False)]
        else:
            exemplaren = [soort]
        for exemplaar in exemplaren:
            for attr in ("default_message", "message_min", "message_max", "message_all",
                         "message_equal"):
                tekst = getattr(exemplaar, attr, None)
                if isinstance(tekst, str):
                    templates.add(tekst)
    return templates


def _webargs_templates() -> set[str]:
    """webargs' own messages: its default validation message and the JSON error."""
    bron = inspect.getsource(flaskparser.FlaskParser._handle_invalid_json_error)
    return {webargs_core.Parser.DEFAULT_VALIDATION_MESSAGE,
            *re.findall(r'\["([^"]+)"\]', bron)}


ENGELS = _marshmallow_templates() | _webargs_templates()


def _engels_patroon(template: str) -> re.Pattern[str]:
    delen = re.split(r"\{+\w+(?:![rsa])?\}+", template)
    return re.compile(".+?".join(re.escape(d) for d in delen) + r"\Z", re.DOTALL)


ENGELSE_PATRONEN = [_engels_patroon(t) for t in ENGELS]


def engels(reden: str) -> bool:
    return any(p.match(reden) for p in ENGELSE_PATRONEN)


def test_the_catalogue_knows_every_english_default_of_the_libraries():
    assert len(ENGELS) > 50  # the walk above does find the libraries' messages
    assert "Invalid JSON body." in ENGELS and "Length must be {equal}." in ENGELS
    ontbreekt = sorted(t for t in ENGELS if t not in foutteksten.CATALOGUS)
    assert ontbreekt == [], "add these to core.foutteksten.CATALOGUS"


def test_every_dutch_template_keeps_the_placeholders_of_its_english_one():
    for engels_template, (code, nl) in foutteksten.CATALOGUS.items():
        assert code and nl and not engels(nl), engels_template
        plek = set(re.findall(r"\{(\w+)", nl)) - {"eenheid"}
        assert plek <= set(re.findall(r"\{(\w+)", engels_template)), engels_template


class Kleur(enum.Enum):
    ROOD = "rood"
    GROEN = "groen"


class Alles(Schema):
    """One field of every kind the API uses, and the validators with default messages."""

    tekst = fields.String(required=True)
    getal = fields.Integer(validate=validate.Range(min=1, max=10))
    vanaf = fields.Integer(validate=validate.Range(min=5))
    kommagetal = fields.Float()
    decimaal = fields.Decimal()
    waar = fields.Boolean()
    datum = fields.Date()
    tijdstip = fields.DateTime()
    met_zone = fields.AwareDateTime()
    tijd = fields.Time()
    duur = fields.TimeDelta()
    uuid = fields.UUID()
    email = fields.Email()
    url = fields.Url()
    ip = fields.IP()
    lijst = fields.List(fields.Integer(), validate=validate.Length(equal=12))
    tupel = fields.Tuple((fields.String(), fields.Integer()))
    object = fields.Dict(keys=fields.String(), values=fields.Integer())
    genest = fields.Nested("Binnen")
    genest_lijst = fields.List(fields.Nested("Binnen"))
    kort = fields.String(validate=validate.Length(max=3))
    precies = fields.String(validate=validate.Length(equal=12))
    tussen = fields.String(validate=validate.Length(min=2, max=4))
    niet_leeg = fields.String(validate=validate.Length(min=1))
    keuze = fields.String(validate=validate.OneOf(["a", "b"]))
    soort = fields.Enum(Kleur)
    patroon = fields.String(validate=validate.Regexp(r"^\d+$"))
    gelijk = fields.String(validate=validate.Equal("ja"))
    geen = fields.String(validate=validate.NoneOf(["x"]))
    alleen = fields.List(fields.String(), validate=validate.ContainsOnly(["a"]))
    zonder = fields.List(fields.String(), validate=validate.ContainsNoneOf(["x"]))
    beide = fields.Integer(validate=validate.And(validate.Range(min=0), validate.NoneOf([3])))
    niet_null = fields.String(allow_none=False)


class Binnen(Schema):
    naam = fields.String(required=True)


FOUT = {
    "getal": 11, "vanaf": 2, "kommagetal": "nan", "decimaal": "geen", "waar": "misschien",
    "datum": "31-12-2026", "tijdstip": "gisteren", "metZone": "2026-01-01T10:00:00",
    "tijd": "half twee", "duur": "lang", "uuid": "x", "email": "geen-adres", "url": "geen url",
    "ip": "1.2.3", "lijst": [1, 2], "tupel": ["a"], "object": ["geen object"],
    "genest": {"onbekend": 1}, "genestLijst": [5], "kort": "lange tekst",
    "precies": "kort", "tussen": "x", "nietLeeg": "", "keuze": "c", "soort": "blauw",
    "patroon": "abc", "gelijk": "nee", "geen": "x", "alleen": ["b"], "zonder": ["x"],
    "beide": 3, "nietNull": None, "extra": 1,
}


def _redenen(messages) -> list[tuple[str, str]]:
    from core.errors import flatten_messages

    return list(flatten_messages(messages))


def test_a_schema_of_this_api_raises_no_english_message():
    with pytest.raises(ma.ValidationError) as fout:
        Alles().load(FOUT)
    redenen = _redenen(fout.value.messages)
    namen = {naam.split(".")[0] for naam, _ in redenen}
    assert namen >= set(FOUT) | {"tekst"}, "every bad field answers"
    assert [r for r in redenen if engels(r[1])] == []
    per_veld = dict(redenen)
    assert per_veld["tekst"] == "Dit veld is verplicht."
    assert per_veld["getal"] == "Moet van 1 tot en met 10 zijn."
    assert per_veld["vanaf"] == "Moet minstens 5 zijn."
    assert per_veld["precies"] == "Moet precies 12 tekens bevatten."
    assert per_veld["lijst"] == "Moet precies 12 elementen bevatten."
    assert per_veld["kort"] == "Mag hoogstens 3 tekens bevatten."
    assert per_veld["tussen"] == "Moet 2 tot en met 4 tekens bevatten."
    assert per_veld["nietLeeg"] == "Mag niet leeg zijn."
    assert per_veld["keuze"] == "Kies een van: a, b."
    assert per_veld["extra"] == "Dit veld bestaat niet in dit schema."
    assert per_veld["genest.onbekend"] == "Dit veld bestaat niet in dit schema."
    assert per_veld["genestLijst.0"] == "Verwacht een object."
    assert per_veld["metZone"].startswith("Verwacht een tijdstip met tijdzone")
    assert per_veld["beide"] == "Ongeldige invoer."
    assert per_veld["nietNull"] == "Dit veld mag niet null zijn."
    with pytest.raises(ma.ValidationError) as fout:
        Alles().load(["geen object"])
    assert _redenen(fout.value.messages) == [("", "Verwacht een object.")]


def test_a_message_the_code_chose_itself_is_kept():
    class Eigen(Schema):
        veld = fields.String(validate=validate.Length(max=2, error="Te lang, echt."),
                             error_messages={"invalid": "Geen tekst, echt."})

    with pytest.raises(ma.ValidationError) as fout:
        Eigen().load({"veld": "abc"})
    assert fout.value.messages == {"veld": ["Te lang, echt."]}
    with pytest.raises(ma.ValidationError) as fout:
        Eigen().load({"veld": 1})
    assert fout.value.messages == {"veld": ["Geen tekst, echt."]}


def test_plain_marshmallow_keeps_its_own_messages():
    """The translation is this API's: marshmallow's own classes are not changed."""
    with pytest.raises(ma.ValidationError) as fout:
        ma.Schema.from_dict({"n": fields.Integer(validate=validate.Length(equal=1))})().load(
            {"n": "x"})
    assert fout.value.messages == {"n": ["Not a valid integer."]}
    assert validate.Length.message_equal == "Length must be {equal}."


@pytest.mark.parametrize("bericht, verwacht", [
    ("Invalid JSON body.", ("json", "De body is geen geldige JSON.")),
    ("Length must be 12.", ("length", "Moet precies 12 tekens bevatten.")),
    ("Must be greater than or equal to 1 and less than or equal to 5.",
     ("range", "Moet van 1 tot en met 5 zijn.")),
    ("Dit veld is verplicht.", ("required", "Dit veld is verplicht.")),
    ("Moet precies 12 elementen bevatten.", ("length", "Moet precies 12 elementen bevatten.")),
    ("Moet minstens 0 en kleiner dan 3 zijn.", ("range", "Moet minstens 0 en kleiner dan 3 "
                                                "zijn.")),
    ("Kies een van: a, b.", ("enum", "Kies een van: a, b.")),
    ("Een OIN bestaat uit precies 20 cijfers.", ("invalid",
                                                 "Een OIN bestaat uit precies 20 cijfers.")),
])
def test_the_handler_gives_each_message_its_code_and_translates_what_slipped_through(
        bericht, verwacht):
    assert foutteksten.uitleg(bericht) == verwacht


# --- over HTTP ---------------------------------------------------------------------

def _param(response, naam: str) -> dict:
    assert response.status_code == 400, response.get_json()
    params = response.get_json()["invalidParams"]
    for param in params:
        assert not engels(param["reason"]), param
    gevonden = [p for p in params if p["name"] == naam]
    assert gevonden, (naam, params)
    return gevonden[0]


@pytest.fixture
def afnemer(maak_afnemer, maak_aansluiting):
    afnemer = maak_afnemer()
    return afnemer, maak_aansluiting(afnemer["id"], dienst="digid")


def _verzoeken(afnemer_id: str, aansluiting_id: str):
    """(method, path, request kwargs, field name, code, Dutch reason or its start)."""
    a = f"/afnemers/{afnemer_id}"
    digid = {"aansluitingId": aansluiting_id, "periode": f"{vandaag().year + 1}-04"}
    return [
        ("POST", "/afnemers", {"json": {"oin": "00000001001234567000", "type": "gemeente"}},
         "naam", "required", "Dit veld is verplicht."),
        ("POST", "/afnemers", {"json": {"naam": 12}}, "naam", "type", "Verwacht een tekst."),
        ("POST", "/afnemers", {"json": {"naam": None}}, "naam", "null",
         "Dit veld mag niet null zijn."),
        ("POST", "/afnemers", {"json": {"naam": "x", "bestaatNiet": 1}}, "bestaatNiet",
         "unknown", "Dit veld bestaat niet in dit schema."),
        ("POST", "/afnemers", {"json": {"type": "onzin"}}, "type", "enum", "Kies een van: "),
        ("POST", "/afnemers", {"json": ["geen object"]}, "body", "type",
         "Verwacht een object."),
        ("POST", "/afnemers", {"data": "{kapot", "content_type": "application/json"}, "body",
         "json", "De body is geen geldige JSON."),
        ("GET", "/afnemers?pagina=een", {}, "pagina", "type", "Verwacht een geheel getal."),
        ("GET", "/afnemers?pagina=0", {}, "pagina", "range", "Moet van 1 tot en met "),
        ("GET", f"/aankondigingen?dienst={'d' * 41}", {}, "dienst", "length",
         "Mag hoogstens 40 tekens bevatten."),
        ("POST", f"{a}/aansluitingen", {"json": {"aanvraagOndertekendOp": "gisteren"}},
         "aanvraagOndertekendOp", "date", "Verwacht een datum als JJJJ-MM-DD."),
        ("POST", f"{a}/aansluitingen", {"json": {"onderdelen": "midden"}}, "onderdelen",
         "type", "Verwacht een lijst."),
        ("POST", f"{a}/webhooks", {"json": {"actief": "ja"}}, "actief", "type",
         "Verwacht true of false."),
        ("POST", f"{a}/api-tokens", {"json": {"verlooptOp": "2099-01-01T10:00:00"}},
         "verlooptOp", "datetime", "Verwacht een tijdstip met tijdzone"),
        ("POST", f"{a}/api-tokens", {"json": {"verlooptOp": "morgen"}}, "verlooptOp",
         "datetime", "Verwacht een tijdstip"),
        ("POST", f"{a}/prognoses", {"json": {"aansluitingId": "x"}}, "aansluitingId", "uuid",
         "Verwacht een UUID."),
        ("POST", f"{a}/kosten/schattingen", {"json": {"jaar": 2027, "volumes": [5]}},
         "volumes.0", "type", "Verwacht een object."),
        ("POST", f"{a}/kosten/schattingen", {"json": {"jaar": 2027, "volumes": [
            {"dienst": "", "metriek": "berichten", "aantal": 1}]}}, "volumes.0.dienst",
         "length", "Moet 1 tot en met 40 tekens bevatten."),
        ("POST", f"{a}/prognoses", {"json": {**digid, "formulier": {
            "authenticatiesPerMaand": [1] * 11, "piekPerMinuut": 1}}},
         "formulier.authenticatiesPerMaand", None, "Moet precies 12 elementen bevatten."),
        ("POST", f"{a}/prognoses", {"json": {**digid, "formulier": {
            "authenticatiesPerMaand": [1] * 12, "piekPerMinuut": "veel"}}},
         "formulier.piekPerMinuut", None, "Verwacht een geheel getal."),
    ]


def test_bad_bodies_answer_dutch_reasons_with_their_codes(api, afnemer):
    afnemer, aansluiting = afnemer
    for method, path, kwargs, naam, code, reden in _verzoeken(afnemer["id"], aansluiting["id"]):
        param = _param(api.request(method, path, **kwargs), naam)
        assert param["reason"].startswith(reden), (method, path, param)
        if code is not None:
            assert param["code"] == code, (method, path, param)
