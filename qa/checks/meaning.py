"""The meaning rules (B408, B409): the target against the English translation of its
source, which the pipeline makes with the run's model (qa/backends/source_translation.py)
and hands over as ``SentenceView.source_translation``.

Units are read whole, as the other bilingual rules read them (BilingualCheck): a
polarity the target adds is flagged at its negation, what the target lacks on the
unit's last sentence. Without a translation (``--backend none``, no model for the
source's language) the check says nothing.
"""

from __future__ import annotations

from qa.bilingual.items import Finding
from qa.bilingual.meaning import content_findings, polarity_findings
from qa.bilingual.untranslated import untranslated_findings
from qa.checks.base import SentenceView
from qa.checks.bilingual import BilingualCheck
from qa.records import Severity
from qa.rules import Rule, register_rule

POLARITY = register_rule(Rule(
    "B408", "meaning-polarity", "The target is negated and the source is not, or the other way round",
    "The source is translated into English with the run's model (the bundled pt->en model for a Portuguese source, "
    "a multilingual model given with --model for others) and its negation compared with the target's: \"not\", "
    "\"never\", \"no\", \"n't\" ... on one side only. For a Portuguese source the source's own cues (não, nunca, nem, "
    "nenhum ...) must agree with the model's translation, and a side that negates lexically (\"Unable to\", "
    "\"invalid\", \"failed\") is not told apart from one that says \"not\".",
    "Read the source: restore the negation the target lost, or remove the one it added.", Severity.ERROR))
CONTENT = register_rule(Rule(
    "B409", "meaning-missing", "Words the source has are missing from the target",
    "Words of the source's English translation that the target lacks in any inflection (Snowball stems), counted "
    "only when the source has the word's cognate (\"directory\"/\"diretório\"), so a word the model made up is never "
    "asked for, nor a word the model left untranslated; four such words or more, and most of the translation's "
    "cognates. The commonest English words are left out: they are paraphrased too often.",
    "Compare the target with the source: translate the part that was left out.", Severity.WARNING))

MEANING_RULES = (POLARITY, CONTENT)


class MeaningCheck(BilingualCheck):
    name = "meaning"
    rules = MEANING_RULES
    #: The pipeline translates the units' sources into English for this check.
    reads_source_translation = True

    def unit_findings(self, view: SentenceView, target: str, codes) -> list[tuple[Rule, Finding]]:
        translation, source = view.source_translation, view.source
        if not translation or not source or untranslated_findings(source, target, self.language, target):
            return []
        # Raw texts on every side: a URL or placeholder blanked on one side only would read as a missing word.
        found = [(POLARITY, f) for f in polarity_findings(source, translation, target, self.language)]
        if not found:  # a polarity error already says the unit is wrong
            found += [(CONTENT, f) for f in content_findings(source, translation, target)]
        return found
