"""p35 background-task (CATALOG Level 4): POST /p35/jobs, GET /p35/jobs/{id}.

Choices where the catalog is silent (also in the Flask track's p35 NOTES.md):
- Payloads by kind: `wordcount` `{"text": str}` → result `{"words": int}` (whitespace-separated
  words); `sleep` `{"seconds": number 0-10}` → succeeds after that long; `fail`
  `{"message"?: str}` → status `failed` with a non-empty `error`. A payload field the kind
  does not know, or a wrong type, → 422 naming `payload.<field>`.
- A job is `{"id","kind","status","result","error","attempts",…}`: `attempts` is how many
  times a worker started it (1 for a job that ran once); `result` and `error` are null until
  there is one.
- The POST answers 202 with the job (status `queued`) and `Location` of its status URL.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin

import pytest

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_problem,
    expect_validation_error,
    header_value,
)
from contracts.harness.http import make_client
from contracts.harness.ids import MAX_ID, NON_INTEGER_IDS
from contracts.level3.auth_helpers import expect_token_problem, get_token
from contracts.level4.polling import poll_json, statuses

STATUSES = {"queued", "running", "succeeded", "failed"}
FINISHED = {"succeeded", "failed"}


def submit(api, account, kind, payload):
    """POST /p35/jobs that must be accepted; (body, absolute status URL)."""
    response = api.post(
        "/p35/jobs", headers=account.headers, json={"kind": kind, "payload": payload}
    )
    body = expect_json(response, 202)
    location = header_value(response, "location")
    assert location, describe(response, "a Location header")
    return body, urljoin(str(response.request.url), location)


def finished(api, account, url):
    """Poll the job until it succeeded or failed."""
    return poll_json(api, url, account.headers, lambda job: job.get("status") in FINISHED)


@case("p35.job-accepted-202")
def test_a_job_is_accepted_with_202_and_location(api, user):
    """POST /p35/jobs → 202 {"id": int, "status": "queued"} + Location; GET Location → 200
    with that id."""
    body, url = submit(api, user, "wordcount", {"text": "one two"})
    assert isinstance(body.get("id"), int), f"202 body needs an integer id: {body}"
    assert body.get("status") == "queued", f"a just-accepted job is queued: {body}"
    job = expect_json(api.get(url, headers=user.headers), 200)
    assert job.get("id") == body["id"], f"Location names another job: {job}"
    assert job.get("status") in STATUSES, f"status one of {sorted(STATUSES)}: {job}"


@case("p35.wordcount-succeeds")
def test_a_wordcount_job_succeeds_with_its_result(api, user):
    """A wordcount job → succeeded, result {"words": 4}, error null, attempts 1."""
    _body, url = submit(api, user, "wordcount", {"text": "the quick  brown\nfox"})
    job = finished(api, user, url)
    assert job.get("status") == "succeeded", f"expected succeeded: {job}"
    assert job.get("result") == {"words": 4}, f'expected result {{"words": 4}}: {job}'
    assert job.get("error") is None, f"no error on success: {job}"
    assert job.get("attempts") == 1, f"started once: {job}"


@case("p35.sleep-job-succeeds")
def test_a_sleep_job_succeeds_after_sleeping(api, user):
    """A sleep job of 0.5 s → succeeded (queued or running until then)."""
    _body, url = submit(api, user, "sleep", {"seconds": 0.5})
    job = finished(api, user, url)
    assert job.get("status") == "succeeded", f"expected succeeded: {job}"


@case("p35.fail-job-fails")
def test_a_fail_job_ends_failed_with_an_error(api, user):
    """A fail job → failed, a non-empty error string, result null."""
    _body, url = submit(api, user, "fail", {"message": "as asked"})
    job = finished(api, user, url)
    assert job.get("status") == "failed", f"expected failed: {job}"
    assert isinstance(job.get("error"), str) and job["error"], f"an error text: {job}"
    assert job.get("result") is None, f"no result on failure: {job}"


@case("p35.without-token-401")
def test_jobs_need_a_token(api, user):
    """POST /p35/jobs and GET /p35/jobs/{id} without a token → 401 token-missing."""
    expect_token_problem(
        api.post("/p35/jobs", json={"kind": "fail", "payload": {}}), "token-missing"
    )
    _body, url = submit(api, user, "fail", {})
    expect_token_problem(api.get(url), "token-missing")


@case("p35.other-user-404")
def test_another_users_job_is_404_but_an_admin_sees_it(api, user, make_user, admin):
    """Someone else's job → 404 not-found (not 403); an admin → 200."""
    _body, url = submit(api, user, "wordcount", {"text": "mine"})
    other = make_user()
    other.access_token = get_token(api, other.email, other.password)
    expect_problem(api.get(url, headers=other.headers), 404, "not-found")
    expect_json(api.get(url, headers=admin.headers), 200)


@case("p35.unknown-job-404")
def test_an_unknown_job_is_404(api, user):
    """GET /p35/jobs/{an id nobody has} → 404 not-found."""
    expect_problem(api.get(f"/p35/jobs/{MAX_ID}", headers=user.headers), 404, "not-found")


@case("p35.non-integer-id-404")
@pytest.mark.parametrize("job_id", NON_INTEGER_IDS)
def test_a_non_integer_job_id_is_404(api, user, job_id):
    """Path ids that are not plain 64-bit integers → 404 not-found (§0)."""
    expect_problem(api.get(f"/p35/jobs/{job_id}", headers=user.headers), 404, "not-found")


@case("p35.bad-kind-422")
@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"kind": "delete-everything", "payload": {}}, id="unknown-kind"),
        pytest.param({"kind": "WORDCOUNT", "payload": {"text": "x"}}, id="case-sensitive"),
        pytest.param({"kind": 1, "payload": {}}, id="not-a-string"),
        pytest.param({"kind": None, "payload": {}}, id="null"),
        pytest.param({"payload": {}}, id="missing"),
    ],
)
def test_a_bad_kind_is_422(api, user, body):
    """kind other than wordcount|sleep|fail (case-sensitive), null or missing → 422 naming it."""
    expect_validation_error(api.post("/p35/jobs", headers=user.headers, json=body), "kind")


@case("p35.bad-payload-422")
@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param({"kind": "wordcount"}, "payload", id="missing"),
        pytest.param({"kind": "wordcount", "payload": "text"}, "payload", id="not-an-object"),
        pytest.param({"kind": "wordcount", "payload": None}, "payload", id="null"),
        pytest.param({"kind": "wordcount", "payload": {}}, "payload.text", id="wordcount-no-text"),
        pytest.param(
            {"kind": "wordcount", "payload": {"text": 5}}, "payload.text", id="text-not-string"
        ),
        pytest.param(
            {"kind": "wordcount", "payload": {"text": "a\u0000b"}}, "payload.text", id="text-nul"
        ),
        pytest.param(
            {"kind": "sleep", "payload": {"seconds": 11}}, "payload.seconds", id="sleep-too-long"
        ),
        pytest.param(
            {"kind": "sleep", "payload": {"seconds": -1}}, "payload.seconds", id="sleep-negative"
        ),
        pytest.param(
            {"kind": "sleep", "payload": {"seconds": "1"}}, "payload.seconds", id="sleep-string"
        ),
        pytest.param(
            {"kind": "sleep", "payload": {"seconds": True}}, "payload.seconds", id="sleep-bool"
        ),
        pytest.param(
            {"kind": "fail", "payload": {"reason": "x"}}, "payload.reason", id="unknown-field"
        ),
    ],
)
def test_a_payload_that_does_not_fit_its_kind_is_422(api, user, body, field):
    """A missing, non-object or null payload, or one whose fields do not fit the kind → 422
    naming `payload` or `payload.<field>`."""
    expect_validation_error(api.post("/p35/jobs", headers=user.headers, json=body), field)


@case("p35.unknown-field-422")
def test_an_unknown_top_level_field_is_422(api, user):
    """{"kind","payload","priority"} → 422 naming priority (no mass assignment)."""
    body = {"kind": "fail", "payload": {}, "priority": 10}
    expect_validation_error(api.post("/p35/jobs", headers=user.headers, json=body), "priority")


@case("p35.concurrent-jobs-each-run-once")
def test_concurrent_jobs_are_each_accepted_and_run_once(target, api, user):
    """20 jobs submitted at once → 20 x 202 with 20 distinct ids; every one succeeds with its
    own result, started exactly once (attempts 1), with several workers too."""
    texts = [" ".join(["w"] * (n + 1)) for n in range(20)]

    def post(text):
        return client.post(
            "/p35/jobs", headers=user.headers, json={"kind": "wordcount", "payload": {"text": text}}
        )

    with make_client(target.base_url, timeout=60) as client, ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(post, texts))
    assert statuses(responses) == [202] * 20, describe(responses[0], "20 x 202")
    ids = [r.json()["id"] for r in responses]
    assert len(set(ids)) == 20, f"20 distinct job ids, got {ids}"
    for n, job_id in enumerate(ids):
        job = finished(api, user, f"/p35/jobs/{job_id}")
        assert job.get("status") == "succeeded", f"job {job_id}: {job}"
        assert job.get("result") == {"words": n + 1}, f"job {job_id} has another's result: {job}"
        assert job.get("attempts") == 1, f"job {job_id} ran more than once: {job}"
