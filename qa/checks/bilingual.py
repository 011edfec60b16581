"""The bilingual rules as a check: each unit's target against its source.

A unit's target may be several sentences, and the rules compare whole units
(a placeholder may move to the next sentence), so the check reads the unit
once, at its first sentence, and hands each sentence the findings that fall
in it; something missing is flagged on the unit's last sentence. It learns a
unit's sentences from ``prepare``, which sees each batch before its first
sentence is checked.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from qa.bilingual.language import detect, normalise
from qa.bilingual.items import Finding
from qa.bilingual.rules import BILINGUAL_RULES, load_rules, unit_findings
from qa.checks.base import Check, CheckContext, SentenceView
from qa.records import Flag, Sentence
from qa.rules import Rule


@dataclass(slots=True)
class _Unit:
    texts: list[str]
    starts: list[int]
    flags: list[list[Flag]] = field(default_factory=list)
    next_index: int = 0


class BilingualCheck(Check):
    name = "bilingual"
    rules = BILINGUAL_RULES

    def __init__(self, source_language: str | None = None):
        self.source_language = normalise(source_language)
        self.start_document()

    @classmethod
    def build(cls, context: CheckContext) -> "BilingualCheck":
        return cls(context.source_language)

    def load(self) -> None:
        load_rules(self.source_language)  # a detected language is known only once sources are read

    def start_document(self) -> None:
        self._queue: deque[Sentence] = deque()
        self._unit: _Unit | None = None
        self._language = self.source_language
        self._detected_language: str | None = None
        self._detected = self.source_language is not None

    @property
    def language(self) -> str | None:
        """The source language of the last unit read: given (``--source-lang``), stated by the
        file, or detected once per document from the sources of units whose file does not say."""
        return self._language

    def prepare(self, sentences: Sequence[Sentence]) -> None:
        self._queue.extend(sentences)
        if not self._detected:
            sources = [s.source for s in sentences if s.source and not s.source_language]
            if sources:
                self._detected_language = detect(dict.fromkeys(sources))
                self._detected = True

    def _language_of(self, sentence: Sentence | None) -> str | None:
        if self.source_language is not None:
            return self.source_language
        if sentence is not None and sentence.source_language:
            return normalise(sentence.source_language)
        return self._detected_language

    def flags(self, view: SentenceView) -> list[Flag]:
        sentence = self._next_sentence(view)
        if not view.source or not view.text.strip():
            return []
        unit = self._unit
        if unit is not None and unit.next_index < len(unit.texts):
            index = unit.next_index
            unit.next_index += 1
            return unit.flags[index]
        following = self._queue[0] if sentence is not None and self._queue else None
        if following is None or not _same_unit(sentence, following):
            # A unit of one sentence (most): its findings are its flags, nothing to place.
            self._unit = None
            self._language = self._language_of(sentence)
            findings = self.unit_findings(view, view.text, _codes(sentence))
            return [_flag(view.text, rule, finding) for rule, finding in findings] if findings else _NONE
        self._unit = self._read_unit(view, sentence)
        self._unit.next_index = 1
        return self._unit.flags[0]

    def _next_sentence(self, view: SentenceView) -> Sentence | None:
        if self._queue and self._queue[0].checked_text == view.text:
            return self._queue.popleft()
        self._queue.clear()  # not called through the pipeline: each sentence is its own unit
        return None

    def _read_unit(self, view: SentenceView, sentence: Sentence | None) -> _Unit:
        texts = [view.text]
        if sentence is not None:  # the unit's following sentences are next in the queue
            for following in self._queue:
                if not _same_unit(sentence, following):
                    break
                texts.append(following.checked_text)
        starts, position = [], 0
        for text in texts:
            starts.append(position)
            position += len(text) + 1
        self._language = self._language_of(sentence)
        findings = self.unit_findings(view, " ".join(texts) if len(texts) > 1 else view.text, _codes(sentence))
        if not findings:
            return _Unit(texts, starts, [_NONE] * len(texts))  # most units: one shared empty list
        unit = _Unit(texts, starts, [[] for _ in texts])
        for rule, finding in findings:
            index, flag = _placed(unit, rule, finding)
            unit.flags[index].append(flag)
        return unit

    def unit_findings(self, view: SentenceView, target: str, codes) -> list[tuple[Rule, Finding]]:
        """One unit's findings: ``view`` is its first sentence, ``target`` its sentences joined."""
        return unit_findings(view.source, target, self._language, codes)


_NONE: list[Flag] = []  # never appended to: the flags of a sentence without findings


def _same_unit(sentence: Sentence, following: Sentence) -> bool:
    """Whether ``following`` is the next sentence of ``sentence``'s unit (same unit id, same source)."""
    return following.unit == sentence.unit and following.source == sentence.source


def _codes(sentence: Sentence | None):
    """The (source, target) inline codes of an XLIFF/TMX unit's sentence, else None."""
    if sentence is None or not (sentence.codes or sentence.source_codes):
        return None
    return sentence.source_codes, sentence.codes


def _placed(unit: _Unit, rule: Rule, finding: Finding) -> tuple[int, Flag]:
    """The sentence of the unit a finding falls in, and the flag there."""
    if finding.start is None:
        index = len(unit.texts) - 1
    else:
        index = max(i for i, first in enumerate(unit.starts) if first <= finding.start)
    return index, _flag(unit.texts[index], rule, finding, unit.starts[index])


def _flag(text: str, rule: Rule, finding: Finding, offset: int = 0) -> Flag:
    """The flag of a finding in ``text``, which starts at ``offset`` of the text the finding was
    found in (clamped to ``text``; a finding without a place covers the whole text)."""
    if finding.start is None:
        start, end = 0, len(text)
    else:
        start = min(finding.start - offset, len(text))
        end = max(start, min(finding.end - offset, len(text)))
    return Flag(kind=rule.name, severity=rule.severity, start=start, end=end, span=text[start:end],
                message=finding.message, suggestion=finding.suggestion)
