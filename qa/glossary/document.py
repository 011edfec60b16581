"""What one document has said so far: which glossary entities it named, how,
and where; and which surnames belong to somebody else ("Ian Healy" the
cricketer is not John Healey). The glossary check keeps one of these per
document, since the pipeline streams a document's sentences in order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from qa.glossary.entries import Entry

if TYPE_CHECKING:
    from qa.view import SentenceView


@dataclass(slots=True)
class Place:
    where: str
    span: str
    words: frozenset[str]


@dataclass(slots=True)
class DocumentMentions:
    #: entity term -> each distinct form (its words) -> the first place it was written so
    forms: dict[str, dict[frozenset[str], Place]] = field(default_factory=lambda: defaultdict(dict))
    others: set[tuple[str, str]] = field(default_factory=set)

    def knows(self, entry: Entry) -> bool:
        return entry.term in self.forms

    def note_other_person(self, entry: Entry, surname: str) -> None:
        """A surname near ``entry``'s was written with someone else's first name."""
        self.others.add((entry.term, surname))

    def is_other_person(self, entry: Entry, surname: str) -> bool:
        return (entry.term, surname) in self.others

    def add(self, entry: Entry, view: SentenceView, start: int, span: str, words: Collection[str]) -> list[Place]:
        """Record a mention at ``start`` in the sentence ``view``; returns the earlier places
        that wrote the entity differently. ``words``: a listed form's frozenset, a mention's tuple.

        Two forms differ when neither's words contain the other's: "Hegseth" and
        "Pete Hegseth" agree, "Hegses" and "Heggs" do not."""
        mine = frozenset(words)
        known = self.forms[entry.term]
        if mine in known:
            if len(known) == 1:
                return []  # the one form written so far, again
        else:  # a form first written here (its place is said only then: most mentions repeat one)
            known[mine] = Place(view.where(start), span, mine)
        return [place for form, place in known.items() if not (mine <= form or form <= mine)]
