"""Text checks (no model needed) behind one base class, and the table of checks a run builds."""

from qa.checks.base import Check, CheckContext, SentenceView
from qa.registry import Registry
from qa.rules import add_rule_source

#: Check.name -> check class, imported on first use; plugins add checks under the ``mtqa.checks``
#: group. A check runs when one of its rules is on.
CHECKS = Registry(
    "check",
    "mtqa.checks",
    {
        "glossary": "qa.checks.glossary:GlossaryCheck",
        "glossary-source": "qa.checks.source_glossary:SourceGlossaryCheck",
        "repetition": "qa.checks.repetition:RepetitionCheck",
        "low-likelihood": "qa.checks.likelihood:LowLikelihoodCheck",
        "unstable-span": "qa.checks.unstable:UnstableSpanCheck",
        "bilingual": "qa.checks.bilingual:BilingualCheck",
        "meaning": "qa.checks.meaning:MeaningCheck",
    },
)


def check_class(name: str) -> type[Check]:
    return CHECKS.load(name)


def load_all_checks() -> list[type[Check]]:
    """Every check class, plugins included (importing a check's module registers its rules)."""
    return [CHECKS.load(name) for name in CHECKS.available()]


def build_checks(is_on, context: CheckContext) -> list[Check]:
    """The checks one of whose rules ``is_on(rule)``, in table order."""
    checks = []
    for cls in load_all_checks():
        if any(is_on(rule) for rule in cls.rules):
            check = cls.build(context)
            if check is not None:
                checks.append(check)
    return checks


add_rule_source(load_all_checks)

__all__ = ["CHECKS", "Check", "CheckContext", "SentenceView", "build_checks", "check_class", "load_all_checks"]
