"""GET /p31/limits, POST /p31/files, GET /p31/files/{id} and its /content: safe uploads."""

from __future__ import annotations

from typing import Any

from flask import Response, send_file

from flask_track.concepts.p31_file_upload.models import StoredFile
from flask_track.concepts.p31_file_upload.schemas import FileOut, LimitsOut
from flask_track.concepts.p31_file_upload.storage import (
    ALLOWED_TYPES,
    FIELD_NAME,
    FRAMING_SLACK,
    drain_body,
    max_bytes,
    receive_upload,
    upload_dir,
)
from flask_track.core.body_limit import allow_larger_bodies
from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError
from flask_track.extensions import db
from flask_track.shared.tokens import auth_required, current_user

blp = Blueprint("p31", __name__)
# Uploads may be larger than the app-wide 1 MiB: tell core's body-limit middleware, so it lets
# them through to the route's own limit (set per request in storage.receive_upload).
blp.record_once(
    lambda state: allow_larger_bodies(
        state.app, "p31.upload_file", int(state.app.config["UPLOAD_MAX_BYTES"]) + FRAMING_SLACK
    )
)

# The request body as OpenAPI says it (so Swagger UI shows a file picker and the fuzzer sends
# multipart); the view reads it itself, streaming, instead of through @blp.arguments.
UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {FIELD_NAME: {"type": "string", "format": "binary"}},
                "required": [FIELD_NAME],
                "additionalProperties": False,
            },
            "encoding": {FIELD_NAME: {"contentType": ", ".join(ALLOWED_TYPES)}},
        }
    },
}
BINARY = {"schema": {"type": "string", "format": "binary"}}
DOWNLOAD_HEADERS = {
    "Content-Disposition": {"schema": {"type": "string"}, "description": "attachment"},
    "ETag": {"schema": {"type": "string"}},
}


@blp.after_request
def finish_reading_the_body(response: Response) -> Response:
    """Read what an early answer left of the body, so the client gets to read the answer."""
    if not drain_body():
        # More left than we are willing to read: say we close (gunicorn closes after a
        # response whose body was not read; the client may still see a reset).
        response.headers["Connection"] = "close"
    return response


@blp.route("/limits", methods=["GET"])
@blp.response(200, LimitsOut)
def limits() -> dict[str, Any]:
    """The largest file accepted and the types accepted (sniffed from the bytes)."""
    return {"max_bytes": max_bytes(), "allowed_types": list(ALLOWED_TYPES)}


@blp.route("/files", methods=["POST"])
@auth_required(blp)
@blp.doc(requestBody=UPLOAD_BODY)
@blp.response(201, FileOut)
@blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
def upload_file() -> tuple[StoredFile, int]:
    """Upload one file (multipart part `file`); its type is sniffed from its bytes."""
    received = receive_upload()
    try:
        content_type = received.sniffed_type()
        if content_type not in ALLOWED_TYPES:
            raise ProblemError(
                415,
                "unsupported-media-type",
                "The file's content is not one of the accepted types (see /p31/limits).",
            )
        stored_name = received.publish()
    except BaseException:
        received.discard()
        raise
    row = StoredFile(
        owner_id=current_user().id,
        filename=received.filename,
        stored_name=stored_name,
        size=received.size,
        content_type=content_type,
        sha256=received.sha256,
    )
    db.session.add(row)
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        (upload_dir() / stored_name).unlink(missing_ok=True)  # no file without its row
        raise
    return row, 201


def visible_file(file_id: int) -> StoredFile:
    """The file if the caller owns it or is an admin; 404 otherwise (not 403: no oracle)."""
    row = db.session.get(StoredFile, file_id)
    user = current_user()
    if row is None or (row.owner_id != user.id and user.role != "admin"):
        raise ProblemError.not_found(f"There is no file {file_id}.")
    return row


@blp.route("/files/<id:file_id>", methods=["GET"])
@auth_required(blp)
@blp.response(200, FileOut)
def get_file(file_id: int) -> StoredFile:
    """A file's metadata (owner or admin)."""
    return visible_file(file_id)


@blp.route("/files/<id:file_id>/content", methods=["GET"])
@auth_required(blp)
@blp.doc(
    responses={
        "200": {
            "description": "The bytes, as an attachment, with the sniffed type",
            "content": {media: BINARY for media in ALLOWED_TYPES},
            "headers": DOWNLOAD_HEADERS,
        },
        # send_file(conditional=True): revalidation and byte ranges come with the download.
        "206": {
            "description": "The requested byte range (Range)",
            "content": {media: BINARY for media in ALLOWED_TYPES},
            "headers": {"Content-Range": {"schema": {"type": "string"}}},
        },
        "304": {"description": "Not modified (If-None-Match)"},
    }
)
@blp.alt_response(416, response="REQUESTED_RANGE_NOT_SATISFIABLE")
def download_file(file_id: int) -> Response:
    """Download a file (owner or admin) as an attachment, with its sniffed type."""
    row = visible_file(file_id)
    path = upload_dir() / row.stored_name
    if not path.is_file():
        raise ProblemError.not_found(f"The bytes of file {file_id} are gone.")
    # as_attachment + download_name: werkzeug writes `attachment; filename="..."` and, for a
    # name that is not plain ASCII, RFC 6266's `filename*=UTF-8''...` as well.
    response = send_file(
        path,
        mimetype=row.content_type,
        as_attachment=True,
        download_name=row.filename,
        conditional=True,
        etag=row.sha256,
        max_age=None,
    )
    response.headers["Cache-Control"] = "private, no-cache"
    return response
