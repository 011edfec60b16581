from qa.checks.base import SentenceView
from qa.checks.unstable import UnstableSpanCheck, UnstableWordRate
from qa.records import RoundTrip, Severity


def view_of(text: str, back: str | None) -> SentenceView:
    return SentenceView.of(text, round_trip=None if back is None else RoundTrip(None, back))


def flags(text: str, back: str | None):
    return UnstableSpanCheck().flags(view_of(text, back))


def test_a_word_that_came_back_different_is_flagged_with_its_counterpart():
    text = "It was a basin moment for the coalition."
    (flag,) = flags(text, "It was a watershed moment for the coalition.")
    assert (flag.kind, flag.span, flag.severity) == ("unstable-span", "basin", Severity.INFO)
    assert text[flag.start : flag.end] == "basin"
    assert '"watershed"' in flag.message and flag.suggestion == "watershed"


def test_adjacent_lost_words_make_one_span():
    (flag,) = flags("Mr Ir Kiel spoke today.", "Mr Keir Starmer spoke today.")
    assert flag.span == "Ir Kiel" and flag.suggestion == "Keir Starmer"


def test_stable_round_trips_are_not_flagged():
    assert flags("The committee met on Tuesday.", "The committee met on Tuesday.") == []
    assert flags("The colour was red.", "The color was red.") == []  # a spelling variant survived
    assert flags("On Tuesday the committee met.", "The committee met on Tuesday.") == []  # reordered
    assert flags("The committee met.", None) == []


def test_lost_function_words_are_not_flagged_and_dropped_words_say_so():
    assert flags("He said that the plan works.", "He said the plan works.") == []
    (flag,) = flags("The ambitious plan works.", "The plan works.")
    assert flag.span == "ambitious" and "came back as nothing" in flag.message


def test_unstable_word_rate_counts_lost_content_words():
    rate = UnstableWordRate()
    assert rate.value(view_of("A basin moment.", "A watershed moment.")) == 0.5
    assert rate.value(view_of("A basin moment.", "A basin moment.")) == 0.0
    assert rate.value(SentenceView.of("A basin moment.")) is None
