"""The baseline for glossary_speed.py: a plain exact-variant matcher.

    python benchmarks/regex_baseline.py COPY GLOSSARY OUT

One compiled alternation of every listed variant (whole words, any case,
longest first), a naive sentence split, one JSON line per flagged sentence.
Standard library only, so its start-up is a bare interpreter's."""

import csv
import json
import re
import sys


def main(copy: str, glossary: str, out: str) -> None:
    with open(glossary, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    variants = {v.strip().casefold(): row["term"] for row in rows for v in row["variants"].split("|") if v.strip()}
    alternation = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)
    split = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
    with open(copy, encoding="utf-8") as text, open(out, "w", encoding="utf-8") as report:
        for number, line in enumerate(text, start=1):
            for sentence in split.split(line.strip()):
                found = [(m.start(), m.end(), variants[m.group().casefold()]) for m in pattern.finditer(sentence)]
                report.write(json.dumps({"line": number, "text": sentence, "flags": found}) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
