"""Checks of a translation against its source (issue 12): placeholders, markup,
numbers and dates, verbatim strings, untranslated text, length and names.

Each rule is a function ``(source, target, ...) -> list[Finding]`` over one
unit; ``qa.bilingual.rules`` registers them and runs them together, and
``qa.checks.bilingual.BilingualCheck`` turns findings into flags on sentences.
"""
