"""The bilingual glossary rule (B450): the source has a glossary term's source
form and the translation lacks the approved English term.

The source is a unit's and a unit's target may be several sentences, so the
check reads the unit once, at its first sentence: a term is present when any
of the unit's sentences has it. It learns a unit's sentences from ``prepare``,
which sees each batch before its first sentence is checked. A missing term is
flagged on a listed variant of it in the target when there is one, else on the
unit's last sentence; where the glossary check already flagged a wrong form of
the term in that sentence, that flag is enough (``without_repeats``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from qa.checks.base import Check, CheckContext
from qa.glossary.entries import Entry, Glossary
from qa.glossary.exact import ExactMatcher
from qa.glossary.source_forms import FormHit, SourceFormMatcher, StemmedForms
from qa.offsets import checked_text
from qa.records import Flag, Sentence, Severity
from qa.rules import Rule, register_rule
from qa.tokens import tokenize
from qa.view import SentenceView

RULE = register_rule(Rule(
    id="B450",
    name="glossary-source",
    short="The source has a glossary term's source form; the translation lacks the approved term.",
    full=(
        "The unit's source contains a source-language form the glossary gives for a term (a CSV language "
        "column, a TBX langSet), found through inflection with the language's Snowball stemmer "
        "(\"coligações\" finds \"coligação\"), and no sentence of the unit's translation contains the "
        "approved English term (whole words, any case, possessives and English inflection tolerated). "
        "Where the glossary check already flagged a wrong form of the term in the sentence, that flag is "
        "enough. Runs only on units that have a source, with a glossary that gives source forms."
    ),
    help=(
        "Use the approved term (the suggestion). If the source words mean something else here, or matched "
        "a form they should not, narrow the glossary's source forms for that term."
    ),
    severity=Severity.ERROR,
))


class SourceGlossaryCheck(Check):
    name = RULE.name
    rules = (RULE,)

    def __init__(self, glossary: Glossary, source_language: str | None = None):
        self.sources = SourceFormMatcher(glossary)
        self.targets = ExactMatcher(glossary)
        # The term inflected in English ("coalitions of the willing") is the term too.
        self.inflected = StemmedForms("en")
        for entry in glossary.entries:
            if entry.sources:
                self.inflected.add(entry, entry.term)
        self.source_language = source_language
        self.start_document()

    @classmethod
    def build(cls, context: CheckContext) -> Check | None:
        """Only for a glossary that gives source forms."""
        if context.glossary is None or not any(entry.sources for entry in context.glossary.entries):
            return None
        return cls(context.glossary, context.source_language)

    def start_document(self) -> None:
        self._queue: deque[Sentence] = deque()
        self._unit_rest: deque[list[Flag]] = deque()

    def prepare(self, sentences: Sequence[Sentence]) -> None:
        self._queue.extend(sentences)

    def flags(self, view: SentenceView) -> list[Flag]:
        sentence = self._next_sentence(view)
        if self._unit_rest:
            return self._unit_rest.popleft()
        if not view.source or not view.text.strip():
            return []
        texts = [view.text] + self._rest_of_unit(sentence)
        # --source-lang first, then the language the file states for its sources.
        language = self.source_language or (sentence.source_language if sentence is not None else None)
        per_sentence = self.unit_flags(view.source, texts, language)
        self._unit_rest.extend(per_sentence[1:])
        return per_sentence[0]

    def _next_sentence(self, view: SentenceView) -> Sentence | None:
        if self._queue and self._queue[0].checked_text == view.text:
            return self._queue.popleft()
        self._queue.clear()  # not called through the pipeline: each sentence is its own unit
        return None

    def _rest_of_unit(self, sentence: Sentence | None) -> list[str]:
        rest = []
        if sentence is not None:
            for following in self._queue:
                if following.unit != sentence.unit or following.source != sentence.source:
                    break
                rest.append(following.checked_text)
        return rest

    def unit_flags(self, source: str, texts: list[str], language: str | None = None) -> list[list[Flag]]:
        """The flags of each sentence of a unit whose target is ``texts``; ``language``: the source's."""
        flags: list[list[Flag]] = [[] for _ in texts]
        # Source words may be the form of several entries ("banco": bank, bench): any of their terms will do.
        by_span: dict[tuple[int, int], list[FormHit]] = {}
        for hit in self.sources.hits(source, language):
            by_span.setdefault((hit.start, hit.end), []).append(hit)
        if not by_span:
            return flags
        tokens = [tokenize(text) for text in texts]
        matches = [self.targets.matches(sentence_tokens) for sentence_tokens in tokens]
        present = {m.form.entry.term for found in matches for m in found if m.form.canonical}
        present |= {hit.entry.term for sentence_tokens in tokens for hit in self.inflected.hits(sentence_tokens)}
        for hits in by_span.values():
            terms = {hit.entry.term for hit in hits}
            if terms & present:
                continue
            present |= terms  # the same term found twice in the source is flagged once
            variants = [(i, m) for i, found in enumerate(matches) for m in found if m.form.entry.term in terms]
            index, start, end = (
                (variants[0][0], variants[0][1].start, variants[0][1].end) if variants else (len(texts) - 1, 0, len(texts[-1]))
            )
            flags[index].append(_flag(hits, texts[index], start, end, source))
        return flags


def _flag(hits: list[FormHit], text: str, start: int, end: int, source: str) -> Flag:
    entry: Entry = hits[0].entry
    found = checked_text(source)[0][hits[0].start : hits[0].end]
    others = "".join(f' or "{hit.entry.term}"' for hit in hits[1:])
    return Flag(
        kind=RULE.name,
        severity=RULE.severity,
        start=start,
        end=end,
        span=text[start:end],
        term=entry.term,
        suggestion=entry.term,
        message=f'the source has "{found}" (glossary source form "{hits[0].form}") but the translation lacks '
        f'the approved term "{entry.term}"{others}',
    )


def without_repeats(flags: list[Flag]) -> list[Flag]:
    """A sentence's flags without a B450 flag whose term another flag there already names
    (the glossary check flagged a wrong form of it: that flag is enough)."""
    named = {flag.term for flag in flags if flag.kind != RULE.name and flag.term}
    if not named:
        return flags
    return [flag for flag in flags if flag.kind != RULE.name or flag.term not in named]
