"""Refuse dangerous or broken XML before any XML library builds a tree from it.

mtqa parses XLIFF and TMX with lxml (qa.readers.xml_units). lxml's default parser
resolves entities, and libxml2 only caps (does not refuse) entity expansion,
so a "billion laughs" file costs time and memory and an external entity
could pull a local file into the report. Translation files have no
use for entity declarations, so the guard runs the file once through expat
(stdlib, streaming, no tree) and refuses any entity declaration or external
reference at the line it appears, before it is expanded; a DOCTYPE naming
an external DTD (as TMX files often do) is allowed, the DTD is never read.
The lxml parser itself is built with resolve_entities=False and
no_network=True (qa.readers.xml_units): a second wall behind this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from qa.errors import InputError


@dataclass(frozen=True, slots=True)
class XmlRoot:
    """The document element: local name, attributes (as written) and line."""

    name: str
    attributes: dict
    line: int


class _Refused(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


class _Guard:
    """expat handlers that refuse every way an entity could be expanded or fetched."""

    def __init__(self):
        self.parser = expat.ParserCreate()
        self.root: XmlRoot | None = None
        # Parameter entities (%name;) would make expat read the external DTD subset.
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self.start_element
        self.parser.EntityDeclHandler = self.entity_declaration
        self.parser.UnparsedEntityDeclHandler = self.entity_declaration
        self.parser.ExternalEntityRefHandler = self.external_reference
        # Called for a reference to an entity an external DTD would declare (never read).
        self.parser.SkippedEntityHandler = self.undeclared_reference

    def refuse(self, message: str) -> None:
        raise _Refused(message, self.parser.CurrentLineNumber)

    def start_element(self, name: str, attributes: dict) -> None:
        if self.root is None:
            self.root = XmlRoot(name.rpartition(":")[2], attributes, self.parser.CurrentLineNumber)

    def entity_declaration(self, name: str, *_details) -> None:
        self.refuse(f"XML entity declaration {name!r} refused (entities are not allowed)")

    def external_reference(self, _context, _base, system_id, _public_id) -> None:
        self.refuse(f"external XML entity refused ({system_id!r} is never read)")

    def undeclared_reference(self, name: str, _is_parameter: bool) -> None:
        self.refuse(f"reference to undeclared XML entity {name!r} refused")


def check_xml(data: bytes, path: Path) -> XmlRoot:
    """Raise InputError (file and line) if ``data`` is not well-formed XML or
    declares or references entities that a parser could expand or fetch.
    Returns the root element."""
    guard = _Guard()
    try:
        guard.parser.Parse(data, True)
    except _Refused as exc:
        raise InputError(exc.message, path, exc.line) from None
    except expat.ExpatError as exc:
        raise InputError(f"not well-formed XML: {expat.errors.messages[exc.code]}", path, exc.lineno) from None
    except LookupError as exc:  # expat asks Python's codecs for an encoding it does not know itself
        raise InputError(f"the XML declaration names an encoding Python cannot read ({exc})", path, 1) from None
    assert guard.root is not None  # expat refuses a document without an element
    return guard.root
