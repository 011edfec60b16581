"""A CPU-time sampling profile of one ``mtqa`` command's main process (not its forked worker).

    .venv/bin/python benchmarks/sample_profile.py [--every-ms 2] [--top 40] -- check copy.txt --backend none ...

Every ``--every-ms`` of the process's CPU time (ITIMER_PROF), the main thread's stack is
recorded; a forked child inherits no timer, so only the main process is sampled. Prints,
per function, the share of samples where it is on the stack (inclusive) and on top (self),
and the process's CPU seconds. Unlike cProfile, the overhead does not grow with the number
of calls, so the shares of many small functions are not inflated.
"""

from __future__ import annotations

import argparse
import collections
import os
import resource
import runpy
import signal
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every-ms", type=float, default=2.0)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--worker", action="store_true", help="profile the forked worker instead of the main process")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    inclusive: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    callers: collections.Counter = collections.Counter()
    samples = [0]

    def sample(signum, frame) -> None:
        samples[0] += 1
        seen = set()
        own[_name(frame)] += 1
        if frame.f_back is not None:
            callers[(_name(frame), _name(frame.f_back))] += 1
        while frame is not None:
            name = _name(frame)
            if name not in seen:
                seen.add(name)
                inclusive[name] += 1
            frame = frame.f_back

    signal.signal(signal.SIGPROF, sample)
    interval = args.every_ms / 1000
    if args.worker:
        os.register_at_fork(after_in_child=lambda: _in_child(inclusive, own, samples, interval, args.top))
    else:
        signal.setitimer(signal.ITIMER_PROF, interval, interval)
    sys.argv = ["mtqa", *command]
    try:
        runpy.run_module("qa", run_name="__main__", alter_sys=True)
    except SystemExit:
        pass
    finally:
        if not args.worker:
            signal.setitimer(signal.ITIMER_PROF, 0, 0)
            usage = resource.getrusage(resource.RUSAGE_SELF)
            _print(inclusive, own, samples[0], usage.ru_utime + usage.ru_stime, args.top)
            sys.stderr.write("top self time by caller:\n")
            for (name, caller), count in callers.most_common(args.top // 2):
                sys.stderr.write(f"{100 * count / samples[0]:7.1f}  {name} <- {caller}\n")
    return 0


class _Anchor:  # multiprocessing's after-fork registry holds weak references
    pass


_KEEP = _Anchor()


def _in_child(inclusive, own, samples, interval: float, top: int) -> None:
    """In the forked worker: count from zero, and print when its process ends (multiprocessing
    runs its finalizers before os._exit; it clears those registered before its after-fork hooks)."""
    from multiprocessing import util

    inclusive.clear(), own.clear()
    samples[0] = 0
    start = resource.getrusage(resource.RUSAGE_SELF)

    def report() -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime - start.ru_utime - start.ru_stime
        _print(inclusive, own, samples[0], cpu, top, "worker")

    util.register_after_fork(_KEEP, lambda _: util.Finalize(None, report, exitpriority=0))
    signal.setitimer(signal.ITIMER_PROF, interval, interval)


def _name(frame) -> str:
    code = frame.f_code
    path = code.co_filename
    short = path.split("/qa/", 1)[1] if "/qa/" in path else path.rsplit("/", 1)[-1]
    return f"{short}:{code.co_name}"


def _print(inclusive, own, total: int, cpu: float, top: int, which: str = "main process") -> None:
    out = sys.stderr
    out.write(f"\n{which}: {cpu:.2f} CPU s, {total} samples\n{'incl %':>7}{'self %':>8}{'incl s':>8}  function\n")
    for name, count in inclusive.most_common(top):
        out.write(f"{100 * count / total:7.1f}{100 * own[name] / total:8.1f}{cpu * count / total:8.2f}  {name}\n")
    out.write("top by self time:\n")
    for name, count in own.most_common(top // 2):
        out.write(f"{100 * count / total:7.1f}  {name}\n")


if __name__ == "__main__":
    sys.exit(main())
