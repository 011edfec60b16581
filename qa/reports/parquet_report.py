"""Parquet: one row per sentence, flags as a nested column, for corpus-sized runs.

Written through pyarrow (the ``parquet`` extra) in row groups of ``ROWS_PER_GROUP``
sentences, so memory stays flat however long the input; pandas, DuckDB, Spark and
Polars read it as it is. The columns follow the JSON report's sentence record
(qa/schema/report.schema.json); the run's signature, input and schema version are
file metadata. Columns that a sentence leaves empty are nulls, never "" or NaN.
"""

from __future__ import annotations

import json

from qa.reasons import reasons
from qa.records import SentenceResult, Summary, region_dict
from qa.reports.base import Reporter, ReportMeta
from qa.reports.json_report import SCHEMA_VERSION


def _schema():
    import pyarrow as pa

    text = pa.string()
    flag = pa.struct([
        ("rule", text), ("kind", text), ("severity", text), ("start", pa.int32()), ("end", pa.int32()),
        ("span", text), ("message", text), ("term", text), ("suggestion", text), ("confidence", pa.float64()),
        ("suppressed", text), ("line", pa.int64()), ("column", pa.int64()), ("end_line", pa.int64()),
        ("end_column", pa.int64()),
    ])
    gate_reason = pa.struct([("rule", text), ("name", text), ("message", text), ("flag", pa.int32())])
    return pa.schema([
        ("input", pa.dictionary(pa.int32(), text)), ("id", pa.int64()), ("line", pa.int64()),
        ("column", pa.int64()), ("text", text), ("source", text), ("unit", text), ("source_translation", text),
        ("back_translation", text), ("pivot", text), ("score", pa.float64()), ("status", pa.dictionary(pa.int8(), text)),
        ("variant", text), ("gate_passed", pa.bool_()), ("gate_reasons", pa.list_(gate_reason)),
        ("metrics", pa.map_(text, pa.float64())), ("flags", pa.list_(flag)), ("reasons", pa.list_(text)),
        ("explain", text), ("error", text),
    ])


class ParquetReporter(Reporter):
    name = "parquet"
    extension = "parquet"
    binary = True
    extra = ("parquet", ("pyarrow",))
    #: Sentences per row group: large enough for columnar compression, small enough to stay flat in memory.
    ROWS_PER_GROUP = 5_000

    def start(self, meta: ReportMeta) -> None:
        import pyarrow.parquet as pq

        self._input = meta.input
        self._schema = _schema().with_metadata({
            "mtqa.schema_version": str(SCHEMA_VERSION), "mtqa.signature": meta.signature, "mtqa.input": meta.input,
            "mtqa.tool": f"{meta.tool} {meta.version}", "mtqa.backend": json.dumps(meta.backend, sort_keys=True),
        })
        self._writer = pq.ParquetWriter(self.stream, self._schema, compression="zstd")
        self._rows: list[dict] = []

    def handle(self, result: SentenceResult) -> None:
        self._rows.append(self._row(result))
        if len(self._rows) >= self.ROWS_PER_GROUP:
            self._write_rows()

    def finish(self, summary: Summary) -> None:
        self._write_rows()
        self._writer.close()  # writes the footer; the stream stays open for the report set to commit

    def close(self) -> None:
        writer = getattr(self, "_writer", None)
        if writer is not None and writer.is_open:
            writer.close()
        super().close()

    def _write_rows(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def _row(self, result: SentenceResult) -> dict:
        sentence = result.sentence
        return {
            "input": self._input, "id": sentence.id, "line": sentence.line, "column": sentence.column,
            "text": sentence.text, "source": sentence.source, "unit": sentence.unit,
            "source_translation": result.source_translation, "back_translation": result.back_translation,
            "pivot": result.pivot, "score": None if result.score is None else round(result.score, 2),
            "status": result.status.value, "variant": result.variant, "gate_passed": result.gate.passed,
            "gate_reasons": [reason.to_dict() for reason in result.gate.reasons],
            "metrics": [(name, round(value, 4)) for name, value in result.metrics.items()],
            "flags": [_flag_row(result, index) for index in range(len(result.flags))],
            "reasons": [reason.text for reason in reasons(result)],
            "explain": None if result.explain is None else json.dumps(result.explain),
            "error": result.error,
        }


def _flag_row(result: SentenceResult, index: int) -> dict:
    from qa.gate import rule_id

    flag = result.flags[index]
    region = region_dict(result.sentence.region(flag.start, flag.end))
    return {**flag.to_dict(), "suppressed": flag.suppressed, "rule": rule_id(flag.kind), **region}
