"""Backend registry. Entries are import paths, so the model stack (torch,
transformers, the native engine) is imported only by the backend that runs."""

from __future__ import annotations

from importlib import import_module

from qa.backends.base import Backend, NoBackend
from qa.errors import UsageError

BACKENDS: dict[str, str | type[Backend]] = {
    "bergamot": "qa.backends.bergamot:BergamotBackend",
    "transformers": "qa.backends.hf_transformers:TransformersBackend",
    "ctranslate2": "qa.backends.hf_ctranslate2:CTranslate2Backend",
    "none": NoBackend,
}
DEFAULT_BACKEND = "bergamot"


def register_backend(name: str, backend: str | type[Backend]) -> None:
    """Add a backend class (or a "module:Class" path); tests register fakes here."""
    BACKENDS[name] = backend


def backend_class(name: str) -> type[Backend]:
    try:
        target = BACKENDS[name]
    except KeyError:
        raise UsageError(f"unknown backend {name!r}; available: {', '.join(sorted(BACKENDS))}") from None
    if isinstance(target, str):
        module_name, class_name = target.split(":")
        target = getattr(import_module(module_name), class_name)
    return target


def load_backend(name: str, **options) -> Backend:
    return backend_class(name)(**options)


__all__ = ["Backend", "BACKENDS", "DEFAULT_BACKEND", "NoBackend", "backend_class", "load_backend", "register_backend"]
