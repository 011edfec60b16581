"""English word frequencies (wordfreq), shared by the glossary's evidence and
the score's signals, so each word is looked up once per run."""

from __future__ import annotations

import gzip
import math
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path


@lru_cache(maxsize=1)
def english_zipfs() -> dict[str, float]:
    """Word -> Zipf frequency of every word of wordfreq's English table ("best": the large
    list). Read from wordfreq's data file directly: importing wordfreq (langcodes, ftfy)
    and building its frequency dict cost ~0.5 s of every run's start; the values are
    those ``zipf_frequency`` gives a plain word."""
    table = _english_table()
    if table is None:  # a wordfreq whose files lie elsewhere: its own API, the same numbers
        from wordfreq import get_frequency_dict

        return {word: _zipf_of(frequency) for word, frequency in get_frequency_dict("en", "best").items()}
    zipfs: dict[str, float] = {}
    for index, bucket in enumerate(table):  # bucket i: the words at -i centibels (wordfreq.cB_to_freq)
        zipfs.update(dict.fromkeys(bucket, _zipf_of(10 ** (-index / 100))))
    return zipfs


def _english_table() -> list[list[str]] | None:
    """wordfreq's English cBpack (a header, then one list of words per centibel), or None."""
    import msgpack

    spec = find_spec("wordfreq")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    path = next((p for p in (folder / "large_en.msgpack.gz", folder / "small_en.msgpack.gz") if p.is_file()), None)
    if path is None:
        return None
    with gzip.open(path, "rb") as packed:
        data = msgpack.load(packed, raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None
    return data[1:]


def _zipf_of(frequency: float) -> float:
    return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0


def is_plain(word: str) -> bool:
    """A lower-case ASCII word: one entry of the table, looked up without wordfreq."""
    return word.isascii() and word.isalpha() and word.islower()


def load() -> None:
    """Read both word tables now: the plain words' and, through wordfreq, every other word's."""
    english_zipfs()
    zipf("naïve")  # not a plain word: wordfreq's own table loads


@lru_cache(maxsize=500_000)
def zipf(word: str) -> float:
    """Zipf frequency of a (case-folded) English word: 0 unknown, 3 rare, 7 'the'."""
    if is_plain(word):
        # A plain word is one entry of wordfreq's table: read it directly (wordfreq's own
        # lookup re-tokenises every word, ten times slower); the result is the same.
        return english_zipfs().get(word, 0.0)
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")
