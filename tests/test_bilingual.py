"""The bilingual rules (issue 12): each rule on its own, the check over units of
several sentences, the PO of the issue, and plain-text pairs with --source."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.bilingual.markup import markup_findings
from qa.bilingual.names import name_findings
from qa.bilingual.numbers import number_findings
from qa.bilingual.placeholders import placeholder_findings, placeholders
from qa.bilingual.rules import BILINGUAL_RULES, unit_findings
from qa.bilingual.untranslated import untranslated_findings
from qa.bilingual.verbatim import verbatim_findings
from qa.checks.base import SentenceView
from qa.checks.bilingual import BilingualCheck
from qa.records import Sentence, Severity
from qa.rules import rule_for
from tests.clirun import run_check

BILINGUAL_KINDS = {rule.name for rule in BILINGUAL_RULES}


def kinds(source: str, target: str, language: str | None = "pt") -> list[str]:
    return sorted(rule.name for rule, _ in unit_findings(source, target, language))


# --- placeholders ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, keys",
    [
        ("Olá %s, você tem %d", ["%s", "%d"]),
        ("%1$s de %2$s", ["%s", "%s"]),
        ("%'d itens e 100%%", ["%d", "%%"]),
        ("{name} {0} {} %(user)s", ["{name}", "{0}", "{}", "%(user)s"]),
        ("{count, plural, one {# arquivo} other {# arquivos}}", ["{count,plural"]),
        ("${var} {{ var }} %1", ["${var}", "{{var}}", "%1"]),
    ],
)
def test_placeholders_of_every_syntax_are_found(text, keys):
    assert [item.key for item in placeholders(text)] == keys


def test_a_dropped_placeholder_is_one_error_each():
    findings = placeholder_findings("Olá %s, você tem %d mensagens novas.", "Hello, you have new messages.")
    assert [f.suggestion for f in findings] == ["%s", "%d"]


def test_reordered_positional_placeholders_match():
    assert placeholder_findings("%2$s de %1$s", "%s of %s") == []
    assert placeholder_findings("{b} e {a}", "{a} and {b}") == []


def test_a_percent_sign_in_prose_is_no_placeholder():
    assert placeholders("50% de desconto") == []
    assert placeholders("100%% feito") == []


# --- markup ----------------------------------------------------------------------------------

def test_an_unclosed_tag_is_flagged_at_the_tag():
    (finding,) = markup_findings("<b>Olá</b> mundo", "<b>Hello world")
    assert (finding.start, finding.end) == (0, 3)


def test_tags_out_of_order_are_flagged_and_translated_argument_names_are_not_tags():
    assert markup_findings("<b>a</b> <i>b</i>", "<b>a <i>b</b></i>")
    assert markup_findings("Uso: cp <origem> <destino>", "Usage: cp <source> <dest>") == []


# --- numbers ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "source, target, language",
    [
        ("custa 1.234,5 reais", "costs 1,234.5 reais", "pt"),
        ("kostet 1.234,50 €", "costs €1,234.5", "de"),
        ("em 15 de março de 2025", "on 15 March 2025", "pt"),
        ("em 15 de março de 2025", "on March 15, 2025", "pt"),
        ("3 arquivos", "three files", "pt"),
        ("três arquivos", "3 files", "pt"),
        ("de 0.0 a 1.0", "from 0.0 to 1.0", "pt"),  # a translator who kept the English decimals
        ("versão 2.6.30", "version 2.6.30", "pt"),
    ],
)
def test_equal_values_in_each_locale_match(source, target, language):
    assert number_findings(source, target, language) == []


def test_a_changed_date_and_amount_are_one_error_each_at_the_target_value():
    source = "Vence em 15 de março de 2025 e custa R$ 300."
    target = "Due on 15 April 2024, it costs R$ 30."
    findings = number_findings(source, target, "pt")
    assert [target[f.start : f.end] for f in findings] == ["15 April 2024", "30"]
    assert [f.suggestion for f in findings] == ["15 de março de 2025", "300"]


def test_a_source_language_babel_does_not_know_still_compares_digits():
    assert number_findings("1.234,5", "1,234.5", "xx") == []
    assert number_findings("300", "30", "xx")


# --- verbatim --------------------------------------------------------------------------------

def test_urls_addresses_paths_and_options_must_be_copied():
    assert verbatim_findings("veja https://exemplo.com/a", "see https://exemplo.com/b")[0].suggestion == "https://exemplo.com/a"
    assert verbatim_findings("use --no-dereference", "use --dereference")
    assert verbatim_findings("abra /etc/passwd", "open /etc/shadow")
    assert verbatim_findings("escreva a a@gnu.org", "write to b@gnu.org")
    assert verbatim_findings("use --format=FORMATO em /usr/share/x", "use --format=FORMAT in /usr/share/x/") == []


# --- untranslated ----------------------------------------------------------------------------

def test_the_source_copied_is_untranslated_unless_it_reads_the_same_in_every_language():
    assert untranslated_findings("Salvar arquivo", "Salvar arquivo", "pt", "Salvar arquivo")
    for same in ("OK", "Status", "GNU Make", "%s: %s", "v2.6"):
        assert untranslated_findings(same, same, "pt", same) == [], same


def test_a_target_in_the_source_language_is_untranslated():
    target = "Não foi possível abrir o arquivo agora"
    assert untranslated_findings("Falha ao abrir", target, "pt", target)


# --- names -----------------------------------------------------------------------------------

def test_a_source_name_rendered_as_other_words_is_flagged_there():
    target = "Prime Minister Ir Kiel said in London that talks would go on."
    (finding,) = name_findings("O primeiro-ministro Keir Starmer disse em Londres que as conversas continuam.", target, "pt")
    assert target[finding.start : finding.end] == "Ir Kiel"
    assert finding.suggestion == "Keir Starmer"


def test_names_kept_or_nearly_kept_are_not_flagged():
    assert name_findings("O GNU e o OpenOffice em Moscou", "GNU and OpenOffice in Moscow", "pt") == []
    assert name_findings("Metadados do SO", "OS metadata", "pt") == []


# --- length ----------------------------------------------------------------------------------

def test_a_target_cut_to_forty_percent_is_a_length_warning():
    source = "Não foi possível criar o diretório temporário para a cópia de segurança dos arquivos"
    target = "Could not create the temporary directory for backing up the files"
    assert kinds(source, target) == []
    assert kinds(source, target[: int(len(target) * 0.4)]) == ["length-ratio"]


# --- rules registry --------------------------------------------------------------------------

def test_every_bilingual_rule_is_registered_with_its_severity():
    assert [rule.id for rule in BILINGUAL_RULES] == [f"B40{n}" for n in range(1, 8)]
    assert rule_for("B401").severity is Severity.ERROR
    assert rule_for("source-name-missing").severity is Severity.WARNING
    assert not any(rule.fitted for rule in BILINGUAL_RULES)


# --- the check over units --------------------------------------------------------------------

def _check_unit(source: str, sentences: list[str], language: str | None = "pt") -> list[list[str]]:
    check = BilingualCheck(language)
    units = [Sentence(i + 1, text, 1, 1, source, "u1") for i, text in enumerate(sentences)]
    check.prepare(units)
    return [[flag.kind for flag in check.flags(SentenceView.of(s.text, source=s.source))] for s in units]


def test_a_placeholder_moved_to_the_next_sentence_of_the_unit_is_no_error():
    assert _check_unit("Copiado %s. Feito em %d s.", ["Copied.", "Done %s in %d s."]) == [[], []]


def test_something_missing_from_a_unit_is_flagged_once_on_its_last_sentence():
    assert _check_unit("Copiado %s. Feito em %d s.", ["Copied.", "Done in %d s."]) == [[], ["placeholder-mismatch"]]


def test_a_sentence_without_a_source_is_not_checked():
    check = BilingualCheck("pt")
    assert check.flags(SentenceView.of("Hello %s")) == []


def test_a_source_in_a_language_without_rule_data_still_runs_the_rules():
    source = "こんにちは %s さん、新着メッセージが %d 件あります。"
    assert _check_unit(source, ["Hello, you have new messages."], None) == [["placeholder-mismatch"] * 2]
    check = BilingualCheck()
    check.prepare([Sentence(1, "Hello %s, 3 new.", 1, 1, source, "u")])
    assert check.language is None
    assert [f.kind for f in check.flags(SentenceView.of("Hello %s, 3 new.", source=source))] == ["placeholder-mismatch"]


# --- the PO of the issue ---------------------------------------------------------------------

WHY_PO = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: en\n"

msgid "Olá %s, você tem %d mensagens novas."
msgstr "Hello, you have new messages."

msgid "<b>Atenção</b>: o prazo termina em 15 de março de 2025."
msgstr "<b>Attention: the deadline ends on 15 April 2024."

msgid "O plano custa R$ 300 por mês."
msgstr "The plan costs R$ 30 per month."

msgid "Salvar arquivo"
msgstr "Salvar arquivo"

msgid "Abrir pasta"
msgstr ""
'''


def test_the_po_of_the_issue_fails_the_gate_with_one_flag_per_planted_error(tmp_path: Path):
    po = tmp_path / "why.po"
    po.write_text(WHY_PO, encoding="utf-8")
    run = run_check(po, out_dir=tmp_path / "out")
    assert run.exit_code == 1
    report = run.json_report("why")
    found = [
        (sentence["unit"], flag["kind"], flag["span"])
        for sentence in report["sentences"]
        for flag in sentence["flags"]
        if flag["kind"] in BILINGUAL_KINDS
    ]
    assert sorted(found) == sorted([
        ("Olá %s, você tem %d mensagens novas.", "placeholder-mismatch", "Hello, you have new messages."),
        ("Olá %s, você tem %d mensagens novas.", "placeholder-mismatch", "Hello, you have new messages."),
        ("<b>Atenção</b>: o prazo termina em 15 de março de 2025.", "markup-mismatch", "<b>"),
        ("<b>Atenção</b>: o prazo termina em 15 de março de 2025.", "number-mismatch", "15 April 2024"),
        ("O plano custa R$ 300 por mês.", "number-mismatch", "30"),
        ("Salvar arquivo", "untranslated", "Salvar arquivo"),
    ])
    assert "Abrir pasta" not in {sentence.get("unit") for sentence in report["sentences"]}  # empty target: skipped


# --- --source --------------------------------------------------------------------------------

def test_line_aligned_text_pairs_are_checked_against_their_source(tmp_path: Path):
    source, target = tmp_path / "source.txt", tmp_path / "target.txt"
    source.write_text("Olá %s, você tem 3 mensagens.\nO plano custa R$ 300.\n", encoding="utf-8")
    target.write_text("Hello %s, you have three messages.\nThe plan costs R$ 30.\n", encoding="utf-8")
    run = run_check(target, "--source", source, "--source-lang", "pt", out_dir=tmp_path / "out")
    assert run.exit_code == 1
    sentences = run.json_report("target")["sentences"]
    assert [sentence["source"] for sentence in sentences] == ["Olá %s, você tem 3 mensagens.", "O plano custa R$ 300."]
    assert [[f["kind"] for f in s["flags"] if f["kind"] in BILINGUAL_KINDS] for s in sentences] == [[], ["number-mismatch"]]


def test_a_line_count_mismatch_names_both_files(tmp_path: Path):
    source, target = tmp_path / "source.txt", tmp_path / "target.txt"
    source.write_text("um\ndois\ntrês\n", encoding="utf-8")
    target.write_text("one\ntwo\n\n\n", encoding="utf-8")
    run = run_check(target, "--source", source, out_dir=tmp_path / "out")
    assert run.exit_code == 2
    assert "target.txt" in run.stderr and "source.txt" in run.stderr and "2 lines" in run.stderr


def test_source_with_more_than_one_input_is_a_usage_error(tmp_path: Path):
    for name in ("a.txt", "b.txt", "s.txt"):
        (tmp_path / name).write_text("one\n", encoding="utf-8")
    run = run_check(tmp_path / "a.txt", tmp_path / "b.txt", "--source", tmp_path / "s.txt", out_dir=tmp_path / "out")
    assert run.exit_code == 2
    assert "exactly one input" in run.stderr


# --- regressions found on the Debian catalogs ------------------------------------------------

def test_an_acronym_spelled_out_in_the_target_is_not_missing():
    assert name_findings("FRAD - Dispositivo de Acesso a Frame Relay", "Frame Relay Access Device", "pt") == []
    assert name_findings("Protocolo SLIP adaptativo", "Adaptive Serial Line IP", "pt") == []


def test_words_of_the_source_language_in_a_title_or_a_usage_line_are_not_names():
    assert name_findings("Tabela de Roteamento IP do Kernel", "Kernel IP routing table", "pt") == []
    assert name_findings("  -d, --dbname=NOMEBD   nome do banco", "  -d, --dbname=DBNAME   database name", "pt") == []
    assert name_findings("Alt Esquerdo (quando pressionado)", "Left Alt (while pressed)", "pt") == []


def test_a_number_written_the_same_on_both_sides_is_the_same_number():
    assert number_findings("tamanhos (gtk-menu=16,16)", "sizes (gtk-menu=16,16)", "pt") == []


def test_an_html_name_used_as_an_argument_is_no_tag():
    assert markup_findings("anexa <Markierung> ao nome", "append <mark> to the name") == []


def test_german_nouns_and_compounds_are_not_names():
    assert name_findings("Lese-Kontrollpunkt im Arbeitsverzeichnis", "Read checkpoint in the working tree", "de") == []
    assert name_findings("Kein ARP-Eintrag für den Rechner", "No ARP entry for the host", "de") == []


def test_a_changed_ordinal_is_flagged_and_an_ordinal_rendered_as_a_word_is_not():
    assert number_findings("Tecla para escolher o 2º nível", "Key to choose the 3rd level", "pt")
    assert number_findings("Tecla para escolher o 2º nível", "Key to choose the 2nd level", "pt") == []
    assert number_findings("a cor do 1º plano", "the foreground colour", "pt") == []


def test_a_short_source_whose_language_is_not_detected_still_gets_the_name_rule():
    # Regression: a source too short to detect its language crashed the name rule (no word list for None).
    assert _check_unit("Keir Starmer falou.", ["Ir Kiel spoke."], None) == [["source-name-missing"]]


# --- XLIFF inline codes: the markup rule compares the codes, not the texts' tags ----------------

CODED_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="pt-BR" target-language="en" datatype="plaintext" original="x">
    <body>
      <trans-unit id="same">
        <source>Clique em <g id="1">Salvar</g> para gravar o arquivo.</source>
        <target>Click <g id="1">Save</g> to store the file.</target>
      </trans-unit>
      <trans-unit id="dropped">
        <source>Clique em <g id="1">Abrir</g> <x id="2"/> agora.</source>
        <target>Click Open now.</target>
      </trans-unit>
      <trans-unit id="extra">
        <source>Clique em Fechar agora.</source>
        <target>Click <x id="9"/> Close now.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_inline_codes_are_compared_as_codes(tmp_path):
    # The checked target holds code marks while the source is written with its markup: comparing
    # tags in the texts flagged every unit that has codes (found when the two branches met).
    path = tmp_path / "coded.xlf"
    path.write_text(CODED_XLIFF, encoding="utf-8")
    run = run_check(path, out_dir=tmp_path / "out", formats="json")
    flags = {s["unit"]: [(f["kind"], f["span"]) for f in s["flags"]] for s in run.json_report("coded")["sentences"]}
    assert flags["same"] == []
    assert [kind for kind, _ in flags["dropped"]] == ["markup-mismatch"] * 3
    assert flags["extra"] == [("markup-mismatch", '<x id="9"/>')]


# --- precision on real catalogs (clean units that were flagged) -------------------------------

@pytest.mark.parametrize(
    "source, target",
    [
        ("Beim Umwandeln aus oder in UTF-8 trat ein Problem auf.", "There was an issue converting to or from UTF8."),
        ("verbotenes Zeichen (TR 46)", "forbidden character (TR46)"),
        ("Archiv enthält veraltete Base64-Kopfteile", "Archive contains obsolescent base-64 headers"),
        ("Lançar 1", "Launch1"),
        ("nível ISA x86_64 inválido", "invalid x86-64 ISA level"),
        ("Die Art kann nur 0, 1 oder 2 sein.", "type may have values 0,1,2 only."),
    ],
)
def test_digits_of_an_identifier_or_a_list_are_not_a_changed_number(source, target):
    assert number_findings(source, target, "de") == []


def test_a_changed_identifier_number_is_still_flagged():
    assert number_findings("Codificação UTF-8", "UTF-16 encoding", "pt")
    assert number_findings("5-11 páginas", "5-12 pages", "pt")


def test_many_number_differences_in_one_unit_are_one_flag():
    findings = number_findings("p. ex: 9:30, 15:10, 19:40:15", "e.g. 15:30, 2:35 pm, 14:15:20", "pt")
    assert len(findings) == 1 and "numbers differ" in findings[0].message


@pytest.mark.parametrize("text", ["SRA0", "GiB", "RUSER", "de"])
def test_codes_acronyms_and_names_copied_are_not_untranslated(text):
    language = "pt" if text == "de" else "de"
    assert untranslated_findings(text, text, language, text) == []


@pytest.mark.parametrize(
    "text", ["Schlüsselkennung", "Schlüssel-URL", "Audio und Video", "Verarbeitungsverzeichnisse:", "Softwarekatalogdaten"]
)
def test_german_compounds_and_function_words_copied_are_untranslated(text):
    assert untranslated_findings(text, text, "de", text)


def test_a_usage_line_in_capitals_copied_is_untranslated():
    text = "fg [ESPEC-JOB] COMANDOS"
    assert untranslated_findings(text, text, "pt", text)


@pytest.mark.parametrize(
    "source, target",
    [
        ("Page Up", "Page_Up"),
        (" Lê as opções do arquivo ARQ\n", "Read options from FILE\n"),
        ("  -L, --files-without-match emite apenas os nomes dos ARQUIVOs", "  -L, --files-without-match  print only names of FILEs"),
        ("RLO S_obrepor da direita para a esquerda", "RLO Right-to-left o_verride"),
        (" (inserção) Rolagem (^E/^Y)", " (insert) Scroll (^E/^Y)"),
    ],
)
def test_key_names_argument_names_mnemonics_and_rare_words_are_not_names(source, target):
    assert name_findings(source, target, "pt") == []


@pytest.mark.parametrize(
    "source, target, language",
    [
        ("据法新社2月10日报道", "AFP reported on February 10", "zh"),
        ("2023年2月10日", "February 10, 2023", "zh"),
        ("投资5000万元", "invested 50 million yuan", "zh"),
        ("1.5亿人", "150 million people", "zh"),
        ("连续第5个月负增长", "the fifth consecutive month of decline", "zh"),
        ("50 milhões de pessoas", "50 million people", "pt"),
    ],
)
def test_numeric_chinese_dates_scale_words_and_ordinals_are_the_same_values(source, target, language):
    assert number_findings(source, target, language) == []


def test_a_changed_scaled_amount_is_flagged():
    assert number_findings("投资5000万元", "invested 5 million yuan", "zh")
    assert number_findings("50 milhões de pessoas", "5 million people", "pt")


def test_a_target_cut_inside_a_word_on_a_space_or_in_a_quotation_ends_abruptly():
    from qa.bilingual.length import ANCHORED, CUT, FINISHED, NO_STOP, ending

    assert ending("O identificador de licença (eula-id) é requerido", "A licence identi") == CUT
    assert ending("Permitir que pacotes sejam reinstalados", "Allow packages to be ") == CUT
    assert ending("Uma ação, ex.: \"update-packages\", é requerida", 'An action, e.g. "u') == CUT
    assert ending("O arquivo já existe: %s", "File already exists: %s") == ANCHORED
    assert ending("Licença do pacote", "Package licence") == FINISHED
    assert ending("Kann die Shell nicht unterbrechen.", "cannot suspend") == NO_STOP


@pytest.mark.parametrize(
    "source, target",
    [
        ("Interrupt-Signal erhalten, beende", "received inte"),
        ("Komprimiertes CD-Abbild", "Compres"),  # rare, and starts a common word
        ("unmöglich, mit Quellformat »%s« zu bauen: %s", "can't build wit"),  # a word, but far rarer than "with"
        ("Kyrillisch (transliteriert)", "Cyrillic ("),
        ("Lesezeichen »%s« kann nicht entfernt werden", "Bookmark '%s"),
        ("SCSS-Präprozessordatei", "SCSS pre-"),
    ],
)
def test_german_truncations_that_read_as_finished_text_are_cut(source, target):
    # Regression: half the German truncations were missed, most of them stopped inside a word.
    from qa.bilingual.length import CUT, ending

    assert ending(source, target) == CUT


@pytest.mark.parametrize(
    "source, target",
    [
        ("Ansicht ver_größern", "Zoom _In"),  # a label ending on a preposition
        ("Wechsel in das Verzeichnis / nicht möglich", "Can't chdir to /"),  # the source's own mark
        ("( ohne schließendes Gegenstück", "unbalanced ("),
        ("Abschlussfunktion", "ffunc"),  # a code, no word's start
    ],
)
def test_finished_targets_are_not_read_as_cut(source, target):
    from qa.bilingual.length import CUT, ending

    assert ending(source, target) != CUT


def test_a_gloss_of_the_original_in_brackets_is_not_counted_against_the_target():
    from qa.bilingual.length import gloss_free, measured

    assert gloss_free("Abgebrochen (Killed)", "Killed") == len("Abgebrochen")
    assert gloss_free("não foi possível bifurcar (fork)", "cannot fork") == len("não foi possível bifurcar")
    assert gloss_free("Kyrillisch (transliteriert)", "Cyrillic (") == measured("Kyrillisch (transliteriert)")
    assert kinds("Abgebrochen (Killed)", "Killed", "de") == []


def test_help_text_indentation_counts_as_one_space():
    from qa.bilingual.length import measured

    assert measured("Define o caminho\n                                compartilhado") == len("Define o caminho compartilhado")


def test_pt_BR_and_pt_length_bounds_are_fitted_and_looked_up_apart(monkeypatch):
    # Regression: --fit wrote pt_BR and pt into one "pt" entry, the later winning.
    import importlib.util

    from qa.bilingual import length

    spec = importlib.util.spec_from_file_location("bilingual_benchmark", Path(__file__).parent.parent / "benchmarks" / "bilingual.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    source = "Não foi possível abrir o arquivo de configuração"
    brazilian = [(source + f" {n}", "Could not open the configuration file") for n in range(3000)]
    european = [(source + f" {n}", "Could not open the configuration file, as it is in use") for n in range(3000)]
    fitted = benchmark.fit_bounds({"pt_BR": brazilian, "pt": european})
    assert set(fitted["languages"]) == {"pt-BR", "pt"}
    assert fitted["languages"]["pt-BR"] != fitted["languages"]["pt"]
    monkeypatch.setattr(length, "bounds", lambda: fitted)
    length.limits.cache_clear()
    try:
        assert length.limits("pt-BR")[0] == "pt-BR"
        assert length.limits("pt_BR")[0] == "pt-BR"
        assert length.limits("pt")[0] == "pt"
        assert length.limits("pt-PT")[0] == "pt"
        assert length.limits("xx")[0] == "xx"  # pooled
    finally:
        length.limits.cache_clear()


@pytest.mark.parametrize(
    "source, target, language",
    [
        ("Ulrich Drepper", "Ulrich Drepper", "de"),
        ("Bamum", "Bamum", "de"),
        ("Hatran", "Hatran", "de"),
        ("Jim Meyering", "Jim Meyering", "de"),
        ("Mobipocket E-Book", "Mobipocket e-book", "de"),
        ("WLAN", "WLAN", "de"),
        ("Masaram Gondi", "Masaram Gondi", "pt-BR"),
        ("Sora Sompeng", "Sora Sompeng", "pt-BR"),
    ],
)
def test_copied_names_are_not_untranslated(source, target, language):
    # Regression: a copied name with a word rare in both word lists (or a short word cut into
    # two "words" of the language) was untranslated text.
    assert untranslated_findings(source, target, language, target) == []


@pytest.mark.parametrize(
    "source, language",
    [("Schlüsselkennung", "de"), ("Softwarekatalogdaten", "de"), ("Salvar arquivo", "pt"), ("Den Server stoppen", "de")],
)
def test_copied_text_of_the_source_language_stays_untranslated(source, language):
    assert untranslated_findings(source, source, language, source)


@pytest.mark.parametrize(
    "source, target",
    [("Pos1", "Home"), ("NB_Pos1", "KP_Home"), ("Não realiza a otimização", "Don't perform R_PPC64_PCREL_OPT optimization")],
)
def test_an_identifier_the_other_side_names_otherwise_is_no_changed_number(source, target):
    # Regression: the digits of the "Pos1" key (German for Home) were a number the target lacked.
    assert number_findings(source, target, "de") == []


def test_a_changed_identifier_digit_is_still_flagged():
    assert number_findings("carregar r11", "load r111", "pt")
    assert number_findings("MP3", "MP4", "pt")


def test_a_name_copied_into_the_target_is_not_asked_about():
    assert name_findings("Abrir com o Firefox e o GIMP", "Open with Firefox and GIMP", "pt") == []
    assert name_findings("Primeiro-ministro Keir Starmer", "Prime Minister Ir Kiel", "pt")


def test_a_plus_minus_sign_is_no_file_path():
    assert verbatim_findings("Valores de +/- 1 indicam", "Values of +/-1 indicate") == []
    assert verbatim_findings("Veja /etc/passwd", "See /etc/password")


@pytest.mark.parametrize(
    "source, target",
    [
        ("%s:%d: rechte Klammer bei \\x{HEXZAHL} fehlt", "%s:%d: missing right brace on \\x{HEXNUMBER}"),
        ("Wert in \\x{…}-Sequenz ist zu groß", "character value in \\x{...} sequence is too large"),
        ("Unzulässige %-Kodierung in Adresse", "Invalid %-encoding in URI"),
        ("muss zwischen 8 und %i sein", "must be between 8 and %d"),
        ("%li Bytes", "%ld bytes"),
    ],
)
def test_escape_notations_percent_words_and_i_for_d_are_no_placeholder_change(source, target):
    # Regression: "\x{HEX}" (an escape's notation) and "%-encoding" read as placeholders; %i and %d
    # (the same printf conversion) as two.
    assert placeholder_findings(source, target) == []


def test_a_changed_length_modifier_is_still_a_placeholder_change():
    assert placeholder_findings("%ld Bytes", "%d bytes")


@pytest.mark.parametrize(
    "source, target, flagged",
    [
        ("15 de março de 2025", "15 April 2025", True),  # same digits, another month
        ("50 milhões de pessoas", "50 thousand people", True),  # same digits, another scale
        ("1.234,5 itens", "1.234,5 items", False),  # written the same: the same value
        ("Versão 2.6.30 de 15 arquivos", "Version 2.6.30 of 15 files", False),
    ],
)
def test_the_same_numbers_pass_quickly_but_not_past_a_month_or_a_scale_word(source, target, flagged):
    assert bool(number_findings(source, target, "pt")) is flagged


def test_a_chinese_number_before_its_measure_word_is_still_a_number():
    # Regression: "5只" reads as digits glued to a letter; the "Pos1" exception must not drop it.
    assert number_findings("5只新发产品", "new products", "zh")


def test_a_url_in_guillemets_ends_before_the_closing_mark():
    # Regression: "»https://example.com/licenses.html«" read the closing guillemet as part of the URL.
    source = "Beispiel: »https://example.com/licenses.html« und mehr"
    assert verbatim_findings(source, "Example: `https://example.com/licenses.html` and more") == []


def test_a_url_glued_to_a_word_is_still_read():
    # Regression: a text whose only code was "name=https://..." was not parsed, so its URL was missing.
    source = "Beispielsweise »LicenseRef-free=https://example.com/licenses.html«"
    target = "E.g. `LicenseRef-free=https://example.com/licenses.html`"
    assert kinds(source, target, "de") == []
    assert kinds(source, target.replace("example.com", "exemple.com"), "de") == ["verbatim-changed"]


# --- precision on real catalogs, round 3: each class a clean unit and its injected-error twin -----

@pytest.mark.parametrize(
    "source, target, broken, language",
    [
        # a unit's symbol of two letters ("Ko", "Mo") is no name; a name the target changed still is
        ("écriture de %d Ko", "using one %dkB write", None, "fr"),
        # a plural in capitals is the acronym of an ordinary word ("NOMs" -> "NAMEs")
        ("les valeurs de ces NOMs ne peuvent plus", "the values of these NAMEs may not", None, "fr"),
        # an optional "=" before a usage line's argument name ("[--pgdata=]VERZ" -> "DATADIR")
        (" [-D, --pgdata=]VERZ    Datenbankverzeichnis", " [-D, --pgdata=]DATADIR  data directory", None, "de"),
        # an acronym spelled out in lower-case words ("PITR" -> "point-in-time recovery")
        ("début de la restauration PITR à « %s »", 'starting point-in-time recovery to "%s"',
         'starting recovery to "%s"', "fr"),
        # a name that starts a target word ("Web" -> "website", "NULL" -> "nullable")
        ("le lien vers le site Web du programme", "the link to the website of the program",
         "the link to the Kiel site of the program", "fr"),
        # a name of two words written as one identifier ("Large Object" -> "pg_largeobject")
        ("l'entrée du Large Object d'OID %u", "pg_largeobject entry for OID %u", "pg_entry for OID %u", "fr"),
        # a title after " / " starts a heading, as after a full stop
        ("Connexions et authentification / Paramétrages de connexion", "Connections and Authentication / Connection Settings",
         None, "fr"),
    ],
)
def test_units_abbreviations_and_spelled_out_names_are_not_missing_names(source, target, broken, language):
    # Regression: French unit symbols (Ko, Mo), plural argument names (NOMs), names written as the
    # start of a compound or spelled out in lower case were missing names (57 French clean flags).
    assert name_findings(source, target, language) == []
    if broken:
        assert name_findings(source, broken, language)


@pytest.mark.parametrize(
    "source, target, broken",
    [
        ("Lesen Sie in der Handbuchseite zu top(1) nach", "please consult the top man page", "please consult top(2)"),
        ("kein Abbruch mit Existatus!=0 bei unlesbaren Dateien", "do not exit with nonzero on unreadable files",
         "do not exit with 1 on unreadable files"),
        ("Rückgabewert:\n    Immer 0.", "Exit Status:\n    Always succeeds.", "Exit Status:\n    Always 1."),
        ("Daten der Version 3 könnten falsch sein.", "The data in version 3 may be wrong.", "The data in version 4 may be wrong."),
        ("Format «3.0 (personnalisé)» («3.0 (custom)») seulement", "Format '3.0 (custom)' only", "Format '3.1 (custom)' only"),
    ],
)
def test_man_sections_exit_status_words_lower_case_may_and_repeats_are_no_changed_number(source, target, broken):
    # Regression: "top(1)", "!=0" for "nonzero", "0" for "succeeds", "3 may" read as a date and a
    # value the source repeats were changed numbers.
    assert number_findings(source, target, "de") == []
    assert number_findings(source, broken, "de")


def test_a_compounds_hyphen_after_a_path_is_not_part_of_it():
    source = "Die Zeichenkette endet mitten in einer ~/.../-Anweisung."
    assert verbatim_findings(source, "The string ends in the middle of a ~/.../ directive.") == []
    assert verbatim_findings("Siehe ~/.config/-Ordner", "See the ~/.confg/ folder")


def test_a_code_the_target_copies_in_another_case_is_not_untranslated():
    # Regression: "GiB" -> "Gib" read the target's "Gib" (a German word) as copied German.
    assert untranslated_findings("GiB", "Gib", "de", "Gib") == []
    assert untranslated_findings("Gib auf", "Gib auf", "de", "Gib auf")


@pytest.mark.parametrize(
    "source, target",
    [
        ("Es ist nicht möglich, den Status (lstat()) der Datei %s zu lesen", "Cannot lstat %s"),
        ("Melden Sie Fehler (auf Englisch, mit LC_ALL=C) an <%s>.\n", "Report bugs to %s.\n"),
        ("(gegenwärtiges Arbeitsverzeichnis ist: %s)\n", "(wd now: %s)\n"),
    ],
)
def test_a_terse_target_ending_on_the_sources_last_placeholder_is_not_truncated(source, target):
    # Regression: terse English originals that keep the source's end were "possibly truncated".
    from qa.bilingual.length import ANCHORED, ending

    assert ending(source, target) == ANCHORED
    assert kinds(source, target, "de") == []
    assert "length-ratio" in kinds(source, target.strip()[: int(len(target.strip()) * 0.4)], "de")


@pytest.mark.parametrize(
    "source, target",
    [
        ('Não foi possível abrir "%s": %s', "Could not open '%s': %s"),  # the same codes: not parsed
        ("Olá %s, você tem %d mensagens", "Hello, you have %d messages"),
        ("Use {{ nome }} aqui", "Use {{ name }} here"),
        ("{n, plural, one {# arquivo} other {# arquivos}}", "{n, select, one {# file} other {# files}}"),
        ("<b>Termos da <i>licença</i></b>", "<b>License <i>Terms</b></i>"),  # same tags, not nested alike
        ("Veja /usr/share/doc e -r", "See /usr/share/doc and -r"),
        ("Veja /usr/share/doc e -r", "See /usr/share/dcc and -x"),
        ("Arquivo </usr/share> inválido", "Invalid </usr/share> file"),
        ("%1$s de %2$s", "%2$s of %1$s"),
        ("Salvar %s", "Salvar %s"),  # copied: read without its codes
    ],
)
def test_the_same_codes_pre_check_gives_what_parsing_gives(source, target, monkeypatch):
    # The pre-check skips parsing when both sides carry the same code chunks in the same order;
    # its findings must be those of parsing both sides.
    from qa.bilingual import rules

    quick = kinds(source, target)
    monkeypatch.setattr(rules, "same_codes", lambda source, target: None)
    assert quick == kinds(source, target)


def test_a_curly_quotation_left_open_ends_abruptly():
    from qa.bilingual.length import CUT, ending

    assert ending("Datei »%s« ist zu groß", "File “%s") == CUT
    assert ending("Datei »%s« ist zu groß", "File “%s” is too big") != CUT
