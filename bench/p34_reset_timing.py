"""p34: does POST /p34/password-reset take as long for an unknown email as for a real one?

    python -m bench.p34_reset_timing [--rounds 200]

Runs in-process (Flask test client, a temporary SQLite file and its Huey file; no worker, so
the queue only grows). Requests for a real account's email and for unknown ones alternate;
prints the median and p95 of each and their ratio. The design makes the two paths the same
work (one enqueue, no lookup), so the ratio should be ~1.0; the unit test checks the work
itself (no `users` query), this prints what it costs.
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
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="p34-timing-"))
    os.environ.setdefault("APP_ENV", "testing")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"

    import logging

    import flask_migrate

    from flask_track import create_app

    app = create_app()
    logging.getLogger("flask_track").setLevel(logging.WARNING)
    with app.app_context():
        flask_migrate.upgrade()
    client = app.test_client()
    known = {"email": "bench@example.com", "password": "correct horse battery staple"}
    assert client.post("/p22/signup", json=known).status_code == 201

    times: dict[str, list[float]] = {"known": [], "unknown": []}
    for n in range(args.rounds * 2 + 20):
        kind = "known" if n % 2 else "unknown"
        email = known["email"] if kind == "known" else f"nobody-{n}@example.com"
        started = time.perf_counter()
        response = client.post("/p34/password-reset", json={"email": email})
        elapsed = time.perf_counter() - started
        assert response.status_code == 202
        if n >= 20:  # warm-up excluded
            times[kind].append(elapsed * 1000)

    print(f"POST /p34/password-reset, {args.rounds} rounds each (ms)")
    for kind, values in times.items():
        p95 = statistics.quantiles(values, n=20)[-1]
        print(f"  {kind:8} median {statistics.median(values):7.3f}   p95 {p95:7.3f}")
    ratio = statistics.median(times["known"]) / statistics.median(times["unknown"])
    print(f"  median ratio known/unknown: {ratio:.3f}")


if __name__ == "__main__":
    main()
