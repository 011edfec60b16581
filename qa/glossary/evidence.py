"""Evidence about a word that is not in the glossary: is it an ordinary English
word, is it someone's first name?  Both come from well-kept data (wordfreq's
frequencies, gender-guesser's list of ~48,000 first names), loaded on first use
so that a glossary-only run without fuzzy candidates never pays for them."""

from __future__ import annotations

from functools import lru_cache

#: Zipf frequency (log10 of uses per billion words) from which a word counts as
#: an ordinary English word or a well-known name: "kiel" 2.8, "healy" 3.2,
#: "georgia" 4.5, while manglings sit far lower ("hegsath" 0, "couper" 2.0).
COMMON_WORD_ZIPF = 3.0


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Casefolded first names of gender-guesser's name dictionary."""
    from importlib.resources import files

    names = set()
    text = files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        # Fixed-width rows: a gender code, then the name in columns 3-29 ("+" joins parts).
        if line[:1] in "MF?1" and len(line) > 3 and line[1:3] == "  ":
            names.add(line[3:29].strip().replace("+", " ").casefold())
    return frozenset(names)


def is_first_name(word: str) -> bool:
    return word.casefold() in first_names()
