"""Backends for tests that run mtqa as a real subprocess, loaded through the
``mtqa.backends`` entry-point group (tests/test_interrupt.py writes the
entry-point metadata into a temporary directory on PYTHONPATH).

Environment: MTQA_TEST_LOG names a file that gets every text the backend is
asked to translate, one a line; with MTQA_TEST_STALL=1 a text containing
"STALL" makes the backend write "<stalled>" to the log and block, as a slow
engine would, until the process is interrupted.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence

from qa.backends.base import Backend
from qa.records import RoundTrip


class StallingBackend(Backend):
    name = "stalling"
    pivot = "xx"
    needs_model = True  # so the translation cache is used

    def round_trip(self, texts: Sequence[str]) -> list[RoundTrip]:
        with open(os.environ["MTQA_TEST_LOG"], "a", encoding="utf-8") as log:
            log.writelines(text + "\n" for text in texts)
            if os.environ.get("MTQA_TEST_STALL") == "1" and any("STALL" in text for text in texts):
                log.write("<stalled>\n")
                log.flush()
                threading.Event().wait()  # until SIGINT/SIGTERM unwinds the main thread
        return [RoundTrip(pivot=text.upper(), back_translation=text) for text in texts]
