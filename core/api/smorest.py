"""flask-smorest, adapted once for the whole API.

- 400 (not 422) for invalid input, as the API Design Rules require;
- problem+json for every error (handlers in :mod:`core.errors`);
- a body in another Content-Type than JSON is refused with 415, naming what is taken;
- a JSON body too deep, or with a lone surrogate or a control character, is refused
  with 400 naming the field (:mod:`core.api.invoer`);
- every 201 has an ETag (:func:`core.api.etag.etag_bij_aanmaken`);
- the OpenAPI document is post-processed in :mod:`core.api.openapi` (paths
  relative to the versioned server URL, problem responses, API-Version headers).
"""

from __future__ import annotations

from typing import Any

import flask_smorest
import marshmallow as ma
from webargs.flaskparser import FlaskParser, is_json_request

from core.api import invoer
from core.api.etag import etag_bij_aanmaken
from core.api.invoer import OngeldigeJson
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
        try:
            return super().load_json(req, schema)
        except OngeldigeJson as exc:
            raise exc.probleem() from None

    def _raw_load_json(self, req):
        """The body through :func:`core.api.invoer.lees`: too deep, a lone surrogate or a
        control character is a 400 naming the field before any schema reads it."""
        if not is_json_request(req):
            return ma.missing
        return invoer.lees(req.get_data(cache=True))


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
    """flask-smorest's Api, whose OpenAPI document is written when it is first read.

    Registering a blueprint adds its routes to the app at once, but documents them
    (apispec walks every schema of every operation, most of the time an app takes to
    build) only when :attr:`spec` is first read: by the document's route, or by
    :func:`core.app.create_app` for an app that is not a test's. The paths are documented
    in the order their blueprints were registered, as before.
    """

    def __init__(self, *args, **kwargs) -> None:
        self._spec = None
        self._uitgesteld: list = []
        self._bezig = False
        super().__init__(*args, **kwargs)

    @property
    def spec(self):
        if self._uitgesteld and not self._bezig:
            self._bezig = True
            try:
                while self._uitgesteld:
                    self._uitgesteld.pop(0)()
            finally:
                self._bezig = False
        return self._spec

    @spec.setter
    def spec(self, value) -> None:
        self._spec = value

    def init_app(self, app, *, spec_kwargs=None) -> None:
        super().init_app(app, spec_kwargs=spec_kwargs)
        app.after_request(etag_bij_aanmaken)

    def register_blueprint(self, blp, *, parameters=None, **options) -> None:
        """Add the blueprint's routes now; document them when the document is read."""
        naam = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][naam] = self
        self._app.register_blueprint(blp, **options)

        def documenteer() -> None:
            blp.register_views_in_doc(self, self._app, self._spec, name=naam,
                                      parameters=parameters)
            self._spec.tag({"name": naam, "description": blp.description})

        self._uitgesteld.append(documenteer)

    def _register_error_handlers(self) -> None:
        register_error_handlers(self._app)

    # flask-smorest's own error components are replaced by problem responses.
    def _register_responses(self) -> None:
        pass

    def _register_pagination_header(self) -> None:
        pass
