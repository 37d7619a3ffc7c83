"""Base schema of the API: snake_case in Python, lowerCamelCase on the wire."""

from __future__ import annotations

import marshmallow as ma


def camelcase(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class Schema(ma.Schema):
    """Every API schema derives from this one.

    Unknown input fields are refused (``RAISE``), so a typo in a field name is an
    error the client sees, not a silently ignored value.
    """

    class Meta:
        unknown = ma.RAISE
        ordered = True

    def on_bind_field(self, field_name: str, field_obj: ma.fields.Field) -> None:
        field_obj.data_key = camelcase(field_obj.data_key or field_name)


class WijzigingMixin:
    """For PATCH bodies: every field optional, and no defaults filled in.

    Put it first in the bases: ``class XWijziging(WijzigingMixin, XSchema)``.
    Only the fields sent are changed (apispec also drops ``required`` for it).
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details, as every error of this API is answered."""

    class Meta:
        ordered = True

    type = ma.fields.String(
        metadata={"description": "URI die het soort probleem aanduidt", "example":
                  "urn:nl:logius:afnemersportaal:probleem:ongeldige-invoer"}
    )
    title = ma.fields.String(metadata={"description": "Korte samenvatting van het soort probleem"})
    status = ma.fields.Integer(metadata={"description": "De HTTP-statuscode"})
    detail = ma.fields.String(metadata={"description": "Uitleg bij dit specifieke geval"})
    instance = ma.fields.String(metadata={"description": "Pad van het verzoek"})
    code = ma.fields.String(metadata={"description": "Stabiele, machineleesbare code"})
    invalidParams = ma.fields.List(
        ma.fields.Nested("InvalidParamSchema"),
        metadata={"description": "Alle ongeldige velden tegelijk (alleen bij 400)"},
    )


class InvalidParamSchema(ma.Schema):
    class Meta:
        ordered = True

    name = ma.fields.String(metadata={"description": "Veldnaam (geneste velden met punten)"})
    code = ma.fields.String(metadata={"description": "Soort fout, bijvoorbeeld required of pattern"})
    reason = ma.fields.String(metadata={"description": "Uitleg in gewone taal"})
