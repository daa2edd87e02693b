"""p41: a mock OpenID provider at /p41/provider/* and the login that uses it like any other.

Provider (provider.py, Authlib's server): discovery, JWKS, authorize, token, userinfo. Its
answers follow RFC 6749 (`{"error","error_description"}`), the one exception to problem+json.
Client (client.py, Authlib's Flask client): GET /p41/login → the provider → GET /p41/callback
→ the p28 token pair + {"user","created"}; or, for a browser, a one-time handoff.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from flask import jsonify, request, session, url_for
from werkzeug.wrappers import Response

from flask_track.concepts.p41_oauth_login.schemas import (
    AUTHORIZE_PARAMETERS,
    AUTHORIZE_RESPONSES,
    JSON_OBJECT,
    TOKEN_BODY,
    TOKEN_RESPONSES,
    USERINFO_RESPONSES,
    CallbackArgs,
    LoginArgs,
    OAuthLoginOut,
    authorize_args_problem,
    json_content,
)
from flask_track.core.dependencies import LazyModule
from flask_track.core.openapi import CACHE_CONTROL_DOC, Blueprint
from flask_track.core.problems import ProblemError
from flask_track.shared.tokens import NO_STORE, start_token_family
from flask_track.shared.users import normalize_email

# provider.py and client.py import Authlib, joserfc and requests: about 8 MiB in every worker
# (issue 11). They are imported by p41's first request instead of at start; a worker that
# never serves p41 never loads them. The schemas (for the OpenAPI document) need none of it.
if TYPE_CHECKING:
    from flask_track.concepts.p41_oauth_login import client, provider
else:
    client = LazyModule("flask_track.concepts.p41_oauth_login.client")
    provider = LazyModule("flask_track.concepts.p41_oauth_login.provider")

blp = Blueprint("p41", __name__)

RETURN_TO = "p41_return_to"  # session: state -> the browser flow's return_to path
HANDOFF = "p41_handoff"  # session: the one-time code of a finished browser login
MAX_PENDING = 5  # browser logins started and not finished, remembered per session


def _json(payload: dict[str, Any], cache_control: str) -> Response:
    response = jsonify(payload)
    response.headers["Cache-Control"] = cache_control
    return response


# ---------------------------------------------------------------- the provider


@blp.route("/provider/.well-known/openid-configuration", methods=["GET"])
@blp.doc(
    responses={
        "200": {
            "description": "OpenID Provider Metadata (Discovery 1.0 §3).",
            "content": json_content(JSON_OBJECT),
        }
    }
)
def openid_configuration() -> Response:
    """The provider's discovery document: issuer, endpoints, S256, RS256."""
    # Its URLs follow the Host the request came to: revalidate, never share across hosts.
    return _json(provider.discovery(), "no-cache")


@blp.route("/provider/jwks", methods=["GET"])
@blp.doc(
    responses={
        "200": {
            "description": "The public RSA key(s) that sign id tokens.",
            "content": json_content(JSON_OBJECT),
        }
    }
)
def jwks() -> Response:
    """The JWK Set of the id token signing key (public members only)."""
    return _json(provider.jwks(), "public, max-age=300")


def oauth_error_response(error: str, description: str) -> Response:
    """A 400 RFC 6749 §5.2 error body (for what we refuse before Authlib sees it)."""
    response = jsonify({"error": error, "error_description": description})
    response.status_code = 400
    response.headers.update(NO_STORE)
    return response


def unechoable() -> Response:
    """400 invalid_request for input Authlib refuses to echo in an error (non-ASCII text).

    Authlib builds its error from the offending parameter and raises ValueError when that text
    holds characters RFC 6749 §5.2 forbids in error_description: still the client's mistake.
    """
    return oauth_error_response(
        "invalid_request", "The request holds characters that are not allowed here."
    )


LOGIN_FORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mock provider: log in</title></head>
<body><h1>Mock OpenID provider</h1>
<p>This provider has no passwords: whoever names an email is that user (a mock).</p>
<form method="get" action="{action}">{hidden}
<label>Email <input type="email" name="login_hint" required autofocus></label>
<button type="submit">Log in</button></form></body></html>
"""


def _login_form() -> Response:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(name)}" value="{html.escape(value)}">'
        for name, value in request.args.items(multi=True)
        if name != "login_hint"
    )
    page = LOGIN_FORM.format(action=html.escape(request.path), hidden=hidden)
    response = Response(page, 200, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    # The form posts nowhere else and loads nothing; framing it would invite clickjacking.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    return response


@blp.route("/provider/authorize", methods=["GET"])
@blp.doc(
    parameters=AUTHORIZE_PARAMETERS, responses=AUTHORIZE_RESPONSES, **{"x-state-statuses": ["400"]}
)
def authorize() -> Response:
    """Authorization endpoint: the mock user (login_hint) gets a code for the redirect_uri."""
    server = provider.server()
    problem = authorize_args_problem(request.args.to_dict())
    if problem:
        return oauth_error_response("invalid_request", problem)
    try:
        # Authlib validates client, redirect_uri (exact), response_type, scope, PKCE, nonce.
        # Errors found before the redirect_uri is trusted are answered here, never redirected.
        grant = server.get_consent_grant(end_user=None)
    except provider.OAuth2Error as error:
        refused: Response = server.handle_error_response(None, error)
        return refused
    except ValueError:
        return unechoable()
    hint = request.args.get("login_hint", "").strip()
    if not hint or "@" not in hint or len(hint) > 254:
        return _login_form()
    user = provider.MockUser(normalize_email(hint))
    granted: Response = server.create_authorization_response(grant_user=user, grant=grant)
    return granted


@blp.route("/provider/token", methods=["POST"])
@blp.doc(requestBody=TOKEN_BODY, responses=TOKEN_RESPONSES, **{"x-state-statuses": ["400"]})
def token() -> Response:
    """Token endpoint: a code (+ its PKCE verifier, + client credentials) for tokens, once."""
    try:
        answer: Response = provider.server().create_token_response()
    except ValueError:
        return unechoable()
    return answer


@blp.route("/provider/userinfo", methods=["GET"])
@blp.doc(responses=USERINFO_RESPONSES)
def userinfo() -> Response:
    """UserInfo endpoint: the claims of the provider access token's user."""
    answer: Response = provider.server().create_endpoint_response("userinfo")
    return answer


# ---------------------------------------------------------------- the login


@blp.route("/login", methods=["GET"])
@blp.arguments(LoginArgs, location="query")
@blp.doc(
    responses={
        "302": {
            "description": "To the provider's authorization endpoint with state, nonce and a PKCE "
            "S256 challenge (kept in this browser's session cookie).",
            "headers": {"Location": {"schema": {"type": "string"}}},
        }
    }
)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def login(args: dict[str, Any]) -> Response:
    """Start a login: redirect to the provider (state, nonce, PKCE S256 by Authlib)."""
    oauth = client.oauth_client(client.provider_base())
    redirect_uri = url_for("p41.callback", _external=True)
    extra = {"login_hint": args["login_hint"]} if "login_hint" in args else {}
    try:
        # Authlib reads discovery (over HTTP the first time in a process: hence the slot),
        # makes state, nonce, code_verifier and its S256 challenge.
        with client.callback_slot():
            found = oauth.create_authorization_url(redirect_uri, **extra)
    except client.RequestException:
        raise ProblemError(
            503, "dependency-unavailable", "The provider cannot be reached."
        ) from None
    oauth.save_authorize_data(redirect_uri=redirect_uri, **found)
    _forget_abandoned_logins(oauth.name)
    if "return_to" in args:
        pending = dict(session.get(RETURN_TO) or {})
        pending[found["state"]] = args["return_to"]
        # Abandoned logins must not grow the cookie without bound: keep the newest few.
        session[RETURN_TO] = dict(list(pending.items())[-MAX_PENDING:])
    return _redirect(found["url"])


@blp.route("/callback", methods=["GET"])
@blp.arguments(CallbackArgs, location="query")
@blp.response(200, OAuthLoginOut, headers=CACHE_CONTROL_DOC)
@blp.alt_response(
    302,
    description="Browser flow: to return_to (collect with POST /p41/handoff).",
    headers={"Location": {"schema": {"type": "string"}}},
)
@blp.alt_response(400, response="BAD_REQUEST")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
@blp.doc(**{"x-state-statuses": ["400"]})
def callback(args: dict[str, Any]) -> Any:
    """Finish a login: check state, redeem the code, verify the id token, link the user."""
    state = args.get("state")
    if not state:
        raise ProblemError(400, "oauth-state-invalid", "The callback carries no state.")
    oauth = client.oauth_client(client.provider_base())
    with client.callback_slot():
        return_to = _pop_return_to(state)
        try:
            # Authlib: state (against the session), the code exchange over HTTP (with the
            # PKCE verifier), the id token's signature (JWKS), iss, aud, exp and nonce.
            token = oauth.authorize_access_token()
        except client.MismatchingStateError:
            raise ProblemError(
                400, "oauth-state-invalid", "The state is not one this browser was given."
            ) from None
        except client.OAuthError as error:
            code = "".join(ch for ch in str(error.error or "") if ch.isalnum() or ch == "_")
            raise client.login_failed(f"The provider refused the login ({code[:64]}).") from None
        except client.JoseError:
            raise client.login_failed("The id token did not verify.") from None
        except client.RequestException:
            raise ProblemError(
                503, "dependency-unavailable", "The provider cannot be reached."
            ) from None
        except RuntimeError:
            # Authlib's answer to a provider whose discovery lacks what verification needs
            # (no jwks_uri): the provider is unusable, which is not the browser's fault.
            raise ProblemError(
                503, "dependency-unavailable", "The provider's metadata cannot verify a login."
            ) from None
    claims = token.get("userinfo")
    if not claims or not claims.get("iss") or not claims.get("sub"):
        raise client.login_failed("The provider answered no id token.")
    user, created = client.link_or_create(
        str(claims["iss"]), str(claims["sub"]), claims.get("email"), claims.get("email_verified")
    )
    if return_to:
        # No token in any URL: the page asks for them (POST /p41/handoff, same origin).
        session[HANDOFF] = client.create_handoff(user, created)
        return _redirect(return_to)
    return {**start_token_family(user), "user": user, "created": created}, 200, NO_STORE


def _redirect(url: str) -> Response:
    """302 with no body (the document says so; Flask's redirect() writes an HTML page)."""
    return Response(status=302, headers={"Location": url, **NO_STORE})


def _forget_abandoned_logins(name: str) -> None:
    """Keep only the newest MAX_PENDING started logins in the session cookie.

    Authlib keeps each started login (state, nonce, PKCE verifier) in the session for an hour;
    a browser that starts logins and never finishes them would otherwise grow its cookie past
    the 4 KB browsers accept, and then lose the session altogether.
    """
    prefix = f"_state_{name}_"
    started = [key for key in session if key.startswith(prefix)]
    if len(started) <= MAX_PENDING:
        return
    started.sort(key=lambda key: float((session.get(key) or {}).get("exp") or 0))
    for key in started[:-MAX_PENDING]:
        session.pop(key, None)


def _pop_return_to(state: str) -> str | None:
    pending = dict(session.get(RETURN_TO) or {})
    found = pending.pop(state, None)
    if found is not None:
        session[RETURN_TO] = pending
    return found if isinstance(found, str) else None


@blp.route("/handoff", methods=["POST"])
@blp.response(200, OAuthLoginOut, headers=CACHE_CONTROL_DOC)
@blp.alt_response(404, response="NOT_FOUND")
def handoff() -> tuple[dict[str, Any], int, dict[str, str]]:
    """Collect the tokens of this browser's finished login (once, within 60 s)."""
    code = session.pop(HANDOFF, None)
    found = client.redeem_handoff(code) if isinstance(code, str) else None
    if found is None:
        raise ProblemError.not_found("No finished login is waiting for this browser.")
    user, created = found
    return {**start_token_family(user), "user": user, "created": created}, 200, NO_STORE
