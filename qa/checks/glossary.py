"""The glossary check: listed wrong variants of canonical terms."""

from __future__ import annotations

from qa.checks.base import Check, SentenceView
from qa.glossary import Glossary
from qa.glossary.exact import ExactMatcher
from qa.records import Flag


class GlossaryCheck(Check):
    name = "glossary"

    def __init__(self, glossary: Glossary):
        self.matcher = ExactMatcher(glossary)

    def flags(self, view: SentenceView) -> list[Flag]:
        return self.matcher.flags(view.text, view.tokens, view.context_words)
