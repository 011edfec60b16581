"""The Markdown reader checks prose only: front matter, indented code and a
table's header and separator rows are not prose; table body cells are."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.readers import reader_for


def _read(tmp_path: Path, content: str) -> list[tuple[int, int, str]]:
    path = tmp_path / "copy.md"
    path.write_text(content, encoding="utf-8")
    lines = content.split("\n")
    found = [(s.line, s.column, s.text) for s in reader_for(path).read(path)]
    for line, column, text in found:  # every sentence stands where it says
        assert lines[line - 1][column - 1 :].startswith(text.split("\n")[0])
    return found


@pytest.mark.parametrize(
    "front_matter",
    ["---\ntitle: Ir Kiel visits\ntags: [news]\n---\n", "+++\ntitle = \"Ir Kiel visits\"\n+++\n"],
    ids=["yaml", "toml"],
)
def test_front_matter_is_not_prose(tmp_path, front_matter):
    found = _read(tmp_path, front_matter + "\nKeir Starmer spoke.\n")
    assert [text for _, _, text in found] == ["Keir Starmer spoke."]


def test_a_thematic_break_that_never_closes_is_no_front_matter(tmp_path):
    found = _read(tmp_path, "---\nKeir Starmer spoke.\n")
    assert [text for _, _, text in found] == ["Keir Starmer spoke."]


def test_indented_code_is_not_prose_but_an_indented_list_paragraph_is(tmp_path):
    content = (
        "Keir Starmer spoke.\n\n    print('Ir Kiel')\n    more_code()\n\n"
        "- A list item.\n\n    A second paragraph of the item.\n"
    )
    found = _read(tmp_path, content)
    assert [text for _, _, text in found] == ["Keir Starmer spoke.", "A list item.", "A second paragraph of the item."]


def test_table_header_and_separator_are_not_prose_and_each_cell_is_its_own_paragraph(tmp_path):
    content = "| Name of Ir Kiel | Role |\n|---|:---:|\n| Keir Starmer | Prime minister. |\n| Macron | President |\n\nAfter.\n"
    found = _read(tmp_path, content)
    assert found == [
        (3, 3, "Keir Starmer"),
        (3, 18, "Prime minister."),
        (4, 3, "Macron"),
        (4, 12, "President"),
        (6, 1, "After."),
    ]
