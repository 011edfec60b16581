"""The per-sentence facts signals share (SentenceView.words/norms/zipfs) and the
score model's precompiled terms give exactly what the direct computations give."""

import math
import random
from pathlib import Path

import pytest

from qa.lexicon import zipf
from qa.records import Flag, RoundTrip, Severity
from qa.scoring import Scorer
from qa.segment import sentence_spans
from qa.signals import signal_for
from qa.signals.language import NonEnglishRate
from qa.view import SentenceView

SEED = Path(__file__).resolve().parent.parent / "seeds" / "coalition-of-the-willing.txt"
EXTRA = [
    "",
    "!!!",
    "Ok.",
    "Der Bundeskanzler Olaf Scholz sagte, die Regierung werde nicht übereilt handeln.",
    "Café Zürich: naïve résumé ΑΘΗΝΑ Σωκράτης, 東京 and the U.S. on 3.5 per cent.",
    "The the the the the Keir Starmre said said said.",
    "ajutorului Ajutorului xyzzyq Qwrtpl ok OK_ok 12345 a1b2",
    "".join(map(chr, range(128))),  # every ASCII character: the byte-set counts agree with str's predicates
    "Twelve ½ ² ٣ digits\u00a0and\u2003spaces, «quoted» — 42.",
]


def sentences() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [line[start:end] for line in lines for start, end in sentence_spans(line)] + EXTRA


def direct_values(view: SentenceView) -> dict[str, float]:
    """The word signals as written before the shared facts: each token looked up directly."""
    tokens, text = view.tokens, view.text
    n = len(tokens)
    words = [text[t.start : t.end] for t in tokens]
    capitalised = sum(text[t.start].isupper() and zipf(t.norm) < 2.5 for t in tokens[1:])
    return {
        "rare_word_rate": sum(zipf(t.norm) < 3.0 for t in tokens) / n if n else 0.0,
        "min_word_zipf": min((zipf(t.norm) for t in tokens), default=0.0),
        "unknown_capitalised_rate": capitalised / n if n > 1 else 0.0,
        "unknown_word_rate": sum(zipf(t.norm) == 0.0 for t in tokens) / n if n else 0.0,
        "non_english_rate": sum(NonEnglishRate.is_foreign(w, t.norm) for w, t in zip(words, tokens)) / n if n else 0.0,
        "mean_word_length": sum(t.end - t.start for t in tokens) / n if n else 0.0,
        "punctuation_rate": sum(not (c.isalnum() or c.isspace()) for c in text) / len(text) if text else 0.0,
        "digit_rate": sum(c.isdigit() for c in text) / len(text) if text else 0.0,
    }


@pytest.mark.parametrize("text", sentences())
def test_shared_word_facts_give_the_direct_values(text):
    view = SentenceView.of(text)
    assert view.words == [text[t.start : t.end] for t in view.tokens]
    assert view.zipfs == [zipf(t.norm) for t in view.tokens]
    for name, expected in direct_values(view).items():
        assert signal_for(name).value(view) == expected, name


def test_pivot_copy_rate_reads_the_shared_facts():
    text = "Mr. Starmre met Ajutorului in Brussels on Monday."
    view = SentenceView.of(text, round_trip=RoundTrip(back_translation="x", pivot="O Sr. Starmre e ajutorului"))
    rare = [t.norm for t in view.tokens if t.norm.isalpha() and zipf(t.norm) < 4.0]
    expected = sum(word in {"starmre", "ajutorului"} for word in rare) / len(view.tokens)
    assert signal_for("pivot_copy_rate").value(view) == expected > 0


def test_precompiled_score_model_matches_its_terms():
    scorer = Scorer()
    warning = Flag(kind="glossary_variant", severity=Severity.WARNING, start=0, end=1, span="x", message="m")
    for text in sentences():
        values = scorer.signal_values(SentenceView.of(text))
        variant = next(v for v in scorer.model.variants if all(t.signal in values for t in v.terms))
        direct = variant.intercept + sum(t.weight * t.standardised(values[t.signal]) for t in variant.terms)
        assert variant.predict(values) == direct
        assert scorer.model.variant_for(values) is variant
        for flags in ([], [warning]):
            separately = (scorer.score(values, flags), scorer.variant_name(values), scorer.explain(values))
            assert scorer.assessed(values, flags) == separately
    assert scorer.assessed({}, []) == (100.0, None, None)


def test_precompiled_clip_matches_min_max_on_edge_values():
    rng = random.Random(7)
    edges = [0.0, -0.0, math.inf, -math.inf, math.nan, 1e9, -1e9]
    for variant in Scorer().model.variants:
        for _ in range(2000):
            values = {name: rng.choice([rng.uniform(-5, 5), *edges]) for name in variant.signals}
            direct = variant.intercept + sum(t.weight * t.standardised(values[t.signal]) for t in variant.terms)
            got = variant.predict(values)
            assert got == direct or (math.isnan(got) and math.isnan(direct))
