"""Untranslated: the target is the source, or is written in the source language.

A string that is the same in every language is left alone: one whose words
are English words too (product names, "OK", "Status", "Internet"), or that
has no words at all (placeholders, codes, numbers). A word is foreign when
English word lists hardly know it and the source language's know it better.
"""

from __future__ import annotations

import re

from qa.bilingual.items import Finding
from qa.bilingual.words import WORD, common_english, has_frequencies, words, zipf_in
from qa.memo import BoundedMemo
from qa.lexicon import zipf

ENGLISH_KNOWS = 3.0  # Zipf: a word English copy uses at least once per million words
LANGUAGE_KNOWS = 2.0  # Zipf: a compound's parts are words of the source language at least this common
COMMON_MARGIN = 2.0  # Zipf: how much more a language uses a word English uses too, to be its own
MIN_WORDS_IN_LANGUAGE = 3  # fewer words say too little about the language
FOREIGN_SHARE = 0.0  # target == source: one foreign word says the text was not translated
FOREIGN_SHARE_DIFFERENT = 0.75  # target != source: most words foreign


def load(language: str | None) -> None:
    """Build the word tables the rule reads now, not on first use (qa.bilingual.rules.load_rules)."""
    common_english(ENGLISH_KNOWS)
    has_frequencies(language)


def untranslated_findings(
    source: str, target: str, language: str | None, plain_target: str, plain_source: str | None = None
) -> list[Finding]:
    """``plain_target``, ``plain_source``: the texts with placeholders, tags and URLs blanked out."""
    if language and language.split("-")[0].lower() == "en":
        return []  # an English source: the same text is the translation
    same = same_text(source, target)
    if not same and (_reads_english(plain_target) or len(_WORD_RUN.findall(plain_target)) < MIN_WORDS_IN_LANGUAGE):
        return []  # the usual case, decided on the first words; or too few words to say
    found = _evidence(plain_target, same, language)
    if same and found and not _evidence(plain_source or source, same, language):
        found = []  # the source writes it as a code ("GiB" -> "Gib"): the same in every language
    if not found:
        return []  # placeholders, codes or numbers only
    if same and len(found) == 1 and len(found[0]) < 3:
        return []  # "de", "eu": a language code, the same everywhere
    foreign = [word for word in found if _foreign(word.casefold(), language)]
    share = len(foreign) / len(found)
    if same and share > FOREIGN_SHARE and len(foreign) >= sum(_english(word.casefold(), language) for word in found):
        return [Finding("untranslated: the target is the source text", 0, len(target), None)]
    if not same and len(found) >= MIN_WORDS_IN_LANGUAGE and share >= FOREIGN_SHARE_DIFFERENT:
        name = language or "the source language"
        return [Finding(f"untranslated: the target is written in {name}, not English ({', '.join(foreign[:3])})",
                        0, len(target), None)]
    return []


def same_text(source: str, target: str) -> bool:
    """Equal but for case and spacing (the first letters, compared first, usually differ)."""
    source, target = source.lstrip(), target.lstrip()
    if source[:1].casefold() != target[:1].casefold():
        return False
    return target.casefold().split() == source.casefold().split()


def _evidence(text: str, same: bool, language: str | None) -> list[str]:
    """The words that say which language a text is in: not a code's letters ("SRA0", "A4"),
    hyphenated words in parts; for a copied text, not acronyms or mixed case ("WLAN", "GiB"),
    which are the same in every language."""
    found = []
    for match in words(text):
        start, end = match.span()
        if text[start - 1 : start].isdigit() or text[end : end + 1].isdigit():
            continue
        for part in match.group(0).split("-"):
            if len(part) < 2 or same and _code_like(part, language):
                continue
            found.append(part)
    return found


def _code_like(word: str, language: str | None) -> bool:
    """Mixed case or an acronym ("GiB", "WLAN"), not a word in capitals ("AVISO", "COMANDOS")."""
    if not any(char.isupper() for char in word[1:]):
        return False
    return not (word.isupper() and len(word) >= 5 and zipf_in(word.casefold(), language) >= ENGLISH_KNOWS)


def _reads_english(text: str) -> bool:
    """Two of the first four longer words are common English words: no need to look further."""
    known = common_english(ENGLISH_KNOWS)
    english = 0
    for word in _LONGER_WORD.findall(text, 0, 200)[:4]:  # strings, not match objects: the common case
        if word.casefold() in known:
            english += 1
            if english == 2:
                return True
    return False


_LONGER_WORD = re.compile(r"[^\W\d_]{3,}")
#: Runs of word characters: each word ``_evidence`` keeps lies in one of these, so fewer runs of
#: two or more characters than the rule needs words mean it cannot say the text is foreign.
_WORD_RUN = re.compile(r"[\w'’]{2,}")


def _english(word: str, language: str | None) -> bool:
    """A word English uses far more than the source language ("Lock" in "Num Lock")."""
    return zipf(word) >= ENGLISH_KNOWS and zipf(word) > zipf_in(word, language) + 1.0


def _foreign(word: str, language: str | None) -> bool:
    english = zipf(word)
    if not has_frequencies(language):
        return english < 1.5 and len(word) >= 4
    in_language = zipf_in(word, language)
    if english >= ENGLISH_KNOWS:
        # A word English uses too is foreign only when the language uses it far more ("und", "para").
        return in_language > english + COMMON_MARGIN
    if in_language < LANGUAGE_KNOWS and english < 1.5:
        # Rare in both lists: a name ("Drepper", "Hatran"), unless it is a compound of the
        # language's words ("Farbrad", "Schlüsselkennung").
        return len(word) >= MIN_COMPOUND and _writes_compounds(language) and _compound(word, language)
    return in_language > english + 1.0


def _writes_compounds(language: str) -> bool:
    return language.split("-")[0].lower() in COMPOUNDING


MIN_PART = 3
#: Languages that write compounds as one word ("Schlüsselkennung"); elsewhere a rare word is a name.
COMPOUNDING = frozenset("de nl sv da nb nn no is fi et hu af lb".split())
MIN_COMPOUND = 7  # letters: shorter rare words are names ("Hatran", "Bamum"), not compounds
_LINKS = ("", "s", "n", "en", "es", "e")  # German linking elements: "Verarbeitung-s-verzeichnis"


def _compound(word: str, language: str) -> bool:
    return _COMPOUNDS[word, language]


def _is_compound(word: str, language: str) -> bool:
    """A compound neither list knows ("Schlüsselkennung"): two ordinary words of the source
    language, one of them a word English does not use as much."""
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if zipf_in(tail, language) < LANGUAGE_KNOWS and not (len(tail) >= 2 * MIN_PART + 2 and _compound(tail, language)):
            continue  # the rest is no word, nor a compound itself ("Softwarekatalog|daten")
        for link in _LINKS:
            stem = head[: len(head) - len(link)] if link and head.endswith(link) else (head if not link else "")
            if len(stem) >= MIN_PART and zipf_in(stem, language) >= ENGLISH_KNOWS:
                if zipf_in(stem, language) > zipf(stem) + 1.0 or zipf_in(tail, language) > zipf(tail) + 1.0:
                    return True
    return False


_COMPOUNDS = BoundedMemo(_is_compound, 50_000)
