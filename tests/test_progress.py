"""Progress: reported by the library through a callback, drawn by the CLI."""

from __future__ import annotations

import io
import threading

from qa.commands.progress import ProgressBar
from qa.run import CheckRequest, check_files


def test_check_files_reports_progress_over_all_inputs(tmp_path, seed_article):
    second = tmp_path / "second.txt"
    second.write_text("One sentence here. And another one.\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    check_files(CheckRequest([seed_article, second], backend="fake", out_dir=tmp_path / "out"), on_progress=lambda d, t: calls.append((d, t)))
    # Progress counts input lines (the seed article has 26, the second file 1), one call per sentence.
    assert len(calls) == 29
    assert {total for _, total in calls} == {27}
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[-1] == 27 and done[0] == 1


class TerminalBuffer(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_stderr_is_not_a_terminal():
    stream = io.StringIO()
    with ProgressBar(stream, delay_s=0) as bar:
        bar.update(1, 2)
    assert not bar.enabled and not bar.shown
    assert stream.getvalue() == ""


def test_no_bar_for_a_run_shorter_than_the_delay():
    stream = TerminalBuffer()
    with ProgressBar(stream, delay_s=3600) as bar:
        bar.update(1, 2)
        bar.update(2, 2)
    assert bar.enabled and not bar.shown
    assert stream.getvalue() == ""


def test_bar_is_drawn_on_a_terminal_once_the_run_lasts_longer_than_the_delay():
    stream = TerminalBuffer()
    with ProgressBar(stream, delay_s=0) as bar:
        shown = threading.Event()
        while not bar.shown:  # the bar starts from a timer thread
            shown.wait(0.01)
        bar.update(7, 10)
        bar._progress.refresh()
    assert "7/10" in stream.getvalue()
