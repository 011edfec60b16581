"""The models mtqa can use: the bundled Bergamot pair and what sits in models/,
and conversion of Hugging Face models for the ctranslate2 backend.

Library code: returns data, raises MtqaError.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from qa.backends.extras import require_extra
from qa.backends.hf_models import models_dir
from qa.errors import BackendError, UsageError

#: Tokenizer files the ctranslate2 backend needs beside the converted weights.
TOKENIZER_FILES = (
    "tokenizer_config.json", "special_tokens_map.json", "tokenizer.json", "vocab.json",
    "source.spm", "target.spm", "sentencepiece.bpe.model", "target_vocab.json",
)


@dataclass(frozen=True, slots=True)
class ModelInfo:
    name: str
    backend: str
    family: str
    location: str


def list_models(directory: Path | None = None) -> list[ModelInfo]:
    found = _bundled()
    directory = directory or models_dir()
    if directory.is_dir():
        found += [info for path in sorted(directory.iterdir()) if (info := describe_model_dir(path))]
    return found


def _bundled() -> list[ModelInfo]:
    from qa.backends.bergamot import MODEL_DIRS, bundled_model_dir

    return [ModelInfo(f"bergamot {direction}", "bergamot", "bergamot (bundled)", str(bundled_model_dir(direction)))
            for direction in MODEL_DIRS]


def describe_model_dir(path: Path) -> ModelInfo | None:
    """What a directory under models/ holds, or None when it is not a model."""
    config_file = path / "config.json"
    if not path.is_dir() or not config_file.is_file():
        return None
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (path / "model.bin").is_file():
        return ModelInfo(path.name, "ctranslate2", config.get("mtqa_source_family", "converted"), str(path))
    return ModelInfo(path.name, "transformers", config.get("model_type", "unknown"), str(path))


def convert_model(source: str, output: Path | None = None, quantization: str = "int8", force: bool = False) -> Path:
    """Convert a Hugging Face model (directory or hub id) for CTranslate2, tokenizer included."""
    from qa.backends.hf_models import resolve_model

    require_extra("hf,ctranslate2", ("torch", "transformers", "ctranslate2"), "converting a model")
    ref = resolve_model(source)
    output = output or models_dir() / f"{source.rstrip('/').split('/')[-1]}-ct2"
    if output.exists() and not force:
        raise UsageError(f"{output} exists; pass --force to overwrite it")
    from ctranslate2.converters import TransformersConverter

    copy = [name for name in TOKENIZER_FILES if ref.path is None or (ref.path / name).is_file()]
    try:
        converter = TransformersConverter(ref.location, copy_files=copy, low_cpu_mem_usage=True)
        converter.convert(str(output), quantization=quantization, force=force)
    except Exception as exc:  # noqa: BLE001 - the converter raises many kinds of error
        raise BackendError(f"cannot convert model {source!r}: {exc}") from exc
    _record_family(ref, output)
    return output


def _record_family(ref, output: Path) -> None:
    """Keep the source model's family in the converted config so `mtqa models` can show it."""
    if ref.path is None or not (ref.path / "config.json").is_file():
        return
    family = json.loads((ref.path / "config.json").read_text(encoding="utf-8")).get("model_type")
    config_file = output / "config.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    config["mtqa_source_family"] = family
    config_file.write_text(json.dumps(config, indent=2), encoding="utf-8")


def backend_signature(name: str, **options) -> str:
    """The signature of a backend as the command line names it, without checking anything:
    what the translation cache of a CI job is keyed by (action.yml)."""
    from qa.backends import load_backend

    backend = load_backend(name, **options)
    try:
        return backend.signature()
    finally:
        backend.close()
