"""The baseline for glossary_speed.py: a plain exact-variant matcher.

    python benchmarks/regex_baseline.py COPY GLOSSARY OUT

One compiled regular expression of every listed variant (whole words, any
case), built as a prefix trie: a flat alternation of 10,000 variants makes
Python's re try each in turn and runs ~50x slower, which would flatter mtqa.
A naive sentence split, one JSON line per sentence. Standard library only, so
its start-up is a bare interpreter's."""

import csv
import json
import re
import sys


def trie_pattern(words) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _pattern(trie)


def _pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def main(copy: str, glossary: str, out: str) -> None:
    with open(glossary, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    variants = {v.strip().casefold(): row["term"] for row in rows for v in row["variants"].split("|") if v.strip()}
    pattern = re.compile(rf"\b{trie_pattern(variants)}\b", re.IGNORECASE)
    split = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
    with open(copy, encoding="utf-8") as text, open(out, "w", encoding="utf-8") as report:
        for number, line in enumerate(text, start=1):
            for sentence in split.split(line.strip()):
                found = [(m.start(), m.end(), variants[m.group().casefold()]) for m in pattern.finditer(sentence)]
                report.write(json.dumps({"line": number, "text": sentence, "flags": found}) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
