"""Writing a user's file in place: a temporary file beside it, renamed over it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from qa.errors import OutputError


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: an interrupted write leaves the old file or the new one,
    never half of one; the file keeps its permissions (a new one gets 0644). The temporary
    name carries the PID, so parallel writers never touch each other's files."""
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".mtqa-{os.getpid()}.tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, mode)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path) from exc
