"""Markdown: paragraphs are runs of non-blank lines (a single newline is a soft
break); block markers, inline markup and code are blanked out with spaces so
that every offset still points into the file. Lines are read as a stream:
only the current paragraph is held in memory."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from qa.readers.base import Reader

#: A paragraph longer than this is handed on in parts (a run of lines with no blank line).
MAX_PARAGRAPH_CHARS = 1 << 20

_BLOCK_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
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
        paragraph: list[str] = []
        first_line = size = 0
        in_fence = False
        in_comment = False
        for number, line in lines:
            # Comments may span lines (a commented-out draft): blank them line by line.
            line, in_comment = _blank_comments(line, in_comment)
            if _FENCE.match(line):
                in_fence = not in_fence
                line = ""
            if in_fence or _TABLE_RULE.match(line):
                line = ""
            masked = mask_inline(_BLOCK_PREFIX.sub(_blank, line))
            # A blank line, a heading, list item or quote marker starts a new paragraph.
            if paragraph and (not masked.strip() or _BLOCK_PREFIX.match(line)):
                yield first_line, 1, "\n".join(paragraph)
                paragraph, size = [], 0
            if masked.strip():
                first_line = first_line if paragraph else number
                paragraph.append(masked)
                size += len(masked) + 1
            # A heading is a paragraph of its own; a huge run of lines is cut to bound memory.
            if paragraph and (_HEADING.match(line) or size > MAX_PARAGRAPH_CHARS):
                yield first_line, 1, "\n".join(paragraph)
                paragraph, size = [], 0
        if paragraph:
            yield first_line, 1, "\n".join(paragraph)
