"""Where Hugging Face-family models come from and which language codes they speak.

Shared by the transformers and ctranslate2 backends. A model is a directory
(``models/<name>/`` or any path) or a hub id; language codes cover the two
multilingual families (NLLB-200 and M2M100) besides one-pair MarianMT models.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from qa.backends.direction import SOURCE_LANGUAGE, Direction
from qa.errors import BackendError, UsageError

DEFAULT_PIVOT = "de"
OFFLINE_ENV = "MTQA_OFFLINE"
MODELS_DIR_ENV = "MTQA_MODELS_DIR"

#: NLLB-200 uses FLORES-200 codes; M2M100 uses "__xx__" tokens.
NLLB_CODES = {
    "en": "eng_Latn", "de": "deu_Latn", "fr": "fra_Latn", "es": "spa_Latn", "pt": "por_Latn",
    "it": "ita_Latn", "nl": "nld_Latn", "ru": "rus_Cyrl", "pl": "pol_Latn", "sv": "swe_Latn",
    "cs": "ces_Latn", "ro": "ron_Latn", "zh": "zho_Hans", "ja": "jpn_Jpan", "ko": "kor_Hang",
}


def models_dir() -> Path:
    return Path(os.environ.get(MODELS_DIR_ENV, "models"))


def offline_requested(flag: bool | None) -> bool:
    return bool(flag) or os.environ.get(OFFLINE_ENV, "").lower() in {"1", "true", "yes"}


def go_offline() -> None:
    """Without this a hub id retries for ~47 s before failing when the hub is unreachable."""
    os.environ["HF_HUB_OFFLINE"] = "1"


@dataclass(frozen=True, slots=True)
class ModelRef:
    """A model as the user named it, and where it was found."""

    name: str
    path: Path | None  # a local directory, or None for a hub id

    @property
    def location(self) -> str:
        return str(self.path) if self.path is not None else self.name

    def fingerprint(self) -> str:
        """Names the weights in the signature, so a model replaced in place never reuses cached translations."""
        if self.path is None:
            return self.name
        digest = hashlib.sha1()
        for file in sorted(p for p in self.path.rglob("*") if p.is_file()):
            stat = file.stat()
            digest.update(f"{file.relative_to(self.path)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        return f"{self.name}@{digest.hexdigest()[:10]}"


def resolve_model(name: str) -> ModelRef:
    """A path, then models/<name>, then a hub id ("owner/name")."""
    for candidate in (Path(name).expanduser(), models_dir() / name):
        if candidate.is_dir():
            return ModelRef(name, candidate)
    if _looks_like_hub_id(name):
        return ModelRef(name, None)
    raise BackendError(
        f"model {name!r} not found: place it in {models_dir() / name}/ (see models/README.md), "
        "give a path, or a hub id such as Helsinki-NLP/opus-mt-en-de"
    )


def _looks_like_hub_id(name: str) -> bool:
    parts = name.split("/")
    return len(parts) == 2 and all(parts) and not name.startswith((".", "/", "~"))


def direction_models(models: tuple[str, ...] | list[str], pivot: str, default_template: str) -> tuple[ModelRef, ModelRef]:
    """(en->pivot, pivot->en) models: one multilingual model serves both directions."""
    if len(models) > 2:
        raise UsageError("give --model once (a multilingual model) or twice (en->pivot, then pivot->en)")
    if not models:
        models = [default_template.format(src=SOURCE_LANGUAGE, tgt=pivot), default_template.format(src=pivot, tgt=SOURCE_LANGUAGE)]
        models = [_local_or_hub(name) for name in models]
    refs = [resolve_model(name) for name in models]
    return (refs[0], refs[-1])


def _local_or_hub(name: str) -> str:
    """Default opus-mt names: models/opus-mt-en-de if placed there, else the Helsinki-NLP hub id."""
    return name if (models_dir() / name).is_dir() else f"Helsinki-NLP/{name}"


def language_token(tokenizer, language: str) -> str | None:
    """The token a multilingual model uses for ``language``, or None for a one-pair model."""
    # Not get_vocab(): M2M100's language tokens live outside it.
    for token in (NLLB_CODES.get(language), f"__{language}__", language if "_" in language else None):
        if token and tokenizer.convert_tokens_to_ids(token) not in (None, tokenizer.unk_token_id):
            return token
    return None


@dataclass(frozen=True, slots=True)
class LanguagePair:
    """How to ask one model for one direction: the language codes (None for a one-pair model)."""

    direction: Direction
    source_token: str | None
    target_token: str | None

    @classmethod
    def for_model(cls, tokenizer, ref: ModelRef, direction: Direction) -> "LanguagePair":
        source, target = direction.source, direction.target
        source_token, target_token = language_token(tokenizer, source), language_token(tokenizer, target)
        known = source_token is not None, target_token is not None
        if any(known) and not all(known):
            missing = source if source_token is None else target
            raise BackendError(f"model {ref.name!r} has no language code for {missing!r}; pick another --pivot")
        return cls(direction, source_token, target_token)

    @property
    def multilingual(self) -> bool:
        return self.target_token is not None

    def configure(self, tokenizer) -> None:
        """Multilingual tokenizers put the language code into the encoded source and target."""
        if self.multilingual:
            tokenizer.src_lang = self.source_token
            tokenizer.tgt_lang = self.target_token


def load_tokenizer(ref: ModelRef, offline: bool):
    from transformers import AutoTokenizer

    return hf_call(ref, offline, AutoTokenizer.from_pretrained)


def hf_call(ref: ModelRef, offline: bool, loader, **kwargs):
    """Load with one clear error naming the model and what to do."""
    from transformers.utils import logging as hf_logging

    # Library code must not print: no "Loading weights" bars or advice on stderr.
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        return loader(ref.location, local_files_only=offline or ref.path is not None, **kwargs)
    except (OSError, ValueError) as exc:
        if ref.path is not None:
            raise BackendError(f"cannot load model {ref.name!r} from {ref.path}: {exc}") from exc
        hint = (
            "it is not in the local Hugging Face cache: download it where the hub is reachable "
            f"(huggingface-cli download {ref.name}) or place it in {models_dir() / ref.name.split('/')[-1]}/"
            if offline
            else "the hub is unreachable or the id is wrong: place the model in models/ and use --offline"
        )
        raise BackendError(f"cannot load model {ref.name!r}: {hint}") from exc
