"""Temporary report files, named after the process that writes them.

A run killed outright (SIGKILL, a power cut) cannot remove its temporary
files; the next run into the same folder removes those whose writer is gone,
and never those of a run that is still going (two runs may share ``--out``).
The name holds the host too: on a shared network folder a PID says nothing
about another machine's processes, so only this host's files are judged.
"""

from __future__ import annotations

import os
import re
import socket
import tempfile
from pathlib import Path

# ".{stem}.{extension}.mtqa-{host}-{pid}-{random}.tmp"; mkstemp's random part is [a-z0-9_].
_NAME = re.compile(r"\..+\.mtqa-(?P<host>[A-Za-z0-9._]*)-(?P<pid>[0-9]+)-[a-z0-9_]+\.tmp")


def create(out_dir: Path, stem: str, extension: str) -> tuple[int, Path]:
    """A new private temporary file for one report: (open descriptor, path)."""
    prefix = f".{stem}.{extension}.mtqa-{_host()}-{os.getpid()}-"
    fd, path = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=out_dir)
    return fd, Path(path)


def remove_stale(out_dir: Path) -> list[Path]:
    """Remove this host's temporary reports whose writing process is gone; return them."""
    removed = []
    try:
        entries = list(os.scandir(out_dir))
    except OSError:
        return removed  # writing the reports will say what is wrong with the folder
    for entry in entries:
        match = _NAME.fullmatch(entry.name)
        if not match or match["host"] != _host() or _running(int(match["pid"])):
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass  # another run removed it first, or it is not ours to remove
    return removed


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname())[:40]


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # no check that cannot also end the process: keep the file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True
