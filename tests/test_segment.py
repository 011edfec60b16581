"""Sentence segmentation and the readers: every sentence keeps offsets that map back to the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.errors import InputError
from qa.readers import reader_for
from qa.segment import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith flew to Washington, D.C. on Monday. He left the U.S. for good.",
            ["Mr. Smith flew to Washington, D.C. on Monday.", "He left the U.S. for good."],
        ),
        (
            "The U.S. economy grew 2.5 percent. Prices rose 3.1% in Jan. 2025.",
            ["The U.S. economy grew 2.5 percent.", "Prices rose 3.1% in Jan. 2025."],
        ),
        ("The UK announced a £1.6 billion contract. It was signed.", ["The UK announced a £1.6 billion contract.", "It was signed."]),
        ('He said, "Stop it." Then he left.', ['He said, "Stop it."', "Then he left."]),
        ("“We’re doing that,” he said. “Really.”", ["“We’re doing that,” he said.", "“Really.”"]),
        ("Dr. Jones met Mrs. Brown in St. Louis. They talked.", ["Dr. Jones met Mrs. Brown in St. Louis.", "They talked."]),
        ("Is it? Yes. No!", ["Is it?", "Yes.", "No!"]),
        ("Talks were held in Washington, D.C.", ["Talks were held in Washington, D.C."]),
    ],
)
def test_segmenter_keeps_abbreviations_decimals_and_quotes(text, expected):
    assert sentences(text) == expected


def test_sentence_never_ends_in_trailing_whitespace():
    # syntok closes a paragraph with an empty token after trailing whitespace.
    assert sentences("No full stop here \t") == ["No full stop here"]
    assert sentences("Mr. \t") == ["Mr."]


def test_blank_text_has_no_sentences():
    assert sentences(" \t ") == []


_PIECES = ["Mr.", "U.S.", "D.C.", "2.5", "£1.6", "word", "Kiev", ".", ",", "!", "?", "“", "”", '"', "’s", "(", ")", "—", "…", "\t", "e.g."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=20).map(" ".join))
def test_spans_cover_every_character_in_order(text):
    """Nothing is dropped or duplicated: between sentences there is only whitespace."""
    previous_end = 0
    for start, end in sentence_spans(text):
        assert previous_end <= start < end <= len(text)
        assert text[previous_end:start].strip() == ""
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    assert text[previous_end:].strip() == ""


def read(path: Path):
    return list(reader_for(path).read(path))


def char_at(lines: list[str], sentence, offset: int) -> str:
    """The file character that the sentence's character at ``offset`` stands for."""
    before = sentence.text[:offset]
    line = sentence.line - 1 + before.count("\n")
    column = sentence.column - 1 + offset if "\n" not in before else offset - before.rindex("\n") - 1
    return lines[line][column]


def assert_maps_back(path: Path, found) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for sentence in found:
        for offset, char in enumerate(sentence.text):
            if not char.isspace():
                assert char_at(lines, sentence, offset) == char, (sentence, offset)


def test_text_lines_and_columns_are_one_based(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text("First line. Mr. Smith came.\n\n  Indented line here.\nLast, in Washington, D.C.\n", encoding="utf-8")
    found = read(path)
    assert [(s.id, s.line, s.column, s.text) for s in found] == [
        (1, 1, 1, "First line."),
        (2, 1, 13, "Mr. Smith came."),
        (3, 3, 3, "Indented line here."),
        (4, 4, 1, "Last, in Washington, D.C."),
    ]
    assert_maps_back(path, found)


def test_text_line_break_ends_a_sentence(tmp_path):
    # MT output is line-aligned: "D.C." at a line end must not swallow the next line.
    path = tmp_path / "copy.txt"
    path.write_text("Talks in Washington, D.C.\nAt the meeting, Healy spoke.\n", encoding="utf-8")
    assert [s.text for s in read(path)] == ["Talks in Washington, D.C.", "At the meeting, Healy spoke."]


def test_crlf_and_bom_do_not_shift_columns(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_bytes("\ufeffOne. Two.\r\nThree.\r\n".encode("utf-8"))
    assert [(s.line, s.column, s.text) for s in read(path)] == [(1, 1, "One."), (1, 6, "Two."), (2, 1, "Three.")]


MARKDOWN = """\
# The coalition of will

Keir Starmer met **Mr. Macron** in Washington, D.C. on Monday. They spoke
about [the U.S. plan](https://example.com/plan) for 2.5 hours.

- First item about Kiev. Second sentence.
- Another item with `inline code` here.

```python
print("Ir Kiel must never be read.")
```

> A quoted line. With two sentences.

1. Numbered point about Healy's visit.
"""


def test_markdown_skips_markup_and_code_and_maps_back(tmp_path):
    path = tmp_path / "copy.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    found = read(path)
    words = [" ".join(s.text.split()) for s in found]
    assert words == [
        "The coalition of will",
        "Keir Starmer met Mr. Macron in Washington, D.C. on Monday.",
        "They spoke about the U.S. plan for 2.5 hours.",
        "First item about Kiev.",
        "Second sentence.",
        "Another item with here.",
        "A quoted line.",
        "With two sentences.",
        "Numbered point about Healy's visit.",
    ]
    assert [(s.line, s.column) for s in found] == [(1, 3), (3, 1), (3, 64), (6, 3), (6, 26), (7, 3), (13, 3), (13, 18), (15, 4)]
    assert_maps_back(path, found)
    assert not any("Ir Kiel" in s.text or "https" in s.text for s in found)


def test_empty_input_is_an_input_error(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text to check"):
        read(path)


def test_invalid_utf8_names_file_and_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Good line.\nBad \xff byte.\n")
    with pytest.raises(InputError) as raised:
        read(path)
    assert str(raised.value).startswith(f"{path}:2:5: not valid UTF-8")


def test_markdown_comments_spanning_lines_are_skipped(tmp_path):
    path = tmp_path / "copy.md"
    path.write_text(
        "Visible text.\n\n<!-- A draft paragraph\nthat mentions Ir Kiel. -->\n\nMore text. <!-- aside --> End.\n",
        encoding="utf-8",
    )
    found = read(path)
    assert [(s.line, s.column, s.text) for s in found] == [(1, 1, "Visible text."), (6, 1, "More text."), (6, 27, "End.")]
    assert_maps_back(path, found)
