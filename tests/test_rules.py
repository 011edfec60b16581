"""The rule registry: every check declares its rules, --select/--ignore/--severity/--fail-on
decide what is flagged and what fails the gate, and docs/rules.md lists every rule."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.backends import NoBackend
from qa.checks import CheckContext, SentenceView, build_checks, load_all_checks
from qa.checks.glossary import GlossaryCheck
from qa.cli import app
from qa.commands.rules import rules_markdown
from qa.errors import UsageError
from qa.glossary import load_glossaries
from qa.glossary.rules import NEAR_MISS, VARIANT
from qa.pipeline import Checker
from qa.records import Severity
from qa.reports.sarif_report import rule_descriptor
from qa.rules import RuleSelection, all_rules, rule_for
from qa.scoring import Scorer

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "rules.md"


def check_seed(tmp_path: Path, seed_article: Path, seed_glossary: Path, *options: str):
    """``mtqa check`` on the seed without a model: (exit code, {flag kind: count}, stderr)."""
    args = ["check", str(seed_article), "-g", str(seed_glossary), "--backend", "none", "--format", "json"]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path), *options])
    report = tmp_path / f"{seed_article.stem}.json"
    kinds: dict[str, int] = {}
    if report.exists() and result.exit_code in (0, 1):
        for sentence in json.loads(report.read_text(encoding="utf-8"))["sentences"]:
            for flag in sentence["flags"]:
                kinds[flag["kind"]] = kinds.get(flag["kind"], 0) + 1
    return result.exit_code, kinds, result.stderr


def test_every_check_declares_rules_and_every_rule_has_its_texts():
    for check in load_all_checks():
        assert check.rules, f"{check.__name__} declares no rule"
    for rule in all_rules():
        assert re.fullmatch(r"[GTRBS][1-5]\d\d", rule.id), rule.id
        assert rule.short and rule.full and rule.help, rule.id
        assert rule_for(rule.name) is rule_for(rule.id) is rule


def test_a_listed_variant_and_an_unlisted_near_miss_are_different_rules(seed_glossary):
    """Regression: both were one rule, "a known wrong form", though the glossary lists only one of them."""
    check = GlossaryCheck(load_glossaries([seed_glossary]))
    (listed,) = check.flags(SentenceView.of("Kier Starmer spoke."))
    (unlisted,) = check.flags(SentenceView.of("Pete Hegsath spoke."))  # the glossary lists Hegses, Hegsett ...
    assert (listed.kind, unlisted.kind) == (VARIANT.name, NEAR_MISS.name)
    assert "known" in listed.message and "looks like" in unlisted.message
    assert "does not list" in NEAR_MISS.short and "lists as wrong" in VARIANT.short


def test_fitted_rules_take_no_score_penalty_and_come_from_the_registry():
    assert Scorer().fitted_kinds == {rule.name for rule in all_rules() if rule.fitted} == {"repetition", "unstable-span"}


def test_select_and_ignore_change_what_is_flagged_and_what_fails_the_gate(tmp_path, seed_article, seed_glossary):
    code, kinds, _ = check_seed(tmp_path, seed_article, seed_glossary)
    assert code == 1 and kinds[VARIANT.name] == 19 and kinds["repetition"] == 3
    code, kinds, _ = check_seed(tmp_path, seed_article, seed_glossary, "--ignore", "G")
    assert (code, kinds) == (0, {"repetition": 3})  # the glossary errors were what failed the gate
    code, kinds, _ = check_seed(tmp_path, seed_article, seed_glossary, "--select", "T201")
    assert (code, kinds) == (0, {"repetition": 3})
    code, kinds, _ = check_seed(tmp_path, seed_article, seed_glossary, "--select", "G101,T")
    assert (code, set(kinds)) == (1, {VARIANT.name, "repetition"})
    # The more specific code wins: G101 stays on though its family is ignored.
    code, kinds, _ = check_seed(tmp_path, seed_article, seed_glossary, "--select", "G101", "--ignore", "G")
    assert (code, set(kinds)) == (1, {VARIANT.name})


def test_fail_on_warning_and_severity_overrides_move_the_gate(tmp_path, seed_article, seed_glossary):
    code, kinds, _ = check_seed(tmp_path, seed_article, seed_glossary, "--ignore", "G", "--fail-on", "warning")
    assert (code, kinds) == (1, {"repetition": 3})  # warnings fail the gate now
    code, _, _ = check_seed(tmp_path, seed_article, seed_glossary, "--severity", "G=warning")
    assert code == 0  # no flag is an error any more
    code, _, _ = check_seed(tmp_path, seed_article, seed_glossary, "--severity", "G=warning,G101=error")
    assert code == 1  # the most specific code wins
    code, _, _ = check_seed(tmp_path, seed_article, seed_glossary, "--ignore", "G", "--severity", "T201=error")
    assert code == 1


@pytest.mark.parametrize(
    "options, says",
    [
        (["--select", "X1"], "unknown rule code 'X1'"),
        (["--ignore", "G9"], "unknown rule code 'G9'"),
        (["--severity", "G101=fatal"], "severity of G101 must be one of"),
        (["--severity", "G101"], "CODE=LEVEL"),
        (["--fail-on", "info"], "--fail-on must be error or warning"),
    ],
)
def test_unknown_codes_and_levels_are_usage_errors(tmp_path, seed_article, seed_glossary, options, says):
    code, _, stderr = check_seed(tmp_path, seed_article, seed_glossary, *options)
    assert code == 2 and says in stderr


def test_a_rule_off_by_default_runs_only_when_selected():
    default = Checker(NoBackend()).checks
    selected = Checker(NoBackend(), rules=RuleSelection.parse(select=["R302"])).checks
    assert "unstable-span" not in [check.name for check in default]
    assert [check.name for check in selected] == ["unstable-span"]


def test_a_check_is_built_only_when_one_of_its_rules_is_on(seed_glossary):
    glossary = load_glossaries([seed_glossary])
    names = [check.name for check in build_checks(RuleSelection().is_on, CheckContext(glossary))]
    assert names == ["glossary", "repetition", "low-likelihood", "bilingual", "meaning"]
    ignored = RuleSelection.parse(ignore=["G", "R303", "B"])
    assert [check.name for check in build_checks(ignored.is_on, CheckContext(glossary))] == ["repetition"]


def test_rule_selection_parses_ids_prefixes_and_names():
    selection = RuleSelection.parse(select=["g1", "repetition"], severity={"glossary-near-miss": "error"})
    assert [rule.id for rule in selection.active()] == ["G101", "G102", "G103", "G104", "G105", "T201"]
    assert selection.severity_of(NEAR_MISS) is Severity.ERROR and selection.severity_of(VARIANT) is Severity.ERROR
    with pytest.raises(UsageError):
        RuleSelection.parse(select=[""])


def test_sarif_rule_descriptors_carry_what_github_requires():
    for rule in all_rules():
        descriptor = rule_descriptor(rule)
        assert descriptor["fullDescription"]["text"] and descriptor["help"]["text"] and descriptor["help"]["markdown"]
        assert descriptor["helpUri"].endswith(f"docs/rules.md#{rule.id.lower()}")
        assert descriptor["defaultConfiguration"]["level"] in {"error", "warning", "note"}


def test_docs_rules_page_is_current_and_lists_every_rule():
    text = DOCS.read_text(encoding="utf-8")
    for rule in all_rules():
        assert f'<a id="{rule.id.lower()}"></a>' in text and f"## {rule.id} `{rule.name}`" in text
    assert text == rules_markdown(all_rules()), "docs/rules.md is stale: run mtqa rules --markdown > docs/rules.md"


def test_mtqa_rules_lists_every_rule():
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "SEVERITY", "DEFAULT", "DESCRIPTION"]
    assert [line.split()[:4] for line in lines[1:]] == [
        [rule.id, rule.name, rule.severity.value, "on" if rule.enabled else "off"] for rule in all_rules()
    ]
