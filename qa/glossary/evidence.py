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


#: How a row of gender-guesser's name dictionary starts: a gender code, then two spaces.
NAME_ROWS = frozenset({"M  ", "F  ", "?  ", "1  "})


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Casefolded first names of gender-guesser's name dictionary."""
    # Fixed-width rows: a gender code, then the name in columns 3-29 ("+" joins parts). The
    # 4 MB file is decoded as bytes (read_text's newline translation costs more than the
    # decoding) and its names are folded in one piece: a run that meets a name pays this once.
    text = _name_dictionary().decode("utf-8")
    names = [line[3:29].strip() for line in text.splitlines() if line[:3] in NAME_ROWS and len(line) > 3]
    return frozenset("\n".join(names).replace("+", " ").casefold().split("\n")) if names else frozenset()


def _name_dictionary() -> bytes:
    from importlib.resources import files

    return files("gender_guesser").joinpath("data/nam_dict.txt").read_bytes()


def is_first_name(word: str) -> bool:
    return word.casefold() in first_names()
