"""The two-level back-translation diff (issue 14): changes of meaning marked
strongly; respellings and paraphrases (a glossary variant for its term, British
for American spelling, known equivalents) marked lightly.
Regression: the seed report marked "UK → United Kingdom", "spearheaded → led"
and "defence → defense" exactly like a changed name or a dropped "not"."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from fakes import SEEDS, FakeBackend
from qa.backends import BACKENDS
from qa.cli import app
from qa.glossary import load_glossaries
from qa.reports.paraphrase import Equivalents, same_word, spelling_key
from qa.reports.word_diff import DiffPiece, word_diff


@pytest.fixture(scope="module")
def equivalents() -> Equivalents:
    return Equivalents.of(load_glossaries([SEEDS / "glossary.csv"]))


def changes(original: str, back: str, equivalents: Equivalents) -> list[tuple[str, str, bool]]:
    return [(p.kind, p.text, p.minor) for p in word_diff(original, back, equivalents) if p.kind != "same"]


def test_the_seed_paraphrases_are_minor(equivalents):
    original = "The UK plan, spearheaded by Britain, is about defence."
    back = "The United Kingdom plan, led by Britain, is about defense."
    assert changes(original, back, equivalents) == [
        ("del", "UK", True), ("ins", "United Kingdom", True),
        ("del", "spearheaded", True), ("ins", "led", True),
        ("del", "defence", True), ("ins", "defense", True),
    ]


def test_changes_of_meaning_stay_strong(equivalents):
    assert changes("Ir Kiel met leaders.", "Ir Kind met leaders.", equivalents) == [
        ("del", "Kiel", False), ("ins", "Kind", False),
    ]
    assert changes("Troops would not be deployed.", "Troops would be deployed.", equivalents) == [("del", "not", False)]
    assert changes("18 leaders", "19 leaders", equivalents) == [("del", "18", False), ("ins", "19", False)]
    # An added prefix is not a respelling, though the words are close.
    assert changes("an uncomfortable talk", "a comfortable talk", equivalents)[0][2] is False
    # The -our rule needs five letters: "four" is not "for".
    assert changes("four hours", "for hours", equivalents)[0][2] is False


def test_glossary_variants_spellings_and_forms_are_minor(equivalents):
    assert changes("Ir Kiel met leaders.", "Keir Starmer met leaders.", equivalents) == [
        ("del", "Ir Kiel", True), ("ins", "Keir Starmer", True),
    ]
    assert changes("the United States of America said", "the US said", equivalents)[0][2] is True
    assert changes("they organised the centre", "they organized the center", equivalents)[0][2] is True
    assert changes("Zelenskyy spoke", "Zelensky spoke", equivalents)[0][2] is True
    assert changes("to bring a deal", "to bring an agreement", equivalents)[0][2] is True
    # An article coming or going beside a paraphrase changes nothing.
    assert changes("in UK", "in the United Kingdom", equivalents)[0][2] is True
    assert spelling_key("colour") == spelling_key("color") and spelling_key("licence") == spelling_key("license")
    assert same_word("agreed", "agrees") and not same_word("coalition", "collision")


def test_without_equivalents_every_change_is_strong():
    assert word_diff("about defence", "about defense") == [
        DiffPiece("same", "about "), DiffPiece("del", "defence"), DiffPiece("ins", "defense"),
    ]


class ParaphrasingBackend(FakeBackend):
    """The fake round trip, rewording as a real engine does, plus two real changes."""

    CHANGES = {"UK": "United Kingdom", "spearheaded": "led", "defence": "defense", "Kiel": "Kind", "not": ""}


def seed_report(tmp_path, backend: str) -> str:
    article = tmp_path / "seed.txt"
    article.write_text((SEEDS / "coalition-of-the-willing.txt").read_text(encoding="utf-8"), encoding="utf-8")
    args = ["check", article.name, "-g", str(SEEDS / "glossary.csv"), "--backend", backend, "--no-cache"]
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setitem(BACKENDS, "paraphrasing", ParaphrasingBackend)
        result = CliRunner().invoke(app, args + ["--out", "out", "--format", "html"])
    assert result.exit_code == 1, result.output
    return (tmp_path / "out" / "seed.html").read_text(encoding="utf-8")


def test_the_seed_report_marks_paraphrase_lightly_and_meaning_strongly(tmp_path):
    page = seed_report(tmp_path, "paraphrasing")
    assert '<del class="minor">UK</del><ins class="minor">United Kingdom</ins>' in page
    assert '<del class="minor">spearheaded</del><ins class="minor">led</ins>' in page
    assert '<del class="minor">defence</del><ins class="minor">defense</ins>' in page
    assert "<del>Kiel</del><ins>Kind</ins>" in page
    assert "<del>not</del>" in page
    assert 'class="diff-legend"' in page and "ins.minor, del.minor" in page


def test_a_report_without_back_translations_has_no_diff_legend(tmp_path):
    assert 'class="diff-legend"' not in seed_report(tmp_path, "none")


def test_the_light_marks_pass_axe_core(tmp_path):
    """Contrast and semantics of the minor marks, in Debian's chromium (CSP bypassed for this context only)."""
    from test_review_browser import ARGS, AXE, CHROMIUM

    if not (CHROMIUM.exists() and AXE.exists()):
        pytest.skip("needs Debian's chromium and axe-core in .ci/tools (as .ci/run installs it)")
    from playwright.sync_api import sync_playwright

    seed_report(tmp_path, "paraphrasing")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.goto((tmp_path / "out" / "seed.html").as_uri())
        assert page.locator("del.minor").count() > 3 and page.locator("del:not(.minor)").count() > 1
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        browser.close()
    violations = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"]) for v in results["violations"]]
    assert violations == [], violations
