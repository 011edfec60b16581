"""Golden files: each input format read into sentences with their unit, source
and location. Regenerate after a deliberate change with
``MTQA_UPDATE_GOLDEN=1 pytest tests/test_input_formats.py`` and review the diff."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from qa.readers import reader_for

INPUTS = Path(__file__).parent / "data" / "inputs"
GOLDEN = INPUTS / "golden"
FIXTURES = sorted(path for path in INPUTS.iterdir() if path.is_file())


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.name)
def test_reader_matches_golden_file(path):
    # The golden files hold what a reader says of each sentence; the offset maps have tests of their own.
    kept = ("id", "text", "line", "column", "source", "unit")
    sentences = [{key: asdict(sentence)[key] for key in kept} for sentence in reader_for(path).read(path)]
    golden = GOLDEN / f"{path.name}.json"
    if os.environ.get("MTQA_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(sentences, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert sentences == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.name)
def test_each_sentence_points_at_its_first_word_in_the_file(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    for sentence in reader_for(path).read(path):
        first_word = sentence.text.split()[0]
        assert lines[sentence.line - 1][sentence.column - 1 :].startswith(first_word), sentence


def test_untranslated_units_are_skipped_and_the_rest_numbered_in_order():
    path = INPUTS / "xliff12.xlf"
    sentences = list(reader_for(path).read(path))
    assert [sentence.id for sentence in sentences] == list(range(1, len(sentences) + 1))
    assert "untranslated" not in {sentence.unit for sentence in sentences}


def test_reading_text_or_tables_does_not_import_translate_toolkit():
    code = (
        "import sys; from pathlib import Path; from qa.readers import reader_for\n"
        f"for name in ('columns.csv', 'records.jsonl'):\n"
        f"    path = Path({str(INPUTS)!r}) / name; list(reader_for(path).read(path))\n"
        "print('translate' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
