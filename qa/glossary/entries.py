"""Glossary entries: a canonical term, the wrong forms seen for it, its type."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from qa.errors import InputError
from qa.offsets import checked_text

_WORD_CHARACTER = re.compile(r"\w")


class EntryType(str, Enum):
    PERSON = "person"
    ORG = "org"
    PLACE = "place"
    PHRASE = "phrase"
    TERM = "term"

    @property
    def is_name(self) -> bool:
        return self in (EntryType.PERSON, EntryType.ORG, EntryType.PLACE)


@dataclass(slots=True)
class Entry:
    term: str
    variants: tuple[str, ...] = ()
    type: EntryType | None = EntryType.TERM
    note: str = ""
    context: tuple[str, ...] = ()
    source: str = ""
    line: int = 0
    #: Source-language forms of the term, by language tag ("pt": ("coligação dos dispostos",)).
    #: An empty form is kept so that ``mtqa glossary lint`` can point at it; checks skip it.
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Variants ``mtqa glossary expand`` predicted (qa.glossary.generated), each with its confidence.
    generated: tuple = ()

    def __post_init__(self) -> None:
        # Matching, suggestions and messages all read the normalised forms.
        self.term = normalise_form(self.term)
        self.variants = tuple(map(normalise_form, self.variants))
        self.context = tuple(map(normalise_form, self.context))

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.source else ""

    @property
    def is_name(self) -> bool:
        """A person, organisation or place; an untyped or generic term counts as a name
        when it is capitalised ("Rheinmetall"), not when it is a word ("ceasefire")."""
        if self.type is not None and self.type.is_name:
            return True
        return self.type in (EntryType.TERM, None) and self.term[:1].isupper()

    def check_forms(self) -> None:
        """InputError (file and line) for a term, variant or context word that has
        no letter or digit: it could never be matched ("--", "…")."""
        for what, forms in (("term", (self.term,)), ("variant", self.variants), ("context word", self.context)):
            for form in forms:
                if not _WORD_CHARACTER.search(form):
                    raise InputError(f'{what} "{form}" has no letter or digit', self.source or None, self.line or None)


def normalise_form(text: str) -> str:
    """A glossary form as checks read a sentence (qa/offsets.py): NFC, no soft hyphens
    or zero-width characters, a zero-width space as a space; what suggestions use."""
    return checked_text(text)[0]


@dataclass(slots=True)
class Glossary:
    entries: list[Entry] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entries)

    def extend(self, other: "Glossary") -> None:
        self.entries.extend(other.entries)
        self.sources.extend(other.sources)
