"""Source-language tags of a glossary: which CSV columns and TBX langSets name a
language, whether it is one CLDR knows, and its stemmer."""

from __future__ import annotations

import re
from functools import lru_cache

# BCP-47 syntax (language, then script/region/variant subtags): what makes a CSV
# header cell a language column rather than a misspelt column name.
_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", re.IGNORECASE)
ENGLISH = "en"


def language_tag(text: str) -> str | None:
    """The normalised tag ("pt_br" -> "pt-BR") when ``text`` is BCP-47 shaped, else None."""
    text = text.strip().replace("_", "-")
    if not _TAG.fullmatch(text):
        return None
    first, *rest = text.split("-")
    return "-".join([first.lower()] + [part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part.lower() for part in rest])


def base_language(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


def is_english(tag: str) -> bool:
    return base_language(tag) == ENGLISH


@lru_cache(maxsize=None)
def is_known_language(tag: str) -> bool:
    """A tag CLDR (through Babel) has data for: "pt", "pt-BR", "sr-Latn"; not "xx"."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return False
    return True


@lru_cache(maxsize=None)
def stem_function(tag: str):
    """A word -> stem function for the language (Snowball), or None when Snowball
    has no stemmer for it (its forms then match word for word)."""
    import snowballstemmer

    if not is_known_language(tag):
        return None
    from babel import Locale

    name = Locale.parse(base_language(tag)).english_name.split()[0].lower()
    if name not in snowballstemmer.algorithms():
        return None
    return lru_cache(maxsize=1 << 16)(snowballstemmer.stemmer(name).stemWord)
