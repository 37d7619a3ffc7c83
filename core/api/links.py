"""OpenAPI links: how one answer's ids lead to the next operations.

A client (and the stateful phase of a contract test) can follow them from a created
resource to everything under it, and from a list to its first item:

- a ``201`` of ``POST /x`` links to every operation under ``/x/{id}``, with that
  ``{id}`` from the answer's ``id`` and every other path parameter as sent;
- a ``200`` of ``GET /x`` (a paginated list) links to the operations on
  ``/x/{id}`` of its first result.

Links are derived from the paths, so a new resource gets them without a line here.
"""

from __future__ import annotations

import re
from typing import Any

_PARAM = re.compile(r"\{(\w+)\}")
_METHODS = ("get", "put", "post", "delete", "patch")


def _veld(path: str) -> str:
    """The answer's field that fills an item path's last parameter: ``id``, or the
    parameter itself where the resource is named by it (``slug``, ``jaar``...)."""
    naam = _PARAM.findall(path)[-1]
    return "id" if naam.endswith("Id") else naam


def _links(bron: str, doelen: dict[str, dict[str, Any]], expressie: str,
           velden: set[str]) -> dict[str, Any]:
    links: dict[str, Any] = {}
    for doel, item in doelen.items():
        laatste = _PARAM.findall(doel[len(bron):])[0]
        for method in _METHODS:
            operation = item.get(method)
            if not operation or "operationId" not in operation:
                continue
            parameters = {naam: f"$request.path.{naam}" for naam in _PARAM.findall(bron)}
            veld = _veld(bron + "/{" + laatste + "}")
            if veld not in velden:
                continue  # the answer does not carry what the path needs
            parameters[laatste] = expressie.format(veld=veld)
            # Parameters of deeper paths (a year, a version) are not in this answer.
            if set(_PARAM.findall(doel)) - set(parameters):
                continue
            links[operation["operationId"]] = {
                "operationId": operation["operationId"], "parameters": parameters,
                "description": f"{method.upper()} {doel} met de id uit dit antwoord."}
    return links


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(schema["allOf"][0], components)
    return schema


def _json_schema(response: dict[str, Any] | None, components) -> dict[str, Any]:
    schema = (response or {}).get("content", {}).get("application/json", {}).get("schema")
    return _resolve(schema, components) if schema else {}


def voeg_links_toe(paths: dict[str, dict[str, Any]], components: dict[str, Any]) -> None:
    """Add the links to the 201 of every POST and the 200 of every list GET, where the
    answer carries the field the linked path needs."""
    for bron, item in paths.items():
        doelen = {p: i for p, i in paths.items() if p.startswith(bron + "/{")}
        if not doelen:
            continue
        created = item.get("post", {}).get("responses", {}).get("201")
        velden = set(_json_schema(created, components).get("properties", {}))
        links = _links(bron, doelen, "$response.body#/{veld}", velden) if velden else {}
        if links:
            created["links"] = links
        listed = item.get("get", {}).get("responses", {}).get("200")
        resultaten = _json_schema(listed, components).get("properties", {}).get("resultaten")
        if resultaten and "items" in resultaten:
            velden = set(_resolve(resultaten["items"], components).get("properties", {}))
            links = _links(bron, doelen, "$response.body#/resultaten/0/{veld}", velden)
            if links:
                listed["links"] = links
