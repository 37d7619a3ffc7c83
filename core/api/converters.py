"""Path converters with their rule in the OpenAPI document."""

from __future__ import annotations

from datetime import date

from werkzeug.routing import BaseConverter, IntegerConverter, ValidationError

#: The calendar years tariffs, usage and costs can be kept for.
JAAR_MIN, JAAR_MAX = 2000, 2100


class JaarConverter(IntegerConverter):
    """``<jaar:jaar>``: a calendar year from 2000 up to 2100; any other is a 404.

    flask-smorest documents it as an integer with that minimum and maximum.
    """

    def __init__(self, url_map) -> None:
        super().__init__(url_map, min=JAAR_MIN, max=JAAR_MAX)


class DatumConverter(BaseConverter):
    """``<datum:datum>``: a date as ``YYYY-MM-DD`` in the years of :class:`JaarConverter`;
    any other text, or a day that does not exist, is a 404.

    flask-smorest documents it as a string of format ``date`` (``core.app``).
    """

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        try:
            dag = date.fromisoformat(value)
        except ValueError:
            raise ValidationError() from None
        if not JAAR_MIN <= dag.year <= JAAR_MAX:
            raise ValidationError()
        return dag

    def to_url(self, value: date | str) -> str:
        return value.isoformat() if isinstance(value, date) else str(value)


def datum_schema(_converter) -> dict:
    return {"type": "string", "format": "date"}
