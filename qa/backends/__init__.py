"""Backend registry. Entries are import paths, so the model stack (torch,
transformers, the native engine) is imported only by the backend that runs.
Other packages add backends through the ``mtqa.backends`` entry-point group."""

from __future__ import annotations

from qa.backends.base import Backend, NoBackend
from qa.backends.extras import require_backend_extra
from qa.errors import PluginError, UsageError
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
#: The engine alone: the torch scorer of bergamot-torch costs ~1.5-1.9x its time
#: (docs/backends.md), and the plain install has no torch.
DEFAULT_BACKEND = "bergamot"


def register_backend(name: str, backend: str | type[Backend]) -> None:
    """Add a backend class (or a "module:Class" path); tests register fakes here."""
    BACKENDS[name] = backend


def backend_class(name: str) -> type[Backend]:
    return BACKENDS.load(name)


def load_backend(name: str, **options) -> Backend:
    """The backend called ``name``; an option it does not use is a usage error naming it."""
    require_backend_extra(name)
    cls = backend_class(name)
    unused = [option for option in options if option not in cls.options]
    if unused:
        raise UsageError(f"--backend {name} does not use {', '.join(_flag_and_users(option) for option in unused)}")
    return cls(**options)


def _flag_and_users(option: str) -> str:
    """"--model (used by: transformers, ctranslate2)": the option as the CLI spells it, and who uses it."""
    users = [name for name in BACKENDS if _declares(name, option)]
    flag = "--" + option.replace("_", "-")
    return f"{flag} (used by: {', '.join(users)})" if users else flag


def _declares(name: str, option: str) -> bool:
    try:
        return option in backend_class(name).options
    except PluginError:  # a backend whose dependencies are missing names nothing
        return False


__all__ = ["Backend", "BACKENDS", "DEFAULT_BACKEND", "NoBackend", "PLUGIN_GROUP", "backend_class", "load_backend", "register_backend"]
