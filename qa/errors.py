"""Library errors. The CLI turns every one of these into one line and exit code 2."""

from __future__ import annotations

from pathlib import Path


class MtqaError(Exception):
    """Base of all errors mtqa reports to a user (never a bug)."""

    def __init__(
        self, message: str, path: str | Path | None = None, line: int | None = None, column: int | None = None
    ):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        """``path:line:column: message``, as compilers say it (editors jump there)."""
        if self.path is None:
            return self.message
        where = [self.path] + [str(n) for n in (self.line, self.line and self.column) if n]
        return ":".join(where) + ": " + self.message


class InputError(MtqaError):
    """An input file (copy or glossary) cannot be read or is malformed."""


class UsageError(MtqaError):
    """The caller asked for something that does not exist or does not fit."""


class PluginError(MtqaError):
    """A registered backend, reader, reporter, check or signal cannot be imported."""


class BackendError(MtqaError):
    """A back-translation backend cannot be loaded or failed as a whole."""


class OutputError(MtqaError):
    """A report cannot be written."""


class CacheError(MtqaError):
    """The translation cache cannot be opened, read or written."""


class WorkerError(MtqaError):
    """A helper process of mtqa ended unexpectedly (killed from outside, e.g. by the OOM killer)."""
