"""CPU seconds of each stage of a glossary-only run's per-sentence work, each stage alone, in one process.

    .venv/bin/python benchmarks/main_process_stages.py COPY GLOSSARY [--repeat 3]

Stages, in the order a run does them: reading and segmentation; views (tokens); the
checks (the glossary's included); the score's signals; score, gate and explanation;
each report format's rows (CSV and JSON, reasons included; a sentence's reasons are
computed once whichever format asks first). A stage is timed over every sentence with
the previous stages' results held in memory (frozen: out of the collector's way), caches as a run leaves them (the first
pass over the copy is the one timed: words are seen for the first time there). The
language model and word tables are loaded before timing (a run loads them once, before
forking its worker). Prints CPU seconds and microseconds per sentence; run it on two
checkouts in the same minutes to compare (PYTHONPATH picks the code).
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("copy", type=Path)
    parser.add_argument("glossary", type=Path)
    args = parser.parse_args()

    from qa.backends import load_backend
    from qa.check_stage import sentence_view
    from qa.glossary import load_glossaries
    from qa.lexicon import zipf
    from qa.signals.language import _word_identifier
    from qa.pipeline import Checker
    from qa.readers import reader_for
    from qa.reports.csv_report import CsvReporter
    from qa.reports.json_report import JsonReporter
    from qa.reports.base import ReportMeta
    from qa.records import Summary

    checker = Checker(load_backend("none"), glossary=load_glossaries([args.glossary]))
    # Loaded before timing, as a run does before forking its worker (older code: on first use).
    _word_identifier(), zipf("naïve")
    times: dict[str, float] = {}

    def timed(name: str, work):
        # What earlier stages hold is frozen: a run streams, its collections walk little.
        gc.collect()
        gc.freeze()
        started = time.process_time()
        result = work()
        times[name] = time.process_time() - started
        return result

    sentences = timed("reading and segmentation", lambda: list(reader_for(args.copy).read(args.copy)))
    round_trips = checker.backend.round_trip([sentence.checked_text for sentence in sentences])

    def views():
        made, previous = [], None
        for sentence, round_trip in zip(sentences, round_trips):
            previous = sentence_view(sentence, previous, round_trip)
            made.append(previous)
        return made

    views = timed("views (tokens)", views)
    for check in checker.checks:
        check.start_document()
    flags = timed("checks (glossary included)", lambda: [checker.checked_flags(view) for view in views])
    metrics = timed("the score's signals", lambda: [
        checker.scorer.signal_values(view, found, round_trip.metrics)
        for view, found, round_trip in zip(views, flags, round_trips)
    ])
    results = timed("score, gate, explanation", lambda: [
        checker._finished(*row) for row in zip(sentences, flags, metrics, round_trips)
    ])
    meta = ReportMeta(str(args.copy), checker.signature, checker.backend.describe())
    for reporter_class in (CsvReporter, JsonReporter):
        reporter = reporter_class(io.StringIO())
        reporter.start(meta)
        timed(f"{reporter_class.name} rows", lambda: [reporter.handle(result) for result in results])
        reporter.finish(Summary())
    checker.close()
    count = len(sentences)
    print(f"{count} sentences; CPU seconds of each stage alone (µs a sentence)")
    for name, seconds in times.items():
        print(f"  {name:32}{seconds:7.2f} s {1e6 * seconds / count:7.0f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
