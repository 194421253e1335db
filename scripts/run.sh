#!/usr/bin/env bash
# `make run`: migrate, load the demo province once, then serve web + Celery worker + beat on the
# embedded default (SQLite database, SQLite broker, local files). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# Exported: the worker and beat build the IPN and e-mailed links from EGOV_PUBLIC_BASE_URL, which
# follows PORT when unset (config/django/base.py).
export PORT="${PORT:-8000}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.django.local}"
mkdir -p var/media var/log

$PY manage.py prepare_run

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

.venv/bin/celery -A config worker --beat --concurrency 2 --loglevel INFO \
  --schedule var/celerybeat-schedule >var/log/worker.log 2>&1 &
pids+=($!)

echo "Serving http://127.0.0.1:${PORT}  (worker log: var/log/worker.log; Ctrl-C to stop)"
.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:${PORT}" --workers 2 --threads 4 \
  --access-logfile - &
pids+=($!)
wait -n "${pids[@]}"
