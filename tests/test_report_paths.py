"""Reports mirror the input paths under --out, an input outside the working
directory is written inside --out under ``outside-cwd/``, and a multi-file run
writes an index page and a summary covering every file. The terminal format
(``text``) prints one line per flag."""

from __future__ import annotations

import os
import re
from pathlib import Path

from typer.testing import CliRunner

from qa.cli import app
from qa.reports.paths import OUTSIDE_DIR, report_base, report_bases

DIRTY = "The plan was set by Ir Kiel.\n"
CLEAN = "The plan was set by Keir Starmer.\n"
GLOSSARY = Path(__file__).resolve().parent.parent / "seeds" / "glossary.csv"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _check(*args: str):
    return CliRunner().invoke(app, ["check", *args, "-g", str(GLOSSARY), "--backend", "none"])


def test_same_named_files_in_different_folders_get_their_own_mirrored_reports(tmp_path, monkeypatch):
    """Regression: docs/fr/index.md and docs/en/index.md both wrote OUT/index.csv (or were refused, exit 2)."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "docs/fr/index.md", DIRTY)
    _write(tmp_path / "docs/en/index.md", CLEAN)
    result = _check("docs/fr/index.md", "docs/en/index.md", "--out", "out", "--format", "csv,json")
    assert result.exit_code == 1, result.output
    assert "Ir Kiel" in (tmp_path / "out/docs/fr/index.csv").read_text(encoding="utf-8")
    assert "Ir Kiel" not in (tmp_path / "out/docs/en/index.csv").read_text(encoding="utf-8")
    assert (tmp_path / "out/docs/en/index.json").is_file()


def test_an_input_outside_the_working_directory_is_written_inside_out_under_a_folder_saying_so(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    outside = _write(tmp_path / "elsewhere/copy.txt", DIRTY)
    result = _check("../elsewhere/copy.txt", "--out", "out", "--format", "csv")
    assert result.exit_code == 1, result.output
    written = [path.relative_to(work / "out") for path in (work / "out").rglob("*.csv")]
    assert written == [Path(OUTSIDE_DIR, *outside.parts[1:]).with_suffix(".csv")]
    assert not list(tmp_path.joinpath("elsewhere").glob("*.csv"))  # never outside --out


def test_report_bases_keep_the_suffix_only_for_same_stems_in_one_folder(tmp_path):
    inputs = [tmp_path / "a/index.md", Path("a/index.txt"), tmp_path / "b/index.md"]  # tmp_path is the cwd
    bases = report_bases(inputs, Path("out"))
    assert [bases[path] for path in inputs] == [Path("out/a/index.md"), Path("out/a/index.txt"), Path("out/b/index")]
    assert report_base(Path("docs/../docs/fr/x.md"), Path("o"), cwd=Path.cwd()) == Path("o/docs/fr/x")


def test_a_file_given_twice_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "a.txt", CLEAN)
    result = _check("a.txt", "./a.txt", "--out", "out")
    assert result.exit_code == 2 and "more than once" in result.stderr


def test_a_multi_file_run_writes_an_index_page_and_a_summary_covering_every_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    names = ["docs/fr/index.md", "docs/en/index.md", "notes_&_more.txt"]
    for name in names:
        _write(tmp_path / name, DIRTY if "fr" in name else CLEAN)
    result = _check(*names, "--out", "out", "--format", "csv,html")
    assert result.exit_code == 1, result.output
    assert "run index: out/mtqa-index.html" in result.stdout
    page = (tmp_path / "out/mtqa-index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)"', page) == [
        "docs/fr/index.csv", "docs/fr/index.html", "docs/en/index.csv", "docs/en/index.html",
        "notes_%26_more.csv", "notes_%26_more.html"]
    assert page.count('class="failed"') == 1
    summary = (tmp_path / "out/mtqa-summary.md").read_text(encoding="utf-8")
    assert "3 files, 3 sentences, 1 file failed the gate" in summary
    assert "| `notes_&_more.txt` | 1 | 0 | 0 |" in summary  # the name as it is, in a code span
    assert "[csv](docs/fr/index.csv)" in summary


def test_a_single_file_run_writes_no_run_pages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "a.txt", DIRTY)
    _check("a.txt", "--out", "out", "--format", "csv")
    assert sorted(os.listdir(tmp_path / "out")) == ["a.csv"]


def test_the_text_format_prints_one_line_per_flag_before_the_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "docs/fr/index.md", "# Title\n\n" + DIRTY)
    result = _check("docs/fr/index.md", "--out", "out", "--format", "text")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("docs/fr/index.md:3:21: error G101 \"Ir Kiel\"")
    assert lines[0].endswith("(→ Keir Starmer)")
    assert lines[1].startswith("docs/fr/index.md: ") and lines[1].endswith("FAILED")
    assert not (tmp_path / "out").exists()  # a stream format writes no file


def test_text_is_added_on_a_terminal_unless_formats_are_named(monkeypatch, tmp_path):
    from qa.config import Settings, formats_named

    assert not formats_named(Settings(), tmp_path)
    assert formats_named(Settings(format=("github",)), tmp_path)
    (tmp_path / "mtqa.toml").write_text('format = ["sarif"]\n', encoding="utf-8")
    assert formats_named(Settings(), tmp_path)  # the config file names them


def test_a_failed_run_leaves_no_mirrored_folders_behind(tmp_path, monkeypatch):
    """Regression (fuzz): an input error left OUT/docs/fr/ behind, empty, though no report was written."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "docs/fr/a.txt", CLEAN)
    _write(tmp_path / "docs/en/b.jsonl", "{not json\n")
    result = _check("docs/fr/a.txt", "docs/en/b.jsonl", "--out", "out", "--format", "csv")
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "out").exists()
    (tmp_path / "kept").mkdir()
    result = _check("docs/fr/a.txt", "docs/en/b.jsonl", "--out", "kept", "--format", "csv")
    assert result.exit_code == 2 and list((tmp_path / "kept").iterdir()) == []  # a folder the user made stays
