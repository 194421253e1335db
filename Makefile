# The two commands: `make run` and `make test`. Everything else is for developers and CI.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements/base.lock requirements/dev.lock | sha1sum | cut -c1-12)
PORT ?= 8000
# scripts/run.sh serves on PORT; EGOV_PUBLIC_BASE_URL follows it when unset.
export PORT
export DJANGO_SETTINGS_MODULE ?= config.django.local

.PHONY: makemessages run test test-pg test-broker lint typecheck importlint check ci setup migrate demo messages clean e2e

$(STAMP): requirements/base.lock requirements/dev.lock | $(VENV)/.system-deps
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check uv
	@$(VENV)/bin/uv pip install -q --python $(PY) -r requirements/base.lock -r requirements/dev.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP) messages

$(VENV)/.system-deps:
	@./scripts/system-deps.sh
	@mkdir -p $(VENV) && touch $@

PO_FILES := $(wildcard egov/*/locale/vi/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

messages: $(MO_FILES)

%.mo: %.po | $(VENV)/.system-deps
	@msgfmt --check-format -o $@ $<

run: setup
	@./scripts/run.sh

# Two passes (scripts/test.sh): the tests not marked `serial` in PYTEST_WORKERS processes with
# pytest-xdist (auto: one per core; 0: one process), and the `serial` ones in one process of their own,
# beside them on their own database (after them with PYTEST_WORKERS=0). conftest.py
# marks serial the transactional tests (transactional_db, django_db(transaction=True), live_server, the
# browser tests): they commit and flush the database, so they cannot share a process with the others
# (pytest-django only orders them last) and run on their own. Both passes get PYTEST_ARGS and print
# their summary; make fails if either fails. The demo province is loaded once per process and its rows
# replayed in every test that asks for it (egov/core/tests/snapshots.py).
export PYTEST_WORKERS ?= auto

test: setup
	@EGOV_SKIP_DOTENV=1 DJANGO_SETTINGS_MODULE=config.django.test ./scripts/test.sh $(PYTEST_ARGS)

# The same suite on PostgreSQL: DATABASE_URL must point at a server (a fresh test DB is created per
# process, suffixed _gw0, _gw1, ... by pytest-xdist).
test-pg: setup
	@case "$${DATABASE_URL:-}" in postgres*) ;; *) echo "test-pg: set DATABASE_URL=postgres://..." >&2; exit 2;; esac
	@EGOV_SKIP_DOTENV=1 DJANGO_SETTINGS_MODULE=config.django.test ./scripts/test.sh $(PYTEST_ARGS)

lint: setup
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

typecheck: setup
	@$(VENV)/bin/mypy egov config

importlint: setup
	@$(VENV)/bin/lint-imports

check: lint typecheck importlint
	@DJANGO_SETTINGS_MODULE=config.django.test $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var staticfiles

# Refresh every app's Vietnamese catalogue; project templates/ go into the portal catalogue.
makemessages: $(STAMP)
	@for app in egov/*/; do [ -d "$$app/locale" ] || continue; \
	  if [ "$$app" = "egov/portal/" ]; then \
	    (cd $$app && ln -sfn ../../templates _project_templates && ../../$(PY) ../../manage.py makemessages -l vi --no-wrap --symlinks -v 0; \
	     rm _project_templates; sed -i 's#_project_templates/#../../templates/#g' locale/vi/LC_MESSAGES/django.po); \
	  else (cd $$app && ../../$(PY) ../../manage.py makemessages -l vi --no-wrap -v 0); fi; done
