"""A cheap pre-check before parsing a unit's codes: when the source and the target
carry the same code-bearing chunks in the same order, the placeholder, markup and
verbatim rules cannot differ, so neither side is parsed.

A chunk is what angle brackets hold ('<a href="x">', "<%s>"), or a run of other non-space characters in
which a brace group counts as one piece whatever spaces it holds ("{{ var }}").
Every syntax those rules read lies inside one chunk (an ICU argument, whose translated branches
span chunks, is left to the parsers), and what decides whether a mark starts an
item (the character before a "/" or a "-") is inside it too: the same chunks in
the same order parse the same. Quotation marks around a chunk and trailing
sentence punctuation are not compared: no item ends on them, nor do they decide
where one starts ('"%s".' and "'%s'" hold the same placeholder). The number rule
then reads the texts with those chunks' digits blanked on both sides.
"""

from __future__ import annotations

import re

#: What a chunk is made of: brace groups (whatever spaces they hold), and characters other than
#: spaces and a "<" that opens a tag (one that opens none stays: it decides that "</usr" holds no path).
_PIECE = r"(?:\{[^{}]*\}|[^\s<]|<(?![^<>]*>))"
#: What a placeholder, tag, URL ("://" too: a URL glued to a word, "free=https://"), path, address or
#: option starts with ("e/ou" and " - " are neither).
MARK = r"(?:[%{$@]|<[A-Za-z/]|www\.|://|(?<![\w/.:<@)|(\[-])(?:~|\.{1,2})?/|(?<![\w-])-)"
#: Anything in angle brackets (a tag, "<%s>", "<arquivo>"), or a chunk (starting after a space, a
#: ">" or the text's start) that holds a mark.
_CODE_CHUNK = re.compile(rf"<[^<>]*>|(?<![^\s>])(?={_PIECE}*?(?!<){MARK}){_PIECE}+")
_BRACKETS = frozenset("<>{}")
_CANDIDATE = re.compile(r"(?<!\S)\S*?(?:[%$@/-]|www\.)\S*")
_MARKED = re.compile(MARK)
_ICU = re.compile(r"\{\s*\w+\s*,")
_QUOTES = "\"'`“”‘’«»„‚‹›"
_TRAILING = _QUOTES + ".,;:!?"


def same_codes(source: str, target: str) -> tuple[str, str] | None:
    """(source, target) with their code chunks blanked when both have the same ones in the same
    order, else None (parse them)."""
    if _BRACKETS.isdisjoint(source) and _BRACKETS.isdisjoint(target):
        return _same_plain_codes(source, target)
    return same_codes_parsed(source, target)


def same_codes_parsed(source: str, target: str) -> tuple[str, str] | None:
    """``same_codes`` by the general chunk pattern, whatever the texts hold."""
    if ("{" in source and _ICU.search(source)) or ("{" in target and _ICU.search(target)):
        return None
    mine, theirs = list(_CODE_CHUNK.finditer(source)), list(_CODE_CHUNK.finditer(target))
    if len(mine) != len(theirs) or any(_core(a.group(0)) != _core(b.group(0)) for a, b in zip(mine, theirs)):
        return None
    return _blanked(source, mine), _blanked(target, theirs)


def _same_plain_codes(source: str, target: str) -> tuple[str, str] | None:
    """``same_codes`` of texts without angle brackets or braces (most): a chunk is then a whole
    run of non-spaces that holds a mark, found by C-speed scans instead of trying every mark at
    every character; chunks with digits take the general path (their digits are blanked)."""
    mine, theirs = _plain_chunks(source), _plain_chunks(target)
    if len(mine) != len(theirs) or any(_core(a) != _core(b) for a, b in zip(mine, theirs)):
        return None
    if any(_DIGITS.search(chunk) for chunk in mine) or any(_DIGITS.search(chunk) for chunk in theirs):
        return same_codes_parsed(source, target)
    return source, target


def _plain_chunks(text: str) -> list[str]:
    # A mark's first character is one of these (or "www."), and before a run's first character is a
    # space or the text's start, as the lookbehinds of MARK read it inside the text too.
    return [run for run in _CANDIDATE.findall(text) if _MARKED.search(run)]


def _core(chunk: str) -> str:
    return chunk.rstrip(_TRAILING).lstrip(_QUOTES)


def _blanked(text: str, chunks: list[re.Match]) -> str:
    """The digits of the chunks blanked: they are no numbers ("%1$s"); their letters and marks stay,
    the same on both sides, so a name in them is in the target and "%s: Impossible" starts a sentence."""
    pieces, done = [], 0
    for chunk in chunks:
        start, end = chunk.span()
        pieces += [text[done:start], _DIGITS.sub("_", chunk.group(0))]
        done = end
    return "".join(pieces) + text[done:]


_DIGITS = re.compile(r"\d")
