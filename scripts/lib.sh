# Shared by run.sh, test.sh and .ci/run: find Python and Node, build the venv and the client.
say()  { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[33m==> %s\033[0m\n' "$*" >&2; }
die()  { printf '\033[31m==> %s\033[0m\n' "$*" >&2; exit 1; }

PYTHON=""
need_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            PYTHON=$(command -v "$candidate")
            return
        fi
    done
    die "Python >= 3.11 is required (python3 --version)."
}

have_node() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
        node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)'
}

# .venv with the package (editable) and the dev tools; reinstalled when pyproject.toml changes.
ensure_venv() {
    # tox may leave a `.venv` *file* (a pointer to its last env) where our venv belongs.
    [ -f .venv ] && rm -f .venv
    [ -x .venv/bin/python ] || { say "creating .venv"; "$PYTHON" -m venv .venv; }
    local stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
    if [ ! -f "$stamp" ]; then
        say "installing the Python package into .venv"
        .venv/bin/python -m pip install --quiet --upgrade pip
        .venv/bin/python -m pip install --quiet -e ".[dev]" "tox>=4.20"
        rm -f .venv/.installed-* && touch "$stamp"
    fi
}

# npm ci + vite build, redone when the lock file or any client source is newer than the build.
build_clients() {
    if [ ! -d clients/node_modules ] || [ clients/package-lock.json -nt clients/node_modules ]; then
        say "installing client dependencies (npm ci)"
        (cd clients && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
    fi
    if [ ! -f clients/dist/index.html ] ||
        [ -n "$(find clients/src clients/index.html -newer clients/dist/index.html 2>/dev/null | head -1)" ]; then
        say "building the React client"
        (cd clients && npm run build --silent)
    fi
}

chromium_path() {
    for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
        [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return 0; }
    done
    return 1
}

# Debian's Chromium for the browser tests; installed when we are root with apt-get.
ensure_chromium() {
    chromium_path >/dev/null && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing Chromium (apt-get install -y chromium)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
    chromium_path >/dev/null
}

# Debian's wrk, the load generator of `python -m contracts.compare`; installed as root.
ensure_wrk() {
    command -v wrk >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing wrk (apt-get install -y wrk)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    fi
    command -v wrk >/dev/null 2>&1
}

port_open() {  # port_open HOST PORT
    "$PYTHON" - "$1" "$2" <<'PY'
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1).close()
except OSError:
    sys.exit(1)
PY
}
