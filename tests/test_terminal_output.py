"""The terminal format: one line per flag like flake8/ruff, the summary line last, --quiet."""

import re

from typer.testing import CliRunner

from qa.cli import app
from qa.reports import with_terminal

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) (?P<rule>[A-Z]\d{3}) (?P<message>.+)$")


def run(tmp_path, *args):
    article = tmp_path / "a.txt"
    article.write_text("Intro line.\nThe plan was set by Ir Kiel and by Ir Kiel.\n", encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("term,variants,type,note\nKeir Starmer,Ir Kiel,person,PM\n", encoding="utf-8")
    argv = ["check", str(article), "-g", str(glossary), "--backend", "none", "--out", str(tmp_path / "r"), *args]
    return CliRunner().invoke(app, argv)


def test_one_line_per_flag_with_position_rule_and_suggestion_then_the_summary(tmp_path):
    result = run(tmp_path, "--format", "text")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    first, second = (LINE.match(line) for line in lines[:2])
    assert first and second, lines
    assert (first["line"], first["col"], first["severity"], first["rule"]) == ("2", "21", "error", "G101")
    assert (second["line"], second["col"]) == ("2", "33")
    assert first["message"].endswith("(→ Keir Starmer)")
    assert all(LINE.match(line) for line in lines[:-1])
    assert "2 sentences" in lines[-1] and "FAILED" in lines[-1]


def test_quiet_prints_the_summary_alone(tmp_path):
    result = run(tmp_path, "--format", "text", "--quiet")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1 and "FAILED" in result.stdout


def test_text_joins_the_defaults_on_a_terminal_only_and_github_replaces_it():
    assert with_terminal(("csv", "json"), terminal=True, quiet=False) == ("csv", "json", "text")
    assert with_terminal(("csv", "json"), terminal=False, quiet=False) == ("csv", "json")
    assert with_terminal(("github",), terminal=True, quiet=False) == ("github",)
    assert with_terminal(("text", "json"), terminal=True, quiet=True) == ("json",)


def test_a_control_character_in_the_copy_cannot_reach_the_terminal(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Set by Ir Kiel \x1b[31mnow and now and now and now.\n", encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("term,variants,type,note\nKeir Starmer,Ir Kiel,person,PM \x1b[2J\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(article), "-g", str(glossary), "--backend", "none", "--format", "text"])
    assert "\x1b" not in result.stdout and "\\x1b" in result.stdout
