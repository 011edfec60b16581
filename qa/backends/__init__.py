"""Backend registry. Entries are import paths, so the model stack (torch,
transformers, the native engine) is imported only by the backend that runs.
Other packages add backends through the ``mtqa.backends`` entry-point group."""

from __future__ import annotations

from importlib import import_module

from qa.backends.base import Backend, NoBackend
from qa.errors import BackendError, UsageError

BACKENDS: dict[str, str | type[Backend]] = {
    "bergamot": "qa.backends.bergamot:BergamotBackend",
    "bergamot-torch": "qa.backends.bergamot_torch:BergamotTorchBackend",
    "transformers": "qa.backends.hf_transformers:TransformersBackend",
    "ctranslate2": "qa.backends.hf_ctranslate2:CTranslate2Backend",
    "none": NoBackend,
}
DEFAULT_BACKEND = "bergamot-torch"


def register_backend(name: str, backend: str | type[Backend]) -> None:
    """Add a backend class (or a "module:Class" path); tests register fakes here."""
    BACKENDS[name] = backend


#: Installed packages add backends under this entry-point group ("name = module:Class").
PLUGIN_GROUP = "mtqa.backends"


def _plugins() -> dict[str, str]:
    from importlib.metadata import entry_points

    return {entry.name: entry.value for entry in entry_points(group=PLUGIN_GROUP)}


def backend_class(name: str) -> type[Backend]:
    # Plugins are looked up only for a name mtqa does not know, so --help stays fast.
    target = BACKENDS.get(name) or _plugins().get(name)
    if target is None:
        available = ", ".join(sorted(set(BACKENDS) | set(_plugins())))
        raise UsageError(f"unknown backend {name!r}; available: {available}")
    if isinstance(target, str):
        module_name, class_name = target.split(":")
        try:
            target = getattr(import_module(module_name), class_name)
        except (ImportError, AttributeError) as exc:
            raise BackendError(f"backend {name!r} ({module_name}:{class_name}) cannot be loaded: {exc}") from exc
    return target


def load_backend(name: str, **options) -> Backend:
    return backend_class(name)(**options)


__all__ = ["Backend", "BACKENDS", "DEFAULT_BACKEND", "NoBackend", "PLUGIN_GROUP", "backend_class", "load_backend", "register_backend"]
