# The two commands: `make run` (set up and serve the demo) and `make test` (set up and run the suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
DEV_ENV := DEBUG=true
PORT ?= 8000

.PHONY: run worker test setup messages serve clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP) messages
	mkdir -p var

# Translations are compiled from the .po files in locale/ (needs Debian's gettext).
messages: $(STAMP)
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=.venv -v 0

run: setup
	$(DEV_ENV) $(PY) manage.py migrate --noinput -v 0
	$(DEV_ENV) $(PY) manage.py create_signing_certificate --if-missing
	$(DEV_ENV) $(PY) manage.py seed_demo
	@# The mail worker runs beside the web server; when the server stops (Ctrl+C), the worker stops too.
	$(DEV_ENV) $(PY) manage.py db_worker --no-reload -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The background worker alone (sends mail), as the deployment's service runs it.
worker: setup
	$(DEV_ENV) $(PY) manage.py db_worker

# The whole suite in one session on both cores (pytest-xdist, load scheduling). The tests marked
# `serial` (browser stories, tests that start their own servers) run last in each worker: see
# pytest_collection_modifyitems in tests/conftest.py.
test: setup
	$(PY) -m pytest -n 2 --dist load

clean:
	rm -rf $(VENV) var
