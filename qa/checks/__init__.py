"""Text checks (no model needed) behind one base class."""

from qa.checks.base import Check, SentenceView
from qa.registry import Registry

#: Check.name -> check class, imported on first use; plugins add checks under the ``mtqa.checks`` group.
CHECKS = Registry(
    "check",
    "mtqa.checks",
    {
        "glossary": "qa.checks.glossary:GlossaryCheck",
        "repetition": "qa.checks.repetition:RepetitionCheck",
        "low-likelihood": "qa.checks.likelihood:LowLikelihoodCheck",
        "unstable-span": "qa.checks.unstable:UnstableSpanCheck",
    },
)

__all__ = ["CHECKS", "Check", "SentenceView"]
