# Two commands for a newcomer:  `make serve` (install + preview the archive)  and  `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build validate test fuzz deploy-rsync deploy-rclone system-packages clean

$(VENV)/.installed: requirements.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	$(PY) -m pip install --quiet --no-deps --editable .   # the `archive` package (hooks/archive)
	touch $@

install: $(VENV)/.installed

serve: install            ## preview at http://127.0.0.1:8000/ (rebuilds when reports/ changes)
	$(PY) -m mkdocs serve --dirty

build: install validate   ## the public site, into site/
	$(PY) -m mkdocs build --strict

deploy-rsync: build      ## only the changed files of site/ to RSYNC_TARGET=user@host:/var/www/archive/
	scripts/deploy_changed.sh rsync "$(RSYNC_TARGET)"

deploy-rclone: build     ## only the changed files to S3-compatible storage: RCLONE_TARGET=remote:bucket/path
	scripts/deploy_changed.sh rclone "$(RCLONE_TARGET)"

validate: install
	$(PY) scripts/validate.py

system-packages:          ## Debian packages the tests need (Chromium, CJK fonts, Node.js; rsync and rclone for the deploy)
	@command -v chromium >/dev/null && command -v rsync >/dev/null && command -v rclone >/dev/null && fc-list 2>/dev/null | grep -qi "noto.*cjk" && command -v node >/dev/null || \
	  { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && \
	    $$SUDO apt-get install -y -qq chromium fonts-noto-cjk nodejs rsync rclone >/dev/null; }

test: install system-packages
	$(PY) -m pytest -n 2 --dist loadfile   # two workers; a file's tests (and its module fixtures) stay on one

fuzz: install            ## the Hypothesis properties with many more examples and a random seed
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q -m "not browser and not slow" tests/unit

clean:
	rm -rf site .pytest_cache tests/artifacts
