"""The load mix of bench/load (Locust): each user signs up, logs in, then loops over refresh,
create, read, page, update with If-Match and delete, on its own notes only, so every 2xx write
has exactly one expected state afterwards. At the end each user's ledger (what the server
acknowledged) is written to LOAD_LEDGER_DIR for run.py's read-back.

Locust names each request by route (`name=`), so the stats are per route, not per id.
"""

from __future__ import annotations

import json
import os
import random
import secrets
from pathlib import Path

from locust import HttpUser, between, events, task

PASSWORD = "load-run-password-" + secrets.token_hex(4)
LEDGERS: list[dict] = []


class Client(HttpUser):
    """One person using the app: auth (Level 3) and notes (Level 2)."""

    wait_time = between(0.05, 0.2)

    def on_start(self) -> None:
        self.email = f"load-{secrets.token_hex(6)}@example.com"
        self.ledger: dict = {"live": {}, "deleted": []}
        LEDGERS.append(self.ledger)
        self.client.post(
            "/p22/signup", json={"email": self.email, "password": PASSWORD}, name="/p22/signup"
        )
        pair = self.client.post(
            "/p28/login", json={"email": self.email, "password": PASSWORD}, name="/p28/login"
        )
        self.refresh_token = pair.json().get("refresh_token") if pair.ok else None

    @task(1)
    def refresh(self) -> None:
        if not self.refresh_token:
            return
        response = self.client.post(
            "/p28/refresh", json={"refresh_token": self.refresh_token}, name="/p28/refresh"
        )
        if response.ok:
            self.refresh_token = response.json()["refresh_token"]

    @task(4)
    def create(self) -> None:
        title = f"load {secrets.token_hex(6)}"
        response = self.client.post(
            "/p13/notes", json={"title": title, "body": "load run"}, name="/p13/notes"
        )
        if response.status_code == 201:
            self.ledger["live"][str(response.json()["id"])] = title

    @task(6)
    def read(self) -> None:
        if self.ledger["live"]:
            note_id = random.choice(list(self.ledger["live"]))
            self.client.get(f"/p14/notes/{note_id}", name="/p14/notes/{id}")

    @task(3)
    def page(self) -> None:
        self.client.get(
            "/p14/notes", params={"limit": 20, "offset": random.randint(0, 200)}, name="/p14/notes"
        )

    @task(2)
    def update(self) -> None:
        if not self.ledger["live"]:
            return
        note_id = random.choice(list(self.ledger["live"]))
        current = self.client.get(f"/p14/notes/{note_id}", name="/p14/notes/{id}")
        if current.status_code != 200:
            return
        title = f"edited {secrets.token_hex(6)}"
        response = self.client.patch(
            f"/p15/notes/{note_id}",
            json={"title": title},
            headers={"If-Match": current.headers["ETag"]},
            name="/p15/notes/{id} (If-Match)",
        )
        if response.status_code == 200:
            self.ledger["live"][note_id] = title

    @task(1)
    def delete(self) -> None:
        if not self.ledger["live"]:
            return
        note_id = random.choice(list(self.ledger["live"]))
        response = self.client.delete(f"/p16/notes/{note_id}", name="/p16/notes/{id}")
        if response.status_code == 204:
            del self.ledger["live"][note_id]
            self.ledger["deleted"].append(note_id)


@events.quitting.add_listener
def write_ledgers(environment, **_kwargs) -> None:
    """Hand what the server acknowledged to run.py, which reads every write back."""
    folder = os.environ.get("LOAD_LEDGER_DIR")
    if folder:
        path = Path(folder) / f"ledger-{os.getpid()}.json"
        path.write_text(json.dumps(LEDGERS))
