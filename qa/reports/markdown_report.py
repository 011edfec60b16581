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
_MARKUP = re.compile(r"([\\`*_\[\]|~])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;"}


def md_cell(text: str, limit: int) -> str:
    """Text made safe for one Markdown table cell: one line, no markup, no HTML."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = "".join(_ENTITIES.get(char, char) for char in text)
    return _MARKUP.sub(r"\\\1", text)


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
        lines = self.heading(summary) + self.worst_sentences() + self.flag_table()
        lines.append(f"<sub>mtqa {self._meta.version} · signature `{self._meta.signature}`</sub>")
        self.stream.write("\n".join(lines) + "\n")

    def heading(self, summary: Summary) -> list[str]:
        verdict = "✅ passed" if summary.passed else "❌ failed"
        mean = "n/a" if summary.mean_score is None else f"{summary.mean_score:.1f}"
        low = "n/a" if summary.min_score is None else f"{summary.min_score:.1f}"
        return [
            f"### mtqa: `{md_cell(self._meta.input, 200)}` {verdict}",
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

    def flag_table(self) -> list[str]:
        rows = [(result, finding) for result, found in self._worst_with_findings.worst_first() for finding in found]
        if not rows:
            return []
        lines = [
            f"#### Flags ({self._finding_rows})",
            "",
            "| line:col | sentence | rule | severity | found | suggestion | message |",
            "|---|---:|---|---|---|---|---|",
        ]
        for result, finding in rows[: self.FLAG_ROWS]:
            region = finding.region
            span = "(whole sentence)" if finding.span is None else md_cell(finding.span, self.TEXT_CHARS)
            lines.append(
                f"| {region.line}:{region.column} | {result.sentence.id} | {finding.rule} | {finding.severity.value} "
                f"| {span} | {md_cell(finding.suggestion or '', self.TEXT_CHARS)} "
                f"| {md_cell(finding.message, self.TEXT_CHARS)} |"
            )
        if self._finding_rows > self.FLAG_ROWS:
            lines.append(f"\n…and {self._finding_rows - self.FLAG_ROWS} more flags: see the full report.")
        return lines + [""]

    def _where(self, result: SentenceResult) -> str:
        sentence = result.sentence
        unit = f" ({md_cell(sentence.unit, 60)})" if sentence.unit is not None else ""
        return f"{sentence.line}{unit}"
