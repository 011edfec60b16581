"""Generated variants: the forms MT is likely to write for each glossary term,
predicted with the bundled model that makes such errors.

For every term: its round trip through the pivot (en -> pt -> en), the round
trip of the term inside carrier sentences (a phrase is translated in context,
not alone: "It was a watershed moment." -> "divisor moment of water"), and the
pivot's literal word senses, word by word, in the pivot's order and reordered
as English would ("momento da bacia" -> "basin moment"). Candidates that equal
the term, are correct English of their own (every content word common), or
are another entry's term are dropped. With n-best decoding (the torch port, see
``Alternatives``) the model's other likely forms are added: the term's other
pivots translated back, and the other back-translations of each pivot. The result
is deterministic for a given model and decoder (greedy or beam search), so the file
it is written to can be committed and reviewed; ``qa.glossary.generated`` reads it back."""

from __future__ import annotations

import re
from itertools import product
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from qa.glossary.entries import Entry, EntryType, Glossary
from qa.glossary.reorder import is_function_word
from qa.glossary.similarity import similarity
from qa.glossary.spacing import compact
from qa.glossary.tokens import token_key
from qa.lexicon import zipf

#: Bumped when the generators change, so cached expansions are redone.
GENERATOR_VERSION = "3"
#: Content words all this common make ordinary English ("first days"), not a mangling.
ORDINARY_ZIPF = 5.0
COMMON_WORD_ZIPF = 3.0
#: New words this common may make a fluent phrase of their own; the model is asked.
FLUENT_WORD_ZIPF = 3.5
STEM = 4
#: Carrier sentences: the term in context, and the words around it to strip afterwards.
PHRASE_CARRIERS = ("It was a {}.", "It is {}.")
NAME_CARRIERS = ("{} said on Monday.",)
#: Pivot function words that join two nouns ("momento da bacia": the basin's moment).
PIVOT_JOINERS = frozenset({"de", "da", "do", "das", "dos"})
#: Pivot words rendered by their one English sense, in place.
PIVOT_CONNECTORS = {"e": "and", "ou": "or"}
PIVOT_ARTICLES = frozenset({"o", "a", "os", "as", "um", "uma", "uns", "umas"})
#: Other pivot prepositions: left out of the literal rendering ("botas no chão").
PIVOT_PREPOSITIONS = frozenset({"no", "na", "nos", "nas", "em", "ao", "à", "pelo", "pela", "com", "para", "por"})
MAX_LITERAL_FORMS = 8
ENGLISH_ARTICLES = frozenset({"the", "a", "an"})
#: Confidence of a generated variant: a name form (error) or phrase form (warning),
#: lower when the form is an ordinary word of its own ("Kiev": chicken Kiev).
NAME_CONFIDENCE = 0.88
PHRASE_CONFIDENCE = 0.8
LITERAL_CONFIDENCE = 0.76
#: A form from an n-best list is less likely than the model's first choice.
NBEST_PENALTY = 0.04
#: Each word of a name's n-best form is at least this like a word of the name ("Albanian"/"Albanese").
NBEST_NAME_SIMILARITY = 0.6
COMMON_FORM_PENALTY = 0.08

Translate = Callable[[Sequence[str]], list[str]]
#: The n best translations of each text, best first (the first is the greedy one's peer).
NBest = Callable[[Sequence[str]], list[list[str]]]


@dataclass(slots=True, frozen=True)
class Alternatives:
    """n-best decoding both ways, added to the greedy round trips."""

    to_pivot: NBest
    from_pivot: NBest


@dataclass(slots=True, frozen=True)
class Generated:
    term: str
    variant: str
    source: str  # round-trip | context | literal | n-best
    evidence: str  # the pivot text it came from
    confidence: float


def expand_glossary(
    glossary: Glossary, to_pivot: Translate, from_pivot: Translate, threads: int = 2, alternatives: Alternatives | None = None
) -> list[Generated]:
    """Every entry's generated variants, in glossary order. Listed variants are kept
    too (a listed form takes precedence when matching), so the expansion depends on
    the terms only, not on what the editor listed."""
    terms = {token_key(entry.term) for entry in glossary.entries}

    def one(entry: Entry) -> list[Generated]:
        found = expand_entry(entry, to_pivot, from_pivot, alternatives)
        return [g for g in found if token_key(g.variant) not in terms]

    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        return [g for found in pool.map(one, glossary.entries) for g in found]


def expand_entry(entry: Entry, to_pivot: Translate, from_pivot: Translate, alternatives: Alternatives | None = None) -> list[Generated]:
    term = entry.term
    carriers = NAME_CARRIERS if entry.is_name else PHRASE_CARRIERS
    sentences = [term] + [carrier.format(term) for carrier in carriers]
    pivots = to_pivot(sentences)
    backs = from_pivot(pivots)
    candidates: list[tuple[str, str, str]] = [("round-trip", backs[0], pivots[0])]
    for carrier, pivot, back in zip(carriers, pivots[1:], backs[1:]):
        inner = _inside_carrier(carrier, back)
        if inner:
            candidates.append(("context", inner, pivot))
    if not entry.is_name:
        candidates += [("literal", form, pivots[0]) for form in literal_forms(pivots[0], from_pivot)]
    if alternatives is not None:
        candidates += nbest_candidates(term, carriers, pivots, backs, alternatives, from_pivot)
    found: dict[tuple[str, ...], Generated] = {}
    for source, text, pivot in candidates:
        variant = _clean(text)
        key = token_key(variant)
        if variant and key != token_key(term) and key not in found and _plausible(entry, variant, source):
            found[key] = Generated(term, variant, source, pivot, _confidence(entry, variant, source))
    fluent = _fluent(entry, [g for g in found.values() if g.source != "literal"], to_pivot, from_pivot)
    return [g for g in found.values() if g.variant not in fluent]


def _fluent(entry: Entry, generated: list[Generated], to_pivot: Translate, from_pivot: Translate) -> set[str]:
    """The candidates that are fluent English of their own: common words with no
    joining function word ("decisive moment", not "coalition of desires") that the
    model translates back to themselves. A calque ("X of Y") or rare word is kept."""
    if entry.is_name:
        return set()
    term_words = token_key(entry.term)
    suspects = []
    for g in generated:
        words = token_key(g.variant)
        new = _new_words(words, term_words)
        if new and not any(map(is_function_word, words)) and min(map(zipf, new)) >= FLUENT_WORD_ZIPF:
            suspects.append(g.variant)
    if not suspects:
        return set()
    backs = from_pivot(to_pivot(suspects))
    return {v for v, back in zip(suspects, backs) if token_key(_clean(back)) == token_key(v)}


def nbest_candidates(term, carriers, pivots, backs, alternatives: Alternatives, from_pivot: Translate):
    """The model's other likely forms: the term's other pivots translated back, and the
    other back-translations of each greedy pivot (alone, and inside its carrier)."""
    found = []
    other_pivots = [p for p in alternatives.to_pivot([term])[0] if p != pivots[0]]
    found += [("n-best", back, pivot) for pivot, back in zip(other_pivots, from_pivot(other_pivots))]
    for number, (pivot, others) in enumerate(zip(pivots, alternatives.from_pivot(pivots))):
        for back in others:
            if back == backs[number]:
                continue
            inner = _inside_carrier(carriers[number - 1], back) if number else back
            if inner:
                found.append(("n-best", inner, pivot))
    return found


def literal_forms(pivot: str, from_pivot: Translate) -> list[str]:
    """The pivot's words rendered one by one, each in its senses (alone with a full
    stop, and capitalised: "início" -> "beginning", "home"), in the pivot's order
    and in English order: the words after "de" first ("momento da bacia" -> "basin
    moment", "modelo de grande linguagem" -> "great language model")."""
    words = [w for w in re.findall(r"\w+", pivot.casefold()) if w not in PIVOT_ARTICLES | PIVOT_PREPOSITIONS]
    if not 2 <= len(words) <= 5:
        return []
    content = [w for w in words if w not in PIVOT_JOINERS and w not in PIVOT_CONNECTORS]
    rendered = from_pivot([w + "." for w in content] + [w.capitalize() for w in content])
    senses = {w: [] for w in content}
    for word, text in zip(content + content, rendered):
        sense = _clean(text).casefold()
        if sense and len(sense.split()) == 1 and sense not in senses[word]:
            senses[word].append(sense)
    senses.update({w: [english] for w, english in PIVOT_CONNECTORS.items() if w in words})
    if not all(senses.values()):
        return []
    in_order = [w for w in words if w not in PIVOT_JOINERS]
    orders = [in_order]
    joiner = next((i for i, w in enumerate(words) if w in PIVOT_JOINERS), None)
    if joiner is not None and 0 < joiner < len(words) - 1:
        orders.append(words[joiner + 1 :] + words[:joiner])
    forms = []
    for order in orders:
        if all(w in senses for w in order):
            forms += [" ".join(combination) for combination in product(*(senses[w] for w in order))]
    return forms[:MAX_LITERAL_FORMS]


def _inside_carrier(carrier: str, back: str) -> str:
    before, after = carrier.split("{}")
    before_words, after_words = before.strip().casefold().split(), after.strip(" .").casefold().split()
    words = back.strip().rstrip(".").split()
    if [w.casefold() for w in words[: len(before_words)]] != before_words:
        return ""
    words = words[len(before_words) :]
    if after_words:
        if [w.casefold() for w in words[-len(after_words) :]] != after_words:
            return ""
        words = words[: -len(after_words)]
    return " ".join(words)


def _clean(text: str) -> str:
    """Without brackets the engine adds ("(in English)"), edge articles and punctuation."""
    text = re.sub(r"\s*\([^)]*\)?\s*", " ", text).strip(" .,;:!?\"'“”")
    words = text.split()
    while words and words[0].casefold() in ENGLISH_ARTICLES:
        words = words[1:]
    return " ".join(words)


def _plausible(entry: Entry, variant: str, source: str = "round-trip") -> bool:
    """A form worth matching: not all function words, not ordinary English of its own,
    for a name the same number of words or fewer."""
    words = token_key(variant)
    content = [w for w in words if not is_function_word(w)]
    if not content or (source == "n-best" and not _nbest_plausible(entry, words)):
        return False
    if entry.is_name:
        return len(words) <= len(token_key(entry.term))
    term_words = token_key(entry.term)
    new = _new_words(content, term_words)
    if not new:
        return False  # the term's own words, reworded: usually correct English ("share intelligence")
    if len(words) == 1 and zipf(words[0]) >= COMMON_WORD_ZIPF and not entry.context:
        return False  # an ordinary word ("intensify"), matchable only near context words
    # Two common words side by side are usually English of their own ("first days"); three
    # in a row that the term does not have are a rendering, not a phrase ("great language model").
    ordinary = len(words) <= 2 and len(content) == len(words) and min(zipf(w) for w in content) >= ORDINARY_ZIPF
    return not ordinary and len(words) <= len(term_words) + 2


def _nbest_plausible(entry: Entry, words: tuple[str, ...]) -> bool:
    """The n best lists hold correct shortenings and paraphrases ("Mr Macron", "Healey",
    "beginning of the morning") and unrelated names ("Anonymous"): a name's form keeps
    the name's words, each near one of them; a phrase's form keeps one of its words;
    neither is the term re-spaced or hyphenated."""
    term_words = token_key(entry.term)
    if compact(" ".join(words)) == compact(entry.term.casefold()):
        return False  # "J.D. Vance", "penalty shoot-out": spelling variants the spacing matcher weighs
    if entry.is_name:
        if len(words) != len(term_words) or (len(words) == 1 and zipf(words[0]) >= COMMON_WORD_ZIPF and not entry.context):
            return False  # a shortening, or an ordinary word ("Tales" for Thales)
        return any(  # word by word, in the name's order or reversed ("Martinho Lock")
            all(similarity(w, t) >= NBEST_NAME_SIMILARITY for w, t in zip(words, order)) for order in (term_words, term_words[::-1])
        )
    content = [w for w in words if not is_function_word(w)]
    return len(_new_words(content, term_words)) < len(content)


def _new_words(words, term_words) -> list[str]:
    """The words that are not (a form of) one of the term's words."""
    return [w for w in words if not any(_shares_prefix(w, t) for t in term_words)]


def _shares_prefix(word: str, other: str) -> bool:
    return word[:STEM] == other[:STEM]


def _confidence(entry: Entry, variant: str, source: str) -> float:
    if entry.is_name:
        base = NAME_CONFIDENCE
    else:
        base = LITERAL_CONFIDENCE if source == "literal" else PHRASE_CONFIDENCE
    if source == "n-best":
        base -= NBEST_PENALTY
    common = all(zipf(w) >= 3.0 for w in token_key(variant))
    if common and entry.type is not EntryType.PHRASE and not entry.context:
        base -= COMMON_FORM_PENALTY
    return round(base, 2)
