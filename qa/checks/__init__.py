"""Text checks (no model needed) behind one base class, and the table of checks a run builds."""

from importlib import import_module

from qa.checks.base import Check, CheckContext, SentenceView

#: Check name -> "module:Class", imported on first use. A check runs when one of its rules is on.
CHECKS: dict[str, str] = {
    "glossary": "qa.checks.glossary:GlossaryCheck",
    "repetition": "qa.checks.repetition:RepetitionCheck",
    "low-likelihood": "qa.checks.likelihood:LowLikelihoodCheck",
    "unstable-span": "qa.checks.unstable:UnstableSpanCheck",
}


def check_class(name: str) -> type[Check]:
    module_name, _, class_name = CHECKS[name].partition(":")
    return getattr(import_module(module_name), class_name)


def load_all_checks() -> list[type[Check]]:
    """Every check class (importing a check's module registers its rules)."""
    return [check_class(name) for name in CHECKS]


def build_checks(is_on, context: CheckContext) -> list[Check]:
    """The checks one of whose rules ``is_on(rule)``, in table order."""
    checks = []
    for cls in load_all_checks():
        if any(is_on(rule) for rule in cls.rules):
            check = cls.build(context)
            if check is not None:
                checks.append(check)
    return checks


__all__ = ["CHECKS", "Check", "CheckContext", "SentenceView", "build_checks", "check_class", "load_all_checks"]
