"""p08 white-box: a 500 is logged with its traceback and answered without it."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flask_track.concepts.p08_error_handler.errors import DomainError


def test_boom_is_logged_in_full_but_answered_without_a_leak(
    client: FlaskClient, capsys: pytest.CaptureFixture[str]
) -> None:
    response = client.get("/p08/boom", headers={"X-Request-ID": "boom-unit"})
    assert response.status_code == 500
    assert "SECRET-MARKER-p08" not in response.get_data(as_text=True)
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert len(errors) == 1
    # The operator gets everything, tied to the id the client was given.
    assert errors[0]["request_id"] == "boom-unit"
    assert "SECRET-MARKER-p08" in errors[0]["traceback"]


def test_an_unmapped_domain_error_is_a_409_conflict(app: Flask) -> None:
    class OutOfSeason(DomainError):
        """A rule nobody added to DOMAIN_PROBLEMS."""

    @app.get("/unit-out-of-season")
    def out_of_season() -> None:
        raise OutOfSeason("Strawberries are out of season.")

    response = app.test_client().get("/unit-out-of-season")
    assert response.status_code == 409
    assert response.json["type"] == "/problems/conflict"


def test_domain_problem_carries_its_facts(client: FlaskClient) -> None:
    body = client.get("/p08/domain-error").json
    assert body["type"] == "/problems/insufficient-stock"
    assert (body["sku"], body["requested"], body["available"]) == ("p08-widget", 5, 2)


@pytest.mark.parametrize("code", [402, 407, 499, 599])
def test_codes_werkzeug_has_no_class_for_still_answer(client: FlaskClient, code: int) -> None:
    response = client.get(f"/p08/http-error/{code}")
    assert response.status_code == code
    assert response.mimetype == "application/problem+json"
    assert response.json["status"] == code
