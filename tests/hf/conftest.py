"""Tiny MarianMT and NLLB models with random weights, built once per session
(a SentencePiece vocabulary trained here, real transformers save/load, real
CTranslate2 conversion). Nothing is downloaded; nothing is committed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tiny_models import build_marian, build_nllb, train_sentencepiece, train_sentencepiece_bpe


@dataclass(frozen=True)
class TinyModels:
    marian_en_de: Path
    marian_de_en: Path
    nllb: Path
    marian_en_de_ct2: Path
    marian_de_en_ct2: Path
    nllb_ct2: Path


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory) -> TinyModels:
    from qa.models import convert_model

    work = tmp_path_factory.mktemp("tiny-models")
    unigram, bpe = train_sentencepiece(work), train_sentencepiece_bpe(work)
    sources = {
        "marian_en_de": build_marian(work / "marian-en-de", unigram, seed=1),
        "marian_de_en": build_marian(work / "marian-de-en", unigram, seed=2),
        "nllb": build_nllb(work / "nllb", bpe, seed=3),
    }
    # float32, so the comparison with torch is exact up to kernel rounding.
    converted = {f"{key}_ct2": convert_model(str(path), work / f"{path.name}-ct2", "float32") for key, path in sources.items()}
    return TinyModels(**sources, **converted)


SENTENCES = [
    "The prime minister met the president in London on Monday.",
    "Talks will continue next week, officials said.",
    "A watershed moment.",
    "The coalition of the willing agreed on a new plan for peace, and Europe welcomed it.",
    "Peace.",
]


@pytest.fixture
def sentences() -> list[str]:
    return list(SENTENCES)
