"""The glossary check's rules (G1xx): a form the glossary lists as wrong, a near
miss it does not list, a garbled long phrase, and one name written two ways.

A listed variant and an unlisted near miss are different rules: the first is
a fact about the glossary ("this form is wrong"), the second an estimate with
a confidence ("this looks like that name")."""

from __future__ import annotations

from qa.records import Severity
from qa.rules import Rule, register_rule

_BY_CONFIDENCE = (
    "Its severity follows the flag's confidence: error from 0.85, warning from 0.72, info below; "
    "under 0.65 nothing is reported."
)

VARIANT = register_rule(Rule(
    id="G101",
    name="glossary-variant",
    short="A form the glossary lists as wrong for a name, idiom or term.",
    full=(
        "The sentence contains a form that the glossary lists in a term's variants column: a known wrong "
        "rendering of the canonical name, idiom or term (\"Kier Starmer\" for \"Keir Starmer\", \"coalition "
        "of the willingness\"). Matching is exact: whole words, any case, any internal whitespace, possessives "
        "tolerated. A variant that is an ordinary word counts only near one of the entry's context words."
    ),
    help=(
        "Replace the span with the canonical term (the suggestion). If the form is right in this sentence, "
        "remove it from the term's variants, or give the entry context words so it counts only near them."
    ),
    help_markdown=(
        "Replace the span with the canonical term (the suggestion). If the form is right in this sentence, "
        "remove it from the term's `variants`, or give the entry `context` words so it counts only near them."
    ),
    severity=Severity.ERROR,
))
NEAR_MISS = register_rule(Rule(
    id="G102",
    name="glossary-near-miss",
    short="A word that looks like a misspelling of a glossary name; the glossary does not list it.",
    full=(
        "The glossary does not list this form, but it is close in spelling or sound to a person, "
        "organisation or place name the glossary has (\"Hegsath\" for \"Hegseth\", \"Lockhead Martin\" for "
        "\"Lockheed Martin\", a surname alone). The confidence weighs how alike the forms are against the "
        "evidence around them: the rest of the name, the name earlier in the document, whether the word is "
        "an ordinary word or a name of its own. " + _BY_CONFIDENCE
    ),
    help=(
        "Check the name. If it is a misspelling, use the suggestion (and add the form to the term's variants, "
        "so it becomes a G101 error next time). If it is another person or an ordinary word, the flag is wrong: "
        "lower this rule's severity or ignore it in the config."
    ),
    help_markdown=(
        "Check the name. If it is a misspelling, use the suggestion (and add the form to the term's `variants`, "
        "so it becomes a [G101](#g101) error next time). If it is another person or an ordinary word, the flag "
        "is wrong: lower this rule's severity or ignore it in the config."
    ),
    severity=Severity.WARNING,
))
GARBLED_PHRASE = register_rule(Rule(
    id="G103",
    name="glossary-garbled-phrase",
    short="A glossary phrase of three or more words written with one word changed; the glossary does not list it.",
    full=(
        "A long phrase of the glossary (three words or more: an idiom, an official title) appears with one "
        "content word edited (\"coalition of the will\", \"boots in the ground\"). A phrase one word away can "
        "be another, correct phrase, so the confidence stays under that of a listed variant and grows with the "
        "phrase's length. A swapped first word (\"great language model\") is flagged only in a run with an "
        "encoder, when the written words mean the term (cosine 0.97 or more). " + _BY_CONFIDENCE
    ),
    help=(
        "Check the phrase. If it is garbled, use the suggestion and consider listing the form as a variant; "
        "if it is a different phrase that is right here, leave it."
    ),
    severity=Severity.WARNING,
))
INCONSISTENT = register_rule(Rule(
    id="G104",
    name="glossary-inconsistent",
    short="A glossary name written here in another form than earlier in the same document.",
    full=(
        "The document names one glossary entity in several forms, and this one is wrong (a listed variant or "
        "a near miss) while an earlier mention differs: the message lists where the other forms are. It adds "
        "to the G101/G102 flag on the same words, since a reader meets both forms in one text."
    ),
    help="Write the name the same way, in its canonical form, throughout the document.",
    severity=Severity.WARNING,
))

GENERATED = register_rule(Rule(
    id="G105",
    name="glossary-generated-variant",
    short="A form the model predicts MT writes for a glossary term (a generated variant the editor kept).",
    full=(
        "The sentence contains a variant that `mtqa glossary expand` generated for a term and that is in the "
        "generated-variants file beside the glossary (glossary.variants.csv): a round trip of the term through "
        "the bundled model, alone or in a carrier sentence, or the pivot's literal word senses (\"basin moment\" "
        "for \"watershed moment\", \"Kiev\" for \"Kyiv\"), and with `--decoder nbest` the model's other likely "
        "forms. Matching is exact, as for listed variants, and a "
        "listed form always wins. " + _BY_CONFIDENCE
    ),
    help=(
        "Replace the span with the term (the suggestion). If the form is right, delete its row from the "
        "generated-variants file (or give the entry context words); to make it certain, list it as a variant."
    ),
    severity=Severity.WARNING,
))

RULES = (VARIANT, NEAR_MISS, GARBLED_PHRASE, INCONSISTENT, GENERATED)
#: Flag kinds that say a form of a term is wrong (not that it differs from another mention).
WRONG_FORMS = frozenset(rule.name for rule in (VARIANT, NEAR_MISS, GARBLED_PHRASE, GENERATED))
