"""The bundled model's probabilities against human judgments (MLQE-PE, X->English).

Runs the bergamot-torch backend on the English MT of MLQE-PE and reports
  1. word level (dev20): surprisal of each MT token against its OK/BAD post-edit tag:
     precision/recall/F1/MCC of BAD per threshold, and the lowest threshold with BAD precision
     >= 0.65 (LowLikelihoodCheck.THRESHOLD);
  2. sentence level (test20): Pearson with the DA z-score of each signal: the round-trip
     metrics (chrF, BLEU, TER), the current 0-100 score, rt_logprob, rt_logprob_per_token,
     fwd_confidence, and the NMT system's own glass-box score as a reference point;
  3. the score re-fitted: least squares on dev20 of DA z on the round-trip metrics, with and
     without the model scores, evaluated by Pearson on test20.

    .venv/bin/python benchmarks/bergamot_likelihood.py [--per-pair 100]

Data is read in place from ../shared/benchmarks beside the checkout (override: MTQA_BENCHMARKS); a fixed-seed
sample of --per-pair rows per language pair of each split.
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path

import numpy as np

from qa.backends.bergamot_torch import BergamotTorchBackend
from qa.scoring import Scorer

# ../shared beside the checkout, read in place (override: MTQA_BENCHMARKS).
DATA = Path(os.environ.get("MTQA_BENCHMARKS", Path(__file__).resolve().parents[2] / "shared" / "benchmarks"))
PAIRS = ("ro-en", "et-en", "ne-en", "si-en", "ru-en")
METRICS = ("chrf", "bleu", "ter")
MODEL_SCORES = BergamotTorchBackend().model_signals  # lazy: loads no model
THRESHOLDS = (1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15)
#: Flags are for editors: a flagged word should more often be wrong than not, clearly above the BAD base rate.
PRECISION_TARGET = 0.65


def sample(split: str, per_pair: int, seed: int = 8) -> list[dict]:
    rows = []
    for pair in PAIRS:
        with (DATA / f"mlqe-pe-xen-{split}" / f"{pair}.{split}.jsonl").open(encoding="utf-8") as handle:
            lines = [json.loads(line) for line in handle]
        rows.extend(random.Random(seed).sample(lines, per_pair))
    return rows


def run(backend, scorer: Scorer, rows: list[dict]) -> list[dict]:
    round_trips = backend.round_trip([row["mt"] for row in rows])
    for row, rt in zip(rows, round_trips):
        row["signals"] = {**scorer.metric_values(row["mt"], rt.back_translation), **rt.model_scores}
        row["signals"]["score"] = scorer.score(row["signals"], [])
        row["words"] = rt.word_surprisals
    return rows


def token_surprisals(row: dict) -> list[tuple[float, bool]]:
    """(surprisal, is BAD) per MT token: tokens are found left to right in the MT text; a token
    takes the surprisal of the word it overlaps (0 for punctuation, which no word covers)."""
    text, position, pairs = row["mt"], 0, []
    for token, tag in zip(row["mt_tok"].split(), row["mt_word_tags"].split()):
        start = text.find(token, position)
        if start < 0:  # the tokeniser changed the token (quotes, escapes): unscored
            continue
        end = position = start + len(token)
        surprisal = max((w.surprisal for w in row["words"] if w.start < end and start < w.end), default=0.0)
        pairs.append((surprisal, tag == "BAD"))
    return pairs


def calibrate(rows: list[dict]) -> None:
    pairs = [pair for row in rows for pair in token_surprisals(row)]
    surprisal = np.array([s for s, _ in pairs])
    bad = np.array([b for _, b in pairs])
    print(f"\n== word level, dev20: {len(pairs)} MT tokens, {bad.mean():.1%} BAD")
    print(" threshold  flagged  precision  recall    F1    MCC")
    best = (-1.0, 0.0)
    for threshold in THRESHOLDS:
        flagged = surprisal >= threshold
        hits = (flagged & bad).sum()
        precision = _precision(flagged, bad)
        recall = hits / max(bad.sum(), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        mcc = np.corrcoef(flagged, bad)[0, 1] if 0 < flagged.sum() < len(flagged) else 0.0
        best = max(best, (mcc, threshold))
        print(f" {threshold:9.1f}  {flagged.mean():7.1%}  {precision:9.3f}  {recall:6.3f}  {f1:.3f}  {mcc:+.3f}")
    # F1 is no guide here: flagging every word already gives F1 = 2b/(1+b) for a BAD rate b.
    print(f"MCC-best threshold: {best[1]} nats (MCC {best[0]:+.3f}); BAD base rate {bad.mean():.3f}")
    precise = [t for t in THRESHOLDS if _precision(surprisal >= t, bad) >= PRECISION_TARGET]
    chosen = precise[0] if precise else None
    print(f"lowest threshold with BAD precision >= {PRECISION_TARGET}: {chosen} nats (LowLikelihoodCheck.THRESHOLD)")


def _precision(flagged: np.ndarray, bad: np.ndarray) -> float:
    return float((flagged & bad).sum() / max(flagged.sum(), 1))


def correlations(rows: list[dict]) -> None:
    human = np.array([row["da_z_mean"] for row in rows])
    print(f"\n== sentence level, test20: Pearson with DA z-score, n = {len(rows)}")
    for name in (*METRICS, "score", *MODEL_SCORES):
        values = np.array([row["signals"][name] for row in rows])
        print(f" {name:22s} {np.corrcoef(values, human)[0, 1]:+.3f}")
    reference = np.array([row["nmt_model_score"] for row in rows])
    print(f" {'nmt_model_score (ref)':22s} {np.corrcoef(reference, human)[0, 1]:+.3f}  (the MT system's own glass box)")


def refit(dev: list[dict], test: list[dict]) -> None:
    print("\n== score re-fitted on dev20 (least squares on DA z), Pearson on test20")
    for label, names in (("round-trip metrics", METRICS), ("+ model scores", (*METRICS, *MODEL_SCORES))):
        weights = np.linalg.lstsq(_design(dev, names), [row["da_z_mean"] for row in dev], rcond=None)[0]
        predicted = _design(test, names) @ weights
        pearson = np.corrcoef(predicted, [row["da_z_mean"] for row in test])[0, 1]
        terms = ", ".join(f"{w:+.4f}·{n}" for w, n in zip(weights[1:], names))
        print(f" {label:20s} Pearson {pearson:+.3f}   z = {weights[0]:+.3f} {terms}")


def _design(rows: list[dict], names) -> np.ndarray:
    return np.array([[1.0] + [row["signals"][name] for name in names] for row in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-pair", type=int, default=100)
    args = parser.parse_args()
    backend, scorer = BergamotTorchBackend(), Scorer()
    try:
        dev = run(backend, scorer, sample("dev20", args.per_pair))
        test = run(backend, scorer, sample("test20", args.per_pair))
    finally:
        backend.close()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; {args.per_pair} rows per pair per split")
    calibrate(dev)
    correlations(test)
    refit(dev, test)


if __name__ == "__main__":
    main()
