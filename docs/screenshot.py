"""Screenshot an mtqa HTML report with Debian's chromium: one flag accepted in review, the
first flag focused so that its tooltip shows. Makes docs/img/review-report.png:

    .venv/bin/mtqa check seeds/coalition-of-the-willing.txt --glossary seeds/glossary.csv \\
        --format html --out /tmp/seed-report
    .venv/bin/python docs/screenshot.py /tmp/seed-report/seeds/coalition-of-the-willing.html docs/img/review-report.png
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(report: Path, png: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 960}, device_scale_factor=1)
        page.goto(report.resolve().as_uri())
        page.locator("li.decision button.accept").first.click()
        page.locator("li.decision button.reject").nth(1).click()
        page.evaluate("() => window.scrollTo(0, document.querySelector('#review-bar').offsetTop - 8)")
        page.locator("mark.flag").nth(1).focus()
        page.screenshot(path=str(png))
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
