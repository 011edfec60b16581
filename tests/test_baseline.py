"""Baselines (``mtqa baseline create``, honoured by ``check``), inline suppressions in Markdown,
PO and XLIFF, and review decisions applied to the glossary and the baseline."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.cli import app
from qa.glossary.lint import lint_files

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GLOSSARY = "term,variants,type,note\nKeir Starmer,Ir Kiel,person,UK Prime Minister\nKyiv,Kiev,place,Capital of Ukraine\n"


def mtqa(*args):
    return CliRunner().invoke(app, [*map(str, args)])


def check(path, *args, out):
    return mtqa("check", path, "--backend", "none", "--out", out, "--format", "json,sarif", *args)


def flags(out: Path, stem: str) -> list[dict]:
    report = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
    return [flag for sentence in report["sentences"] for flag in sentence["flags"]]


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.csv").write_text(GLOSSARY, encoding="utf-8")
    return tmp_path


def test_baseline_create_records_every_finding_and_check_gates_only_new_ones(project):
    article = project / "a.txt"
    article.write_text("The plan was set by Ir Kiel.\nIt comes when Kiev tries.\n", encoding="utf-8")
    created = mtqa("baseline", "create", "a.txt", "-g", "g.csv", "--backend", "none")
    assert created.exit_code == 0, created.output
    entries = json.loads((project / ".mtqa-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert {(e["rule"], e["span"], e["path"]) for e in entries} == {("G101", "Ir Kiel", "a.txt"), ("G101", "Kiev", "a.txt")}

    assert check("a.txt", "-g", "g.csv", out=project / "r").exit_code == 0
    assert {flag.get("suppressed") for flag in flags(project / "r", "a")} == {"baseline"}
    sarif = json.loads((project / "r" / "a.sarif").read_text(encoding="utf-8"))
    assert [r["suppressions"][0]["kind"] for r in sarif["runs"][0]["results"]] == ["external", "external"]

    # Lines moved and a line added: still suppressed. One sentence edited: its entry is stale, its flag new.
    article.write_text("A new first line.\nIt comes when Kiev tries.\nThe plan was set by Ir Kiel today.\n", encoding="utf-8")
    rerun = check("a.txt", "-g", "g.csv", out=project / "r")
    assert rerun.exit_code == 1
    assert [(f["span"], f.get("suppressed")) for f in flags(project / "r", "a")] == [("Kiev", "baseline"), ("Ir Kiel", None)]
    assert 'stale baseline entry (G101 "Ir Kiel")' in rerun.stderr


def test_baseline_suppressed_flags_are_not_fixed(project):
    (project / "a.txt").write_text("The plan was set by Ir Kiel.\n", encoding="utf-8")
    mtqa("baseline", "create", "a.txt", "-g", "g.csv", "--backend", "none")
    result = mtqa("fix", "a.txt", "-g", "g.csv")
    assert result.exit_code == 0 and result.stdout == ""


def test_markdown_comment_suppresses_the_next_line_only(project):
    (project / "a.md").write_text(
        "<!-- mtqa-disable-next-line G101 -->\nThe plan was set by Ir Kiel.\n\nIt comes when Kiev tries.\n\n"
        "<!-- mtqa-disable-next-line T201 -->\nSet by Ir Kiel.\n",
        encoding="utf-8",
    )
    assert check("a.md", "-g", "g.csv", out=project / "r").exit_code == 1
    found = [(f["span"], f["region"]["line"], f.get("suppressed")) for f in flags(project / "r", "a")]
    assert found == [("Ir Kiel", 2, "inline"), ("Kiev", 4, None), ("Ir Kiel", 7, None)]
    sarif = json.loads((project / "r" / "a.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["suppressions"][0]["kind"] == "inSource"


def test_po_and_xliff_comments_suppress_their_unit(project):
    (project / "m.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#. mtqa-disable G101\nmsgid "a"\nmsgstr "Set by Ir Kiel."\n\nmsgid "b"\nmsgstr "Set by Ir Kiel."\n',
        encoding="utf-8",
    )
    (project / "d.xlf").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="x" source-language="pt" target-language="en" datatype="plaintext"><body>\n'
        '<trans-unit id="1"><source>a</source><target>Set by Ir Kiel.</target>\n<note>mtqa-disable glossary-variant</note></trans-unit>\n'
        '<trans-unit id="2"><source>b</source><target>Set by Ir Kiel.</target></trans-unit>\n</body></file></xliff>\n',
        encoding="utf-8",
    )
    for stem, name in (("m", "m.po"), ("d", "d.xlf")):
        assert check(name, "-g", "g.csv", "--select", "G", out=project / "r").exit_code == 1
        assert [f.get("suppressed") for f in flags(project / "r", stem)] == ["inline", None], name


def test_review_apply_teaches_the_glossary_lint_clean_and_rejects_go_to_the_baseline(project):
    shutil.copy(SEEDS / "glossary.csv", project / "seed.csv")
    shutil.copy(SEEDS / "coalition-of-the-willing.txt", project / "a.txt")
    healy = "At the meeting, Healy said the United States challenged Europe to resign from defence spending, and the UK responded."
    turkey = next(line for line in (project / "a.txt").read_text(encoding="utf-8").splitlines() if line.startswith("Turkey"))
    decisions = {"mtqa_decisions": 1, "input": "a.txt", "decisions": [
        {"action": "accept", "rule": "G102", "span": "Healy", "sentence": healy, "line": 15, "term": "John Healey", "suggestion": "Healey"},
        {"action": "reject", "rule": "G101", "span": "Turkey", "sentence": turkey, "line": 24},
        {"action": "reject", "rule": "G101", "span": "Gone", "sentence": "No longer in the file.", "line": 2},
    ]}
    (project / "d.json").write_text(json.dumps(decisions), encoding="utf-8")
    before = check("a.txt", "-g", "seed.csv", out=project / "r0")
    applied = mtqa("review", "apply", "d.json", "--glossary", "seed.csv")
    assert applied.exit_code == 0, applied.output
    assert 'added the variant "Healy" to "John Healey"' in applied.stdout
    assert "stale decision" in applied.stderr and "Gone" in applied.stderr
    glossary, problems = lint_files([project / "seed.csv"])
    assert problems == []
    (healey,) = [entry for entry in glossary.entries if entry.term == "John Healey"]
    assert "Healy" in healey.variants and "accepted in review of a.txt:15" in healey.note

    check("a.txt", "-g", "seed.csv", out=project / "r1")
    after = {(f["span"], f["kind"]): f for f in flags(project / "r1", "a")}
    assert after[("Healy", "glossary-variant")]["severity"] == "error"  # now a known variant
    assert after[("John Healy", "glossary-variant")]  # the entry's other variants still count
    assert after[("Turkey", "glossary-variant")]["suppressed"] == "baseline"
    assert before.exit_code == 1


def test_fix_applies_accepted_and_edited_decisions_and_never_rejected_ones(project):
    (project / "a.txt").write_text("Set by Ir Kiel.\nIt comes when Kiev tries.\n", encoding="utf-8")
    decisions = {"input": "a.txt", "decisions": [
        {"action": "edit", "rule": "G101", "span": "Ir Kiel", "sentence": "Set by Ir Kiel.", "replacement": "Starmer"},
        {"action": "reject", "rule": "G101", "span": "Kiev", "sentence": "It comes when Kiev tries."},
        {"action": "accept", "rule": "G101", "span": "Ir Kiel", "sentence": "An edited sentence by Ir Kiel."},
    ]}
    (project / "d.json").write_text(json.dumps(decisions), encoding="utf-8")
    result = mtqa("fix", "a.txt", "-g", "g.csv", "--decisions", "d.json", "--apply")
    assert (project / "a.txt").read_text(encoding="utf-8") == "Set by Starmer.\nIt comes when Kiev tries.\n"
    # The editor rejected the flag: not the fix's to apply, nor a flag it failed to fix.
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        'mtqa: warning: stale decision (G101 "Ir Kiel"): no such flag in its sentence any more, not applied'
    ]


def test_a_malformed_decisions_file_is_an_input_error(project):
    (project / "d.json").write_text('{"decisions": [{"action": "maybe"}]}', encoding="utf-8")
    result = mtqa("review", "apply", "d.json")
    assert result.exit_code == 2 and "not an mtqa decisions file" in result.stderr
