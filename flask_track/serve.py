"""The one server command: apply migrations, then exec gunicorn with threaded workers.

`python -m flask_track.serve` is what the Docker image runs, what the contract harness starts
and what the README's run command uses: one command, tested everywhere.
gthread workers because WebSocket routes (Level 5) need a thread per connection.
"""

from __future__ import annotations

import argparse
import os
import sys


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m flask_track.serve", description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", "8")))
    parser.add_argument(
        "--no-migrate", action="store_true", help="skip `flask db upgrade` before serving"
    )
    return parser.parse_args(argv)


def migrate() -> None:
    """Bring the database to the newest revision (idempotent)."""
    import flask_migrate

    from flask_track import create_app
    from flask_track.shared.admin import ensure_admin

    app = create_app()
    with app.app_context():
        flask_migrate.upgrade()
        # Once, before gunicorn forks its workers: the admin from ADMIN_EMAIL/ADMIN_PASSWORD.
        ensure_admin(app)


def gunicorn_argv(args: argparse.Namespace) -> list[str]:
    """The gunicorn command line for these arguments."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--worker-class",
        "gthread",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--bind",
        f"{args.host}:{args.port}",
        "--graceful-timeout",
        "10",
        "--timeout",
        "60",
        "flask_track:create_app()",
    ]


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if not args.no_migrate:
        migrate()
    command = gunicorn_argv(args)
    os.execv(command[0], command)  # noqa: S606 - replace this process: signals reach gunicorn


if __name__ == "__main__":
    main()
