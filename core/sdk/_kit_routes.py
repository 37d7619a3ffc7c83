"""The route checks of the conformance kit (:mod:`core.sdk.testing`).

A plugin's routes are found in the app itself: the rules of the URL map whose endpoint
belongs to one of the blueprints the plugin returned from ``dienst_api``, each matched to
its path in the app's OpenAPI document. Nothing here knows a plugin: the bodies it sends
are the author's examples (``voorbeelden``) or made from the document's request schemas.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from core.config import API_PREFIX

#: A variable of a URL rule: ``<uuid:afnemer_id>``, ``<jaar:jaar>``, ``<slug>``.
VARIABELE = re.compile(r"<(?:(?P<soort>\w+)(?:\([^>]*\))?:)?(?P<naam>\w+)>")
SCHRIJVEN = ("POST", "PUT", "PATCH", "DELETE")
PROBLEM = "application/problem+json"
AFNEMER = "afnemerId"
#: An ETag no resource ever has: the kit's stale one.
VEROUDERD = '"conformiteit-verouderd"'


def camel(naam: str) -> str:
    kop, *rest = naam.split("_")
    return kop + "".join(deel[:1].upper() + deel[1:] for deel in rest)


def is_problem(antwoord: Any) -> bool:
    return antwoord.mimetype == PROBLEM


def kort(antwoord: Any) -> str:
    """An answer in a few words, for a finding: the status and the start of its body."""
    tekst = antwoord.get_data(as_text=True).strip().replace("\n", " ")
    if len(tekst) > 300:
        tekst = tekst[:300] + "..."
    return f"{antwoord.status_code} {antwoord.mimetype or '-'} {tekst}".rstrip()


@dataclass
class Route:
    """One path of the plugin, with the methods its rules serve.

    :param pad: the path as the OpenAPI document names it (``/afnemers/{afnemerId}/x``).
    :param variabelen: camelCase name -> the rule's converter (``uuid``, ``string``, ...).
    :param operaties: method -> its operation in the document (absent: not documented).
    """

    pad: str
    afnemer: bool
    methoden: set[str] = field(default_factory=set)
    variabelen: dict[str, str] = field(default_factory=dict)
    operaties: dict[str, dict[str, Any]] = field(default_factory=dict)
    endpoints: set[str] = field(default_factory=set)

    @property
    def relatief(self) -> str:
        """The path below the place of its blueprint (``/x/{xId}``)."""
        if self.pad.startswith("/afnemers/{afnemerId}/"):
            return self.pad.removeprefix("/afnemers/{afnemerId}")
        delen = self.pad.split("/")  # /diensten/<slug>/...
        if len(delen) > 2 and delen[1] == "diensten":
            return "".join("/" + deel for deel in delen[3:])
        return self.pad

    @property
    def item(self) -> bool:
        """Whether the path names one resource: it ends in a variable."""
        return self.pad.endswith("}")

    @property
    def ids(self) -> list[str]:
        """The variables that name a resource (besides the afnemer)."""
        return [n for n, soort in self.variabelen.items()
                if n != AFNEMER and (soort == "uuid" or n.endswith("Id"))]

    def vul(self, waarden: Mapping[str, str]) -> str | None:
        """The path with ``waarden`` filled in; ``None`` when one is missing."""
        ontbreekt = [n for n in self.variabelen if n not in waarden]
        if ontbreekt:
            return None
        return re.sub(r"\{(\w+)\}", lambda m: str(waarden[m.group(1)]), self.pad)

    def nergens(self) -> dict[str, str]:
        """Values for the ids that exist nowhere."""
        uit = {}
        for naam in self.ids:
            soort = self.variabelen[naam]
            uit[naam] = (str(uuid.uuid4()) if soort == "uuid" else "2147483646" if soort == "int"
                         else f"bestaat-niet-{uuid.uuid4().hex[:8]}")
        return uit

    def if_match(self, methode: str) -> bool | None:
        """Whether the document says the operation takes If-Match: required (True),
        optional (False) or not at all (None)."""
        for parameter in self.operaties.get(methode, {}).get("parameters", []):
            if parameter.get("in") == "header" and parameter.get("name", "").lower() == "if-match":
                return bool(parameter.get("required"))
        return None

    def naam(self, methode: str | None = None) -> str:
        return f"{methode} {self.pad}" if methode else self.pad


def routes(app: Any, blueprints: list[str], doc: Mapping[str, Any]) -> list[Route]:
    """The plugin's routes, from the URL map, matched to the document's paths."""
    eigen = tuple(naam + "." for naam in blueprints)
    afnemerprefix = f"{API_PREFIX}/afnemers/<uuid:afnemer_id>"
    uit: dict[str, Route] = {}
    for regel in app.url_map.iter_rules():
        if not regel.endpoint.startswith(eigen):
            continue
        pad = VARIABELE.sub(lambda m: "{" + camel(m.group("naam")) + "}",
                            regel.rule.removeprefix(API_PREFIX))
        route = uit.setdefault(pad, Route(pad, regel.rule.startswith(afnemerprefix + "/")))
        route.methoden |= (regel.methods or set()) - {"HEAD", "OPTIONS"}
        route.endpoints.add(regel.endpoint)
        for m in VARIABELE.finditer(regel.rule):
            route.variabelen[camel(m.group("naam"))] = m.group("soort") or "string"
        item = doc.get("paths", {}).get(pad, {})
        for methode in route.methoden:
            if isinstance(item.get(methode.lower()), dict):
                route.operaties[methode] = item[methode.lower()]
    return sorted(uit.values(), key=lambda r: (len(r.variabelen), r.pad))


def bodyschema(route: Route, methode: str, doc: Mapping[str, Any]) -> dict[str, Any] | None:
    """The JSON schema of the operation's request body, references resolved one level."""
    inhoud = route.operaties.get(methode, {}).get("requestBody", {}).get("content", {})
    schema = (inhoud.get("application/json") or {}).get("schema")
    return los_op(schema, doc) if schema else None


def los_op(schema: Mapping[str, Any] | None, doc: Mapping[str, Any]) -> dict[str, Any]:
    schema = dict(schema or {})
    for _ in range(10):
        if "$ref" in schema:
            naam = schema["$ref"].rsplit("/", 1)[-1]
            schema = dict(doc.get("components", {}).get("schemas", {}).get(naam, {}))
        elif len(schema.get("allOf", ())) == 1:
            schema = {**schema, **dict(schema.pop("allOf")[0])}
        else:
            break
    return schema


def foute_waarde(schema: Mapping[str, Any], doc: Mapping[str, Any]) -> Any:
    """A value that no field of this schema accepts (``...`` when none is certain)."""
    schema = los_op(schema, doc)
    soort = schema.get("type")
    if isinstance(soort, list):
        soort = next((s for s in soort if s != "null"), None)
    if soort == "string":
        return ["geen", "tekst"]
    if soort in ("integer", "number"):
        return "geen-getal"
    if soort == "boolean":
        return "misschien"
    if soort == "array":
        return "geen-lijst"
    if soort == "object" or "properties" in schema:
        return "geen-object"
    return ...


def genoemd(veld: str, namen: list[str]) -> bool:
    return any(n == veld or n.startswith((veld + ".", veld + "[")) for n in namen)


def invalid_params(antwoord: Any) -> list[str]:
    try:
        lichaam = antwoord.get_json(silent=True) or {}
    except Exception:  # noqa: BLE001 (not JSON: then it names no field)
        return []
    return [str(p.get("name")) for p in lichaam.get("invalidParams", ()) if isinstance(p, dict)]


def match(app: Any, locatie: str, routes_: list[Route]) -> tuple[Route, dict[str, str]] | None:
    """The plugin route (and its values) a Location points at, if any."""
    from werkzeug.exceptions import HTTPException

    pad = urlsplit(locatie).path
    try:
        endpoint, waarden = app.url_map.bind("localhost").match(pad, method="GET")
    except HTTPException:
        return None
    for route in routes_:
        if endpoint in route.endpoints and "GET" in route.methoden:
            return route, {camel(k): str(v) for k, v in waarden.items()}
    return None


Voorbeeld = Mapping[str, Any] | Callable[[Mapping[str, str]], Mapping[str, Any]]


def voorbeeld(voorbeelden: Mapping[str, Voorbeeld], methode: str, route: Route,
              waarden: Mapping[str, str]) -> dict[str, Any] | None:
    """The author's example body for ``methode`` on ``route``, or ``None``.

    Keys are tried from specific to general: ``"PATCH /x/{xId}"``, ``"/x/{xId}"``, and
    the same with the document's full path. A callable gets the path values known so far
    (camelCase names, as in the document) and returns the body."""
    for sleutel in (f"{methode} {route.relatief}", route.relatief,
                    f"{methode} {route.pad}", route.pad):
        if sleutel in voorbeelden:
            gevonden = voorbeelden[sleutel]
            return dict(gevonden(dict(waarden)) if callable(gevonden) else gevonden)
    return None


def schrijfbody(voorbeelden: Mapping[str, Voorbeeld], methode: str, route: Route,
                waarden: Mapping[str, str]) -> dict[str, Any] | None:
    """A body the write ought to accept: the example; for a PUT of an item without one,
    the POST example of its collection (a replacement looks like a creation); for a
    PATCH an empty one (every field optional). ``None`` when there is none."""
    body = voorbeeld(voorbeelden, methode, route, waarden)
    if body is None and methode == "PUT" and route.item:
        ouder = Route(route.pad.rsplit("/", 1)[0], route.afnemer)
        body = voorbeeld(voorbeelden, "POST", ouder, waarden)
    if body is None and methode == "PATCH":
        return {}
    return body


def per_methode(routes_: list[Route], *methoden: str) -> Iterator[tuple[Route, str]]:
    for route in routes_:
        for methode in sorted(route.methoden):
            if not methoden or methode in methoden:
                yield route, methode


# --- the exercise: A creates one resource of every kind it can -----------------------------


Bevinding = Callable[[str, str, str], None]


@dataclass
class Oefening:
    """What the kit created for afnemer A, and what it could not.

    :param waarden: path values of A's resources (camelCase), learned from ``Location``;
        with ``afnemerId`` and whatever ``voorbereiden`` gave.
    :param items: document path -> the concrete path of one of A's resources.
    :param bevindingen: ``(plaats, regel, tekst)`` found while creating.
    :param gedeeld: values learned from a dienst route (Logius created them there), with
        the concrete path that reads each: such a resource is A's only if B cannot read
        it there too (a list Logius keeps for every afnemer is nobody's in particular).
    """

    waarden: dict[str, str]
    items: dict[str, str] = field(default_factory=dict)
    gedeeld: dict[str, str] = field(default_factory=dict)
    zonder_voorbeeld: list[str] = field(default_factory=list)
    onbereikbaar: list[str] = field(default_factory=list)
    bevindingen: list[tuple[str, str, str]] = field(default_factory=list)

    def vind(self, plaats: str, regel: str, tekst: str) -> None:
        self.bevindingen.append((plaats, regel, tekst))

    def gegevens(self) -> set[str]:
        """Strings that are A's: its id and the ids of what it created."""
        return {w for n, w in self.waarden.items() if n == AFNEMER or n.endswith("Id")}


def oefen(omgeving: Any) -> Oefening:
    """POST every example body the author gave, as A (afnemer routes) or as Logius
    (dienst routes), parents before children; check what a 201 says."""
    kit = omgeving.kit
    oefening = Oefening(waarden={**kit.padwaarden, **omgeving.a.waarden})
    for route in omgeving.routes:
        if "POST" not in route.methoden:
            continue
        plaats = route.naam("POST")
        if route.operaties.get("POST", {}).get("x-eindigt"):
            continue  # it ends what it is on: its example serves the other checks
        pad = route.vul(oefening.waarden)
        if pad is None:
            oefening.onbereikbaar.append(plaats)
            continue
        body = voorbeeld(kit.voorbeelden, "POST", route, oefening.waarden)
        if body is None:
            oefening.zonder_voorbeeld.append(plaats)
            continue
        actor = omgeving.a.api if route.afnemer else omgeving.logius
        antwoord = actor.post(pad, json=body)
        if antwoord.status_code >= 300:
            oefening.vind(plaats, "voorbeeld",
                          f"het voorbeeld van de auteur werd geweigerd: {kort(antwoord)}")
            continue
        if antwoord.status_code != 201:
            continue  # an action, not a creation
        if not antwoord.headers.get("ETag"):
            oefening.vind(plaats, "etag", "201 zonder ETag")
        locatie = antwoord.headers.get("Location")
        if not locatie:
            oefening.vind(plaats, "location", "201 zonder Location")
            continue
        gevonden = match(omgeving.app, locatie, omgeving.routes)
        if gevonden is None:
            oefening.vind(plaats, "location",
                          f"Location {locatie} wijst niet naar een GET-route van de plugin")
            continue
        item, waarden = gevonden
        gelezen = actor.get(urlsplit(locatie).path)
        if gelezen.status_code != 200:
            oefening.vind(plaats, "location", f"GET {locatie} gaf {kort(gelezen)}")
            continue
        nieuw = {n: w for n, w in waarden.items() if n != AFNEMER}
        if not route.afnemer:
            for naam, waarde in nieuw.items():
                if naam not in oefening.waarden:
                    oefening.gedeeld[waarde] = urlsplit(locatie).path
        oefening.waarden.update(nieuw)
        oefening.items.setdefault(item.pad, urlsplit(locatie).path)
    return oefening


def _lekt(antwoord: Any, gegevens: set[str], pad: str) -> list[str]:
    """A's strings in an answer, other than those the request itself named."""
    tekst = antwoord.get_data(as_text=True)
    return sorted(g for g in gegevens if g not in pad and g in tekst)


def _momentopname(omgeving: Any, oefening: Oefening) -> dict[str, Any]:
    """Everything of A that a GET of the plugin can read."""
    uit = {}
    for route, _ in per_methode(omgeving.routes, "GET"):
        if not route.afnemer:
            continue
        pad = route.vul(oefening.waarden)
        if pad is not None:
            antwoord = omgeving.a.api.get(pad)
            uit[pad] = (antwoord.status_code, antwoord.get_data(as_text=True))
    return uit


def check_isolatie(omgeving: Any, oefening: Oefening, bevinding: Bevinding) -> int:
    """B's token on A's paths, for every method: 403/404 problem+json, nothing of A in
    the answer, nothing of A changed. B on its own paths with A's ids: the answer of an
    id that exists nowhere. Returns how many requests were judged."""
    kit = omgeving.kit
    b = omgeving.b
    gegevens = oefening.gegevens()
    # What Logius made on a dienst route and B reads there as well is shared, not A's.
    gegevens -= {waarde for waarde, pad in oefening.gedeeld.items()
                 if b.api.get(pad).status_code == 200}
    voor = _momentopname(omgeving, oefening)
    gedaan = 0
    for route, methode in per_methode(omgeving.routes):
        plaats = route.naam(methode)
        if not route.afnemer:
            if methode == "GET":  # a dienst route: B reads it, but never A's rows
                pad = route.vul({**kit.padwaarden, **b.waarden})
                if pad is not None:
                    antwoord = b.api.get(pad)
                    gedaan += 1
                    if lek := _lekt(antwoord, gegevens, pad):
                        bevinding(plaats, "tenant-isolatie", f"afnemer B leest gegevens van "
                                  f"afnemer A ({', '.join(lek)}): {kort(antwoord)}")
            continue
        waarden_a = {**route.nergens(), **oefening.waarden}
        pad_a = route.vul(waarden_a)
        if pad_a is None:
            continue
        body = schrijfbody(kit.voorbeelden, methode, route, oefening.waarden) \
            if methode in ("POST", "PUT", "PATCH") else None
        kop = {"If-Match": "*"} if methode in SCHRIJVEN else {}
        antwoord = b.api.request(methode, pad_a, json=body, headers=kop)
        gedaan += 1
        if antwoord.status_code not in (403, 404) or not is_problem(antwoord):
            bevinding(plaats, "tenant-isolatie", f"afnemer B op het pad van afnemer A kreeg "
                      f"{kort(antwoord)}; verwacht 403/404 application/problem+json")
        if not route.ids or all(n not in oefening.waarden for n in route.ids):
            continue
        # B's own afnemer with A's resources in the path, beside ids that exist nowhere.
        eigen = route.vul({**waarden_a, AFNEMER: b.id})
        nergens = route.vul({**waarden_a, **route.nergens(), AFNEMER: b.id})
        met_a = b.api.request(methode, eigen, json=body, headers=kop)
        zonder = b.api.request(methode, nergens, json=body, headers=kop)
        gedaan += 1
        if met_a.status_code not in (403, 404) or met_a.status_code != zonder.status_code \
                or not is_problem(met_a):
            bevinding(plaats, "tenant-isolatie", f"afnemer B met de id's van afnemer A op het "
                      f"eigen pad {eigen} kreeg {kort(met_a)}; voor een id die nergens bestaat "
                      f"{zonder.status_code}")
        elif lek := _lekt(met_a, gegevens, eigen):
            bevinding(plaats, "tenant-isolatie", f"het antwoord aan afnemer B noemt "
                      f"{', '.join(lek)} van afnemer A")
    # B's own lists and resources hold nothing of A.
    for route, _ in per_methode(omgeving.routes, "GET"):
        if route.afnemer and not route.ids:
            pad = route.vul({**kit.padwaarden, **b.waarden})
            if pad is not None:
                antwoord = b.api.get(pad)
                gedaan += 1
                if lek := _lekt(antwoord, gegevens, pad):
                    bevinding(route.naam("GET"), "tenant-isolatie", f"afnemer B ziet op het "
                              f"eigen pad gegevens van afnemer A ({', '.join(lek)})")
    na = _momentopname(omgeving, oefening)
    for pad in sorted(voor):
        if na.get(pad) != voor[pad]:
            bevinding(f"GET {pad}", "tenant-isolatie", "de verzoeken van afnemer B veranderden "
                      "wat afnemer A hier leest")
    return gedaan


def _actor(omgeving: Any, route: Route) -> Any:
    return omgeving.a.api if route.afnemer else omgeving.logius


def check_problem_json(omgeving: Any, oefening: Oefening, bevinding: Bevinding) -> int:
    """A body with a wrong value in every field it documents, on every POST, PUT and
    PATCH: 400/422 application/problem+json whose ``invalidParams`` name each field."""
    kit, doc = omgeving.kit, omgeving.doc
    gedaan = 0
    for route, methode in per_methode(omgeving.routes, "POST", "PUT", "PATCH"):
        plaats = route.naam(methode)
        schema = bodyschema(route, methode, doc)
        if schema is None:
            continue
        pad = route.vul({**route.nergens(), **oefening.waarden})
        if pad is None:
            continue
        body = dict(voorbeeld(kit.voorbeelden, methode, route, oefening.waarden) or {})
        fout = {}
        for veld, eigenschappen in (schema.get("properties") or {}).items():
            if eigenschappen.get("readOnly"):
                continue
            waarde = foute_waarde(eigenschappen, doc)
            if waarde is not ...:
                fout[veld] = waarde
        if not fout:
            continue
        antwoord = _actor(omgeving, route).request(methode, pad, json={**body, **fout},
                                                   headers={"If-Match": "*"})
        gedaan += 1
        if antwoord.status_code not in (400, 422) or not is_problem(antwoord):
            bevinding(plaats, "problem+json", f"een body met foute waarden in "
                      f"{', '.join(sorted(fout))} gaf {kort(antwoord)}; verwacht 400/422 "
                      "application/problem+json")
            continue
        namen = invalid_params(antwoord)
        missen = [veld for veld in sorted(fout) if not genoemd(veld, namen)]
        if missen:
            bevinding(plaats, "problem+json", f"invalidParams noemt {', '.join(missen)} niet "
                      f"(wel: {', '.join(namen) or 'niets'})")
    return gedaan


def check_onbekende_ids(omgeving: Any, oefening: Oefening, bevinding: Bevinding) -> int:
    """Every route with an id, every method, with ids that exist nowhere: 404
    application/problem+json."""
    kit = omgeving.kit
    gedaan = 0
    for route, methode in per_methode(omgeving.routes):
        if not route.ids or (methode == "PUT" and route.if_match("PUT") is not True):
            continue  # a PUT that may create answers 201 for a new id, rightly
        waarden = {**oefening.waarden, **route.nergens()}
        pad = route.vul(waarden)
        if pad is None:
            continue
        body = None
        if methode in ("POST", "PUT", "PATCH"):
            body = schrijfbody(kit.voorbeelden, methode, route, oefening.waarden)
            if body is None:
                continue
        kop = {"If-Match": "*"} if methode in SCHRIJVEN else {}
        antwoord = _actor(omgeving, route).request(methode, pad, json=body, headers=kop)
        if methode == "PATCH" and antwoord.status_code in (400, 422) and not \
                voorbeeld(kit.voorbeelden, methode, route, oefening.waarden):
            continue  # the empty PATCH was refused first: give an example
        gedaan += 1
        if antwoord.status_code != 404 or not is_problem(antwoord):
            bevinding(route.naam(methode), "onbekend-id", f"{pad} gaf {kort(antwoord)}; "
                      "verwacht 404 application/problem+json")
    return gedaan


def check_etag(omgeving: Any, oefening: Oefening, bevinding: Bevinding) -> int:
    """A GET of one of A's resources carries an ETag; a write documented with a required
    If-Match answers 428 without it and 412 with a stale one, both problem+json, and
    accepts the current one."""
    kit = omgeving.kit
    gedaan = 0
    for route in omgeving.routes:
        pad = oefening.items.get(route.pad)
        if pad is None or not route.item:
            continue
        actor = _actor(omgeving, route)
        etag = None
        if "GET" in route.methoden:
            gelezen = actor.get(pad)
            gedaan += 1
            etag = gelezen.headers.get("ETag")
            if gelezen.status_code != 200 or not etag:
                bevinding(route.naam("GET"), "etag", f"{pad} gaf {gelezen.status_code} "
                          f"{'met' if etag else 'zonder'} ETag; verwacht 200 met ETag")
        for methode in ("PUT", "PATCH", "DELETE"):
            if methode not in route.methoden or route.if_match(methode) is not True:
                continue
            body = None
            if methode != "DELETE":
                body = schrijfbody(kit.voorbeelden, methode, route, oefening.waarden)
                if body is None:
                    continue
            plaats = route.naam(methode)
            zonder = actor.request(methode, pad, json=body)
            oud = actor.request(methode, pad, json=body, headers={"If-Match": VEROUDERD})
            gedaan += 2
            if zonder.status_code != 428 or not is_problem(zonder):
                bevinding(plaats, "if-match", f"zonder If-Match: {kort(zonder)}; verwacht 428 "
                          "application/problem+json")
            if oud.status_code != 412 or not is_problem(oud):
                bevinding(plaats, "if-match", f"met een verouderde ETag: {kort(oud)}; verwacht "
                          "412 application/problem+json")
            if methode != "DELETE" and etag:
                goed = actor.request(methode, pad, json=body, headers={"If-Match": etag})
                gedaan += 1
                if not 200 <= goed.status_code < 300:
                    bevinding(plaats, "if-match", f"met de actuele ETag {etag}: {kort(goed)}")
                etag = goed.headers.get("ETag") or actor.get(pad).headers.get("ETag")
    return gedaan


def check_gedocumenteerd(omgeving: Any, bevinding: Bevinding) -> None:
    """Every method of every plugin route is an operation of the OpenAPI document."""
    for route, methode in per_methode(omgeving.routes):
        if methode not in route.operaties:
            bevinding(route.naam(methode), "openapi", "staat niet in /api/v1/openapi.json")
