"""What a glossary flag's confidence means, and the severity that follows it.

Confidence is the matcher's estimate (0-1) that the span really is the glossary
term written wrong. A listed variant is 1.0. An unseen near miss starts from how
alike the spellings or sounds are and moves with the evidence around it (see
``Evidence``); anything under ``MIN_CONFIDENCE`` is not reported at all.
"""

from __future__ import annotations

from qa.records import Severity

#: Flags under this confidence are dropped (the must-not-flag side).
MIN_CONFIDENCE = 0.65
#: From here a flag is an error and fails the CI gate.
ERROR_CONFIDENCE = 0.85
#: From here a flag is a warning; between MIN_CONFIDENCE and this, info.
WARNING_CONFIDENCE = 0.72


class Evidence:
    """How much each piece of evidence moves a near miss's confidence."""

    #: Another token of the name is written exactly right ("Pete Hegsath").
    EXACT_NEIGHBOUR = 0.15
    #: Another token of the name is itself a near miss of the same name ("Dmitri Peskow").
    SIMILAR_NEIGHBOUR = 0.08
    #: The document already named this entity.
    KNOWN_IN_DOCUMENT = 0.1
    #: The candidate is an ordinary word or a name in its own right ("Healy", "Georgia").
    KNOWN_WORD = -0.25
    #: ... less so when the rest of the name confirms it ("John Healy").
    KNOWN_WORD_CONFIRMED = -0.1
    CEILING = 0.99


def severity_for(confidence: float) -> Severity:
    if confidence >= ERROR_CONFIDENCE:
        return Severity.ERROR
    if confidence >= WARNING_CONFIDENCE:
        return Severity.WARNING
    return Severity.INFO
