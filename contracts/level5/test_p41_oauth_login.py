"""p41 oauth-login (CATALOG Level 5): a mock OpenID provider and the login flow that uses it.

Rules checked (contracts/SPEC.md §p41): the provider at /p41/provider publishes discovery and a
JWKS whose RSA key verifies its RS256 id tokens; it refuses a redirect_uri that is not
registered exactly (without redirecting), a reused code (`invalid_grant`), a token request
without or with a wrong PKCE verifier, and a bad client secret (401 + `WWW-Authenticate:
Basic`), answering RFC 6749 errors, not problem+json. `GET /p41/login` redirects there with
state, nonce and PKCE S256; `GET /p41/callback` answers the p28 pair plus `{"user","created"}`,
creates the user once, links a password user by verified email, and refuses a missing or wrong
state, a replayed callback, a reused code and an id token whose nonce is not the one it sent.

The suite plays the browser: it keeps the session cookie (one client per login) and follows
the redirects itself, so it can also tamper with them. It plays a native app too, through the
public client the provider registers for that (`p41-public-demo`, PKCE only).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import httpx
import jwt
import pytest

from contracts.harness import case, describe, expect_json, expect_problem, media_type
from contracts.harness.http import make_client
from contracts.level3.auth_helpers import bearer

PROVIDER = "/p41/provider"
DISCOVERY = PROVIDER + "/.well-known/openid-configuration"
PUBLIC_CLIENT = "p41-public-demo"
PUBLIC_REDIRECT = "http://127.0.0.1/p41-demo-callback"
LOGIN_FIELDS = ("access_token", "refresh_token", "token_type", "expires_in", "user", "created")
STATE_SLUG = "oauth-state-invalid"
FAILED_SLUG = "oauth-login-failed"
CONCURRENT_LOGINS = 20


# ---------------------------------------------------------------- helpers


def query(url: str) -> dict[str, str]:
    """The query parameters of a URL (one value each)."""
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def with_query(url: str, **changes: str | None) -> str:
    """`url` with some query parameters replaced (None: removed)."""
    parts = urlsplit(url)
    params = query(url)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return urlunsplit(parts._replace(query=urlencode(params)))


def location(response: httpx.Response) -> str:
    """The redirect target, resolved against the request URL."""
    assert response.status_code in (302, 303), describe(response, "a 302 redirect")
    target = response.headers.get("location")
    assert target, describe(response, "a Location header")
    return urljoin(str(response.request.url), target)


def pkce_pair() -> tuple[str, str]:
    """A fresh code_verifier and its S256 code_challenge (RFC 7636 §4.1-4.2)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def mock_email(unique) -> str:
    return f"oauth-{unique()}@example.com"


def fetch(client: httpx.Client, url: str, **kwargs) -> httpx.Response:
    """GET, again after Retry-After while the answer is 503 with Retry-After (SPEC §p41: the
    login routes may be busy talking to the provider; nothing is spent by such an answer)."""
    for _attempt in range(60):
        response = client.get(url, **kwargs)
        if response.status_code != 503 or "retry-after" not in response.headers:
            return response
        time.sleep(min(2.0, float(response.headers["retry-after"])))
    return response


def start_login(client: httpx.Client, email: str, **params: str) -> str:
    """GET /p41/login?login_hint=email → the provider's authorize URL it redirects to."""
    return location(fetch(client, "/p41/login", params={"login_hint": email, **params}))


def authorize(client: httpx.Client, authorize_url: str) -> str:
    """Follow the authorize URL at the provider → the callback URL (with code and state)."""
    return location(client.get(authorize_url))


def login_through_provider(client: httpx.Client, email: str) -> httpx.Response:
    """The whole browser flow; the callback's response."""
    return fetch(client, authorize(client, start_login(client, email)))


def logged_in(response: httpx.Response) -> dict:
    """A successful callback: the p28 pair plus user and created."""
    body = expect_json(response, 200)
    missing = [name for name in LOGIN_FIELDS if name not in body]
    assert not missing, describe(response, f"members {LOGIN_FIELDS} (missing {missing})")
    assert isinstance(body["created"], bool), describe(response, "created: a boolean")
    assert isinstance(body["user"], dict) and isinstance(body["user"].get("id"), int), describe(
        response, "user: an object with an integer id"
    )
    return body


def expect_oauth_error(response: httpx.Response, status: int, *errors: str) -> dict:
    """An RFC 6749 §5.2 error: this status, application/json, {"error": one of `errors`}."""
    assert response.status_code == status, describe(response, f"status {status}")
    assert media_type(response) == "application/json", describe(
        response, "Content-Type application/json (RFC 6749 §5.2, not problem+json)"
    )
    body = response.json()
    assert isinstance(body, dict) and body.get("error") in errors, describe(
        response, f'{{"error": one of {list(errors)}}}'
    )
    return body


@pytest.fixture
def discovery(api) -> dict:
    """The provider's discovery document."""
    return expect_json(api.get(DISCOVERY), 200)


@pytest.fixture
def browser(target):
    """A second client with its own cookie jar (another browser)."""
    with make_client(target.base_url) as client:
        yield client


@dataclass
class NativeLogin:
    """A code the provider issued to the public client, with what bound it."""

    code: str
    verifier: str
    nonce: str


def native_authorize(api, email: str, **changes: str | None) -> httpx.Response:
    """GET authorize as the public client (PKCE S256); `changes` alter the parameters."""
    verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": PUBLIC_CLIENT,
        "redirect_uri": PUBLIC_REDIRECT,
        "scope": "openid email",
        "state": secrets.token_urlsafe(16),
        "nonce": secrets.token_urlsafe(16),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "login_hint": email,
    }
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    response = api.get(PROVIDER + "/authorize", params=params)
    response.extensions["p41"] = (verifier, params)
    return response


def native_code(api, email: str) -> NativeLogin:
    """A fresh code for the public client, redirected to its registered URI."""
    response = native_authorize(api, email)
    verifier, params = response.extensions["p41"]
    target = location(response)
    assert target.split("?")[0] == PUBLIC_REDIRECT, describe(response, "to the registered URI")
    found = query(target)
    assert found.get("state") == params["state"] and found.get("code"), describe(
        response, "the redirect carries code and the same state"
    )
    return NativeLogin(code=found["code"], verifier=verifier, nonce=params["nonce"])


def redeem(api, login: NativeLogin, **changes: str | None) -> httpx.Response:
    """POST the token endpoint as the public client."""
    form = {
        "grant_type": "authorization_code",
        "code": login.code,
        "redirect_uri": PUBLIC_REDIRECT,
        "client_id": PUBLIC_CLIENT,
        "code_verifier": login.verifier,
    }
    for name, value in changes.items():
        if value is None:
            form.pop(name, None)
        else:
            form[name] = value
    return api.post(PROVIDER + "/token", data=form)


# ---------------------------------------------------------------- the provider


@case("p41.discovery-document")
def test_discovery_names_issuer_endpoints_s256_and_rs256(api, target, discovery):
    """GET discovery → issuer = <origin>/p41/provider, the four endpoints under it, S256
    among code_challenge_methods_supported, RS256 among id_token_signing_alg_values."""
    issuer = target.base_url.rstrip("/") + PROVIDER
    assert discovery.get("issuer") == issuer, f"issuer {issuer!r}: {discovery}"
    for name, path in (
        ("authorization_endpoint", "/authorize"),
        ("token_endpoint", "/token"),
        ("userinfo_endpoint", "/userinfo"),
        ("jwks_uri", "/jwks"),
    ):
        assert discovery.get(name) == issuer + path, f"{name} == {issuer + path!r}: {discovery}"
    assert "S256" in (discovery.get("code_challenge_methods_supported") or []), discovery
    assert "plain" not in discovery.get("code_challenge_methods_supported"), discovery
    assert "RS256" in (discovery.get("id_token_signing_alg_values_supported") or []), discovery
    assert "code" in (discovery.get("response_types_supported") or []), discovery


@case("p41.id-token-verifies-with-jwks")
def test_the_id_token_verifies_with_the_jwks_key_its_kid_names(api, discovery, unique):
    """The id token's header kid names an RSA key of the JWKS (public members only); PyJWT
    verifies its RS256 signature with it; iss, aud, nonce, email and email_verified hold."""
    email = mock_email(unique)
    login = native_code(api, email)
    body = expect_json(redeem(api, login), 200)
    id_token = body.get("id_token")
    assert isinstance(id_token, str), f"an id_token in {body}"
    header = jwt.get_unverified_header(id_token)
    assert header.get("alg") == "RS256", f"alg RS256: {header}"
    keys = expect_json(api.get(PROVIDER + "/jwks"), 200).get("keys") or []
    matching = [key for key in keys if key.get("kid") == header.get("kid")]
    assert len(matching) == 1, f"one JWKS key with kid {header.get('kid')!r}: {keys}"
    key = matching[0]
    assert key.get("kty") == "RSA", f"an RSA key: {key}"
    private = {"d", "p", "q", "dp", "dq", "qi"} & set(key)
    assert not private, f"no private members in the JWKS, found {sorted(private)}"
    claims = jwt.decode(
        id_token,
        jwt.PyJWK(key).key,
        algorithms=["RS256"],
        audience=PUBLIC_CLIENT,
        issuer=discovery["issuer"],
    )
    assert claims.get("nonce") == login.nonce, f"nonce {login.nonce!r}: {claims}"
    assert claims.get("email") == email, f"email {email!r}: {claims}"
    assert claims.get("email_verified") is True, f"email_verified true: {claims}"
    assert isinstance(claims.get("sub"), str) and claims["sub"], f"a sub: {claims}"
    # A signature made with another key must not verify with this one (the check can fail).
    forged = jwt.encode(claims, _other_rsa_key(), algorithm="RS256", headers=header)
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(forged, jwt.PyJWK(key).key, algorithms=["RS256"], audience=PUBLIC_CLIENT)


def _other_rsa_key():
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@case("p41.userinfo")
def test_userinfo_answers_the_token_users_claims(api, unique):
    """GET userinfo with the provider's access token → the same sub and email; no token → 401."""
    email = mock_email(unique)
    body = expect_json(redeem(api, native_code(api, email)), 200)
    subject = jwt.decode(body["id_token"], options={"verify_signature": False})["sub"]
    info = expect_json(api.get(PROVIDER + "/userinfo", headers=bearer(body["access_token"])), 200)
    assert info.get("sub") == subject and info.get("email") == email, info
    expect_oauth_error(
        api.get(PROVIDER + "/userinfo"),
        401,
        "missing_authorization",
        "invalid_token",
        "invalid_request",
    )
    refused = api.get(PROVIDER + "/userinfo", headers=bearer("not-a-token-it-issued"))
    expect_oauth_error(refused, 401, "invalid_token")


@case("p41.code-reuse-invalid-grant")
def test_a_code_redeemed_twice_is_invalid_grant(api, unique):
    """The same code at the token endpoint twice → 200, then 400 {"error":"invalid_grant"}."""
    login = native_code(api, mock_email(unique))
    expect_json(redeem(api, login), 200)
    expect_oauth_error(redeem(api, login), 400, "invalid_grant")


@case("p41.pkce-verifier-required")
def test_a_token_request_without_the_verifier_is_refused(api, unique):
    """No code_verifier → 400 invalid_request or invalid_grant, no token."""
    login = native_code(api, mock_email(unique))
    expect_oauth_error(
        redeem(api, login, code_verifier=None), 400, "invalid_request", "invalid_grant"
    )


@case("p41.pkce-verifier-wrong")
def test_a_token_request_with_another_verifier_is_refused(api, unique):
    """A well-formed code_verifier that is not the one hashed into the challenge → 400
    invalid_grant (and the right one cannot use that code afterwards either)."""
    login = native_code(api, mock_email(unique))
    other, _challenge = pkce_pair()
    expect_oauth_error(redeem(api, login, code_verifier=other), 400, "invalid_grant")
    expect_oauth_error(redeem(api, login), 400, "invalid_grant")


@case("p41.pkce-s256-required")
@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"code_challenge": None, "code_challenge_method": None}, id="no-challenge"),
        pytest.param({"code_challenge_method": "plain"}, id="plain-method"),
    ],
)
def test_authorize_without_an_s256_challenge_issues_no_code(api, unique, changes):
    """Authorize without code_challenge, or with method plain → no code: an RFC 6749 error
    (400, or a redirect to the registered URI carrying error=invalid_request)."""
    response = native_authorize(api, mock_email(unique), **changes)
    if response.status_code == 400:
        expect_oauth_error(response, 400, "invalid_request")
        return
    target = location(response)
    assert target.split("?")[0] == PUBLIC_REDIRECT, describe(response, "the registered URI")
    found = query(target)
    assert found.get("error") == "invalid_request" and "code" not in found, describe(
        response, "error=invalid_request and no code"
    )


@case("p41.redirect-uri-exact")
@pytest.mark.parametrize(
    "change",
    [
        pytest.param("slash", id="extra-slash"),
        pytest.param("query", id="extra-query"),
        pytest.param("port", id="other-port"),
        pytest.param("host", id="other-host"),
    ],
)
@pytest.mark.parametrize("client", ["app", "public"])
def test_a_redirect_uri_not_registered_exactly_is_refused_without_redirect(
    api, unique, change, client
):
    """A redirect_uri that differs from a registered one (trailing slash, extra query, another
    port, another host) → 400 RFC 6749 error, and no redirect anywhere."""
    if client == "app":
        authorize_url = start_login(api, mock_email(unique))
        registered = query(authorize_url)["redirect_uri"]
    else:
        authorize_url, registered = None, PUBLIC_REDIRECT
    parts = urlsplit(registered)
    altered = {
        "slash": registered + "/",
        "query": registered + "?next=1",
        "port": urlunsplit(parts._replace(netloc=f"{parts.hostname}:{(parts.port or 80) + 1}")),
        "host": urlunsplit(parts._replace(netloc="attacker.example")),
    }[change]
    if authorize_url is not None:
        response = api.get(with_query(authorize_url, redirect_uri=altered))
    else:
        response = native_authorize(api, mock_email(unique), redirect_uri=altered)
    assert "location" not in response.headers, describe(response, "no redirect (no Location)")
    expect_oauth_error(response, 400, "invalid_request", "invalid_client")


@case("p41.bad-client-secret-401")
def test_a_wrong_client_secret_is_401_with_a_basic_challenge(api, unique):
    """The app's client_id with a wrong secret (HTTP Basic) at the token endpoint → 401
    {"error":"invalid_client"} with WWW-Authenticate: Basic (RFC 6749 §5.2)."""
    authorize_url = start_login(api, mock_email(unique))
    client_id = query(authorize_url)["client_id"]
    callback = authorize(api, authorize_url)
    response = api.post(
        PROVIDER + "/token",
        data={
            "grant_type": "authorization_code",
            "code": query(callback)["code"],
            "redirect_uri": query(authorize_url)["redirect_uri"],
            "code_verifier": pkce_pair()[0],
        },
        auth=(client_id, "not-the-secret-" + secrets.token_hex(8)),
    )
    expect_oauth_error(response, 401, "invalid_client")
    challenge = response.headers.get("www-authenticate", "")
    assert challenge.split(" ")[0].lower() == "basic", describe(response, "WWW-Authenticate: Basic")


# ---------------------------------------------------------------- the login flow


@case("p41.login-redirect")
def test_login_redirects_to_the_provider_with_state_nonce_and_s256(api, discovery, unique):
    """GET /p41/login → 302 to the discovery's authorization_endpoint with response_type=code,
    client_id, redirect_uri, state, nonce, code_challenge and code_challenge_method=S256."""
    response = fetch(api, "/p41/login", params={"login_hint": mock_email(unique)})
    target = location(response)
    assert target.split("?")[0] == discovery["authorization_endpoint"], describe(
        response, f"to {discovery['authorization_endpoint']}"
    )
    params = query(target)
    for name in ("client_id", "redirect_uri", "state", "nonce", "code_challenge"):
        assert params.get(name), describe(response, f"a {name} parameter")
    assert params.get("response_type") == "code", describe(response, "response_type=code")
    assert params.get("code_challenge_method") == "S256", describe(response, "S256")
    second = query(start_login(api, mock_email(unique)))
    assert second["state"] != params["state"] and second["nonce"] != params["nonce"], (
        "every login gets a fresh state and nonce"
    )


@case("p41.first-login-creates-user")
def test_the_first_login_creates_the_user_and_its_tokens_work(api, unique):
    """A new email's login → 200 created=true, user.email is it, and the access token
    answers GET /p26/me as that user."""
    email = mock_email(unique)
    body = logged_in(login_through_provider(api, email))
    assert body["created"] is True, f"created true: {body}"
    assert body["user"].get("email") == email, f"user.email {email!r}: {body['user']}"
    me = expect_json(api.get("/p26/me", headers=bearer(body["access_token"])), 200)
    assert me.get("id") == body["user"]["id"], f"/p26/me is the same user: {me}"


@case("p41.second-login-same-user")
def test_the_same_email_again_is_the_same_user(api, browser, unique):
    """The same email again (another browser) → created=false and the same user id."""
    email = mock_email(unique)
    first = logged_in(login_through_provider(api, email))
    again = logged_in(login_through_provider(browser, email))
    assert again["created"] is False, f"created false the second time: {again}"
    assert again["user"]["id"] == first["user"]["id"], f"same user: {first['user']} {again}"


@case("p41.links-password-user")
def test_an_existing_password_user_is_linked_by_verified_email(api, make_user):
    """A user signed up with a password, then logged in through the provider with that email
    (the provider vouches for it) → created=false, that user's id; the password still works."""
    account = make_user()
    body = logged_in(login_through_provider(api, account.email))
    assert body["created"] is False, f"created false (linked): {body}"
    assert body["user"]["id"] == account.id, f"the signed-up user {account.id}: {body['user']}"
    token = api.post("/p24/token", json={"email": account.email, "password": account.password})
    expect_json(token, 200)


@case("p41.oauth-user-has-no-password")
def test_a_user_created_by_oauth_cannot_log_in_with_any_password(api, unique):
    """An account created through the provider → POST /p24/token with any password is the
    same 401 invalid-credentials as a wrong password (no usable password, nothing leaked)."""
    email = mock_email(unique)
    logged_in(login_through_provider(api, email))
    for password in ("x", "password", "!" + secrets.token_hex(8)):
        response = api.post("/p24/token", json={"email": email, "password": password})
        expect_problem(response, 401, "invalid-credentials")


@case("p41.state-missing-400")
def test_a_callback_without_state_is_400(api, unique):
    """The callback with its state removed → 400 problem oauth-state-invalid."""
    callback = authorize(api, start_login(api, mock_email(unique)))
    expect_problem(fetch(api, with_query(callback, state=None)), 400, STATE_SLUG)


@case("p41.state-wrong-400")
def test_a_callback_with_another_state_is_400(api, browser, unique):
    """The callback with a state this browser was not given (made up, or another browser's)
    → 400 problem oauth-state-invalid."""
    callback = authorize(api, start_login(api, mock_email(unique)))
    made_up = with_query(callback, state=secrets.token_urlsafe(20))
    expect_problem(fetch(api, made_up), 400, STATE_SLUG)
    expect_problem(fetch(browser, callback), 400, STATE_SLUG)


@case("p41.callback-replay-400")
def test_a_callback_used_twice_is_400(api, unique):
    """The same callback URL twice → 200, then 400 (the state is spent)."""
    callback = authorize(api, start_login(api, mock_email(unique)))
    logged_in(fetch(api, callback))
    response = fetch(api, callback)
    assert response.status_code == 400, describe(response, "400 for a replayed callback")
    expect_problem(response, 400, STATE_SLUG)


@case("p41.code-reuse-400")
def test_a_used_code_with_a_fresh_state_is_400(api, unique):
    """A used code brought back with a new, valid state → 400 oauth-login-failed (the
    provider refuses the code; nobody is logged in)."""
    email = mock_email(unique)
    used = authorize(api, start_login(api, email))
    logged_in(fetch(api, used))
    fresh_state = query(start_login(api, email))["state"]
    response = fetch(api, with_query(used, state=fresh_state))
    expect_problem(response, 400, FAILED_SLUG)


@case("p41.nonce-mismatch-refused")
def test_an_id_token_with_another_nonce_is_refused(api, unique):
    """The authorize request's nonce swapped for another one (so the provider signs an id
    token with a nonce the login never sent) → the callback answers 400 oauth-login-failed."""
    authorize_url = start_login(api, mock_email(unique))
    swapped = with_query(authorize_url, nonce=secrets.token_urlsafe(16))
    callback = authorize(api, swapped)
    expect_problem(fetch(api, callback), 400, FAILED_SLUG)


@case("p41.provider-error-400")
def test_a_provider_error_at_the_callback_is_400(api, unique):
    """The provider's error redirect (error=access_denied with the right state) → 400
    oauth-login-failed."""
    callback = authorize(api, start_login(api, mock_email(unique)))
    denied = with_query(callback, code=None, error="access_denied")
    expect_problem(fetch(api, denied), 400, FAILED_SLUG)


@case("p41.browser-handoff")
def test_the_browser_flow_ends_on_return_to_without_tokens_in_the_url(api, unique):
    """/p41/login?return_to=/#/p41 → … → the callback redirects to exactly that path with no
    token in the URL; POST /p41/handoff then answers the pair once (again → 404)."""
    email = mock_email(unique)
    callback = authorize(api, start_login(api, email, return_to="/#/p41"))
    response = fetch(api, callback)
    target = location(response)
    assert urlsplit(target).path == "/" and urlsplit(target).fragment == "/p41", describe(
        response, "a redirect to /#/p41"
    )
    assert "token" not in target.lower(), describe(response, "no token in the URL")
    body = logged_in(api.post("/p41/handoff"))
    assert body["created"] is True and body["user"]["email"] == email, body
    expect_json(api.get("/p26/me", headers=bearer(body["access_token"])), 200)
    expect_problem(api.post("/p41/handoff"), 404, "not-found")


@case("p41.return-to-same-origin")
@pytest.mark.parametrize(
    "value",
    ["https://attacker.example/", "//attacker.example/x", "/\\attacker.example", "javascript:x"],
)
def test_return_to_elsewhere_is_422(api, value):
    """return_to that is not a path on this site → 422 naming return_to (no open redirect)."""
    response = fetch(api, "/p41/login", params={"return_to": value})
    body = expect_problem(response, 422, "validation-error")
    assert "return_to" in (body.get("errors") or {}), describe(response, "errors.return_to")


@case("p41.concurrent-first-logins")
def test_concurrent_first_logins_of_one_email_create_one_user(target, unique):
    """20 complete logins of one new email, their callbacks released at once (20 browsers)
    → all 200, exactly one created=true, one user id."""
    email = mock_email(unique)
    ready = threading.Barrier(CONCURRENT_LOGINS)

    def one_login(_n: int) -> httpx.Response:
        with make_client(target.base_url, timeout=httpx.Timeout(60.0)) as client:
            authorize_url = start_login(client, email)
            callback = authorize(client, authorize_url)
            ready.wait()
            response = fetch(client, callback)
            response.read()
            return response

    with ThreadPoolExecutor(max_workers=CONCURRENT_LOGINS) as pool:
        responses = list(pool.map(one_login, range(CONCURRENT_LOGINS)))
    statuses = Counter(response.status_code for response in responses)
    assert statuses == {200: CONCURRENT_LOGINS}, f"all {CONCURRENT_LOGINS} logins 200: {statuses}"
    bodies = [logged_in(response) for response in responses]
    created = sum(1 for body in bodies if body["created"] is True)
    ids = {body["user"]["id"] for body in bodies}
    assert created == 1, f"exactly one created=true, got {created}"
    assert len(ids) == 1, f"one user id, got {sorted(ids)}"
