"""Hypothesis strategies for odd input files of every format mtqa reads, and for
``mtqa check`` option combinations (used by tests/test_fuzz.py)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from hypothesis import strategies as st

#: Text that has broken readers and checks before: controls, invisible and
#: combining characters, line and paragraph separators, BOMs, RTL marks,
#: astral characters, markup look-alikes, and words far longer than a sentence.
ODD_PIECES = [
    "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029",
    "\u200b", "\u200d", "\u00ad", "\ufeff", "\ufffe", "\uffff", "\u202e", "\u0301", "e\u0301",
    "\U0001d518", "\U0001f600", "&amp;", "&#0;", "<b>", "]]>", "\\", '"', "'", "\t", "\r", "\r\n",
    "Keir Starmer", "Mr. Healy's", "U.S.", "...", "?!", "1,000.5", "a" * 3000, "word " * 400,
]

odd_text = st.lists(
    st.one_of(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), st.sampled_from(ODD_PIECES)),
    max_size=6,
).map("".join)
sentence = st.one_of(odd_text, st.sampled_from(["The plan works.", "Mr. Hegsath met Keir Starmer.", "", " "]))


@dataclass(frozen=True)
class Layout:
    """How the text becomes bytes: an encoding (with or without a BOM), line ends, damage."""

    encoding: str
    newline: str
    cut_at: float | None  # truncate at this fraction of the bytes
    noise: bytes  # inserted in the middle

    def apply(self, text: str) -> bytes:
        text = text.replace("\r\n", "\n").replace("\n", self.newline) if self.newline != "keep" else text
        data = text.encode(self.encoding, errors="replace" if self.encoding == "latin-1" else "strict")
        if self.noise:
            middle = len(data) // 2
            data = data[:middle] + self.noise + data[middle:]
        if self.cut_at is not None:
            data = data[: int(len(data) * self.cut_at)]
        return data


layouts = st.builds(
    Layout,
    encoding=st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-be", "latin-1"]),
    newline=st.sampled_from(["keep", "\n", "\r\n", "\r"]),
    cut_at=st.one_of(st.none(), st.none(), st.floats(0, 1)),
    # A UTF-16 BOM mid-file, a UTF-8-encoded lone surrogate, a NUL, or any bytes.
    noise=st.one_of(st.just(b""), st.just(b""), st.binary(max_size=8), st.sampled_from([b"\xff\xfe", b"\xed\xa0\x80", b"\x00"])),
)


def _xml_escape(text: str, escape: bool) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") if escape else text


#: Appended to XLIFF/TMX targets: inline codes, character references (valid and not), CDATA, broken markup.
INLINE = [
    "", "&#xD800;", '<g id="1">bold</g>', '<ph id="2">{0}</ph>', '<bpt id="3">&lt;b&gt;</bpt>x<ept id="3">&lt;/b&gt;</ept>',
    "<x/>", "&#x1F600;", "&#0;", "&undefined;", "<![CDATA[raw <b>]]>", "<unclosed>",
]


@st.composite
def txt_documents(draw) -> str:
    return draw(st.sampled_from(["\n\n", "\n", " ", ""])).join(draw(st.lists(sentence, max_size=5)))


@st.composite
def md_documents(draw) -> str:
    blocks = {
        "para": "{}", "heading": "# {}", "item": "- {}", "quote": "> {}", "code": "```\n{}\n```",
        "indented": "    {}", "front": "---\ntitle: {}\n---", "table": "| a | b |\n|---|---|\n| {} | x |",
        "comment": "<!-- mtqa-disable glossary -->\n{}", "html": "<div>{}</div>", "unclosed": "```\n{}",
    }
    parts = draw(st.lists(st.tuples(st.sampled_from(sorted(blocks)), sentence), max_size=5))
    return "\n\n".join(blocks[kind].format(text) for kind, text in parts)


def _po_string(text: str, escape: bool) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") if escape else text


@st.composite
def po_documents(draw) -> str:
    escape = draw(st.booleans())
    entries = ['msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"']
    for source, target, kind in draw(st.lists(st.tuples(sentence, sentence, st.integers(0, 4)), max_size=4)):
        s, t = _po_string(source, escape), _po_string(target, escape)
        entries.append([
            f'msgid "{s}"\nmsgstr "{t}"',
            f'#, fuzzy\nmsgctxt "c"\nmsgid "{s}"\nmsgstr ""\n"{t}"',
            f'msgid "{s}"\nmsgid_plural "{s}s"\nmsgstr[0] "{t}"\nmsgstr[1] "{t}"',
            f'#. mtqa-disable glossary\n#~ msgid "{s}"\n#~ msgstr "{t}"',
            f'msgid "{s}"\nmsgstr[0] "{t}"',  # a plural form without msgid_plural
        ][kind])
    return "\n\n".join(entries) + draw(st.sampled_from(["\n", "", '\nmsgid "', "\nmsgstr"]))


@st.composite
def xliff_documents(draw) -> str:
    escape, version = draw(st.booleans()), draw(st.sampled_from(["1.2", "2.0"]))
    units = []
    drawn = draw(st.lists(st.tuples(sentence, sentence, st.sampled_from(INLINE)), max_size=4))
    for number, (source, target, inline) in enumerate(drawn):
        s, t = _xml_escape(source, escape), _xml_escape(target, escape) + inline
        if version == "1.2":
            units.append(f'<trans-unit id="{number}"><source>{s}</source><target>{t}</target><note>n</note></trans-unit>')
        else:
            units.append(f'<unit id="{number}"><segment><source>{s}</source><target>{t}</target></segment></unit>')
    namespace = f"urn:oasis:names:tc:xliff:document:{version}"
    body = "".join(units)
    wrapper = (f'<file original="f" source-language="en" datatype="plaintext"><body>{body}</body></file>' if version == "1.2"
               else f'<file id="f">{body}</file>')
    prolog = draw(st.sampled_from(["", '<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0" encoding="latin-1"?>\n',
                                   '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n']))
    return f'{prolog}<xliff version="{version}" xmlns="{namespace}">{wrapper}</xliff>'


@st.composite
def tmx_documents(draw) -> str:
    escape = draw(st.booleans())
    units = "".join(
        f'<tu tuid="{n}"><tuv xml:lang="{src_lang}"><seg>{_xml_escape(s, escape)}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{_xml_escape(t, escape)}{inline}</seg></tuv></tu>'
        for n, (s, t, inline, src_lang) in enumerate(
            draw(st.lists(st.tuples(sentence, sentence, st.sampled_from(INLINE), st.sampled_from(["de", "en", ""])), max_size=4))
        )
    )
    return f'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="de" datatype="plaintext"/><body>{units}</body></tmx>'


COLUMN_NAMES = ["target", "text", "source", "id", "Target", "", "target", "other", "msgstr"]


@st.composite
def table_documents(draw, delimiter: str) -> str:
    header = draw(st.lists(st.sampled_from(COLUMN_NAMES), min_size=0, max_size=4))
    rows = draw(st.lists(st.lists(sentence, max_size=5), max_size=4))
    if draw(st.booleans()):  # written as a CSV writer would
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerows([header, *rows])
        return out.getvalue()
    return "\n".join(delimiter.join(cells) for cells in [header, *rows])  # raw: stray quotes stay


#: JSONL lines that crash the reader today (see the xfail reproducers in tests/test_fuzz.py);
#: once fixed, they belong in JSON_LINES.
JSON_LINES_THAT_CRASH = {
    "lone surrogate escape": '{"text": "a \\ud800 b"}',
    "lone surrogate escape in the source": '{"text": "ok", "source": "\\udfff"}',
    "5,000-digit integer": '{"text": "ok", "id": 1' + "0" * 5000 + "}",
    "deep nesting": '{"text": ' + "[" * 5000 + "]" * 5000 + "}",
}
JSON_LINES = [
    '{"text": NaN}', '{"text": 1e999}', '"a string"', "[" * 50 + "]" * 50, '{"text": "ok", "id": 1' + "0" * 400 + "}",
    "{}", "null", '{"text": null}', '{"text": ["a", "b"]}', '{"text": "x", "text": "y"}', '{"TEXT": "upper key"}',
    '{"text": "a"} trailing', "{broken", "\x00", '{"text": "tab\there"}', '{"text": "line\\u2028separator"}',
]


@st.composite
def jsonl_documents(draw) -> str:
    lines = []
    for kind in draw(st.lists(st.integers(0, 2), max_size=5)):
        if kind == 0:
            lines.append(draw(st.sampled_from(JSON_LINES)))
        else:
            keys = draw(st.lists(st.sampled_from(["text", "target", "source", "id", "x"]), max_size=3))
            value = st.one_of(sentence, st.integers(), st.none(), st.floats(allow_nan=False))
            values = draw(st.lists(value, min_size=len(keys), max_size=len(keys)))
            lines.append(json.dumps(dict(zip(keys, values)), ensure_ascii=draw(st.booleans())))
    return "\n".join(lines)


#: XML declarations that crash the XLIFF/TMX readers today (LookupError); once fixed, they
#: belong in xliff_documents' prologs.
XML_PROLOGS_THAT_CRASH = {
    "unknown encoding": '<?xml version="1.0" encoding="bogus"?>\n',
    "not a text encoding": '<?xml version="1.0" encoding="rot13"?>\n',
}

GLOSSARY_TYPES = ["person", "org", "place", "phrase", "term", "", "bogus", "PERSON"]


@st.composite
def csv_glossaries(draw) -> str:
    """A glossary CSV: the header (perhaps with a column missing or doubled) and odd rows."""
    header = draw(st.sampled_from(["term,variants,type,note", "term,variants,type,note,context", "term,variants",
                                   "term,variants,type,note,note", "Term, Variants ,TYPE,note", ""]))
    rows = []
    row = st.tuples(sentence, st.lists(sentence, max_size=3), st.sampled_from(GLOSSARY_TYPES), sentence)
    for term, variants, kind, extra in draw(st.lists(row, max_size=4)):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow([term, "|".join(variants), kind, extra])
        rows.append(out.getvalue().rstrip("\n"))
    return "\n".join([header, *rows]) + "\n"


@st.composite
def tbx_glossaries(draw) -> str:
    deprecated = '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>'
    entry = st.tuples(sentence, sentence, st.sampled_from(GLOSSARY_TYPES), st.sampled_from(["en", "de", ""]), st.booleans())
    entries = "".join(
        f'<termEntry id="{n}"><descrip type="subjectField">{kind}</descrip><langSet xml:lang="{lang}">'
        f"<tig><term>{_xml_escape(term, True)}</term></tig>"
        f"<tig><term>{_xml_escape(variant, escape)}</term>{deprecated}</tig></langSet></termEntry>"
        for n, (term, variant, kind, lang, escape) in enumerate(draw(st.lists(entry, max_size=3)))
    )
    return f'<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en"><text><body>{entries}</body></text></martif>'


#: TBX files that crash the glossary reader today (an AssertionError in translate-toolkit).
TBX_THAT_CRASH = {"another root element": "<other/>"}

GLOSSARIES = {".csv": csv_glossaries(), ".tbx": tbx_glossaries()}

#: suffix -> strategy of the document's text (before its Layout makes bytes of it).
DOCUMENTS = {
    ".txt": txt_documents(),
    ".md": md_documents(),
    ".po": po_documents(),
    ".xlf": xliff_documents(),
    ".tmx": tmx_documents(),
    ".csv": table_documents(","),
    ".tsv": table_documents("\t"),
    ".jsonl": jsonl_documents(),
}

FORMATS = ["csv", "json", "jsonl", "html", "md", "junit", "sarif", "github"]


@dataclass(frozen=True)
class Options:
    """``mtqa check`` options; ``usage_error_possible`` when one of them may be refused."""

    args: tuple[str, ...]
    usage_error_possible: bool


@st.composite
def check_options(draw) -> Options:
    args: list[str] = []
    doubtful = False
    formats = draw(st.lists(st.sampled_from(FORMATS + ["bogus"]), min_size=1, max_size=4))
    doubtful |= "bogus" in formats
    args += ["--format", ",".join(formats)]
    fail_under = draw(st.sampled_from([None, "0", "50", "100", "-1", "101", "1e308", "inf", "-inf", "nan"]))
    if fail_under is not None:
        args += ["--fail-under", fail_under]
        doubtful |= fail_under in ("-1", "101", "1e308", "inf", "-inf", "nan")
    fields = draw(st.sampled_from([None, "target=text", "target=missing", "source=src,id=key", "target=", "bogus", "id=id"]))
    if fields is not None:
        args += ["--fields", fields]
        doubtful |= fields in ("target=", "bogus", "target=missing")
    timeout = draw(st.sampled_from([None, "0", "-1", "0.001", "5", "inf", "nan", "1e308"]))
    if timeout is not None:
        args += ["--timeout", timeout]
        doubtful = True  # a backend that ignores it may refuse it
    if draw(st.booleans()):
        args.append("--no-cache")
    backend = draw(st.sampled_from(["none", "fake"]))
    args += ["--backend", backend]
    # Rule selection: known ids, prefixes and names are taken; anything else is a usage error.
    for option, good, bad in RULE_OPTIONS:
        value = draw(st.sampled_from([None, *good, *bad]))
        if value is not None:
            args += [option, value]
            doubtful |= value in bad
    # Options of model backends: the model-free backends refuse each of them (exit 2 naming it).
    for option, values in MODEL_OPTIONS:
        value = draw(st.sampled_from([None, *values]))
        if value is not None:
            args += [option] if value == "" else [option, value]
            doubtful = True
    source_language = draw(st.sampled_from([None, "pt", "de", "en", "xx", "", "p\u00e9"]))
    if source_language is not None:
        args += ["--source-lang", source_language]
        doubtful |= source_language not in ("pt", "de", "en")
    if draw(st.booleans()):  # check_document puts a copy of the input here: line-aligned for .txt
        args += ["--source", SOURCE_COPY]
        doubtful = True  # only a plain-text input takes a source
    return Options(tuple(args), doubtful)


#: Replaced by tests/test_fuzz.py with the path of a copy of the input file.
SOURCE_COPY = "{source copy}"
#: Values the argument parser itself refuses (typer's boxed usage message, several lines, not
#: "mtqa: error: ..."); reproducers in tests/test_fuzz.py, kept out of check_options until fixed.
PARSER_REFUSED = {"--workers": ["0", "-3", "x"], "--fail-under": ["abc"], "--timeout": [""]}
#: (option, values taken, values refused)
RULE_OPTIONS = [
    ("--select", ["G", "G101,T201", "glossary-variant", "B,R,S"], ["X999", "", ",", "G1O1"]),
    ("--ignore", ["G102", "R", "low-score"], ["nope", "G 101"]),
    ("--severity", ["G101=info", "G102=error,T201=warning"], ["bogus", "G101=fatal", "=error", "X1=info"]),
    ("--fail-on", ["error", "warning", "info"], ["bogus", ""]),
]
MODEL_OPTIONS = [
    ("--pivot", ["de", "pt", "xx"]),
    ("--model", ["opus-mt", "models/missing"]),
    ("--workers", ["1", "2"]),
    ("--offline", [""]),  # a flag: no value
]
