"""Input is decoded a chunk at a time and reports are written a sentence at a time."""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.errors import InputError
from qa.readers import base as reader_base
from qa.readers import reader_for
from qa.readers.base import iter_lines
from qa.records import Sentence, SentenceResult, Status
from qa.reports.csv_report import CsvReporter
from qa.reports.jsonl_report import JsonLinesReporter
from qa.reports.base import ReportMeta

TEXT = "Café crème.\r\nŁódź is a city.\rThe end 🙂 here.\n\nLast line, no newline"
EXPECTED = [(1, "Café crème."), (2, "Łódź is a city."), (3, "The end 🙂 here."), (4, ""), (5, "Last line, no newline")]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 1 << 20])
@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_lines_are_the_same_whatever_the_chunk_boundaries(tmp_path, monkeypatch, chunk, encoding, bom):
    """Multi-byte characters, CRLF pairs and BOMs split across chunks decode as a whole."""
    monkeypatch.setattr(reader_base, "CHUNK_BYTES", chunk)
    path = tmp_path / "t.txt"
    path.write_bytes(bom + TEXT.encode(encoding))
    assert list(iter_lines(path)) == EXPECTED


@pytest.mark.parametrize("chunk", [1, 4, 1 << 20])
def test_a_bad_byte_is_located_whatever_the_chunk_boundaries(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(reader_base, "CHUNK_BYTES", chunk)
    path = tmp_path / "t.txt"
    path.write_bytes("Ok.\r\nŁódź \xff".encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    with pytest.raises(InputError) as caught:
        list(iter_lines(path))
    assert (caught.value.line, caught.value.column) == (2, 6)
    assert "bytes ff at file offset 13" in caught.value.message


def test_an_endless_line_is_refused_before_it_fills_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(reader_base, "CHUNK_BYTES", 64)
    monkeypatch.setattr(reader_base, "MAX_LINE_CHARS", 1000)
    path = tmp_path / "t.txt"
    path.write_bytes(b"short line\n" + b"x" * 5000)
    with pytest.raises(InputError) as caught:
        list(iter_lines(path))
    assert caught.value.line == 2
    assert "line longer than 1,000 characters" in caught.value.message


class _CountingPath(type(Path())):
    """A path whose open() counts the bytes read through it."""

    bytes_read = 0

    def open(self, *args, **kwargs):
        stream = super().open(*args, **kwargs)
        read = stream.read

        def counting_read(size=-1):
            data = read(size)
            _CountingPath.bytes_read += len(data)
            return data

        stream.read = counting_read
        return stream


#: One file of 20,000 sentences in each layout: the text, then a unit format's header and row.
STREAMED = {
    "copy.txt": ("", "A first sentence here.\n\n"),
    "copy.md": ("", "A first sentence here.\n\n"),
    # Regression for issue 11: CSV/TSV and JSONL were read whole (a 46 MB CSV peaked at 284 MB).
    "copy.csv": ("id,target\n", "u,A first sentence here.\n"),
    "copy.tsv": ("id\ttarget\n", "u\tA first sentence here.\n"),
    "copy.jsonl": ("", '{"id": "u", "text": "A first sentence here."}\n'),
}


@pytest.mark.parametrize("name", list(STREAMED))
def test_the_first_sentence_comes_before_the_file_is_read(tmp_path, monkeypatch, name):
    monkeypatch.setattr(reader_base, "CHUNK_BYTES", 4096)
    path = _CountingPath(tmp_path / name)
    header, unit = STREAMED[name]
    path.write_text(header + unit * 20_000, encoding="utf-8")
    _CountingPath.bytes_read = 0
    sentences = reader_for(path).read(path)
    first = next(sentences)
    assert (first.line, first.text) == (1 + bool(header), "A first sentence here.")
    assert _CountingPath.bytes_read <= 2 * 4096 < path.stat().st_size
    assert sum(1 for _ in sentences) == 20_000 - 1


def _result(number: int) -> SentenceResult:
    sentence = Sentence(id=number, text=f"Sentence {number}.", line=number, column=1)
    return SentenceResult(sentence, None, None, 100.0, Status.OK, {}, [])


@pytest.mark.parametrize("reporter_class", [CsvReporter, JsonLinesReporter])
def test_line_reporters_write_each_sentence_as_it_comes(reporter_class):
    stream = io.StringIO()
    reporter = reporter_class(stream)
    reporter.start(ReportMeta(input="in.txt", signature="sig", backend={"name": "none"}))
    written = []
    for number in (1, 2, 3):
        reporter.handle(_result(number))
        written.append(stream.getvalue().count("\n"))
    header = 1 if reporter_class is CsvReporter else 0
    assert written == [header + 1, header + 2, header + 3]


def test_jsonl_lines_match_the_json_report(tmp_path, seed_article, seed_glossary):
    from clirun import run_check

    run = run_check(seed_article, "--glossary", seed_glossary, out_dir=tmp_path, formats="json,jsonl")
    report = run.json_report(seed_article.stem)
    records = run.jsonl_records(seed_article.stem)
    assert [{k: v for k, v in r.items() if k not in ("input", "signature")} for r in records] == report["sentences"]
    assert {r["signature"] for r in records} == {report["signature"]}
    raw = (tmp_path / f"{seed_article.stem}.jsonl").read_bytes()
    assert raw.isascii() and raw.count(b"\n") == len(records) == 27
    assert json.loads(raw.splitlines()[0])["text"].startswith("According to British officials")


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)


@settings(max_examples=100, deadline=None)
@given(text=_TEXT | st.lists(st.sampled_from(["a", "é", "🙂", "\r", "\n", "\r\n", " "]), max_size=40).map("".join),
       chunk=st.integers(1, 9), utf16=st.booleans())
def test_streamed_lines_equal_the_whole_file_split_at_any_newline(tmp_path_factory, text, chunk, utf16):
    """Property: whatever the text and the chunk size, the streamed lines are the
    whole decoded text split at CRLF, CR and LF (no extra line for a final newline)."""
    path = tmp_path_factory.mktemp("prop") / "t.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le") if utf16 else text.encode("utf-8"))
    expected = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if expected[-1] == "":
        expected.pop()
    original, reader_base.CHUNK_BYTES = reader_base.CHUNK_BYTES, chunk
    try:
        assert list(iter_lines(path)) == list(enumerate(expected, start=1))
    finally:
        reader_base.CHUNK_BYTES = original


def test_markdown_without_blank_lines_is_handed_on_in_bounded_paragraphs(monkeypatch):
    from qa.readers import markdown

    monkeypatch.setattr(markdown, "MAX_PARAGRAPH_CHARS", 100)
    lines = [(n, f"Line {n} of a paragraph that never ends.") for n in range(1, 51)]
    blocks = list(markdown.MarkdownReader().stream_blocks(iter(lines)))
    assert all(len(text) <= 100 + 45 for _, _, text in blocks)
    assert "\n".join(text for _, _, text in blocks) == "\n".join(line for _, line in lines)
    assert [first for first, _, _ in blocks][:2] == [1, 4]
