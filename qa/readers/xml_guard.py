"""Refuse dangerous or broken XML before any XML library builds a tree from it.

translate-toolkit parses XLIFF and TMX with lxml. lxml's default parser
resolves entities, and libxml2 only caps (does not refuse) entity expansion,
so a "billion laughs" file costs time and memory and an external entity
could pull a local file into the report. Translation files have no
use for entity declarations, so the guard runs the file once through expat
(stdlib, streaming, no tree) and refuses any entity declaration or external
reference at the line it appears, before it is expanded; a DOCTYPE naming
an external DTD (as TMX files often do) is allowed, the DTD is never read.
translate-toolkit (3.20) itself parses with resolve_entities=False and
no_network=True (translate/misc/xml_helpers.py): a second wall behind this one.
"""

from __future__ import annotations

from pathlib import Path
from xml.parsers import expat

from qa.errors import InputError


class _Refused(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


def check_xml(data: bytes, path: Path) -> None:
    """Raise InputError (file and line) if ``data`` is not well-formed XML or
    declares or references entities that a parser could expand or fetch."""
    parser = expat.ParserCreate()
    # Parameter entities (%name;) would make expat read the external DTD subset.
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse_entity(name, *_args) -> None:
        raise _Refused(f"XML entity declaration {name!r} refused (entities are not allowed)", parser.CurrentLineNumber)

    def refuse_external(_context, _base, system_id, _public_id) -> None:
        raise _Refused(f"external XML entity refused ({system_id!r} is never read)", parser.CurrentLineNumber)

    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise InputError(exc.message, path, exc.line) from None
    except expat.ExpatError as exc:
        raise InputError(f"not well-formed XML: {expat.errors.messages[exc.code]}", path, exc.lineno) from None

