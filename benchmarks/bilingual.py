"""Bilingual rules on real translations nobody here wrote: the gettext catalogs
(compiled .mo) this machine's Debian packages ship, inverted so the translation
is the source and the program's original English message the target.

    .venv/bin/python benchmarks/bilingual.py [--language pt_BR] [--fit] [--speed]

Catalogs are split by package: the even-numbered packages (sorted by name)
fit the length bounds (``--fit`` writes qa/data/length_bounds.json from them,
over every Latin-script language installed), the odd-numbered ones are the
evaluation units. Code lists (iso_*: country and language names) are left out:
they are names, not program messages. Clean units are the catalogs' own pairs;
then each kind of error is injected into copies of the targets that can carry
it, and the script prints, per rule, recall on the injected errors and flags
per 1,000 clean units. ``--speed`` times the glossary-only pipeline on 20,000
units with and without the bilingual check, in the same run (the checks alone, in this
process); ``bilingual_run_speed.py`` times whole ``mtqa check`` runs as a user runs them.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.bilingual import rules as bilingual_rules  # noqa: E402
from qa.bilingual.length import ANCHORED, FINISHED, MIN_SOURCE_CHARS, NO_STOP, ending, gloss_free, measured  # noqa: E402
from qa.bilingual.markup import tags  # noqa: E402
from qa.bilingual.numbers import glued, numbers  # noqa: E402
from qa.bilingual.placeholders import placeholders  # noqa: E402
from qa.bilingual.verbatim import verbatim_items  # noqa: E402
from qa.checks.base import SentenceView  # noqa: E402
from qa.checks.bilingual import BilingualCheck  # noqa: E402
from qa.records import Sentence  # noqa: E402
from qa.segment import sentence_spans  # noqa: E402

SEED = 20261130
LOCALE_DIRS = (Path("/usr/share/locale"), Path("/usr/share/vim"), Path("/usr/lib/locale"))
FIT_LANGUAGES = ("pt_BR", "pt", "de", "fr", "es", "it", "sv", "nl", "da", "fi", "cs", "pl", "tr", "vi", "ro", "hu")
LENGTH_EDGES = [MIN_SOURCE_CHARS, 20, 40, 80, 160]
TAIL = 0.0015  # each side: the share of clean fitting units a length bound may leave out
MARGIN = 0.1  # log-ratio slack beyond the fitted quantile
# A target that stops without the source's closing stop, or as cut-off text does (mid-word, on an
# open bracket), is held to a tighter bound: the quantile of such clean targets, with less slack.
NO_STOP_TAIL = 0.003
NO_STOP_MARGIN = 0.0
CUT_TAIL = 0.05
CUT_MARGIN = 0.0
# A target that has the source's placeholders and ends on one kept its end: cut-off text rarely ends so,
# so its bound need not trade recall for precision and is the smallest such clean ratio, with slack.
ANCHORED_TAIL = 0.0
ANCHORED_MARGIN = MARGIN
KIND_RULE = {
    "placeholder": "placeholder-mismatch", "markup": "markup-mismatch", "number": "number-mismatch",
    "verbatim": "verbatim-changed", "untranslated": "untranslated", "truncation": "length-ratio",
    "name": "source-name-missing",
}


def catalogs(language: str) -> list[Path]:
    found = []
    for base in LOCALE_DIRS:
        found += [p for p in base.rglob(f"{language}/LC_MESSAGES/*.mo") if not p.name.startswith("iso_")]
    return sorted(set(found), key=lambda p: (p.name, str(p)))


#: gettext's conventional messages whose msgstr is data, not a translation of the msgid
#: (the translators' names, the text direction, calendar settings).
_NOT_A_TRANSLATION = re.compile(r"^(?:translator[-_ ]credits|default:(?:LTR|RTL)|calendar:\w+(?::\d)?)$")


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """(foreign msgstr, English msgid) of the catalog's translated singular messages."""
    from translate.storage import mo

    try:
        store = mo.mofile.parsefile(str(path))
    except Exception:  # a catalog translate-toolkit cannot read is skipped, not fatal
        return []
    pairs = []
    for unit in store.units:
        # A .mo plural entry reads as a multistring whose hasplural() is False: its singular
        # translation may write "one" for the count ("ein Byte" for "%s byte"), as gettext allows.
        plural = unit.hasplural() or len(getattr(unit.source, "strings", [])) > 1
        if plural or not str(unit.source).strip() or not str(unit.target).strip():
            continue
        if _NOT_A_TRANSLATION.match(str(unit.source)):
            continue
        pairs.append((str(unit.target), str(unit.source)))
    return pairs


def units_of(language: str, half: int) -> list[tuple[str, str]]:
    """Unique (source, target) pairs of the catalogs of one half of the packages."""
    seen, pairs = set(), []
    for index, path in enumerate(catalogs(language)):
        if index % 2 != half:
            continue
        for pair in read_pairs(path):
            if pair not in seen:
                seen.add(pair)
                pairs.append(pair)
    return pairs


# --- length bounds ---------------------------------------------------------------------------

def fit_bounds(units: dict[str, list[tuple[str, str]]]) -> dict:
    """Length bounds from (source, target) pairs per catalog language ("pt_BR", "pt", "de"), each
    under its own code ("pt-BR" apart from "pt", as qa.bilingual.length looks them up), and pooled;
    a band with too few pairs of a kind takes the pooled bound."""
    fitted: dict[str, list[list[list[float]]]] = {}
    pooled: list[list[list[float]]] = [[[] for _ in range(5)] for _ in LENGTH_EDGES]
    for language, pairs in units.items():
        ratios = _ratios(pairs)
        if sum(len(kinds[0]) for kinds in ratios) < 2000:
            continue
        fitted[language.replace("_", "-")] = ratios
        for band, kinds in enumerate(ratios):
            for kind, values in enumerate(kinds):
                pooled[band][kind] += values
    pooled_bounds = _filled([_band_bounds(kinds, None) for kinds in pooled])
    return {
        "about": "log(target/source) length bounds per source language and source-length band: [low, high, "
                 "low without the source's closing stop, low when cut off, low when ending on a placeholder with all "
                 "the source's]; written by benchmarks/bilingual.py --fit from Debian gettext catalogs (even packages)",
        "edges": LENGTH_EDGES,
        "tail": TAIL,
        "languages": {code: [_band_bounds(kinds, fallback) for kinds, fallback in zip(ratios, pooled_bounds)]
                      for code, ratios in fitted.items()},
        "pooled": pooled_bounds,
    }


def _ratios(pairs: list[tuple[str, str]]) -> list[list[list[float]]]:
    """Per band: [every log ratio, and without the source's glosses: those of targets without the
    source's stop, of cut-looking ones, of finished ones (anchored ones too), of anchored ones]."""
    ratios: list[list[list[float]]] = [[[] for _ in range(5)] for _ in LENGTH_EDGES]
    for source, target in pairs:
        length = measured(source)
        if length >= MIN_SOURCE_CHARS and measured(target):
            band = max(i for i, edge in enumerate(LENGTH_EDGES) if length >= edge)
            ratios[band][0].append(math.log(measured(target) / length))
            ratio = math.log(measured(target) / max(gloss_free(source, target), 1))  # as the rule reads a short one
            how = ending(source, target)
            ratios[band][{FINISHED: 3, NO_STOP: 1, ANCHORED: 3}.get(how, 2)].append(ratio)
            if how == ANCHORED:  # a finished target too: its own bound is only ever looser
                ratios[band][4].append(ratio)
    return ratios


def _filled(rows: list[list[float | None]]) -> list[list[float]]:
    """Bounds a band has too few pairs for taken from the band of shorter sources (the looser one)."""
    for band, row in enumerate(rows):
        for kind, value in enumerate(row):
            if value is None:
                shorter = [rows[b][kind] for b in range(band - 1, -1, -1) if rows[b][kind] is not None]
                row[kind] = shorter[0] if shorter else (3.0 if kind == 1 else -3.0)
    return rows


def _quantile(values: list[float], tail: float, margin: float, fallback: float | None, high: bool = False) -> float | None:
    if len(values) < 50:
        return fallback
    values = sorted(values)
    if high:
        return round(values[min(len(values) - 1, int((1 - tail) * len(values)))] + margin, 3)
    return round(values[int(tail * len(values))] - margin, 3)


def _band_bounds(kinds: list[list[float]], fallback: list[float] | None) -> list[float]:
    """[low, high, low without the stop, low when cut off, low when anchored] of one source-length band."""
    every, no_stop, cut, finished, anchored = kinds
    fallback = fallback or [None] * 5
    return [_quantile(finished, TAIL, MARGIN, fallback[0]), _quantile(every, TAIL, MARGIN, fallback[1], high=True),
            _quantile(no_stop, NO_STOP_TAIL, NO_STOP_MARGIN, fallback[2]), _quantile(cut, CUT_TAIL, CUT_MARGIN, fallback[3]),
            _quantile(anchored, ANCHORED_TAIL, ANCHORED_MARGIN, fallback[4])]


# --- injected errors -------------------------------------------------------------------------

def inject(kind: str, source: str, target: str, rng: random.Random) -> str | None:
    """A copy of the target with one error of ``kind``, or None when the unit cannot carry it."""
    if kind == "placeholder":
        items = placeholders(target)
        return _drop(target, rng.choice(items)) if items else None
    if kind == "markup":
        items = [item for item in tags(target) if item.key.startswith("</")] or tags(target)
        return _drop(target, rng.choice(items)) if items else None
    if kind == "number":
        # A number of the text, not the digit of a placeholder, a path, an option or a name (%1$s, -1, UTF-8).
        plain = bilingual_rules.plain_text(target)
        items = [item for item in numbers(plain, "en") if item.text.isdigit() and not glued(plain, item)]
        if not items:
            return None
        item = rng.choice(items)
        changed = str(int(item.text) * 10 + rng.randint(1, 9)) if rng.random() < 0.5 else str(int(item.text) + 1)
        return target[: item.start] + changed + target[item.end :]
    if kind == "verbatim":
        items = [item for _, item in verbatim_items(target)]
        if not items:
            return None
        item = rng.choice(items)
        position = rng.randrange(1, len(item.text))
        altered = item.text[:position] + item.text[position + 1 :] if len(item.text) > 2 else item.text + "x"
        return target[: item.start] + altered + target[item.end :]
    if kind == "untranslated":
        if source.casefold().split() == target.casefold().split() or not re.search(r"[^\W\d_]{2}", source):
            return None
        return source
    if kind == "truncation":
        if len(source.strip()) < 20:
            return None
        return target.strip()[: max(1, int(len(target.strip()) * 0.4))]
    if kind == "name":
        shared = _shared_names(source, target)
        if not shared:
            return None
        start, end = rng.choice(shared)
        return target[:start] + _mangled(target[start:end], rng) + target[end:]
    raise ValueError(kind)


def _drop(text: str, item) -> str:
    return text[: item.start] + text[item.end :]


def _shared_names(source: str, target: str) -> list[tuple[int, int]]:
    """Capitalised target words (not first in a sentence, 3+ letters) the source writes the same."""
    source_words = set(re.findall(r"\b\w+\b", source))
    found = []
    for match in re.finditer(r"\b[A-Z][\w]{2,}\b", target):
        before = target[: match.start()].rstrip()
        if before and before[-1] not in ".!?:\n" and match.group(0) in source_words:
            found.append((match.start(), match.end()))
    return found


def _mangled(name: str, rng: random.Random) -> str:
    replacements = ["Kiel", "Marlow", "Ostrander", "Quillby", "Vantor", "Brisk"]
    choice = rng.choice(replacements)
    return choice if choice.lower() != name.lower() else "Zembla"


# --- running the check -----------------------------------------------------------------------

def run_rules(pairs: list[tuple[str, str]], language: str | None) -> list[Counter]:
    """Flag kinds per unit, through the check as the pipeline drives it (``language`` None:
    the check detects it from the sources, as for a file that does not say)."""
    check = BilingualCheck(language)
    check.start_document()
    sentences, owners = [], []
    for index, (source, target) in enumerate(pairs):
        for start, end in sentence_spans(target):
            sentences.append(Sentence(len(sentences) + 1, target[start:end], 1, start + 1, source, str(index)))
            owners.append(index)
    kinds = [Counter() for _ in pairs]
    for first in range(0, len(sentences), 64):  # batches as the pipeline hands them over
        check.prepare(sentences[first : first + 128] if first == 0 else sentences[first + 64 : first + 128])
        for sentence in sentences[first : first + 64]:
            view = SentenceView.of(sentence.checked_text, source=sentence.source)
            for flag in check.flags(view):
                kinds[owners[sentence.id - 1]][flag.kind] += 1
    return kinds


def evaluate(language: str, limit_examples: int, detect: bool = False) -> dict:
    rng = random.Random(SEED)
    clean = units_of(language, half=1)
    code = language.replace("_", "-")
    given = None if detect else code
    clean_kinds = run_rules(clean, given)
    flagged = Counter()
    examples = defaultdict(list)
    for (source, target), kinds in zip(clean, clean_kinds):
        for kind, count in kinds.items():
            flagged[kind] += count
            if len(examples[kind]) < limit_examples:
                messages = [f.message for r, f in bilingual_rules.unit_findings(source, target, code) if r.name == kind]
                examples[kind].append((source[:80], target[:80], "; ".join(messages)[:140]))
    results = {"language": language, "clean_units": len(clean), "clean_flags": dict(flagged), "recall": {}}
    for kind, rule in KIND_RULE.items():
        injected = [(s, bad) for s, t in clean if (bad := inject(kind, s, t, rng)) is not None and bad != t]
        hits = run_rules(injected, given)
        caught = sum(1 for kinds in hits if kinds[rule])
        results["recall"][kind] = (caught, len(injected))
    results["examples"] = examples
    return results


def print_results(results: dict) -> None:
    clean = results["clean_units"]
    print(f"language {results['language']}: {clean} clean units (odd-numbered packages)")
    print(f"{'rule':24} {'injected':>9} {'caught':>7} {'recall':>7} {'clean flags':>12} {'per 1,000':>10}")
    total = 0
    for kind, rule in KIND_RULE.items():
        caught, injected = results["recall"][kind]
        flags = results["clean_flags"].get(rule, 0)
        total += flags
        recall = f"{caught / injected:.3f}" if injected else "n/a"
        print(f"{rule:24} {injected:9d} {caught:7d} {recall:>7} {flags:12d} {1000 * flags / clean:10.2f}")
    print(f"{'all rules':24} {'':9} {'':7} {'':7} {total:12d} {1000 * total / clean:10.2f}")
    for kind, cases in results["examples"].items():
        for source, target, message in cases:
            print(f"  clean flag {kind}: {source!r} -> {target!r}: {message}")


# --- speed -----------------------------------------------------------------------------------

def speed(language: str, units: int, runs: int, worker_too: bool = True) -> None:
    from benchmarks.glossary_speed import make_glossary, write_glossary
    from qa.backends import load_backend
    from qa.pipeline import Checker

    pairs = units_of(language, half=1) + units_of(language, half=0)
    pairs = [pair for pair in pairs if "\n" not in pair[1]]
    sentences = []
    for index in range(units):
        source, target = pairs[index % len(pairs)]
        sentences.append(Sentence(index + 1, target, index + 1, 1, source, str(index)))
    import tempfile

    from qa.glossary import load_glossaries

    with tempfile.TemporaryDirectory() as folder:  # the glossary as a user has it: a CSV file
        path = Path(folder) / "glossary.csv"
        write_glossary(path, make_glossary(10_000, random.Random(SEED)))
        glossary = load_glossaries([path])
    backend = load_backend("none")

    def timed(with_bilingual: bool, worker: bool) -> tuple[float, float]:
        # A glossary-only run's checks as run.py sets them up (the glossary in a worker process
        # when that pays); without the bilingual rules is ``--ignore B``. Wall time, and this
        # process's CPU time (what the rules add to it, steadier than wall time on a loaded machine).
        rules = None if with_bilingual else RuleSelection.parse(ignore=["B"])
        checker = Checker(backend, glossary=glossary, glossary_worker=worker, rules=rules, source_language=language)
        # Each run starts with no garbage pending: a full collection walks the whole heap (the glossary,
        # the word lists: 0.25-0.3 s here) and whether a run gets 2 or 3 of them is ±9% of its time.
        gc.collect()
        try:
            start, cpu = time.perf_counter(), time.process_time()
            for _ in checker.check_sentences(iter(sentences)):
                pass
            return time.perf_counter() - start, time.process_time() - cpu
        finally:
            checker.close()

    from qa.rules import RuleSelection
    from qa.run import _glossary_worker_pays

    timed(True, False)  # warm the caches (word lists, Babel data) both runs share
    for worker in sorted({False, worker_too and _glossary_worker_pays(backend)}):
        times: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
        for _ in range(runs):  # interleaved: a change in the machine's load hits both
            for flag in (False, True):
                times[flag].append(timed(flag, worker))
        wall = {flag: min(t[0] for t in values) for flag, values in times.items()}
        cpu = {flag: min(t[1] for t in values) for flag, values in times.items()}
        where = "glossary in a worker process (as mtqa check runs it here)" if worker else "glossary in-process"
        print(f"speed: {units} units, glossary of 10,000 terms, --backend none, {where}, best of {runs}: "
              f"--ignore B {wall[False]:.2f} s, with the bilingual rules {wall[True]:.2f} s, "
              f"ratio {wall[True] / wall[False]:.3f}; this process's CPU {cpu[False]:.2f} s -> {cpu[True]:.2f} s, "
              f"ratio {cpu[True] / cpu[False]:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", action="append", help="catalog language (default pt_BR, de)")
    parser.add_argument("--fit", action="store_true", help="refit qa/data/length_bounds.json first")
    parser.add_argument("--speed", action="store_true", help="also time 20,000 units with and without the rules")
    parser.add_argument("--examples", type=int, default=3, help="clean flags to print per rule")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--speed-only", action="store_true", help="only the speed measurement")
    parser.add_argument("--in-process-only", action="store_true",
                        help="time only with the glossary in-process (not also in its worker process)")
    parser.add_argument("--meaning", action="store_true",
                        help="also the meaning rules with the bundled pt->en model (pt languages; dropped negations)")
    parser.add_argument("--meaning-units", type=int, default=2000, help="clean units (a seeded sample) for --meaning")
    args = parser.parse_args()
    if args.fit:
        bounds = fit_bounds({language: units_of(language, half=0) for language in FIT_LANGUAGES})
        target = ROOT / "qa" / "data" / "length_bounds.json"
        target.write_text(json.dumps(bounds, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target}: {', '.join(bounds['languages'])}")
        from qa.bilingual.length import bounds as cached, limits

        cached.cache_clear()
        limits.cache_clear()
    for language in [] if args.speed_only else args.language or ["pt_BR", "de"]:
        results = evaluate(language, args.examples)
        print_results(results)
        if args.meaning and language.split("_")[0] == "pt":
            from benchmarks.meaning_injection import evaluate_meaning, print_meaning

            meaning = evaluate_meaning(units_of(language, half=1), language.replace("_", "-"), args.meaning_units, SEED)
            print_meaning(meaning, results)
    if args.speed or args.speed_only:
        speed((args.language or ["pt_BR"])[0], 20_000, args.runs, not args.in_process_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
