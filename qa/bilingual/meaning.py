"""Meaning from the source: the target against an English translation of its source.

Two comparisons, both built to stay quiet on good translations (a tiny model's
translation of a UI string is often worded otherwise, and sometimes wrong):

* polarity: one side is negated and the other not. The source's side is read
  on its English translation and, for Portuguese, on the source's own words
  too; when the two disagree (the model lost or invented a negation) nothing
  is said. A side that words the negation lexically ("Unable to", "invalid",
  "failed") is not told apart from an explicit one.
* content words: words of the translation that the target lacks, counted only
  when the source itself has the word's cognate (so a word the model made up
  is never asked for) and no word of the target shares its stem.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from qa.bilingual.items import Finding
from qa.lexicon import zipf

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Words for polarity: a prefix stays with its word ("un-catching", "non-option").
_POLAR_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)?")

#: Explicit English negation: words, and the n't of contractions (cannot is one word).
ENGLISH_NEGATIONS = frozenset("not no never nothing none nobody nowhere neither nor cannot".split())
#: Words that say "not" lexically ("Unable to" for "Could not", "Untitled" for "sem título"):
#: a target that has one has not lost the source's negation.
_LEXICAL = re.compile(
    r"^(?:unable|impossible|fail\w*|invalid|missing|lack\w*|without|non\w*|forbidden|prohibited|denied|deny"
    r"|refused?|disabled?|absent|empty|inexistent|incorrect|incomplete|incompatible|insufficient|inaccessible"
    r"|illegal|neither|wrong|bad|out|down|outside|\w{3,}less|(?:un|in|mis|non)-?(\w{4,}))$"
)
#: On the source's side a target's added "not" may also stand for these: an error, a skipped step, "only".
_LOOSE = re.compile(
    r"^(?:errors?|erroneous|wrong|bad|only|skip\w*|ignor\w*|omit\w*|exclud\w*|avoid\w*|prevent\w*|stop\w*"
    r"|hid(?:e|den|es)|off|zero|null|nil|rather|instead|except\w*|any|unless|before|yet|too|free|cancel\w*|abort\w*)$"
)
#: A language's own negation words: the cross-check on the model's reading of the source.
SOURCE_NEGATIONS = {
    "pt": frozenset("não nao nunca nem nenhum nenhuma nenhuns nenhumas nada ninguém jamais tampouco sem".split()),
}
SOURCE_LEXICAL = {
    "pt": re.compile(
        r"^(?:impossível|incapaz|inexistente|inváli\w*|desconhecid\w*|falh\w*|erro\w*|falt\w*|ausente|vazi\w*"
        r"|proibid\w*|negad\w*|desativ\w*|desabilit\w*|incorret\w*|incompat\w*|insuficiente|inacessíve\w*"
        r"|ilegal|fora|apenas|somente|só|ignor\w*|omit\w*|exclu\w*|evit\w*|cancel\w*|interromp\w*|desligad\w*)$"
    ),
}


#: An English word at all (Zipf): "initialized" of "uninitialized", not "ique" of "unique".
KNOWN_WORD_ZIPF = 2.0


@dataclass(frozen=True, slots=True)
class Polarity:
    """How an English text negates: explicit cues (their offsets), and words that
    negate lexically (``lexical``) or may stand for a negation (``loose``)."""

    cues: tuple[tuple[int, int], ...]
    lexical: bool
    loose: bool

    @property
    def negated(self) -> bool:
        return bool(self.cues)


#: "whether or not", "ou não": a choice, not a negation.
_EITHER_WAY = re.compile(r"\b(?:or|ou)\s+(?:not|não)\b", re.IGNORECASE)


def english_polarity(text: str) -> Polarity:
    cues, lexical, loose = [], False, False
    for match in _POLAR_WORD.finditer(_EITHER_WAY.sub(_blanked, text)):
        word = match.group(0).casefold().replace("’", "'")
        if word.split("-")[0] in ENGLISH_NEGATIONS or word.endswith("n't"):  # "not-included" too
            cues.append((match.start(), match.end()))
        elif _is_lexical(word):
            lexical = True
        elif _LOOSE.match(word):
            loose = True
    return Polarity(tuple(cues), lexical, loose)


def _blanked(match: re.Match) -> str:
    return " " * len(match.group(0))  # offsets of the cues after it hold


def _is_lexical(word: str) -> bool:
    match = _LEXICAL.match(word)
    if match is None:
        return False
    rest = match.group(1)  # un/in/mis + an English word: "unhandled", "mishandle" (not "unique", "interface")
    return rest is None or max(zipf(rest), zipf(rest.removesuffix("ly"))) >= KNOWN_WORD_ZIPF


def source_negated(source: str, language: str | None) -> tuple[bool, bool] | None:
    """Whether the source negates by its language's own words, explicitly ("não", "sem")
    and lexically ("impossível", "inválido"); None: no word list for the language."""
    base = _base(language)
    cues, lexical = SOURCE_NEGATIONS.get(base), SOURCE_LEXICAL.get(base)
    if cues is None or lexical is None:
        return None
    words = [match.group(0).casefold() for match in _WORD.finditer(_EITHER_WAY.sub(_blanked, source))]
    return any(word in cues for word in words), any(lexical.match(word) for word in words)


def polarity_findings(source: str, translation: str, target: str, language: str | None) -> list[Finding]:
    """A negation one side has and the other lacks. ``translation`` is the source in English."""
    said, written = english_polarity(translation), english_polarity(target)
    cross_check = source_negated(source, language)
    if cross_check is None:  # the model's reading alone
        source_says_not, source_may_say_not = said.negated, True
    else:  # the model and the source's own words must agree
        explicit, lexical = cross_check
        source_says_not = (said.negated and (explicit or lexical)) or (said.lexical and explicit)
        source_may_say_not = explicit or lexical or said.negated or said.lexical or said.loose
    if source_says_not and not written.negated and not written.lexical:
        return [Finding(f'the source is negated (in English: "{translation}") but the target is not')]
    if written.negated and not source_may_say_not:
        start, end = written.cues[0]
        return [Finding(f'"{target[start:end]}" negates the target, but the source is not negated '
                        f'(in English: "{translation}")', start, end)]
    return []


# --- content words -----------------------------------------------------------------------

#: A content word of the translation is one English uses less often than this (Zipf):
#: the commonest words ("make", "use", "new") are worded otherwise too often to miss.
CONTENT_MAX_ZIPF = 5.6
MIN_LETTERS = 4
#: A cognate ("directory"/"diretório", "permission"/"permissão"): the same first letters and
#: word starts (this many letters) this similar, accents and case folded.
COGNATE_START = 8
COGNATE_SIMILARITY = 0.7
#: Missing words it takes to flag, and their share of the translation's cognates: a word
#: or two is too often a paraphrase ("Componente de seleção de arquivos" -> "File Chooser Widget").
MIN_MISSING = 4
MIN_MISSING_SHARE = 0.6
#: A word of the translation English knows at least this well (Zipf): not a made-up one.
MIN_ENGLISH_ZIPF = 2.5


def content_findings(source: str, translation: str, target: str) -> list[Finding]:
    """Cognates of source words that the translation has and the target lacks."""
    source_words = {_fold(word) for word in _words(source)}
    source_starts = {word[:COGNATE_START] for word in source_words if len(word) >= MIN_LETTERS}
    target_stems = {_stem(word) for word in _words(target)}
    cognates, missing = 0, []
    for word in dict.fromkeys(w.casefold() for w in _words(translation)):
        if len(word) < MIN_LETTERS or "'" in word or not MIN_ENGLISH_ZIPF <= zipf(word) < CONTENT_MAX_ZIPF:
            continue
        folded = _fold(word)
        if folded in source_words or not _has_cognate(folded[:COGNATE_START], source_starts):
            continue  # copied from the source untranslated, or no cognate there (the model may have made it up)
        cognates += 1
        if _stem(word) not in target_stems:
            missing.append(word)
    if len(missing) < MIN_MISSING or len(missing) < MIN_MISSING_SHARE * cognates:
        return []
    listed = ", ".join(f'"{word}"' for word in missing)
    return [Finding(f'the target lacks words the source has: {listed} (the source in English: "{translation}")')]


def _has_cognate(start: str, source_starts: set[str]) -> bool:
    from rapidfuzz.distance import Levenshtein

    return any(
        other[:2] == start[:2] and Levenshtein.normalized_similarity(start, other) >= COGNATE_SIMILARITY
        for other in source_starts
    )


def _words(text: str) -> list[str]:
    return [match.group(0) for match in _WORD.finditer(text)]


def _fold(word: str) -> str:
    """Case and accents folded: "Diretório" -> "diretorio"."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stem(word: str) -> str:
    from qa.glossary.languages import stem_function

    return stem_function("en")(word.casefold())


def _base(language: str | None) -> str:
    return (language or "").split("-")[0].split("_")[0].lower()
