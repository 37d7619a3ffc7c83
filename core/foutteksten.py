"""Dutch for every message that marshmallow and webargs write themselves.

The API answers in Dutch, but marshmallow's fields, schemas and validators and webargs
come with English messages ("Length must be 12.", "Not a valid string.", "Unknown
field."). This module is the one place where they become Dutch: :data:`CATALOGUS` maps
each of the libraries' own English templates to a stable ``code`` (the ``code`` of an
``invalidParams`` entry) and a Dutch template with the same placeholders.

It is applied twice, with the same catalogue:

1. **At the source.** :class:`core.api.schemas.Schema`, the base of every API schema,
   takes :data:`SCHEMA` as its own messages (``type``, ``unknown``) and passes every
   field it binds through :func:`vertaal_veld`: each of the field's messages that is
   still the library's English default, and each marshmallow validator left at its
   default message, gets the Dutch one. A message the code gave itself (Dutch already,
   such as "Een OIN bestaat uit precies 20 cijfers.") is kept. So a message is Dutch
   from the moment it is raised, for every reader: the problem answer, the errors of a
   dienst's prognosis form, a test. Nothing is parsed back out of English text.
2. **In the error handler, as a net** (:func:`uitleg`, called by
   :func:`core.errors.validation_problem`): for what is not raised in an API schema,
   such as webargs' "Invalid JSON body.". It also gives every message, Dutch or
   English, its ``code``.

``tests/api/test_foutteksten.py`` checks that every English default of marshmallow and
webargs has an entry here, so a library upgrade that adds one fails there first.
"""

from __future__ import annotations

import copy
import re
from functools import cache

import marshmallow as ma
from marshmallow import validate

#: English template (as the library writes it) -> (code, Dutch template).
CATALOGUS: dict[str, tuple[str, str]] = {
    # marshmallow.fields
    "Missing data for required field.": ("required", "Dit veld is verplicht."),
    "Field may not be null.": ("null", "Dit veld mag niet null zijn."),
    "Invalid value.": ("invalid", "Ongeldige waarde."),
    "Invalid type.": ("type", "Verwacht een object."),
    "Not a valid list.": ("type", "Verwacht een lijst."),
    "Not a valid tuple.": ("type", "Verwacht een lijst met een vast aantal elementen."),
    "Not a valid string.": ("type", "Verwacht een tekst."),
    "Not a valid utf-8 string.": ("type", "Verwacht een geldige UTF-8-tekst."),
    "Not a valid UUID.": ("uuid", "Verwacht een UUID."),
    "Not a valid number.": ("type", "Verwacht een getal."),
    "Number too large.": ("range", "Dit getal is te groot."),
    "Not a valid integer.": ("type", "Verwacht een geheel getal."),
    "Special numeric values (nan or infinity) are not permitted.": (
        "type", "Speciale getalwaarden (NaN of oneindig) zijn niet toegestaan."),
    "Not a valid boolean.": ("type", "Verwacht true of false."),
    "Not a valid datetime.": (
        "datetime", "Verwacht een tijdstip volgens RFC 3339, bijvoorbeeld "
        "2026-03-01T09:30:00+01:00."),
    "Not a valid aware datetime.": (
        "datetime", "Verwacht een tijdstip met tijdzone, bijvoorbeeld 2026-03-01T09:30:00+01:00."),
    "Not a valid naive datetime.": ("datetime", "Verwacht een tijdstip zonder tijdzone."),
    "Not a valid time.": ("time", "Verwacht een tijd als UU:MM:SS."),
    "Not a valid aware time.": ("time", "Verwacht een tijd met tijdzone."),
    "Not a valid naive time.": ("time", "Verwacht een tijd zonder tijdzone."),
    "Not a valid date.": ("date", "Verwacht een datum als JJJJ-MM-DD."),
    '"{input}" cannot be formatted as a datetime.': (
        "format", '"{input}" is niet als tijdstip weer te geven.'),
    '"{input}" cannot be formatted as a time.': (
        "format", '"{input}" is niet als tijd weer te geven.'),
    '"{input}" cannot be formatted as a date.': (
        "format", '"{input}" is niet als datum weer te geven.'),
    "Not a valid period of time.": ("type", "Verwacht een tijdsduur."),
    "{input!r} cannot be formatted as a timedelta.": (
        "format", "{input!r} is niet als tijdsduur weer te geven."),
    "Not a valid mapping type.": ("type", "Verwacht een object."),
    "Not a valid URL.": ("url", "Verwacht een geldige URL."),
    "Not a valid email address.": ("email", "Geen geldig e-mailadres."),
    "Not a valid IP address.": ("ip", "Verwacht een geldig IP-adres."),
    "Not a valid IPv4 address.": ("ip", "Verwacht een geldig IPv4-adres."),
    "Not a valid IPv6 address.": ("ip", "Verwacht een geldig IPv6-adres."),
    "Not a valid IP interface.": ("ip", "Verwacht een geldige IP-interface."),
    "Not a valid IPv4 interface.": ("ip", "Verwacht een geldige IPv4-interface."),
    "Not a valid IPv6 interface.": ("ip", "Verwacht een geldige IPv6-interface."),
    "Must be one of: {choices}.": ("enum", "Kies een van: {choices}."),
    # marshmallow.Schema
    "Invalid input type.": ("type", "Verwacht een object."),
    "Unknown field.": ("unknown", "Dit veld bestaat niet in dit schema."),
    # marshmallow.validate (Range's messages as its instances spell them out)
    "Must be greater than or equal to {min}.": ("range", "Moet minstens {min} zijn."),
    "Must be greater than {min}.": ("range", "Moet groter zijn dan {min}."),
    "Must be less than or equal to {max}.": ("range", "Mag hoogstens {max} zijn."),
    "Must be less than {max}.": ("range", "Moet kleiner zijn dan {max}."),
    "Must be greater than or equal to {min} and less than or equal to {max}.": (
        "range", "Moet van {min} tot en met {max} zijn."),
    "Must be greater than or equal to {min} and less than {max}.": (
        "range", "Moet minstens {min} en kleiner dan {max} zijn."),
    "Must be greater than {min} and less than or equal to {max}.": (
        "range", "Moet groter dan {min} en hoogstens {max} zijn."),
    "Must be greater than {min} and less than {max}.": (
        "range", "Moet groter dan {min} en kleiner dan {max} zijn."),
    # Length: {eenheid} becomes tekens or elementen, after the field (see _lengte).
    "Shorter than minimum length {min}.": ("length", "Moet minstens {min} {eenheid} bevatten."),
    "Longer than maximum length {max}.": ("length", "Mag hoogstens {max} {eenheid} bevatten."),
    "Length must be between {min} and {max}.": (
        "length", "Moet {min} tot en met {max} {eenheid} bevatten."),
    "Length must be {equal}.": ("length", "Moet precies {equal} {eenheid} bevatten."),
    "Must be equal to {other}.": ("invalid", "Moet gelijk zijn aan {other}."),
    "String does not match expected pattern.": (
        "pattern", "Voldoet niet aan het verwachte patroon."),
    "Invalid input.": ("invalid", "Ongeldige invoer."),
    "One or more of the choices you made was not in: {choices}.": (
        "enum", "Een of meer keuzes staan niet in: {choices}."),
    "One or more of the choices you made was in: {values}.": (
        "invalid", "Een of meer keuzes zijn hier niet toegestaan: {values}."),
    # webargs
    "Invalid JSON body.": ("json", "De body is geen geldige JSON."),
}

#: Dutch messages of this code base's own that carry a code of their own.
EIGEN_CODES: dict[str, str] = {
    "Mag niet leeg zijn.": "required",  # core.api.fields.Tekst: blank is not a value
}
#: A required field's own message may say which rule requires it, after this opening
#: ("Dit veld is verplicht: een wijzigingsverzoek noemt ..."); its code stays ``required``.
VERPLICHT = "Dit veld is verplicht:"

#: The messages of every API schema itself (``class Schema: error_messages``).
SCHEMA: dict[str, str] = {
    "type": CATALOGUS["Invalid input type."][1],
    "unknown": CATALOGUS["Unknown field."][1],
}

_VALIDATOR_BERICHTEN = ("default_message", "message_min", "message_max", "message_all",
                        "message_equal")


def nederlands(bericht: str) -> str | None:
    """The Dutch template for one of the libraries' English templates, if known."""
    gevonden = CATALOGUS.get(bericht)
    return gevonden[1] if gevonden else None


def _effectief(veld: ma.fields.Field, bericht: str) -> str:
    """A temporal field's template with its kind filled in, as the catalogue has it."""
    if "{obj_type}" in bericht or "{awareness}" in bericht:
        bericht = bericht.replace("{obj_type}", getattr(veld, "OBJ_TYPE", "{obj_type}"))
        bericht = bericht.replace("{awareness}", getattr(veld, "AWARENESS", "{awareness}"))
    return bericht


def _binnenvelden(veld: ma.fields.Field) -> list[ma.fields.Field]:
    binnen: list = [getattr(veld, "inner", None), getattr(veld, "key_field", None),
                    getattr(veld, "value_field", None), getattr(veld, "field", None),
                    *getattr(veld, "tuple_fields", ())]
    return [b for b in binnen if isinstance(b, ma.fields.Field)]


def _eenheid(veld: ma.fields.Field, aantal) -> str:
    tekst = isinstance(veld, ma.fields.String)
    if aantal == 1:
        return "teken" if tekst else "element"
    return "tekens" if tekst else "elementen"


def _lengte(validator: validate.Length, veld: ma.fields.Field, naam: str, tekst: str) -> str:
    if naam == "message_min" and validator.min == 1 and isinstance(veld, ma.fields.String):
        return "Mag niet leeg zijn."
    aantal = {"message_min": validator.min, "message_equal": validator.equal}.get(
        naam, validator.max)
    return tekst.replace("{eenheid}", _eenheid(veld, aantal))


def _vertaal_validator(validator, veld: ma.fields.Field):
    """The validator with Dutch messages where it still has the English defaults;
    a copy, because validator objects may be shared between schemas."""
    if isinstance(validator, validate.And):
        binnen = [_vertaal_validator(v, veld) for v in validator.validators]
        if all(a is b for a, b in zip(binnen, validator.validators, strict=True)):
            return validator
        nieuw = copy.copy(validator)
        nieuw.validators = binnen
        return nieuw
    if not isinstance(validator, validate.Validator):
        return validator  # a function: it raises its own message
    nieuw = None
    fout = getattr(validator, "error", None)
    if fout:
        # Most validators keep their default message in ``error``; a message the code
        # chose itself is not in the catalogue and stays.
        tekst = nederlands(fout)
        if tekst is None:
            return validator
        nieuw = copy.copy(validator)
        nieuw.error = tekst
        return nieuw
    for naam in _VALIDATOR_BERICHTEN:
        tekst = nederlands(getattr(validator, naam, None) or "")
        if tekst is None:
            continue
        if isinstance(validator, validate.Length):
            tekst = _lengte(validator, veld, naam, tekst)
        nieuw = nieuw or copy.copy(validator)
        setattr(nieuw, naam, tekst)
    return nieuw or validator


def vertaal_veld(veld: ma.fields.Field) -> None:
    """Give a bound field (and the fields inside it) Dutch messages, in place.

    Only messages that are still the library's English defaults change. The field is
    the schema's own shallow copy of a declared field, so its dicts and lists are
    replaced, never changed.
    """
    berichten = {sleutel: nederlands(_effectief(veld, tekst)) or tekst
                 for sleutel, tekst in veld.error_messages.items()}
    if berichten != veld.error_messages:
        veld.error_messages = berichten
    if veld.validators:
        validators = [_vertaal_validator(v, veld) for v in veld.validators]
        if any(a is not b for a, b in zip(validators, veld.validators, strict=True)):
            veld.validators = validators
    if isinstance(getattr(veld, "validate_length", None), validate.Length):  # Tuple
        veld.validate_length = _vertaal_validator(veld.validate_length, veld)
    for binnen in _binnenvelden(veld):
        vertaal_veld(binnen)


def _patroon(template: str, *, vangen: bool) -> re.Pattern[str]:
    """A template as a regular expression: each ``{placeholder}`` matches any text."""
    delen = re.split(r"\{(\w+)(?:![rsa])?\}", template)
    uit = []
    for i, deel in enumerate(delen):
        if i % 2 == 0:
            uit.append(re.escape(deel))
        elif vangen:
            uit.append(f"(?P<{deel}>.+?)")
        else:
            uit.append(".+?")
    return re.compile("".join(uit) + r"\Z", re.DOTALL)


@cache
def _patronen() -> tuple[list[tuple[re.Pattern, str, str]], list[tuple[re.Pattern, str]]]:
    """(English pattern, code, Dutch template) and (Dutch pattern, code), once."""
    engels, dutch = [], []
    # The longest first: "Moet minstens {min} zijn." would also match the text of
    # "Moet minstens {min} en kleiner dan {max} zijn.".
    for template, (code, nl) in sorted(CATALOGUS.items(), key=lambda t: -len(t[0])):
        if "{" in template:
            engels.append((_patroon(template, vangen=True), code, nl))
    for code, nl in sorted(CATALOGUS.values(), key=lambda t: -len(t[1])):
        if "{" in nl:
            dutch.append((_patroon(nl, vangen=False), code))
    return engels, dutch


@cache
def _exact() -> dict[str, str]:
    """Every fixed Dutch message (no placeholders) -> its code."""
    codes = {nl: code for code, nl in CATALOGUS.values() if "{" not in nl}
    return {**codes, **EIGEN_CODES}


def uitleg(bericht: str) -> tuple[str, str]:
    """``(code, Dutch reason)`` for one validation message.

    A Dutch message stays as it is and gets the code of its kind (``required``,
    ``type``, ``enum``, ``length``, ...; ``invalid`` for the code base's own rules). An
    English default that did not pass through an API schema is translated here.
    """
    gevonden = CATALOGUS.get(bericht)
    if gevonden is not None and "{" not in bericht:
        return gevonden
    code = _exact().get(bericht)
    if code is not None:
        return code, bericht
    engels, dutch = _patronen()
    for patroon, code, nl in engels:
        match = patroon.match(bericht)
        if match:
            # Which field it came from is not known here: a length counts characters.
            waarden = {"eenheid": "tekens", **match.groupdict()}
            return code, re.sub(r"\{(\w+)(?:![rsa])?\}",
                                lambda m, w=waarden: w.get(m.group(1), ""), nl)
    for patroon, code in dutch:
        if patroon.match(bericht):
            return code, bericht
    if bericht.startswith(VERPLICHT):
        return "required", bericht
    return "invalid", bericht
