"""Names from the source: a proper name of a Latin-script source (a capitalised
word not at the start of a sentence that is no ordinary word of the source
language, an acronym, a CamelCase brand) must be in the target, as written or
nearly ("Moscou" -> "Moscow"). "Keir Starmer" rendered "Ir Kiel" is flagged at
"Ir Kiel", with the source's form as the suggestion. A translated place name is
an ordinary word of the source language ("Londres"), so it is not asked for.
"""

from __future__ import annotations

import re
import unicodedata

from qa.bilingual.items import Finding
from qa.bilingual.words import WORD, has_frequencies, words, zipf_in
from qa.memo import BoundedMemo
from qa.lexicon import zipf

ORDINARY = 3.0  # Zipf in the source language: at least once per million words
RARE_WORD = 2.0  # Zipf in the source language: below it a capitalised word is a name as often as a word
TITLE_WORD = 4.5  # English Zipf: a common word that title case capitalises ("Minister")
CLOSE = 80
NOUNS_CAPITALISED = {"de", "lb"}
GERMAN_RARE = 1.0  # Zipf: a capitalised German word is a name only when German lists hardly know it
INTERNATIONAL = 0.5  # Zipf: a name English writes about as often as the source language
ACRONYM_LETTERS = 5  # longer capitals are words ("BARRAMENTO"), not acronyms  # rapidfuzz ratio of a name and a target word that still writes it
_STARTS = ".!?:;\"“«'\n•-–—*>]/"  # ">", "]": after a usage line's argument, its description; "/" between headings


def source_names(text: str, language: str | None, target: str = "") -> list[tuple[int, int, str]]:
    """(start, end, text) of each run of name words in the source; a word ``target`` has as
    written is not asked about (it is there, whatever it is)."""
    if not _CAPITAL.search(text, 1) or not _latin(text):
        return []  # a capital only at the start: a sentence's first word, not a name
    runs: list[list] = []
    previous_end = -10
    title: list[bool] = []  # whether the text is a title: read once, when a word first needs it

    def title_case() -> bool:
        if not title:
            title.append(_title_case(text))
        return title[0]

    for match in _CAPITALISED_PART.finditer(text):  # "ARP-Eintrag": "ARP" may be a name, "Eintrag" is not
        word = match.group(0)
        if target and word in target:
            continue
        if not _is_name(word, text, match.start(), language, title_case):
            continue
        if runs and text[previous_end : match.start()] == " ":
            runs[-1][1], runs[-1][2] = match.end(), runs[-1][2] + [word]
        else:
            runs.append([match.start(), match.end(), [word]])
        previous_end = match.end()
    return [(start, end, text[start:end]) for start, end, _ in runs]


def name_findings(source: str, target: str, language: str | None) -> list[Finding]:
    if not _CAPITAL.search(source, 1):
        return []  # a capital only at the start: a sentence's first word, not a name
    if all(word in target for word in _CAPITALISED_PART.findall(source)):
        return []  # every capitalised word is in the target as written (most units that name something)
    names = source_names(source, language, target)
    if not names or len(names) == 1 and names[0][2] == source.strip():
        return []  # a unit that is one word in capitals is a label ("SEGS"), not a sentence naming someone
    target_words = [part for match in words(target) for part in _IDENTIFIER_JOINS.split(match.group(0)) if part]
    folded = {_fold(word) for word in target_words}
    folded |= {"".join(sorted(word)) for word in folded if len(word) <= 4}  # "SO" for "OS": a reordered acronym
    missing: list[str] = []
    for start, end, name in names:
        if name in missing:
            continue
        parts = [part for match in words(name) for part in match.group(0).split("-") if part]
        if not all(_present(_fold(part), folded) for part in parts) and not _glued_together(parts, folded):
            if not (name.isupper() and _spelled_out(name, target_words)):
                missing.append(name)
    missing = _without_argument_names(missing, source, target_words)
    if not missing:
        return []
    strangers = _target_names_not_in(target, source)
    findings = []
    for index, name in enumerate(missing):
        if index < len(strangers):
            start, end = strangers[index]
            findings.append(Finding(f'"{target[start:end]}" where the source names "{name}"', start, end, name))
        else:
            findings.append(Finding(f'the source names "{name}"; the target does not', suggestion=name))
    return findings


def _without_argument_names(missing: list[str], source: str, target_words: list[str]) -> list[str]:
    """A name in capitals is a usage line's translated argument name ("ARQ", "SEGS", "ETIQ") when
    the target has an English word in capitals the source does not ("FILE", "SECS", "TAG")."""
    if not any(name.isupper() for name in missing):
        return missing
    source_words = {match.group(0) for match in words(source)}
    arguments = sum(1 for word in target_words
                    if len(word) >= 2 and word.isupper() and word not in source_words and zipf(word.casefold()) >= ORDINARY)
    kept = []
    for name in missing:
        if arguments and name.isupper():
            arguments -= 1
            continue
        kept.append(name)
    return kept


def _is_name(word: str, text: str, start: int, language: str | None, title_case) -> bool:
    """``title_case()``: whether the text is a title (asked only when a word needs it)."""
    if len(word) < 2 or not word[0].isupper() or "_" in word or _metavariable(text, start, start + len(word)):
        return False  # "S_obrepor": a mnemonic's marker in an ordinary word
    if len(word) == 2 and word[1].islower():
        return False  # a unit's or an abbreviation's symbol ("16 Ko", "en Mo", "Nr"), not a name
    capitals = len(word) - len(word.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ"))
    if capitals >= 2 and word[capitals:].islower() and (word[capitals:] != "s" or capitals > ACRONYM_LETTERS):
        return False  # a usage line's argument name with a suffix ("ARQUIVOs", "ZAHLten"), not "DLLs"
    if capitals >= 2 and word[capitals:] == "s":
        word = word[:capitals]  # a plural in capitals ("DLLs", "NOMs"): an acronym, or an argument name
    if word.isupper():
        # An acronym: short and ASCII; not a word in capitals ("TODAS", "DEPURAÇÃO") nor a
        # usage line's translated argument name ("NOMEBD").
        return word.isascii() and len(word) <= ACRONYM_LETTERS and not _ordinary(word, language)
    if any(char.isupper() for char in word[1:]):
        return word.isascii()  # a CamelCase brand ("WonderSwan", "PangoFontDescription")
    if _sentence_start(text, start):
        return False
    # A frequent word of the source is a name when English uses it as much ("Trump",
    # "Microsoft"), not when it is the source language's own word ("Alt Esquerdo"). German
    # capitalises every noun and titles capitalise every word: there only that test counts.
    if (language or "").split("-")[0] in NOUNS_CAPITALISED:
        return _WORD_IS_NAME[word, language, _GERMAN]
    return _WORD_IS_NAME[word, language, _TITLE if title_case() else _PLAIN]


_GERMAN, _TITLE, _PLAIN = range(3)


def _word_is_name(word: str, language: str | None, how: int) -> bool:
    """What a capitalised word's frequencies say (``how``: in German, in a title, in running text)."""
    folded = word.casefold()
    international = zipf(folded) >= zipf_in(folded, language) - INTERNATIONAL
    if how == _GERMAN:
        # German capitalises every noun: a name is a word English knows and German does not use
        # as a word of its own (compounds such as "Arbeitsverzeichnis" are rare, not names).
        return international and zipf(folded) >= 1.0 and zipf_in(folded, language) < GERMAN_RARE
    if how == _TITLE:
        return international and not (_ordinary(word, language) and zipf(folded) >= ORDINARY)
    # Not a word English shares: a name only when the language's texts hardly use it either
    # ("Rolagem", "Derivação" are rare words of their language, not names).
    return international or zipf_in(folded, language) < RARE_WORD


#: Per word, language and kind of text: the same words come back in every unit.
_WORD_IS_NAME = BoundedMemo(_word_is_name, 50_000)


def _ordinary(word: str, language: str | None) -> bool:
    return has_frequencies(language) and zipf_in(word.casefold(), language) >= ORDINARY


def _sentence_start(text: str, start: int) -> bool:
    """At the start of a sentence, of a line or of a table column (a tab, two spaces)."""
    gap_start = len(text[:start].rstrip())
    gap = text[gap_start:start]
    if "\t" in gap or "  " in gap or "\n" in gap:
        return True
    return gap_start == 0 or text[gap_start - 1] in _STARTS


def _metavariable(text: str, start: int, end: int) -> bool:
    """An argument name of a usage line (``--dbname=NOMEBD``, ``[ARQUIVO]``, ``ESPEC_JOB``)."""
    before, after = text[start - 1 : start], text[end : end + 1]
    return (before in "=[<{_-" and before != "" or after in "=]>}_-" and after != ""
            or text[:start].endswith((" -", "=]")))  # "[--pgdata=]VERZ": an optional "="


def _title_case(text: str) -> bool:
    """Headings and UI labels capitalise every word ("Tabela de Roteamento do Kernel")."""
    long_words = [word for word in WORD.findall(text) if len(word) >= 4]
    return len(long_words) >= 2 and sum(word[0].isupper() for word in long_words) >= 0.6 * len(long_words)


def _spelled_out(acronym: str, target_words: list[str]) -> bool:
    """"FDDI" -> "Fiber Distributed Data Interface", "SLIP" -> "Serial Line IP": the acronym's
    letters are the starts of consecutive capitalised target words; of three letters or more, of
    any words ("FQDN" -> "fully qualified domain name", "PITR" -> "point-in-time recovery")."""
    lower = len(acronym) >= 3
    capitalised = [word.casefold() if lower or word[:1].isupper() else "" for word in target_words]
    return any(_spells(acronym.casefold(), capitalised, first) for first in range(len(capitalised)))


def _spells(letters: str, words_: list[str], index: int) -> bool:
    if not letters:
        return True
    if index >= len(words_) or not words_[index]:
        return False
    word = words_[index]
    return any(word.startswith(letters[:n]) and _spells(letters[n:], words_, index + 1)
               for n in range(1, min(len(letters), len(word)) + 1))


def _present(part: str, folded: set[str]) -> bool:
    if part in folded or (len(part) <= 4 and "".join(sorted(part)) in folded):
        return True
    from rapidfuzz.fuzz import ratio

    # Written nearly alike, or the start of a target word ("Web" -> "website", "NULL" -> "nullable").
    return any(ratio(part, word) >= CLOSE or word.startswith(part[:4] if len(part) > 4 else part) for word in folded
               if len(part) >= 3 or word == part)


def _glued_together(parts: list[str], folded: set[str]) -> bool:
    """A name of several words the target writes as one identifier ("Large Object" -> "pg_largeobject")."""
    joined = "".join(_fold(part) for part in parts)
    return len(parts) > 1 and any(joined in word for word in folded)


def _target_names_not_in(target: str, source: str) -> list[tuple[int, int]]:
    """Runs of capitalised target words (not at a sentence start) that the source does not have."""
    source_folded = {_fold(match.group(0)) for match in words(source)}
    runs: list[list[int]] = []
    for match in words(target):
        word = match.group(0)
        if not word[0].isupper() or _fold(word) in source_folded:
            continue
        if _sentence_start(target, match.start()) and not (runs and runs[-1][1] == match.start() - 1):
            continue
        if runs and target[runs[-1][1] : match.start()] == " ":
            runs[-1][1] = match.end()
        else:
            runs.append([match.start(), match.end()])
    return [trimmed for start, end in runs if (trimmed := _trim_ordinary(target, start, end))]


def _trim_ordinary(target: str, start: int, end: int) -> tuple[int, int] | None:
    """A run without the title-case English words at its edges ("Minister Ir Kiel" -> "Ir Kiel")."""
    kept = [m for m in words(target[start:end])]
    while kept and zipf(kept[0].group(0).casefold()) >= TITLE_WORD:
        kept.pop(0)
    while kept and zipf(kept[-1].group(0).casefold()) >= TITLE_WORD:
        kept.pop()
    return (start + kept[0].start(), start + kept[-1].end()) if kept else None


def _folded(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_fold = BoundedMemo(_folded, 100_000).__getitem__


#: A capital after the first character: without one, the only capital starts the text.
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_IDENTIFIER_JOINS = re.compile(r"[-_]")  # "Num_Lock", "KP_Page_Up": the words of a key name


#: Letters of the scripts a name rule cannot read (Greek to Hangul, without Latin's blocks).
#: Words (a letter, then letters, digits, apostrophes) that start with a capital.
_CAPITALISED_PART = re.compile(r"(?<![\w'’])[^\W\d_a-zß-öø-ÿ](?:[\w'’]*[^\W_])?")
_NON_LATIN = re.compile(r"[\u0370-\u1dff\u2c00-\u2dff\u3040-\u9fff\ua000-\ua6ff\uac00-\ud7af]")


def _latin(text: str) -> bool:
    if text.isascii():
        return True
    return len(_NON_LATIN.findall(text)) < 0.2 * len(text)  # a share of all characters: close enough
