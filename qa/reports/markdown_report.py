"""Markdown: a summary sized for a pull-request comment: the verdict, the
worst sentences first, and the flags as a table. Long reports are cut to
fixed numbers of rows and characters, so a comment stays far under GitHub's
65,536-character limit whatever the input."""

from __future__ import annotations

import re

from qa.records import SentenceResult, Status, Summary
from qa.reports.base import Reporter, ReportMeta
from qa.reports.findings import findings_of

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


class MarkdownReporter(Reporter):
    name = "md"
    extension = "md"
    WORST_SENTENCES = 10
    FLAG_ROWS = 30
    TEXT_CHARS = 160  # per table cell
    MAX_CHARS = 65_536  # GitHub's limit for one comment

    def start(self, meta: ReportMeta) -> None:
        self._meta = meta
        self._results: list[SentenceResult] = []

    def handle(self, result: SentenceResult) -> None:
        if result.status is not Status.OK or result.flags:
            self._results.append(result)

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
            f"**{summary.sentences}** sentences · **{summary.flagged}** flagged · "
            f"mean score **{mean}** · lowest **{low}** · backend `{self._meta.backend.get('name')}`",
            "",
        ]

    def worst_sentences(self) -> list[str]:
        if not self._results:
            return ["Every sentence is ok.", ""]
        worst = sorted(self._results, key=_worst_first)[: self.WORST_SENTENCES]
        lines = [
            f"#### Worst sentences ({len(worst)} of {len(self._results)} needing a look)",
            "",
            "| # | line | score | status | sentence |",
            "|---:|---:|---:|---|---|",
        ]
        for result in worst:
            sentence = result.sentence
            status = result.status.value + (" (gate)" if result.gate_failed else "")
            lines.append(
                f"| {sentence.id} | {self._where(result)} | {_score(result)} | {status} "
                f"| {md_cell(sentence.text, self.TEXT_CHARS)} |"
            )
        return lines + [""]

    def flag_table(self) -> list[str]:
        worst_first = sorted(self._results, key=_worst_first)
        rows = [(result, finding) for result in worst_first for finding in findings_of(result)]
        if not rows:
            return []
        lines = [
            f"#### Flags ({len(rows)})",
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
        if len(rows) > self.FLAG_ROWS:
            lines.append(f"\n…and {len(rows) - self.FLAG_ROWS} more flags: see the full report.")
        return lines + [""]

    def _where(self, result: SentenceResult) -> str:
        sentence = result.sentence
        unit = f" ({md_cell(sentence.unit, 60)})" if sentence.unit is not None else ""
        return f"{sentence.line}{unit}"
