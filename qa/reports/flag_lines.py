"""One line per finding, as flake8 and ruff print them: ``path:line:col: severity rule-id message (→ suggestion)``.

The terminal (``text``) format and ``mtqa fix`` both print it; the position is the
finding's own file region, so an editor jumps to the words."""

from __future__ import annotations

from qa.gate import rule_id
from qa.offsets import Region
from qa.records import Flag, SentenceResult, Severity

#: Control characters (an ANSI escape in the copy) are shown as ``\\xNN``: they must not colour the terminal.
_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]}


def line_for(
    path: str, region: Region, severity: Severity, kind: str, message: str,
    suggestion: str | None = None, span: str | None = None, why: str | None = None,
) -> str:
    rule = rule_id(kind) or kind
    shown = f" (→ {suggestion})" if suggestion and suggestion != span else ""
    reason = f" [{why}]" if why else ""
    text = " ".join(message.split()) + shown + reason  # one line, whatever the message quotes
    return f"{path}:{region.line}:{region.column}: {severity.value} {rule} {text}".translate(_CONTROLS)


def flag_line(path: str, result: SentenceResult, flag: Flag, why: str | None = None) -> str:
    region = result.sentence.region(flag.start, flag.end)
    return line_for(path, region, flag.severity, flag.kind, flag.message, flag.suggestion, flag.span, why)
