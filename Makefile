# Two commands for a new user: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
PYTEST_ARGS ?=

# The dependencies declared in pyproject.toml, runtime and development, one per line.
define READ_DEPENDENCIES
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["dev"]))
endef
export READ_DEPENDENCIES

.PHONY: install run test lint messages ci clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -c "$$READ_DEPENDENCIES" | $(BIN)/python -m pip install --quiet -r /dev/stdin
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo $(if $(DEMO_PASSWORD),--password "$(DEMO_PASSWORD)")
	@echo "Serving on http://127.0.0.1:$(PORT)/ with a Celery worker and beat  (Ctrl-C stops both)"
	$(BIN)/python manage.py serve 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Regenerate and compile the Spanish catalogs after changing user-facing strings.
messages: install
	$(BIN)/python manage.py makemessages -l es --ignore=.venv --ignore=var --ignore=benchmarks
	$(BIN)/python manage.py compilemessages --ignore=.venv

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var
