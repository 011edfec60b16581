"""TER is reported capped at 100, and a runaway back-translation is not run through the shift search."""

from __future__ import annotations

from sacrebleu.metrics import TER

from qa.scoring.metrics import Ter


def sacrebleu_ter(original: str, back: str) -> float:
    return TER().sentence_score(back, [original]).score


def test_ter_below_the_cap_is_sacrebleus_own():
    original = "The prime minister met the president in London on Monday."
    back = "The prime minister saw the president in London on Tuesday."
    assert Ter().score(original, back) == sacrebleu_ter(original, back) < 100


def test_ter_above_the_cap_is_the_cap_with_or_without_the_shortcut():
    original = "Talks will continue next week, officials said."
    short_loop = original + " said said said said said said said said"  # length bound 8/7 >= 1: shortcut
    assert sacrebleu_ter(original, short_loop) > 100
    assert Ter().score(original, short_loop) == 100.0
    reordered = "said officials week next continue will talks, junk"  # same length: computed, then capped
    assert Ter().score(original, reordered) == min(sacrebleu_ter(original, reordered), 100.0)


def test_a_runaway_back_translation_scores_the_cap():
    original = " ".join(f"word{i}" for i in range(190))
    runaway = " ".join(["again"] * 1800)
    assert Ter().score(original, runaway) == 100.0
    assert Ter().signature().endswith("|cap:100")
