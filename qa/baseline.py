"""Baselines: findings a team has accepted, kept out of the gate (``.mtqa-baseline.json``)."""

from __future__ import annotations

DEFAULT_BASELINE = ".mtqa-baseline.json"
