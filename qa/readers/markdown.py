"""Markdown: paragraphs are runs of non-blank lines (a single newline is a soft
break); block markers, inline markup and code are blanked out with spaces so
that every offset still points into the file. Front matter (``---`` YAML,
``+++`` TOML), fenced and indented code, and a table's header and separator
rows are not prose; each cell of a table's body is a paragraph of its own.
Lines are read as a stream: only the current paragraph (and one line, to see
whether a table starts under it) is held in memory."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from qa.readers.base import Reader

#: A paragraph longer than this is handed on in parts (a run of lines with no blank line).
MAX_PARAGRAPH_CHARS = 1 << 20

_BLOCK_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_INDENTED_CODE = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+")
#: Front matter longer than this is no front matter (a thematic break opening the file).
MAX_FRONT_MATTER_LINES = 1000
_FRONT_MATTER = {"---": ("---", "..."), "+++": ("+++",)}
_CELL = re.compile(r"(?:\\.|[^|\\])+")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_HTML = re.compile(r"<[^>\n]+>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)|(?<=\S)(\*{1,3}|_{2,3})")


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def _blank_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """Blank HTML comments in one line, given whether a comment is open at
    its start; return the line and whether a comment is still open at its end."""
    if in_comment:
        close = line.find("-->")
        if close < 0:
            return " " * len(line), True
        line = " " * (close + 3) + line[close + 3 :]
    line = _COMMENT.sub(_blank, line)
    start = line.find("<!--")
    if start >= 0:
        return line[:start] + " " * (len(line) - start), True
    return line, False


def _keep_link_text(match: re.Match) -> str:
    label = match.group(1)
    return " " + label + " " * (len(match.group(0)) - len(label) - 1)


def mask_inline(line: str) -> str:
    """Replace markup by spaces, keeping the length of the line."""
    line = _INLINE_CODE.sub(_blank, line)
    line = _IMAGE.sub(_blank, line)
    line = _LINK.sub(_keep_link_text, line)
    line = _HTML.sub(_blank, line)
    return _EMPHASIS.sub(_blank, line)


class MarkdownReader(Reader):
    name = "markdown"
    suffixes = (".md", ".markdown")

    def blocks(self, text: str) -> Iterator[tuple[int, int, str]]:
        return self.stream_blocks(enumerate(text.split("\n"), start=1))

    def stream_blocks(self, lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, int, str]]:
        paragraph = _Paragraph()
        in_fence = in_comment = in_table = False
        after_blank, in_list = True, False
        for number, line, table_header in _prose_lines(lines):
            # Comments may span lines (a commented-out draft): blank them line by line.
            line, in_comment = _blank_comments(line, in_comment)
            if _FENCE.match(line):
                in_fence = not in_fence
                line = ""
            indented_code = after_blank and not in_list and bool(_INDENTED_CODE.match(line)) and not paragraph.lines
            in_table = (in_table and "|" in line) or table_header
            if in_fence or indented_code or table_header or _TABLE_RULE.match(line):
                line = ""
            if in_table and line:
                yield from paragraph.flush()
                yield from _cells(number, line)
                continue
            masked = mask_inline(_BLOCK_PREFIX.sub(_blank, line))
            # A blank line, a heading, list item or quote marker starts a new paragraph.
            if not masked.strip() or _BLOCK_PREFIX.match(line):
                yield from paragraph.flush()
            if masked.strip():
                if not paragraph.lines and (_LIST_ITEM.match(line) or not _INDENTED_CODE.match(line)):
                    in_list = bool(_LIST_ITEM.match(line))  # an indented paragraph goes on with the list
                paragraph.add(number, masked)
            after_blank = not line.strip() and not indented_code or (indented_code and after_blank)
            # A heading is a paragraph of its own; a huge run of lines is cut to bound memory.
            if _HEADING.match(line) or paragraph.size > MAX_PARAGRAPH_CHARS:
                yield from paragraph.flush()
        yield from paragraph.flush()


class _Paragraph:
    def __init__(self):
        self.lines: list[str] = []
        self.first_line = self.size = 0

    def add(self, number: int, line: str) -> None:
        self.first_line = self.first_line if self.lines else number
        self.lines.append(line)
        self.size += len(line) + 1

    def flush(self) -> Iterator[tuple[int, int, str]]:
        if self.lines:
            yield self.first_line, 1, "\n".join(self.lines)
        self.lines, self.size = [], 0


def _prose_lines(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, bool]]:
    """(number, line, is a table header) without the front matter; a line is held
    back until the next one says whether it heads a table (a separator row under it)."""
    lines = iter(lines)
    first = next(lines, None)
    if first is None:
        return
    closers = _FRONT_MATTER.get(first[1].rstrip())
    if closers:
        held = list(islice(lines, MAX_FRONT_MATTER_LINES))
        closing = next((index for index, (_, line) in enumerate(held) if line.rstrip() in closers), None)
        # Front matter that never closes is none: those lines are the document.
        lines = chain(held[closing + 1 :], lines) if closing is not None else chain([first], held, lines)
        first = next(lines, None)
        if first is None:
            return
    previous = first
    for current in lines:
        yield previous[0], previous[1], "|" in previous[1] and bool(_TABLE_RULE.match(current[1])) and "-" in current[1]
        previous = current
    yield previous[0], previous[1], False


def _cells(number: int, line: str) -> Iterator[tuple[int, int, str]]:
    """Each cell of a table row as a paragraph at its own column."""
    for cell in _CELL.finditer(line):
        masked = mask_inline(cell[0])
        if masked.strip():
            yield number, cell.start() + 1, masked
