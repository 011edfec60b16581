"""The run's signature, as sacrebleu's: what produced the scores, so a score can be
reproduced and two reports compared only when they are comparable.

It names the mtqa version, the backend (its model, engine, pivot and scorer),
the score model and the variant of it that the run uses, and only the signals
the run actually computes (``--backend none`` computes no round-trip metric and
no model score). The short form reads like sacrebleu's

    mtqa:0.9.0|backend:bergamot|model:enpt-1693087644+pten-1693087646|...|signals:chrf[nrefs:1,...]+log_length:v1

and parses back: ``Signature.parse(str(sig)) == sig``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from qa.errors import UsageError

#: Characters that separate fields (|) and list items (+); % starts an escape.
_RESERVED = re.compile(r"[%|+]")
_ESCAPE = re.compile(r"%([0-9A-F]{2})")
#: Short-form keys, in order; the dataclass field of each.
_KEYS = {
    "mtqa": "version",
    "backend": "backend",
    "model": "models",
    "engine": "engine",
    "pivot": "pivot",
    "scorer": "scorer",
    "encoder": "encoder",
    "score": "score_model",
    "variant": "variant",
    "signals": "signals",
}
_LISTS = {"models", "signals"}


def _escape(value: str) -> str:
    return _RESERVED.sub(lambda match: f"%{ord(match.group()):02X}", value)


def _unescape(value: str) -> str:
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), value)


def signal_token(signature: str) -> str:
    """One signal's own signature as one list item: a sacrebleu signature's
    fields ("chrf:nrefs:1|case:mixed") go in brackets, comma-separated."""
    name, _, rest = signature.partition(":")
    return f"{name}[{rest.replace('|', ',')}]" if "|" in rest else signature


@dataclass(frozen=True, slots=True)
class Signature:
    version: str
    backend: str
    score_model: str
    models: tuple[str, ...] = ()
    engine: str | None = None
    pivot: str | None = None
    scorer: str | None = None
    encoder: str | None = None
    variant: str | None = None
    signals: tuple[str, ...] = ()

    def __str__(self) -> str:
        parts = []
        for key, attribute in _KEYS.items():
            value = getattr(self, attribute)
            if attribute in _LISTS:
                if value:
                    parts.append(f"{key}:{'+'.join(_escape(item) for item in value)}")
            elif value is not None:
                parts.append(f"{key}:{_escape(value)}")
        return "|".join(parts)

    @classmethod
    def parse(cls, text: str) -> "Signature":
        values: dict[str, object] = {}
        for part in text.split("|"):
            key, colon, value = part.partition(":")
            if not colon or key not in _KEYS or _KEYS[key] in values:
                raise UsageError(f"not an mtqa signature field: {part!r}")
            attribute = _KEYS[key]
            values[attribute] = (
                tuple(_unescape(item) for item in value.split("+")) if attribute in _LISTS else _unescape(value)
            )
        missing = [f.name for f in fields(cls) if f.name in ("version", "backend", "score_model") and f.name not in values]
        if missing:
            raise UsageError(f"mtqa signature without {', '.join(missing)}: {text!r}")
        return cls(**values)  # type: ignore[arg-type]

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def run_signature(version: str, backend, scorer, encoder=None) -> Signature:
    """The signature of a run of ``scorer`` over ``backend``'s round trips (and ``encoder``'s vectors).
    Its variant is the one for sentences without a source: a sentence with one names its own."""
    described = backend.describe()
    model = described.get("model")
    computed = scorer.computed_signals(
        gives_round_trips=backend.needs_model, model_signals=backend.model_signals, encodes=encoder is not None
    )
    variant = scorer.model.variant_for({signal.name: 0.0 for signal in computed if not signal.needs_source})
    return Signature(
        version=version,
        backend=str(described.get("name") or backend.name),
        score_model=scorer.model.signature_token(),
        models=tuple(str(model).split("+")) if model else (),
        engine=_text(described.get("engine")),
        pivot=_text(described.get("pivot")),
        scorer=_text(described.get("scorer")),
        encoder=encoder.signature() if encoder is not None else None,
        variant=variant.name if variant else None,
        signals=tuple(signal_token(signal.signature()) for signal in computed),
    )


def _text(value) -> str | None:
    return None if value is None else str(value)
