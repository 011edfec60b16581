"""The transformers and ctranslate2 backends on tiny real models."""

from __future__ import annotations

import pytest

from qa.backends import load_backend
from qa.backends.scorers import LOGPROB, LOGPROB_PER_TOKEN
from qa.errors import BackendError


def marian(tiny_models, backend="transformers"):
    if backend == "transformers":
        return load_backend("transformers", model=[str(tiny_models.marian_en_de), str(tiny_models.marian_de_en)], pivot="de", workers=1)
    return load_backend(
        "ctranslate2", model=[str(tiny_models.marian_en_de_ct2), str(tiny_models.marian_de_en_ct2)], pivot="de",
        compute_type="float32", workers=1,
    )


def nllb(tiny_models, backend="transformers", pivot="fr"):
    if backend == "transformers":
        return load_backend("transformers", model=[str(tiny_models.nllb)], pivot=pivot, workers=1)
    return load_backend("ctranslate2", model=[str(tiny_models.nllb_ct2)], pivot=pivot, compute_type="float32", workers=1)


@pytest.mark.parametrize("build", [marian, nllb])
def test_batches_sorted_by_length_come_back_in_input_order(tiny_models, sentences, build):
    backend = build(tiny_models)
    backend.translator.batch_size = backend.scorer.batch_size = 2  # several batches, each of sentences of similar length
    forward = backend.round_trip(sentences)
    backward = backend.round_trip(sentences[::-1])
    assert [rt.error for rt in forward] == [None] * len(sentences)
    assert len({rt.pivot for rt in forward}) > 1  # the output depends on the input
    # Both orders make the same length-sorted batches: each sentence must get its own result back.
    assert [rt.pivot for rt in backward[::-1]] == [rt.pivot for rt in forward]
    assert [rt.model_scores for rt in backward[::-1]] == [rt.model_scores for rt in forward]


@pytest.mark.parametrize("build", [marian, nllb])
def test_ctranslate2_matches_transformers(tiny_models, sentences, build):
    torch_results = build(tiny_models).round_trip(sentences)
    ct2_results = build(tiny_models, "ctranslate2").round_trip(sentences)
    assert [rt.pivot for rt in ct2_results] == [rt.pivot for rt in torch_results]
    assert [rt.back_translation for rt in ct2_results] == [rt.back_translation for rt in torch_results]
    for ct2, torch in zip(ct2_results, torch_results):
        assert ct2.model_scores[LOGPROB] == pytest.approx(torch.model_scores[LOGPROB], rel=1e-3)
        assert ct2.model_scores[LOGPROB_PER_TOKEN] == pytest.approx(torch.model_scores[LOGPROB_PER_TOKEN], rel=1e-3)


def test_round_trip_likelihood_is_a_log_probability_per_scored_token(tiny_models, sentences):
    backend = nllb(tiny_models)
    for rt in backend.round_trip(sentences):
        total, per_token = rt.model_scores[LOGPROB], rt.model_scores[LOGPROB_PER_TOKEN]
        assert total < 0 and per_token < 0
        tokens = total / per_token
        assert tokens == pytest.approx(round(tokens))
        assert tokens >= 2  # at least one word piece and </s>


def test_a_multilingual_model_translates_through_the_chosen_pivot(tiny_models, sentences):
    french = nllb(tiny_models, pivot="fr").round_trip(sentences)
    german = nllb(tiny_models, pivot="de").round_trip(sentences)
    assert [rt.pivot for rt in french] != [rt.pivot for rt in german]
    assert nllb(tiny_models, pivot="fr").describe()["pivot"] == "fr"


def test_a_pivot_the_model_does_not_know_is_a_clear_error(tiny_models):
    backend = nllb(tiny_models, pivot="tlh")
    with pytest.raises(BackendError, match="no language code for 'tlh'"):
        backend.round_trip(["Peace."])


def test_int8_conversion_runs_through_the_cli(tiny_models, tmp_path, monkeypatch, sentences):
    from typer.testing import CliRunner

    from qa.cli import app

    monkeypatch.setenv("MTQA_MODELS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["models", "convert", str(tiny_models.nllb), "--output", str(tmp_path / "nllb-int8")])
    assert result.exit_code == 0, result.output
    listing = CliRunner().invoke(app, ["models"])
    assert "nllb-int8" in listing.output and "m2m_100" in listing.output
    again = CliRunner().invoke(app, ["models", "convert", str(tiny_models.nllb), "--output", str(tmp_path / "nllb-int8")])
    assert again.exit_code == 2 and "--force" in again.output
    int8 = load_backend("ctranslate2", model=["nllb-int8"], pivot="fr", workers=1)  # found in models/
    assert int8.translator.compute_type == "int8"
    assert all(rt.error is None and rt.back_translation is not None for rt in int8.round_trip(sentences))


def test_the_signature_changes_when_a_model_is_replaced_in_place(tiny_models, tmp_path):
    import shutil

    copy = tmp_path / "model"
    shutil.copytree(tiny_models.nllb, copy)
    before = load_backend("transformers", model=[str(copy)]).signature()
    (copy / "generation_config.json").write_text("{}", encoding="utf-8")
    assert load_backend("transformers", model=[str(copy)]).signature() != before
