"""The routes that installed dienst plugins bring (``dienst_api``), for the tests that walk
every route: the isolation walks, the contract tests, the conventions, the partial
updates and the statement counts, in-process and in the served tier.

Those tests know core's routes by name: a body for each write, an id for each path
parameter. A plugin's routes they cannot know, since any installed package may bring
some (``./scripts/test`` installs ``examples/certificaten``). What the walks need of them
comes from the OpenAPI document, which describes a plugin's routes as it does core's:

- which operations are a plugin's: those tagged with its blueprint's name, which is the
  dienst's slug or starts with ``<slug>-`` (core refuses any other, and a blueprint name
  that core uses);
- a request body: the example of the operation's request body, composed from the
  examples of its fields (:func:`tests.api.test_openapi_examples.voorbeeld`);
- an id for a path parameter: the ``id`` of the resource that a ``POST`` of that example
  to the collection above it creates (:func:`maak_voorbeelden`).

So a plugin's routes are walked with its own document's examples; an example the plugin
itself refuses fails the walk, naming the operation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

PARAM = re.compile(r"\{(\w+)\}")
VARIABELE = re.compile(r"<(?:\w+:)?(\w+)>")
METHODS = ("get", "put", "post", "patch", "delete")
API = "/api/v1"


def _camel(naam: str) -> str:
    kop, *rest = naam.split("_")
    return kop + "".join(deel[:1].upper() + deel[1:] for deel in rest)


def snake(naam: str) -> str:
    """``certificaatId`` -> ``certificaat_id`` (a document parameter as a rule variable)."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", naam).lower()


def documentpad(regel: str) -> str:
    """A URL rule as the document names its path:
    ``/api/v1/afnemers/<uuid:afnemer_id>/x`` -> ``/afnemers/{afnemerId}/x``."""
    return VARIABELE.sub(lambda m: "{" + _camel(m.group(1)) + "}", regel.removeprefix(API))


def van_plugin(tags: Iterable[str], slugs: Iterable[str]) -> bool:
    """Whether an operation with these tags (blueprint names) is a plugin's."""
    slugs = tuple(slugs)
    return any(tag == slug or tag.startswith(slug + "-") for tag in tags for slug in slugs)


def plugin_operaties(document: dict, slugs: Iterable[str]) -> set[tuple[str, str]]:
    """``(method, path)`` of every operation of the document that a plugin brings."""
    slugs = tuple(slugs)
    return {(method, path) for path, item in document["paths"].items()
            for method in METHODS
            if method in item and van_plugin(item[method].get("tags", ()), slugs)}


def plugin_paden(document: dict, slugs: Iterable[str]) -> set[str]:
    return {path for _method, path in plugin_operaties(document, slugs)}


def plugin_endpoint(endpoint: str, slugs: Iterable[str]) -> bool:
    """Whether a Flask endpoint (``blueprint.View``) belongs to a plugin's blueprint."""
    return van_plugin([endpoint.split(".", 1)[0]], slugs)


def voorbeeldbody(document: dict, path: str, method: str) -> Any:
    """The example request body of an operation (``None`` when it takes none)."""
    from tests.api.test_openapi_examples import voorbeeld

    body = document["paths"][path][method].get("requestBody")
    if body is None:
        return None
    media = body["content"].get("application/json")
    assert media is not None, f"{method.upper()} {path} takes no JSON body"
    if "example" in media:
        return media["example"]
    return voorbeeld(document, media["schema"], "request")


def maak_voorbeelden(document: dict, slugs: Iterable[str], ids: dict[str, str],
                     post: Callable[[str, Any], dict]) -> dict[str, str]:
    """An id for every path parameter of a plugin's paths that ``ids`` lacks.

    For ``.../{xId}`` the collection ``...`` gets a ``POST`` of its example body; the
    ``id`` of what it creates is the value of ``xId``. Shorter paths go first, so a
    nested collection finds the id above it. ``post(path, body)`` sends one request
    (``path`` filled, relative to ``/api/v1``) and returns the created resource.
    """
    paden = sorted(plugin_paden(document, slugs), key=lambda p: (p.count("/"), p))
    gevonden = dict(ids)
    nieuw: dict[str, str] = {}
    for pad in paden:
        for naam in PARAM.findall(pad):
            if naam in gevonden:
                continue
            collectie = pad[: pad.index("{" + naam + "}")].rstrip("/")
            assert "post" in document["paths"].get(collectie, {}), (
                f"no id for {{{naam}}} of the plugin path {pad}: the walk makes one with a "
                f"POST to {collectie}, which the document does not have")
            gevuld = PARAM.sub(lambda m: gevonden[m.group(1)], collectie)
            gemaakt = post(gevuld, voorbeeldbody(document, collectie, "post"))
            assert "id" in gemaakt, (collectie, gemaakt)
            gevonden[naam] = nieuw[naam] = str(gemaakt["id"])
    return nieuw
