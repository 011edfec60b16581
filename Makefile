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

# Everything (every extra and the tests). constraints.txt pins the torch version; pip takes its CPU
# build where the index configuration offers it (docs/install.md): a bare `torch` can pull a multi-GB CUDA build.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON3) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[all,test]' \
	  || { echo "set-up failed; if pip found no torch==2.13.0+cpu, configure PyTorch's CPU wheel index (docs/install.md)" >&2; exit 1; }
	touch $(STAMP)

# Exit 1 means "the gate found problems": the demo article is meant to have them.
demo: $(STAMP)
	$(MTQA) check seeds/coalition-of-the-willing.txt --glossary seeds/glossary.csv; \
	  status=$$?; [ $$status -le 1 ] || exit $$status

test: $(STAMP)
	$(PYTHON) -m pytest -q

clean:
	rm -rf $(VENV) reports/*.csv reports/*.json
