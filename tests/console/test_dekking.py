"""Issue 17's measure of done: no console page needs curl for a task the API offers to the
same role. Every operation of the OpenAPI document is either asked by some console page
(a call of ``hulp.lees``, ``hulp.schrijf`` or ``api.vraag`` in core's console or in a
dienst's console module, read from the source) or listed in ``NIET_IN_CONSOLE`` with the
reason it has no page. A new operation without a page fails this test until it gets one
or a reason.

The match is by method and path: a call's path is its string, an f-string's replacement
fields standing for any part of a path (``f"{basis}/vragen"`` is any path ending in
``/vragen``); a path held in a local variable is the string assigned to it in the same
function.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from core import create_app
from core.db import db

ROOT = Path(__file__).resolve().parents[2]
BRONNEN = (
    *sorted((ROOT / "core" / "console").rglob("*.py")),
    *sorted((ROOT / "plugins").glob("*/console*.py")),
    *sorted((ROOT / "examples").glob("*/*/console*.py")),
)
PREFIX = "/api/v1"

#: Operations without a console page, and why: machine interfaces that a person's
#: browser or calendar reads directly, and reads that a page shows through another call.
NIET_IN_CONSOLE = {
    ("GET", "/agenda/{waarde}"): "the iCalendar feed itself: a calendar app subscribes to "
                                 "it (the Agenda page shows its address)",
    ("GET", "/diensten/{slug}/statusfeed"): "an Atom feed for feed readers",
    ("GET", "/diensten/{slug}/onderhoudskalender"): "an iCalendar feed for calendar apps",
    ("GET", "/status"): "the health check of load balancers and monitoring",
    ("GET", "/openapi.json"): "the contract, for developers' tools",
}

AANROEPEN = {"lees": 0, "schrijf": 1, "vraag": 1}


def _pad(node: ast.AST, toewijzingen: dict[str, ast.AST],
         functies: dict[str, ast.AST] | None = None) -> str | None:
    """A call's path argument as a pattern with ``{}`` for every replacement field: a
    string, an f-string, a local variable assigned one, or a call of a function of the
    module that returns one (``_basis(afnemer_id)``)."""
    functies = functies or {}
    if isinstance(node, ast.Name) and node.id in toewijzingen:
        return _pad(toewijzingen[node.id], {}, functies)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in functies):
        return _pad(functies[node.func.id], {})
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(deel.value if isinstance(deel, ast.Constant) else "{}"
                       for deel in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        links = _pad(node.left, toewijzingen, functies)
        rechts = _pad(node.right, toewijzingen, functies)
        return None if links is None or rechts is None else links + rechts
    return None


def _methode(call: ast.Call, naam: str) -> str | None:
    if naam == "lees":
        return "GET"
    eerste = call.args[0] if call.args else None
    if isinstance(eerste, ast.Constant) and isinstance(eerste.value, str):
        return eerste.value.upper()
    return None


def gevraagd() -> set[tuple[str, str]]:
    """(method, path pattern) of every API call in the console's sources."""
    gevonden: set[tuple[str, str]] = set()
    for bron in BRONNEN:
        boom = ast.parse(bron.read_text(), filename=str(bron))
        functies = {f.name: f.body[-1].value for f in boom.body
                    if isinstance(f, ast.FunctionDef) and isinstance(f.body[-1], ast.Return)
                    and f.body[-1].value is not None}
        for functie in ast.walk(boom):
            if not isinstance(functie, ast.FunctionDef | ast.AsyncFunctionDef | ast.Module):
                continue
            toewijzingen = {doel.id: knoop.value for knoop in ast.walk(functie)
                            if isinstance(knoop, ast.Assign)
                            for doel in knoop.targets if isinstance(doel, ast.Name)}
            for call in ast.walk(functie):
                if not isinstance(call, ast.Call):
                    continue
                func = call.func
                naam = func.attr if isinstance(func, ast.Attribute) else getattr(
                    func, "id", None)
                if naam not in AANROEPEN or len(call.args) <= AANROEPEN[naam]:
                    continue
                methode = _methode(call, naam)
                pad = _pad(call.args[AANROEPEN[naam]], toewijzingen, functies)
                if methode and pad:
                    gevonden.add((methode, pad.split("?")[0]))
    return gevonden


def _past(patroon: str, pad: str) -> bool:
    concreet = re.sub(r"\{[^}]+\}", "X", pad)
    regex = ".+".join(re.escape(deel) for deel in patroon.split("{}"))
    return re.fullmatch(regex, concreet) is not None


def test_every_api_operation_has_a_console_page_or_a_reason():
    app = create_app({"DATABASE_URL": "sqlite://", "TESTING": True, "SECRET_KEY": "test"})
    document = app.test_client().get(f"{PREFIX}/openapi.json").get_json()
    db.dispose(app)
    operaties = {(methode.upper(), pad.removeprefix(PREFIX))
                 for pad, item in document["paths"].items()
                 for methode in item if methode in ("get", "post", "put", "patch", "delete")}
    aanroepen = gevraagd()
    assert len(aanroepen) > 50, "the scan of the console's sources found too few calls"
    zonder = sorted(
        (methode, pad) for methode, pad in operaties
        if (methode, pad) not in NIET_IN_CONSOLE
        and not any(m == methode and _past(patroon, pad) for m, patroon in aanroepen))
    assert zonder == [], "operations no console page asks for: " + ", ".join(
        f"{m} {p}" for m, p in zonder)
    # Each reason still names an operation of the document.
    assert set(NIET_IN_CONSOLE) <= operaties | {("GET", "/openapi.json")}


def test_the_scan_reads_an_f_string_path_and_a_local_variable():
    bron = ast.parse('def f(a):\n    pad = f"/afnemers/{a}/webhooks/{b}"\n'
                     '    hulp.schrijf("PATCH", pad, {})\n    hulp.lees(f"{pad}/pogingen")\n')
    toewijzingen = {"pad": bron.body[0].body[0].value}
    [_, patch, lees] = bron.body[0].body
    assert _pad(patch.value.args[1], toewijzingen) == "/afnemers/{}/webhooks/{}"
    assert _pad(lees.value.args[0], toewijzingen) == "{}/pogingen"
    assert _past("/afnemers/{}/webhooks/{}", "/afnemers/{afnemerId}/webhooks/{webhookId}")
    assert not _past("/afnemers/{}/webhooks/{}", "/afnemers/{afnemerId}/webhooks")
    assert _past("{}/pogingen", "/afnemers/{afnemerId}/bezorgingen/{bezorgingId}/pogingen")
