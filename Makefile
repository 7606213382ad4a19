# Two commands on a fresh machine: `make run` (the application with demo data) and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3

.PHONY: run test bench soak backup restore lint migrations-check clean

$(VENV)/.run-deps: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

## Serve web, a Celery worker and beat on http://127.0.0.1:8000 with the demo county (SQLite, no server needed).
run: $(VENV)/.run-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  监察已启动：http://127.0.0.1:8000/   （按 Ctrl-C 停止）"
	@echo ""
	$(VENV)/bin/honcho -f Procfile.dev start

## The whole suite on PostgreSQL and Redis (started or installed when missing), browser journeys included.
test: $(VENV)/.test-deps
	scripts/run-tests

## The benchmarks, each on a scratch database: the monthly reminder, the 100,000-row ledger export, then pages and API under gunicorn + wrk (BENCH_SCALE, BENCH_SECONDS); exit 1 on a missed figure.
bench: $(VENV)/.run-deps
	export DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jiancha}" \
		REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/0}"; \
		scripts/ensure-services && scripts/ensure-wrk && $(PY) bench/monthly_reminder.py \
		&& $(PY) bench/ledger_export.py && $(PY) bench/web.py --seed-scale $${BENCH_SCALE:-1} --seconds $${BENCH_SECONDS:-30}

## Ten minutes of mixed traffic under gunicorn on a scratch database (SOAK_SCALE, SOAK_MINUTES): errors must be 0, workers' memory grow < 10 %.
soak: $(VENV)/.run-deps
	export DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jiancha}" \
		REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/0}"; \
		scripts/ensure-services && scripts/ensure-wrk \
		&& $(PY) bench/soak.py --seed-scale $${SOAK_SCALE:-0.05} --minutes $${SOAK_MINUTES:-10}

## Back up the PostgreSQL database (DATABASE_URL) and the uploaded files into one checked archive in var/backups.
backup: $(VENV)/.run-deps
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jiancha}" $(PY) manage.py backup

## Check an archive made by `make backup`, then replace the database with it and put its files back: make restore FILE=…
restore: $(VENV)/.run-deps
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jiancha}" $(PY) manage.py restore "$(FILE)"

lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

migrations-check: $(VENV)/.run-deps
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf var staticfiles test-artifacts .pytest_cache
