"""One call run in a daemon thread: the pipeline translates the next batch while it scores this one."""

from __future__ import annotations

import threading


class Background:
    """One call in a daemon thread (or at once, when ``threaded`` is false):
    an interrupted run must not wait at exit for a stalled engine."""

    def __init__(self, call, argument, threaded: bool):
        self._result = self._error = None
        self._thread = threading.Thread(target=self._run, args=(call, argument), daemon=True, name="mtqa-round-trips")
        if threaded:
            self._thread.start()
        else:
            self._run(call, argument)

    def _run(self, call, argument) -> None:
        try:
            self._result = call(argument)
        except BaseException as exc:  # handed to the caller's thread by result()
            self._error = exc

    def result(self):
        if self._thread.ident is not None:  # started: wait for it (a no-op once it has finished)
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result
