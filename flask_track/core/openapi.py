"""OpenAPI with flask-smorest, adapted to the track's conventions.

- Error responses are documented as application/problem+json with `ProblemSchema`.
- Routes with a JSON body also document 400/413/415; routes with path parameters document 404:
  the statuses every such route can answer, added once here instead of on every view.
- Concepts import `Blueprint` from here: it parses JSON bodies with the strict reader.
"""

from __future__ import annotations

import http
import re
from pathlib import Path
from typing import Any

import flask_smorest
import swagger_ui_bundle
from apispec import BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask, Response, send_from_directory
from flask_smorest.spec import prepare_response
from marshmallow import INCLUDE, Schema, fields
from werkzeug.routing import BaseConverter, ValidationError

from flask_track.core.json_body import StrictJsonParser
from flask_track.core.problems import PROBLEM_MIMETYPE

MAX_ID = 2**63 - 1

# `@blp.response(..., headers=CACHE_CONTROL_DOC)`: the response documents its Cache-Control.
CACHE_CONTROL_DOC = {"Cache-Control": {"schema": {"type": "string"}}}


class ProblemSchema(Schema):
    """RFC 9457 problem details, as every error of this API answers."""

    class Meta:
        unknown = INCLUDE  # named problems may add members (errors, error_id, ...)

    type = fields.String(required=True, metadata={"example": "/problems/not-found"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    request_id = fields.String(required=True)
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "validation-error only: field name -> messages"},
    )


def digits_at_most(limit: int) -> str:
    """A regex for the digit strings of len(str(limit)) characters that are <= limit."""
    text = str(limit)
    options = [text]
    for i, digit in enumerate(text):
        if digit != "0":
            options.append(f"{text[:i]}[0-{int(digit) - 1}][0-9]{{{len(text) - i - 1}}}")
    return "|".join(options)


class IdConverter(BaseConverter):
    """Path ids: plain ASCII digits within 64 bits; anything else does not match (404)."""

    # The bound is in the regex, not only in to_python(): a rule whose to_python() refuses a
    # value still counts as "the path matched" for the other methods' rules of the same URL,
    # so DELETE /things/9223372036854775808 answered 405 instead of 404 (found by fuzzing).
    regex = rf"(?:[0-9]{{1,18}}|{digits_at_most(MAX_ID)})"
    weight = 50

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:  # unreachable through the regex; kept as a second guard
            raise ValidationError()
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))


CONCEPT_MODULE = re.compile(r"\.concepts\.(p[0-9]{2})_")


def schema_name(schema: type[Schema] | Schema) -> str:
    """Component names carry the concept id (`p07.RegistrationIn`): schemas never collide."""
    cls = schema if isinstance(schema, type) else type(schema)
    # A shared-layer schema that one concept introduces is published under that concept.
    explicit = getattr(getattr(cls, "Meta", None), "component_name", None)
    if explicit:
        return str(explicit)
    name = cls.__name__.removesuffix("Schema") or cls.__name__
    found = CONCEPT_MODULE.search(cls.__module__)
    return f"{found.group(1)}.{name}" if found else name


class ProblemResponsesPlugin(BasePlugin):
    """Document the error statuses shared by whole classes of routes."""

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        for operation in (operations or {}).values():
            responses = operation.setdefault("responses", {})
            if "requestBody" in operation:
                for status in (400, 413, 415):
                    responses.setdefault(str(status), http.HTTPStatus(status).name)
            if path and "{" in path:
                responses.setdefault("404", http.HTTPStatus.NOT_FOUND.name)


class Api(flask_smorest.Api):
    """flask-smorest's Api, with problem+json errors and the track's error handlers."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self) -> None:
        # core.problems registers the handlers; smorest's own would answer {code, status}.
        pass

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_MIMETYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Any other error, as a problem", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_MIMETYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)


class Blueprint(flask_smorest.Blueprint):
    """The blueprint every concept uses: strict JSON bodies, documented problems."""

    ARGUMENTS_PARSER = StrictJsonParser()


def swagger_ui_static(filename: str) -> Response:
    """Swagger UI's JS and CSS, from the swagger-ui-bundle wheel."""
    return send_from_directory(Path(swagger_ui_bundle.swagger_ui_path), filename)


def init_openapi(app: Flask, api: Api) -> None:
    """Bind the Api, its converters, and the offline Swagger UI assets."""
    app.url_map.converters["id"] = IdConverter
    api.init_app(
        app,
        spec_kwargs={
            "marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=schema_name),
            "extra_plugins": [ProblemResponsesPlugin()],
        },
    )
    api.register_converter(
        IdConverter, lambda _converter: {"type": "integer", "minimum": 0, "maximum": MAX_ID}
    )
    app.add_url_rule("/docs/static/<path:filename>", "swagger_ui_static", swagger_ui_static)
