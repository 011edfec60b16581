"""Writes every requested format at once, atomically: each report goes to a
temporary file beside its target and is renamed into place only when the
whole run succeeded, so a failed run (an error, a full disk, Ctrl-C) leaves
the previous report or none, and no temporary file. A reporter that
``writes_to_stream`` (GitHub annotations) is buffered and goes to the
caller's stream (the CLI's stdout) at commit, just as atomically; the buffer
is a spool file, not memory."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from qa.errors import OutputError, UsageError
from qa.reports.base import Reporter, ReportMeta, Spool
from qa.records import SentenceResult, Summary
from qa.reports import temp_files


class ReportSet:
    def __init__(
        self, reporter_classes: list[type[Reporter]], out_dir: Path, stem: str, stream: TextIO | None = None
    ):
        self.out_dir = out_dir
        self._targets: list[tuple[Path, Path]] = []
        self._reporters: list[Reporter] = []
        self._streams = []
        self._stream = stream
        self._buffers: list[Spool] = []
        #: Folders this report set made (the mirrored path under --out), removed again if it is abandoned.
        self._made_dirs: list[Path] = []
        file_classes = [cls for cls in reporter_classes if not cls.writes_to_stream]
        for cls in reporter_classes:
            if cls.writes_to_stream:
                if stream is None:
                    raise UsageError(f"format {cls.name!r} writes to an output stream and none was given")
                self._buffers.append(Spool(None))
                self._reporters.append(cls(self._buffers[-1]))
        if file_classes:
            self._made_dirs = _prepare_dir(out_dir)
            # A run killed outright (SIGKILL) left its temporary files: their PID says so.
            temp_files.remove_stale(out_dir)
        try:
            for cls in file_classes:
                target = out_dir / f"{stem}.{cls.extension}"
                if target.is_dir():
                    raise OutputError("is a directory, cannot write the report there", target)
                fd, temp = temp_files.create(out_dir, stem, cls.extension)
                self._targets.append((temp, target))
                # mkstemp makes the file private (0600); a report is as readable as any new file.
                os.fchmod(fd, _NEW_FILE_MODE)
                stream = os.fdopen(fd, "wb") if cls.binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
                self._streams.append(stream)
                self._reporters.append(cls(stream))
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write reports: {exc.strerror}", out_dir) from exc
        except BaseException:  # OutputError, or Ctrl-C between two files
            self.abort()
            raise

    @property
    def paths(self) -> list[Path]:
        return [target for _, target in self._targets]

    def start(self, meta: ReportMeta) -> None:
        # Spool files go beside the reports: the same disk, and never the run's memory.
        meta = replace(meta, spool_dir=self.out_dir if self._targets else None)
        self._each(lambda reporter: reporter.start(meta))

    def handle(self, result: SentenceResult) -> None:
        self._each(lambda reporter: reporter.handle(result))

    def finish(self, summary: Summary) -> None:
        self._each(lambda reporter: reporter.finish(summary))

    def _each(self, call) -> None:
        try:
            for reporter in self._reporters:
                call(reporter)
        except OSError as exc:  # a full disk or a vanished directory
            self.abort()
            raise OutputError(f"cannot write reports: {exc.strerror}", self.out_dir) from exc

    def commit(self) -> list[Path]:
        try:
            for stream in self._streams:
                stream.flush()
                os.fsync(stream.fileno())
                stream.close()
            for temp, target in self._targets:
                os.replace(temp, target)
            if self._targets:
                _sync_dir(self.out_dir)
            for buffer in self._buffers:
                buffer.copy_to(self._stream)
        except OSError as exc:
            self.abort()
            raise OutputError(f"cannot write reports: {exc.strerror}", self.out_dir) from exc
        return self.paths

    def abort(self) -> None:
        for reporter in self._reporters:
            reporter.close()  # its spool files
        for buffer in self._buffers:
            buffer.close()
        for stream in self._streams:
            try:
                stream.close()
            except OSError:
                pass
        for temp, _ in self._targets:
            temp.unlink(missing_ok=True)
        for folder in reversed(self._made_dirs):  # deepest first; a folder another run filled stays
            try:
                folder.rmdir()
            except OSError:
                break


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_current_umask()


def _sync_dir(directory: Path) -> None:
    """Make the renames durable: a crash right after commit keeps the new reports."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _prepare_dir(out_dir: Path) -> list[Path]:
    """Make the report folder; return the folders made, outermost first."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("output path is a file, not a directory", out_dir)
    missing = [folder for folder in [out_dir, *out_dir.parents] if not folder.exists()][::-1]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output directory: {exc.strerror}", out_dir) from exc
    if not os.access(out_dir, os.W_OK):
        raise OutputError("output directory is not writable", out_dir)
    return missing
