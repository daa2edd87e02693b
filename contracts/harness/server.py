"""`--serve "COMMAND {port}"`: start the implementation under test on a free port.

The harness owns the environment interface (CATALOG §0): a fresh SQLite file, random secrets,
admin credentials, the SMTP sink address, APP_ENV=testing. It waits for /health, keeps the
server's output in a log file, and stops the whole process group at the end.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

READY_TIMEOUT_S = 90.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tail(path: Path | None, lines: int = 40) -> str:
    """The last lines of a log file (or a note that there is none)."""
    if path is None or not path.exists():
        return "(no server log)"
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:]) or "(server log is empty)"


@dataclass
class ServedApp:
    """A server process started from a command template with `{port}` in it."""

    command: str
    workdir: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        if "{port}" not in self.command:
            raise RuntimeError(f"--serve command must contain {{port}}: {self.command!r}")
        self.port = free_port()
        self.log_path = self.workdir / "server.log"
        environ = {**os.environ, **self.env, "PORT": str(self.port)}
        log = self.log_path.open("ab")
        # A shell, so commands such as "flask db upgrade && gunicorn ..." work; a new session,
        # so stop() can end the server and every worker it forked.
        self.process = subprocess.Popen(  # noqa: S602 - the command is the user's own
            self.command.format(port=self.port),
            shell=True,
            cwd=os.getcwd(),
            env=environ,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self._wait_healthy()

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(
                    f"the server exited with {self.process.returncode} before answering "
                    f"/health.\n--- server log ---\n{tail(self.log_path)}"
                )
            try:
                response = httpx.get(f"{self.base_url}/health", timeout=2.0)
                if response.status_code == 200:
                    return
                last_error = f"/health answered {response.status_code}"
            except httpx.HTTPError as error:
                last_error = f"{type(error).__name__}: {error}"
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"the server did not answer /health within {READY_TIMEOUT_S:.0f}s ({last_error})."
            f"\n--- server log ---\n{tail(self.log_path)}"
        )

    def stop(self) -> None:
        if not self.process or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass


def serve_environment(
    workdir: Path, smtp_port: int, admin_email: str, admin_password: str, cors_origin: str
) -> dict[str, str]:
    """The environment interface the harness gives a server it starts."""
    uploads = workdir / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    return {
        "APP_ENV": "testing",
        "DATABASE_URL": f"sqlite:///{workdir / 'contracts.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "JWT_SECRET_KEY": secrets.token_urlsafe(48),
        "ADMIN_EMAIL": admin_email,
        "ADMIN_PASSWORD": admin_password,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "MAIL_FROM": "contracts@example.com",
        "UPLOAD_DIR": str(uploads),
        "CORS_ORIGINS": cors_origin,
        "TRUSTED_PROXY_HOPS": "0",
    }
