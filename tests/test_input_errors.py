"""Malformed and hostile unit files: one InputError naming file and line, exit 2,
no report written, and nothing read from disk through an XML entity."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.cli import app
from qa.errors import InputError
from qa.readers import reader_for

XLIFF_HEAD = '<?xml version="1.0"?>\n'
XLIFF_BODY = (
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '<file original="a" source-language="pt" target-language="en"><body>\n'
    '<trans-unit id="u1"><source>Olá.</source><target>{target}</target></trans-unit>\n'
    "</body></file></xliff>\n"
)

MALFORMED = {
    "unclosed.xlf": (
        XLIFF_HEAD + XLIFF_BODY.format(target="Hello.").replace("</target>", ""), 4, "not well-formed XML"
    ),
    "no-target.xlf": (
        XLIFF_HEAD + XLIFF_BODY.replace("<target>{target}</target>", ""), 4, "no translated unit"
    ),
    "wrong-root.xlf": ('<?xml version="1.0"?>\n<html><body/></html>\n', 2, "the root element is <html>"),
    "no-target.tmx": (
        '<tmx version="1.4"><header srclang="pt"/><body>\n<tu tuid="a">\n'
        '<tuv xml:lang="pt"><seg>Olá.</seg></tuv></tu></body></tmx>\n',
        2,
        "no translated unit",
    ),
    "broken.po": ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "unterminated\n', 5, "not a valid PO file"),
    "no-target-column.csv": ("id,source,comment\n1,Olá.,hi\n", 1, "no target column"),
    "short-row.csv": ("id,source,target\n1,Olá.,Hello.\n2,Oi.\n", 3, "row has 2 cells"),
    "bad-quote.csv": ('source,target\n"Olá.","Hello."\n"Oi.","Hi" there"\n', 3, "malformed CSV"),
    "bad-json.jsonl": ('{"text": "Hello."}\n{"text": "Hi.",}\n', 2, "not valid JSON"),
    "no-text.jsonl": ('{"text": "Hello."}\n\n{"body": "Hi."}\n', 3, "no target field"),
    "not-object.jsonl": ('{"text": "Hello."}\n["Hi."]\n', 2, "expected a JSON object"),
    "number-text.jsonl": ('{"text": 5}\n', 1, "not a string"),
}


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_file_is_one_input_error_with_file_and_line(tmp_path, name):
    content, line, message = MALFORMED[name]
    path = _write(tmp_path, name, content)
    with pytest.raises(InputError) as caught:
        list(reader_for(path).read(path))
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{path}:{line}:")


@pytest.mark.parametrize("name", ["unclosed.xlf", "short-row.csv", "bad-json.jsonl"])
def test_cli_exits_2_with_one_line_and_writes_no_report(tmp_path, name):
    content, line, _ = MALFORMED[name]
    path = _write(tmp_path, name, content)
    out = tmp_path / "reports"
    result = CliRunner().invoke(app, ["check", str(path), "--backend", "none", "--out", str(out)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert f"{path}:{line}:" in result.output
    assert not out.exists() or not any(out.iterdir())  # a failed run removes the folders it made


def test_empty_unit_files_are_input_errors(tmp_path):
    for name in ("empty.xlf", "empty.po", "empty.csv", "empty.jsonl"):
        path = _write(tmp_path, name, "\n")
        with pytest.raises(InputError, match="empty|no header|no translated unit"):
            list(reader_for(path).read(path))


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-PASSWORD", encoding="utf-8")
    return path


def _hostile_files(secret: Path) -> dict[str, tuple[str, int]]:
    """name -> (content, line of the refused declaration)."""
    uri = secret.as_uri()
    body = XLIFF_BODY.format(target="Leaked: &xxe;")
    return {
        "xxe.xlf": (XLIFF_HEAD + f'<!DOCTYPE xliff [\n<!ENTITY xxe SYSTEM "{uri}">\n]>\n' + body, 3),
        "xxe-parameter.xlf": (
            XLIFF_HEAD + f'<!DOCTYPE xliff [\n<!ENTITY % remote SYSTEM "{uri}">\n%remote;\n]>\n'
            + XLIFF_BODY.format(target="Hi."),
            3,
        ),
        "xxe.tmx": (
            f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{uri}">]>\n<tmx version="1.4">'
            '<header srclang="pt"/><body><tu><tuv xml:lang="pt"><seg>Olá.</seg></tuv>'
            '<tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu></body></tmx>\n',
            2,
        ),
        # The DTD is never loaded, so &xxe; is an undeclared entity: refused where it is used.
        "external-dtd.xlf": (XLIFF_HEAD + f'<!DOCTYPE xliff SYSTEM "{uri}">\n' + body, 5),
    }


@pytest.mark.parametrize("name", ["xxe.xlf", "xxe-parameter.xlf", "xxe.tmx", "external-dtd.xlf"])
def test_external_entities_are_refused_and_never_read(tmp_path, secret, name):
    content, line = _hostile_files(secret)[name]
    path = _write(tmp_path, name, content)
    out = tmp_path / "reports"
    result = CliRunner().invoke(app, ["check", str(path), "--backend", "none", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}:" in result.output
    assert "TOP-SECRET" not in result.output
    assert not out.exists() or not any(out.iterdir())  # a failed run removes the folders it made


def _billion_laughs(levels: int = 10) -> str:
    declarations = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels)
    ]
    return (
        XLIFF_HEAD + "<!DOCTYPE xliff [\n" + "\n".join(declarations) + "\n]>\n"
        + XLIFF_BODY.format(target=f"&lol{levels - 1};")
    )


def test_billion_laughs_is_refused_at_its_first_declaration(tmp_path):
    # Ten levels expand to 10^10 "lol"s (30 GB): had anything expanded them,
    # this test would run out of memory instead of finishing.
    path = _write(tmp_path, "bomb.xlf", _billion_laughs())
    with pytest.raises(InputError, match="entity declaration 'lol0' refused") as caught:
        list(reader_for(path).read(path))
    assert caught.value.line == 3


def test_internal_entities_are_refused_too(tmp_path):
    content = XLIFF_HEAD + '<!DOCTYPE xliff [<!ENTITY pm "Keir Starmer">]>\n' + XLIFF_BODY.format(target="&pm; spoke.")
    path = _write(tmp_path, "internal.xlf", content)
    with pytest.raises(InputError, match="'pm' refused"):
        list(reader_for(path).read(path))


def test_a_doctype_naming_an_external_dtd_is_allowed_and_not_read(tmp_path):
    """TMX files commonly name tmx14.dtd: the file is read, the DTD never is."""
    path = Path(__file__).parent / "data" / "inputs" / "memory.tmx"
    assert "<!DOCTYPE tmx SYSTEM" in path.read_text(encoding="utf-8")
    assert list(reader_for(path).read(path))
