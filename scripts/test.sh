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
# The serial pass runs beside the parallel one when there are workers: its browser, server and
# worker tests spend much of their time waiting, and it uses a database of its own (SQLite: its own
# in-memory database; PostgreSQL: test_<name>, the workers test_<name>_gw<n>). Its output is kept in
# a file and printed after the first pass's. PYTEST_WORKERS=0 runs the two passes one after the other.
serial_log=""
serial_pid=""
if [ "$workers" != 0 ]; then
  mkdir -p var
  serial_log=$(mktemp var/test-serial.XXXXXX)
  "$PY" -m pytest --egov-pass=serial "$@" >"$serial_log" 2>&1 &
  serial_pid=$!
  trap 'kill "$serial_pid" 2>/dev/null; rm -f "$serial_log"' EXIT
  trap 'exit 130' INT TERM
  echo "== make test: pass 2 of 2 (serial: transactional and browser tests, one process) started beside pass 1"
fi
echo "== make test: pass 1 of 2 (tests not marked serial; workers: ${workers})"
"$PY" -m pytest "${xdist[@]}" --egov-pass=parallel "$@"
first=$?
case "$first" in 2|3|4) exit "$first";; esac  # interrupted, internal or usage error: no second pass
if [ -n "$serial_pid" ]; then
  echo "== make test: pass 1 done in $(( $(date +%s) - started ))s; pass 2 (serial), run beside it:"
  wait "$serial_pid"
  second=$?
  serial_pid=""
  cat "$serial_log"
else
  echo "== make test: pass 2 of 2 (serial: transactional and browser tests, one process; $(( $(date +%s) - started ))s so far)"
  "$PY" -m pytest --egov-pass=serial "$@"
  second=$?
fi
echo "== make test: pass 1 exit ${first}, pass 2 exit ${second}, $(( $(date +%s) - started ))s"

for status in "$first" "$second"; do
  case "$status" in 0|5) ;; *) exit "$status";; esac
done
if [ "$first" = 5 ] && [ "$second" = 5 ]; then exit 5; fi
exit 0
