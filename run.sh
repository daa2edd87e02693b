#!/usr/bin/env bash
# Quick start, part 1: serve the API and the built React client on http://127.0.0.1:5000
# with the embedded defaults (SQLite in instance/, in-process cache, a local mail catcher).
# Installs what it needs into .venv/ and clients/node_modules/ on first use.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

need_python
ensure_venv
if have_node; then
    build_clients
else
    warn "Node.js >= 20 not found: serving the API without the React client (see README)."
fi

export APP_ENV="${APP_ENV:-development}"
mkdir -p instance
.venv/bin/python -m flask_track.core.mailcatcher --port "${SMTP_PORT:-1025}" --folder instance/mail &
catcher=$!
trap 'kill $catcher 2>/dev/null || true' EXIT INT TERM

say "API docs: http://127.0.0.1:${PORT:-5000}/docs   client: http://127.0.0.1:${PORT:-5000}/"
# One worker process: the embedded defaults keep some state in process memory (see README).
# --with-worker: the background worker (python -m flask_track.worker: p33-p35's job queue)
# runs next to gunicorn and stops with it.
.venv/bin/python -m flask_track.serve --host 127.0.0.1 --port "${PORT:-5000}" --workers 1 --with-worker
