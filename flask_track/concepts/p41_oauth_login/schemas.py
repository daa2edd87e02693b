"""What p41 accepts and answers (the provider's RFC 6749 shapes are documented as plain dicts)."""

from __future__ import annotations

from urllib.parse import urlsplit

from marshmallow import Schema, ValidationError, fields, validate

from flask_track.shared.token_schemas import TokenPairOut
from flask_track.shared.users import UserOut


def safe_return_to(value: str) -> bool:
    """A same-origin path only ("/..."): never a scheme, a host, "//" or a backslash."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return False
    if any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in value):
        return False
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc


def _same_origin_path(value: str) -> None:
    if not safe_return_to(value):
        raise ValidationError('A path on this site, starting with one "/" (no scheme or host).')


def _ascii(value: str) -> None:
    if any(not " " <= ch <= "~" for ch in value):
        raise ValidationError("Printable ASCII only.")


_ASCII_DOC = {"pattern": "^[ -~]*$"}


class LoginArgs(Schema):
    """GET /p41/login query."""

    return_to = fields.String(
        validate=[validate.Length(min=1, max=512), _same_origin_path],
        metadata={
            "description": "Browser flow: where to send the browser after the login (a path on "
            "this site); the page then collects its tokens with POST /p41/handoff. Without it "
            "the callback answers the tokens as JSON.",
            "example": "/#/p41",
            "pattern": "^/(?![/\\\\])[!-~]*$",
        },
    )
    login_hint = fields.String(
        validate=[validate.Length(min=1, max=254), _ascii],
        metadata={
            "description": "Passed to the provider: the mock provider logs this email in.",
            **_ASCII_DOC,
        },
    )


class CallbackArgs(Schema):
    """GET /p41/callback query (what the provider appends): printable ASCII, bounded."""

    code = fields.String(validate=[validate.Length(max=256), _ascii], metadata=_ASCII_DOC)
    state = fields.String(validate=[validate.Length(max=256), _ascii], metadata=_ASCII_DOC)
    error = fields.String(validate=[validate.Length(max=64), _ascii], metadata=_ASCII_DOC)
    error_description = fields.String(
        validate=[validate.Length(max=512), _ascii], metadata=_ASCII_DOC
    )


class OAuthLoginOut(TokenPairOut):
    """The p28 token pair, the user, and whether this login created the account."""

    user = fields.Nested(UserOut, required=True)
    created = fields.Boolean(
        required=True, metadata={"description": "true: this login created the account."}
    )


# ---------------------------------------------------------------- the provider's documents

OAUTH_ERROR: dict[str, object] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string", "example": "invalid_grant"},
        "error_description": {"type": "string"},
        "error_uri": {"type": "string"},
        "state": {"type": "string"},
    },
    "description": "An RFC 6749 §5.2 error: the provider's one exception to problem+json.",
}
JSON_OBJECT: dict[str, object] = {"type": "object", "additionalProperties": True}


def json_content(schema: dict[str, object]) -> dict[str, object]:
    return {"application/json": {"schema": schema}}


def oauth_error(description: str, *, basic: bool = False) -> dict[str, object]:
    response: dict[str, object] = {"description": description, "content": json_content(OAUTH_ERROR)}
    if basic:
        response["headers"] = {
            "WWW-Authenticate": {"schema": {"type": "string"}, "description": "Basic ..."}
        }
    return response


# Printable ASCII only (RFC 6749 Appendix A: these are VSCHAR/NQCHAR strings), and short
# enough that all of them, percent-encoded, fit gunicorn's 4,094-byte request line. The
# authorize view enforces exactly these limits (`authorize_args_problem`).
PRINTABLE_ASCII = "^[ -~]*$"
AUTHORIZE_LIMITS = {
    "response_type": 32,
    "client_id": 64,
    "redirect_uri": 256,
    "scope": 128,
    "state": 128,
    "nonce": 128,
    "code_challenge": 128,
    "code_challenge_method": 16,
    "login_hint": 254,
}


def query_param(name: str, description: str, *, required: bool = False) -> dict[str, object]:
    return {
        "in": "query",
        "name": name,
        "required": required,
        "schema": {
            "type": "string",
            "maxLength": AUTHORIZE_LIMITS[name],
            "pattern": PRINTABLE_ASCII,
        },
        "description": description,
    }


def authorize_args_problem(args: dict[str, str]) -> str | None:
    """Why these authorize parameters break the documented limits, or None."""
    for name, limit in AUTHORIZE_LIMITS.items():
        value = args.get(name)
        if value is None:
            continue
        if len(value) > limit:
            return f"'{name}' is longer than {limit} characters."
        if any(not " " <= ch <= "~" for ch in value):
            return f"'{name}' must be printable ASCII."
    return None


AUTHORIZE_PARAMETERS = [
    query_param("response_type", '"code" (the only response type).', required=True),
    query_param("client_id", "A registered client.", required=True),
    query_param("redirect_uri", "Exactly one of the client's registered URIs.", required=True),
    query_param("scope", 'Space-separated; "openid email" for an id token with the email.'),
    query_param("state", "Echoed back to the redirect_uri (the client's CSRF check)."),
    query_param("nonce", "Copied into the id token (the client's replay check)."),
    query_param("code_challenge", "PKCE: BASE64URL(SHA-256(code_verifier)).", required=True),
    query_param("code_challenge_method", '"S256" (the only method).', required=True),
    query_param("login_hint", "The mock user's email; without it a form asks for one."),
]
AUTHORIZE_RESPONSES = {
    "302": {
        "description": "To the client's redirect_uri with `code` and `state` (or an RFC 6749 "
        "error, once the redirect_uri is known to be registered).",
        "headers": {"Location": {"schema": {"type": "string"}}},
    },
    "200": {
        "description": "No login_hint: a form asking which email to log in as.",
        "content": {"text/html": {"schema": {"type": "string"}}},
    },
    "400": oauth_error(
        "Unknown client or a redirect_uri not registered exactly: never redirected."
    ),
}
TOKEN_BODY = {
    "required": True,
    "content": {
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "required": ["grant_type", "code", "redirect_uri", "code_verifier"],
                "properties": {
                    "grant_type": {"type": "string", "enum": ["authorization_code"]},
                    "code": {"type": "string", "maxLength": 512},
                    "redirect_uri": {"type": "string", "maxLength": 2048},
                    "code_verifier": {"type": "string", "minLength": 43, "maxLength": 128},
                    "client_id": {"type": "string", "maxLength": 64},
                    "client_secret": {"type": "string", "maxLength": 256},
                },
            }
        }
    },
}
TOKEN_RESPONSES = {
    "200": {
        "description": "access_token, token_type, expires_in, scope and the RS256 id_token.",
        "content": json_content(
            {  # an RFC 6749 §5.1 token response
                "type": "object",
                "required": ["access_token", "token_type", "expires_in"],
                "properties": {
                    "access_token": {"type": "string"},
                    "token_type": {"type": "string"},
                    "expires_in": {"type": "integer"},
                    "scope": {"type": "string"},
                    "id_token": {"type": "string"},
                },
            }
        ),
        "headers": {"Cache-Control": {"schema": {"type": "string"}}},
    },
    "400": oauth_error(
        "invalid_request, invalid_grant (unknown, used or expired code; PKCE "
        "failed), unsupported_grant_type, invalid_client (no credentials)."
    ),
    "401": oauth_error(
        "invalid_client: wrong client credentials sent in Authorization.", basic=True
    ),
}
USERINFO_RESPONSES = {
    "200": {
        "description": "The token's user: sub, email, email_verified.",
        "content": json_content(JSON_OBJECT),
    },
    "400": oauth_error("A malformed Authorization header."),
    "401": {
        "description": "No, unknown or expired provider access token (RFC 6750).",
        "content": json_content(OAUTH_ERROR),
        "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
    },
    "403": oauth_error("The token's scope has no openid."),
}
