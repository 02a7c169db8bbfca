# Samverka: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-postgres bench load-bench install migrate demo messages check

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

# Serves the demo with the production web server and a task worker beside it.
run: demo
	$(PY) manage.py collectstatic --no-input --verbosity 0
	@echo "Samverka: http://127.0.0.1:$(PORT)/  (demo password: $$($(PY) manage.py shell --verbosity 0 -c 'from django.conf import settings; print(settings.DEMO_PASSWORD)'))"
	@echo "Demo accounts: samordnare@example.org (coordinator), projektledare@example.org (project leader), utvecklingsansvarig@example.org (regional official), aktor@example.org (other actor)"
	$(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(VENV)/bin/gunicorn samverka.wsgi --bind 127.0.0.1:$(PORT) --workers 3 --access-logfile -

test: install
	$(VENV)/bin/pytest

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/samverka} $(VENV)/bin/pytest

bench: install
	$(PY) bench/import_bench.py
	$(PY) bench/meetings_bench.py
	$(PY) bench/tally_bench.py
	$(PY) bench/search_bench.py
	$(PY) bench/statistics_bench.py
	$(PY) bench/api_bench.py
	$(PY) bench/similarity_bench.py
	$(PY) bench/subscriptions_bench.py
	$(MAKE) load-bench

# The production server under wrk (apt-get install wrk), at 100 000 and 1 000 000 projects.
load-bench: install
	$(PY) bench/load_bench.py --million

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# The apps with their own catalogue; the site-wide one (locale/) takes the rest.
APPS_WITH_CATALOGUES = $(patsubst samverka/%/locale,%,$(wildcard samverka/*/locale))

# Refresh the Swedish catalogues after changing strings, then translate the new entries.
messages: install
	$(PY) manage.py makemessages -l sv --ignore=.venv --ignore=var --ignore='tests/*' --ignore='bench/*' \
		$(foreach app,$(APPS_WITH_CATALOGUES),--ignore='samverka/$(app)/*')
	for app in $(APPS_WITH_CATALOGUES); do (cd samverka/$$app && ../../$(PY) ../../manage.py makemessages -l sv); done
	$(PY) manage.py compilemessages --ignore=.venv
