"""What the XML entity guard costs, as ratios against translate-toolkit's own
parse measured in the same run (best of several repeats; CPU contention on a
shared machine moves absolute times, much less the ratios).

    .venv/bin/python benchmarks/xml_guard.py [UNITS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from translate.storage.xliff import Xliff1File

from qa.errors import InputError
from qa.readers.xml_guard import check_xml
from qa.readers.xml_units import XliffReader

UNIT = (
    '<trans-unit id="u{n}"><source>O plano foi definido por Keir Starmer no encontro {n}.</source>'
    "<target>The plan was set by Ir Kiel at meeting {n}. It is a basin moment.</target></trans-unit>\n"
)


def xliff(units: int, prolog: str = "") -> bytes:
    body = "".join(UNIT.format(n=n) for n in range(units))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'<file original="a" source-language="pt" target-language="en"><body>\n{body}</body></file></xliff>\n'
    ).encode()


def billion_laughs(levels: int = 10) -> bytes:
    declarations = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels)]
    return xliff(1, "<!DOCTYPE xliff [\n" + "\n".join(declarations) + "\n]>\n").replace(
        b"It is a basin moment.", f"&lol{levels - 1};".encode()
    )


def best(call, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def refuse(data: bytes, path: Path) -> None:
    try:
        check_xml(data, path)
    except InputError:
        return
    raise AssertionError("the bomb was not refused")


def main(units: int) -> None:
    data = xliff(units)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.xlf"
        path.write_bytes(data)
        parse = best(lambda: Xliff1File.parsestring(data))
        guard = best(lambda: check_xml(data, path))
        read = best(lambda: sum(1 for _ in XliffReader().units(path)))
        bomb = billion_laughs()
        refusal = best(lambda: refuse(bomb, path))
        small = xliff(1)
        small_guard = best(lambda: check_xml(small, path))
    print(f"XLIFF 1.2, {units} units, {len(data) / 1e6:.2f} MB")
    print(f"  translate-toolkit parse (baseline)        1.00   ({parse * 1e3:.1f} ms)")
    print(f"  entity guard alone                        {guard / parse:.2f}")
    print(f"  mtqa reader units (guard + parse + walk)  {read / parse:.2f}")
    print(f"billion laughs ({len(bomb)} bytes, 10^10 'lol's if expanded)")
    print(f"  refusal / guard on a 1-unit file          {refusal / small_guard:.2f}   ({refusal * 1e6:.0f} µs)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
