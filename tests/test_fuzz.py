"""Fuzz/property suite: odd files of every input format and random ``mtqa check``
option combinations, run through the CLI in-process with a model-free backend.

Whatever the input, mtqa must answer with an exit code from the table (0
passed, 1 gate failed, 2 usage or input error), never with a traceback, and an
exit 2 comes with exactly one line ``mtqa: error: ...`` that names the input
(or, when an option was refused, says so). Crashes the suite found in code
owned elsewhere are kept below as named ``xfail(strict=True)`` reproducers.
"""

from __future__ import annotations

import io
import os
import tempfile
import traceback
from contextlib import redirect_stderr
from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fakes import SEEDS
from fuzz_inputs import (
    DOCUMENTS, GLOSSARIES, JSON_LINES_THAT_CRASH, PARSER_REFUSED, SOURCE_COPY, TBX_THAT_CRASH, XML_PROLOGS_THAT_CRASH, Layout,
    check_options, layouts,
)
from qa.cli import app
from qa.commands.exits import errors_as_exit_codes
from qa.errors import InputError

#: MTQA_FUZZ_EXAMPLES=200 (and MTQA_FUZZ_SEEDED=0 for new examples each run) searches deeper.
EXAMPLES = int(os.environ.get("MTQA_FUZZ_EXAMPLES", "10"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # By default the same examples on every run, so that a CI failure reproduces.
    derandomize=os.environ.get("MTQA_FUZZ_SEEDED", "1") == "1",
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
PLAIN = Layout("utf-8", "keep", None, b"")


def run_check(path: Path, options: tuple[str, ...], out: Path, glossary: Path | None = None):
    argv = ["check", str(path), "--out", str(out), *options]
    if glossary:
        argv += ["--glossary", str(glossary)]
    return CliRunner().invoke(app, argv)


def assert_answered(result, path: Path, usage_error_possible: bool = False, names: tuple[str, ...] = ()) -> None:
    """The CLI contract: an exit code from the table, no traceback, one error line."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crash = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"crash on {path.name}:\n{crash}")
    output = result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), output
    assert "Traceback" not in output
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("mtqa: error: "), result.stderr
        if not usage_error_possible:
            assert any(name in lines[0] for name in (path.name, *names)), lines[0]


def check_document(suffix: str, text: str, layout: Layout, options: tuple[str, ...] = ("--backend", "none"),
                   usage_error_possible: bool = False, glossary: Path | None = None):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"odd input{suffix}"
        path.write_bytes(layout.apply(text))
        if SOURCE_COPY in options:  # --source: the input's own lines, as a plain-text file
            source = Path(folder) / "source copy.txt"
            source.write_bytes(path.read_bytes())
            options = tuple(str(source) if option == SOURCE_COPY else option for option in options)
        out = Path(folder) / "out"
        result = run_check(path, options, out, glossary)
        assert_answered(result, path, usage_error_possible, (glossary.name,) if glossary else ())
        if result.exit_code == 2:  # an error writes no report, not even a temporary one
            assert not out.exists() or not any(out.iterdir())
        return result


def check_glossary(suffix: str, text: str, layout: Layout = PLAIN):
    with tempfile.TemporaryDirectory() as folder:
        glossary = Path(folder) / f"odd glossary{suffix}"
        glossary.write_bytes(layout.apply(text))
        return check_document(".txt", "Keir Starmer met Mr. Healy in Kiel.\n", PLAIN, glossary=glossary)


@pytest.mark.parametrize("suffix", sorted(DOCUMENTS))
def test_odd_files_get_an_answer_not_a_crash(suffix):
    @FUZZ
    @given(text=DOCUMENTS[suffix], layout=layouts, glossary=st.sampled_from([None, SEEDS / "glossary.csv"]))
    def odd_file(text, layout, glossary):
        check_document(suffix, text, layout, glossary=glossary)

    odd_file()


@settings(FUZZ, max_examples=EXAMPLES * 2 + 4)
@given(suffix=st.sampled_from(sorted(DOCUMENTS)), data=st.data(), options=check_options())
def test_option_combinations_get_an_answer_not_a_crash(suffix, data, options):
    text = data.draw(DOCUMENTS[suffix])
    check_document(suffix, text, PLAIN, options.args, options.usage_error_possible)


@pytest.mark.parametrize("suffix", sorted(GLOSSARIES))
def test_odd_glossaries_get_an_answer_not_a_crash(suffix):
    @FUZZ
    @given(text=GLOSSARIES[suffix], layout=layouts)
    def odd_glossary(text, layout):
        check_glossary(suffix, text, layout)

    odd_glossary()


# --- Reproducers of the crashes the suite found --------------------------------------------
# Each is the smallest input found; the readers (JSONL, XLIFF/TMX, TBX glossary) own the fixes.
# When one passes, strict xfail fails the run: drop its mark and move the input from the
# *_THAT_CRASH table of fuzz_inputs into the generator beside it.

# Fixed on the readers branch (qa/readers/jsonl.py): now an InputError with file and line.
JSONL_CRASHES = {
    "lone surrogate escape": "json.loads accepts \\ud800; the report writers then fail to encode it (UnicodeEncodeError)",
    "lone surrogate escape in the source": "the same, through the source field (CSV report's source column)",
    "5,000-digit integer": "json.loads raises ValueError (Python's 4,300-digit int limit), not JSONDecodeError",
    "deep nesting": "json.loads raises RecursionError on 5,000 nested arrays",
}


@pytest.mark.parametrize("name", list(JSONL_CRASHES))
def test_jsonl_line_that_crashed_the_reader(name):
    check_document(".jsonl", JSON_LINES_THAT_CRASH[name], PLAIN)




@pytest.mark.parametrize("suffix", [".xlf", ".tmx"])
@pytest.mark.parametrize("name", list(XML_PROLOGS_THAT_CRASH))  # fixed in qa/readers/xml_guard.py
def test_xml_declaration_that_crashed_the_reader(suffix, name):
    root = '<xliff version="1.2"><file><body/></file></xliff>' if suffix == ".xlf" else '<tmx version="1.4"><body/></tmx>'
    check_document(suffix, XML_PROLOGS_THAT_CRASH[name] + root, PLAIN)


@pytest.mark.parametrize("name", list(TBX_THAT_CRASH))
def test_tbx_glossary_that_crashed_the_reader(name):
    """Fixed: the root element is checked before translate-toolkit reads the file."""
    result = check_glossary(".tbx", TBX_THAT_CRASH[name])
    assert result.exit_code == 2 and "not a TBX glossary" in result.stderr


# Found when the suite drew every option (cli.py / typer): exit 2 as documented, but the message
# was typer's boxed usage text over several lines, not the one "mtqa: error:" line of docs/exit-codes.md.
@pytest.mark.parametrize(("option", "value"), [(o, v) for o, values in PARSER_REFUSED.items() for v in values])
def test_an_option_value_the_parser_refuses_is_said_on_one_line(option, value):
    check_document(".txt", "The plan works.\n", PLAIN, ("--backend", "none", option, value), usage_error_possible=True)


# --- Found by the suite and fixed -----------------------------------------------------------

def test_an_error_message_with_line_breaks_is_said_on_one_line():
    """lxml's message for a NUL in a TBX glossary ended in "\\n, line 2, column 24": the error
    line was two lines on stderr. (The XML guard now refuses the file before lxml reads it.)"""
    result = check_glossary(".tbx", '<?xml version="1.0"?>\n<martif type="TBX">\x00</martif>')
    assert result.exit_code == 2
    assert "not well-formed XML" in result.stderr and ":2:" in result.stderr  # assert_answered checked one line


def test_the_error_seam_joins_the_lines_of_any_message():
    with pytest.raises(typer.Exit), redirect_stderr(io.StringIO()) as stderr:
        with errors_as_exit_codes():
            raise InputError("first\r\n  second\u2028third\n")
    assert stderr.getvalue() == "mtqa: error: first second third\n"


def test_a_clean_input_passes_with_every_format():
    """The suite's baseline: a plain file answers 0 with every report format."""
    every_format = "csv,json,jsonl,html,md,junit,sarif,github"
    result = check_document(".txt", "The plan works.\n", PLAIN, ("--backend", "none", "--format", every_format))
    assert result.exit_code == 0
