"""flask-smorest, adapted once for the whole API.

- 400 (not 422) for invalid input, as the API Design Rules require;
- problem+json for every error (handlers in :mod:`core.errors`);
- the OpenAPI document is post-processed in :mod:`core.api.openapi` (paths
  relative to the versioned server URL, problem responses, API-Version headers).
"""

from __future__ import annotations

from typing import Any

import flask_smorest
from webargs.flaskparser import FlaskParser

from core.errors import register_error_handlers


class Parser(FlaskParser):
    DEFAULT_VALIDATION_STATUS = 400


IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "description": "De ETag van de versie die u wijzigt (optimistic locking).",
    "schema": {"type": "string"},
}


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = Parser()

    @staticmethod
    def problems(*statuses: int):
        """Document extra problem responses of one operation (409, 412...)."""
        responses: dict[str, Any] = {str(s): {"description": "problem"} for s in statuses}
        return flask_smorest.Blueprint.doc(responses=responses)

    @staticmethod
    def if_match():
        """Document that an operation needs If-Match (412 when stale, 428 when missing)."""
        return flask_smorest.Blueprint.doc(
            parameters=[IF_MATCH],
            responses={"412": {"description": "problem"}, "428": {"description": "problem"}},
        )


class Api(flask_smorest.Api):
    def _register_error_handlers(self) -> None:
        register_error_handlers(self._app)

    # flask-smorest's own error components are replaced by problem responses.
    def _register_responses(self) -> None:
        pass

    def _register_pagination_header(self) -> None:
        pass
