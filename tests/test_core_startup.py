"""A web worker's start: no migrations, job queue or p41's Authlib on its path, no full GC."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import sys, flask_track; app = flask_track.create_app({'TESTING': True}); "
    "app.test_client().get('/p02/quotes'); "
    "print('IMPORTED:' + ','.join("
    "m for m in ('alembic', 'flask_migrate', 'huey', 'redis', 'authlib', 'joserfc', 'requests') "
    "if m in sys.modules))"
)


def run_probe(tmp_path: Path, probe: str, prefix: str) -> tuple[list[str], str]:
    """Run `probe` in a fresh interpreter (testing app, fresh SQLite, no REDIS_URL).

    Its output lines starting with `prefix`, and the whole output's tail for a failure.
    """
    env = {
        **os.environ,
        "APP_ENV": "testing",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'startup.sqlite3'}",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(prefix)]
    return lines, done.stdout[-800:]


def test_create_app_and_a_request_import_no_alembic_huey_redis_or_authlib(tmp_path: Path) -> None:
    """Alembic, huey, redis (without REDIS_URL) and p41's Authlib stack load on first use."""
    imported, output = run_probe(tmp_path, PROBE, "IMPORTED:")
    assert imported == ["IMPORTED:"], output


P41_PROBE = (
    "import sys, flask_track; app = flask_track.create_app({'TESTING': True}); "
    "c = app.test_client(); before = 'authlib' in sys.modules; "
    "r = c.get('/p41/provider/.well-known/openid-configuration'); "
    "print('P41:', before, 'authlib' in sys.modules, r.status_code, r.get_json()['issuer'])"
)


def test_p41s_first_request_loads_authlib_and_is_answered(tmp_path: Path) -> None:
    """Loaded lazily, p41 still answers its first request (its server is made on first use)."""
    found, output = run_probe(tmp_path, P41_PROBE, "P41:")
    assert found == ["P41: False True 200 http://localhost/p41/provider"], output


def test_flask_db_still_lists_flask_migrates_commands(tmp_path: Path) -> None:
    """`flask db --help` shows Flask-Migrate's group: its options and upgrade/downgrade."""
    env = {
        **os.environ,
        "APP_ENV": "testing",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "FLASK_APP": "flask_track:create_app()",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-m", "flask", "db", "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    for expected in ("--directory", "upgrade", "downgrade", "current"):
        assert expected in done.stdout, done.stdout


def gc_probe(enabled: bool) -> str:
    """Import the package and build the app with the collector on or off beforehand."""
    return (
        f"import gc; gc.enable() if {enabled} else gc.disable(); "
        "import flask_track; after_import = gc.isenabled(); "
        "flask_track.create_app({'TESTING': True}); "
        "print('GC:', after_import, gc.isenabled(), gc.get_stats()[2]['collections'])"
    )


def test_startup_runs_no_full_collection_and_leaves_the_collector_as_it_was(
    tmp_path: Path,
) -> None:
    """The collector is paused while the package and the app are built, then as it was."""
    on, output = run_probe(tmp_path, gc_probe(True), "GC:")
    assert on == ["GC: True True 0"], output  # on again, and no full collection on the way
    off, output = run_probe(tmp_path, gc_probe(False), "GC:")
    assert off == ["GC: False False 0"], output  # a caller's choice to keep it off is kept
