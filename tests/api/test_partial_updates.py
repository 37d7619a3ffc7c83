"""A PATCH changes what it sends and nothing else.

For every PATCH operation of the OpenAPI document there is a case below. The case
creates the resource with a non-default value in every optional field of its create
body (checked against the document), then PATCHes one field at a time and checks that
every other field kept its value. A generated client fills in a schema's ``default``
and sends it, so no partial-update schema may declare one anywhere (issue 13: a PATCH
of ``functie`` alone turned a 24x7 contact into office hours).

A new PATCH operation without a case here, or a new field of a PATCH schema that no
case changes, fails ``test_every_patch_operation_has_a_case``. The PATCH operations of
installed plugins get their case from the document: the resource is created with the
example of its POST, and each field is PATCHed to another value of its own schema
(:func:`_ander`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from core import tijd
from core.api.fields import TEKST_PATTERN as TEKST
from core.api.fields import TEKST_REGELS_PATTERN as TEKST_REGELS
from core.api.schemas import GEEN_NUL
from tests.conftest import geinstalleerd, nieuw_oin
from tests.support.plugins import PARAM, maak_voorbeelden, plugin_operaties, voorbeeldbody

# Fields the server keeps itself; they may change with any PATCH.
ALTIJD_AFGELEID = {"gewijzigdOp"}


@dataclass
class Case:
    """How to create one resource and change each field of its PATCH schema.

    ``maak(api, context)`` returns the create request ``(collection path, body)``; the
    resource's path is the ``Location`` of the 201. A body of ``None`` means the path is
    the resource itself, made already (by another route). ``wijzigingen`` holds, per field,
    the values PATCHed one by one (in this order) and, where the server normalises it,
    the value it answers instead. ``afgeleid`` names fields the server derives from the
    one changed.
    """

    maak: Callable[[Any, dict], tuple[str, dict | None]]
    wijzigingen: list[tuple[str, Any] | tuple[str, Any, Any]]
    afgeleid: dict[str, set[str]] = field(default_factory=dict)
    #: The role that PATCHes, where a Logius beheerder may not (the document's x-rollen).
    rol: str | None = None


def _afnemer(api, context):
    return "/afnemers", {"naam": "Provincie Voorbeeld", "oin": nieuw_oin(), "type": "provincie",
                         "kvkNummer": "12345678"}


def _contactpersoon(api, context):
    return f"/afnemers/{context['afnemer']}/contactpersonen", {
        "naam": "Noor Jansen", "functie": "Security officer", "email": "noor@voorbeeld.nl",
        "telefoon": "+31612345678", "rol": "technisch", "bereikbaarheid": "24x7"}


def _aansluiting(api, context):
    return f"/afnemers/{context['afnemer']}/aansluitingen", {
        "dienst": "digid", "omgeving": "pre-productie", "onderdelen": ["substantieel"],
        "aanvraagOndertekendOp": "2026-01-15"}


def _lidmaatschap(api, context):
    return f"/afnemers/{context['afnemer']}/lidmaatschappen", {
        "email": "lid@voorbeeld.nl", "rol": "afnemer-medewerker"}


def _webhook(api, context):
    return f"/afnemers/{context['afnemer']}/webhooks", {
        "url": "https://zaken.voorbeeld.nl/hook", "omschrijving": "Zaaksysteem",
        "typen": ["aankondiging.*"], "actief": False}


def _versie(api, context):
    return "/diensten/mijnoverheid/koppelvlakken/berichtenbox/versies", {
        "versie": "9.1", "ondersteundSinds": "2026-01-01", "verouderdSinds": "2026-02-01"}


def _feestdag(api, context):
    return "/feestdagen", {"datum": "2027-12-31", "naam": "Oudejaarsdag"}


def _onbeschikbaarheid(api, context):
    return "/diensten/digid/onbeschikbaarheid", {
        "omgeving": "productie", "soort": "storing", "van": "2026-03-03T08:00:00+00:00",
        "tot": "2026-03-03T09:00:00+00:00", "functies": ["authenticatie-midden"],
        "omschrijving": "Storing bij een leverancier"}


def _incident(api, context):
    """One Logius detected itself (its POST is the collection's): every optional field of
    the create body set, the clock running since a report by phone."""
    return "/incidenten", {
        "dienst": "digid", "omgeving": "productie", "impact": "midden", "urgentie": "laag",
        "omschrijving": "Door Logius gezien", "functies": ["balie"], "calamiteit": True,
        "gemeldOp": "2026-11-02T08:00:00+01:00"}


#: What a new impact or urgency, or a step of its own, changes beside the field: the
#: priority and all the clock derives from it (which also moves with time), and the history.
_INCIDENT_AFGELEID = {"geschiedenis", "prioriteit", "oplostijd", "oplossenUiterlijk",
                      "verstrekenUren", "gepauzeerdeUren", "resterendeUren", "binnenTermijn",
                      "impactOmschrijving", "urgentieOmschrijving", "kennisgevingen"}


def _sunset() -> str:
    return (tijd.vandaag() + timedelta(days=400)).isoformat()


CASES: dict[str, Case] = {
    "/afnemers/{afnemerId}": Case(
        _afnemer,
        [("naam", "Provincie Anders"), ("oin", nieuw_oin), ("type", "waterschap"),
         ("kvkNummer", "87654321"), ("kvkNummer", None)],
    ),
    "/afnemers/{afnemerId}/contactpersonen/{contactpersoonId}": Case(
        _contactpersoon,
        # functie first: the contact is 24x7 and must stay so (issue 13).
        [("functie", "CISO"), ("naam", "Noor de Vries"),
         ("email", "Noor.de.Vries@Voorbeeld.nl", "noor.de.vries@voorbeeld.nl"),
         ("telefoon", "070 123 4567", "+31701234567"), ("rol", "security"),
         ("bereikbaarheid", "kantooruren"), ("functie", None)],
    ),
    "/afnemers/{afnemerId}/aansluitingen/{aansluitingId}": Case(
        _aansluiting, [("onderdelen", ["basis", "midden"])],
    ),
    "/afnemers/{afnemerId}/lidmaatschappen/{lidmaatschapId}": Case(
        _lidmaatschap, [("rol", "afnemer-beheerder")],
    ),
    "/afnemers/{afnemerId}/webhooks/{webhookId}": Case(
        _webhook,
        [("actief", True), ("url", "https://zaken.voorbeeld.nl/andere-hook"),
         ("omschrijving", "Nieuw zaaksysteem"),
         ("typen", ["koppelvlak.uitfasering", "aankondiging.*"],
          ["aankondiging.*", "koppelvlak.uitfasering"]),
         ("omschrijving", None), ("typen", [])],
    ),
    "/diensten/{slug}/koppelvlakken/{koppelvlak}/versies/{versie}": Case(
        _versie,
        [("opvolger", "3.0"), ("verouderdSinds", "2026-03-01"), ("sunsetOp", _sunset),
         ("opvolger", None)],
        afgeleid={"sunsetOp": {"sunsetAangekondigdOp", "status"},
                  "verouderdSinds": {"status"}},
    ),
    "/feestdagen/{datum}": Case(
        _feestdag, [("naam", "Laatste dag van 2027")], afgeleid={"naam": {"gewijzigdDoor"}},
    ),
    "/incidenten/{incidentId}": Case(
        _incident,
        [("impact", "hoog"), ("urgentie", "midden"), ("calamiteit", True),
         ("publiekeOmschrijving", "Inloggen bij de balie lukt niet."), ("publiek", True),
         ("publiek", False)],
        afgeleid={veld: _INCIDENT_AFGELEID for veld in (
            "impact", "urgentie", "calamiteit", "publiekeOmschrijving", "publiek")},
    ),
    "/diensten/{slug}/onbeschikbaarheid/{onbeschikbaarheidId}": Case(
        _onbeschikbaarheid,
        [("omgeving", "pre-productie"), ("soort", "spoedonderhoud"),
         ("van", "2026-03-03T07:30:00+00:00"), ("tot", "2026-03-03T10:00:00+00:00"),
         ("functies", ["mijn-digid", "balie"]), ("omschrijving", "Anders verwoord"),
         ("omschrijving", None), ("tot", None)],
        afgeleid={"van": {"duurUren"}, "tot": {"duurUren"}},
    ),
}


@pytest.fixture
def document(api):
    return api.get("/openapi.json").get_json()


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _body_schema(document: dict, path: str, method: str) -> dict:
    operation = document["paths"][path][method]
    return _resolve(document, operation["requestBody"]["content"]["application/json"]["schema"])


def _patch_paths(document: dict) -> list[str]:
    return sorted(p for p, item in document["paths"].items() if "patch" in item)


def _schrijfbaar(schema: dict) -> set[str]:
    return {n for n, p in schema.get("properties", {}).items() if not p.get("readOnly")}


def test_every_patch_operation_has_a_case(app, document):
    """Walks the document (and the URL map): a new PATCH operation, or a new field of a
    PATCH body, fails here until it has a case above (a plugin's: from its document)."""
    paths = _patch_paths(document)
    rules = sorted(r.rule for r in app.url_map.iter_rules() if "PATCH" in r.methods)
    assert len(rules) == len(paths), (rules, paths)
    cases = {**CASES, **_plugin_cases(document)}
    assert paths == sorted(cases), "add a Case for each new PATCH operation"
    assert not set(CASES) & set(_plugin_cases(document))
    for path in paths:
        velden = _schrijfbaar(_body_schema(document, path, "patch"))
        gedekt = {w[0] for w in cases[path].wijzigingen}
        assert velden == gedekt, f"{path}: PATCH every field of the body once ({velden})"


def _zonder_default(document: dict, schema: dict, pad: str, gezien: set[str]) -> list[str]:
    """Every ``default`` inside ``schema``, following $refs, allOf/anyOf and items."""
    if "$ref" in schema:
        naam = schema["$ref"].rsplit("/", 1)[1]
        if naam in gezien:
            return []
        gezien.add(naam)
        return _zonder_default(document, document["components"]["schemas"][naam],
                               f"{pad}->{naam}", gezien)
    gevonden = [pad] if "default" in schema else []
    for key, value in schema.items():
        if key in ("properties", "patternProperties"):
            for naam, sub in value.items():
                gevonden += _zonder_default(document, sub, f"{pad}.{naam}", gezien)
        elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
            gevonden += _zonder_default(document, value, f"{pad}[{key}]", gezien)
        elif key in ("allOf", "anyOf", "oneOf"):
            for i, sub in enumerate(value):
                gevonden += _zonder_default(document, sub, f"{pad}/{key}{i}", gezien)
    return gevonden


def test_no_partial_update_schema_has_a_default(document):
    """Neither the PATCH bodies nor anything they refer to declares a ``default``."""
    defaults = []
    for path in _patch_paths(document):
        operation = document["paths"][path]["patch"]
        for media_type, content in operation["requestBody"]["content"].items():
            defaults += _zonder_default(document, content["schema"], f"PATCH {path} {media_type}",
                                        set())
    assert defaults == []


def test_the_check_for_defaults_does_find_one(document):
    """The check above can fail: a default deep inside a referenced schema is found."""
    document = {"components": {"schemas": {
        "A": {"type": "object", "properties": {"b": {"type": "array",
                                                     "items": {"$ref": "#/components/schemas/B"}}}},
        "B": {"type": "object", "properties": {"c": {"type": "string", "default": "x"}}}}}}
    assert _zonder_default(document, {"$ref": "#/components/schemas/A"}, "A", set()) == [
        "A->A.b[items]->B.c"]


@pytest.fixture
def context(api, maak_afnemer, maak_contactpersoon):
    afnemer = maak_afnemer()
    maak_contactpersoon(afnemer["id"])  # the algemeen contact AV 2.4 asks for
    return {"afnemer": afnemer["id"]}


def _waarde(value):
    return value() if callable(value) else value


@pytest.mark.parametrize("path", sorted(CASES))
def test_a_patch_of_one_field_changes_only_that_field(api, document, context, path):
    _een_voor_een(api, document, context, path, CASES[path])


def test_a_patch_of_one_field_of_a_plugin_changes_only_that_field(
        api, document, maak_afnemer, maak_contactpersoon, token_voor):
    """The same for every PATCH operation of the installed plugins, each on an afnemer of
    its own (what one case made must not stand in another's way)."""
    from core.auth.principal import Rol

    for path, case in sorted(_plugin_cases(document).items()):
        afnemer = maak_afnemer()
        maak_contactpersoon(afnemer["id"])
        context = {"afnemer": afnemer["id"]}
        wie = api if case.rol is None else api.as_(token_voor(afnemer["id"], Rol(case.rol)))
        _een_voor_een(api, document, context, path, case, patcher=wie)


def _plugin_cases(document: dict) -> dict[str, Case]:
    """A case per PATCH path of an installed plugin: created with the example of the
    collection's POST (ids above it made the same way; an item whose collection has no
    POST is the one the walk made for its id), each field PATCHed to another value of its
    schema, then (where nullable) to null. A field of the answer that names the fields it
    is derived from (``x-afgeleid-van``) may change with them. Where the document's
    ``x-rollen`` leaves a Logius beheerder out, the afnemer's own role PATCHes."""
    cases = {}
    for method, path in plugin_operaties(document, geinstalleerd()):
        if method != "patch":
            continue
        collectie = path.rsplit("/", 1)[0]
        schema = _body_schema(document, path, "patch")
        voorbeeld = voorbeeldbody(document, path, "patch")
        wijzigingen: list = []
        for naam in sorted(_schrijfbaar(schema)):
            prop = _resolve(document, schema["properties"][naam])
            if len(prop.get("allOf", [])) == 1:  # a nullable enum refers to its values
                prop = {**_resolve(document, prop["allOf"][0]),
                        **{k: v for k, v in prop.items() if k != "allOf"}}
            ander = _ander(path, naam, prop, voorbeeld[naam])
            if prop.get("format") == "date-time":
                wijzigingen.append((naam, ander, _utc(ander)))
            else:
                wijzigingen.append((naam, ander))
            if prop.get("nullable"):
                wijzigingen.append((naam, None))
        afgeleid: dict[str, set[str]] = {}
        antwoord = _resolve(document, document["paths"][path]["get"]["responses"]["200"][
            "content"]["application/json"]["schema"])
        for veld, prop in antwoord.get("properties", {}).items():
            for bron in _resolve(document, prop).get("x-afgeleid-van", prop.get(
                    "x-afgeleid-van", [])):
                afgeleid.setdefault(bron, set()).add(veld)
        rollen = document["paths"][path]["patch"].get("x-rollen")
        rol = rollen[0] if rollen and "logius-beheerder" not in rollen else None

        def maak(api, context, collectie=collectie, path=path):
            def post(pad, body):
                response = api.post(pad, json=body)
                assert response.status_code == 201, (pad, response.get_json())
                return response.get_json()

            ids = {"afnemerId": context["afnemer"]}
            ids |= maak_voorbeelden(document, geinstalleerd(), ids, post)
            if "post" not in document["paths"].get(collectie, {}):
                return PARAM.sub(lambda m: ids[m.group(1)], path), None
            return (PARAM.sub(lambda m: ids[m.group(1)], collectie),
                    voorbeeldbody(document, collectie, "post", ids))

        cases[path] = Case(maak, wijzigingen, afgeleid, rol)
    return cases


def _utc(waarde: str) -> str:
    """A moment as the API answers it: in UTC."""
    from datetime import UTC, datetime

    return datetime.fromisoformat(waarde).astimezone(UTC).isoformat()


def _ander(path: str, naam: str, schema: dict, waarde: Any) -> Any:
    """A valid value of ``schema`` other than ``waarde`` (its example), or a failure that
    names the field: a plugin field of a kind this walk cannot vary."""
    from datetime import date, datetime

    if schema.get("enum"):
        anders = [w for w in schema["enum"] if w not in (waarde, None)]
        assert anders, f"{path}: {naam} has no other value than {waarde!r}"
        return anders[0]
    soort, vorm = schema.get("type"), schema.get("format")
    if soort == "boolean":
        return not waarde
    if soort == "integer":
        groter = waarde + 1
        return groter if schema.get("maximum") is None or groter <= schema["maximum"] \
            else waarde - 1
    if soort == "string" and vorm == "date":
        return (date.fromisoformat(waarde) + timedelta(days=1)).isoformat()
    if soort == "string" and vorm == "date-time":
        return (datetime.fromisoformat(waarde) + timedelta(hours=1)).isoformat()
    if soort == "string" and not vorm and schema.get("pattern") in (None, TEKST, TEKST_REGELS,
                                                                     GEEN_NUL):
        anders = f"{waarde} (2)"
        return anders[-schema["maxLength"]:] if "maxLength" in schema else anders
    if soort == "array" and waarde:
        return [_ander(path, f"{naam}[]", schema.get("items", {}), waarde[0])]
    raise AssertionError(f"{path}: no other value for {naam} ({schema}); give the field an "
                         "enum, a date, a number, a boolean or free text")


def _een_voor_een(api, document: dict, context: dict, path: str, case: Case,
                  patcher=None) -> None:
    patcher = patcher or api
    collectie, body = case.maak(api, context)
    if body is None:
        url = collectie  # made already, by another route
    else:
        create_schema = _body_schema(document, path.rsplit("/", 1)[0], "post")
        for naam in _schrijfbaar(create_schema) - set(create_schema.get("required", [])):
            prop = create_schema["properties"][naam]
            assert naam in body, f"create {collectie} with a value for optional {naam}"
            if "default" in prop:
                assert body[naam] != prop["default"], f"{naam}: use a non-default value"
        created = api.post(collectie, json=body)
        assert created.status_code == 201, created.get_json()
        location = created.headers.get("Location")
        url = location.split("/api/v1", 1)[1] if location else f"{collectie}/{body['versie']}"
    api = patcher
    for wijziging in case.wijzigingen:
        naam, value = wijziging[0], _waarde(wijziging[1])
        verwacht = _waarde(wijziging[2]) if len(wijziging) > 2 else value
        voor = api.get(url)
        assert voor.status_code == 200
        response = api.patch(url, json={naam: value}, headers={"If-Match": voor.headers["ETag"]})
        assert response.status_code == 200, (naam, response.get_json())
        na = api.get(url).get_json()
        assert response.get_json() == na
        assert na[naam] == verwacht, naam
        vrij = {naam} | ALTIJD_AFGELEID | case.afgeleid.get(naam, set())
        before = {k: v for k, v in voor.get_json().items() if k not in vrij}
        after = {k: v for k, v in na.items() if k not in vrij}
        assert after == before, f"PATCH of {naam} alone changed other fields"


def test_the_issue_13_contact_stays_24x7(api, context):
    """The reported case itself: PATCH functie alone, as a generated client sends it."""
    url = f"/afnemers/{context['afnemer']}/contactpersonen"
    contact = api.post(url, json={"naam": "Wacht Dienst", "email": "wacht@voorbeeld.nl",
                                  "telefoon": "0701234567", "rol": "security",
                                  "bereikbaarheid": "24x7"}).get_json()
    etag = api.get(f"{url}/{contact['id']}").headers["ETag"]
    response = api.patch(f"{url}/{contact['id']}", json={"functie": "Piketdienst"},
                         headers={"If-Match": etag})
    assert response.status_code == 200
    assert response.get_json()["bereikbaarheid"] == "24x7"
