"""Character-overlap precision/recall/F1 of flagged spans against MQM spans,
with two trivial baselines: flag every segment whole, and flag random words
at the rate mtqa flags words (seeded)."""

from __future__ import annotations

import random
import re

from qa.records import SentenceResult

_WORD = re.compile(r"\S+")


def char_set(text: str, spans) -> set[int]:
    """Offsets of the non-space characters inside the spans (spaces carry no error)."""
    return {i for start, end in spans for i in range(start, min(end, len(text))) if not text[i].isspace()}


def prf(pred: list[set[int]], gold: list[set[int]]) -> dict:
    hit = sum(len(p & g) for p, g in zip(pred, gold))
    flagged, wanted = sum(map(len, pred)), sum(map(len, gold))
    precision = hit / flagged if flagged else 0.0
    recall = hit / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "flagged_chars": flagged}


def random_words(text: str, rate: float, rng: random.Random) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if rng.random() < rate]


def span_scores(texts: list[str], gold_spans: list, results: list[SentenceResult], rng: random.Random) -> list[dict]:
    gold = [char_set(text, spans) for text, spans in zip(texts, gold_spans)]
    systems: dict[str, list[set[int]]] = {}
    kinds = sorted({flag.kind for result in results for flag in result.flags})
    for kind in [None, *kinds]:
        label = "mtqa flags, all kinds" if kind is None else f"mtqa {kind}"
        systems[label] = [
            char_set(r.sentence.text, [(f.start, f.end) for f in r.flags if kind is None or f.kind == kind])
            for r in results
        ]
    all_words = sum(len(_WORD.findall(text)) for text in texts)
    flagged_words = sum(len(_WORD.findall(r.sentence.text[f.start : f.end])) for r in results for f in r.flags)
    rate = flagged_words / all_words if all_words else 0.0
    systems["baseline: whole segment"] = [char_set(text, [(0, len(text))]) for text in texts]
    systems[f"baseline: random words ({rate:.0%} of words)"] = [
        char_set(text, random_words(text, rate, rng)) for text in texts
    ]
    return [{"system": name, **prf(pred, gold)} for name, pred in systems.items()]
