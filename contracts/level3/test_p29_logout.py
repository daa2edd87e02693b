"""p29 logout (CATALOG Level 3): POST /p29/logout, POST /p29/logout-all."""

from __future__ import annotations

from contracts.harness import case, expect_status, expect_validation_error
from contracts.level3.auth_helpers import bearer, expect_token_problem, get_pair


@case("p29.logout-revokes-access-token")
def test_logout_revokes_the_access_token(api, user_pair):
    """POST /p29/logout → 204; that access token → 401 token-revoked from then on."""
    expect_status(api.post("/p29/logout", headers=user_pair.headers), 204)
    expect_token_problem(api.get("/p26/me", headers=user_pair.headers), "token-revoked")
    expect_token_problem(api.get("/p25/verify", headers=user_pair.headers), "token-revoked")


@case("p29.logout-revokes-refresh-token")
def test_logout_with_the_refresh_token_revokes_it(api, user_pair):
    """POST /p29/logout {"refresh_token"} → 204; that refresh token → 401 at /p28/refresh."""
    body = {"refresh_token": user_pair.refresh_token}
    expect_status(api.post("/p29/logout", headers=user_pair.headers, json=body), 204)
    expect_token_problem(api.post("/p28/refresh", json=body), "token-revoked")


@case("p29.logout-other-session-survives")
def test_another_session_survives_a_logout(api, user_pair):
    """Logging out one session leaves another session of the same user working."""
    other = get_pair(api, user_pair.email, user_pair.password)
    expect_status(api.post("/p29/logout", headers=user_pair.headers), 204)
    expect_status(api.get("/p26/me", headers=bearer(other["access_token"])), 200)


@case("p29.logout-without-token-401")
def test_logout_needs_a_token(api):
    """POST /p29/logout and /p29/logout-all without a token → 401 token-missing."""
    expect_token_problem(api.post("/p29/logout"), "token-missing")
    expect_token_problem(api.post("/p29/logout-all"), "token-missing")


@case("p29.logout-all-revokes-every-token")
def test_logout_all_revokes_every_token_of_the_user(api, user_pair, user):
    """POST /p29/logout-all → 204; every access and refresh token of the user → 401;
    another user's token keeps working; a new login works."""
    second = get_pair(api, user_pair.email, user_pair.password)
    expect_status(api.post("/p29/logout-all", headers=user_pair.headers), 204)
    for token in (user_pair.access_token, second["access_token"]):
        expect_token_problem(api.get("/p26/me", headers=bearer(token)), "token-revoked")
    for token in (user_pair.refresh_token, second["refresh_token"]):
        expect_status(api.post("/p28/refresh", json={"refresh_token": token}), 401)
    expect_status(api.get("/p26/me", headers=user.headers), 200)
    fresh = get_pair(api, user_pair.email, user_pair.password)
    expect_status(api.get("/p26/me", headers=bearer(fresh["access_token"])), 200)


@case("p29.refresh-token-null-422")
def test_a_null_refresh_token_is_422(api, user_pair):
    """{"refresh_token": null} → 422 naming it: optional is not nullable (§0); nothing revoked."""
    response = api.post("/p29/logout", headers=user_pair.headers, json={"refresh_token": None})
    expect_validation_error(response, "refresh_token")
    expect_status(api.get("/p26/me", headers=user_pair.headers), 200)
