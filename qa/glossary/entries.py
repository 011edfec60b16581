"""Glossary entries: a canonical term, the wrong forms seen for it, its type."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


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

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.source else ""


@dataclass(slots=True)
class Glossary:
    entries: list[Entry] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entries)

    def extend(self, other: "Glossary") -> None:
        self.entries.extend(other.entries)
        self.sources.extend(other.sources)
