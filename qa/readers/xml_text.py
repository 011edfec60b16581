"""The text of an XLIFF/TMX element as written in the file, with its inline codes.

lxml gives the structure (which element is a unit's target) but not where an
element's characters stand in the file, so the element's content is read back
from the decoded document: text runs stand as they are, an entity (``&amp;``)
is one character of text, and every inline code is shown as its markup in the
file (``<ph id="1">&lt;b&gt;</ph>``, ``<g id="2">``). The checked text holds
one placeholder mark per code (qa.readers.units) and the markup rule compares
the codes themselves (``Sentence.codes``).
"""

from __future__ import annotations

import codecs
import re
from collections import defaultdict
from dataclasses import dataclass, field

from qa.offsets import FileMap
from qa.readers.positions import FileMapBuilder, LineIndex
from qa.records import InlineCode

#: What the checked text reads instead of an inline code.
PLACEHOLDER = "\ufffc"
#: Codes whose content is the original's native markup, never text (XLIFF 1.2, TMX).
NATIVE_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})
#: Annotations, not codes: their tags are dropped from the checked text, their content kept.
ANNOTATIONS = frozenset({"mrk", "sm", "em"})

_START_TAG = re.compile(r"""<([^\s/>!?]+)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_SKIPPED = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.S)
_CONTENT = re.compile(
    r"""(?P<skip><!--.*?-->|<\?.*?\?>)|<!\[CDATA\[(?P<cdata>.*?)\]\]>"""
    r"""|(?P<tag><(?P<end>/?)(?P<name>[^\s/>]+)(?:[^>"']|"[^"]*"|'[^']*')*>)"""
    r"""|&(?P<entity>#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|(?P<text>[^<&]+)""",
    re.S,
)
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(slots=True)
class ElementText:
    """An element's text as shown, where it stands, and its codes."""

    text: str
    file_map: FileMap
    marks: tuple[tuple[int, int, str], ...] = ()
    codes: tuple[InlineCode, ...] = ()


class XmlDocument:
    """The decoded document and where the start tags of some elements are in it."""

    def __init__(self, data: bytes, encoding: str | None, names: frozenset[str]):
        decoding = next((name for bom, name in _BOMS if data.startswith(bom)), encoding or "utf-8")
        self.text = data.decode(decoding, "replace").replace("\r\n", "\n").replace("\r", "\n")
        self.lines = LineIndex(self.text)
        self.starts: dict[str, list[tuple[int, int]]] = defaultdict(list)
        position = 0
        while (position := self.text.find("<", position)) >= 0:
            skipped = _SKIPPED.match(self.text, position)
            if skipped:
                position = skipped.end()
                continue
            tag = _START_TAG.match(self.text, position)
            if tag and tag[1].rpartition(":")[2] in names:
                self.starts[tag[1].rpartition(":")[2]].append((tag.start(), tag.end()))
            position = tag.end() if tag else position + 1

    def element_text(self, name: str, ordinal: int) -> ElementText:
        """The content of the ``ordinal``-th (0-based) element called ``name``."""
        start, end = self.starts[name][ordinal]
        if self.text[end - 2] == "/":  # <target/>
            return ElementText("", FileMapBuilder(*self.lines.position(end)).build())
        return _Walk(self.text, end, FileMapBuilder(*self.lines.position(end))).run()


@dataclass(slots=True)
class _Walk:
    """Reads an element's content up to its end tag."""

    document: str
    position: int
    builder: FileMapBuilder
    parts: list[str] = field(default_factory=list)
    marks: list[tuple[int, int, str]] = field(default_factory=list)
    codes: list[InlineCode] = field(default_factory=list)
    open_codes: list[InlineCode] = field(default_factory=list)

    def run(self) -> ElementText:
        depth, native_start, native_depth = 0, None, 0
        while (token := _CONTENT.match(self.document, self.position)) is not None:
            self.position = token.end()
            if token["tag"]:
                name, closing, empty = token["name"].rpartition(":")[2], bool(token["end"]), token["tag"].endswith("/>")
                if closing and depth == 0:
                    break
                if native_start is not None:  # inside <bpt>...</bpt>: all of it is the code
                    depth += 0 if empty else -1 if closing else 1
                    if depth == native_depth:
                        self._code(name, self.document[native_start : token.end()])
                        native_start = None
                    continue
                if name in NATIVE_CODES and not empty and not closing:
                    native_start, native_depth = token.start(), depth
                    depth += 1
                    continue
                depth += 0 if empty else -1 if closing else 1
                self._tag(name, token["tag"], closing, empty)
            elif native_start is not None:
                continue
            elif token["text"] is not None:
                self._text(token["text"], token["text"])
            elif token["entity"] is not None:
                self._text(_entity(token["entity"]), token[0])
            elif token["cdata"] is not None:
                self.builder.skip("<![CDATA[")
                self._text(token["cdata"], token["cdata"])
                self.builder.skip("]]>")
            else:
                self.builder.skip(token[0])
        text = "".join(self.parts)
        return ElementText(text, self.builder.build(), tuple(self.marks), tuple(self.codes))

    def _text(self, text: str, raw: str) -> None:
        if text == raw:
            self.builder.verbatim(text)
        else:
            self.builder.escaped(raw, text)
        self.parts.append(text)

    def _tag(self, name: str, markup: str, closing: bool, empty: bool) -> None:
        if name in ANNOTATIONS:
            self._shown(markup, "")
        elif closing:
            opening = self.open_codes.pop() if self.open_codes else None
            self._code("/" + name, markup, opening.id if opening else None)
        else:
            code = self._code(name, markup)
            if not empty:
                self.open_codes.append(code)

    def _code(self, kind: str, markup: str, code_id: str | None = None) -> InlineCode:
        found = _ID.search(markup.split(">", 1)[0])
        code = InlineCode(kind, code_id or (found and (found[1] if found[1] is not None else found[2])), markup)
        self.codes.append(code)
        self._shown(markup, PLACEHOLDER)
        return code

    def _shown(self, markup: str, checked: str) -> None:
        offset = self.builder.offset
        self.builder.verbatim(markup)
        self.parts.append(markup)
        self.marks.append((offset, offset + len(markup), checked))


def _entity(name: str) -> str:
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _ENTITIES.get(name, f"&{name};")
