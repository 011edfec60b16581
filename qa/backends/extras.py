"""Which install extra each built-in backend needs, checked before it loads.

The plain install runs ``bergamot`` and ``none``; the model stack comes with
extras (pyproject.toml). A backend whose extra is missing is a usage error
naming the extra, never a silent switch to another backend: the report's
signature is a function of the command line and the input only.
"""

from __future__ import annotations

from importlib.util import find_spec

from qa.errors import UsageError

#: backend -> (extra, the modules it imports). Plugins' backends declare their own needs.
BACKEND_EXTRAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "bergamot-torch": ("torch", ("torch", "tokenizers", "numpy")),
    "transformers": ("hf", ("torch", "transformers", "sentencepiece")),
    "ctranslate2": ("ctranslate2", ("ctranslate2", "transformers", "sentencepiece")),
}


def missing_modules(modules: tuple[str, ...]) -> list[str]:
    return [module for module in modules if find_spec(module) is None]


def require_extra(extra: str, modules: tuple[str, ...], what: str) -> None:
    """Raise a UsageError naming ``pip install 'mtqa[extra]'`` when a module is missing."""
    missing = missing_modules(modules)
    if missing:
        raise UsageError(
            f"{what} needs the extra mtqa[{extra}] ({', '.join(missing)} not installed): "
            f"pip install 'mtqa[{extra}]' (docs/install.md)"
        )


def require_backend_extra(backend: str) -> None:
    if backend in BACKEND_EXTRAS:
        extra, modules = BACKEND_EXTRAS[backend]
        require_extra(extra, modules, f"--backend {backend}")
