#!/usr/bin/env bash
# `make test` / `make test-pg`: the pytest suite in two passes, arguments (PYTEST_ARGS) given to both.
#   1. every test not marked `serial`, in PYTEST_WORKERS processes (pytest-xdist, whole files per
#      process; each process has its own test database);
#   2. the tests marked `serial` — transactional ones (transactional_db, django_db(transaction=True),
#      live_server, the browser tests): they commit and flush the database.
# conftest.py marks them and --egov-pass picks a pass. Each pass prints pytest's summary line; the
# exit status is the first failing pass's. A pass with nothing selected (exit 5: a subset with no
# transactional test, or only transactional ones) is not a failure unless both are empty.
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python
workers="${PYTEST_WORKERS:-auto}"
xdist=()
if [ "$workers" != 0 ]; then xdist=(-n "$workers" --dist loadfile); fi

# Compiled modules are kept under var/pycache even where PYTHONDONTWRITEBYTECODE is set: every test
# process (the xdist workers, the second pass, the servers and workers some tests start) imports the
# whole project, and compiling it again costs each one ~8 s of CPU. Nothing is written beside the sources.
export PYTHONDONTWRITEBYTECODE=
export PYTHONPYCACHEPREFIX="${PYTHONPYCACHEPREFIX:-$PWD/var/pycache}"

started=$(date +%s)
echo "== make test: pass 1 of 2 (tests not marked serial; workers: ${workers})"
"$PY" -m pytest "${xdist[@]}" --egov-pass=parallel "$@"
first=$?
case "$first" in 2|3|4) exit "$first";; esac  # interrupted, internal or usage error: no second pass
echo "== make test: pass 2 of 2 (serial: transactional and browser tests, one process; $(( $(date +%s) - started ))s so far)"
"$PY" -m pytest --egov-pass=serial "$@"
second=$?
echo "== make test: pass 1 exit ${first}, pass 2 exit ${second}, $(( $(date +%s) - started ))s"

for status in "$first" "$second"; do
  case "$status" in 0|5) ;; *) exit "$status";; esac
done
if [ "$first" = 5 ] && [ "$second" = 5 ]; then exit 5; fi
exit 0
