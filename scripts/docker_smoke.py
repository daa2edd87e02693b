"""Run the image's server as docker/compose.yaml declares it, without Docker, and smoke-test it.

    python scripts/pg_fresh.py -- python scripts/docker_smoke.py

There is no Docker engine on these machines, so this runs what the image would run: the
`command` and `environment` of compose's `api`, `worker` and `mail` services, on top of the
Dockerfile's runtime ENV, all parsed from the two files (nothing here repeats them). Only
what must differ outside a container is rewritten, and printed: service host names become
127.0.0.1 (PostgreSQL: the fresh database pg_fresh.py made, FRESH_DATABASE_URL; Redis: a
database of its own; SMTP: the mail service's own command on a free port), the ports become
free ones, /app becomes this checkout and /data a temporary folder, and the `${VAR:?}` secrets
compose asks for get random values. Then `pytest contracts -m smoke --base-url` must pass.
Exit status: pytest's, or 2 when a service does not start.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "docker" / "Dockerfile"
COMPOSE = ROOT / "docker" / "compose.yaml"
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/6")
VARIABLE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)(?::?([-?])([^}]*))?\}|\$([A-Z_][A-Z0-9_]*)")


def say(text: str) -> None:
    print(f"[docker-smoke] {text}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def substitute(value: str, variables: dict[str, str]) -> str:
    """Compose/Dockerfile variable syntax: $X, ${X}, ${X:-default}, ${X:?error}."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(4)
        if name in variables:
            return variables[name]
        if match.group(2) == "-":
            return match.group(3)
        if match.group(2) == "?":
            raise SystemExit(f"{name} must be set: {match.group(3)}")
        return ""

    return VARIABLE.sub(replace, value)


def dockerfile_runtime() -> tuple[dict[str, str], list[str]]:
    """The last stage's ENV (its ARG defaults substituted) and its CMD."""
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    stage = text.split("\nFROM ")[-1]
    args: dict[str, str] = {}
    env: dict[str, str] = {}
    command: list[str] = []
    for line in stage.splitlines():
        word, _, rest = line.strip().partition(" ")
        if word == "ARG":
            name, _, default = rest.partition("=")
            args[name.strip()] = default.strip()
        elif word == "ENV":
            for pair in shlex.split(rest):
                name, _, value = pair.partition("=")
                # $PATH in ENV PATH=/opt/venv/bin:$PATH is the base image's: here, ours.
                env[name] = substitute(value, {**args, **env, "PATH": os.environ["PATH"]})
        elif word == "CMD":
            command = json.loads(rest)
    return env, command


def compose_services(variables: dict[str, str]) -> dict[str, dict[str, Any]]:
    """compose.yaml's services, anchors merged and ${…} substituted."""
    services: dict[str, dict[str, Any]] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))[
        "services"
    ]
    for service in services.values():
        service["environment"] = {
            key: substitute(str(value), variables)
            for key, value in (service.get("environment") or {}).items()
        }
        service["command"] = [
            substitute(str(part), variables) for part in service.get("command", [])
        ]
    return services


def host_paths(value: str, data: Path) -> str:
    """Container paths → this machine: /app is the checkout, /data a temporary folder, and the
    image's /opt/venv the environment running this script (it has the project installed)."""
    return (
        value.replace("/opt/venv", sys.prefix)
        .replace("/app", str(ROOT))
        .replace("/data", str(data))
    )


def with_option(command: list[str], option: str, value: object) -> list[str]:
    """`command` with the value after `option` replaced (the mail catcher's host and port)."""
    at = command.index(option)
    return [*command[: at + 1], str(value), *command[at + 2 :]]


def start(name: str, command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    say(f"{name}: {shlex.join(command)}  (log: {log})")
    handle = log.open("wb")
    return subprocess.Popen(  # noqa: S603 - the commands compose.yaml declares
        command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def wait_http(url: str, seconds: float, process: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return False


def main() -> int:
    fresh = os.environ.get("FRESH_DATABASE_URL")
    if not fresh:
        raise SystemExit("run me under scripts/pg_fresh.py (FRESH_DATABASE_URL is not set)")
    secrets_env = {
        name: secrets.token_urlsafe(32)
        for name in ("SECRET_KEY", "JWT_SECRET_KEY", "ADMIN_PASSWORD", "DB_PASSWORD")
    }
    image_env, image_cmd = dockerfile_runtime()
    services = compose_services(secrets_env)
    api, worker, mail = services["api"], services["worker"], services["mail"]
    # The image's own command is what compose's api runs (with its extra flags).
    if api["command"][: len(image_cmd)] != image_cmd:
        raise SystemExit(f"compose api command {api['command']} does not start with {image_cmd}")

    web_port, smtp_port = free_port(), free_port()
    with tempfile.TemporaryDirectory(prefix="docker-smoke-") as folder:
        data = Path(folder)
        (data / "uploads").mkdir()
        (data / "mail").mkdir()
        rewrites = {
            "DATABASE_URL": fresh,
            "REDIS_URL": REDIS_URL,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp_port),
            "HOST": "127.0.0.1",
            "PORT": str(web_port),
        }
        say("rewritten for a machine without containers: " + ", ".join(sorted(rewrites)))

        def environment(service: dict[str, Any]) -> dict[str, str]:
            declared = {**image_env, **service["environment"]}
            env = {key: host_paths(value, data) for key, value in declared.items()}
            env.update({key: value for key, value in rewrites.items() if key in env})
            return {"HOME": os.environ.get("HOME", str(data)), **env}

        mail_cmd = with_option(
            with_option([host_paths(part, data) for part in mail["command"]], "--port", smtp_port),
            "--host",
            "127.0.0.1",
        )
        processes = [
            start("mail", mail_cmd, environment(mail), data / "mail.log"),
            start("api", api["command"], environment(api), data / "api.log"),
        ]
        try:
            base = f"http://127.0.0.1:{web_port}"
            if not wait_http(f"{base}/ready", 90, processes[1]):
                say("the api did not become ready; its log:")
                print((data / "api.log").read_text(errors="replace")[-4000:])
                return 2
            processes.append(
                start("worker", worker["command"], environment(worker), data / "w.log")
            )
            env = environment(api)
            command = [
                sys.executable, "-m", "pytest", str(ROOT / "contracts"), "-m", "smoke", "-p",
                # --opt=value: a random secret may start with "-" and must not read as an option.
                "no:cacheprovider", "--base-url", base, f"--admin-email={env['ADMIN_EMAIL']}",
                f"--admin-password={env['ADMIN_PASSWORD']}",
            ]  # fmt: skip
            say(f"{shlex.join(command[:6])} --base-url {base} …")
            started = time.monotonic()
            status = subprocess.run(command, cwd=ROOT, check=False).returncode  # noqa: S603
            say(f"smoke run: exit {status} in {time.monotonic() - started:.1f} s")
            if processes[2].poll() is not None:
                say("the worker exited early; its log:")
                print((data / "w.log").read_text(errors="replace")[-4000:])
                return 2
            return status
        finally:
            for process in reversed(processes):
                stop(process)


if __name__ == "__main__":
    sys.exit(main())
