"""The review loop in a real browser (Playwright on Debian's chromium): decide flags in the seed's
HTML report by mouse and keyboard, export, ``mtqa review apply``, check again. Also the page's
layout at 1,280 px and an axe-core accessibility check (CSP bypassed for that test's context only)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.cli import app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / ".ci" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
SEEDS = ROOT / "seeds"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")


def mtqa(*args):
    result = CliRunner().invoke(app, [*map(str, args)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def seed(tmp_path, monkeypatch):
    """The seed article and glossary in a fresh working directory, its HTML and JSON reports written."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEEDS / "coalition-of-the-willing.txt", "article.txt")
    shutil.copy(SEEDS / "glossary.csv", "glossary.csv")
    mtqa("check", "article.txt", "-g", "glossary.csv", "--backend", "none", "--format", "html,json", "--out", "r")
    return tmp_path


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def sentence_by_line(report: dict, line: int) -> dict:
    return next(s for s in report["sentences"] if s["line"] == line)


def decision(page, rule: str, span: str):
    return page.locator(f'li.decision[data-rule="{rule}"][data-span="{span}"]').first


def test_accept_reject_edit_export_apply_and_check_again(seed, browser):
    before = json.loads((seed / "r" / "article.json").read_text(encoding="utf-8"))
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto((seed / "r" / "article.html").as_uri())
    total = page.locator("li.decision").count()
    assert page.locator("#left").text_content() == f"{total} of {total} flags left to review"

    decision(page, "G102", "Healy").locator("button.accept").click()  # by mouse
    decision(page, "G101", "Kiev").locator("button.accept").focus()  # by keyboard: the focused flag
    page.keyboard.press("r")
    decision(page, "G101", "early era").locator("button.edit").click()
    box = page.locator("input.replacement")
    box.fill("early stage")
    box.press("Enter")
    assert page.locator("#left").text_content() == f"{total - 3} of {total} flags left to review"
    assert decision(page, "G101", "Kiev").get_attribute("data-state") == "reject"

    page.reload()  # decisions persist in the browser
    assert page.locator("#left").text_content() == f"{total - 3} of {total} flags left to review"
    page.keyboard.press("j")  # next flag: the first one gets the focus
    assert page.locator("li.decision.current").count() == 1
    with page.expect_download() as download:
        page.locator("#export").click()
    download.value.save_as(seed / "decisions.json")
    context.close()
    assert problems == []

    exported = json.loads((seed / "decisions.json").read_text(encoding="utf-8"))
    assert exported["input"] == "article.txt"
    assert sorted((d["action"], d["span"]) for d in exported["decisions"]) == [
        ("accept", "Healy"), ("edit", "early era"), ("reject", "Kiev")
    ]
    applied = mtqa("review", "apply", "decisions.json", "--glossary", "glossary.csv")
    assert applied.exit_code == 0, applied.output

    mtqa("check", "article.txt", "-g", "glossary.csv", "--backend", "none", "--format", "json", "--out", "r2")
    after = json.loads((seed / "r2" / "article.json").read_text(encoding="utf-8"))
    kiev_before, kiev_after = sentence_by_line(before, 5), sentence_by_line(after, 5)
    assert kiev_before["gate"]["passed"] is False and kiev_after["gate"]["passed"] is True  # the gate follows
    assert kiev_after["flags"][0]["suppressed"] == "baseline"
    healy = [f for f in sentence_by_line(after, 15)["flags"] if f["span"] == "Healy"]
    assert [f["kind"] for f in healy] == ["glossary-variant"]  # the accepted near miss is a known variant now

    fixed = mtqa("fix", "article.txt", "-g", "glossary.csv", "--decisions", "decisions.json")
    assert "+British officials said it was an “early stage,”" in fixed.stdout


def test_no_horizontal_scrolling_at_1280_px_with_long_unit_ids(tmp_path, browser, monkeypatch):
    monkeypatch.chdir(tmp_path)
    long_id = "Uma mensagem muito longa " * 30 + "x" * 200
    (tmp_path / "m.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "{long_id}"\nmsgstr "A very long message " \n"{"y" * 300} set by Ir Kiel."\n',
        encoding="utf-8",
    )
    shutil.copy(SEEDS / "glossary.csv", "glossary.csv")
    mtqa("check", "m.po", "-g", "glossary.csv", "--backend", "none", "--format", "html", "--out", "r")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto((tmp_path / "r" / "m.html").as_uri())
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    unit = page.locator(".unit").first
    assert unit.get_attribute("title") == long_id  # the full id on demand
    page.close()


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core in .ci/tools (npm install --prefix .ci/tools axe-core, as .ci/run does)")
def test_the_seed_report_passes_axe_core(seed, browser):
    context = browser.new_context(bypass_csp=True)  # axe is injected as a script: this test's context only
    page = context.new_page()
    page.goto((seed / "r" / "article.html").as_uri())
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    context.close()
    violations = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"]) for v in results["violations"]]
    assert violations == [], violations
