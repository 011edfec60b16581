"""The progress bar ``mtqa check`` draws on stderr.

The library reports progress through a callback; this module draws it. The
bar appears only when stderr is a terminal and the run has lasted more than
``DELAY_S`` (short runs and CI logs stay clean).
"""

from __future__ import annotations

import sys
import threading
from typing import TextIO


class ProgressBar:
    DELAY_S = 2.0

    def __init__(self, stream: TextIO | None = None, delay_s: float | None = None, force: bool = False):
        self.stream = stream if stream is not None else sys.stderr
        self.delay_s = self.DELAY_S if delay_s is None else delay_s
        self.enabled = force or _is_tty(self.stream)
        self._lock = threading.Lock()
        self._progress = None
        self._task = None
        self._done, self._total = 0, None
        self._timer: threading.Timer | None = None
        self._closed = False

    def __enter__(self) -> "ProgressBar":
        if self.enabled:
            # A timer, not the first callback: the first batch of a slow model may take longer than the delay.
            self._timer = threading.Timer(self.delay_s, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
            if self._progress is not None:
                self._progress.stop()

    @property
    def shown(self) -> bool:
        return self._progress is not None

    def update(self, done: int, total: int | None) -> None:
        """The library's ``on_progress`` callback; no total (None) for a pipe: the bar shows none."""
        with self._lock:
            self._done, self._total = done, total
            if self._progress is not None:
                self._progress.update(self._task, completed=done, total=total)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with self._lock:
            if self._closed:
                return
            console = Console(file=self.stream, force_terminal=True if not _is_tty(self.stream) else None)
            self._progress = Progress(
                TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=console, transient=True,
            )
            self._task = self._progress.add_task("check", total=self._total, completed=self._done)
            self._progress.start()


def _is_tty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
