"""p32: symlinks out of the folder (the black-box suite cannot plant one), and the shipped file."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flask_track.concepts.p32_static_files.routes import STATIC_DIR
from tests.test_auth_support import problem


@pytest.fixture
def folder(app: Flask, tmp_path: Path) -> Path:
    """A static folder with a file, a link inside it and links pointing out of it."""
    root = tmp_path / "static"
    (root / "sub").mkdir(parents=True)
    (root / "inside.txt").write_text("inside\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret\n")
    (root / "link-in.txt").symlink_to(root / "inside.txt")
    (root / "link-out.txt").symlink_to(secret)
    (root / "sub" / "dir-out").symlink_to(tmp_path, target_is_directory=True)
    (root / "loop").symlink_to(root / "loop")
    app.config["P32_STATIC_DIR"] = str(root)
    return root


def test_the_shipped_folder_holds_hello_txt() -> None:
    assert (STATIC_DIR / "hello.txt").read_text().strip()


def test_a_link_inside_the_folder_is_served(client: FlaskClient, folder: Path) -> None:
    response = client.get("/p32/static/link-in.txt")
    assert response.status_code == 200 and response.data == b"inside\n"


@pytest.mark.parametrize("path", ["link-out.txt", "sub/dir-out/secret.txt", "loop", "sub"])
def test_links_out_of_the_folder_loops_and_folders_are_404(
    client: FlaskClient, folder: Path, path: str
) -> None:
    response = problem(client.get(f"/p32/static/{path}"), 404, "not-found")
    assert "secret" not in str(response)


def test_head_has_no_body(client: FlaskClient, folder: Path) -> None:
    response = client.head("/p32/static/inside.txt")
    assert response.status_code == 200 and response.data == b""
    assert response.headers["Content-Length"] == "7"
