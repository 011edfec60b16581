"""The glossary check's fast paths give the answers of the plain computations they replace
(issue 11's speed work): tokens without a Python step per word (and their norms with them),
near-miss candidates scored without similarity() where it cannot change the answer, listed
forms indexed by their first two words, capitalised words that start no mention skipped,
sound-alike surnames indexed by their first letters too, suggestions remembered, and the
first-names list read in one piece."""

import json
import sys
from collections import defaultdict
from importlib.resources import files

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from qa.checks.glossary import GlossaryCheck
from qa.glossary import load_glossaries
from qa.glossary.entries import EntryType
from qa.glossary.evidence import COMMON_WORD_ZIPF, first_names, is_first_name
from qa.glossary.exact import ExactMatcher, suggestion_for
from qa.glossary.similarity import MIN_PHONETIC_RATIO, MIN_SIMILARITY, SimilarTokens, fold_accents, phonetic_keys, similarity
from qa.glossary.sounds import SHARED_LETTERS, SoundMatcher, skeleton
from qa.glossary.spans import TakenSpans
from qa.lexicon import zipf
from qa.segment import sentence_spans
from qa.tokens import _WORD, Token, token_key, tokenize, tokenize_with_norms, word_count
from qa.view import SentenceView

from fakes import ROOT, SEEDS

DATA = ROOT / "tests" / "data"
SETS = [(DATA / "glossary_cases.jsonl", DATA / "news_glossary.csv"), (DATA / "domains_cases.jsonl", DATA / "domains_glossary.csv")]
GLOSSARY = load_glossaries([SEEDS / "glossary.csv", DATA / "news_glossary.csv", DATA / "domains_glossary.csv"])
WORDS = sorted({w for e in GLOSSARY.entries for form in (e.term, *e.variants) for w in form.split()})

word = st.sampled_from(WORDS)
mangled = st.builds(lambda w, i, how: w[:i] + (w[i : i + 1] * 2 if how else "") + w[i + 1 :], word, st.integers(0, 8), st.booleans())
piece = st.one_of(word, mangled, word.map(str.upper), word.map(str.lower), st.text(max_size=6))
separator = st.sampled_from([" ", "  ", ", ", "'s ", ". ", "-", ""])
sentence = st.lists(st.tuples(piece, separator), max_size=14).map(lambda parts: "".join(a + b for a, b in parts))


def match_per_word(text: str) -> list[Token]:
    """Tokens as a match object per word gives them (what tokenize did before)."""
    if text.isascii():
        return [Token(m[0], m.start(), m.end()) for m in _WORD.finditer(text.lower())]
    return [Token(m[0].casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(alphabet="aAbB.é ß,'İı\u0301\u200b1_-ǅﬁ", max_size=40), sentence))
def test_tokenize_gives_the_tokens_of_a_match_per_word(text):
    assert tokenize(text) == match_per_word(text)


def every_block_word(similar: SimilarTokens, word: str) -> list[tuple[str, float]]:
    """The near-miss candidates as scoring every word of the block with similarity() finds them."""
    if len(word) < 4:
        return []
    block = {target for key in phonetic_keys(word) if key for target in similar.by_sound.get(key, ())}
    initial = fold_accents(word)[:1]
    names = similar.ascii_by_initial.get(initial, []) + similar.accented_by_initial.get(initial, [])
    spelled = process.extract(word, names, scorer=fuzz.ratio,
                              score_cutoff=MIN_PHONETIC_RATIO * 100, limit=None)
    block.update(choice for choice, _score, _index in spelled)
    block.discard(word)
    scored = [(target, similarity(word, target)) for target in block]
    return sorted((pair for pair in scored if pair[1] >= MIN_SIMILARITY), key=lambda pair: (-pair[1], pair[0]))


#: Two neighbouring letters swapped: the one change the ASCII fast path raises from its ratio.
swapped = st.builds(lambda w, i: w[:i] + w[i + 1 : i + 2] + w[i : i + 1] + w[i + 2 :], word, st.integers(0, 8))


@settings(max_examples=500, deadline=None)
@given(st.one_of(mangled, swapped, word, st.text(min_size=3, max_size=10)).map(str.casefold))
def test_near_miss_candidates_are_those_similarity_gives_every_block_word(text):
    similar = SIMILAR
    assert similar._find(text) == every_block_word(similar, text)


SIMILAR = SimilarTokens({w.casefold() for w in WORDS} | {"kiyv", "kyiv", "hegseth", "healey", "antónio", "macron"})


def test_near_miss_candidates_include_swapped_letters_and_accents():
    """The two cases the fast path must still score: two swapped letters and folded accents."""
    assert ("kyiv", 0.85) in SIMILAR._find("kiyv")
    assert ("antónio", 0.95) in SIMILAR._find("antonio")
    assert SIMILAR._find("makron") == every_block_word(SIMILAR, "makron")
    five = SimilarTokens({"sousa", "soares"})  # five letters: the swap's ratio is 0.8 exactly, raised to 0.85
    assert five._find("suosa") == [("sousa", 0.85)] == every_block_word(five, "suosa")


def longest_at_each_start(matcher: ExactMatcher, norms: list[str]) -> list[tuple[int, int]]:
    """(first, count) of the listed forms, tried at every start with every length, longest
    first; then overlaps dropped, longer forms first (what the index must give)."""
    longest = max(map(len, matcher.forms))
    found = []
    for first in range(len(norms)):
        for count in range(min(longest, len(norms) - first), 0, -1):
            if tuple(norms[first : first + count]) in matcher.forms:
                found.append((first, count))
                break
    kept, taken = [], set()
    for first, count in sorted(found, key=lambda fc: (-fc[1], fc[0])):
        if not taken & set(range(first, first + count)):
            taken.update(range(first, first + count))
            kept.append((first, count))
    return sorted(kept)


EXACT = ExactMatcher(GLOSSARY)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentence)
def test_listed_forms_are_the_longest_at_each_start(text):
    tokens = tokenize(text)
    found = [(m.first, m.count) for m in EXACT.matches(tokens)]
    assert found == longest_at_each_start(EXACT, [t.norm for t in tokens])


def flags_of(check: GlossaryCheck, documents: list[list[str]]) -> list:
    out = []
    for document in documents:
        check.start_document()
        previous = None
        for line, text in enumerate(document, start=1):
            previous = SentenceView.of(text, previous, line, 1)
            out.append([flag.to_dict() for flag in check.flags(previous)])
    return out


def nothing_quiet(check: GlossaryCheck) -> GlossaryCheck:
    """The check with every capitalised word asked of every matcher (no word skipped)."""
    check._quiet = defaultdict(bool)
    return check


def labelled_documents(cases) -> list[list[str]]:
    documents = {}
    for line in cases.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        documents.setdefault(row["doc"], []).append(row["text"])
    return list(documents.values())


def test_skipping_quiet_capitals_changes_no_flag_on_the_labelled_sets():
    for cases, glossary_path in SETS:
        glossary = load_glossaries([glossary_path])
        documents = labelled_documents(cases)
        flags = flags_of(GlossaryCheck(glossary), documents)
        assert any(flags)
        assert flags == flags_of(nothing_quiet(GlossaryCheck(glossary)), documents)


def test_skipping_quiet_capitals_changes_no_flag_on_generated_copy(tmp_path):
    """The speed benchmark's glossary (names, organisations, places, phrases, generated
    variants) and copy with listed, generated and unlisted manglings."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from glossary_speed import write_inputs
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    glossary_path, copy = write_inputs(tmp_path, terms=600, sentences=1500, generated=2)
    glossary = load_glossaries([glossary_path])
    lines = copy.read_text(encoding="utf-8").splitlines()
    texts = [line[start:end] for line in lines for start, end in sentence_spans(line)]
    documents = [texts[i : i + 30] for i in range(0, len(texts), 30)]
    flags = flags_of(GlossaryCheck(glossary), documents)
    assert sum(map(len, flags)) > 100
    assert flags == flags_of(nothing_quiet(GlossaryCheck(glossary)), documents)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sentence, min_size=1, max_size=4))
def test_skipping_quiet_capitals_changes_no_flag_on_any_text(texts):
    assert flags_of(FAST, [texts]) == flags_of(PLAIN, [texts])


FAST = GlossaryCheck(GLOSSARY)
PLAIN = nothing_quiet(GlossaryCheck(GLOSSARY))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(alphabet="aAbB.é ß,'İı\u0301\u200b1_-ǅﬁ", max_size=40), sentence,
                 st.text(alphabet="aZz09_..  ,'-\t", max_size=40)))  # ASCII: the plain-class split
def test_tokens_come_with_their_norms(text):
    """The view takes the norms tokenize_with_norms gives instead of reading each token's."""
    tokens, norms = tokenize_with_norms(text)
    assert tokens == match_per_word(text)
    assert norms == [token.norm for token in tokens]
    assert SentenceView.of(text).norms == norms


def first_names_row_by_row() -> set[str]:
    """gender-guesser's first names as reading the dictionary row by row gives them."""
    names = set()
    text = files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line[:1] in "MF?1" and len(line) > 3 and line[1:3] == "  ":
            names.add(line[3:29].strip().replace("+", " ").casefold())
    return names


def test_first_names_are_those_of_a_row_by_row_read():
    assert first_names.__wrapped__() == first_names_row_by_row()


SOUNDS = SoundMatcher(GLOSSARY)


def surnames_by_sound_only(matcher: SoundMatcher) -> dict[str, list[tuple]]:
    """The surname index keyed by sound skeleton alone, as it was before the first letters joined the key."""
    index = {}
    for entry in GLOSSARY.entries:
        words = token_key(entry.term)
        if entry.type is EntryType.PERSON and len(words) >= 2:
            surname = skeleton(words[-1])
            for key in {surname, surname[:-1]}:
                if len(key) >= 3:
                    index.setdefault(key, []).append((entry, words))
    return index


BY_SOUND = surnames_by_sound_only(SOUNDS)


@settings(max_examples=300, deadline=None)
@given(st.one_of(mangled, word).map(str.casefold))
def test_sound_alike_surnames_are_those_of_the_filtered_skeleton_bucket(text):
    prefix = fold_accents(text)[:SHARED_LETTERS]
    plain = [(e, w) for e, w in BY_SOUND.get(skeleton(text), ()) if fold_accents(w[-1])[:SHARED_LETTERS] == prefix]
    assert SOUNDS._surnames_like(text) == (plain if len(text) >= 4 and not _common_or_first(text) else [])


def _common_or_first(text: str) -> bool:
    return zipf(text) >= COMMON_WORD_ZIPF or is_first_name(text)


PERSONS = [e for e in GLOSSARY.entries if e.type is EntryType.PERSON]


def suggestion_by_tokens(entry, span: str) -> str:
    """The suggestion as tokenising the term and the span each time gives it."""
    if entry.type is not EntryType.PERSON:
        return entry.term
    term_words, count = tokenize(entry.term), len(tokenize(span))
    return entry.term[term_words[-count].start :] if 0 < count < len(term_words) else entry.term


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PERSONS + GLOSSARY.entries[:20]), sentence)
def test_suggestions_from_remembered_word_starts_are_those_of_tokenising_each_time(entry, span):
    assert suggestion_for(entry, span) == suggestion_by_tokens(entry, span)
    assert suggestion_for(entry, span) == suggestion_by_tokens(entry, span)  # the term's word starts remembered
    assert word_count(span) == len(tokenize(span))



@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=20))
def test_claimed_spans_are_those_that_overlap_no_earlier_claim(spans):
    """claim() searches once; it keeps exactly the spans a pairwise overlap test keeps."""
    taken, kept = TakenSpans(), []
    for start, size in spans:
        free = all(end <= start or start + size <= begin for begin, end in kept)
        assert taken.claim(start, start + size) == free
        if free:
            kept.append((start, start + size))
    assert len(taken) == len(kept)
