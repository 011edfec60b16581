"""One line per flag, as flake8 and ruff print them: ``path:line:col: severity rule-id message (→ suggestion)``.

The terminal (``text``) format and ``mtqa fix`` both print it; the position is the
flag's own file region, so an editor jumps to the words."""

from __future__ import annotations

from qa.gate import rule_id
from qa.records import Flag, SentenceResult


def flag_line(path: str, result: SentenceResult, flag: Flag, why: str | None = None) -> str:
    region = result.sentence.region(flag.start, flag.end)
    rule = rule_id(flag.kind) or flag.kind
    suggestion = f" (→ {flag.suggestion})" if flag.suggestion and flag.suggestion != flag.span else ""
    reason = f" [{why}]" if why else ""
    message = " ".join(flag.message.split())  # one line, whatever the message quotes
    return f"{path}:{region.line}:{region.column}: {flag.severity.value} {rule} {message}{suggestion}{reason}"
