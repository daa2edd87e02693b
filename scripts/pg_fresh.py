"""Run a command against a fresh, throw-away PostgreSQL database.

    python scripts/pg_fresh.py -- pytest contracts --serve-env 'DATABASE_URL=$FRESH_DATABASE_URL'
    python scripts/pg_fresh.py --check        # exit 0 if PostgreSQL answers, 2 if not

Creates a database with a random name, exports its URL as FRESH_DATABASE_URL
(`postgresql+psycopg://…/<name>`), runs the command given after `--`, and drops the database
at the end: after success, failure, Ctrl-C or SIGTERM. Exits with the command's exit code.

The server to use comes from PG_ADMIN_URL (default
postgresql://postgres@127.0.0.1:5432/postgres): a URL of any database on it, as a role
allowed to CREATE DATABASE. Its user, password, host and port are reused for the fresh URL.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
from types import FrameType
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
NAME_PREFIX = "flask_track_fresh_"
CONNECT_TIMEOUT_S = 5
EXIT_NO_POSTGRES = 2


class Terminated(Exception):
    """SIGTERM arrived: unwind through `finally` so the database is dropped."""


def admin_url() -> str:
    return os.environ.get("PG_ADMIN_URL", DEFAULT_ADMIN_URL)


def libpq_url(url: str) -> str:
    """psycopg speaks libpq URLs: drop a SQLAlchemy `+driver` suffix from the scheme."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql"))


def with_database(url: str, name: str, scheme: str) -> str:
    """The same server and credentials, another database name and scheme."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme=scheme, path=f"/{name}"))


def safe(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def connect(url: str) -> psycopg.Connection:
    """An autocommit connection (CREATE/DROP DATABASE cannot run inside a transaction)."""
    return psycopg.connect(libpq_url(url), autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)


def check(url: str) -> str | None:
    """None if PostgreSQL answers at `url`, else a one-line reason."""
    try:
        with connect(url) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"PostgreSQL does not answer at {safe(url)}: {reason}"
    return None


def create_database(url: str) -> str:
    name = NAME_PREFIX + secrets.token_hex(6)
    with connect(url) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


def drop_database(url: str, name: str) -> None:
    """Drop it even if a server still holds connections (WITH FORCE: PostgreSQL >= 13)."""
    with connect(url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _raise_terminated(signum: int, _frame: FrameType | None) -> None:
    raise Terminated(signum)


def run(command: list[str], url: str) -> int:
    """Create, run, drop. The command's exit code (128+N if it died of signal N)."""
    name = create_database(url)
    fresh_url = with_database(url, name, "postgresql+psycopg")
    print(f"pg_fresh: created database {name}", file=sys.stderr, flush=True)
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    child: subprocess.Popen[bytes] | None = None
    try:
        # The command is the caller's own, run without a shell, as given after `--`.
        child = subprocess.Popen(  # noqa: S603
            command, env={**os.environ, "FRESH_DATABASE_URL": fresh_url}
        )
        code = child.wait()
        return 128 - code if code < 0 else code
    except (KeyboardInterrupt, Terminated):
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        try:
            drop_database(url, name)
            print(f"pg_fresh: dropped database {name}", file=sys.stderr, flush=True)
        except psycopg.Error as error:
            print(f"pg_fresh: could not drop {name}: {error}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    own, command = (
        (argv[: argv.index("--")], argv[argv.index("--") + 1 :])
        if "--" in argv
        else (
            argv,
            [],
        )
    )
    parser = argparse.ArgumentParser(
        prog="pg_fresh.py",
        usage="%(prog)s [--check] [-- COMMAND ...]",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--check", action="store_true", help="only test that PostgreSQL answers")
    args = parser.parse_args(own)
    url = admin_url()
    reason = check(url)
    if reason is not None:
        print(
            f"pg_fresh: {reason}\n"
            "  Start PostgreSQL, or point PG_ADMIN_URL at a server where this role may "
            "CREATE DATABASE.",
            file=sys.stderr,
        )
        return EXIT_NO_POSTGRES
    if args.check:
        print(f"pg_fresh: PostgreSQL answers at {safe(url)}", file=sys.stderr)
        return 0
    if not command:
        parser.error("give the command to run after --")
    return run(command, url)


if __name__ == "__main__":
    sys.exit(main())
