"""Base schema of the API: snake_case in Python, lowerCamelCase on the wire."""

from __future__ import annotations

from datetime import date, datetime

import marshmallow as ma
from marshmallow.fields import Field

from core import foutteksten
from core.api import documentatie

_GEEN = ma.missing


def camelcase(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _strikt(field_obj: ma.fields.Field) -> None:
    """Input of exactly the documented JSON type: an integer field takes no 2.5 (nor
    2.0), a boolean takes ``true`` and ``false``, not ``0``, ``"yes"`` or ``"on"``.
    marshmallow is lenient here by default, and the document promises the JSON types."""
    if isinstance(field_obj, ma.fields.Integer):
        field_obj.strict = True
    elif isinstance(field_obj, ma.fields.Boolean):
        # Not through truthy/falsy: 0 == False and 1 == True in a Python set.
        def alleen_bool(value, attr, data, **kwargs):
            if not isinstance(value, bool):
                raise field_obj.make_error("invalid")
            return value

        field_obj._deserialize = alleen_bool  # type: ignore[method-assign]
    elif isinstance(field_obj, ma.fields.List):
        _strikt(field_obj.inner)


#: The pattern of free text: anything but NUL.
GEEN_NUL = "^[^\\u0000]*$"


def _tekst(field_obj: ma.fields.Field) -> None:
    """Every text field, in a body or a query, takes only text a database can store."""
    if isinstance(field_obj, ma.fields.List):
        _tekst(field_obj.inner)
    elif isinstance(field_obj, ma.fields.String) and not isinstance(field_obj, ma.fields.UUID):
        field_obj.validators = [*field_obj.validators, _opslaanbare_tekst]
        # The document says so too, where a field states no pattern or choice of its own.
        vrij = not any(isinstance(v, (ma.validate.Regexp, ma.validate.OneOf))
                       for v in field_obj.validators)
        if vrij and not {"pattern", "enum", "format"} & set(field_obj.metadata):
            field_obj.metadata = {**field_obj.metadata, "pattern": GEEN_NUL}


#: The days the API takes, in a body or a query (a date, or the day of a moment): wide
#: enough for every contract, forecast and deadline, and far from where date arithmetic
#: overflows (a deadline computed from 9999-12-31 broke a calendar feed for good).
DATUM_VAN, DATUM_TOT = date(2000, 1, 1), date(2100, 12, 31)
DATUM_GRENZEN = f"Ligt van {DATUM_VAN.isoformat()} tot en met {DATUM_TOT.isoformat()}."


def _datum(field_obj: ma.fields.Field) -> None:
    """Every date or moment a client sends in a body lies within :data:`DATUM_VAN` and
    :data:`DATUM_TOT`; the document says so in the field's description."""
    if isinstance(field_obj, ma.fields.List):
        _datum(field_obj.inner)
    elif isinstance(field_obj, (ma.fields.Date, ma.fields.DateTime)) and not field_obj.dump_only:
        if any(isinstance(v, ma.validate.Range) for v in field_obj.validators):
            return  # the field states a range of its own (within these bounds)
        field_obj.validators = [*field_obj.validators, _binnen_grenzen]
        beschrijving = field_obj.metadata.get("description")
        field_obj.metadata = {**field_obj.metadata, "description": (
            f"{beschrijving.rstrip('.')}. {DATUM_GRENZEN}" if beschrijving else DATUM_GRENZEN)}


def _binnen_grenzen(value: date | datetime) -> None:
    dag = value.date() if isinstance(value, datetime) else value
    if not DATUM_VAN <= dag <= DATUM_TOT:
        raise ma.ValidationError(DATUM_GRENZEN)


def _opslaanbare_tekst(value: str) -> None:
    """Text that every database stores as sent: no NUL character (PostgreSQL refuses it
    in text) and no lone surrogate (not encodable as UTF-8)."""
    if not isinstance(value, str):
        return  # a field that turns text into something else (an amount) checked its own
    if "\x00" in value:
        raise ma.ValidationError("Mag geen NUL-teken (\\u0000) bevatten.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ma.ValidationError("Is geen geldige Unicode-tekst.") from None


class Schema(ma.Schema):
    """Every API schema derives from this one.

    Unknown input fields are refused (``RAISE``), so a typo in a field name is an
    error the client sees, not a silently ignored value.
    """

    class Meta:
        unknown = ma.RAISE
        ordered = True

    #: JSON bodies take exactly the documented types (see ``_strikt``). Query
    #: parameters arrive as text, so their schemas set this to False.
    strikte_typen = True

    def on_bind_field(self, field_name: str, field_obj: ma.fields.Field) -> None:
        field_obj.data_key = camelcase(field_obj.data_key or field_name)
        if self.strikte_typen:
            _strikt(field_obj)
            _datum(field_obj)  # what is stored; a query's dates are each operation's own
        _tekst(field_obj)

    def _serialize(self, obj, *, many: bool = False):
        """marshmallow's own loop, without its generic accessor for plain objects.

        For an object without ``__getitem__`` (a model, a dataclass) marshmallow ends in
        ``getattr(obj, name, missing)`` after three calls per field; here each field reads
        its attribute directly and formats it with its own ``_serialize``. Mappings,
        rows, dotted attributes and fields with their own ``serialize`` or ``get_value``
        take marshmallow's path.
        """
        if many and obj is not None:
            return [self._serialize(d, many=False) for d in obj]
        if hasattr(obj, "__getitem__") or type(self).get_attribute is not ma.Schema.get_attribute:
            ret = super()._serialize(obj, many=False)
            if len(ret) < len(self.dump_fields):
                # Every field is answered: one without a value is null (core.api.antwoorden).
                for attr_name, field_obj in self.dump_fields.items():
                    key = field_obj.data_key if field_obj.data_key is not None else attr_name
                    if key not in ret and field_obj.allow_none:
                        ret[key] = None
            return ret
        plan = self.__dict__.get("_snelle_dump")
        if plan is None or plan[0] is not self.dump_fields:
            plan = self._snelle_dump = (self.dump_fields, _dump_plan(self.dump_fields))
        ret = self.dict_class()
        for attr_name, key, field_obj, direct in plan[1]:
            if direct:
                value = getattr(obj, field_obj.attribute or attr_name, _GEEN)
                if value is _GEEN:
                    default = field_obj.dump_default
                    value = default() if callable(default) else default
                    if value is _GEEN:
                        if field_obj.allow_none:
                            ret[key] = None
                        continue
                ret[key] = field_obj._serialize(value, attr_name, obj)
            else:
                value = field_obj.serialize(attr_name, obj, accessor=self.get_attribute)
                if value is not _GEEN:
                    ret[key] = value
        return ret

    #: marshmallow's messages in Dutch, for the schema (``type``, ``unknown``) and for
    #: every field bound to it, its inner fields and its validators; messages the code
    #: chose itself are kept. One catalogue, in :mod:`core.foutteksten`.
    error_messages = foutteksten.SCHEMA

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field_name, field_obj in self.fields.items():
            foutteksten.vertaal_veld(field_obj)
            documentatie.vul_aan(field_name, field_obj)  # what the document says by default


def _dump_plan(dump_fields: dict) -> list[tuple]:
    """Per field: its name, its key on the wire, the field, and whether it may be read
    with a plain ``getattr`` (what marshmallow does for such an object in the end)."""
    plan = []
    for attr_name, field_obj in dump_fields.items():
        soort = type(field_obj)
        direct = (field_obj._CHECK_ATTRIBUTE and soort.serialize is Field.serialize
                  and soort.get_value is Field.get_value
                  and "." not in (field_obj.attribute or attr_name))
        key = field_obj.data_key if field_obj.data_key is not None else attr_name
        plan.append((attr_name, key, field_obj, direct))
    return plan


class WijzigingMixin:
    """For PATCH bodies: every field optional, and no defaults, neither filled in nor
    documented.

    Put it first in the bases: ``class XWijziging(WijzigingMixin, XSchema)``.
    Only the fields sent are changed (apispec also drops ``required`` for it). A field
    left out must stay as it is, so a partial-update schema has no ``default`` in the
    OpenAPI document: a generated client would fill it in and send it, and a PATCH of
    one field would reset the others (``tests/api/test_partial_updates.py``). The
    create schema it derives from keeps its defaults.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)

    def on_bind_field(self, field_name: str, field_obj: ma.fields.Field) -> None:
        super().on_bind_field(field_name, field_obj)
        # The bound field is a shallow copy of the create schema's: assign, never mutate.
        field_obj.load_default = ma.missing
        if "default" in field_obj.metadata:
            field_obj.metadata = {k: v for k, v in field_obj.metadata.items() if k != "default"}
