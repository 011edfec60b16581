"""Every rule mtqa can report, in one registry, and which of them a run uses.

A check declares the rules it raises (``register_rule``) and creates flags
whose ``kind`` is the rule's ``name``. Reports (SARIF's rule list, the docs
page, ``--select``/``--ignore``) read the rule from here, never a literal.

Ids are stable, flake8-style: a letter for the family and three digits, so a
prefix selects a family (``--select B`` is every bilingual rule):

* ``G1xx`` glossary, ``T2xx`` text of one sentence, ``R3xx`` round trip and
  model, ``B4xx`` source against target (bilingual), ``S5xx`` score and gate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from qa.errors import UsageError
from qa.records import Severity

#: Where mtqa is published (the README's pre-commit example names the same place).
PROJECT_URL = "https://github.com/OWNER/mtqa"
#: The page every rule's ``help_uri`` points into (docs/rules.md, written by ``mtqa rules --markdown``).
DOCS_URL = f"{PROJECT_URL}/blob/main/docs/rules.md"


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

    @property
    def help_uri(self) -> str:
        return f"{DOCS_URL}#{self.id.lower()}"


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
        _load_declared()
        rule = _RULES.get(id_or_name) or _BY_NAME.get(id_or_name)
    if rule is None:
        raise UsageError(f"unknown rule {id_or_name!r}")
    return rule


def all_rules() -> list[Rule]:
    _load_declared()
    # In number order, so families follow their numbering (G1xx, T2xx, R3xx, B4xx, S5xx).
    return sorted(_RULES.values(), key=lambda rule: (rule.id[1:], rule.id))


#: Loaders of the modules that declare rules (qa.checks adds its own when imported): the
#: registry never imports a check, so every check can import the registry.
_SOURCES: list[Callable[[], object]] = []


def add_rule_source(load: Callable[[], object]) -> None:
    if load not in _SOURCES:
        _SOURCES.append(load)


def _load_declared() -> None:
    """Checks declare their rules when their module is imported: import every check once. A source
    is dropped once it has loaded (its modules stay imported), so later calls scan no entry points."""
    while _SOURCES:
        _SOURCES[0]()
        _SOURCES.pop(0)


# Gate failures that are not flags: the pipeline, not a check, reports them.
BACKEND_ERROR = register_rule(Rule(
    id="R301",
    name="backend-error",
    short="The backend could not back-translate the sentence.",
    full=(
        "The round trip failed for this sentence (the engine raised, or it took longer than --timeout). "
        "The sentence has no score; its status is \"error\". Other sentences are checked as usual."
    ),
    help=(
        "Read the error in the report. A timeout on a very long sentence: raise --timeout or split the "
        "sentence. A backend that fails on every sentence: check its models (mtqa models)."
    ),
    severity=Severity.ERROR,
))
LOW_SCORE = register_rule(Rule(
    id="S501",
    name="low-score",
    short="The sentence's score is under the --fail-under gate.",
    full=(
        "The sentence's 0-100 round-trip score is under the --fail-under threshold (fail-under in the "
        "config file). Reported only when that gate is set. The score estimates how a human judge would "
        "rate the translation; it is not a count of flags."
    ),
    help=(
        "Read the sentence against its back-translation in the HTML report. If it is fine, the threshold "
        "may be too strict for this kind of copy: lower --fail-under."
    ),
    severity=Severity.ERROR,
))


@dataclass(frozen=True, slots=True)
class RuleSelection:
    """Which rules a run reports, at what severity, and which severities fail the gate.

    flake8's model: ``select`` replaces the rules that are on by default, ``ignore``
    turns rules off; a code is a rule id, an id prefix (``G``, ``G1``) or a rule name,
    and when both lists match a rule the more specific code wins (a tie: ignored)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: Code -> severity, for every rule it matches (the most specific code wins).
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR

    @classmethod
    def parse(
        cls,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        severity: Mapping[str, str] | None = None,
        fail_on: str | None = None,
    ) -> "RuleSelection":
        """Validated settings; an unknown code, severity or --fail-on value is a UsageError."""
        levels = {code: parse_severity(level, f"severity of {code}") for code, level in (severity or {}).items()}
        return cls(
            select=tuple(check_codes(select)),
            ignore=tuple(check_codes(ignore)),
            severity=dict(zip(check_codes(levels), levels.values())),
            fail_on=parse_fail_on(fail_on) if fail_on is not None else Severity.ERROR,
        )

    def is_on(self, rule: Rule) -> bool:
        chosen = _specificity(self.select, rule) if self.select else (0 if rule.enabled else -1)
        return chosen >= 0 and _specificity(self.ignore, rule) < chosen

    def severity_of(self, rule: Rule) -> Severity:
        """The rule's severity in this run: an override, or the rule's default."""
        override = self.override_for(rule)
        return rule.severity if override is None else override

    def override_for(self, rule: Rule) -> Severity | None:
        best, chosen = -1, None
        for code, level in self.severity.items():
            specificity = _specificity((code,), rule)
            if specificity > best:
                best, chosen = specificity, level
        return chosen

    def fails(self, severity: Severity) -> bool:
        """A finding of this severity fails the gate (``--fail-on``)."""
        return severity.rank >= self.fail_on.rank

    def fails_gate(self, rule: Rule) -> bool:
        """A finding of this rule (one that is not a flag) fails the gate."""
        return self.is_on(rule) and self.fails(self.severity_of(rule))

    def active(self) -> list[Rule]:
        return [rule for rule in all_rules() if self.is_on(rule)]


def _specificity(codes: Iterable[str], rule: Rule) -> int:
    """How closely the codes match the rule: -1 none, else the longest matching prefix
    (a rule's name counts as more specific than its full id)."""
    best = -1
    for code in codes:
        if code == rule.name:
            return len(rule.id) + 1
        if rule.id.startswith(code):
            best = max(best, len(code))
    return best


def check_codes(codes: Iterable[str]) -> list[str]:
    """Codes as given (ids upper-cased); one that matches no rule is a UsageError."""
    rules = all_rules()
    checked = []
    for raw in codes:
        code = raw.strip()
        if not any(code == rule.name for rule in rules):
            code = code.upper()
        if not code or not any(_specificity((code,), rule) >= 0 for rule in rules):
            families = ", ".join(sorted({rule.id[0] for rule in rules}))
            raise UsageError(f"unknown rule code {raw!r} (an id such as G101, a prefix of one ({families}), or a rule name; see mtqa rules)")
        checked.append(code)
    return checked


def parse_severity(value: str, what: str = "severity") -> Severity:
    try:
        return Severity(str(value).strip().lower())
    except ValueError:
        raise UsageError(f"{what} must be one of error, warning, info, not {value!r}") from None


def parse_fail_on(value: str) -> Severity:
    level = parse_severity(value, "--fail-on")
    if level is Severity.INFO:
        raise UsageError("--fail-on must be error or warning (info findings never fail the gate)")
    return level
