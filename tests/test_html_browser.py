"""The HTML report in a real browser: Playwright driving Debian's chromium
(never a downloaded browser). CI installs chromium in .ci/run."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from reports_helpers import json_report, run_reports

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
)

# The sentence text a mark sits in, up to the mark: text nodes of the sentence,
# leaving out the tooltips and the inline suggestions (their text is not part of the sentence).
_OFFSETS = """
() => Array.from(document.querySelectorAll("mark.flag")).map((mark) => {
  const words = mark.closest(".words");
  const walker = document.createTreeWalker(words, NodeFilter.SHOW_TEXT);
  let before = "";
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (mark.contains(node)) break;
    if (!node.parentElement.closest(".tip, .fix")) before += node.data;
  }
  return {id: Number(mark.closest("tr").dataset.id), before: before, text: mark.textContent};
})
"""


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    """One browser for the module; the report is written once."""
    workdir = tmp_path_factory.mktemp("html")
    run_reports(workdir, formats=("json", "html"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser, (workdir / "out" / "sample.html").as_uri(), json_report(workdir, "sample")
        browser.close()


@pytest.fixture
def page(report_page):
    """A fresh page of the report, recording anything that went wrong."""
    browser, url, report = report_page
    problems: list[str] = []
    page = browser.new_page()
    page.set_default_timeout(5000)
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("request", lambda req: None if req.url.startswith("file:") else problems.append(f"request: {req.url}"))
    page.goto(url)
    page.wait_for_load_state("load")
    yield page, report, problems
    page.close()


def _visible_ids(page) -> list[int]:
    return page.eval_on_selector_all("tr.sentence:not([hidden])", "rows => rows.map(r => Number(r.dataset.id))")


def test_page_loads_without_console_errors_network_or_script(page):
    page, report, problems = page
    assert page.locator("tr.sentence").count() == len(report["sentences"])
    assert problems == []
    # The copy's markup is shown as text, not run or rendered.
    first_row = page.locator("#s1 .text").inner_text()
    assert '<script>alert("x")</script>' in first_row
    assert '"><img src=x onerror=alert(1)>' in page.locator("#s5 .text").inner_text()
    assert page.locator("#rows img, #rows script").count() == 0


def test_highlighted_spans_sit_on_the_flagged_words(page):
    page, report, _ = page
    expected = [
        {"id": sentence["id"], "before": sentence["text"][: flag["start"]], "text": flag["span"]}
        for sentence in report["sentences"]
        for flag in sentence["flags"]
    ]
    assert page.evaluate(_OFFSETS) == expected
    assert [mark["text"] for mark in expected] == ["Ir Kiel", "coalition of will", "the talks in Kyiv went well"]


def test_tooltip_shows_suggestion_and_message_on_hover_and_keyboard_focus(page):
    page, _, _ = page
    tip = page.locator("#s1 .tip").first
    assert not tip.is_visible()
    for _ in range(20):  # past the summary and the filter controls to the first flag
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.flag')"):
            break
    assert page.evaluate("document.activeElement.textContent") == "Ir Kiel"
    assert tip.is_visible()
    assert "→ Keir Starmer" in tip.inner_text() and "known mistranslation" in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    page.locator("#s2 mark.flag").hover()
    assert page.locator("#s2 .tip").is_visible()
    assert "repeats \"The talks in Kyiv went well\", said earlier" in page.locator("#s2 .tip").inner_text()


def test_filters_change_the_visible_rows(page):
    page, report, _ = page
    by_status = {s["id"]: s["status"] for s in report["sentences"]}
    assert _visible_ids(page) == list(by_status)
    page.get_by_label("ok", exact=True).uncheck()
    assert _visible_ids(page) == [i for i, status in by_status.items() if status != "ok"]
    assert page.locator("#shown").inner_text() == f"{len(_visible_ids(page))} of {len(by_status)} sentences shown"
    page.get_by_label("ok", exact=True).check()
    page.select_option("#kind-filter", "repetition")
    with_repetition = [s["id"] for s in report["sentences"] if any(f["kind"] == "repetition" for f in s["flags"])]
    assert _visible_ids(page) == with_repetition == [2]
    page.select_option("#kind-filter", "none")
    assert _visible_ids(page) == [s["id"] for s in report["sentences"] if not s["flags"]]


def test_sort_by_score_orders_the_rows(page):
    page, report, _ = page
    page.select_option("#sort", "worst")
    # A sentence without a score (backend error) counts as the worst.
    worst = sorted(report["sentences"], key=lambda s: (-1 if s["score"] is None else s["score"], s["id"]))
    assert _visible_ids(page) == [s["id"] for s in worst]
    page.select_option("#sort", "document")
    assert _visible_ids(page) == [s["id"] for s in report["sentences"]]
