"""``mtqa rules``: every rule mtqa can report; ``--markdown`` writes docs/rules.md."""

from __future__ import annotations

import typer

import qa.checks  # noqa: F401  (its checks declare their rules in the registry)
from qa.rules import Rule, all_rules

MARKDOWN_HEADER = """# Rules

Every finding mtqa reports belongs to one of these rules. Select them by id or
prefix (`--select G,T201`, `--ignore R303`), change their severity
(`--severity G102=error`), or set both in a config file: see
[configuration](configuration.md). A flag's `kind` in the JSON, CSV and HTML
reports is the rule's name; SARIF results carry the id.

Families: `G1xx` glossary, `T2xx` text of one sentence, `R3xx` round trip and
model, `B4xx` source against target (bilingual), `S5xx` score and gate.

<!-- Written by `mtqa rules --markdown > docs/rules.md`; tests/test_rules.py checks it is current. -->
"""


def rules_table(rules: list[Rule]) -> str:
    rows = [("ID", "NAME", "SEVERITY", "DEFAULT", "DESCRIPTION")]
    rows += [(r.id, r.name, r.severity.value, "on" if r.enabled else "off", r.short) for r in rules]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return "\n".join("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths)), row[4]]) for row in rows)


def rules_markdown(rules: list[Rule]) -> str:
    parts = [MARKDOWN_HEADER, "| id | name | severity | default | description |", "| --- | --- | --- | --- | --- |"]
    parts += [
        f"| [{r.id}](#{r.id.lower()}) | `{r.name}` | {r.severity.value} | {'on' if r.enabled else 'off'} | {r.short} |"
        for r in rules
    ]
    for rule in rules:
        weighs = " The score model already weighs it: it takes no extra points off the score." if rule.fitted else ""
        parts += [
            "",
            f'<a id="{rule.id.lower()}"></a>',
            f"## {rule.id} `{rule.name}`",
            "",
            f"*{rule.short}* Default severity: **{rule.severity.value}**; {'on' if rule.enabled else 'off'} by default.{weighs}",
            "",
            rule.full,
            "",
            f"**What to do:** {rule.markdown_help}",
        ]
    return "\n".join(parts) + "\n"


def rules(
    markdown: bool = typer.Option(False, "--markdown", help="Print the rules as the docs page (docs/rules.md)."),
) -> None:
    """List every rule: id, name, default severity, on or off by default, what it means."""
    typer.echo(rules_markdown(all_rules()) if markdown else rules_table(all_rules()), nl=not markdown)
