# The two commands: `make run` and `make test`. Everything else is for developers and CI.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements/base.lock requirements/dev.lock | sha1sum | cut -c1-12)
PORT ?= 8000
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

# PYTEST_WORKERS=N runs the tests in N processes (pytest-xdist). Off by default: transactional
# tests flush the database, and pytest-django can only run them after the others in one process.
PYTEST_WORKERS ?= 0
XDIST := $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadfile)

test: setup
	@EGOV_SKIP_DOTENV=1 DJANGO_SETTINGS_MODULE=config.django.test $(PY) -m pytest $(XDIST) $(PYTEST_ARGS)

# The same suite on PostgreSQL: DATABASE_URL must point at a server (a fresh test DB is created).
test-pg: setup
	@case "$${DATABASE_URL:-}" in postgres*) ;; *) echo "test-pg: set DATABASE_URL=postgres://..." >&2; exit 2;; esac
	@EGOV_SKIP_DOTENV=1 DJANGO_SETTINGS_MODULE=config.django.test $(PY) -m pytest $(XDIST) $(PYTEST_ARGS)

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
