"""HTML: one self-contained page for editors (no CDN, no network), rendered
from the jinja2 templates in qa/reports/templates/.

Sentences' rows are rendered 200 at a time as the sentences come and spooled
to a nameless temporary file beside the report; the page around the rows (whose
header holds the totals) is rendered at the end and the rows copied into it,
so memory stays flat however long the input.

Every piece of input text goes through jinja2's autoescaping; on top of that
the page's Content-Security-Policy allows only its own inline style and script
(by hash), so even copy full of markup cannot run anything."""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from qa.gate import rule_id
from qa.reasons import Reason, reasons
from qa.records import Flag, SentenceResult, Status, Summary
from qa.reports.base import Reporter, ReportMeta
from qa.reports.findings import region_of
from qa.reports.paraphrase import Equivalents
from qa.reports.word_diff import word_diff

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(slots=True)
class TextPiece:
    """A run of sentence text; ``flags`` is empty for plain text."""

    text: str
    start: int
    end: int
    flags: list[Flag] = field(default_factory=list)


def text_pieces(text: str, flags: list[Flag]) -> list[TextPiece]:
    """Cut the sentence at its flags; overlapping flags share one highlight."""
    marked: list[TextPiece] = []
    for flag in sorted(flags, key=lambda f: (f.start, f.end)):
        if marked and flag.start < marked[-1].end:
            marked[-1].end = max(marked[-1].end, flag.end)
            marked[-1].flags.append(flag)
        else:
            marked.append(TextPiece("", flag.start, flag.end, [flag]))
    pieces, cursor = [], 0
    for piece in marked:
        if piece.start > cursor:
            pieces.append(TextPiece(text[cursor : piece.start], cursor, piece.start))
        piece.text = text[piece.start : piece.end]
        pieces.append(piece)
        cursor = piece.end
    if cursor < len(text):
        pieces.append(TextPiece(text[cursor:], cursor, len(text)))
    return pieces


class ScoreBins:
    """Counts of scores in equal bins over 0-100 (100 falls in the last bin), kept as they come."""

    def __init__(self, bins: int = 10):
        self.bins = bins
        self.width = 100 / bins
        self.counts: Counter[int] = Counter()

    def add(self, score: float) -> None:
        self.counts[min(int(score // self.width), self.bins - 1)] += 1

    def table(self) -> list[dict]:
        width = self.width
        return [
            {"low": round(i * width), "high": round((i + 1) * width), "count": self.counts.get(i, 0)}
            for i in range(self.bins)
        ]


def histogram(scores: list[float], bins: int = 10) -> list[dict]:
    score_bins = ScoreBins(bins)
    for score in scores:
        score_bins.add(score)
    return score_bins.table()


_CITED_LINE = re.compile(r"\bline (\d+):(\d+)")


def linked(text: str):
    """A message, escaped, whose "line 14:79" links to the row of that line (a consistency flag's cited sentence)."""
    from markupsafe import Markup, escape

    return Markup(_CITED_LINE.sub(r'<a href="#line-\1">line \1:\2</a>', str(escape(text))))


def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


@dataclass(slots=True)
class Tip:
    """One flag in a highlight's tooltip."""

    kind: str
    severity: str
    line: int
    column: int
    suggestion: str | None
    message: str


@dataclass(slots=True)
class RowPiece:
    """A run of the sentence as the row shows it: plain (no ``tips``) or highlighted."""

    text: str
    start: int
    end: int
    tips: list[Tip]
    tip_id: str = ""
    kinds: str = ""
    #: The mark's severity classes: " sev-error sev-warning".
    severities: str = ""
    #: Suggestions shown inline after the words (and in print).
    fixes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ReviewItem:
    """One flag's line in the review list: what the exported decision records."""

    rule: str
    kind: str
    span: str
    line: int
    column: int
    term: str
    suggestion: str


@dataclass(slots=True)
class Row:
    """What one sentence's table row shows, worked out here so that the template only
    places and escapes it: jinja2 filters, macros and a render call per row took
    twice the CPU time of the whole writer now (benchmarks/report_memory.py --time)."""

    id: int
    where: str
    unit: str | None
    source: str | None
    status: str
    gate: str
    gate_text: str
    score_value: str
    score_text: str
    kinds: str
    pieces: list[RowPiece]
    diff: list | None
    error: str | None
    text: str = ""
    line: int = 0
    #: The first row of its line: messages citing "line N:C" link here.
    anchor: bool = False
    reasons: list[Reason] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)


def row_of(result: SentenceResult, equivalents: Equivalents | None = None) -> Row:
    sentence, gate = result.sentence, result.gate
    score = result.score
    return Row(
        id=sentence.id,
        where=f"{sentence.line}:{sentence.column}",
        unit=sentence.unit,
        source=sentence.source,
        status=result.status.value,
        gate="passed" if gate.passed else "failed",
        gate_text="passed" if gate.passed else "failed: " + ", ".join(gate.reason_names),
        score_value="" if score is None else f"{score:.2f}",
        score_text="\u2013" if score is None else f"{score:.1f}",
        kinds=" ".join(sorted({flag.kind for flag in result.flags})),
        pieces=_row_pieces(result),
        diff=None if result.back_translation is None else word_diff(sentence.text, result.back_translation, equivalents),
        error=result.error,
        text=sentence.text,
        line=sentence.line,
        reasons=[reason for reason in reasons(result) if reason.signal is not None or reason.rule == "R301"],
        review=[_review_item(sentence, flag) for flag in result.flags if flag.suppressed is None],
    )


def _review_item(sentence, flag: Flag) -> ReviewItem:
    region = region_of(sentence, flag.start, flag.end)
    rule = rule_id(flag.kind) or flag.kind
    return ReviewItem(rule, flag.kind, flag.span, region.line, region.column, flag.term or "", flag.suggestion or "")


def _row_pieces(result: SentenceResult) -> list[RowPiece]:
    sentence = result.sentence
    if not result.flags:
        return [RowPiece(sentence.text, 0, len(sentence.text), [])]
    pieces = []
    for number, piece in enumerate(text_pieces(sentence.text, result.flags), 1):
        if not piece.flags:
            pieces.append(RowPiece(piece.text, piece.start, piece.end, []))
            continue
        tips = [_tip(flag, region_of(sentence, flag.start, flag.end)) for flag in piece.flags]
        pieces.append(RowPiece(
            piece.text, piece.start, piece.end, tips, tip_id=f"{sentence.id}-{number}",
            kinds=" ".join(flag.kind for flag in piece.flags),
            severities="".join(f" sev-{flag.severity.value}" for flag in piece.flags),
            fixes=[
                flag.suggestion for flag in piece.flags
                if flag.suggestion and flag.suggestion != flag.span and flag.suppressed is None
            ],
        ))
    return pieces


def _tip(flag: Flag, region) -> Tip:
    return Tip(flag.kind, flag.severity.value, region.line, region.column, flag.suggestion, linked(flag.message))


class HtmlReporter(Reporter):
    name = "html"
    extension = "html"
    #: Height in pixels of the tallest histogram bar.
    HISTOGRAM_HEIGHT = 80
    #: Rows rendered by one template call: a call's own cost is spread over them.
    BATCH = 200

    #: Stands for the spooled rows in the rendered page: never in escaped input text.
    ROWS_MARK = "\x00mtqa-rows\x00"

    def start(self, meta: ReportMeta) -> None:
        self._meta = meta
        self._env = _environment()
        self._rows_template = self._env.get_template("sentence_row.html.j2")
        self._rows = self.spool(meta)
        self._batch: list[Row] = []
        self._equivalents = Equivalents.of(meta.glossary)
        self._bins = ScoreBins()
        self._kinds: set[str] = set()
        self._lines: set[int] = set()  # lines whose first row carries the anchor messages link to

    def handle(self, result: SentenceResult) -> None:
        row = row_of(result, self._equivalents)
        row.anchor = row.line not in self._lines
        self._lines.add(row.line)
        self._batch.append(row)
        self._kinds.update(flag.kind for flag in result.flags)
        if result.score is not None:
            self._bins.add(result.score)
        if len(self._batch) >= self.BATCH:
            self._write_batch()

    def _write_batch(self) -> None:
        if self._batch:
            self._rows.write(self._rows_template.render(rows=self._batch))  # each row ends its line
            self._batch = []

    def finish(self, summary: Summary) -> None:
        from markupsafe import Markup

        self._write_batch()
        css = self._env.get_template("report.css").render()
        js = self._env.get_template("report.js").render()
        page = self._env.get_template("report.html.j2").render(
            meta=self._meta,
            summary=summary,
            rows=Markup(self.ROWS_MARK),
            statuses=[status.value for status in Status],
            kinds=sorted(self._kinds),
            histogram=self._bins.table(),
            bar_height=self.HISTOGRAM_HEIGHT,
            css=Markup(css),
            js=Markup(js),
            csp=f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}",
        )
        head, tail = page.split(self.ROWS_MARK + "\n")
        self.stream.write(head)
        self._rows.copy_to(self.stream)
        self.stream.write(tail)
