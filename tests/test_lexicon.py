"""qa.lexicon reads wordfreq's English table itself: the same Zipf values, without
importing wordfreq (langcodes, ftfy) at every run's start."""

from __future__ import annotations

import random
import subprocess
import sys

from wordfreq import get_frequency_dict, zipf_frequency

from qa.lexicon import english_zipfs, zipf


def test_every_word_of_the_table_has_wordfreqs_zipf_value():
    table = english_zipfs()
    frequencies = get_frequency_dict("en", "best")
    assert table.keys() == frequencies.keys()
    sample = random.Random(7).sample(sorted(frequencies), 2000)
    plain = [word for word in sample if word.isascii() and word.isalpha() and word.islower()]
    assert plain and [zipf(word) for word in plain] == [zipf_frequency(word, "en") for word in plain]


def test_unknown_and_non_plain_words():
    assert zipf("qzxqzxqzx") == 0.0
    assert zipf("naïve") == zipf_frequency("naïve", "en")  # not ASCII: wordfreq's own lookup


def test_a_plain_word_is_looked_up_without_importing_wordfreq():
    code = "import sys; from qa.lexicon import zipf; assert zipf('the') > 7; print('wordfreq' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_common_english_is_the_set_wordfreq_gives_at_that_frequency():
    # common_english now reads the run's English table; it must hold exactly the words whose
    # wordfreq frequency reaches the Zipf floor (the table's values lie on wordfreq's 0.01 grid).
    from wordfreq import get_frequency_dict, zipf_frequency

    from qa.bilingual.words import common_english

    for floor in (3.0, 4.5):
        expected = {word for word, frequency in get_frequency_dict("en", "best").items() if frequency >= 10 ** (floor - 9.005)}
        assert common_english(floor) == expected
    assert "house" in common_english(3.0) and zipf_frequency("house", "en") >= 3.0
