"""What this running build is: version, git commit, build time, Python (p47, p50).

The image bakes GIT_SHA and BUILD_TIME in as environment variables (docker/Dockerfile's build
arguments); a checkout without them asks git once. Read once per process, never per request.
"""

from __future__ import annotations

import os
import platform
import subprocess
from functools import cache
from pathlib import Path

from flask import current_app

REPO = Path(__file__).resolve().parents[2]


@cache
def _git_sha() -> str:
    """The commit of this checkout, or "unknown" (no git, not a checkout, or an image)."""
    try:
        found = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607 - git from PATH, a fixed argument list
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    sha = found.stdout.strip()
    return sha if found.returncode == 0 and len(sha) == 40 else "unknown"


def build_info() -> dict[str, str]:
    """version, git_sha, build_time and python_version of the running app."""
    sha = os.environ.get("GIT_SHA", "").strip()
    return {
        "version": str(current_app.config["API_VERSION"]),
        "git_sha": sha if sha and sha != "unknown" else _git_sha(),
        "build_time": os.environ.get("BUILD_TIME", "").strip() or "unknown",
        "python_version": platform.python_version(),
    }
