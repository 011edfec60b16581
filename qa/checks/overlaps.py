"""One message per set of words: flags that only repeat an error on the same words are folded into it.

* A consistency flag (G104) on exactly the words of an error flag adds its evidence
  (how the term was written earlier, and where) to the error's message and goes.
* Any other non-error flag lying inside an error flag's words goes: the error already
  sends the editor there ("early" unlikely inside the "early era" error).
"""

from __future__ import annotations

from qa.records import Flag, Severity

INCONSISTENT = "glossary-inconsistent"
_EARLIER = "differently earlier in this document: "


def folded_into_errors(flags: list[Flag]) -> list[Flag]:
    errors = [flag for flag in flags if flag.severity is Severity.ERROR]
    if not errors:
        return flags
    kept = []
    for flag in flags:
        if flag.severity is Severity.ERROR:
            kept.append(flag)
            continue
        host = next((error for error in errors if error.start <= flag.start and flag.end <= error.end), None)
        if host is None:
            kept.append(flag)
        elif flag.kind == INCONSISTENT and (host.start, host.end) == (flag.start, flag.end) and _EARLIER in flag.message:
            host.message += f"; written differently earlier: {flag.message.split(_EARLIER, 1)[1]}"
    return kept
