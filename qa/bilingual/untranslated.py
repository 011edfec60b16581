"""Untranslated: the target is the source, or is written in the source language.

A string that is the same in every language is left alone: one whose words
are English words too (product names, "OK", "Status", "Internet"), or that
has no words at all (placeholders, codes, numbers). A word is foreign when
English word lists hardly know it and the source language's know it better.
"""

from __future__ import annotations

from qa.bilingual.items import Finding
from qa.bilingual.words import WORD, has_frequencies, words, zipf_in
from qa.lexicon import zipf

ENGLISH_KNOWS = 3.0  # Zipf: a word English copy uses at least once per million words
MIN_WORDS_IN_LANGUAGE = 3  # fewer words say too little about the language
FOREIGN_SHARE = 0.0  # target == source: one foreign word says the text was not translated
FOREIGN_SHARE_DIFFERENT = 0.75  # target != source: most words foreign


def untranslated_findings(source: str, target: str, language: str | None, plain_target: str) -> list[Finding]:
    """``plain_target``: the target with placeholders, tags and URLs blanked out."""
    if language and language.split("-")[0].lower() == "en":
        return []  # an English source: the same text is the translation
    same = " ".join(target.casefold().split()) == " ".join(source.casefold().split())
    if not same and _reads_english(plain_target):
        return []  # the usual case, decided on the first words
    found = [match.group(0) for match in words(plain_target) if len(match.group(0)) >= 2]
    if not found:
        return []  # placeholders, codes or numbers only
    foreign = [word for word in found if _foreign(word.casefold(), language)]
    share = len(foreign) / len(found)
    if same and share > FOREIGN_SHARE:
        return [Finding("untranslated: the target is the source text", 0, len(target), None)]
    if not same and len(found) >= MIN_WORDS_IN_LANGUAGE and share >= FOREIGN_SHARE_DIFFERENT:
        name = language or "the source language"
        return [Finding(f"untranslated: the target is written in {name}, not English ({', '.join(foreign[:3])})",
                        0, len(target), None)]
    return []


def _reads_english(text: str) -> bool:
    """Two of the first four longer words are common English words: no need to look further."""
    english = seen = 0
    for match in WORD.finditer(text):
        word = match.group(0)
        if len(word) >= 3:
            english += zipf(word.casefold()) >= ENGLISH_KNOWS
            seen += 1
            if english >= 2:
                return True
            if seen == 4:
                return False
    return False


def _foreign(word: str, language: str | None) -> bool:
    english = zipf(word)
    if english >= ENGLISH_KNOWS:
        return False
    if has_frequencies(language):
        return zipf_in(word, language) > english + 1.0
    return english < 1.5 and len(word) >= 4
