"""The bilingual rules' fast paths give the answers of the computations they skip (issue 12's
speed work): the skeleton pre-check of texts without brackets or braces against the general
chunk pattern, the untranslated rule's word-count bound against the words it would weigh,
title case read from word strings, the ASCII pre-check of month names and scale words against their
patterns, and the check's one-sentence path against the unit path."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.bilingual.length import band_of, limits
from qa.bilingual.names import _title_case
from qa.bilingual.numbers import _dated_or_scaled, date_pattern
from qa.bilingual.rules import unit_findings
from qa.bilingual.scales import scale_word
from qa.bilingual.skeleton import same_codes, same_codes_parsed
from qa.bilingual.untranslated import MIN_WORDS_IN_LANGUAGE, _evidence, _WORD_RUN, untranslated_findings
from qa.bilingual.words import words
from qa.checks.base import SentenceView
from qa.checks.bilingual import BilingualCheck
from qa.records import Sentence

WORDS = ["Arquivo", "arquivo", "não", "foi", "possível", "abrir", "Open", "file", "the", "de", "und", "Datei",
         "KDE", "GiB", "x86_64", "UTF-8", "e/ou", "Keir", "Starmer", "l'éditeur", "pt-BR", "São", "Paulo", "A4"]
CODES = ["%s", "%1$s", "%d", "%%", "%(name)s", "{0}", "{name}", "{{ var }}", "${HOME}", "<b>", "</b>", "<%s>",
         "--no-dereference", "-h", "/usr/bin", "~/.config", "../x", "https://example.org/a-b", "www.gnu.org",
         "user@example.org", "free=https://x.org", "\"%s\".", "'%s'", "(%s)", "-", " - ", "->", "a->b", "{n, plural}",
         "%s:", "«%s»", "1.234,5", "15", "R$", "dsp:8", "$", "@", "<", ">", "{", "}"]
piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(CODES), st.text(alphabet="a%{}$@</->.~:w0-9 \t", max_size=5))
separator = st.sampled_from([" ", "  ", ", ", ". ", "", "\t", ": "])
text = st.lists(st.tuples(piece, separator), max_size=12).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(text, text, st.booleans())
def test_the_skeleton_of_texts_without_brackets_is_the_general_patterns(source, target, similar):
    if similar:  # the same codes, other words: the pre-check's interesting case
        target = " ".join(chunk for chunk in source.split() if not chunk.isalpha()) + " " + target.split(" ")[0]
    assert same_codes(source, target) == same_codes_parsed(source, target)


def test_the_skeleton_fast_path_on_catalog_like_units():
    cases = [("Não foi possível abrir %s", "Cannot open %s"), ("-h, --help  mostra esta ajuda", "-h, --help  show this help"),
             ("Veja https://gnu.org/x ou ~/.config", "See https://gnu.org/x or ~/.config"), ("%1$s de %2$s", "%1$s of %2$s"),
             ("Erro: %s", "Error %s."), ("'%s' não existe", "\"%s\" does not exist"), ("opção -x", "option --x"),
             ("a->b %s", "a->b %d"), ("%s %d", "%d %s")]
    for source, target in cases:
        assert same_codes(source, target) == same_codes_parsed(source, target)


@settings(max_examples=600)
@given(text)
def test_fewer_word_runs_than_the_rule_needs_means_fewer_evidence_words(target):
    # untranslated_findings returns [] for a different text with fewer runs than MIN_WORDS_IN_LANGUAGE:
    # exact because _evidence never finds more words than there are runs.
    assert len(_evidence(target, False, "pt")) <= len(_WORD_RUN.findall(target))


def test_a_short_target_in_the_source_language_is_skipped_only_when_it_could_not_be_flagged():
    for source, target in [("Abrir arquivo", "Abrir ficheiro"), ("Arquivo não encontrado", "Arquivo não encontrado agora"),
                           ("Datei öffnen", "Datei-öffnen")]:
        if len(_WORD_RUN.findall(target)) < MIN_WORDS_IN_LANGUAGE:
            assert len(_evidence(target, False, "pt")) < MIN_WORDS_IN_LANGUAGE
    assert untranslated_findings("O arquivo não foi encontrado", "O arquivo não existe", "pt", "O arquivo não existe")


@settings(max_examples=300)
@given(text)
def test_title_case_from_word_strings_is_title_case_from_matches(sample):
    long_words = [match.group(0) for match in words(sample) if len(match.group(0)) >= 4]
    expected = len(long_words) >= 2 and sum(word[0].isupper() for word in long_words) >= 0.6 * len(long_words)
    assert _title_case(sample) == expected


def test_the_one_sentence_path_gives_the_flags_of_the_unit_path():
    units = [("Não foi possível abrir %s", "Cannot open"), ("O arquivo 15 de março", "The file March 16"),
             ("Ir para Keir Starmer agora", "Go to Ir Kiel now"), ("Abrir o arquivo", "Abrir o arquivo"),
             ("Abrir", "Open")]
    flagged = 0
    for source, target in units:
        sentences = [Sentence(1, target, 1, 1, source, "u"), Sentence(2, "Next.", 2, 1, "Próximo.", "v")]
        check = BilingualCheck("pt")
        check.prepare(sentences)
        flags = [(f.kind, f.start, f.end, f.message) for f in check.flags(SentenceView.of(sentences[0].checked_text, source=source))]
        expected = []
        for rule, finding in unit_findings(source, target, "pt"):
            start, end = (0, len(target)) if finding.start is None else (min(finding.start, len(target)), min(finding.end, len(target)))
            expected.append((rule.name, start, max(start, end), finding.message))
        assert flags == expected
        flagged += bool(expected)
    assert 3 <= flagged < len(units)  # units with findings and without both went through


def dated_or_scaled_by_patterns(text: str, language: str | None) -> bool:
    """What _dated_or_scaled computed before its ASCII pre-check."""
    pattern = date_pattern(language)
    return (pattern is not None and pattern.search(text) is not None) or scale_word(text, language) or "月" in text


MONTHS_AND_SCALES = ["março", "MARÇO", "Mar", "mar.", "15 de março de 2025", "March 15, 2025", "Sept", "mai", "Mai",
                     "Mio.", "Millionen", "mil", "milhões", "MILHÃO", "million", "milliards", "thousand", "Jänner",
                     "décembre", "déc.", "févr.", "August", "ago", "maio", "2月10日", "5000万", "Oktober", "okt",
                     "marmalade", "Amarelo", "mildew", "dezember"]


@settings(max_examples=600)
@given(st.lists(st.one_of(st.sampled_from(MONTHS_AND_SCALES), st.sampled_from(WORDS), st.text(max_size=4)), max_size=6),
       st.sampled_from(["pt-BR", "pt", "de", "fr", "en", "zh", "ja", "xx", None]))
def test_the_ascii_pre_check_of_dates_and_scales_is_the_patterns(parts, language):
    sample = " ".join(parts)
    assert _dated_or_scaled(sample, language) == dated_or_scaled_by_patterns(sample, language)
    assert _dated_or_scaled(sample.upper(), language) == dated_or_scaled_by_patterns(sample.upper(), language)


def test_the_ascii_pre_check_of_dates_and_scales_answers_both_ways():
    assert _dated_or_scaled("On 15 March 2025 we had 3 million", "en")
    assert _dated_or_scaled("Em 15 de MARCO havia 3 MIL", "pt")  # ASCII, a scale word in capitals
    assert not _dated_or_scaled("Copied 15 files to 3 folders", "en")


def test_the_length_band_by_bisection_is_the_last_edge_not_above_the_length():
    edges = limits("pt-BR")[1]
    for length in range(0, 2 * edges[-1]):
        assert band_of(length, edges) == max([0] + [index for index, edge in enumerate(edges) if length >= edge])


def test_loading_the_check_builds_the_tables_its_rules_read_for_the_source_language():
    # A worker process calls load() as it starts: the rules' first unit must then find every table built.
    from qa.bilingual import length, numbers, words as word_tables

    tables = (word_tables._frequencies, length._longer_words, length.limits, numbers.symbols, numbers.date_pattern,
              numbers._ascii_words, word_tables.common_english)
    for table in tables:
        table.cache_clear()
    BilingualCheck("de").load()
    built = {table.__name__: table.cache_info().currsize for table in tables}
    assert all(built.values()), built
    hits = {table.__name__: table.cache_info().hits for table in tables}
    view = SentenceView.of("Copied 3 files on 15 March 2025.", source="3 Dateien am 15. März 2025 kopiert.")
    BilingualCheck("de").flags(view)
    assert {table.__name__: table.cache_info().currsize for table in tables} == built  # nothing built late
    assert any(table.cache_info().hits > hits[table.__name__] for table in tables)
