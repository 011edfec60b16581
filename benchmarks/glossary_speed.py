"""Speed of the glossary-only path, as a user runs it: a whole process.

    .venv/bin/python benchmarks/glossary_speed.py [--terms 10000] [--sentences 20000] [--runs 3] [--generated 2]
        [--keep DIR]

Generates (deterministically) a glossary of realistic names, organisations,
places and phrases with one listed variant each, and news copy that mentions
them, correctly, with listed variants and with unlisted manglings; then times
``mtqa check --backend none`` as a subprocess, start-up included, beside a
plain-regex exact-variant matcher (one alternation of every listed variant,
whole words, any case; also a whole process) run on the same files in the same
run. With --generated N (default 2), a generated-variants file sits beside the
glossary, as ``mtqa glossary expand`` writes it, with N forms per term shaped
like the model's (a first name in the pivot's spelling, a slip; 0 to leave it
out), and the copy writes some of them. The machine is shared: figures are the best of --runs, and the ratio
between the two is the figure to compare across machines. Every whole-process
row is also run on the first fifth of the copy (same glossary), and its marginal
rate is the extra sentences over the extra seconds: start-up and glossary
loading cancel out. The load average before and after is printed.

Two more rows say where the time goes: the same ``mtqa check`` with no
glossary (the work of the main process alone: reading, segmentation, the
score's signals, the reports), and the glossary check alone, in this process,
once, caches cold (CPU seconds: tokens, exact forms, near misses, phrases,
per-document state),
which the forked worker runs beside the main process. A last line times one
unpunctuated sentence of --long-words words through the glossary check: the
matching work must grow with the sentence's length, not its square.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20250302

SURNAME_STEMS = """Adams Albrecht Alvarez Andersen Arslan Bauer Becker Bianchi Brennan Brooks Castro Chen Costa
Dahl Dimitrov Dubois Eriksson Esposito Fischer Fitzgerald Garcia Gallagher Hansen Hartmann Horvat Ivanov Jansen
Kaminski Keller Kowalski Kovac Larsen Laurent Lindqvist Lombardi Marchetti Moreau Nakamura Novak Nowak Okafor
Olsen Petrov Popescu Quinn Ramos Richter Romano Rossi Santos Schneider Silva Sokolov Svensson Tanaka Toth Varga
Vogel Wagner Walsh Weber Yilmaz Zielinski Abara Baptiste Carvalho Delacroix Engstrom Ferreira Gruber Haddad
Ishikawa Jovanovic Kuznetsov Lemaire Mensah Nieminen Oliveira Pereira Rahman Sandoval Takahashi Urquhart Valente
Whitfield Xenakis Yamamoto Zapata""".split()
FIRST_NAMES = """Adam Agnes Aisha Alan Alexei Amara Ana Andrea Anna Arjun Astrid Beatriz Ben Bogdan Camille Carlos
Chloe Dario Daniel Diana Dmitri Elena Elif Emma Erik Fatima Felix Gabriel Giulia Hana Hannah Hugo Ingrid Isabel
Ivan Jakob James Jana Javier Joanna Jonas Julia Karim Katarzyna Kenji Lars Laura Leila Lena Lucas Luis Maja Marek
Maria Mateo Mei Mikael Nadia Nikolai Nora Olga Omar Pablo Paul Petra Pierre Priya Rafael Rosa Ruth Sami Sara Sofia
Stefan Tamar Tomas Ursula Valentina Victor Wei Yusuf Zofia""".split()
SUFFIXES = ["", "son", "sen", "ov", "ova", "ski", "ez", "ini", "elli", "er", "mann", "escu", "ak", "ic"]
ORG_KINDS = ["Industries", "Group", "Holdings", "Systems", "Dynamics", "Aerospace", "Energy", "Bank"]
PLACE_KINDS = ["Valley", "Harbour", "Heights", "Bay", "Falls", "Ridge"]
PHRASES = [
    "coalition of the willing", "boots on the ground", "peace through strength", "a seat at the table",
    "weapons of mass destruction", "rules-based international order", "whatever it takes",
    "the elephant in the room", "a drop in the ocean", "back to the drawing board",
]
TEMPLATES = [
    "{title} {name} said on {day} that the talks with {other} had been constructive.",
    "Speaking in {city}, {name} told reporters that {org} would expand its operations.",
    "{name}'s spokesman declined to comment on the report, which cited three officials.",
    "The deal, backed by {org}, is worth about {money} and runs until {year}.",
    "Officials in {place} said {name} had been briefed before the vote.",
    "{surname} said the government would not be rushed into {phrase}.",
    "Mr. {surname} met {other} in Washington, D.C., on {day} for about two hours.",
    "Analysts at {org} said the U.S. market had grown by 3.5 per cent in {year}.",
    "Critics accused {name} of ignoring {phrase}, a charge the ministry denied.",
    "The company, {org}, said it had no plans to leave {place}.",
]
TITLES = ["Prime Minister", "Defence Secretary", "Foreign Minister", "Chancellor", "President", "Senator"]
CITIES = ["London", "Paris", "Berlin", "Warsaw", "Brussels", "Rome", "Madrid", "Oslo", "Ankara", "Kyiv"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def mangle(word: str, rng: random.Random) -> str:
    """One MT-like slip: a letter dropped, doubled or swapped with its neighbour."""
    i = rng.randrange(1, len(word) - 1)
    how = rng.choice("drop double swap".split())
    if how == "drop":
        return word[:i] + word[i + 1 :]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def make_glossary(size: int, rng: random.Random) -> list[dict]:
    surnames = sorted({stem + suffix for stem in SURNAME_STEMS for suffix in SUFFIXES})
    entries, seen = [], set()
    while len(entries) < size:
        roll = rng.random()
        if roll < 0.8:
            term, kind = f"{rng.choice(FIRST_NAMES)} {rng.choice(surnames)}", "person"
        elif roll < 0.93:
            term, kind = f"{rng.choice(surnames)} {rng.choice(ORG_KINDS)}", "org"
        else:
            term, kind = f"{rng.choice(surnames)} {rng.choice(PLACE_KINDS)}", "place"
        if term in seen:
            continue
        seen.add(term)
        entries.append({"term": term, "variants": _slip(term, kind, rng), "type": kind, "note": f"generated {kind}"})
    for entry in entries:  # a variant may never be another entry's term
        if entry["variants"] in seen:
            entry["variants"] = ""
    for phrase in PHRASES:
        dropped = " ".join(phrase.split()[:1] + phrase.split()[2:])  # MT drops a word
        entries.append({"term": phrase, "variants": dropped, "type": "phrase", "note": "idiom"})
    return entries


def make_copy(entries: list[dict], count: int, rng: random.Random) -> list[str]:
    people = [e for e in entries if e["type"] == "person"]
    orgs = [e for e in entries if e["type"] == "org"]
    places = [e for e in entries if e["type"] == "place"]
    lines, written = [], 0
    while written < count:
        size = min(rng.choice([1, 1, 2, 3, 4]), count - written)
        lines.append(" ".join(_sentence(rng, people, orgs, places) for _ in range(size)))
        written += size
    return lines


def _sentence(rng, people, orgs, places) -> str:
    person = rng.choice(people)
    name = _written(person, rng)
    return rng.choice(TEMPLATES).format(
        title=rng.choice(TITLES), name=name, surname=name.split()[-1], other=_written(rng.choice(people), rng),
        org=_written(rng.choice(orgs), rng), place=_written(rng.choice(places), rng), city=rng.choice(CITIES),
        day=rng.choice(DAYS), money=f"£{rng.randint(2, 900)}m", year=rng.randint(2019, 2027),
        phrase=rng.choice(PHRASES),
    )


def _written(entry: dict, rng: random.Random) -> str:
    """Mostly right; sometimes the listed variant; sometimes a slip nobody listed;
    sometimes a generated variant."""
    roll = rng.random()
    if entry.get("generated") and roll > 0.95:
        return rng.choice(entry["generated"])
    if roll < 0.8 or (roll < 0.9 and not entry["variants"]):
        return entry["term"]
    if roll < 0.9:
        return entry["variants"]
    return _slip(entry["term"], entry["type"], rng)


def _slip(term: str, kind: str, rng: random.Random) -> str:
    """The name with its surname (or an organisation's first word) mangled."""
    words = term.split()
    index = -1 if kind == "person" else 0
    original = words[index]
    while words[index] == original:
        words[index] = mangle(original, rng)
    return " ".join(words)


def write_inputs(folder: Path, terms: int, sentences: int, generated: int = 0) -> tuple[Path, Path]:
    rng = random.Random(SEED)
    entries = make_glossary(terms, rng)
    glossary = folder / "glossary.csv"
    write_glossary(glossary, entries)
    if generated:
        write_generated_variants(folder / "glossary.variants.csv", entries, generated, rng)
    copy = folder / "copy.txt"
    copy.write_text("\n".join(make_copy(entries, sentences, rng)) + "\n", encoding="utf-8")
    return glossary, copy


def write_glossary(path: Path, entries: list[dict]) -> None:
    """The glossary as a user has it: a CSV file with mtqa's columns."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["term", "variants", "type", "note"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(entries)


def write_generated_variants(path: Path, entries: list[dict], per_term: int, rng: random.Random) -> None:
    """What ``mtqa glossary expand`` would write: per term, the first word in a pivot
    spelling ("Marco" -> "Marcos") and slips, none of them a term."""
    terms = {entry["term"] for entry in entries}
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("# mtqa glossary expand; signature benchmark\n")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["term", "variant", "source", "evidence", "confidence"])
        for entry in entries:
            words = entry["term"].split()
            if entry["type"] == "phrase":
                forms = {" ".join(reversed(words))}  # a reordering, as the literal renderings are
            else:
                forms = {" ".join([words[0] + "s"] + words[1:])}
            while len(forms) < per_term and entry["type"] != "phrase":
                forms.add(_slip(entry["term"], entry["type"], rng))
            entry["generated"] = sorted(forms - terms - {entry["variants"]})
            for form in entry["generated"][:per_term]:
                writer.writerow([entry["term"], form, "round-trip", form, "0.80"])


# Runs ``mtqa`` in this interpreter and prints the main process's own CPU seconds
# (not the forked glossary worker's) as the last line of stderr.
MAIN_CPU = """
import resource, runpy, sys
sys.argv = ["mtqa", *sys.argv[1:]]
try:
    runpy.run_module("qa", run_name="__main__", alter_sys=True)
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write(f"\\nmain-process-cpu {usage.ru_utime + usage.ru_stime}\\n")
"""


def best_time(command: list[str], runs: int) -> tuple[float, float, float]:
    """Best wall-clock and best CPU (user + system) seconds of a whole process (with
    its children), and the best CPU seconds of its main process when it reports them."""
    best_wall = best_cpu = best_main = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        last = (done.stderr.strip().splitlines() or [""])[-1]
        main = float(last.split()[1]) if last.startswith("main-process-cpu ") else float("nan")
        best_wall, best_cpu, best_main = min(best_wall, wall), min(best_cpu, cpu), min(best_main, main)
    return best_wall, best_cpu, best_main


def check_alone(glossary: Path, copy: Path, on_start=None, with_loop: bool = True) -> tuple[float, float]:
    """CPU seconds of the glossary check alone over the copy, caches cold as in a
    run, and of loading and indexing the glossary, in this process (``on_start()`` is
    called just before the timed loop: benchmarks/glossary_check_alone.py samples it;
    ``with_loop=False`` leaves the loop out, the rest done: that script counts its instructions)."""
    sys.path.insert(0, str(ROOT))
    from qa import heap
    from qa.checks.base import SentenceView
    from qa.checks.glossary import GlossaryCheck
    from qa.glossary import load_glossaries
    from qa.segment import sentence_spans

    started = time.process_time()
    check = GlossaryCheck(load_glossaries([glossary]))
    prologue = time.process_time() - started
    heap.freeze()  # as the pipeline does before its glossary worker forks: the worker checks with the index frozen
    lines = copy.read_text(encoding="utf-8").splitlines()
    texts = [line[start:end] for line in lines for start, end in sentence_spans(line)]
    check.start_document()
    if on_start:
        on_start()
    started, previous = time.process_time(), None
    for text in texts if with_loop else ():
        previous = SentenceView.of(text, previous)
        check.flags(previous)
    elapsed = time.process_time() - started
    heap.thaw()
    return elapsed, prologue


def long_sentence(glossary: Path, copy: Path, words: int) -> float:
    """Wall seconds of the glossary check on one sentence of ``words`` words, no punctuation."""
    from qa.checks.base import SentenceView
    from qa.checks.glossary import GlossaryCheck
    from qa.glossary import load_glossaries

    check = GlossaryCheck(load_glossaries([glossary]))
    vocabulary = "".join(c if c.isalnum() or c.isspace() else " " for c in copy.read_text(encoding="utf-8")).split()
    text = " ".join(vocabulary[:words])
    started = time.perf_counter()
    check.flags(SentenceView.of(text))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--long-words", type=int, default=8_000)
    parser.add_argument("--generated", type=int, default=2, help="generated variants per term (0: no file)")
    parser.add_argument("--keep", type=Path, help="write the inputs and reports into this folder and keep them "
                        "(to profile a run: benchmarks/sample_profile.py, benchmarks/main_process_stages.py)")
    args = parser.parse_args()
    python = sys.executable
    load_before = os.getloadavg()[0]
    n, small_n = args.sentences, max(1, args.sentences // 5)
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        glossary, copy = write_inputs(folder, args.terms, n, args.generated)
        # The same glossary and the first fifth of the copy (same seed): the marginal rate is
        # the extra sentences over the extra seconds, start-up and glossary loading cancelled out.
        (folder / "small").mkdir(exist_ok=True)
        small_glossary, small_copy = write_inputs(folder / "small", args.terms, small_n, args.generated)

        def mtqa(glossary_path: Path | None, copy_path: Path, out: str) -> list[str]:
            command = [python, "-c", MAIN_CPU, "check", str(copy_path), "--backend", "none", "--out", str(folder / out)]
            return command + (["--glossary", str(glossary_path)] if glossary_path else [])

        def baseline(copy_path: Path, glossary_path: Path) -> list[str]:
            return [python, str(Path(__file__).with_name("regex_baseline.py")), str(copy_path), str(glossary_path),
                    str(folder / "baseline.jsonl")]

        rows = {
            "mtqa check --backend none": (best_time(mtqa(glossary, copy, "r"), args.runs),
                                          best_time(mtqa(small_glossary, small_copy, "s"), args.runs)),
            "plain-regex exact variants": (best_time(baseline(copy, glossary), args.runs),
                                           best_time(baseline(small_copy, small_glossary), args.runs)),
            "mtqa check, no glossary": (best_time(mtqa(None, copy, "b"), args.runs),
                                        best_time(mtqa(None, small_copy, "bs"), args.runs)),
        }
        alone_cpu, prologue_cpu = check_alone(glossary, copy)
        long_wall = long_sentence(glossary, copy, args.long_words)
    print(f"{args.terms} glossary terms ({args.generated} generated variants each), {n} and {small_n} sentences, "
          f"best of {args.runs} whole-process runs each")
    print(f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores "
          "(wall-clock suffers when it is high; CPU figures less)")
    print(f"{'':28}{'wall s':>8}{'sent/s':>9}{'CPU s':>8}{'sent/CPU-s':>12}{'main CPU s':>12}"
          f"{'marginal sent/s':>17}{'marg. sent/CPU-s':>18}")
    for name, ((wall, cpu, main_cpu), (small_wall, small_cpu, _)) in rows.items():
        extra = n - small_n
        print(f"{name:28}{wall:8.2f}{n / wall:9.0f}{cpu:8.2f}{n / cpu:12.0f}{main_cpu:12.2f}"
              f"{_rate(extra, wall - small_wall):>17}{_rate(extra, cpu - small_cpu):>18}")
    print(f"{'glossary check alone':28}{'':8}{'':9}{alone_cpu:8.2f}{n / alone_cpu:12.0f}"
          f"   (+{prologue_cpu:.2f} CPU s to load and index the glossary; one process, views included)")
    (mtqa_wall, mtqa_cpu, mtqa_main), _ = rows["mtqa check --backend none"]
    (base_wall, base_cpu, _), _ = rows["plain-regex exact variants"]
    print(f"mtqa takes {mtqa_wall / base_wall:.1f}x the regex matcher's wall-clock time ({mtqa_cpu / base_cpu:.1f}x its CPU;"
          f" its main process alone {mtqa_main / base_cpu:.1f}x)")
    print(f"one unpunctuated sentence of {args.long_words} words: glossary check {long_wall:.2f} s")
    return 0


def _rate(sentences: int, seconds: float) -> str:
    """Sentences per second, or "n/a" when the difference of two noisy timings is not positive."""
    return f"{sentences / seconds:.0f}" if seconds > 0 else "n/a"


if __name__ == "__main__":
    sys.exit(main())
