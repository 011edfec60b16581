"""Generated variants (issue 17): the expansion's generators on a scripted
translator, the reviewable file beside the glossary, ``check`` reading it, and
``mtqa glossary expand`` reusing an up-to-date file."""

import pytest
from typer.testing import CliRunner

from qa.cli import app
from qa.checks.base import SentenceView
from qa.errors import InputError
from qa.glossary import load_glossaries
from qa.glossary.entries import Entry, EntryType, Glossary
from qa.glossary.expand import expand_entry, expand_glossary
from qa.glossary.generated import (
    attach_generated,
    expansion_signature,
    read_generated,
    read_signature,
    variants_path,
    write_generated,
)
from qa.glossary.rules import GENERATED, VARIANT
from qa.records import Severity

from fakes import run_glossary_document

# What the bundled model does to these terms (seen with the real engine).
TO_PIVOT = {
    "watershed moment": "momento da bacia",
    "It was a watershed moment.": "Foi um momento divisor de águas.",
    "It is watershed moment.": "É um momento decisivo.",
    "Kyiv": "Kiev",
    "decisive moment": "momento decisivo",
    "Kyiv said on Monday.": "Kiev disse na segunda-feira.",
    "share price": "preço da ação",
    "It was a share price.": "Foi um preço da ação.",
    "It is share price.": "É o preço da ação.",
}
FROM_PIVOT = {
    "momento da bacia": "Time of the Basin",
    "Foi um momento divisor de águas.": "It was a divisor moment of water.",
    "É um momento decisivo.": "It is a decisive moment.",
    "Kiev": "Kiev",
    "momento decisivo": "decisive moment",
    "Kiev disse na segunda-feira.": "Kiev said on Monday.",
    "momento.": "the moment.", "Momento": "Moment", "bacia.": "basin.", "Bacia": "Basin",
    "preço da ação": "stock price", "Foi um preço da ação.": "It was a stock price.",
    "É o preço da ação.": "It's the stock price.",
    "preço.": "price.", "Preço": "Price", "ação.": "action.", "Ação": "Share",
}


def to_pivot(texts):
    return [TO_PIVOT.get(text, text) for text in texts]


def from_pivot(texts):
    return [FROM_PIVOT.get(text, text) for text in texts]


def variants_of(entry):
    return {g.variant: g.source for g in expand_entry(entry, to_pivot, from_pivot)}


def test_a_phrase_gets_its_round_trip_context_and_literal_forms():
    found = variants_of(Entry("watershed moment", type=EntryType.PHRASE))
    assert found["Time of the Basin"] == "round-trip"
    assert found["divisor moment of water"] == "context"
    assert found["basin moment"] == "literal"  # "momento da bacia" in English order


def test_correct_english_of_its_own_is_not_kept():
    found = variants_of(Entry("watershed moment", type=EntryType.PHRASE))
    assert "decisive moment" not in found  # every content word common: a phrase of its own
    assert "stock price" not in variants_of(Entry("share price", type=EntryType.PHRASE))


def test_a_name_keeps_its_exonym_and_the_term_itself_is_never_a_variant():
    found = variants_of(Entry("Kyiv", type=EntryType.PLACE, context=("Ukraine",)))
    assert found == {"Kiev": "round-trip"}


def test_the_file_round_trips_and_carries_its_signature(tmp_path):
    glossary = Glossary([Entry("watershed moment", type=EntryType.PHRASE)])
    generated = expand_glossary(glossary, to_pivot, from_pivot)
    path = variants_path(tmp_path / "glossary.csv")
    assert path.name == "glossary.variants.csv"
    write_generated(path, generated, expansion_signature(glossary, "fake"))
    assert read_generated(path) == generated
    assert read_signature(path) == expansion_signature(glossary, "fake")


def test_the_signature_follows_terms_and_model_not_listed_variants():
    plain = Glossary([Entry("Kyiv", type=EntryType.PLACE)])
    listed = Glossary([Entry("Kyiv", variants=("Kiev",), type=EntryType.PLACE)])
    other = Glossary([Entry("Kharkiv", type=EntryType.PLACE)])
    assert expansion_signature(plain, "m") == expansion_signature(listed, "m")
    assert expansion_signature(plain, "m") != expansion_signature(other, "m")
    assert expansion_signature(plain, "m") != expansion_signature(plain, "n")


def test_a_damaged_file_is_an_input_error(tmp_path):
    path = tmp_path / "g.variants.csv"
    path.write_text("term,variant,source,evidence,confidence\nKyiv,Kiev,round-trip,Kiev,high\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a number"):
        read_generated(path)


def flags_with_generated(text, entry, generated):
    glossary = Glossary([entry])
    attach_generated(glossary, generated)
    (flags,) = run_glossary_document(glossary, text)
    return flags


def test_a_generated_variant_is_flagged_with_its_confidence_and_severity():
    entry = Entry("watershed moment", type=EntryType.PHRASE)
    generated = expand_glossary(Glossary([entry]), to_pivot, from_pivot)
    (flag,) = flags_with_generated("She said it was a basin moment for Europe.", entry, generated)
    assert (flag.kind, flag.span, flag.suggestion) == (GENERATED.name, "basin moment", "watershed moment")
    assert flag.confidence < 1.0 and flag.severity is Severity.WARNING


def test_a_listed_variant_wins_over_the_same_generated_one():
    entry = Entry("Kyiv", variants=("Kiev",), type=EntryType.PLACE, context=("Ukraine",))
    generated = expand_glossary(Glossary([entry]), to_pivot, from_pivot)
    (flag,) = flags_with_generated("Kiev asked Ukraine's allies for help.", entry, generated)
    assert (flag.kind, flag.confidence) == (VARIANT.name, 1.0)


def test_a_generated_common_word_counts_only_near_context_words():
    entry = Entry("Kyiv", type=EntryType.PLACE, context=("Ukraine",))
    generated = expand_glossary(Glossary([entry]), to_pivot, from_pivot)
    assert flags_with_generated("Chicken Kiev is on the menu.", entry, generated) == []


def test_check_reads_the_file_beside_the_glossary(tmp_path):
    glossary_file = tmp_path / "glossary.csv"
    glossary_file.write_text("term,variants,type,note\nwatershed moment,,phrase,\n", encoding="utf-8")
    glossary = load_glossaries([glossary_file])
    write_generated(variants_path(glossary_file), expand_glossary(glossary, to_pivot, from_pivot), "x")
    (entry,) = load_glossaries([glossary_file]).entries
    assert "basin moment" in {g.variant for g in entry.generated}


def test_expand_command_writes_then_reuses_the_file(tmp_path, monkeypatch):
    import qa.glossary.variant_files as variant_files

    monkeypatch.setattr(variant_files, "bundled_translators", lambda: (to_pivot, from_pivot))
    glossary_file = tmp_path / "glossary.csv"
    glossary_file.write_text("term,variants,type,note\nwatershed moment,,phrase,\n", encoding="utf-8")
    first = CliRunner().invoke(app, ["glossary", "expand", str(glossary_file)])
    assert first.exit_code == 0 and "wrote" in first.output
    assert "basin moment" in variants_path(glossary_file).read_text(encoding="utf-8")
    again = CliRunner().invoke(app, ["glossary", "expand", str(glossary_file)])
    assert again.exit_code == 0 and "up to date" in again.output
    out = tmp_path / "elsewhere.csv"
    forced = CliRunner().invoke(app, ["glossary", "expand", str(glossary_file), "--out", str(out), "--force"])
    assert forced.exit_code == 0 and out.is_file()


def failing_translators():
    raise AssertionError("the model was loaded")


def write_glossary(folder):
    glossary_file = folder / "glossary.csv"
    glossary_file.write_text("term,variants,type,note\nwatershed moment,,phrase,\n", encoding="utf-8")
    return glossary_file


def test_check_with_a_model_expands_once_then_reads_the_cache(tmp_path, monkeypatch):
    import qa.glossary.variant_files as variant_files

    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    glossary_file = write_glossary(tmp_path)
    monkeypatch.setattr(variant_files, "bundled_translators", lambda: (to_pivot, from_pivot))
    glossary = load_glossaries([glossary_file])
    variant_files.expand_missing(glossary, [glossary_file])
    assert "basin moment" in {g.variant for g in glossary.entries[0].generated}
    monkeypatch.setattr(variant_files, "bundled_translators", failing_translators)
    again = load_glossaries([glossary_file])
    variant_files.expand_missing(again, [glossary_file])  # from the cache: no model
    assert again.entries[0].generated == glossary.entries[0].generated


def test_check_without_a_model_never_expands(tmp_path, monkeypatch):
    import qa.glossary.variant_files as variant_files
    from qa.run import CheckRequest, check_files

    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(variant_files, "bundled_translators", failing_translators)
    article = tmp_path / "a.txt"
    article.write_text("It was a basin moment.\n", encoding="utf-8")
    request = CheckRequest([article], [write_glossary(tmp_path)], backend="none", out_dir=tmp_path / "out", formats=["jsonl"])
    check_files(request)
    assert not (tmp_path / "cache" / "variants").exists()


def _translators_elsewhere():
    """Translators that fail in the test's own process: the engines must load in another one."""
    import os

    if os.getpid() == TEST_PROCESS:
        raise AssertionError("the expansion's model was loaded in the run's own process")
    return to_pivot, from_pivot


TEST_PROCESS = __import__("os").getpid()


def test_check_expands_in_a_process_of_its_own(tmp_path, monkeypatch):
    """Regression: the bundled engine crashes (SIGSEGV) when a second engine loads in a process
    that made one, and `check --backend bergamot` with a glossary that had no committed variants
    file segfaulted about half the time in a plain install: the expansion's engines, then the
    backend's, in one process."""
    import qa.glossary.variant_files as variant_files

    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    glossary_file = write_glossary(tmp_path)
    monkeypatch.setattr(variant_files, "bundled_translators", _translators_elsewhere)
    glossary = load_glossaries([glossary_file])
    variant_files.expand_missing(glossary, [glossary_file])
    assert "basin moment" in {g.variant for g in glossary.entries[0].generated}
