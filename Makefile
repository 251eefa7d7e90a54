# Portail des RRMA — tâches courantes. `make serve` et `make test` suffisent sur une machine neuve.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: serve build check schemas test test-latest bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# npm packages: the site's search engine (lunr, lunr-languages) and axe-core for the tests.
NPM_STAMP := node_modules/.installed-stamp
$(NPM_STAMP): package.json package-lock.json
	command -v npm >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm; }
	npm ci --no-audit --no-fund --silent
	touch $(NPM_STAMP)

# Browser tests use Debian's Chromium, never a downloaded browser.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium

# The preview is rebuilt at every save: written in memory (/dev/shm) when the system has it, several times faster than on disk.
PREVIEW_TMP := $(shell test -d /dev/shm && test -w /dev/shm && echo /dev/shm)

serve: $(STAMP) $(NPM_STAMP)  ## construit le site (brouillons compris) et le sert sur http://127.0.0.1:8000
	$(if $(PREVIEW_TMP),TMPDIR=$(PREVIEW_TMP) )$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# scripts/build.py is `mkdocs build --strict` ending in one French line (« 3 erreurs dans 2 fichiers : le site
# n'a pas été modifié »). GNU make would add its English « *** [build] Error 1 » after it: on failure the
# recipe ends make with SIGPIPE, which make dies of without a word (exit status 141, still a failure).
build: $(STAMP) $(NPM_STAMP)  ## construit le site publié dans site/ (échoue au moindre avertissement, sans toucher au site précédent)
	@rm -rf site.new
	@$(BIN)/python scripts/build.py --site-dir site.new || { kill -PIPE $$PPID; exit 1; }
	@rm -rf site && mv site.new site

check: $(STAMP)  ## vérifie tout le contenu, sans construire le site
	$(BIN)/rrma check

schemas: $(STAMP)  ## régénère schemas/*.schema.json après un changement du modèle ou des taxonomies
	$(BIN)/rrma schemas

test: $(STAMP) $(NPM_STAMP) $(CHROMIUM)  ## toute la suite de tests
	$(BIN)/python -m pytest

# The weekly CI job (.github/workflows/dernieres-versions.yml): the newest releases of MkDocs, Material and
# ProperDocs that pyproject.toml allows, every other package as pinned in constraints.txt, in a venv of its own.
LATEST := mkdocs mkdocs-material properdocs
VENV_LATEST := .venv-latest
empty :=
space := $(empty) $(empty)

test-latest: $(NPM_STAMP) $(CHROMIUM)  ## toute la suite de tests avec les dernières versions de MkDocs, Material et ProperDocs que permet pyproject.toml
	test -x $(VENV_LATEST)/bin/python || $(PY) -m venv $(VENV_LATEST)
	grep -v -i -E '^($(subst $(space),|,$(LATEST)))==' constraints.txt > $(VENV_LATEST)/constraints.txt
	$(VENV_LATEST)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade -c $(VENV_LATEST)/constraints.txt -e '.[test]' $(LATEST)
	$(VENV_LATEST)/bin/python -m pip list --disable-pip-version-check | grep -i -E '^($(subst $(space),|,$(LATEST))) '
	$(VENV_LATEST)/bin/python -m pytest

clean:
	rm -rf site site.new .pytest_cache

bench: $(STAMP) $(NPM_STAMP) $(CHROMIUM)  ## mesures de performance à 1 000 et 10 000 ressources, face à Material seul (hors make test)
	$(BIN)/python scripts/bench.py
