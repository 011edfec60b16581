"""Property tests: whatever a cell, JSON string, PO string or XML element holds,
every sentence's characters are found at the file positions its map gives."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from html import unescape
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.readers import reader_for

# Words, escapes-to-be (quotes, backslashes, tabs, newlines, ampersands), non-ASCII and astral characters.
TEXT = st.lists(
    st.sampled_from(["Ir", "Kiel", "spoke.", '"hi"', "a\\b", "\t", "\n", "&", "<b>", "café", "😀", "Genève.", "x,y"]),
    min_size=1,
    max_size=12,
).map(" ".join)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _written_as(at: str, char: str) -> bool:
    """Does the file, from here on, write ``char`` (as it is, or as its escape or entity)?"""
    if at.startswith(char):
        return True
    if at.startswith("\\u"):  # a JSON escape, or a surrogate pair of them
        return any(_json_string(at[:width]) == char for width in (12, 6))
    if at.startswith("\\"):
        return {"n": "\n", "t": "\t"}.get(at[1], at[1]) == char
    if at.startswith("&"):
        return unescape(at[: at.index(";") + 1]) == char
    return False


def _json_string(raw: str) -> str | None:
    try:
        return json.loads(f'"{raw}"')
    except ValueError:
        return None


def _assert_every_character_in_place(path: Path, content: str) -> None:
    lines = content.split("\n")
    for sentence in reader_for(path).read(path):
        for offset, char in enumerate(sentence.text):
            if char == "\n":
                continue  # a line break in the text may be one in the file
            position = sentence.region(offset, offset + 1)
            assert _written_as(lines[position.line - 1][position.column - 1 :], char), (sentence, offset)


@SETTINGS
@given(target=TEXT, before=TEXT)
def test_csv_cells_map_to_the_file(tmp_path_factory, target, before):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([["id", "note", "target"], ["u1", before, target]])
    path = tmp_path_factory.mktemp("csv") / "copy.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    if any(char.isalnum() for char in target):
        _assert_every_character_in_place(path, buffer.getvalue())


@SETTINGS
@given(target=TEXT, before=TEXT, ascii_only=st.booleans())
def test_jsonl_strings_map_to_the_file(tmp_path_factory, target, before, ascii_only):
    content = json.dumps({"note": {"nested": [before, 1]}, "text": target, "id": "u1"}, ensure_ascii=ascii_only) + "\n"
    path = tmp_path_factory.mktemp("jsonl") / "copy.jsonl"
    path.write_text(content, encoding="utf-8")
    if any(char.isalnum() for char in target):
        _assert_every_character_in_place(path, content)


def _po_string(text: str, width: int) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    pieces = [escaped[i : i + width] for i in range(0, len(escaped), width)]
    while any(piece.endswith("\\") and not piece.endswith("\\\\") for piece in pieces[:-1]):
        width += 1  # never split an escape across lines
        pieces = [escaped[i : i + width] for i in range(0, len(escaped), width)]
    return "".join(f'"{piece}"\n' for piece in pieces)


@SETTINGS
@given(target=TEXT, width=st.integers(min_value=3, max_value=40))
def test_po_strings_map_to_the_file(tmp_path_factory, target, width):
    content = f'msgid "Olá"\nmsgstr ""\n{_po_string(target, width)}'
    path = tmp_path_factory.mktemp("po") / "copy.po"
    path.write_text(content, encoding="utf-8")
    if any(char.isalnum() for char in target):
        _assert_every_character_in_place(path, content)


@SETTINGS
@given(target=TEXT, code=st.sampled_from(["", '<x id="1"/>', '<ph id="2">&lt;br/&gt;</ph>', "<![CDATA[ <b> ]]>"]))
def test_xliff_targets_map_to_the_file(tmp_path_factory, target, code):
    content = (
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="pt" '
        f'target-language="en"><body>\n<trans-unit id="u"><source>x</source><target>{escape(target)}{code} '
        f"{escape(target)}</target></trans-unit></body></file></xliff>\n"
    )
    path = tmp_path_factory.mktemp("xlf") / "copy.xlf"
    path.write_text(content, encoding="utf-8")
    if any(char.isalnum() for char in target):
        _assert_every_character_in_place(path, content)
