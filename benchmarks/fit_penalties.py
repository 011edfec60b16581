"""Score model v5: what each kind of flag takes off the score, fitted on MLQE-PE dev20 only.

    .venv/bin/python benchmarks/fit_penalties.py [--per-pair 1000] [--skip 200,ro-en=1000] [--min-flagged 20]

(--per-pair and --skip: N for every pair, then PAIR=M for exceptions, e.g. 500,et-en=664.)

Until v4 every flag of a kind the model did not weigh took a fixed 10 points (warning) or
30 (error) off. On MLQE-PE the bilingual rules flag sentences whose model score already says
most of what the flag says, so the fixed penalties cost the score as reported .04 mean r on
test20 (.528 -> .490). Here each kind seen on at least --min-flagged dev sentences gets its
own penalty: a least-squares fit of the DA z-score on the model score and each kind's flag
count (a constant per language pair, pairs weighed equally); the penalty is the kind's weight
divided by the model score's, in score points, and never below 0 (a flag does not raise a
score). Kinds with fewer dev flags (the glossary's: no judged data has them) keep the fixed
penalties. The fit reads only the dev20 rows the v4 model was not fitted on (--skip: the
v4 fit's rows), so the model score it sees is one on unseen sentences. Prints each penalty,
the dev mean r of the model score, of the score with the fixed penalties and with the fitted
ones (and 5-fold), and the status shares on dev; writes qa/data/score_model_v5.json
(v4's variants unchanged, plus ``flag_penalties``). Nothing here reads test20 or WMT23.
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

from fit_score import FOLDS  # noqa: E402
from judged_data import DEFAULT_DATA, ROOT, mlqe_rows, run_mtqa  # noqa: E402

from qa.scoring import Scorer  # noqa: E402
from qa.scoring.model import ScoreModel  # noqa: E402

DATA = ROOT / "qa" / "data"


def flag_table(dev: pd.DataFrame, scorer: Scorer) -> pd.DataFrame:
    """Per dev sentence: its model score, its reported score with today's penalties, its flag kinds."""
    run = run_mtqa(dev["mt"].tolist(), scorer, sources=dev["src"].tolist())
    frame = dev.iloc[: len(run.results)].copy()
    frame["base"] = [scorer.model_score(r.metrics) for r in run.results]
    frame["fixed"] = [r.score for r in run.results]
    # Each penalised flag as (kind, the fixed points it took: 10 a warning, 30 an error).
    frame["flags"] = [
        [(flag.kind, scorer.PENALTIES[flag.severity]) for flag in r.flags if flag.kind not in scorer.fitted_kinds]
        for r in run.results
    ]
    frame["warned"] = [any(flag.severity.rank >= 1 for flag in r.flags) for r in run.results]
    return frame[[r.error is None for r in run.results]].reset_index(drop=True)


def fitted_penalties(frame: pd.DataFrame, kinds: list[str]) -> dict[str, float]:
    """Points per flag of each kind: its DA weight over the model score's, clipped at 0."""
    pairs = pd.get_dummies(frame["lp"]).to_numpy(dtype=float)
    counts = np.array([[[k for k, _ in flags].count(kind) for kind in kinds] for flags in frame["flags"]], dtype=float)
    design = np.c_[pairs, frame["base"].to_numpy(), counts]
    weights = np.sqrt(1.0 / frame.groupby("lp")["lp"].transform("size").to_numpy())
    coef = np.linalg.lstsq(design * weights[:, None], frame["da_z_mean"].to_numpy() * weights, rcond=None)[0]
    per_point = coef[pairs.shape[1]]
    return {kind: round(max(0.0, -weight / per_point), 2) for kind, weight in zip(kinds, coef[pairs.shape[1] + 1 :])}


def penalised(frame: pd.DataFrame, penalties: dict[str, float]) -> pd.Series:
    taken = frame["flags"].map(lambda flags: sum(penalties.get(kind, points) for kind, points in flags))
    return (frame["base"] - taken).clip(0, 100)


def mean_r(frame: pd.DataFrame, scores: pd.Series) -> float:
    return float(np.mean([scores[g.index].corr(g["da_z_mean"]) for _, g in frame.groupby("lp")]))


def cross_validated_r(frame: pd.DataFrame, kinds: list[str]) -> float:
    fold, scores = np.arange(len(frame)) % FOLDS, pd.Series(index=frame.index, dtype=float)
    for k in range(FOLDS):
        held = fold == k
        penalties = fitted_penalties(frame[~held], kinds)
        scores[held] = penalised(frame[held], penalties)
    return mean_r(frame, scores)


def status_shares(frame: pd.DataFrame, scores: pd.Series) -> dict[str, tuple[float, float]]:
    bad = frame["bad"].to_numpy(dtype=bool)
    poor = (scores < Scorer.REVIEW_AT).to_numpy()
    review = poor | (scores < Scorer.OK_AT).to_numpy() | frame["warned"].to_numpy()
    return {name: (float(held[bad].mean()), float(held[~bad].mean())) for name, held in (("poor", poor), ("review or poor", review))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-pair", default="1000", help="dev20 rows read per pair (N or N,PAIR=M,...)")
    parser.add_argument("--skip", default="200,ro-en=1000", help="dev20 rows the v4 model was fitted on (left out)")
    parser.add_argument("--min-flagged", type=int, default=20, help="dev sentences a kind needs to get its own penalty")
    parser.add_argument("--model", type=Path, default=DATA / "score_model_v4.json")
    args = parser.parse_args(argv)

    scorer = Scorer(ScoreModel.load(args.model))
    frame = flag_table(mlqe_rows(args.data, "dev20", args.per_pair, args.skip), scorer)
    print(f"dev20 rows the v4 model did not see: {len(frame)} {frame['lp'].value_counts().to_dict()}")
    counts = frame["flags"].map(lambda flags: {kind for kind, _ in flags}).explode().dropna().value_counts()
    kinds = sorted(kind for kind, n in counts.items() if n >= args.min_flagged)
    penalties = fitted_penalties(frame, kinds)
    for kind in sorted(counts.index):
        own = f"{penalties[kind]:.2f} points (fitted)" if kind in penalties else "as before (too few dev flags)"
        print(f"  {kind}: on {counts[kind]} dev sentences; now {own}")
    print(f"dev mean r: model score {mean_r(frame, frame['base']):.4f}; with the fixed penalties "
          f"{mean_r(frame, frame['fixed']):.4f}; with the fitted ones {mean_r(frame, penalised(frame, penalties)):.4f} "
          f"(5-fold {cross_validated_r(frame, kinds):.4f})")
    for name, (bad, good) in status_shares(frame, penalised(frame, penalties)).items():
        print(f"  dev status {name}: {100 * bad:.1f}% of bad sentences, {100 * good:.1f}% of good")

    model = json.loads(args.model.read_text(encoding="utf-8"))
    model.update({
        "version": 5, "fitted": str(date.today()),
        "flag_penalties": penalties,
        "flag_penalties_fitted_on": f"MLQE-PE dev20 with sources, {len(frame)} rows the variants were not fitted on "
        f"({frame['lp'].value_counts().to_dict()}: rows {args.skip} up to {args.per_pair} per pair); kinds on >= "
        f"{args.min_flagged} dev sentences; benchmarks/fit_penalties.py",
    })
    (DATA / "score_model_v5.json").write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print("wrote qa/data/score_model_v5.json")


if __name__ == "__main__":
    main()
