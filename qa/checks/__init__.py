"""Text checks (no model needed) behind one base class."""

from qa.checks.base import Check, SentenceView

__all__ = ["Check", "SentenceView"]
