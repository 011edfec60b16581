"""The one lazy registry behind backends, readers, reporters, checks and signals:
every built-in entry resolves, one error policy, plugins through entry points."""

from __future__ import annotations

import importlib.metadata
from importlib.metadata import EntryPoint

import pytest

from qa.backends import BACKENDS, Backend, backend_class
from qa.checks import CHECKS, Check
from qa.errors import PluginError, UsageError
from qa.readers import READERS, Reader, reader_for
from qa.readers.text import TextReader
from qa.registry import Registry
from qa.reports import REPORTERS, Reporter, reporter_class
from qa.signals import SIGNALS, Signal

REGISTRIES = [
    (BACKENDS, Backend, "mtqa.backends"),
    (READERS, Reader, "mtqa.readers"),
    (REPORTERS, Reporter, "mtqa.reporters"),
    (CHECKS, Check, "mtqa.checks"),
    (SIGNALS, Signal, "mtqa.signals"),
]


class PluginReporter(Reporter):
    """A report format that an installed package would add."""

    suffix = ".plugin"


class ShoutReader(TextReader):
    """An input format that an installed package would add: ``.shout`` files, read as text."""

    name = "shout"
    suffixes = (".shout",)


class TxtClaimingReader(TextReader):
    """A plugin that claims a suffix a built-in reader takes: the built-in wins."""

    suffixes = (".txt",)


def _fake_entry_points(group_entries: dict[str, dict[str, str]]):
    def entry_points(*, group: str):
        return [EntryPoint(name, value, group) for name, value in group_entries.get(group, {}).items()]

    return entry_points


@pytest.mark.parametrize("registry, base, group", REGISTRIES, ids=[r[2] for r in REGISTRIES])
def test_every_built_in_entry_imports_as_its_kind(registry, base, group):
    assert registry.group == group
    for name in registry:
        assert issubclass(registry.load(name), base), name


@pytest.mark.parametrize("registry, base, group", REGISTRIES, ids=[r[2] for r in REGISTRIES])
def test_unknown_name_is_a_usage_error_listing_the_names(registry, base, group):
    with pytest.raises(UsageError) as raised:
        registry.load("no-such-thing")
    message = str(raised.value)
    assert f"unknown {registry.kind} 'no-such-thing'" in message
    assert all(name in message for name in registry)


def test_an_entry_that_cannot_be_imported_is_a_plugin_error_naming_it():
    registry = Registry("report format", "mtqa.reporters", {"broken": "qa.no_such_module:Nothing", "typo": "qa.errors:Nope"})
    with pytest.raises(PluginError, match=r"report format 'broken' \(qa.no_such_module:Nothing\) cannot be loaded"):
        registry.load("broken")
    with pytest.raises(PluginError, match=r"report format 'typo' \(qa.errors:Nope\)"):
        registry.load("typo")


def test_a_plugin_reporter_comes_from_its_entry_point_group(monkeypatch):
    value = f"{__name__}:PluginReporter"
    monkeypatch.setattr(importlib.metadata, "entry_points", _fake_entry_points({"mtqa.reporters": {"plugin": value}}))
    assert reporter_class("plugin") is PluginReporter
    assert "plugin" in REPORTERS.available()
    with pytest.raises(UsageError) as raised:  # the entry is in another group
        backend_class("plugin")
    assert "plugin" not in str(raised.value).split("available:")[1]


def test_a_plugin_reader_takes_the_suffix_no_built_in_reader_takes(monkeypatch, tmp_path):
    entries = {"mtqa.readers": {"shout": f"{__name__}:ShoutReader", "txt-again": f"{__name__}:TxtClaimingReader"}}
    monkeypatch.setattr(importlib.metadata, "entry_points", _fake_entry_points(entries))
    path = tmp_path / "copy.shout"
    path.write_text("THE PLAN WORKS.\n", encoding="utf-8")
    assert isinstance(reader_for(path), ShoutReader)
    assert [sentence.text for sentence in reader_for(path).read(path)] == ["THE PLAN WORKS."]
    assert type(reader_for(tmp_path / "copy.txt")) is TextReader  # built-ins are tried first


def test_plugins_are_looked_up_only_for_names_mtqa_does_not_know(monkeypatch):
    def no_scan(**_):
        raise AssertionError("entry points scanned for a built-in name")

    monkeypatch.setattr(importlib.metadata, "entry_points", no_scan)
    assert reporter_class("json").__name__ == "JsonReporter"
    assert backend_class("none").name == "none"


def test_a_plugin_that_cannot_be_imported_names_its_entry(monkeypatch):
    monkeypatch.setattr(
        importlib.metadata, "entry_points", _fake_entry_points({"mtqa.backends": {"gone": "gone_package:Backend"}})
    )
    with pytest.raises(PluginError, match=r"backend 'gone' \(gone_package:Backend\) cannot be loaded"):
        backend_class("gone")


def test_registered_fakes_can_be_added_and_removed():
    registry = Registry("check", "mtqa.checks", {})
    registry["fake"] = PluginReporter
    assert registry.load("fake") is PluginReporter and list(registry) == ["fake"]
    del registry["fake"]
    assert "fake" not in registry
