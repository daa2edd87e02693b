"""Run the clients' browser e2e tests (Playwright + Debian's Chromium), or say why not.

Called by tox's `clients` environment from clients/. E2E_SKIP (set by test.sh when there is no
Chromium) skips with its reason; under CI=true a skip is an error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


def main() -> int:
    reason = os.environ.get("E2E_SKIP")
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not reason and not chromium:
        reason = "no Chromium found (install it: apt-get install -y chromium)"
    if reason:
        if os.environ.get("CI") == "true":
            print(f"browser e2e cannot run under CI=true: {reason}", file=sys.stderr)
            return 1
        print(f"SKIPPED browser e2e: {reason}")
        return 0
    env = {**os.environ, "CHROMIUM_PATH": chromium or ""}
    npm = shutil.which("npm") or "npm"
    return subprocess.call([npm, "run", "e2e"], env=env)  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
