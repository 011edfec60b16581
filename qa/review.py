"""Review decisions: what an editor said about each flag in the HTML report, and what they teach.

The HTML report exports a decisions file (JSON)::

    {"mtqa_decisions": 1, "input": "seeds/article.txt", "decisions": [
      {"action": "accept" | "reject" | "edit", "rule": "G102", "kind": "glossary-near-miss",
       "span": "Healy", "sentence": "<the sentence's text>", "line": 15, "column": 17,
       "term": "John Healey", "suggestion": "Healey", "replacement": "<edit only>"}]}

A decision is matched to a flag by rule, flagged words and sentence text, like a
baseline entry. ``mtqa review apply`` teaches the glossary and the baseline:

* an accepted near miss (G102) or missing source name (B407) adds its words as a known
  variant of the term (a new entry for a name the glossary lacks), lint-clean: a variant
  that is an ordinary word gets context words, a new entry a type from the evidence;
* a rejected flag goes to the baseline, so ``mtqa check`` no longer gates on it;
* accepted and edited flags are what ``mtqa fix --decisions`` applies.

A decision whose sentence is no longer in its input is stale: reported, not applied.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from qa.baseline import Baseline, Entry as BaselineEntry
from qa.errors import InputError
from qa.gate import rule_id
from qa.records import Flag, SentenceResult

ACTIONS = ("accept", "reject", "edit")
#: Accepting these teaches the glossary a variant (the rest are fixed, not learnt).
TEACHING_RULES = ("G102", "B407")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class Decision:
    action: str
    rule: str
    span: str
    sentence: str
    kind: str = ""
    term: str | None = None
    suggestion: str | None = None
    replacement: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return self.rule, self.span, self.sentence


@dataclass(slots=True)
class Decisions:
    input: str
    items: list[Decision] = field(default_factory=list)
    used: set = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> "Decisions":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            items = [_decision(item) for item in data["decisions"]]
        except OSError as exc:
            raise InputError(f"cannot read the decisions: {exc.strerror}", path) from exc
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"not an mtqa decisions file ({exc})", path) from None
        return cls(str(data.get("input", "")), items)

    def find(self, result: SentenceResult, flag: Flag) -> Decision | None:
        key = (rule_id(flag.kind) or flag.kind, flag.span, result.sentence.text)
        found = next((item for item in self.items if item.key == key), None)
        if found is not None:
            self.used.add(found.key)
        return found

    def unused(self) -> list[Decision]:
        """Decisions no flag matched: their sentence changed (stale), or they belong to another input."""
        return [item for item in self.items if item.key not in self.used]


def _decision(item: dict) -> Decision:
    if item.get("action") not in ACTIONS:
        raise ValueError(f"action must be one of {', '.join(ACTIONS)}, not {item.get('action')!r}")
    if item["action"] == "edit" and not isinstance(item.get("replacement"), str):
        raise ValueError("an edit decision needs its replacement text")
    fields = ("kind", "term", "suggestion", "replacement", "line", "column")
    return Decision(item["action"], item["rule"], item["span"], item["sentence"], **{k: item[k] for k in fields if k in item})


@dataclass(slots=True)
class Outcome:
    """What ``review apply`` did."""

    learnt: list[str] = field(default_factory=list)
    suppressed: int = 0
    stale: list[Decision] = field(default_factory=list)


def sentences_of(path: Path) -> set[str]:
    from qa.readers import reader_for

    return {sentence.text for sentence in reader_for(path).read(path)}


def apply_decisions(decisions: Decisions, glossary: Path | None, baseline_path: Path, inputs: set[str]) -> Outcome:
    """Teach the glossary (accepted G102/B407) and the baseline (rejected); ``inputs`` are the
    sentence texts of the decisions' input as it is now (a decision outside them is stale)."""
    from qa.baseline import input_key

    outcome = Outcome()
    live = [item for item in decisions.items if item.sentence in inputs]
    outcome.stale = [item for item in decisions.items if item.sentence not in inputs]
    teach = [item for item in live if item.action == "accept" and item.rule in TEACHING_RULES]
    if teach and glossary is not None:
        from qa.glossary.csv_edit import CsvGlossaryEditor

        editor = CsvGlossaryEditor(glossary)
        for item in teach:
            outcome.learnt.append(editor.add(_addition(item, decisions.input, editor)))
        editor.save()
    rejected = [item for item in live if item.action == "reject"]
    if rejected:
        baseline = Baseline.load(baseline_path) if baseline_path.is_file() else Baseline()
        path = input_key(decisions.input) if decisions.input else ""
        outcome.suppressed = baseline.add(
            BaselineEntry(path, item.rule, item.span, item.sentence, "rejected in review", item.line) for item in rejected
        )
        baseline.save(baseline_path)
    return outcome


def _addition(item: Decision, where: str, editor):
    from qa.glossary.csv_edit import Addition

    term = item.term or item.suggestion or item.span
    place = f"{where}:{item.line}" if item.line else where
    note = f'("{item.span}" accepted in review of {place})'
    existing = _existing_forms(editor, term)
    context = _context_words(item, existing) if _is_ordinary(item.span) else ()
    entry_type = "" if existing else _type_from_evidence(term)
    return Addition(term, item.span, entry_type, note, context)


def _existing_forms(editor, term: str) -> list[str] | None:
    from qa.tokens import token_key

    for _, _, cells in editor.rows:
        record = dict(zip(editor.header, cells))
        if token_key(record.get("term", "")) == token_key(term):
            return [record["term"], *record.get("variants", "").split("|")]
    return None


def _is_ordinary(variant: str) -> bool:
    """A one-word variant that is an ordinary English word or a well-known name (lint's test)."""
    from qa.glossary.evidence import COMMON_WORD_ZIPF
    from qa.lexicon import zipf
    from qa.tokens import token_key

    key = token_key(variant)
    return len(key) == 1 and zipf(key[0]) >= COMMON_WORD_ZIPF


def _context_words(item: Decision, existing: list[str] | None) -> tuple[str, ...]:
    """The entry's own words (so its other variants, which contain them, still count) and the
    sentence's three rarest words (so this one counts where it was seen)."""
    from qa.lexicon import zipf

    variant_words = {word.casefold() for word in _WORD.findall(item.span)}
    own = [w for form in (existing or []) for w in _WORD.findall(form) if len(w) > 2 and w.casefold() not in variant_words]
    words = [w for w in _WORD.findall(item.sentence) if len(w) > 3 and w.casefold() not in variant_words]
    rarest = sorted(dict.fromkeys(words), key=lambda w: (zipf(w.casefold()), w))[:3]
    return tuple(dict.fromkeys([*own, *rarest]))


def _type_from_evidence(name: str) -> str:
    """A new entry's type from the name's own evidence: an acronym or a company word is an org,
    two or more capitalised words a person, a single capitalised word a place, else a term."""
    words = name.split()
    if any(word.isupper() and len(word) > 1 for word in words) or any(
        word.rstrip(".") in {"Inc", "Ltd", "Group", "Systems", "Industries", "Corp", "GmbH", "AG", "SA", "plc"} for word in words
    ):
        return "org"
    capitalised = [word for word in words if word[:1].isupper()]
    if len(words) >= 2 and len(capitalised) == len(words):
        return "person"
    return "place" if capitalised else "term"
