"""Median time of one password hash and one login with the app's argon2id parameters.

    python -m bench.auth_timing [--rounds 20]

Runs in-process (Flask test client, a temporary SQLite file): the numbers are the cost of
argon2id plus the app's own work, without the network. p21's NOTES.md quotes them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="auth-timing-"))
    os.environ.setdefault("APP_ENV", "testing")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"

    import logging

    import flask_migrate

    from flask_track import create_app
    from flask_track.shared.passwords import hash_password

    app = create_app()
    logging.getLogger("flask_track").setLevel(logging.WARNING)  # no access log lines
    with app.app_context():
        flask_migrate.upgrade()
        config = app.config
        hash_times = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            hash_password("correct horse battery staple")
            hash_times.append(time.perf_counter() - started)

    client = app.test_client()
    credentials = {"email": "bench@example.com", "password": "correct horse battery staple"}
    assert client.post("/p22/signup", json=credentials).status_code == 201
    login_times = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        response = client.post("/p23/login", json=credentials)
        login_times.append(time.perf_counter() - started)
        assert response.status_code == 200
    unknown_times = []
    for n in range(args.rounds):
        body = {"email": f"nobody{n}@example.com", "password": "wrong password"}
        started = time.perf_counter()
        response = client.post("/p23/login", json=body)
        unknown_times.append(time.perf_counter() - started)
        assert response.status_code == 401

    print(
        f"argon2id m={config['ARGON2_MEMORY_KIB']} KiB t={config['ARGON2_TIME_COST']} "
        f"p={config['ARGON2_PARALLELISM']}, {args.rounds} rounds, {os.cpu_count()} CPUs"
    )
    print(f"hash:                     median {statistics.median(hash_times) * 1000:7.1f} ms")
    print(f"login (right password):   median {statistics.median(login_times) * 1000:7.1f} ms")
    print(f"login (unknown email):    median {statistics.median(unknown_times) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
