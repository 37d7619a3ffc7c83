"""A form generated from a JSON Schema, and the form's fields turned back into JSON.

The console shows what a dienst asks (its prognosis form arrives as JSON Schema, as the
API publishes it) without knowing the dienst: :func:`elementen` walks the schema and
gives a tree of groups (an object, or an array of fixed length, becomes a fieldset with
a legend) and fields (integer, number, string, enum, boolean, date), each named by its
dotted path below a prefix (``formulier.aantalPerJaar``, ``formulier.regels.3``), the
way the API names fields in its ``invalidParams``. :func:`lezen` turns the submitted
fields back into JSON of the right types; a value that does not convert is sent as typed,
so the API's own rule names it. :func:`veldnaam` maps a name in the API's answer (dotted,
or a JSON pointer) onto those field names.

Arrays of fixed length (``minItems`` equal to ``maxItems``) get one row per item; when
their length is the number of months of the period the form is for, each row is labelled
with its month. Open-ended arrays get as many rows as ``maxItems`` allows, at most
:data:`OPEN_RIJEN`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

#: Rows offered for an array without a fixed length.
OPEN_RIJEN = 5
MAANDNAMEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december")


@dataclass
class Veld:
    naam: str
    label: str
    type: str = "text"  # number, text, date, checkbox, select
    hint: str = ""
    verplicht: bool = False
    opties: list[tuple[str, str]] | None = None
    attrs: str = ""
    soort = "veld"


@dataclass
class Groep:
    naam: str
    legend: str
    hint: str = ""
    verplicht: bool = False
    kinderen: list[Veld | Groep] = field(default_factory=list)
    #: An array: its rows side by side where there is room.
    rijen: bool = False
    soort = "groep"


def label_van(naam: str, schema: dict) -> str:
    """The schema's title, else the property name in words (``aantalPerJaar``: "Aantal per
    jaar")."""
    if schema.get("title"):
        return str(schema["title"])
    woorden = re.sub(r"(?<=[a-z0-9])([A-Z])", r" \1", naam).replace("_", " ").lower()
    return woorden[:1].upper() + woorden[1:]


def _getal(waarde: Any) -> str:
    tekst = f"{Decimal(str(waarde)):,f}"
    return tekst.replace(",", "X").replace(".", ",").replace("X", ".")


def _hint(schema: dict) -> str:
    delen = [str(schema["description"]).rstrip(".") + "."] if schema.get("description") else []
    laag, hoog = schema.get("minimum"), schema.get("maximum")
    if laag is not None and hoog is not None:
        delen.append(f"Van {_getal(laag)} tot en met {_getal(hoog)}.")
    elif laag is not None:
        delen.append(f"Minimaal {_getal(laag)}.")
    elif hoog is not None:
        delen.append(f"Maximaal {_getal(hoog)}.")
    if schema.get("maxLength"):
        delen.append(f"Hoogstens {schema['maxLength']} tekens.")
    if schema.get("format") == "date":
        delen.append("Een datum (jjjj-mm-dd).")
    return " ".join(delen)


def _maanden(periode: dict | None) -> list[str]:
    """The months of the period (``van`` to ``tot``), as 'april 2027'."""
    if not periode or not periode.get("van") or not periode.get("tot"):
        return []
    van, tot = date.fromisoformat(str(periode["van"])), date.fromisoformat(str(periode["tot"]))
    uit, jaar, maand = [], van.year, van.month
    while (jaar, maand) <= (tot.year, tot.month) and len(uit) < 240:
        uit.append(f"{MAANDNAMEN[maand - 1]} {jaar}")
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return uit


def _rijen(schema: dict) -> int:
    laag, hoog = schema.get("minItems"), schema.get("maxItems")
    if laag is not None and laag == hoog:
        return int(laag)
    return max(int(laag or 0), min(int(hoog) if hoog is not None else OPEN_RIJEN, OPEN_RIJEN))


def elementen(schema: dict, prefix: str = "formulier", *,
              periode: dict | None = None) -> list[Veld | Groep]:
    """The fields of an object schema, in the order of its properties."""
    verplicht = set(schema.get("required") or [])
    return [_element(f"{prefix}.{naam}", label_van(naam, sub), sub, naam in verplicht, periode)
            for naam, sub in (schema.get("properties") or {}).items()]


def _element(naam: str, label: str, schema: dict, verplicht: bool,
             periode: dict | None) -> Veld | Groep:
    soort = schema.get("type")
    if isinstance(soort, list):  # ["integer", "null"]: the first real type
        soort = next((s for s in soort if s != "null"), "string")
    if soort == "object":
        return Groep(naam, label, _hint(schema), verplicht,
                     elementen(schema, naam, periode=periode))
    if soort == "array":
        items = schema.get("items") or {}
        aantal = _rijen(schema)
        maanden = _maanden(periode)
        hint = _hint(schema)
        if schema.get("minItems") is not None and schema.get("minItems") == schema.get("maxItems"):
            hint = (hint + f" Precies {aantal} waarden.").strip()
        kinderen = []
        for i in range(aantal):
            if len(maanden) == aantal:
                rij = maanden[i][:1].upper() + maanden[i][1:]
            else:
                rij = f"{items.get('title') or 'Rij'} {i + 1}"
            kinderen.append(_element(f"{naam}.{i}", rij, items, verplicht, periode))
        return Groep(naam, label, hint, verplicht, kinderen, rijen=True)
    veld = Veld(naam, label, hint=_hint(schema), verplicht=verplicht)
    if "enum" in schema:
        veld.type = "select"
        veld.opties = [(str(w), str(w)) for w in schema["enum"]]
    elif soort in ("integer", "number"):
        veld.type = "number"
        attrs = ['step="1"' if soort == "integer" else 'step="any"']
        for sleutel, attr in (("minimum", "min"), ("maximum", "max")):
            if schema.get(sleutel) is not None:
                attrs.append(f'{attr}="{schema[sleutel]}"')
        veld.attrs = " ".join(attrs)
    elif soort == "boolean":
        veld.type = "checkbox"
        veld.verplicht = False  # unticked is an answer too
    elif schema.get("format") == "date":
        veld.type = "date"
    elif schema.get("format") == "date-time":
        veld.type = "datetime-local"
    else:
        if schema.get("maxLength"):
            veld.attrs = f'maxlength="{schema["maxLength"]}"'
    return veld


# -- the form back into JSON -----------------------------------------------------------

def lezen(schema: dict, form, prefix: str = "formulier") -> dict[str, Any]:
    """The submitted fields as the JSON the schema describes. An empty field of an object
    is left out (the API's ``required`` speaks); an empty row of an array is ``null``, so
    the rows keep their places; an array or object with nothing filled in is left out."""
    uit = _object(schema, form, prefix)
    return uit if uit is not None else {}


def _object(schema: dict, form, naam: str, *, rij: bool = False) -> dict[str, Any] | None:
    """``rij``: an array's row, which counts as empty when only unticked boxes are in it."""
    uit: dict[str, Any] = {}
    for sleutel, sub in (schema.get("properties") or {}).items():
        waarde = _waarde(sub, form, f"{naam}.{sleutel}")
        if waarde is not None:
            uit[sleutel] = waarde
    if rij and all(w is False for w in uit.values()):
        return None
    return uit or None


def _waarde(schema: dict, form, naam: str, *, rij: bool = False) -> Any:
    soort = schema.get("type")
    if isinstance(soort, list):
        soort = next((s for s in soort if s != "null"), "string")
    if soort == "object":
        return _object(schema, form, naam, rij=rij)
    if soort == "array":
        items = schema.get("items") or {}
        rijen = [_waarde(items, form, f"{naam}.{i}", rij=True) for i in range(_rijen(schema))]
        if all(r is None for r in rijen):
            return None
        if schema.get("minItems") is not None and schema.get("minItems") == schema.get(
                "maxItems"):
            return rijen
        while rijen and rijen[-1] is None:  # open-ended: trailing empty rows are not sent
            rijen.pop()
        return rijen
    if soort == "boolean":
        return form.get(naam) in ("true", "on", "1", "ja")
    tekst = (form.get(naam) or "").strip()
    if tekst == "":
        return None
    if soort == "integer":
        try:
            return int(tekst)
        except ValueError:
            return tekst
    if soort == "number":
        try:
            getal = Decimal(tekst.replace(",", "."))
        except InvalidOperation:
            return tekst
        return int(getal) if getal == getal.to_integral_value() else float(getal)
    return tekst


def waarden(json: Any, prefix: str = "formulier") -> dict[str, Any]:
    """A submitted form (JSON) as field name to value, to fill the fields in again."""
    uit: dict[str, Any] = {}
    if isinstance(json, dict):
        for sleutel, waarde in json.items():
            uit.update(waarden(waarde, f"{prefix}.{sleutel}"))
    elif isinstance(json, list):
        for i, waarde in enumerate(json):
            uit.update(waarden(waarde, f"{prefix}.{i}"))
    elif json is not None:
        uit[prefix] = json
    return uit


def veldnaam(naam: str) -> str:
    """A field's name in the API's answer (``formulier.a.3`` or the JSON pointer
    ``/formulier/a/3``) as the form's field name."""
    if naam.startswith("/"):
        delen = [d.replace("~1", "/").replace("~0", "~") for d in naam[1:].split("/")]
        return ".".join(delen)
    return naam.replace("[", ".").replace("]", "")
