#!/usr/bin/env bash
# Quick start, part 2: run everything — lint, unit, contracts on SQLite (and on PostgreSQL with
# Redis when they answer), the React clients in a real browser, the OpenAPI fuzzer and the fault run.
#   ./test.sh                  all of it
#   ./test.sh unit contracts   only these tox environments
# With CI=true nothing may be skipped: a missing Chromium, PostgreSQL or Redis is an error.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

need_python
ensure_venv
ci=${CI:-false}
skipped=()

if [ $# -gt 0 ]; then
    envs=("$@")
else
    envs=(lint unit contracts selftest compare)
    if have_node; then
        envs+=(clients)
    elif [ "$ci" = true ]; then
        die "CI=true: Node.js >= 20 is required for the clients environment."
    else
        skipped+=("clients (Vitest, build, browser e2e): Node.js >= 20 not found")
    fi
    envs+=(fuzz faults)
    # The fault run owns its services: it needs the binaries, not running servers.
    if ! command -v redis-server >/dev/null ||
        ! { command -v initdb >/dev/null || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }; then
        [ "$ci" = true ] && die "CI=true: the faults env needs redis-server and initdb (PostgreSQL)."
        skipped+=("faults (break PostgreSQL/Redis/SMTP/a worker, nothing lost): redis-server or initdb not found")
    fi
    if port_open 127.0.0.1 5432 && port_open 127.0.0.1 6379; then
        envs+=(contracts-pg docker-smoke)
    elif [ "$ci" = true ]; then
        die "CI=true: PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) must answer."
    else
        skipped+=("contracts-pg (whole suite on PostgreSQL + Redis, 2 workers): PostgreSQL or Redis does not answer on 127.0.0.1")
        skipped+=("docker-smoke (the image's server as docker/compose.yaml declares it, -m smoke): needs PostgreSQL and Redis")
        port_open 127.0.0.1 5432 ||
            skipped+=("unit tests on PostgreSQL (migrations on a blank database, p13 concurrency): see SKIPPED lines of the unit env")
    fi
fi

if [[ " ${envs[*]} " == *" clients "* ]]; then
    if ensure_chromium; then
        export CHROMIUM_PATH="$(chromium_path)"
    elif [ "$ci" = true ]; then
        die "CI=true: Chromium is required for the browser e2e tests (apt-get install -y chromium)."
    else
        export E2E_SKIP="no Chromium found (install it: apt-get install -y chromium)"
        skipped+=("browser e2e: $E2E_SKIP")
    fi
fi

if [[ " ${envs[*]} " == *" compare "* ]] && ! ensure_wrk; then
    if [ "$ci" = true ]; then
        die "CI=true: wrk is required for the compare environment (apt-get install -y wrk)."
    fi
    skipped+=("compare speed check: wrk not found (install it: apt-get install -y wrk)")
fi

say "tox run -e $(IFS=,; echo "${envs[*]}")"
started=$SECONDS
status=0
.venv/bin/tox run -e "$(IFS=,; echo "${envs[*]}")" || status=$?

echo
say "finished in $((SECONDS - started)) s: tox environments ${envs[*]}"
for report in reports/contracts-*.md; do
    [ -f "$report" ] && say "conformance report: $report"
done
if [ ${#skipped[@]} -gt 0 ]; then
    warn "SKIPPED (not run on this machine):"
    for item in "${skipped[@]}"; do warn "  - $item"; done
fi
exit $status
