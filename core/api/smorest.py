"""flask-smorest, adapted once for the whole API.

- 400 (not 422) for invalid input, as the API Design Rules require;
- problem+json for every error (handlers in :mod:`core.errors`);
- a body in another Content-Type than JSON is refused with 415, naming what is taken;
- every 201 has an ETag (:func:`core.api.etag.etag_bij_aanmaken`);
- the OpenAPI document is post-processed in :mod:`core.api.openapi` (paths
  relative to the versioned server URL, problem responses, API-Version headers).
"""

from __future__ import annotations

from typing import Any

import flask_smorest
from webargs.flaskparser import FlaskParser, is_json_request

from core.api.etag import etag_bij_aanmaken
from core.errors import mediatype_niet_ondersteund, register_error_handlers

JSON = "application/json"


class Parser(FlaskParser):
    DEFAULT_VALIDATION_STATUS = 400

    def load_json(self, req, schema):
        """A JSON body, or 415 when the body comes in another Content-Type.

        Without this, webargs reads a ``text/plain`` body as no body at all, and the
        client hears that every field is missing. A request without a body and without a
        Content-Type still reads as an empty body (a PATCH that changes nothing).
        """
        if not is_json_request(req) and (req.mimetype or _heeft_body(req)):
            raise mediatype_niet_ondersteund([JSON])
        return super().load_json(req, schema)


def _heeft_body(req) -> bool:
    return bool(req.content_length) or "chunked" in req.headers.get("Transfer-Encoding", "")


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
    def rollen(*rollen: str):
        """Document which roles may call an operation (``x-rollen``), where that is not
        the default: on an afnemer's routes its beheerder and Logius write, and its
        medewerker reads too; elsewhere every role reads (:mod:`core.api.openapi`)."""
        return flask_smorest.Blueprint.doc(**{"x-rollen": [str(r) for r in rollen]})

    @staticmethod
    def if_match():
        """Document that an operation needs If-Match (412 when stale, 428 when missing)."""
        return flask_smorest.Blueprint.doc(
            parameters=[IF_MATCH],
            responses={"412": {"description": "problem"}, "428": {"description": "problem"}},
        )


class Api(flask_smorest.Api):
    def init_app(self, app, *, spec_kwargs=None) -> None:
        super().init_app(app, spec_kwargs=spec_kwargs)
        app.after_request(etag_bij_aanmaken)

    def _register_error_handlers(self) -> None:
        register_error_handlers(self._app)

    # flask-smorest's own error components are replaced by problem responses.
    def _register_responses(self) -> None:
        pass

    def _register_pagination_header(self) -> None:
        pass
