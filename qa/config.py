"""Settings kept in the repository: ``mtqa.toml``, or ``[tool.mtqa]`` in pyproject.toml.

Searched from the working directory up: the first directory holding an
``mtqa.toml`` or a pyproject.toml with a ``[tool.mtqa]`` table is the
project's; both files there are read, and ``mtqa.toml`` wins key by key.
The command line wins over both (``Settings.over``). Paths in a file are
relative to that file's directory.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path

from qa.errors import InputError, MtqaError, UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "mtqa.toml"
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    """What a run is told; None: not set at this level."""

    glossary: tuple[Path, ...] | None = None
    format: tuple[str, ...] | None = None
    fail_under: float | None = None
    fail_on: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    backend: str | None = None
    out: Path | None = None
    #: Rule code -> severity; merged code by code across levels.
    severity: dict[str, str] | None = None

    def over(self, lower: "Settings") -> "Settings":
        """These settings, with ``lower``'s where these are not set."""
        merged = {f.name: getattr(self, f.name) for f in fields(self)}
        for name, value in merged.items():
            if value is None:
                merged[name] = getattr(lower, name)
        if self.severity is not None and lower.severity is not None:
            merged["severity"] = {**lower.severity, **self.severity}
        return Settings(**merged)


def find_config(start: Path) -> list[Path]:
    """The config files of the project around ``start``, lowest precedence first."""
    for folder in [start, *start.parents]:
        found = [path for path in (folder / PYPROJECT, folder / CONFIG_NAME) if _is_config(path)]
        if found:
            return found
    return []


def _is_config(path: Path) -> bool:
    if not path.is_file():
        return False
    return path.name == CONFIG_NAME or "mtqa" in _parse(path).get("tool", {})


def defaults() -> Settings:
    """What a run uses when neither the command line nor a config file says."""
    from qa.backends import DEFAULT_BACKEND
    from qa.reports import DEFAULT_FORMATS

    return Settings(
        glossary=(), format=tuple(DEFAULT_FORMATS), fail_on="error", select=(), ignore=(),
        backend=DEFAULT_BACKEND, out=Path("reports"), severity={},
    )


def resolve(given: Settings, start: Path | None = None) -> Settings:
    """Command line > mtqa.toml > [tool.mtqa] > defaults."""
    return given.over(load_settings(start)).over(defaults())


def formats_named(given: Settings, start: Path | None = None) -> bool:
    """Whether the command line or a config file names the report formats: if neither does,
    a terminal also gets the flag lines (``text``); hooks and CI pass ``--format`` themselves."""
    return given.over(load_settings(start)).format is not None


def rule_selection(settings: Settings):
    from qa.rules import RuleSelection

    return RuleSelection.parse(settings.select or (), settings.ignore or (), settings.severity, settings.fail_on)


def listed(text: str | None) -> tuple[str, ...] | None:
    """A comma-separated option: None when not given."""
    return None if text is None else tuple(item.strip() for item in text.split(",") if item.strip())


def parse_severity_option(text: str | None) -> dict[str, str] | None:
    """``--severity G102=error,T201=info`` -> {"G102": "error", "T201": "info"}."""
    if not text:
        return None
    levels = {}
    for item in text.split(","):
        code, equals, level = item.partition("=")
        if not equals or not code.strip() or not level.strip():
            raise UsageError(f"--severity takes CODE=LEVEL pairs (G102=error,T201=info), not {item.strip()!r}")
        levels[code.strip()] = level.strip()
    return levels


def load_settings(start: Path | None = None) -> Settings:
    """The settings of the config files found from ``start`` (the working directory) up."""
    settings = Settings()
    for path in find_config((start or Path.cwd()).resolve()):
        settings = read_config(path).over(settings)
    return settings


def read_config(path: Path) -> Settings:
    """One file's settings; an unknown key or a bad value is an InputError naming the file."""
    table = _parse(path)
    if path.name != CONFIG_NAME:
        table = table.get("tool", {}).get("mtqa", {})
    values = {}
    for key, value in table.items():
        parse = _KEYS.get(key)
        if parse is None:
            known = ", ".join(_KEYS)
            raise InputError(f"unknown key {key!r} (known: {known})", path, _line_of(path, key))
        try:
            values[key.replace("-", "_")] = parse(value, path.parent)
        except (MtqaError, TypeError, ValueError) as exc:
            message = exc.message if isinstance(exc, MtqaError) else str(exc)
            raise InputError(f"{key}: {message}", path, _line_of(path, key)) from None
    return replace(Settings(), **values)


def _parse(path: Path) -> dict:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_in_message(str(exc))
        raise InputError(f"not valid TOML: {exc}", path, line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot be read: {exc}", path) from None


def _line_in_message(message: str) -> int | None:
    found = re.search(r"at line (\d+)", message)
    return int(found.group(1)) if found else None


def _line_of(path: Path, key: str) -> int | None:
    """The line a key is set on (tomllib keeps no positions); None if not found plainly."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=.]|^\s*\[(tool\.mtqa\.)?{re.escape(key)}\]")
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return next((number for number, line in enumerate(lines, 1) if pattern.match(line)), None)


def _strings(value, folder: Path) -> tuple[str, ...]:
    """A list of strings, or one comma-separated string (as on the command line)."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise TypeError(f"expected a string or a list of strings, not {value!r}")
    return tuple(item.strip() for item in items if item.strip())


def _paths(value, folder: Path) -> tuple[Path, ...]:
    items = [value] if isinstance(value, str) else value
    return tuple(_path(item, folder) for item in _strings(items, folder))


def _path(value, folder: Path) -> Path:
    if not isinstance(value, str) or not value:
        raise TypeError(f"expected a path, not {value!r}")
    return folder / value


def _backend(value, folder: Path) -> str:
    from importlib.metadata import entry_points

    from qa.backends import BACKENDS, PLUGIN_GROUP

    name = _text(value, folder)
    if name not in BACKENDS and name not in {entry.name for entry in entry_points(group=PLUGIN_GROUP)}:
        raise ValueError(f"unknown backend {name!r}; available: {', '.join(BACKENDS)}")
    return name


def _text(value, folder: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"expected a name, not {value!r}")
    return value.strip()


def _score(value, folder: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise ValueError(f"expected a score from 0 to 100, not {value!r}")
    return float(value)


def _formats(value, folder: Path) -> tuple[str, ...]:
    from qa.reports import REPORTERS

    names = _strings(value, folder)
    for name in names:
        if name not in REPORTERS:
            raise ValueError(f"unknown report format {name!r}; available: {', '.join(REPORTERS)}")
    return names


def _fail_on(value, folder: Path) -> str:
    from qa.rules import parse_fail_on

    return parse_fail_on(_text(value, folder)).value


def _codes(value, folder: Path) -> tuple[str, ...]:
    from qa.rules import check_codes

    return tuple(check_codes(_strings(value, folder)))


def _severities(value, folder: Path) -> dict[str, str]:
    from qa.rules import check_codes, parse_severity

    if not isinstance(value, dict):
        raise TypeError(f"expected a table of rule = severity, not {value!r}")
    levels = [parse_severity(level, f"severity of {code}").value for code, level in value.items()]
    return dict(zip(check_codes(value), levels))


_KEYS = {
    "glossary": _paths,
    "format": _formats,
    "fail-under": _score,
    "fail-on": _fail_on,
    "select": _codes,
    "ignore": _codes,
    "backend": _backend,
    "out": _path,
    "severity": _severities,
}
