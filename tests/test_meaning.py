"""The meaning rules (B408 polarity, B409 missing words): the comparison itself, the
source translations the pipeline makes for them (lazy, once-said notice, cached),
and a real pt/en pair through the bundled model."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from qa.backends import Backend, register_backend
from qa.backends.source_translation import SourceTranslations
from qa.bilingual.meaning import content_findings, english_polarity, polarity_findings, source_negated
from qa.checks.base import SentenceView
from qa.checks.meaning import MeaningCheck
from qa.pipeline import Checker
from qa.records import RoundTrip, Sentence, Severity
from qa.rules import rule_for
from tests.clirun import run_check


def test_meaning_rules_are_registered_with_their_severities():
    assert rule_for("B408").name == "meaning-polarity" and rule_for("B408").severity is Severity.ERROR
    assert rule_for("B409").name == "meaning-missing" and rule_for("B409").severity is Severity.WARNING


# --- the comparison --------------------------------------------------------------------------

def test_english_negation_cues_include_contractions_and_cannot():
    assert english_polarity("You don’t have permission").negated
    assert english_polarity("Cannot open the file").negated
    assert not english_polarity("The file was saved").negated
    assert english_polarity("Unable to open the file").lexical
    assert english_polarity("%s is excluded/not-included").negated


def test_portuguese_cues_cross_check_the_source():
    assert source_negated("Nenhum arquivo encontrado", "pt-BR") == (True, False)
    assert source_negated("Impossível salvar", "pt") == (False, True)
    assert source_negated("Arquivo salvo", "pt") == (False, False)
    assert source_negated("Tiedosto tallennettu", "fi") is None


def test_a_dropped_negation_is_flagged_on_the_unit():
    source, translation = "Você não tem permissão.", "You do not have permission."
    [finding] = polarity_findings(source, translation, "You have permission.", "pt")
    assert finding.start is None and "not" in finding.message


def test_an_added_negation_is_flagged_at_the_cue():
    target = "The file was not saved."
    [finding] = polarity_findings("O arquivo foi salvo.", "The file was saved.", target, "pt")
    assert target[finding.start : finding.end] == "not"


def test_polarity_is_quiet_when_the_model_and_the_source_disagree():
    # The model lost the source's "não": nothing says what the source means, so nothing is flagged.
    assert polarity_findings("Não salvar", "Save", "Save", "pt") == []


def test_a_lexical_translation_needs_an_explicit_source_cue():
    # "inválido" -> "invalid" against "bad": neither side says "not", and nothing is flagged.
    assert polarity_findings("código inválido", "invalid code", "bad code", "pt") == []
    assert polarity_findings("não informado", "uninformed", "recorded", "pt") != []


def test_lexical_negation_matches_an_explicit_one():
    assert polarity_findings("Não foi possível abrir", "Could not open", "Unable to open", "pt") == []
    assert polarity_findings("Falha ao abrir", "Failed to open", "Could not open", "pt") == []


def test_missing_cognates_are_flagged_and_made_up_words_are_not():
    source = "Salvar o documento no diretório temporário de destino escolhido"
    translation = "Save the document in the chosen temporary destination directory"
    [finding] = content_findings(source, translation, "Save it")
    assert '"destination"' in finding.message and '"directory"' in finding.message
    assert content_findings(source, translation, "Save the documents to the temporary destination directory") == []
    # A hallucinated translation: no word of it has a cognate in the source.
    assert content_findings("Nenhum dispositivo encontrado", "The page you requested was not found", "No device") == []


def test_the_check_reads_whole_units_and_skips_untranslated_ones():
    check = MeaningCheck("pt")
    view = SentenceView.of("You have permission.", source="Você não tem permissão.")
    view.source_translation = "You do not have permission."
    assert [flag.kind for flag in check.flags(view)] == ["meaning-polarity"]
    same = SentenceView.of("Você não tem permissão.", source="Você não tem permissão.")
    same.source_translation = "You do not have permission."
    assert check.flags(same) == []
    unread = SentenceView.of("You have permission.", source="Você não tem permissão.")
    assert check.flags(unread) == []  # no translation (--backend none): nothing to compare


# --- source translations ---------------------------------------------------------------------

class _CountingTranslator:
    """A translator whose models say when they are loaded; pt->en drops every "não"."""

    pivot = "pt"
    batch_size = 8
    parallel = False

    def __init__(self):
        self.loads = 0
        self.calls: list[list[str]] = []

    @property
    def models(self):
        self.loads += 1
        return (None, self)

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [text.replace("Você não tem", "You do not have").replace("permissão", "permission") for text in texts]


class _TranslatingBackend(Backend):
    name = "counting"
    pivot = "pt"

    def __init__(self, **_options):
        self.translator = _CountingTranslator()

    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        return [RoundTrip(pivot=text, back_translation=text) for text in texts]


def _sentences(*pairs: tuple[str, str | None]) -> list[Sentence]:
    return [Sentence(i + 1, text, i + 1, 1, source, str(i) if source else None) for i, (text, source) in enumerate(pairs)]


def test_no_model_is_loaded_when_no_unit_has_a_source():
    backend = _TranslatingBackend()
    checker = Checker(backend)
    assert checker.sources is not None  # the meaning check is on by default
    results = list(checker.check_sentences(_sentences(("You have permission.", None), ("Fine.", None))))
    assert backend.translator.loads == 0 and backend.translator.calls == []
    assert all(result.source_translation is None for result in results)


def test_the_forward_translation_is_on_the_result_and_feeds_the_rule():
    backend = _TranslatingBackend()
    checker = Checker(backend, source_language="pt")
    [result] = checker.check_sentences(_sentences(("You have permission.", "Você não tem permissão.")))
    assert result.source_translation == "You do not have permission."
    assert result.to_dict()["source_translation"] == "You do not have permission."
    assert [flag.kind for flag in result.flags] == ["meaning-polarity"]


def test_a_language_without_a_model_is_said_once_and_loads_nothing():
    backend = _TranslatingBackend()
    translations = SourceTranslations(backend, "fi")
    for _ in range(3):  # three documents of one run
        translations.start_document()
        assert translations.english(["Tiedostoa ei voitu tallentaa.", None]) == [None, None]
    assert len(translations.notices) == 1 and "'fi'" in translations.notices[0]
    assert backend.translator.loads == 0


def test_source_translations_are_cached(tmp_path):
    from qa.cache import TranslationCache

    cache = TranslationCache("sig", tmp_path / "cache.sqlite3")
    try:
        first = _TranslatingBackend()
        assert SourceTranslations(first, "pt").english(["Você não tem permissão."], cache) == ["You do not have permission."]
        second = _TranslatingBackend()
        assert SourceTranslations(second, "pt").english(["Você não tem permissão."], cache) == ["You do not have permission."]
        assert second.translator.calls == []
        assert cache.get_many(["Você não tem permissão."]) == {}  # no round-trip row is touched
    finally:
        cache.close()


FINNISH_PO = '''msgid ""
msgstr ""
"Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Tiedostoa ei voitu tallentaa, koska levy on täynnä."
msgstr "The file could not be saved because the disk is full."
'''


def test_a_finnish_source_gets_every_other_check_and_one_notice(tmp_path, monkeypatch):
    register_backend("counting", _TranslatingBackend)
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    first, second = tmp_path / "first.po", tmp_path / "second.po"
    first.write_text(FINNISH_PO, encoding="utf-8")
    second.write_text(FINNISH_PO.replace("täynnä.", "täynnä 100 %."), encoding="utf-8")
    run = run_check(first, second, "--source-lang", "fi", out_dir=tmp_path / "out", backend="counting")
    assert run.exit_code == 1  # the number rule still ran: 100 % is missing from the second target
    assert run.stderr.count("the meaning check (B408, B409) needs a model that translates 'fi'") == 1
    flags = run.json_report("second")["sentences"][0]["flags"]
    assert [flag["kind"] for flag in flags] == ["number-mismatch"]


# --- the bundled model -----------------------------------------------------------------------

PORTUGUESE_PO = '''msgid ""
msgstr ""
"Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Você não tem permissão para acessar esta pasta."
msgstr "You have permission to access this folder."

msgid "O arquivo foi salvo."
msgstr "The file was saved."
'''


@pytest.mark.slow
def test_polarity_through_the_bundled_pt_model(tmp_path):
    # In a process of its own: loading the native engine again in a pytest process where
    # tests/test_bergamot.py already ran crashed (SIGSEGV in load_engine), see the branch report.
    import json
    import os
    import subprocess
    import sys

    from tests.fakes import ROOT

    path = tmp_path / "copy.po"
    path.write_text(PORTUGUESE_PO, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    argv = [sys.executable, "-m", "qa", "check", str(path), "--backend", "bergamot", "--no-cache",
            "--out", str(tmp_path / "out"), "--format", "json"]
    run = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stderr
    dropped, kept = json.loads((tmp_path / "out" / "copy.json").read_text(encoding="utf-8"))["sentences"]
    assert [flag["kind"] for flag in dropped["flags"]] == ["meaning-polarity"]
    assert "not" in dropped["source_translation"] or "n't" in dropped["source_translation"]
    assert kept["flags"] == [] and kept["source_translation"]


def test_without_a_model_the_meaning_check_is_not_run():
    from qa.backends import NoBackend

    checker = Checker(NoBackend())
    assert checker.sources is None and "meaning" not in [check.name for check in checker.checks]


@pytest.mark.parametrize("source, translation, target", [
    ("Se o pixbuf possui, ou não, um canal alfa", "Whether or not pixbuf has an alpha channel",
     "Whether the pixbuf has an alpha channel"),
    ("cabeçalho não inicializado", "Unbooted header", "uninitialized header"),
    ("corresponde sem diferenciar maiúsculo/minúsculo", "corresponds without differentiating", "match case insensitively"),
    ("A rede não responde", "The network does not respond", "Network is down"),
    ("clientes podem não lidar corretamente", "customers may not handle properly", "clients may mishandle"),
    ("erro não pegando sinal", "error not taking signal", "error un-catching signal"),
    ("Formas sem ponto", "Shapes without point", "Dotless Forms"),
    ("usado fora de um script", "used outside a script", "Using <SID> not in a script context"),
])
def test_clean_catalog_pairs_that_negate_otherwise_are_not_flagged(source, translation, target):
    """Regression: clean Debian pt_BR pairs the first benchmark run flagged."""
    assert polarity_findings(source, translation, target, "pt-BR") == []
