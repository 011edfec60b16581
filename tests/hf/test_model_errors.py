"""Models that are missing or of the wrong kind: one clear error naming the model."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from qa.backends import load_backend
from qa.cli import app
from qa.errors import BackendError, UsageError


@pytest.fixture
def empty_hub_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", os.environ.get("HF_HUB_OFFLINE", "0"))  # restored after the test
    monkeypatch.setenv("MTQA_MODELS_DIR", str(tmp_path / "models"))


def test_offline_hub_id_not_in_the_cache_names_the_model_and_what_to_do(empty_hub_cache, seed_article, tmp_path):
    result = CliRunner().invoke(
        app, ["check", str(seed_article), "--backend", "transformers", "--pivot", "fr", "--offline", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "Helsinki-NLP/opus-mt-en-fr" in result.output and "huggingface-cli download" in result.output
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert not (tmp_path / "out" / "coalition-of-the-willing.json").exists()


def test_mtqa_offline_env_turns_offline_on(empty_hub_cache, monkeypatch):
    monkeypatch.setenv("MTQA_OFFLINE", "1")
    backend = load_backend("transformers", model=["someone/no-such-model"])
    assert backend.translator.offline
    with pytest.raises(BackendError, match="'someone/no-such-model'.*not in the local Hugging Face cache"):
        backend.round_trip(["Peace."])


def test_a_missing_local_model_says_where_to_place_it(empty_hub_cache):
    with pytest.raises(BackendError, match=r"model 'opus-mt-xx' not found: place it in .*models/opus-mt-xx/"):
        load_backend("transformers", model=["opus-mt-xx"])


def test_ctranslate2_refuses_an_unconverted_model(tiny_models):
    with pytest.raises(BackendError, match="mtqa models convert"):
        load_backend("ctranslate2", model=[str(tiny_models.nllb)])


def test_three_models_is_a_usage_error(tiny_models):
    with pytest.raises(UsageError, match="once .* or twice"):
        load_backend("transformers", model=[str(tiny_models.nllb)] * 3)


def test_bergamot_rejects_options_it_cannot_honour():
    with pytest.raises(UsageError, match="'pt' only"):
        load_backend("bergamot", pivot="de")
    with pytest.raises(UsageError, match="--backend bergamot does not use --model .used by: transformers, ctranslate2"):
        load_backend("bergamot", model=["x/y"])
