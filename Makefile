# Two commands do all the set-up on a fresh machine:
#   make demo   -> .venv, install, check the seed article, write reports/
#   make test   -> .venv, install, run the tests
VENV    := .venv
PYTHON  := $(VENV)/bin/python
MTQA    := $(VENV)/bin/mtqa
STAMP   := $(VENV)/.installed
PYTHON3 ?= python3

.PHONY: demo test install clean

install: $(STAMP)

# constraints.txt pins the CPU build of torch: a bare `torch` would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON3) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Exit 1 means "the gate found problems": the demo article is meant to have them.
demo: $(STAMP)
	$(MTQA) check seeds/coalition-of-the-willing.txt --glossary seeds/glossary.csv; \
	  status=$$?; [ $$status -le 1 ] || exit $$status

test: $(STAMP)
	$(PYTHON) -m pytest -q

clean:
	rm -rf $(VENV) reports/*.csv reports/*.json
