"""HTML: one self-contained page for editors (no CDN, no network), rendered
from the jinja2 templates in qa/reports/templates/.

Each sentence's row is rendered as the sentence comes and spooled to a
nameless temporary file beside the report; the page around the rows (whose
header holds the totals) is rendered at the end and the rows copied into it,
so memory stays flat however long the input.

Every piece of input text goes through jinja2's autoescaping; on top of that
the page's Content-Security-Policy allows only its own inline style and script
(by hash), so even copy full of markup cannot run anything."""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from qa.records import Flag, SentenceResult, Status, Summary
from qa.reports.base import Reporter, ReportMeta
from qa.reports.findings import region_of
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


class HtmlReporter(Reporter):
    name = "html"
    extension = "html"
    #: Height in pixels of the tallest histogram bar.
    HISTOGRAM_HEIGHT = 80

    #: Stands for the spooled rows in the rendered page: never in escaped input text.
    ROWS_MARK = "\x00mtqa-rows\x00"

    def start(self, meta: ReportMeta) -> None:
        self._meta = meta
        self._env = _environment()
        self._row_template = self._env.get_template("sentence_row.html.j2")
        self._rows = self.spool(meta)
        self._bins = ScoreBins()
        self._kinds: set[str] = set()

    def handle(self, result: SentenceResult) -> None:
        row = self.row(result)
        self._rows.write(self._row_template.render(row=row))
        self._rows.write("\n")
        self._kinds.update(row["kinds"])
        if result.score is not None:
            self._bins.add(result.score)

    def row(self, result: SentenceResult) -> dict:
        sentence = result.sentence
        return {
            "result": result,
            "sentence": sentence,
            "pieces": text_pieces(sentence.text, result.flags),
            "regions": {(flag.start, flag.end): region_of(sentence, flag.start, flag.end) for flag in result.flags},
            "diff": None if result.back_translation is None else word_diff(sentence.text, result.back_translation),
            "kinds": sorted({flag.kind for flag in result.flags}),
        }

    def finish(self, summary: Summary) -> None:
        from markupsafe import Markup

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
