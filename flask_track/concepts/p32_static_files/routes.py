"""GET /p32/static/{path}: files shipped in this package, with validators and ranges."""

from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, send_from_directory
from werkzeug.exceptions import NotFound

from flask_track.core.openapi import Blueprint
from flask_track.core.problems import ProblemError

blp = Blueprint("p32", __name__)

# The shipped folder (pyproject's package-data includes static/**/*). Tests may point the
# route at another folder with the P32_STATIC_DIR setting.
STATIC_DIR = Path(__file__).resolve().parent / "static"
# Shipped files change only with a release: caches may keep them an hour, then revalidate
# with If-None-Match / If-Modified-Since (cheap 304s).
MAX_AGE = 3600

FILE_HEADERS = {
    name: {"schema": {"type": "string"}}
    for name in ("ETag", "Last-Modified", "Cache-Control", "Accept-Ranges")
}


def static_root() -> Path:
    return Path(current_app.config.get("P32_STATIC_DIR") or STATIC_DIR).resolve()


def not_found() -> ProblemError:
    # One answer for "absent", "outside the folder" and "not a file": no oracle for probing.
    return ProblemError.not_found("There is no such static file.")


def inside_root(root: Path, path: str) -> bool:
    """Does `path`, with every symlink resolved, stay inside `root`?"""
    try:
        real = (root / path).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):  # missing, a symlink loop, an embedded NUL
        return False
    return real.is_relative_to(root) and real.is_file()


# merge_slashes=False: `/static//etc/passwd` is an absolute path to refuse (404), not a
# redirect to `/static/etc/passwd`.
@blp.route("/static/<path:path>", methods=["GET"], merge_slashes=False)
@blp.doc(
    responses={
        "200": {
            "description": "The file",
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            "headers": FILE_HEADERS,
        },
        "206": {
            "description": "The requested byte range (Range)",
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            "headers": {"Content-Range": {"schema": {"type": "string"}}},
        },
        "304": {"description": "Not modified (If-None-Match / If-Modified-Since)"},
    }
)
@blp.alt_response(416, response="REQUESTED_RANGE_NOT_SATISFIABLE")
def static_file(path: str) -> Response:
    """A shipped file, with ETag, Last-Modified, Cache-Control, 304s and byte ranges."""
    root = static_root()
    # safe_join (inside send_from_directory) refuses `..`, absolute paths and, on Windows,
    # backslashes; a backslash or NUL never names a shipped file here either. It does not
    # resolve symlinks: a link inside the folder could point anywhere, so check the real path.
    if "\\" in path or "\x00" in path or path.endswith("/") or not inside_root(root, path):
        raise not_found()
    try:
        # conditional=True: ETag + Last-Modified, 304 for If-None-Match / If-Modified-Since,
        # 206 + Content-Range for Range, 416 (with Content-Range: bytes */size) when unsatisfiable.
        return send_from_directory(root, path, conditional=True, max_age=MAX_AGE)
    except NotFound:
        raise not_found() from None
