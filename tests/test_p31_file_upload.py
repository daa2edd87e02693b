"""p31: what the black-box suite cannot see: names on disk, leftovers, the default folder."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flask_track.concepts.p31_file_upload.models import StoredFile
from flask_track.concepts.p31_file_upload.storage import safe_filename
from flask_track.concepts.p31_file_upload.storage import upload_dir as upload_dir_of_this_app
from flask_track.extensions import db
from tests.test_auth_support import access_token, bearer, problem, signup

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108020000009077053e")
LIMIT = 4096


@pytest.fixture
def upload_dir(app: Flask, tmp_path: Path) -> Path:
    folder = tmp_path / "uploads"
    app.config.update(UPLOAD_DIR=str(folder), UPLOAD_MAX_BYTES=LIMIT)
    return folder


@pytest.fixture
def headers(client: FlaskClient) -> dict[str, str]:
    signup(client, "ada@example.com")
    return bearer(access_token(client, "ada@example.com"))


def post(client: FlaskClient, headers: dict[str, str], data: bytes, name: str = "a.png"):
    return client.post(
        "/p31/files",
        headers=headers,
        data={"file": (io.BytesIO(data), name, "image/png")},
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("..\\..\\windows\\win.ini", "windows_win.ini"),
        ("a\x00b.png", "ab.png"),
        ("..", "file"),
        ("", "file"),
        (None, "file"),
        (".htaccess", "htaccess"),
        ("résumé.pdf", "resume.pdf"),
        ("a...b.png", "a.b.png"),
        ("x" * 300 + ".png", "x" * 96 + ".png"),
    ],
)
def test_safe_filename(raw: str | None, expected: str) -> None:
    assert safe_filename(raw) == expected


def test_the_file_lands_under_a_generated_name_and_nothing_else(
    app: Flask, client: FlaskClient, headers: dict[str, str], upload_dir: Path
) -> None:
    data = PNG + b"\x00" * 100
    response = post(client, headers, data, name="../../evil.png")
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    with app.app_context():
        row = db.session.get(StoredFile, body["id"])
        assert row is not None
        stored_name = row.stored_name
    assert [p.name for p in upload_dir.iterdir()] == [stored_name]
    assert len(stored_name) == 32 and "evil" not in stored_name
    assert (upload_dir / stored_name).read_bytes() == data
    assert body["sha256"] == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "status", "slug"),
    [
        (PNG + b"\x00" * LIMIT, 413, "payload-too-large"),
        (b"<html><script>alert(1)</script></html>", 415, "unsupported-media-type"),
        (b"", 422, "validation-error"),
    ],
)
def test_a_refused_upload_leaves_nothing_behind(
    client: FlaskClient, headers: dict[str, str], upload_dir: Path, data: bytes, status, slug
) -> None:
    problem(post(client, headers, data), status, slug)
    assert list(upload_dir.iterdir()) == []


def test_exactly_the_limit_is_accepted(
    client: FlaskClient, headers: dict[str, str], upload_dir: Path
) -> None:
    response = post(client, headers, PNG + b"\x00" * (LIMIT - len(PNG)))
    assert response.status_code == 201 and response.get_json()["size"] == LIMIT


def test_a_failed_commit_removes_the_published_file(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    upload_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken_commit() -> None:
        raise RuntimeError("database went away")

    with app.app_context():
        monkeypatch.setattr(db.session, "commit", broken_commit)
        response = post(client, headers, PNG + b"\x00" * 10)
    assert response.status_code == 500
    assert list(upload_dir.iterdir()) == []


def test_the_default_folder_is_in_the_instance_path_not_served(app: Flask, tmp_path: Path) -> None:
    app.instance_path = str(tmp_path / "instance")
    app.config["UPLOAD_DIR"] = None
    with app.test_request_context():
        folder = upload_dir_of_this_app()
    assert folder == Path(app.instance_path) / "uploads"
    static_roots = [Path(app.config["CLIENT_DIST_DIR"]).resolve()]
    assert not any(folder.resolve().is_relative_to(root) for root in static_roots)
