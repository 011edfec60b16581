"""One lazy registry for everything mtqa looks up by name: backends, readers,
reporters, checks and signals.

An entry is a class or a ``"module:Class"`` path imported on first use, so a
name that is never asked for costs nothing (``mtqa --help`` imports no model
stack). Installed packages add entries under an entry-point group
(``[project.entry-points."mtqa.backends"] name = "module:Class"``); the group
is read only for a name mtqa does not know, because reading it scans every
installed distribution.

One error policy: an unknown name is a ``UsageError`` listing the available
names; an entry that cannot be imported is a ``PluginError`` naming it.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from importlib import import_module

from qa.errors import PluginError, UsageError

class Registry(MutableMapping):
    """``name -> class`` for one kind of thing, built in plus plugins.

    It is a mapping of the built-in entries (a class or a "module:Class"
    string), so tests register fakes with ``registry[name] = FakeClass``
    (or ``monkeypatch.setitem``).
    """

    def __init__(self, kind: str, group: str, entries: dict[str, str | type]):
        self.kind = kind  # what the user calls one entry: "backend", "input format" ...
        self.group = group
        self._entries: dict[str, str | type] = dict(entries)

    # The mapping of built-in (and registered) entries.
    def __getitem__(self, name: str) -> str | type:
        return self._entries[name]

    def __setitem__(self, name: str, target: str | type) -> None:
        self._entries[name] = target

    def __delitem__(self, name: str) -> None:
        del self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Registry({self.kind!r}, {self.group!r}, {self._entries!r})"

    def plugins(self) -> dict[str, str]:
        """Entries that installed packages declare under this registry's group."""
        from importlib.metadata import entry_points

        return {entry.name: entry.value for entry in entry_points(group=self.group)}

    def available(self) -> list[str]:
        """Every name that resolves: built in first (in registration order), then plugins."""
        return list(dict.fromkeys([*self._entries, *sorted(self.plugins())]))

    def knows(self, name: str) -> bool:
        return name in self._entries or name in self.plugins()

    def load(self, name: str) -> type:
        """The class registered as ``name``, imported now if it is a path."""
        target = self._entries.get(name) or self.plugins().get(name)
        if target is None:
            raise UsageError(f"unknown {self.kind} {name!r}; available: {', '.join(self.available())}")
        return target if not isinstance(target, str) else self._import(name, target)

    def _import(self, name: str, target: str) -> type:
        module_name, _, attribute = target.partition(":")
        try:
            return getattr(import_module(module_name), attribute)
        except (ImportError, AttributeError, ValueError) as exc:
            # ValueError: an empty module name ("x = :Cls" in a plugin's metadata).
            raise PluginError(f"{self.kind} {name!r} ({target}) cannot be loaded: {exc}") from exc


__all__ = ["Registry"]
