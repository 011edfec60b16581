"""Which flags a run keeps out of the gate: inline suppressions in the file, and the baseline.

Inline suppressions (like markdownlint's and Vale's comments):

* Markdown: ``<!-- mtqa-disable-next-line G101 G102 -->`` — flags on the next line;
* PO: a comment ``#. mtqa-disable G101`` in an entry — flags in that entry;
* XLIFF: ``<note>mtqa-disable G101</note>`` in a unit — flags in that unit.

Codes are rule ids, id prefixes (``G``) or rule names, separated by spaces or
commas; none at all suppresses every rule. Plain text has no comments its
line alignment with a source could survive: it uses the baseline only. The file
is scanned for them only when it holds the marker at all, so the cost is one
streaming byte search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from qa.gate import rule_id
from qa.records import Flag, Sentence

MARKER = "mtqa-disable"
_CODES = r"(?P<codes>[\w\-, ]*?)"
_PATTERNS = {
    "markdown": re.compile(rf"<!--\s*mtqa-disable-next-line\b{_CODES}\s*-->"),
    "po": re.compile(rf"^#\.\s*mtqa-disable\b{_CODES}\s*$"),
    "xliff": re.compile(rf"<note\b[^>]*>\s*mtqa-disable\b{_CODES}\s*</note>"),
}
#: Where an XLIFF unit starts and ends (1.2 trans-unit, 2.0 unit).
_XLIFF_UNIT = re.compile(r"<(trans-unit|unit)\b.*?</\1\s*>", re.S)


@dataclass(frozen=True, slots=True)
class Suppression:
    """Flags whose region starts on lines ``first``..``last`` (1-based) and whose rule matches ``codes``."""

    first: int
    last: int
    codes: tuple[str, ...]

    def covers(self, flag: Flag, line: int) -> bool:
        if not self.first <= line <= self.last:
            return False
        if not self.codes:
            return True
        rule = rule_id(flag.kind) or ""
        return any(code == flag.kind or (rule and rule.startswith(code.upper())) for code in self.codes)


def inline_suppressions(path: Path, reader_name: str) -> list[Suppression]:
    pattern = _PATTERNS.get(reader_name)
    if pattern is None or not _has_marker(path):
        return []
    text = path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    if reader_name == "markdown":
        return [Suppression(line + 1, line + 1, codes) for line, codes in _matches(pattern, text)]
    if reader_name == "po":
        return _po_entries(pattern, text)
    return _xliff_units(pattern, text)


def _has_marker(path: Path) -> bool:
    marker, tail = MARKER.encode(), b""
    try:
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                if marker in tail + chunk:
                    return True
                tail = chunk[-len(marker) :]
    except OSError:
        return False  # the reader says why
    return False


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code for code in re.split(r"[\s,]+", text.strip()) if code)


def _matches(pattern: re.Pattern, text: str):
    for match in pattern.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, _codes(match["codes"])


def _po_entries(pattern: re.Pattern, text: str) -> list[Suppression]:
    """A PO entry runs from its first line to the blank line after it."""
    lines = text.split("\n")
    found = []
    for number, line in enumerate(lines, start=1):
        match = pattern.match(line.strip())
        if match:
            first = last = number
            while first > 1 and lines[first - 2].strip():
                first -= 1
            while last < len(lines) and lines[last].strip():
                last += 1
            found.append(Suppression(first, last, _codes(match["codes"])))
    return found


def _xliff_units(pattern: re.Pattern, text: str) -> list[Suppression]:
    found = []
    for unit in _XLIFF_UNIT.finditer(text):
        first = text.count("\n", 0, unit.start()) + 1
        last = first + unit[0].count("\n")
        for match in pattern.finditer(unit[0]):
            found.append(Suppression(first, last, _codes(match["codes"])))
    return found


def stale_notes(baseline, path: Path) -> list[str]:
    """One note per baseline entry of this input that matched nothing: reported, not applied."""
    if baseline is None:
        return []
    return [
        f'stale baseline entry ({entry.rule} "{entry.span}"): no such finding in "{_short(entry.sentence)}" any more'
        for entry in baseline.stale(path)
    ]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(slots=True)
class Suppressions:
    """What one file's run suppresses: its inline comments, then the baseline."""

    inline: list[Suppression] = field(default_factory=list)
    baseline: object | None = None  # qa.baseline.Baseline

    @classmethod
    def of_file(cls, path: Path, reader_name: str, baseline=None) -> "Suppressions":
        return cls(inline_suppressions(path, reader_name), baseline)

    def mark(self, sentence: Sentence, flags: list[Flag]) -> None:
        for flag in flags:
            if self.inline:
                line = sentence.region(flag.start, flag.end).line
                if any(item.covers(flag, line) for item in self.inline):
                    flag.suppressed = "inline"
                    continue
            if self.baseline is not None and self.baseline.suppresses(flag, sentence):
                flag.suppressed = "baseline"
