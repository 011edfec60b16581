"""XLIFF 1.2, XLIFF 2.0 and TMX through translate-toolkit.

Every file passes the XML guard (qa.readers.xml_guard) before translate-toolkit
parses it. A unit's line is the line of its ``<target>`` (XLIFF) or of the
target ``<tuv>`` (TMX), from lxml's ``sourceline``; untranslated units are
skipped. Inline markup (``<g>``, ``<pc>``, ``<ph>``...) is dropped and its text
kept, as translate-toolkit renders it.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator
from pathlib import Path

from qa.errors import InputError
from qa.readers.units import Unit, UnitReader, read_unit_file
from qa.readers.xml_guard import XmlRoot, check_xml

class LisaReader(UnitReader):
    """Shared walk over a translate-toolkit LISA store (XLIFF, TMX)."""

    format_name = ""
    root_element = ""

    @abstractmethod
    def store_class(self, root: XmlRoot) -> type:
        """The translate-toolkit store class for a file with this root element."""

    @abstractmethod
    def unit_id(self, unit) -> str | None:
        """The id a person finds the unit by in the file."""

    def units(self, path: Path) -> Iterator[Unit]:
        data = read_unit_file(path)
        root = check_xml(data, path)
        if root.name != self.root_element:
            message = f"not {self.format_name}: the root element is <{root.name}>, expected <{self.root_element}>"
            raise InputError(message, path, root.line)
        store_class = self.store_class(root)
        try:
            store = store_class.parsestring(data)
        # translate-toolkit asserts the root's namespace and can stop short on
        # a file without a body; lxml's XMLSyntaxError is a SyntaxError.
        except (AssertionError, ValueError, SyntaxError, StopIteration) as exc:
            detail = f": {exc}" if str(exc) else " (wrong namespace or no <file>/<body>?)"
            raise InputError(f"not a valid {self.format_name} file{detail}", path, root.line) from None
        for unit in store.units:
            if unit.isheader():
                continue
            target_node = unit.get_target_dom()
            line = (target_node if target_node is not None else unit.xmlelement).sourceline or 1
            yield Unit(id=self.unit_id(unit), line=line, target=unit.target or None, source=unit.source or None)


class XliffReader(LisaReader):
    """XLIFF 1.2 or 2.x, told apart by the root element's ``version``."""

    name = "xliff"
    suffixes = (".xlf", ".xliff")
    format_name = "XLIFF"
    root_element = "xliff"

    def store_class(self, root: XmlRoot) -> type:
        if root.attributes.get("version", "").startswith("2"):
            from translate.storage.xliff2 import Xliff2File

            return Xliff2File
        from translate.storage.xliff import Xliff1File

        return Xliff1File

    def unit_id(self, unit) -> str | None:
        # XLIFF 1.2: the trans-unit id as written (translate-toolkit prefixes the
        # file name). XLIFF 2: unit id, plus "::segment" when a unit has several.
        element = unit.xmlelement
        own_id = element.get("id") if element.tag.rpartition("}")[2] == "trans-unit" else None
        return own_id or unit.getid() or None


class TmxReader(LisaReader):
    """TMX: the source ``<tuv>`` is the header's ``srclang``, the target the other."""

    name = "tmx"
    suffixes = (".tmx",)
    format_name = "TMX"
    root_element = "tmx"

    def store_class(self, root: XmlRoot) -> type:
        from translate.storage.tmx import tmxfile

        return tmxfile

    def unit_id(self, unit) -> str | None:
        # translate-toolkit falls back to the source text; a missing tuid stays missing.
        return unit.xmlelement.get("tuid")

