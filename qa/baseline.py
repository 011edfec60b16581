"""Baselines: findings a team has accepted, kept out of the gate (``.mtqa-baseline.json``).

``mtqa baseline create`` records every current finding, so a team can adopt mtqa
on an old corpus and gate only new findings; ``mtqa review apply`` adds the flags
an editor rejected. An entry is keyed by the rule, the flagged words and the
sentence's text, never by line: it survives lines moving. An entry of a file a
run checks that no finding matched (its sentence was edited, or fixed) is
reported as stale, and suppresses nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from qa.errors import InputError
from qa.files import write_atomically
from qa.gate import rule_id
from qa.records import Flag, Sentence

DEFAULT_BASELINE = ".mtqa-baseline.json"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    rule: str
    span: str
    sentence: str
    #: Why it is there: "baseline" (baseline create) or "rejected in review"; and the line when recorded.
    reason: str = "baseline"
    line: int | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return self.rule, self.span, self.sentence

    def to_dict(self) -> dict:
        data = {"path": self.path, "rule": self.rule, "span": self.span, "sentence": self.sentence, "reason": self.reason}
        if self.line is not None:
            data["line"] = self.line
        return data


def input_key(path: str | Path) -> str:
    """How a baseline names an input: relative to the working directory when inside it, POSIX slashes."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def flag_key(flag: Flag, sentence: Sentence) -> tuple[str, str, str]:
    return rule_id(flag.kind) or flag.kind, flag.span, sentence.text


class Baseline:
    def __init__(self, entries: Iterable[Entry] = (), path: Path | None = None):
        self.path = path
        self.entries: list[Entry] = list(dict.fromkeys(entries))
        self._keys = {entry.key for entry in self.entries}
        self._used: set[tuple[str, str, str]] = set()

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = [Entry(**{k: item[k] for k in Entry.__slots__ if k in item}) for item in data["findings"]]
        except OSError as exc:
            raise InputError(f"cannot read the baseline: {exc.strerror}", path) from exc
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"not an mtqa baseline file ({exc})", path) from None
        return cls(entries, path)

    def suppresses(self, flag: Flag, sentence: Sentence) -> bool:
        key = flag_key(flag, sentence)
        if key in self._keys:
            self._used.add(key)
            return True
        return False

    def stale(self, path: str | Path) -> list[Entry]:
        """Entries of this input that matched no finding of the run."""
        name = input_key(path)
        return [entry for entry in self.entries if entry.path == name and entry.key not in self._used]

    def add(self, entries: Iterable[Entry]) -> int:
        """Add entries whose key is new; the number added."""
        added = 0
        for entry in entries:
            if entry.key not in self._keys:
                self.entries.append(entry)
                self._keys.add(entry.key)
                added += 1
        return added

    def save(self, path: Path) -> None:
        """Written atomically, sorted, one finding a line: a diff of it reviews well."""
        ordered = sorted(set(self.entries), key=lambda e: (e.path, e.line or 0, e.rule, e.span, e.sentence))
        body = ",\n".join("  " + json.dumps(entry.to_dict(), ensure_ascii=False) for entry in ordered)
        text = f'{{"mtqa_baseline": {FORMAT_VERSION}, "findings": [\n{body}\n]}}\n' if ordered else (
            f'{{"mtqa_baseline": {FORMAT_VERSION}, "findings": []}}\n'
        )
        write_atomically(path, text.encode("utf-8"))


def entries_of_run(inputs, results) -> list[Entry]:
    """Baseline entries for every finding of a run over ``inputs`` (inline-suppressed ones aside).

    Readers number each file's sentences from 1, so a sentence 1 starts the next input."""
    entries, index = [], -1
    for result in results:
        if result.sentence.id == 1:
            index += 1
        path = input_key(inputs[min(max(index, 0), len(inputs) - 1)])
        for flag in result.flags:
            if flag.suppressed != "inline":
                rule, span, sentence = flag_key(flag, result.sentence)
                entries.append(Entry(path, rule, span, sentence, "baseline", result.sentence.line))
    return entries


def default_baseline(given: Path | None) -> Path | None:
    """The baseline a run honours: the one given, else ``.mtqa-baseline.json`` of the working directory."""
    if given is not None:
        return given
    default = Path(DEFAULT_BASELINE)
    return default if default.is_file() else None
