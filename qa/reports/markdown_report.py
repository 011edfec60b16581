"""Markdown: a summary sized for a pull-request comment: the verdict, the
worst sentences first, and the flags as a table. Long reports are cut to
fixed numbers of rows and characters, so a comment stays far under GitHub's
65,536-character limit whatever the input. Only the sentences those rows
can show are kept while the input goes by (the worst few), so memory stays
flat however long the input."""

from __future__ import annotations

import heapq
import re
from itertools import count

from qa.reasons import reasons_text
from qa.records import SentenceResult, Status, Summary
from qa.reports.base import Reporter, ReportMeta
from qa.reports.findings import Finding, findings_of

# Punctuation that would start markup inside a table cell; "@" would mention someone.
_MARKUP_CHARS = frozenset("\\`*_[]|~")
_BACKTICKS = re.compile("`+")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;"}


def md_cell(text: str, limit: int) -> str:
    """Text made safe for one Markdown table cell: one line, no markup, no HTML, no
    autolinks, at most ``limit`` characters once escaped (cut between two escapes)."""
    text = " ".join(text.split())
    units = [_escaped(text, index) for index in range(len(text))]
    if sum(map(len, units)) <= limit:
        return "".join(units)
    kept, size = [], 1  # room for the ellipsis
    for unit in units:
        if size + len(unit) > limit:
            break
        kept.append(unit)
        size += len(unit)
    return "".join(kept) + "…"


def _escaped(text: str, index: int) -> str:
    char = text[index]
    if char in _ENTITIES:
        return _ENTITIES[char]
    if char in _MARKUP_CHARS:
        return "\\" + char
    # GitHub links "scheme://" at its colon and "www." at its dot: an entity there is read as
    # text, so copy never becomes a live link in a comment.
    if char == ":" and text.startswith("//", index + 1) and index and text[index - 1].isalnum():
        return "&#58;"
    if char == "." and text[max(index - 3, 0) : index].lower() == "www":
        before = text[index - 4] if index >= 4 else " "
        return char if before.isalnum() else "&#46;"
    return char


def md_code(text: str, limit: int = 200, in_table: bool = False) -> str:
    """A code span that shows ``text`` as it is (``_`` and ``&`` unescaped): one line,
    fenced with one backtick more than its longest run, padded when it starts or ends
    with one. In a table "|" is escaped: GitHub's tables need it inside a code span too."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if in_table:
        text = text.replace("|", "\\|")
    fence = "`" * (max(map(len, _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _score(result: SentenceResult) -> str:
    return "–" if result.score is None else f"{result.score:.1f}"


def _worst_first(result: SentenceResult) -> tuple:
    # A sentence that could not be scored (backend error) is the worst of all.
    return (result.score is not None, result.score or 0.0, result.sentence.id)


class Worst:
    """The ``size`` worst of the sentences offered, kept in a heap whose top is the best of them."""

    def __init__(self, size: int):
        self.size = size
        self._heap: list[tuple] = []
        self._order = count()

    def offer(self, result: SentenceResult, findings: list[Finding]) -> None:
        has_score, score, sentence = _worst_first(result)
        entry = ((-has_score, -score, -sentence), next(self._order), result, findings)
        if len(self._heap) < self.size:
            heapq.heappush(self._heap, entry)
        elif entry[0] > self._heap[0][0]:
            heapq.heapreplace(self._heap, entry)

    def worst_first(self) -> list[tuple[SentenceResult, list[Finding]]]:
        return [(result, findings) for *_, result, findings in sorted(self._heap, reverse=True)]


class MarkdownReporter(Reporter):
    name = "md"
    extension = "md"
    WORST_SENTENCES = 10
    FLAG_ROWS = 30
    TEXT_CHARS = 160  # per table cell
    MAX_CHARS = 65_536  # GitHub's limit for one comment

    def start(self, meta: ReportMeta) -> None:
        self._meta = meta
        self._needing_a_look = self._finding_rows = 0
        self._worst = Worst(self.WORST_SENTENCES)
        self._worst_with_findings = Worst(self.FLAG_ROWS)  # each has a row at least

    def handle(self, result: SentenceResult) -> None:
        if result.status is Status.OK and not result.flags and result.gate.passed:
            return
        findings = findings_of(result)
        self._needing_a_look += 1
        self._worst.offer(result, findings)
        if findings:
            self._finding_rows += len(findings)
            self._worst_with_findings.offer(result, findings)

    def finish(self, summary: Summary) -> None:
        """The comment, with as many flag rows as GitHub's limit leaves room for (counted escaped)."""
        top = self.heading(summary) + self.worst_sentences()
        footer = f"<sub>mtqa {self._meta.version} · signature `{self._meta.signature}`</sub>"
        room = self.MAX_CHARS - sum(len(line) + 1 for line in [*top, footer])
        self.stream.write("\n".join([*top, *self.flag_table(room), footer]) + "\n")

    def heading(self, summary: Summary) -> list[str]:
        verdict = "✅ passed" if summary.passed else "❌ failed"
        mean = "n/a" if summary.mean_score is None else f"{summary.mean_score:.1f}"
        low = "n/a" if summary.min_score is None else f"{summary.min_score:.1f}"
        return [
            f"### mtqa: {md_code(self._meta.input)} {verdict}",
            "",
            f"**{summary.sentences}** sentences · **{summary.failed}** failed the gate · **{summary.flagged}** flagged · "
            f"mean score **{mean}** · lowest **{low}** · backend `{self._meta.backend.get('name')}`",
            "",
        ]

    def worst_sentences(self) -> list[str]:
        if not self._needing_a_look:
            return ["Every sentence is ok.", ""]
        worst = self._worst.worst_first()
        lines = [
            f"#### Worst sentences ({len(worst)} of {self._needing_a_look} needing a look)",
            "",
            "| # | line | score | status | gate | sentence | why |",
            "|---:|---:|---:|---|---|---|---|",
        ]
        for result, _ in worst:
            sentence = result.sentence
            gate = "passed" if result.gate.passed else "failed"
            lines.append(
                f"| {sentence.id} | {self._where(result)} | {_score(result)} | {result.status.value} | {gate} "
                f"| {md_cell(sentence.text, self.TEXT_CHARS)} | {md_cell(reasons_text(result, brief=True), self.TEXT_CHARS * 2)} |"
            )
        return lines + [""]

    def flag_table(self, room: int) -> list[str]:
        """The flag rows of the worst sentences, in at most ``room`` characters."""
        rows = [(result, finding) for result, found in self._worst_with_findings.worst_first() for finding in found]
        if not rows:
            return []
        lines = [
            f"#### Flags ({self._finding_rows})",
            "",
            "| line:col | sentence | rule | severity | found | suggestion | message |",
            "|---|---:|---|---|---|---|---|",
        ]
        room -= sum(len(line) + 1 for line in lines) + len(self._more_flags(self._finding_rows)) + 2
        for result, finding in rows[: self.FLAG_ROWS]:
            line = self._flag_row(result, finding)
            room -= len(line) + 1
            if room < 0:
                break
            lines.append(line)
        shown = len(lines) - 4
        if self._finding_rows > shown:
            lines.append(self._more_flags(self._finding_rows - shown))
        return lines + [""]

    @staticmethod
    def _more_flags(count: int) -> str:
        return f"\n…and {count} more flags: see the full report."

    def _flag_row(self, result: SentenceResult, finding: Finding) -> str:
        region = finding.region
        span = "(whole sentence)" if finding.span is None else md_cell(finding.span, self.TEXT_CHARS)
        return (
            f"| {region.line}:{region.column} | {result.sentence.id} | {finding.rule} | {finding.severity.value} "
            f"| {span} | {md_cell(finding.suggestion or '', self.TEXT_CHARS)} "
            f"| {md_cell(finding.message, self.TEXT_CHARS)} |"
        )

    def _where(self, result: SentenceResult) -> str:
        sentence = result.sentence
        unit = f" ({md_cell(sentence.unit, 60)})" if sentence.unit is not None else ""
        return f"{sentence.line}{unit}"
