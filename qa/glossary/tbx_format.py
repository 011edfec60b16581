"""TBX (TermBase eXchange, ISO 30042) glossaries, read with translate-toolkit.

One ``termEntry`` is one entry. Its English ``langSet`` gives the canonical
term (the first term not marked deprecated) and the variants (the terms whose
``administrativeStatus`` is deprecated); concept-level data give the rest:

    <descrip type="subjectField">person</descrip>   type: person|org|place|phrase|term
    <note>UK Prime Minister</note>                  note
    <descrip type="context">Ireland|Irish</descrip>  context words, |-separated

The other ``langSet`` elements give the term's source-language forms (every
term of the langSet, by its ``xml:lang``). An entry with several langSets must
have an English one (``en``, ``en-GB``, ...); an entry with one langSet is
English whatever its tag says, as before.
"""

from __future__ import annotations

from pathlib import Path

from qa.errors import InputError
from qa.glossary.csv_format import LIST_SEPARATOR, entry_type
from qa.glossary.entries import Entry, Glossary
from qa.glossary.languages import is_english, language_tag
from qa.readers.xml_guard import check_xml

#: The document element of TBX (ISO 30042:2008) as translate-toolkit reads it.
TBX_ROOT = "martif"
TYPE_CATEGORIES = ("subjectField", "type", "entryType")
CONTEXT_CATEGORY = "context"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_tbx_glossary(path: Path) -> Glossary:
    from lxml.etree import XMLSyntaxError
    from translate.storage.tbx import tbxfile

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from exc
    root = check_xml(data, path)  # well-formed, no entities: before lxml builds a tree
    if root.name != TBX_ROOT:
        raise InputError(f"not a TBX glossary: the root element is <{root.name}>, not <{TBX_ROOT}>", path, root.line)
    try:
        store = tbxfile.parsestring(data)
    except XMLSyntaxError as exc:
        raise InputError(f"not valid TBX: {exc.msg}", path, exc.lineno) from None
    entries = [_entry(unit, path) for unit in store.units]
    if not entries:
        raise InputError("glossary has no entries (no termEntry)", path)
    return Glossary(entries=entries, sources=[str(path)])


def _entry(unit, path: Path) -> Entry:
    line = unit.xmlelement.sourceline or 0
    languages = [node.get(XML_LANG) or "" for node in unit.getlanguageNodes()]
    english = next((tag for tag in languages if is_english(tag)), None)
    if english is None and len(languages) > 1:
        raise InputError(f"termEntry has langSets {', '.join(languages)} but none in English", path, line)
    all_terms = unit.get_source_terms() if english is None else unit.get_target_terms(english)
    terms = [term for term in all_terms if term.text.strip()]
    preferred = [term.text.strip() for term in terms if not term.deprecated]
    if not preferred:
        raise InputError("termEntry has no term that is not deprecated", path, line)
    notes = {note.category: note.text.strip() for note in unit.get_common_notes()}
    type_name = next((notes[c] for c in TYPE_CATEGORIES if notes.get(c)), "").lower()
    return Entry(
        term=preferred[0],
        variants=tuple(term.text.strip() for term in terms if term.deprecated),
        type=entry_type(type_name, path, line),
        note=notes.get(None, ""),
        context=tuple(word.strip() for word in notes.get(CONTEXT_CATEGORY, "").split(LIST_SEPARATOR) if word.strip()),
        source=str(path),
        line=line,
        sources=_source_forms(unit, languages, english),
    )


def _source_forms(unit, languages: list[str], english: str | None) -> dict[str, tuple[str, ...]]:
    """Every other langSet's terms, by its tag; an empty term is kept for lint to report."""
    forms: dict[str, tuple[str, ...]] = {}
    for tag in languages:
        if english is not None and tag != english:
            key = language_tag(tag) or tag
            forms[key] = forms.get(key, ()) + tuple(term.text.strip() for term in unit.get_target_terms(tag))
    return forms
