"""Every rule mtqa can report, in one registry.

A check declares the rules it raises (``register_rule``) and creates flags
whose ``kind`` is the rule's ``name``. Reports (SARIF's rule list, the docs
page, ``--select``/``--ignore``) read the rule from here, never a literal.

Ids are stable, flake8-style: a letter for the family and three digits, so a
prefix selects a family (``--select B`` is every bilingual rule):

* ``G1xx`` glossary, ``T2xx`` text of one sentence, ``R3xx`` round trip and
  model, ``B4xx`` source against target (bilingual), ``S5xx`` score and gate.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa.errors import UsageError
from qa.records import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    #: The flag ``kind`` of this rule's flags: a short slug (``glossary-variant``).
    name: str
    #: One line, for tables and SARIF ``shortDescription``.
    short: str
    #: A paragraph, for SARIF ``fullDescription`` and the docs page.
    full: str
    #: What to do about it (plain text; ``help_markdown`` may add formatting).
    help: str
    severity: Severity = Severity.WARNING
    enabled: bool = True
    #: The fitted score model already weighs this rule: no extra score penalty.
    fitted: bool = False
    help_markdown: str | None = None

    @property
    def markdown_help(self) -> str:
        return self.help_markdown or self.help


_RULES: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}


def register_rule(rule: Rule) -> Rule:
    """Add a rule; registering the same rule twice (a module imported again) is a no-op."""
    for key, table in ((rule.id, _RULES), (rule.name, _BY_NAME)):
        known = table.get(key)
        if known is not None and known != rule:
            raise ValueError(f"rule {key!r} is registered twice with different definitions")
        table[key] = rule
    return rule


def rule_for(id_or_name: str) -> Rule:
    rule = _RULES.get(id_or_name) or _BY_NAME.get(id_or_name)
    if rule is None:
        raise UsageError(f"unknown rule {id_or_name!r}")
    return rule


def all_rules() -> list[Rule]:
    return sorted(_RULES.values(), key=lambda rule: rule.id)
