"""Every bad input gets one clear line (exit 2, nothing written) or a correct report."""

from __future__ import annotations

import codecs
import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clirun import run_check
from qa.errors import InputError
from qa.readers.base import MAX_SENTENCE_CHARS
from qa.run import CheckRequest, check_files
from qa.glossary.rules import WRONG_FORMS

ARTICLE_LINES = [
    "Keir Starmer met Mr. Macron in Paris.",
    "The coalition of will is meeting again. It talks about Ukraine.",
    "",
    "Ir Kiel said it was a basin moment.",
]
ARTICLE = "\n".join(ARTICLE_LINES) + "\n"


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def assert_input_error(run, expected: str) -> None:
    assert run.exit_code == 2, run.stdout + run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines == [f"mtqa: error: {expected}"]
    assert run.files() == []  # nothing written, not even a temporary file


def sentence_texts(run, stem: str) -> list[tuple[int, int, str]]:
    return [(s["line"], s["column"], s["text"]) for s in run.json_report(stem)["sentences"]]


# --- empty, binary, encodings -------------------------------------------------------


def test_empty_file_is_an_input_error(tmp_path):
    path = write(tmp_path / "empty.txt", b"")
    assert_input_error(run_check(path, out_dir=tmp_path / "out"), f"{path}: no text to check (empty)")


def test_whitespace_only_file_is_an_input_error(tmp_path):
    path = write(tmp_path / "blank.txt", b"  \n\t\r\n   \n")
    assert_input_error(run_check(path, out_dir=tmp_path / "out"), f"{path}: no text to check (whitespace only)")


def test_binary_file_is_refused_naming_the_nul_byte(tmp_path):
    png_like = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    path = write(tmp_path / "image.txt", png_like)
    # The header's CR LF ends line 1, its LF line 2: the first NUL starts line 3.
    assert_input_error(run_check(path, out_dir=tmp_path / "out"), f"{path}:3:1: looks like a binary file (NUL byte)")


def test_invalid_utf8_names_line_column_and_byte(tmp_path):
    data = "Line one.\nThe café opened.\n".encode("utf-8") + "Ein Café.\n".encode("latin-1")
    path = write(tmp_path / "latin1.txt", data)
    offset = data.index(b"\xe9")
    expected = f"{path}:3:8: not valid UTF-8 (bytes e9 at file offset {offset})"
    assert_input_error(run_check(path, out_dir=tmp_path / "out"), expected)


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)],
)
def test_byte_order_marks_are_accepted(tmp_path, encoding, bom):
    plain = run_check(write(tmp_path / "plain.txt", ARTICLE.encode()), out_dir=tmp_path / "plain")
    marked = run_check(write(tmp_path / "marked.txt", bom + ARTICLE.encode(encoding)), out_dir=tmp_path / "marked")
    assert plain.exit_code == marked.exit_code == 0
    assert sentence_texts(marked, "marked") == sentence_texts(plain, "plain")
    assert sentence_texts(marked, "marked")[0] == (1, 1, "Keir Starmer met Mr. Macron in Paris.")


def test_utf16_with_an_odd_trailing_byte_is_an_input_error(tmp_path):
    path = write(tmp_path / "cut.txt", codecs.BOM_UTF16_LE + "Hello there.\n".encode("utf-16-le") + b"H")
    run = run_check(path, out_dir=tmp_path / "out")
    assert_input_error(run, f"{path}:2:1: not valid UTF-16 (bytes 48 at file offset 28)")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr_count_lines_as_lf_does(tmp_path, newline):
    plain = run_check(write(tmp_path / "lf.txt", ARTICLE.encode()), out_dir=tmp_path / "lf")
    other = run_check(write(tmp_path / "cr.txt", ARTICLE.replace("\n", newline).encode()), out_dir=tmp_path / "cr")
    assert sentence_texts(other, "cr") == sentence_texts(plain, "lf")
    assert [line for line, _, _ in sentence_texts(other, "cr")] == [1, 2, 2, 4]
    assert all("\r" not in text for _, _, text in sentence_texts(other, "cr"))


# --- awkward text -------------------------------------------------------------------


def test_a_megabyte_line_without_punctuation_is_cut_into_bounded_sentences(tmp_path):
    words = [f"word{i % 997}" for i in range(120_000)]
    line = " ".join(words)[: 1 << 20].rsplit(" ", 1)[0]
    path = write(tmp_path / "long.txt", (line + "\n").encode())
    run = run_check(path, out_dir=tmp_path / "out", formats="jsonl")
    assert run.exit_code == 0, run.stderr
    records = run.jsonl_records("long")
    assert len(records) > len(line) // MAX_SENTENCE_CHARS
    assert all(len(r["text"]) <= MAX_SENTENCE_CHARS for r in records)
    # The pieces are the line, in order, cut at spaces: nothing lost, every column right.
    assert " ".join(r["text"] for r in records) == line
    assert all(line[r["column"] - 1 :].startswith(r["text"]) for r in records)


def test_control_and_zero_width_characters_keep_text_and_offsets(tmp_path, seed_glossary):
    lines = [
        "A bell \x07 rang and \x1b[31mred\x1b[0m text followed.",
        "Zero\u200bwidth\u200dJoiners and a stray \ufeff mark.",
        "Ir\u200bKiel spoke today.",  # a zero-width space between the words of a known variant
    ]
    path = write(tmp_path / "control.txt", ("\n".join(lines) + "\n").encode())
    run = run_check(path, "--glossary", seed_glossary, out_dir=tmp_path / "out")
    assert run.exit_code == 1, run.stderr
    sentences = run.json_report("control")["sentences"]
    assert [s["text"] for s in sentences] == lines
    flagged = [(s["line"], f["span"], f["term"]) for s in sentences for f in s["flags"]]
    assert flagged == [(3, "Ir\u200bKiel", "Keir Starmer")]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "control.csv").read_text(encoding="utf-8"))))
    assert [row["text"] for row in rows] == lines


def test_mixed_scripts_keep_columns_in_characters(tmp_path, seed_glossary):
    line = "Привет, Κόσμε! 東京で会議。 Ir Kiel 🙂 spoke in Kyiv. مرحبا بالعالم."
    path = write(tmp_path / "mixed.txt", (line + "\n").encode())
    run = run_check(path, "--glossary", seed_glossary, out_dir=tmp_path / "out")
    assert run.exit_code == 1, run.stderr
    sentences = run.json_report("mixed")["sentences"]
    assert all(line[s["column"] - 1 :].startswith(s["text"]) for s in sentences)
    assert "".join(s["text"] for s in sentences).replace(" ", "") == line.replace(" ", "")
    spans = [f["span"] for s in sentences for f in s["flags"] if f["kind"] in WRONG_FORMS]
    assert spans == ["Ir Kiel"]


def test_markup_and_script_stay_inert_in_every_report(tmp_path):
    lines = [
        '<script>alert("x")</script> said the <b>minister</b> & co.',
        "=HYPERLINK(\"http://evil.example\",\"click\") was in the copy.",
        '"}, {"status": "ok", "text": "forged"} ends here.',
    ]
    path = write(tmp_path / "markup.txt", ("\n".join(lines) + "\n").encode())
    run = run_check(path, out_dir=tmp_path / "out")
    assert run.exit_code == 0, run.stderr
    assert [s["text"] for s in run.json_report("markup")["sentences"]] == lines
    assert [r["text"] for r in run.jsonl_records("markup")] == lines
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "markup.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(lines)
    assert [row["text"] for row in rows] == [lines[0], "'" + lines[1], lines[2]]


# --- paths --------------------------------------------------------------------------


def test_missing_input_is_an_input_error(tmp_path):
    path = tmp_path / "nowhere.txt"
    assert_input_error(run_check(path, out_dir=tmp_path / "out"), f"{path}: no such file")


def test_directory_input_is_an_input_error(tmp_path):
    (tmp_path / "folder").mkdir()
    path = tmp_path / "folder"
    assert_input_error(run_check(path, out_dir=tmp_path / "out"), f"{path}: is a directory, not a file")


def test_a_report_that_would_overwrite_its_input_is_refused(tmp_path):
    path = write(tmp_path / "copy.csv", ARTICLE.encode())
    run = run_check(path, out_dir=tmp_path)
    assert run.exit_code == 2
    assert run.stderr.strip() == f"mtqa: error: the csv report would overwrite {path}; choose another --out"
    assert path.read_bytes() == ARTICLE.encode()


def test_a_report_that_would_overwrite_the_glossary_is_refused(tmp_path, seed_glossary):
    glossary = tmp_path / "copy.csv"
    glossary.write_bytes(seed_glossary.read_bytes())
    run = run_check(write(tmp_path / "copy.txt", ARTICLE.encode()), "--glossary", glossary, out_dir=tmp_path)
    assert run.exit_code == 2
    assert run.stderr.strip() == f"mtqa: error: the csv report would overwrite {glossary}; choose another --out"
    assert glossary.read_bytes() == seed_glossary.read_bytes()


# --- glossaries ---------------------------------------------------------------------

GLOSSARY_HEADER = "term,variants,type,note\n"


@pytest.mark.parametrize(
    "body, line, message",
    [
        ("Keir Starmer,Ir Kiel,person,PM,extra\n", 2, "5 fields, the header has 4"),
        (" ,Ir Kiel,person,PM\n", 2, "empty term"),
        ("Keir Starmer,Ir Kiel,politician,PM\n", 2, "unknown type 'politician'"),
    ],
)
def test_glossary_bad_rows_name_file_and_line(tmp_path, body, line, message):
    glossary = write(tmp_path / "g.csv", (GLOSSARY_HEADER + body).encode())
    run = run_check(write(tmp_path / "a.txt", ARTICLE.encode()), "--glossary", glossary, out_dir=tmp_path / "out")
    assert run.exit_code == 2
    assert run.stderr.strip().startswith(f"mtqa: error: {glossary}:{line}: {message}")
    assert run.files() == []


def test_glossary_duplicate_header_is_an_error(tmp_path):
    glossary = write(tmp_path / "g.csv", b"term,variants,type,note,term\nKeir Starmer,Ir Kiel,person,PM,\n")
    run = run_check(write(tmp_path / "a.txt", ARTICLE.encode()), "--glossary", glossary, out_dir=tmp_path / "out")
    assert_input_error(run, f"{glossary}:1: duplicate header column 'term'")


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_glossary_with_a_bom_is_read(tmp_path, bom, encoding):
    rows = GLOSSARY_HEADER + "Keir Starmer,Ir Kiel,person,PM\r\n"
    glossary = write(tmp_path / "g.csv", bom + rows.encode(encoding))
    run = run_check(write(tmp_path / "a.txt", ARTICLE.encode()), "--glossary", glossary, out_dir=tmp_path / "out")
    assert run.exit_code == 1, run.stderr
    spans = [f["span"] for s in run.json_report("a")["sentences"] for f in s["flags"] if f["kind"] in WRONG_FORMS]
    assert spans == ["Ir Kiel"]


def test_a_missing_glossary_is_an_input_error(tmp_path):
    glossary = tmp_path / "nowhere.csv"
    run = run_check(write(tmp_path / "a.txt", ARTICLE.encode()), "--glossary", glossary, out_dir=tmp_path / "out")
    assert_input_error(run, f"{glossary}: no such file")


# --- anything at all ------------------------------------------------------------------

_SNIPPETS = [b"Keir Starmer. ", b"Ir Kiel", b"\r\n", b"\n", b"\r", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xe9",
             b"\xc3", b"\xe2\x80\x8b", b"<b>", b"```\n", b"# ", b"- ", b"  ", b"...", b'"', b"U.S. "]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.sampled_from(_SNIPPETS), max_size=30).map(b"".join) | st.binary(max_size=200),
       suffix=st.sampled_from([".txt", ".md"]))
def test_any_bytes_give_a_report_or_one_input_error(tmp_path, seed_glossary, data, suffix):
    """Fuzz: whatever the bytes, mtqa either writes a consistent report or raises
    InputError (one line, exit 2): never another exception."""
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    out = tmp_path / "out"
    request = CheckRequest([path], [seed_glossary], backend="none", out_dir=out, formats=["jsonl"], use_cache=False)
    try:
        [outcome] = check_files(request)
    except InputError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
        return
    records = [json.loads(line) for line in (out / "fuzz.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == outcome.summary.sentences > 0
    for record in records:
        assert record["text"].strip() and record["line"] >= 1 and record["column"] >= 1
