"""Human-judged MT data (read in place from shared/benchmarks) and mtqa runs over it.

Shared by fit_score.py (fits on MLQE-PE dev20) and human_judgments.py (reports
on test20 and WMT23). mtqa sees only the English side, as in production.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from qa.backends import DEFAULT_BACKEND, load_backend
from qa.cache import TranslationCache
from qa.encoders import default_encoder_for, load_encoder
from qa.pipeline import Checker
from qa.records import Sentence, SentenceResult
from qa.scoring import Scorer
from qa.scoring.model import ScoreModel
from qa.signals import SIGNALS, signal_for

ROOT = Path(__file__).resolve().parent.parent
#: ../shared/benchmarks of the main checkout (a worktree under wt/ looks two levels up).
DEFAULT_DATA = next(
    (path for path in (ROOT.parent / "shared" / "benchmarks", ROOT.parent.parent / "shared" / "benchmarks") if path.exists()),
    ROOT.parent / "shared" / "benchmarks",
)
PAIRS = ("ro-en", "et-en", "ne-en", "si-en", "ru-en")
#: MQM categories an unstable span can point at: meaning, terms, names.
SPAN_CATEGORIES = ("Accuracy/Mistranslation", "Terminology/", "Locale convention/Name format")


def load_mlqe(data: Path, split: str, per_pair: int | None = None) -> pd.DataFrame:
    frames = []
    for pair in PAIRS:
        path = data / f"mlqe-pe-xen-{split}" / f"{pair}.{split}.jsonl"
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        frames.append(pd.DataFrame(rows[:per_pair] if per_pair else rows))
    frame = pd.concat(frames, ignore_index=True)
    # Bad = the lowest DA quartile of its pair (z-scores are per pair).
    frame["bad"] = frame.groupby("lp")["da_z_mean"].transform(lambda z: z <= z.quantile(0.25))
    return frame[["id", "lp", "src", "mt", "da_z_mean", "bad"]]


def rows_per_pair(spec: str) -> tuple[int, dict[str, int]]:
    """"200,ro-en=1000": 200 for each pair, 1000 for ro-en."""
    default, *limits = spec.split(",")
    return int(default), {pair: int(n) for pair, n in (item.split("=") for item in limits)}


def mlqe_rows(data: Path, split: str, per_pair: str, skip: str = "0") -> pd.DataFrame:
    """Rows of ``split`` per pair from ``skip`` up to ``per_pair`` (both in ``rows_per_pair``'s form)."""
    frame = load_mlqe(data, split)
    rank = frame.groupby("lp").cumcount()
    (first, firsts), (end, ends) = rows_per_pair(skip), rows_per_pair(per_pair)
    kept = (rank >= frame["lp"].map(lambda pair: firsts.get(pair, first))) & (
        rank < frame["lp"].map(lambda pair: ends.get(pair, end))
    )
    return frame[kept].reset_index(drop=True)


def load_wmt23(data: Path, limit: int | None = None) -> pd.DataFrame:
    path = data / "wmt23-sxs-mqm-zhen" / "wmt23_zhen_sxs_mqm.segments.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    frame = pd.DataFrame(rows[:limit] if limit else rows)
    frame["gold_spans"] = frame["errors"].map(_gold_spans)
    return frame[["id", "system", "src", "mt", "mqm_mean", "gold_spans"]]


def _gold_spans(errors: list[dict]) -> list[tuple[int, int]]:
    return [
        (error["start"], error["end"])
        for error in errors
        if error["side"] == "target" and error["category"].startswith(SPAN_CATEGORIES) and error["end"] > error["start"]
    ]


@dataclass
class MtqaRun:
    results: list[SentenceResult]
    seconds: float
    complete: bool  # False when --max-seconds cut the run short
    backend: dict


def run_mtqa(
    texts: list[str],
    scorer: Scorer,
    max_seconds: float | None = None,
    checks=None,
    backend: str = DEFAULT_BACKEND,
    sources: list[str] | None = None,
    encoder: str | None = None,
) -> MtqaRun:
    """mtqa's own pipeline over the texts, one sentence each (cache on, like CI re-runs), with
    each text's source when ``sources`` is given; ``encoder`` as ``--encoder`` (None: the default)."""
    engine = load_backend(backend)
    sentence_encoder = load_encoder(encoder or default_encoder_for(engine.needs_model))
    cache = TranslationCache(engine.signature()) if engine.needs_model or sentence_encoder else None
    checker = Checker(engine, scorer=scorer, cache=cache, checks=checks, encoder=sentence_encoder)
    started, results = time.perf_counter(), []
    sources = sources or [None] * len(texts)
    try:
        sentences = (
            Sentence(id=i + 1, text=text, line=i + 1, column=1, source=source)
            for i, (text, source) in enumerate(zip(texts, sources))
        )
        for result in checker.check_sentences(sentences):
            results.append(result)
            if max_seconds is not None and time.perf_counter() - started > max_seconds:
                break
    finally:
        engine.close()
        if cache:
            cache.close()
    return MtqaRun(results, time.perf_counter() - started, len(results) == len(texts), engine.describe())


def all_signals_scorer(model: ScoreModel | None = None, leave_out: frozenset[str] = frozenset()) -> Scorer:
    """A scorer that computes every registered signal (not only the model's) but ``leave_out``."""
    model = model or ScoreModel("none", "0", ())
    names = [name for name in dict.fromkeys((*SIGNALS, *model.signals)) if name not in leave_out]
    return Scorer(model, [signal_for(name) for name in names])


def signal_table(results: list[SentenceResult]) -> pd.DataFrame:
    return pd.DataFrame([result.metrics for result in results])
