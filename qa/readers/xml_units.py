"""XLIFF 1.2, XLIFF 2.0 and TMX.

Every file passes the XML guard (qa.readers.xml_guard) before lxml parses it
(entities never resolved, nothing fetched). lxml finds the units; their texts
are read back from the file as written (qa.readers.xml_text), so every
character's line and column is exact and inline codes are kept as codes.

* XLIFF 1.2: every ``<trans-unit>``, wherever it is (plural groups of
  ``po2xliff`` included), its ``<target>`` checked.
* XLIFF 2: every ``<segment>`` of every ``<unit>``; the id is the unit's, plus
  ``::segment`` when a unit has several.
* TMX: the source ``<tuv>`` is the header's ``srclang`` (``*all*``: the first
  one that is not English) and the target the English one (``en``, ``en-GB``...)
  wherever it stands among several languages.

A target language other than English is said once per file (``reader.notes``).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator
from pathlib import Path

from qa.errors import InputError
from qa.readers.units import Unit, UnitReader, read_unit_file
from qa.readers.xml_guard import XmlRoot, check_xml
from qa.readers.xml_text import ElementText, XmlDocument

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def is_english(language: str | None) -> bool:
    return bool(language) and language.replace("_", "-").casefold().split("-")[0] == "en"


def local_name(element) -> str:
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


class XmlUnitReader(UnitReader):
    """Shared reading of an XML unit format."""

    format_name = ""
    root_element = ""
    #: Local names of the elements whose text is read.
    text_elements: frozenset[str] = frozenset()

    @abstractmethod
    def unit_elements(self, root) -> Iterator[tuple[str | None, object, object | None, object | None, str | None, str | None]]:
        """(id, unit element, source element, target element, target language, source language) of each
        unit, in document order."""

    def units(self, path: Path) -> Iterator[Unit]:
        data = read_unit_file(path)
        root = _parse(data, path, check_xml(data, path), self)
        document = XmlDocument(data, root.getroottree().docinfo.encoding, self.text_elements)
        ordinals = _Ordinals(root, self.text_elements)
        languages: list[str] = []
        for unit_id, element, source, target, language, source_language in self.unit_elements(root):
            if language and not is_english(language) and language not in languages:
                languages.append(language)
                self.notes.append(f"{path}: target language {language!r} is not English; its text is checked as English")
            target_text = ordinals.text(document, target)
            source_text = ordinals.text(document, source)
            line = target_text.file_map.anchors[0][1] if target_text else element.sourceline
            yield Unit(
                id=unit_id,
                line=line or 1,
                target=target_text.text if target_text and target_text.text.strip() else None,
                source=source_text.text if source_text and source_text.text.strip() else None,
                file_map=target_text.file_map if target_text else None,
                marks=target_text.marks if target_text else (),
                codes=target_text.codes if target_text else (),
                source_codes=source_text.codes if source_text else (),
                source_language=source_language or None,
            )


def _parse(data: bytes, path: Path, root: XmlRoot, reader: XmlUnitReader):
    from lxml import etree

    if root.name != reader.root_element:
        message = f"not {reader.format_name}: the root element is <{root.name}>, expected <{reader.root_element}>"
        raise InputError(message, path, root.line)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not a valid {reader.format_name} file: {exc}", path, exc.lineno) from None


class _Ordinals:
    """Which occurrence of its name each text element is (how XmlDocument finds it)."""

    def __init__(self, root, names: frozenset[str]):
        counts = dict.fromkeys(names, 0)
        self.ordinal = {}
        for element in root.iter():
            name = local_name(element)
            if name in counts:
                self.ordinal[element] = (name, counts[name])
                counts[name] += 1

    def text(self, document: XmlDocument, element) -> ElementText | None:
        return None if element is None else document.element_text(*self.ordinal[element])


class XliffReader(XmlUnitReader):
    """XLIFF 1.2 or 2.x, told apart by the root element's ``version``."""

    name = "xliff"
    suffixes = (".xlf", ".xliff")
    format_name = "XLIFF"
    root_element = "xliff"
    text_elements = frozenset({"source", "target"})

    def unit_elements(self, root):
        if root.get("version", "").startswith("2"):
            yield from _xliff2_units(root)
            return
        for file_element in root.iter("{*}file"):
            language = file_element.get("target-language")
            source_language = file_element.get("source-language")
            for unit in file_element.iter("{*}trans-unit"):
                if unit.get("restype") == "x-gettext-domain-header":  # po2xliff's copy of the PO header
                    continue
                yield unit.get("id"), unit, _child(unit, "source"), _child(unit, "target"), language, source_language


def _xliff2_units(root):
    language, source_language = root.get("trgLang"), root.get("srcLang")
    for unit in root.iter("{*}unit"):
        segments = [child for child in unit if local_name(child) == "segment"]
        for number, segment in enumerate(segments, start=1):
            unit_id = unit.get("id")
            if len(segments) > 1:
                unit_id = f"{unit_id}::{segment.get('id') or f'segment-{number}'}"
            yield unit_id, segment, _child(segment, "source"), _child(segment, "target"), language, source_language


def _child(element, name: str):
    return next((child for child in element if local_name(child) == name), None)


class TmxReader(XmlUnitReader):
    """TMX: the header's ``srclang`` is the source; the English ``<tuv>`` is the target."""

    name = "tmx"
    suffixes = (".tmx",)
    format_name = "TMX"
    root_element = "tmx"
    text_elements = frozenset({"seg"})

    def unit_elements(self, root):
        header = _child(root, "header")
        source_language = (header.get("srclang") if header is not None else None) or "*all*"
        for unit in root.iter("{*}tu"):
            variants = [(tuv.get(_XML_LANG) or tuv.get("lang") or "", _child(tuv, "seg")) for tuv in unit.iter("{*}tuv")]
            source = _source_variant(variants, source_language)
            others = [variant for variant in variants if variant is not source]
            target = next((variant for variant in others if is_english(variant[0])), others[0] if others else None)
            yield (
                unit.get("tuid"),
                unit,
                source[1] if source else None,
                target[1] if target else None,
                target[0] if target else None,
                source[0] if source else None,  # its xml:lang: srclang, or the language "*all*" picked
            )


def _source_variant(variants, source_language: str):
    if source_language.casefold() != "*all*":
        found = next((v for v in variants if v[0].casefold() == source_language.casefold()), None)
        if found:
            return found
    return next((variant for variant in variants if not is_english(variant[0])), None)
