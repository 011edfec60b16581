"""Each signal on small inputs: the direction it moves and when it is absent."""

import pytest

from qa.checks.base import SentenceView
from qa.records import RoundTrip
from qa.signals import SIGNALS, ModelScore, signal_for


def view_of(text: str, back: str | None = None, pivot: str | None = None, **model_scores) -> SentenceView:
    round_trip = RoundTrip(pivot, back, model_scores) if back is not None or model_scores else None
    return SentenceView.of(text, round_trip=round_trip)


def value(name: str, text: str, back: str | None = None, **model_scores) -> float | None:
    return signal_for(name).value(view_of(text, back, **model_scores))


def test_every_registered_signal_loads_with_its_own_name_and_a_signature():
    signatures = set()
    for name in SIGNALS:
        signal = signal_for(name)
        assert signal.name == name
        signatures.add(signal.signature())
    assert len(signatures) == len(SIGNALS)


def test_log_length_grows_with_words():
    assert value("log_length", "One two three four five six.") > value("log_length", "One two.")


def test_repetition_signals_see_mt_loops_and_not_plain_sentences():
    loop = "The lady said my lady, my lady, my lady, my lady."
    plain = "The committee approved the budget on Tuesday."
    assert value("repeated_bigrams", loop) > 0.3
    assert value("repeated_bigrams", plain) == 0.0
    assert value("repeated_words", loop) > value("repeated_words", plain)


def test_punctuation_rate_and_sentence_end():
    assert value("punctuation_rate", "Well, -- (see: [x]) !!") > value("punctuation_rate", "A plain sentence.")
    assert value("ends_as_sentence", "It rained.") == 1.0
    assert value("ends_as_sentence", "With London, there is no such thing as a home:") == 0.0


def test_word_frequency_signals_find_made_up_words():
    common = "The cat sat on the mat."
    odd = "The cat zorblaxed on the quimbwort."
    assert value("min_word_zipf", odd) < value("min_word_zipf", common)
    assert value("rare_word_rate", odd) > value("rare_word_rate", common) == 0.0


def test_unknown_capitalised_words_are_counted_but_known_names_and_first_words_are_not():
    assert value("unknown_capitalised_rate", "Yesterday we met Zorblax Quimbwort.") == pytest.approx(2 / 5)
    assert value("unknown_capitalised_rate", "Yesterday we met John Smith in London.") == 0.0


def test_non_english_words_in_other_scripts_and_languages():
    assert value("non_english_rate", "He said привет to everyone.") == pytest.approx(1 / 5)
    assert value("non_english_rate", "The weather was lovely.") == 0.0
    assert value("non_english_rate", "The report says ajutorului financiar este necesar.") > 0.0


def test_round_trip_signals_need_a_back_translation():
    for name in ("chrf", "bleu", "ter", "back_length_ratio", "unstable_word_rate"):
        assert value(name, "A sentence.") is None
    assert value("chrf", "The basin moment.", "The basin moment.") == 100.0
    assert value("chrf", "The basin moment.", "The watershed moment.") < 100.0


def test_back_length_ratio_is_zero_for_equal_lengths_and_grows_with_loss():
    assert value("back_length_ratio", "one two three", "uno dos tres") == 0.0
    assert value("back_length_ratio", "one two three four five six", "one") > 1.0


def test_model_scores_plug_in_by_name():
    signal = signal_for("rt_logprob_per_token")
    assert isinstance(signal, ModelScore)
    assert value("rt_logprob_per_token", "Hi.", "Hi.", rt_logprob_per_token=-0.4) == -0.4
    assert value("rt_logprob_per_token", "Hi.", "Hi.") is None


def test_unknown_words_digits_and_words_the_forward_model_copied_untranslated():
    assert value("unknown_word_rate", "The zorblax sat.") == pytest.approx(1 / 3)
    assert value("digit_rate", "In 2024.") == pytest.approx(4 / 8)
    view = view_of("The quimbwort grew.", "The quimbwort grew.", "O quimbwort cresceu.")
    assert signal_for("pivot_copy_rate").value(view) == pytest.approx(1 / 3)
    translated = view_of("The quimbwort grew.", "x", "A planta cresceu.")
    assert signal_for("pivot_copy_rate").value(translated) == 0.0
    assert signal_for("pivot_copy_rate").value(SentenceView.of("The quimbwort grew.")) is None
