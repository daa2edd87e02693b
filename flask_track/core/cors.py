"""CORS for the browser client: flask-cors, with its hook skipped on requests without Origin.

flask-cors's after_request hook matches the path against its resources and reads the
request's headers on every response, though with `always_send=False` a request without an
`Origin` header gets no CORS header at all (no Origin: not a CORS request). Curl, the
contract suite and server-to-server callers send none, so that work was ~5 % of a JSON
route's CPU (issue 11). Here the hook runs only when the request carries an Origin; what it
answers when it runs is flask-cors's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from flask import Flask, Response, request
from flask_cors import CORS

AfterRequest = Callable[[Response], Response]


def only_with_origin(hook: AfterRequest) -> AfterRequest:
    """`hook`, run only for requests that carry a non-empty Origin header."""

    def cors_after_request(response: Response) -> Response:
        # flask-cors's own first test, made before it routes the path: no Origin, no headers.
        if not request.environ.get("HTTP_ORIGIN"):
            return response
        return hook(response)

    return cors_after_request


def init_cors(app: Flask, cors: CORS, **options: Any) -> None:
    """Bind `cors` to the app with `options` (flask-cors's), its hook behind the Origin test."""
    hooks = app.after_request_funcs.setdefault(None, [])
    before = list(hooks)
    cors.init_app(app, **options)
    # flask-cors's hook is synchronous (Flask's type also allows coroutine hooks).
    hooks[:] = [
        hook if hook in before else only_with_origin(cast(AfterRequest, hook)) for hook in hooks
    ]
