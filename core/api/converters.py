"""Path converters with their rule in the OpenAPI document."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

#: The calendar years tariffs, usage and costs can be kept for.
JAAR_MIN, JAAR_MAX = 2000, 2100


class JaarConverter(IntegerConverter):
    """``<jaar:jaar>``: a calendar year from 2000 up to 2100; any other is a 404.

    flask-smorest documents it as an integer with that minimum and maximum.
    """

    def __init__(self, url_map) -> None:
        super().__init__(url_map, min=JAAR_MIN, max=JAAR_MAX)
