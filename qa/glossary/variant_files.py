"""Expanding a glossary file into its generated-variants file with the bundled
model, reusing the file when its signature says it is up to date."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from qa.glossary.expand import expand_glossary
from qa.glossary.generated import expansion_signature, read_signature, variants_path, write_generated

_LOADING = threading.Lock()
#: The model the expansion uses; part of the signature.
BUNDLED_MODEL = "bergamot en-pt/pt-en (bundled)"
#: Decoders: greedy (the bundled engine, plain install) or greedy plus the torch port's n-best lists.
DECODERS = ("greedy", "nbest")
NBEST_SIZE = 4


def expand_to_file(glossary_path: Path, out: Path | None = None, force: bool = False, threads: int = 2, decoder: str = "greedy"):
    """(variants written or None when up to date, the file, seconds taken). The decoder is
    chosen by the caller, never by what is installed: n-best without torch is a usage error."""
    from qa.glossary import load_one

    alternatives = _decoder_alternatives(decoder)
    glossary = load_one(Path(glossary_path))
    target = Path(out) if out else variants_path(Path(glossary_path))
    signature = expansion_signature(glossary, model_description(decoder))
    if not force and read_signature(target) == signature:
        return None, target, 0.0
    started = time.perf_counter()
    to_pivot, from_pivot = bundled_translators()
    generated = expand_glossary(glossary, to_pivot, from_pivot, threads=threads, alternatives=alternatives and alternatives())
    write_generated(target, generated, signature)
    return len(generated), target, time.perf_counter() - started


def model_description(decoder: str) -> str:
    """The model and decoder, as the signature records them."""
    if decoder == "greedy":
        return BUNDLED_MODEL  # unchanged, so files written before decoders existed stay up to date
    return f"{BUNDLED_MODEL}; {decoder} {NBEST_SIZE} (torch port)"


def _decoder_alternatives(decoder: str):
    """A loader of the n-best translators, or None for greedy decoding."""
    from qa.backends.extras import require_extra
    from qa.errors import UsageError

    if decoder not in DECODERS:
        raise UsageError(f"--decoder must be one of {', '.join(DECODERS)}, not {decoder!r}")
    if decoder == "greedy":
        return None
    require_extra("torch", ("torch",), f"--decoder {decoder}")
    return torch_alternatives


def torch_alternatives():
    """n-best lists both ways from the torch port of the bundled models (loaded once, on first use)."""
    from qa.backends.bergamot_torch import MarianModels
    from qa.glossary.expand import Alternatives

    models = MarianModels()  # threads share it; it loads once

    def to_pivot(texts):
        return [[text for text, _ in found] for found in models()[0].nbest(texts, NBEST_SIZE)]

    def from_pivot(texts):
        return [[text for text, _ in found] for found in models()[1].nbest(texts, NBEST_SIZE)]

    return Alternatives(to_pivot, from_pivot)


def bundled_translators():
    """The bundled engine both ways, one sentence per call (it releases the GIL: threads run in parallel)."""
    from qa.backends.bergamot import load_engine

    local = threading.local()

    def engines():
        if not hasattr(local, "engines"):  # one engine pair per thread: a native engine is not shared
            with _LOADING:  # loading two native engines at once is not safe (seen to crash)
                local.engines = load_engine("en-pt"), load_engine("pt-en")
        return local.engines

    def to_pivot(texts):
        return [engines()[0].translate(text) for text in texts]

    def from_pivot(texts):
        return [engines()[1].translate(text) for text in texts]

    return to_pivot, from_pivot


def expand_missing(glossary, paths, use_cache: bool = True, threads: int = 2) -> None:
    """For ``check`` with a model backend: the glossary files that have no committed
    variants file are expanded too; the result is kept in the cache directory, keyed
    by signature, so a re-run (or another project with the same terms) reuses it."""
    from qa.cache import default_cache_path
    from qa.glossary import load_one
    from qa.glossary.generated import attach_generated, read_generated

    folder = default_cache_path().parent / "variants"
    for path in map(Path, paths):
        if variants_path(path).is_file():
            continue  # the committed, reviewed file wins (already attached)
        one = load_one(path)
        cached = folder / f"{expansion_signature(one, BUNDLED_MODEL)}.csv"
        if use_cache and cached.is_file():
            generated = read_generated(cached)
        else:
            generated = _in_own_process(_expanded, path, threads)
            if use_cache:
                folder.mkdir(parents=True, exist_ok=True)
                write_generated(cached, generated, expansion_signature(one, BUNDLED_MODEL))
        mine = [entry for entry in glossary.entries if entry.source == str(path)]
        attach_generated(type(glossary)(entries=mine), generated)


def _expanded(path: Path, threads: int) -> list:
    from qa.glossary import load_one

    return expand_glossary(load_one(path), *bundled_translators(), threads=threads)


def _in_own_process(call, *args):
    """Run ``call`` in a forked child and return its result. The bundled engine crashes
    (SIGSEGV) when a second engine loads in a process that already made one, so the
    expansion's engines live and die in a process of their own and the run's backend
    stays the only engine here. (Forked, not spawned: the child sees what tests patched.)"""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        return pool.submit(call, *args).result()
