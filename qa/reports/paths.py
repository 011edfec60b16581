"""Where each input's reports go: the input's path, relative to the working
directory, mirrored under ``--out`` (``docs/fr/index.md`` -> ``OUT/docs/fr/index.csv``),
so same-named files in different folders never share a report, and parallel
runs (pre-commit's batches) never overwrite each other's.

An input outside the working directory is still written inside ``--out``, never
outside it: under ``OUT/outside-cwd/`` followed by its absolute path.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from qa.errors import UsageError

#: The folder under --out that holds the reports of inputs outside the working directory.
OUTSIDE_DIR = "outside-cwd"
#: The run's own pages, at the top of --out, when a run checks more than one file.
RUN_INDEX_NAME = "mtqa-index.html"
RUN_SUMMARY_NAME = "mtqa-summary.md"


def report_base(path: Path, out_dir: Path, cwd: Path | None = None) -> Path:
    """``OUT/<folders>/<stem>``: a report is this plus its format's extension."""
    # abspath, not resolve: ".." is folded but symlinks keep the name the user gave.
    absolute = Path(os.path.abspath(path))
    here = Path(os.path.abspath(cwd or os.getcwd()))
    try:
        relative = absolute.relative_to(here)
    except ValueError:
        relative = Path(OUTSIDE_DIR, *absolute.parts[1:])
    return out_dir / relative.parent / relative.stem


def report_bases(inputs: Sequence[Path], out_dir: Path) -> dict[Path, Path]:
    """Each input's report base. Two inputs of one folder with the same stem
    (``index.md``, ``index.txt``) keep their suffix: ``index.md.csv``."""
    absolute = [os.path.abspath(path) for path in inputs]
    twice = [path for path, count in Counter(absolute).items() if count > 1]
    if twice:
        raise UsageError(f"{twice[0]} is given more than once")
    bases = {path: report_base(path, out_dir) for path in inputs}
    shared = Counter(bases.values())
    return {path: base.with_name(path.name) if shared[base] > 1 else base for path, base in bases.items()}


def run_page_paths(out_dir: Path) -> tuple[Path, Path]:
    """The run index (HTML) and summary (Markdown) of a multi-file run."""
    return out_dir / RUN_INDEX_NAME, out_dir / RUN_SUMMARY_NAME
