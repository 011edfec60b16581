"""Backend registry. Entries are import paths, so the model stack (torch,
transformers, the native engine) is imported only by the backend that runs.
Other packages add backends through the ``mtqa.backends`` entry-point group."""

from __future__ import annotations

from qa.backends.base import Backend, NoBackend
from qa.registry import Registry

#: Installed packages add backends under this entry-point group ("name = module:Class").
PLUGIN_GROUP = "mtqa.backends"

BACKENDS = Registry(
    "backend",
    PLUGIN_GROUP,
    {
        "bergamot": "qa.backends.bergamot:BergamotBackend",
        "bergamot-torch": "qa.backends.bergamot_torch:BergamotTorchBackend",
        "transformers": "qa.backends.hf_transformers:TransformersBackend",
        "ctranslate2": "qa.backends.hf_ctranslate2:CTranslate2Backend",
        "none": NoBackend,
    },
)
DEFAULT_BACKEND = "bergamot-torch"


def register_backend(name: str, backend: str | type[Backend]) -> None:
    """Add a backend class (or a "module:Class" path); tests register fakes here."""
    BACKENDS[name] = backend


def backend_class(name: str) -> type[Backend]:
    return BACKENDS.load(name)


def load_backend(name: str, **options) -> Backend:
    return backend_class(name)(**options)


__all__ = ["Backend", "BACKENDS", "DEFAULT_BACKEND", "NoBackend", "PLUGIN_GROUP", "backend_class", "load_backend", "register_backend"]
